/**
 * How much synthetic data can be added to N real samples? The exact answer:
 * the set of n for which the exact deviation E‖p^(m) − p^(1)‖₁ (see
 * {@link exactDeviation}) stays ≤ ε at every generation m ≤ M (default: every m),
 * for a given p or for the worst p on s tokens — side by side with eq. 11 and
 * the sets allowed by Theorems 3 and 4 (src/theory/safe-size.ts).
 *
 * Facts used (docs/exact.md):
 * - the deviation is non-decreasing in m (convex order), so "every m ≤ M" is
 *   generation M and "every m" is the stationary limit;
 * - it is NOT monotone in n: lattice effects make it dip by a relative
 *   O(1/N) when n·c/N crosses integers (e.g. N = 10, p = (½, ½): n = 9 → 10), and at
 *   a finite M it tends to 0 as n → ∞. So the set is found by a certified
 *   search plus an exact scan around every boundary, and reported as intervals;
 * - its second moment is exact: E(p_i^(m) − p_i^(1))² = A_m(n)²·p_i(1 − p_i), so
 *   Jensen gives the rigorous bound A_m(n)·Σ_i sqrt(p_i(1 − p_i)), used to certify
 *   whole ranges of n as safe without computing the deviation there.
 *
 * Layout: this entry validates and wires the parts, each a function of one explicit
 * search context (context.ts): evaluate.ts (one certified evaluation, cached),
 * second-moment-range.ts (the ranges certified without evaluating), model.ts (the model
 * guiding the steps), cost.ts (estimates and the up-front refusal), search.ts (crossings,
 * scans, the grid), search-stationary.ts / search-finite.ts (the two criteria), closure.ts
 * (the closure scan), assemble.ts (the intervals), certify.ts (the worst-case pass over
 * worst-case.ts and worst-case-pass.ts) and bracket.ts (the answer beyond the budget).
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, ParameterTypeError } from '../../validate.ts';
import { paperSafeSyntheticSize, safeSyntheticSizes, type IntegerInterval } from '../../theory/safe-size.ts';
import { ExactComputationTooLargeError, MAX_EXACT_SAMPLES } from '../deviation/budget.ts';
import { readTokenGroups, tokenSpread } from '../deviation/token-groups.ts';
import { deviationLimit, limitOperations, secondMomentSupremum } from '../deviation/limit.ts';
import { bracket } from './bracket.ts';
import { certifyWorstCase, decideAt } from './certify.ts';
import { closeBoundaries, findDecreases } from './closure.ts';
import { MAX_SEARCH_N, type Problem, type SearchContext, type SearchOutcome } from './context.ts';
import { refuseUpFront } from './cost.ts';
import { searchFinite } from './search-finite.ts';
import { searchStationary } from './search-stationary.ts';
import { jensenSafeFrom, jensenSafeUpTo } from './second-moment-range.ts';
import type { ExactSafeSyntheticSize, ExactSafeSyntheticSizeOptions, SafeSizeComparison } from './types.ts';
import { withDisplay } from '../../display/bundle.ts'; // display hook: see src/display/bundle.ts

export type { ExactSafeSyntheticSize, ExactSafeSyntheticSizeOptions, SafeSizeComparison, SafeSizeEvaluation } from './types.ts';

/**
 * Default total work of one {@link exactSafeSyntheticSize} call, in estimated multiply-adds
 * (estimates run up to a few times above the work done): 5·10^9, at most some ten seconds.
 */
export const DEFAULT_SAFE_SIZE_OPERATIONS = 5e9;

