/**
 * Exact second moments S_m = E‖p^(m)‖₂² (and the cross moments
 * C[a][b] = E Σ_i p_i^(a) p_i^(b)) of recursive training under ANY schedule
 * of the simulator (eq. 5; §2.2, §4.2, Accumulate, custom), both sample modes,
 * computed by a moment recursion — no simulation. It generalises the proofs
 * of Theorem 1 (Fully Synthetic, eq. 6) and Theorem 2 (Partially Synthetic,
 * eq. 9 sign-corrected) in Appendix B, and reproduces them exactly.
 *
 * Method (derivation in docs/exact.md): write every
 * training sample as a one-hot vector Z; then
 * E Σ_i Z_{a,i} Z_{b,i} is 1 for a = b, S_t for two samples of source t, and
 * for samples of sources t < u it equals E Σ_i Z_{a,i} p_i^(u), which follows
 * the same recursion as p^(u) itself. Only the class of a sample (the set of
 * generations that train on it) matters, and everything depends on p only
 * through S0 = ‖p‖₂² (the recursion is linear with inhomogeneous terms
 * Σ p_i = 1 and Σ p_i² = S0). Random splits (Randomly Sampled Data,
 * Accumulate-subsample) are averaged exactly through the moments of the
 * multinomial and hypergeometric splits, which are independent of every
 * quantity they multiply.
 *
 * Engines (classes-engine.ts, random-engine.ts, pool-engine.ts in this
 * folder; shared notation in engine.ts), all generic over the number type
 * (field.ts: doubles, or exact rationals in {@link exactSecondMomentsRational}):
 * - deterministic counts (`fullySynthetic`, `partiallySynthetic`,
 *   `mostRecent`, `customSchedule`): the class engine, O(M·(W + |sources|)·(|sources| + L))
 *   with W the largest synthetic lag and L the classes per source
 *   (Most Recent: O(M·K³); Fully/Partially Synthetic: O(M));
 * - `randomlySampled`: O(M²·n) (O(M²) when no source is reused);
 * - `accumulate`, `accumulateSubsample`: O(M²) time, O(M) memory.
 *
 * @module
 */
import { Rational } from '../../numeric/rational.ts';
import type { Schedule } from '../../theory/schedules.ts';
import { checkOptions } from '../../validate.ts';
import { DEFAULT_MAX_RATIONAL_OPERATIONS, DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS, type SecondMomentsCost } from './cost.ts';
import { NUMBER_FIELD, RATIONAL_FIELD } from './field.ts';
import { readCross, readGenerations, readLimits, readS0, readS0Rational } from './options.ts';
import { prepare, run } from './plan.ts';
import type { ExactSecondMoments, ExactSecondMomentsOptions, ExactSecondMomentsRational, ExactSecondMomentsRationalOptions } from './types.ts';

export {
  DEFAULT_MAX_RATIONAL_OPERATIONS,
  DEFAULT_MAX_SECOND_MOMENTS_BYTES,
  DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS,
  SECOND_MOMENTS_RATE,
  SecondMomentsCostError,
  type SecondMomentsCost,
  type SecondMomentsMethod,
} from './cost.ts';
export type { ExactSecondMoments, ExactSecondMomentsOptions, ExactSecondMomentsRational, ExactSecondMomentsRationalOptions } from './types.ts';

// ---------------------------------------------------------------------------
// Public API

/**
 * The exact expected dispersion S_m = E‖p^(m)‖₂² of generations m = 0…M
 * under any schedule of eq. 5 — every schedule of the simulator, both sample
 * modes, random splits included — from the moment recursion that generalises
 * the proofs of Theorem 1 (eq. 6) and Theorem 2 (eq. 9, sign-corrected) in
 * Appendix B; it reproduces both exactly. By-products: E‖p^(m) − p^(1)‖₂²,
 * E‖p^(m) − p‖₂² and, on request, the cross moments C[a][b] = E Σ_i p_i^(a) p_i^(b).
 *
 * S_m depends on p only through S0 = ‖p‖₂², so either may be given.
 * Cost (estimated and checked before any work, see {@link exactSecondMomentsCost}):
 * O(M) for Fully/Partially Synthetic, O(M·K³) for Most Recent, O(M²·n) for
 * Randomly Sampled, O(M²) for Accumulate(-subsample), O(M³) at most for a
 * custom schedule without window. Doubles: relative error ≈ M·2^-53 on S_m;
 * the differences (squared distances) are accurate to ≈ M·2^-53 in absolute terms.
 * Returned values are clamped to their exact ranges (S0 ≤ S_m ≤ 1, distances ≥ 0).
 *
 * @param schedule - Any schedule (`fullySynthetic`, `partiallySynthetic`, `mostRecent`, `randomlySampled`, `accumulate`, `accumulateSubsample`, `customSchedule`), validated by `checkSchedule`.
 * @param options - `S0` or `p`, `generations` M, `crossMoments`, `maxOperations`, `maxBytes`.
 * @returns {@link ExactSecondMoments}.
 * @throws {ParameterRangeError} / {ParameterTypeError} naming the parameter for invalid input.
 * @throws {SecondMomentsCostError} when the estimate exceeds `maxOperations` or `maxBytes`.
 *
 * @example
 * ```ts
 * import { fullySynthetic, mostRecent, partiallySynthetic, randomlySampled } from 'model-collapse';
 * // Theorem 1: S_m = 1 − (1 − 1/n)^m (1 − S0)
 * exactSecondMoments(fullySynthetic({ n: 10 }), { S0: 0.1, generations: 10 }).S[10]; // => 0.68618940391
 * // Theorem 2 (sign-corrected eq. 9)
 * exactSecondMoments(partiallySynthetic({ N: 100, n: 10 }), { S0: 0.1, generations: 2 }).S[2]; // => 0.109736363636
 * // §4.2 Most Recent Models, Figure 6 (n = 10, K = 5, fresh synthetic draws), generation 500
 * const r = exactSecondMoments(mostRecent({ n: 10, K: 5 }), { S0: 0.1, generations: 500 });
 * r.S[500]; // => 0.996276192659
 * r.squaredL2FromInitial[1]; // => 0.09
 * r.squaredL2FromFirst[500]; // => 0.806276192659
 * // Randomly Sampled Data: the dispersion plateaus
 * exactSecondMoments(randomlySampled({ n: 10 }), { S0: 0.1, generations: 500 }).S[500]; // => 0.326101216096
 * ```
 */
