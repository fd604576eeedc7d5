/**
 * Exact second moments S_m = E‖p^(m)‖₂² (and the cross moments
 * C[a][b] = E Σ_i p_i^(a) p_i^(b)) of recursive training under ANY schedule
 * of the simulator (eq. 5; §2.2, §4.2, Accumulate, custom), both sample modes,
 * computed by a moment recursion — no simulation. It generalises the proofs
 * of Theorem 1 (Fully Synthetic, eq. 6) and Theorem 2 (Partially Synthetic,
 * eq. 9 sign-corrected) in Appendix B, and reproduces them exactly.
 *
 * Method (derivation in docs/_sections/exact-second-moments.md): write every
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
 * Engines (src/exact/moments-engines.ts), all generic over the number type
 * (doubles, or exact rationals in {@link exactSecondMomentsRational}):
 * - deterministic counts (`fullySynthetic`, `partiallySynthetic`,
 *   `mostRecent`, `customSchedule`): the class engine, O(M·(W + |sources|)·(|sources| + L))
 *   with W the largest synthetic lag and L the classes per source
 *   (Most Recent: O(M·K³); Fully/Partially Synthetic: O(M));
 * - `randomlySampled`: O(M²·n) (O(M²) when no source is reused);
 * - `accumulate`, `accumulateSubsample`: O(M²) time, O(M) memory.
 *
 * @module
 */
import { Rational } from '../numeric/rational.ts';
import { sigmaUnchecked } from '../distributions/statistics.ts';
import {
  checkCustomCount,
  checkSchedule,
  MAX_TRAINING_SIZE,
  mostRecentShare,
  type Schedule,
} from '../theory/schedules.ts';
import {
  checkInteger,
  checkNumber,
  checkOptions,
  checkProbabilityVector,
  ParameterRangeError,
  ParameterTypeError,
} from '../validate.ts';
import {
  classesEngine,
  classLayout,
  poolCost,
  poolEngine,
  randomCost,
  randomEngine,
  type ClassLayout,
  type ClassPlan,
  type EngineResult,
  type PoolPlan,
  type RandomPlan,
} from './moments-engines.ts';
import { NUMBER_FIELD, RATIONAL_FIELD, type MomentField } from './moments-field.ts';

/** Which engine a schedule runs on. */
export type SecondMomentsMethod = 'classes' | 'randomSplit' | 'pool';

/** Cost estimate of {@link exactSecondMoments}, checked before any work. */
export interface SecondMomentsCost {
  /** The engine. */
  method: SecondMomentsMethod;
  /** Estimated multiply-adds (an upper estimate). */
  operations: number;
  /** Estimated peak memory in bytes. */
  bytes: number;
  /** Estimated seconds in double arithmetic ({@link SECOND_MOMENTS_RATE} operations per second). */
  seconds: number;
}

/** Multiply-adds per second assumed by the estimate (measured ≈ 1–3·10⁸ for the generic double engine on the 2-core machine). */
export const SECOND_MOMENTS_RATE = 1e8;
/** Default refusal threshold on the operation count (about 30 s at {@link SECOND_MOMENTS_RATE}). */
export const DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS = 3e9;
/** Default refusal threshold on memory: 1 GiB. */
export const DEFAULT_MAX_SECOND_MOMENTS_BYTES: number = 2 ** 30;
/** Default refusal threshold on the operation count of the exact-rational variant (BigInt arithmetic). */
export const DEFAULT_MAX_RATIONAL_OPERATIONS = 2e6;

/**
 * A request of {@link exactSecondMoments} (S_m of eq. 5 schedules, Theorems 1–2
 * generalised) refused up front because its estimated cost exceeds
 * `maxOperations` or `maxBytes`; `estimate` holds the refused estimate.
 *
 * @example
 * ```ts ignore
 * import { randomlySampled } from 'model-collapse';
 * exactSecondMoments(randomlySampled({ n: 10 }), { S0: 0.1, generations: 1e6 }); // throws SecondMomentsCostError
 * ```
 */
export class SecondMomentsCostError extends ParameterRangeError {
  /** The refused estimate. */
  readonly estimate: SecondMomentsCost;
  constructor(parameter: string, value: unknown, allowed: string, estimate: SecondMomentsCost) {
    super(parameter, value, allowed);
    this.name = 'SecondMomentsCostError';
    this.estimate = estimate;
  }
}