/**
 * The exact set of synthetic sample sizes n whose exact deviation
 * E‖p^(m) − p^(1)‖₁ stays ≤ ε at every generation m ≤ M (default: every m, the
 * m → ∞ limit, which is the supremum because the deviation grows with m), for a
 * given p or for the worst p on s tokens; compared with eq. 11 and Theorem 3.
 *
 * Distribution-free (no `p`): the deviation is Σ_i f(p_i), and the uniform p is NOT the
 * worst case at finite n (f is not concave). The search runs at the uniform p (its unsafe n
 * are unsafe for every p), then every boundary is decided for every p on s tokens: safe when
 * the certified upper bound on max_p Σ f(p_i) is ≤ ε (Lagrangian dual; an exact grid
 * sup-convolution for s ≤ 64), unsafe when a p found by search (`worstCase.worstP`) drifts
 * more, undecided otherwise (`status: 'bracketed'`, the n in `undecided`).
 *
 * Search: the exact second-moment (Jensen) bound certifies n ≤ `jensenSafeUpTo`
 * (and, for finite M, n ≥ `jensenSafeFrom`); the boundary is located by model-guided
 * steps and bisection on certified evaluations (a geometric grid for finite M, where the
 * deviation rises then falls with n), then every integer within `scanRadius` of a boundary
 * (and the multiples kN next to it) is evaluated exactly — the deviation is not monotone
 * in n. When affordable (`exhaustiveBudget`) every n of the relevant range is evaluated.
 * `certificate.scope` states what rests on evaluations and what on the trend.
 *
 * @param options - `{ epsilon, N, s?, p?, generations?, scanRadius = 2, maxOperations = 5e9, exhaustiveBudget = 3e8, certifyWorstCase = true }`.
 * @returns the safe intervals, maxN, certificates and the eq. 11 / Theorem 3 answers.
 * @throws ParameterRangeError / ParameterTypeError on invalid input;
 *   ExactComputationTooLargeError (with the estimate) when the search would exceed
 *   `maxOperations` — up front from the estimate, or when the budget runs out (never a partial answer).
 *
 * @example
 * ```ts
 * // N = 100, s = 2: the uniform p is safe at n = 2, p = (0.665, 0.335) is not.
 * exactSafeSyntheticSize({ epsilon: 0.011, N: 100, s: 2 }).safe.intervals; // => [{ from: 1, to: 1 }]
 * const r = exactSafeSyntheticSize({ epsilon: 0.1, N: 1000, s: 100 });
 * r.maxN; // => 242
 * r.comparison.theorem3.maxN; // => null
 * r.worstCase?.safeForEveryP; // => true
 * exactSafeSyntheticSize({ epsilon: 0.5, N: 1000, s: 100 }).safe; // => { intervals: [{ from: 1, to: Infinity }], maxN: Infinity }
 * ```
 */