export function exactSecondMoments(schedule: Schedule, options: ExactSecondMomentsOptions): ExactSecondMoments {
  const o = checkOptions<ExactSecondMomentsOptions>('options', options);
  const S0 = readS0(o);
  const M = readGenerations(o);
  const cross = readCross(o);
  const limits = readLimits(o, DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS);
  const prep = prepare({ schedule, generations: M, cross, limits, rational: false });
  const r = run(NUMBER_FIELD, prep, S0, cross);
  const clamp = (x: number): number => (x < S0 ? S0 : x > 1 ? 1 : x);
  const S = Float64Array.from(r.S, clamp);
  S[0] = S0;
  const fromFirst = new Float64Array(M + 1);
  const fromInitial = new Float64Array(M + 1);
  for (let m = 0; m <= M; m++) {
    const d1 = S[m] - 2 * r.C1[m] + S[1];
    fromFirst[m] = m === 1 || d1 < 0 ? 0 : d1;
    fromInitial[m] = S[m] - S0;
  }
  return {
    S,
    squaredL2FromFirst: fromFirst,
    squaredL2FromInitial: fromInitial,
    cross: r.cross === null ? null : r.cross.map((row) => Float64Array.from(row)),
    S0,
    generations: M,
    schedule: prep.schedule,
    cost: prep.cost,
  };
}

/**
 * {@link exactSecondMoments} in exact rational arithmetic: the same recursion
 * (generalising Appendix B, Theorems 1–2) run on {@link Rational}s, for a
 * rational S0 (or a rational p). Meant for small M (BigInt arithmetic; the
 * denominators grow with M and, for Randomly Sampled Data, with n): the
 * default `maxOperations` is {@link DEFAULT_MAX_RATIONAL_OPERATIONS}.
 *
 * @param schedule - Any schedule (see {@link exactSecondMoments}).
 * @param options - `S0` or `p` (Rationals), `generations`, `crossMoments`, `maxOperations`.
 * @returns {@link ExactSecondMomentsRational}.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid input; {@link SecondMomentsCostError} over budget.
 *
 * @example
 * ```ts
 * import { Rational, fullySynthetic, partiallySynthetic } from 'model-collapse';
 * const half = Rational.of(1, 2);
 * // Theorem 1 with n = 2, p = (1/2, 1/2): S_1 = 1/2 + (1/2)(1/2) = 3/4
 * exactSecondMomentsRational(fullySynthetic({ n: 2 }), { p: [half, half], generations: 1 }).S[1].toString(); // => "3/4"
 * exactSecondMomentsRational(partiallySynthetic({ N: 2, n: 1 }), { S0: half, generations: 2 }).S[2].toString(); // => "7/9"
 * ```
 */
export function exactSecondMomentsRational(schedule: Schedule, options: ExactSecondMomentsRationalOptions): ExactSecondMomentsRational {
  const o = checkOptions<ExactSecondMomentsRationalOptions>('options', options);
  const S0 = readS0Rational(o);
  const M = readGenerations(o);
  const cross = readCross(o);
  const limits = readLimits(o, DEFAULT_MAX_RATIONAL_OPERATIONS);
  const prep = prepare({ schedule, generations: M, cross, limits, rational: true });
  const r = run(RATIONAL_FIELD, prep, S0, cross);
  const two = Rational.of(2);
  return {
    S: r.S,
    squaredL2FromFirst: r.S.map((s, m) => s.sub(two.mul(r.C1[m])).add(r.S[1])),
    squaredL2FromInitial: r.S.map((s) => s.sub(S0)),
    cross: r.cross,
  };
}

/**
 * The cost estimate {@link exactSecondMoments} checks before any work: the
 * engine, multiply-adds, peak bytes and seconds (at {@link SECOND_MOMENTS_RATE}).
 * For deterministic schedules the counts are read (O(M·window) calls of a
 * custom `counts`) to find the sample classes.
 *
 * @param schedule - Any schedule.
 * @param options - `generations` M ≥ 1 and `crossMoments`.
 * @returns {@link SecondMomentsCost}.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid input; {@link SecondMomentsCostError}
 *   when a deterministic schedule would have more than 2^26 counts n_t^(m) > 0 up to M (beyond the engine's reach).
 *
 * @example
 * ```ts
 * import { accumulate, randomlySampled } from 'model-collapse';
 * exactSecondMomentsCost(randomlySampled({ n: 10 }), { generations: 500 }).method; // => 'randomSplit'
 * exactSecondMomentsCost(accumulate({ N: 100, n: 10 }), { generations: 1000 }).seconds < 1; // => true
 * ```
 */
export function exactSecondMomentsCost(schedule: Schedule, options: { generations: number; crossMoments?: boolean }): SecondMomentsCost {
  const o = checkOptions<{ generations: number; crossMoments?: boolean }>('options', options);
  const M = readGenerations(o);
  const cross = readCross(o);
  return prepare({ schedule, generations: M, cross, limits: { maxOperations: Infinity, maxBytes: Infinity }, rational: false }).cost;
}