/** Options of {@link exactSecondMoments}: give exactly one of `S0` and `p`. */
export interface ExactSecondMomentsOptions {
  /** S0 = ‖p‖₂² of the true distribution, in (0, 1]. */
  S0?: number;
  /** The true distribution p (only S0 = Σ p_i² is used: S_m depends on p through S0 alone). */
  p?: ArrayLike<number>;
  /** Last generation M ≥ 1. */
  generations: number;
  /** Also return the matrix C[a][b], 0 ≤ a, b ≤ M (memory (M + 1)²·8 bytes; default false). */
  crossMoments?: boolean;
  /** Refuse when the estimated multiply-adds exceed this (default {@link DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS}). */
  maxOperations?: number;
  /** Refuse when the estimated memory exceeds this many bytes (default 1 GiB). */
  maxBytes?: number;
}

/** Result of {@link exactSecondMoments} (arrays indexed by generation m = 0…M). */
export interface ExactSecondMoments {
  /** S[m] = E‖p^(m)‖₂², S[0] = S0. */
  S: Float64Array;
  /** E‖p^(m) − p^(1)‖₂² = S_m − 2C[1][m] + S_1 (index 0: E‖p − p^(1)‖₂² = S_1 − S0). */
  squaredL2FromFirst: Float64Array;
  /** E‖p^(m) − p‖₂² = S_m − S0 (p^(m) is unbiased, C[0][m] = S0). */
  squaredL2FromInitial: Float64Array;
  /** C[a][b] = E Σ_i p_i^(a) p_i^(b) (C[a][a] = S_a), with `crossMoments: true`; otherwise null. */
  cross: Float64Array[] | null;
  /** S0 used. */
  S0: number;
  /** M. */
  generations: number;
  /** The schedule, normalised. */
  schedule: Schedule;
  /** The engine used and its cost estimate. */
  cost: SecondMomentsCost;
}

/** Options of {@link exactSecondMomentsRational}: give exactly one of `S0` and `p`. */
export interface ExactSecondMomentsRationalOptions {
  /** S0 as an exact rational in (0, 1]. */
  S0?: Rational;
  /** p as exact rationals (≥ 0, summing to exactly 1). */
  p?: readonly Rational[];
  /** Last generation M ≥ 1. */
  generations: number;
  /** Also return the matrix C[a][b] (default false). */
  crossMoments?: boolean;
  /** Refuse when the estimated operations exceed this (default {@link DEFAULT_MAX_RATIONAL_OPERATIONS}). */
  maxOperations?: number;
}

/** Result of {@link exactSecondMomentsRational}: the same quantities as {@link ExactSecondMoments}, exact. */
export interface ExactSecondMomentsRational {
  /** S[m] = E‖p^(m)‖₂², m = 0…M. */
  S: Rational[];
  /** E‖p^(m) − p^(1)‖₂². */
  squaredL2FromFirst: Rational[];
  /** E‖p^(m) − p‖₂² = S_m − S0. */
  squaredL2FromInitial: Rational[];
  /** C[a][b] with `crossMoments: true`, else null. */
  cross: Rational[][] | null;
}

type Plan = ClassPlan | RandomPlan | PoolPlan;

interface Prepared {
  plan: Plan;
  layout: ClassLayout | null;
  cost: SecondMomentsCost;
  schedule: Schedule;
}

// ---------------------------------------------------------------------------
// Plans

function finishCost(method: SecondMomentsMethod, operations: number, bytes: number): SecondMomentsCost {
  return { method, operations, bytes, seconds: operations / SECOND_MOMENTS_RATE };
}

function refuse(cost: SecondMomentsCost, limits: Limits, generations: number): void {
  if (cost.operations > limits.maxOperations) {
    throw new SecondMomentsCostError(
      'generations',
      generations,
      `a horizon whose estimated cost fits maxOperations = ${limits.maxOperations.toExponential(2)}; this request needs about ${cost.operations.toExponential(2)} operations (${cost.method} engine, ≈ ${cost.seconds.toPrecision(3)} s): use fewer generations or raise maxOperations`,
      cost,
    );
  }
  if (cost.bytes > limits.maxBytes) {
    throw new SecondMomentsCostError(
      'generations',
      generations,
      `a horizon whose estimated memory fits maxBytes = ${limits.maxBytes}; this request needs about ${Math.ceil(cost.bytes)} bytes (${cost.method} engine): use fewer generations, no crossMoments, or raise maxBytes`,
      cost,
    );
  }
}

interface Limits {
  maxOperations: number;
  maxBytes: number;
}

/**
 * Most counts n_t^(m) > 0 the class engine reads for a deterministic schedule (2^26 ≈ 6.7·10⁷,
 * ≈ 2.7 GB of plan): beyond this the plan's arrays would exceed what V8 can allocate.
 */
const MAX_CLASS_ENTRIES = 2 ** 26;