export function exactSafeSyntheticSize(options: ExactSafeSyntheticSizeOptions): ExactSafeSyntheticSize {
  const o = checkOptions<ExactSafeSyntheticSizeOptions>('options', options);
  const epsilon = checkNumber('epsilon', o.epsilon, { min: 0, minExclusive: true, max: 2 });
  const N = checkInteger('N', o.N, { min: 1, max: MAX_EXACT_SAMPLES });
  const { values, counts, s, distribution } = readTokenGroups(o, 1e9);
  const M = o.generations === undefined ? null : checkInteger('generations', o.generations, { min: 2, max: 1e6 });
  const scanRadius = o.scanRadius === undefined ? 2 : checkInteger('scanRadius', o.scanRadius, { min: 0, max: 10_000 });
  const maxOperations =
    o.maxOperations === undefined ? DEFAULT_SAFE_SIZE_OPERATIONS : checkNumber('maxOperations', o.maxOperations, { min: 0, minExclusive: true });
  const exhaustiveBudget =
    o.exhaustiveBudget === undefined ? 3e8 : checkNumber('exhaustiveBudget', o.exhaustiveBudget, { min: 0 });
  let certify = true;
  if (o.certifyWorstCase !== undefined) {
    if (typeof o.certifyWorstCase !== 'boolean') throw new ParameterTypeError('certifyWorstCase', o.certifyWorstCase, 'a boolean');
    certify = o.certifyWorstCase;
  }
  const spread = tokenSpread(values, counts);
  // The n → ∞ limit is charged to the search's budget like any evaluation (a p with many distinct values and a huge N makes it costly).
  const limitEstimate = limitOperations(values, N);
  // Beyond the budget the limit is only bracketed, by [0, the second-moment supremum].
  const limit =
    limitEstimate > maxOperations
      ? { value: 0, error: secondMomentSupremum(N, spread), operations: 0 }
      : deviationLimit(values, counts, N);
  const problem: Problem = { values, counts, spread, N, M, epsilon, maxOperations, lastCounts: new Map(), limit: limit.value };
  const upTo = jensenSafeUpTo(problem, MAX_SEARCH_N);
  // sup over n and m of the exact second-moment bound (the deviation grows with m).
  const supBound = secondMomentSupremum(N, spread);
  const safeFrom = M === null ? null : jensenSafeFrom(problem);
  const ctx: SearchContext = {
    problem,
    stats: { evaluations: 0, operations: limit.operations, estimated: limitEstimate > maxOperations ? 0 : limitEstimate },
    cache: new Map(),
    predictive: false,
    s,
    limit: { value: limit.value, error: limit.error },
    supBound,
    scanRadius,
    exhaustiveBudget,
    upTo,
    safeFrom,
    scanned: [],
  };
  /** The answer is for every p on s tokens: certify the uniform p's set (worst-case pass). */
  const everyP = distribution === 'worst-case' && certify;
  let scope = '';
  let intervals: IntegerInterval[] = [];
  let exhaustive = false;
  let worstCase: ExactSafeSyntheticSize['worstCase'] = null;
  let undecided: IntegerInterval[] = [];
  const decreases: { n: number; from: number; to: number }[] = [];
  /** The full search did not fit the budget: the answer is the bracket of safe-size/bracket.ts. */
  let bracketed = false;
  try {
    // Refuse up front when about ten evaluations near the predicted boundary exceed the limit.
    refuseUpFront(ctx);
    // From here on the search's model of the deviation sets the accuracy of each evaluation.
    ctx.predictive = true;
    let outcome: SearchOutcome;
    if (supBound <= epsilon) {
      outcome = {
        intervals: [{ from: 1, to: Infinity }],
        exhaustive: false,
        scope: `every n is safe: the exact second-moment bound sqrt((1 − 1/N)/(2N + 1))·Σ sqrt(p_i(1 − p_i)) = ${supBound.toPrecision(4)} ≤ ε bounds the deviation for all n and every generation.`,
      };
    } else if (limit.value + limit.error <= epsilon) {
      outcome = {
        intervals: [{ from: 1, to: Infinity }],
        exhaustive: false,
        scope:
          `every n is safe: the deviation at any n and generation stays below its n → ∞ limit ${limit.value.toPrecision(6)} ≤ ε ` +
          `(the stationary law of each token is below Beta(2c, 2(N − c)) in convex order: verified numerically, not proved — docs/exact.md); ` +
          `the rigorous second-moment bound ${supBound.toPrecision(4)} is above ε.`,
      };
    } else if (M === null) outcome = searchStationary(ctx);
    else outcome = searchFinite(ctx);
    intervals = outcome.intervals;
    scope = outcome.scope;
    exhaustive = outcome.exhaustive;

    // Closure: every finite boundary of the reported set has its neighbours within scanRadius evaluated.
    if (!exhaustive && intervals.length > 0) intervals = closeBoundaries(ctx, intervals);

    // Decreases among consecutive evaluated integers.
    for (const d of findDecreases(ctx.cache)) decreases.push(d);

    // Distribution-free: the uniform p's set is an outer bound; certify it for every p (worst-case.ts).
    if (everyP) {
      const certified = certifyWorstCase(ctx, { intervals, exhaustive });
      intervals = certified.intervals;
      undecided = certified.undecided;
      worstCase = certified.worstCase;
    }
  } catch (error) {
    if (!(error instanceof ExactComputationTooLargeError)) throw error;
    // Beyond the budget: a certified bracket instead of a refusal.
    bracketed = true;
    const b = bracket({
      values,
      counts,
      N,
      epsilon,
      upTo,
      safeFrom,
      maxN: MAX_SEARCH_N,
      evaluations: [...ctx.cache.values()],
      decide: (n) => decideAt(ctx, n, everyP),
      reason: error.message,
    });
    intervals = b.intervals;
    undecided = b.undecided;
    scope = b.scope;
    exhaustive = false;
  }
  const maxN = intervals.length === 0 ? null : intervals[intervals.length - 1].to;
  const comparison = {
    eq11: paperSafeSyntheticSize({ epsilon, N: Math.min(N, 1e15), s }),
    theorem3: safeSyntheticSizes({ epsilon, N, s }),
  };
  return withDisplay({
    maxN,
    safe: { intervals, maxN },
    status: undecided.length === 0 && !bracketed ? 'exact' : 'bracketed',
    undecided,
    distribution: distribution === 'worst-case' && !certify ? 'uniform' : distribution,
    worstCase,
    generations: M,
    boundary: [...ctx.cache.values()].sort((x, y) => x.n - y.n),
    certificate: {
      jensenSafeUpTo: upTo,
      jensenSafeFrom: safeFrom,
      scanned: ctx.scanned,
      decreases,
      exhaustive,
      limit: { value: limit.value, error: limit.error },
      scope,
    },
    comparison,
    evaluations: ctx.stats.evaluations,
    operations: ctx.stats.operations,
  }, 'exact-safe-size', { epsilon, N, s });
}

/**
 * The three answers to "how much synthetic data can I add to my N real
 * samples?" side by side: eq. 11 as printed, Theorem 3 inverted
 * ({@link safeSyntheticSizes}) and the exact deviation ({@link exactSafeSyntheticSize}).
 *
 * @example
 * ```ts
 * compareSafeSyntheticSizes({ epsilon: 0.1, N: 1000, s: 100 }); // => { eq11: 0, theorem3: null, exact: 242 }
 * ```
 */
export function compareSafeSyntheticSizes(options: ExactSafeSyntheticSizeOptions): SafeSizeComparison {
  const r = exactSafeSyntheticSize(options);
  const o = options as { epsilon: number; N: number };
  const s = options.p !== undefined ? (options.p as ArrayLike<number>).length : (options.s as number);
  const paper = Math.max(r.comparison.eq11.maxN, r.comparison.theorem3.maxN ?? 0);
  return withDisplay({
    epsilon: o.epsilon,
    N: o.N,
    s,
    eq11: r.comparison.eq11.maxN,
    theorem3: r.comparison.theorem3.maxN,
    exact: r.maxN,
    exactSet: r.safe.intervals,
    factor: r.maxN === null || paper === 0 ? null : r.maxN / paper,
    status: r.status,
    undecided: r.undecided,
  }, 'safe-size-comparison', null);
}