/** Upper bound on the sparse entries n_t^(m) > 0 a deterministic schedule can have (before querying it). */
function entryBound(s: Schedule, M: number): number {
  switch (s.kind) {
    case 'fullySynthetic':
      return M;
    case 'partiallySynthetic':
      return 2 * M;
    case 'mostRecent':
      return M * s.K;
    case 'custom': {
      const w = s.window ?? Infinity;
      // Σ_m (1 + min(w, m − 1))
      if (w >= M) return M + (M * (M - 1)) / 2;
      return M + w * (M - w) + (w * (w - 1)) / 2;
    }
    default:
      return 0;
  }
}

function classPlan(s: Schedule, M: number): ClassPlan {
  const offsets = new Int32Array(M + 2);
  const totals = new Float64Array(M + 1);
  let window = 1;
  const ts: number[] = [];
  const cs: number[] = [];
  const push = (t: number, c: number): void => {
    if (c > 0) {
      ts.push(t);
      cs.push(c);
    }
  };
  for (let m = 1; m <= M; m++) {
    const start = ts.length;
    offsets[m] = start;
    switch (s.kind) {
      case 'fullySynthetic':
        push(m - 1, s.n);
        break;
      case 'partiallySynthetic':
        push(0, s.N);
        if (m >= 2) push(m - 1, s.n);
        break;
      case 'mostRecent': {
        const c = mostRecentShare(s, m);
        for (let t = Math.max(0, m - s.K); t < m; t++) push(t, c);
        break;
      }
      case 'custom': {
        if (s.lastRealGeneration === undefined || m <= s.lastRealGeneration) push(0, checkCustomCount(s, m, 0, s.counts(m, 0)));
        const from = s.window === undefined ? 1 : Math.max(1, m - s.window);
        for (let t = from; t < m; t++) push(t, checkCustomCount(s, m, t, s.counts(m, t)));
        break;
      }
      default:
        throw new Error(`internal: ${s.kind} has no class plan`);
    }
    let total = 0;
    for (let k = start; k < ts.length; k++) {
      total += cs[k];
      if (ts[k] >= 1 && m - ts[k] > window) window = m - ts[k];
    }
    if (total < 1) throw new ParameterRangeError(`schedule total n^(${m})`, total, 'an integer >= 1 (every generation needs training samples)');
    if (total > MAX_TRAINING_SIZE) throw new ParameterRangeError(`schedule total n^(${m})`, total, `an integer <= ${MAX_TRAINING_SIZE}`);
    totals[m] = total;
  }
  offsets[M + 1] = ts.length;
  return {
    kind: 'classes',
    M,
    offsets,
    sources: Int32Array.from(ts),
    counts: Float64Array.from(cs),
    totals,
    reuseReal: s.realData === 'reuse',
    reuseSynthetic: s.syntheticData === 'reuse',
    window,
  };
}

function prepare(scheduleValue: unknown, M: number, cross: boolean, limits: Limits, rational: boolean): Prepared {
  const schedule = checkSchedule(scheduleValue);
  const reuseReal = schedule.realData === 'reuse';
  const reuseSynthetic = schedule.syntheticData === 'reuse';
  const crossBytes = cross ? 8 * (M + 1) * (M + 1) * (rational ? 4 : 1) : 0;
  switch (schedule.kind) {
    case 'randomlySampled': {
      const plan: RandomPlan = { kind: 'random', M, n: schedule.n, reuseReal, reuseSynthetic };
      const c = randomCost(plan, cross);
      const cost = finishCost('randomSplit', c.operations, c.bytes + crossBytes);
      refuse(cost, limits, M);
      return { plan, layout: null, cost, schedule };
    }
    case 'accumulate':
    case 'accumulateSubsample': {
      const size = schedule.kind === 'accumulate' ? Infinity : schedule.size;
      const pool = schedule.N + (M - 1) * schedule.n;
      if (Math.min(size, pool) > MAX_TRAINING_SIZE) {
        throw new ParameterRangeError(`schedule total n^(${M})`, Math.min(size, pool), `an integer <= ${MAX_TRAINING_SIZE}`);
      }
      const plan: PoolPlan = { kind: 'pool', M, N: schedule.N, n: schedule.n, size, reuseReal, reuseSynthetic };
      const c = poolCost(plan, cross);
      const cost = finishCost('pool', c.operations, c.bytes + crossBytes);
      refuse(cost, limits, M);
      return { plan, layout: null, cost, schedule };
    }
    default: {
      // deterministic counts: first bound the work of reading them, then build the classes
      const entries = entryBound(schedule, M);
      const pre = finishCost('classes', entries, 40 * entries + crossBytes);
      if (entries > MAX_CLASS_ENTRIES) {
        // beyond what the class plan can hold (JS arrays and Int32 offsets): refuse whatever the limits,
        // exactSecondMomentsCost included (building the plan would abort the process)
        throw new SecondMomentsCostError(
          'generations',
          M,
          `a horizon whose schedule has at most ${MAX_CLASS_ENTRIES} counts n_t^(m) > 0 (this request may have ${entries.toExponential(2)}): use fewer generations or a schedule with a bounded window`,
          pre,
        );
      }
      refuse(pre, limits, M);
      const plan = classPlan(schedule, M);
      const layout = classLayout(plan, cross);
      const cost = finishCost('classes', layout.operations + entries, layout.bytes + crossBytes);
      refuse(cost, limits, M);
      return { plan, layout, cost, schedule };
    }
  }
}

function run<T>(F: MomentField<T>, prep: Prepared, S0: T, cross: boolean): EngineResult<T> {
  const { plan } = prep;
  switch (plan.kind) {
    case 'classes':
      return classesEngine(F, plan, prep.layout as ClassLayout, S0, cross);
    case 'random':
      return randomEngine(F, plan, S0, cross);
    case 'pool':
      return poolEngine(F, plan, S0, cross);
  }
}

function readGenerations(o: { generations?: unknown }): number {
  return checkInteger('generations', o.generations, { min: 1, max: 2 ** 31 - 2 });
}

function readLimits(o: { maxOperations?: unknown; maxBytes?: unknown }, defaultOperations: number): Limits {
  return {
    maxOperations: o.maxOperations === undefined ? defaultOperations : checkNumber('maxOperations', o.maxOperations, { min: 0 }),
    maxBytes: o.maxBytes === undefined ? DEFAULT_MAX_SECOND_MOMENTS_BYTES : checkNumber('maxBytes', o.maxBytes, { min: 0 }),
  };
}

function readCross(o: { crossMoments?: unknown }): boolean {
  if (o.crossMoments === undefined) return false;
  if (typeof o.crossMoments !== 'boolean') throw new ParameterTypeError('crossMoments', o.crossMoments, 'a boolean');
  return o.crossMoments;
}

function readS0(o: { S0?: unknown; p?: unknown }): number {
  if (o.S0 !== undefined && o.p !== undefined) {
    throw new ParameterRangeError('p', o.p, 'undefined when S0 is given (S_m depends on p only through S0 = Σ p_i²; give one of them)');
  }
  if (o.p !== undefined) {
    const p = checkProbabilityVector('p', o.p);
    return Math.min(1, sigmaUnchecked(p));
  }
  if (o.S0 === undefined) throw new ParameterTypeError('S0', o.S0, 'a finite number in (0, 1] (or give p)');
  return checkNumber('S0', o.S0, { min: 0, minExclusive: true, max: 1 });
}

function readS0Rational(o: { S0?: unknown; p?: unknown }): Rational {
  if (o.S0 !== undefined && o.p !== undefined) {
    throw new ParameterRangeError('p', o.p, 'undefined when S0 is given (give one of them)');
  }
  if (o.p !== undefined) {
    const allowed = 'a non-empty array of Rational >= 0 summing to exactly 1';
    if (!Array.isArray(o.p)) throw new ParameterTypeError('p', o.p, allowed);
    if (o.p.length === 0) throw new ParameterRangeError('p', o.p, allowed);
    let total = Rational.ZERO;
    let S0 = Rational.ZERO;
    o.p.forEach((x: unknown, i: number) => {
      if (!(x instanceof Rational)) throw new ParameterTypeError(`p[${i}]`, x, 'a Rational');
      if (x.sign() < 0) throw new ParameterRangeError(`p[${i}]`, x.toString(), 'a Rational >= 0');
      total = total.add(x);
      S0 = S0.add(x.mul(x));
    });
    if (!total.equals(Rational.ONE)) throw new ParameterRangeError('sum of p', total.toString(), 'exactly 1');
    return S0;
  }
  if (!(o.S0 instanceof Rational)) throw new ParameterTypeError('S0', o.S0, 'a Rational in (0, 1] (or give p)');
  if (o.S0.sign() <= 0 || o.S0.cmp(Rational.ONE) > 0) throw new ParameterRangeError('S0', o.S0.toString(), 'a Rational in (0, 1]');
  return o.S0;
}

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
  const prep = prepare(schedule, M, cross, limits, false);
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
  const prep = prepare(schedule, M, cross, limits, true);
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
  return prepare(schedule, M, cross, { maxOperations: Infinity, maxBytes: Infinity }, false).cost;
}
