/**
 * How much synthetic data can be added to N real samples? The exact answer:
 * the set of n for which the exact deviation E‖p^(m) − p^(1)‖₁ (see
 * {@link exactDeviation}) stays ≤ ε at every generation m ≤ M (default: every m),
 * for a given p or for the worst p on s tokens — side by side with eq. 11 and
 * the sets allowed by Theorems 3 and 4 (src/theory/safe-size.ts).
 *
 * Facts used (docs/_sections/exact-deviation.md):
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
 * @module
 */
import { checkInteger, checkNumber, checkOptions, ParameterTypeError } from '../validate.ts';
import { paperSafeSyntheticSize, safeSyntheticSizes, type IntegerInterval, type PaperSafeSyntheticSize, type SafeSyntheticSizes } from '../theory/safe-size.ts';
import {
  cutoffsFor,
  ExactComputationTooLargeError,
  estimateTokenOperations,
  exactDeviationGroups,
  iterationsFor,
  MAX_EXACT_SAMPLES,
  readTokenGroups,
  tokenSpread,
} from './deviation.ts';
import { jensenCoefficient } from './deviation-second-moment.ts';
import type { CountDeviations } from './safe-size/count-deviations.ts';
import { worstCaseBound, type WorstCaseBound } from './safe-size/worst-case.ts';
import { certifyIntervals, type WorstCaseDecision } from './safe-size/worst-case-pass.ts';
import { bracket } from './safe-size/bracket.ts';
import { deviationLimit, limitOperations, secondMomentSupremum } from './deviation-limit.ts';
import { withDisplay } from '../display/bundle.ts'; // display hook: see src/display/bundle.ts

/** Options of {@link exactSafeSyntheticSize}. */
export interface ExactSafeSyntheticSizeOptions {
  /** Tolerated deviation ε ∈ (0, 2]. */
  epsilon: number;
  /** Real samples N ≥ 1. */
  N: number;
  /** Vocabulary size s ≥ 2 (worst case over every p on s tokens); optional when `p` is given. */
  s?: number;
  /** A given initial distribution p (then the answer is for this p only). */
  p?: ArrayLike<number>;
  /**
   * Keep the deviation ≤ ε at every generation m ≤ generations (an integer ≥ 2).
   * Default: every generation (the supremum over m, which is the m → ∞ limit).
   */
  generations?: number;
  /** Integers evaluated exactly on each side of every boundary found (default 2). */
  scanRadius?: number;
  /**
   * Total work limit in estimated multiply-adds (default {@link DEFAULT_SAFE_SIZE_OPERATIONS}):
   * the call is refused up front, with the estimate, when the evaluations it will need exceed it
   * (about ten near the predicted boundary; for finite M the grid up to the certified tail), and
   * the search stops with an {@link ExactComputationTooLargeError} if it runs out.
   */
  maxOperations?: number;
  /**
   * Evaluate every n of the relevant range exactly when the estimated total work is below
   * this many multiply-adds (default 3e8 as estimated, which over-estimates by 2–5×: a fraction of a second); the answer is then certified for every n.
   */
  exhaustiveBudget?: number;
  /**
   * Distribution-free mode only: certify the answer for every p on s tokens (default true). With
   * `false` the answer is for the uniform p alone (`distribution: 'uniform'`), which is NOT the
   * worst case at finite n: use it only to compare.
   */
  certifyWorstCase?: boolean;
}

/** One exact evaluation made by the search. */
export interface SafeSizeEvaluation {
  n: number;
  /** Exact deviation (computed value); the truth lies in [value − rounding, value + error]. */
  value: number;
  error: number;
  safe: boolean;
}

/** Answer of {@link exactSafeSyntheticSize}. */
export interface ExactSafeSyntheticSize {
  /**
   * Largest safe n: null when no n ≥ 1 is safe, `Infinity` when every large n is. In the
   * distribution-free mode it is safe for EVERY p on s tokens (certified by the worst-case upper
   * bound, see `worstCase`), not only for the uniform p, which is not the worst case at finite n.
   */
  maxN: number | null;
  /** The safe set as disjoint increasing intervals (`to` may be `Infinity`), and its maximum. */
  safe: { intervals: IntegerInterval[]; maxN: number | null };
  /**
   * `'exact'`: every n is decided (safe or unsafe); `'bracketed'`: the n in `undecided` could not
   * be decided — the worst case over p lies between a p that attains `worstCase.lowerBound` and the
   * certified `worstCase.upperBound`, and ε falls between them.
   */
  status: 'exact' | 'bracketed';
  /** The n that are neither certified safe for every p nor shown unsafe by some p (empty when `status` is `'exact'`). */
  undecided: IntegerInterval[];
  /**
   * `'given'`: for the p passed; `'worst-case'`: for every p on s tokens; `'uniform'`: for the
   * uniform p only (`certifyWorstCase: false`).
   */
  distribution: 'given' | 'worst-case' | 'uniform';
  /** Both sides of the worst case over p at the boundary of the answer, with the p attaining the lower side (null for a given p). */
  worstCase: (WorstCaseBound & { n: number; safeForEveryP: boolean; certifiedMaxN: number | null }) | null;
  /** Generation M of the criterion (null: every generation, i.e. the m → ∞ limit). */
  generations: number | null;
  /** Exact evaluations at and around the boundaries (sorted by n). */
  boundary: SafeSizeEvaluation[];
  /** What is certified and what is inferred. */
  certificate: {
    /** Every n ≤ this is safe by the exact second-moment (Jensen) bound, with no evaluation. */
    jensenSafeUpTo: number;
    /** Every n ≥ this is safe by the same bound (finite M only; null otherwise). */
    jensenSafeFrom: number | null;
    /** Integers whose safety was decided by an exact evaluation: the scan windows. */
    scanned: IntegerInterval[];
    /** Pairs (n, n + 1) among evaluated integers where the deviation decreases. */
    decreases: { n: number; from: number; to: number }[];
    /**
     * The n → ∞ limit of the stationary deviation (see {@link exactDeviationLimit}; for the
     * worst case over p it is the uniform p's, exactly). Every n is safe when it is ≤ ε,
     * under the convex-order property stated in `scope` when the second-moment bound does not suffice.
     */
    limit: { value: number; error: number };
    /** Plain statement of what outside the scanned windows rests on. */
    scope: string;
    /** Every n of the relevant range was evaluated (the set is then certified for every n). */
    exhaustive: boolean;
  };
  /** Same question answered by eq. 11 as printed and by Theorem 3's bound. */
  comparison: { eq11: PaperSafeSyntheticSize; theorem3: SafeSyntheticSizes };
  /** Exact deviation evaluations made. */
  evaluations: number;
  /** Multiply-adds spent. */
  operations: number;
}

/**
 * Default total work of one {@link exactSafeSyntheticSize} call, in estimated multiply-adds
 * (estimates run up to a few times above the work done): 5·10^9, at most some ten seconds.
 */
export const DEFAULT_SAFE_SIZE_OPERATIONS = 5e9;

interface Problem {
  /** Per-count results of the latest evaluation at each n (one distinct value only), reused by the worst-case certificate. */
  lastCounts: Map<number, { c: number; lo: number; hi: number }[]>;
  values: number[];
  counts: number[];
  /** n → ∞ limit of the stationary deviation. */
  limit: number;
  /** Σ_i sqrt(p_i(1 − p_i)). */
  spread: number;
  N: number;
  M: number | null;
  epsilon: number;
  maxOperations: number;
}

/** Work accounting of one search. */
interface Stats {
  evaluations: number;
  /** Multiply-adds actually spent. */
  operations: number;
  /** Sum of the up-front estimates of the evaluations made (what the budget is charged). */
  estimated: number;
}

/** The exact deviation of the criterion at n, as a certified decision. */
function evaluate(
  problem: Problem,
  n: number,
  stats: Stats,
  predicted: number | null,
): SafeSizeEvaluation {
  const { values, counts, N, M, epsilon, maxOperations } = problem;
  // Accuracy needed to decide: a fraction of the predicted distance to ε (coarse when far).
  const distance = predicted === null ? epsilon : Math.abs(predicted - epsilon);
  let tolerance = Math.max(1e-15, Math.min(1e-3, epsilon * 1e-4, 0.05 * distance));
  for (;;) {
    const perCount: { c: number; lo: number; hi: number }[] = [];
    // The whole search shares one budget: each evaluation may use what the previous ones left.
    const remaining = maxOperations - stats.estimated;
    let d: ReturnType<typeof exactDeviationGroups>;
    try {
      d = exactDeviationGroups(values, counts, N, n, M === null ? 0 : M, M === null, tolerance, Math.max(remaining, 0) || 1e-300, true, (c, lo, hi) =>
        perCount.push({ c, lo, hi }),
      );
    } catch (error) {
      if (!(error instanceof ExactComputationTooLargeError)) throw error;
      throw new ExactComputationTooLargeError(
        `exactSafeSyntheticSize (ε = ${epsilon}, N = ${N}): the evaluation at n = ${n} after ${stats.evaluations} others`,
        stats.estimated + error.estimatedOperations,
        maxOperations,
      );
    }
    stats.estimated += d.estimatedOperations;
    if (values.length === 1) problem.lastCounts.set(n, perCount);
    stats.evaluations++;
    stats.operations += d.operations;
    const value = M === null ? (d.stationary as { fromFirst: number }).fromFirst : d.fromFirst[M];
    const certified = M === null ? d.error.stationaryFromFirst : d.error.fromFirst[M];
    const rounding = d.roundingEstimate * value;
    const error = certified + rounding;
    if (value + error <= epsilon) return { n, value, error, safe: true };
    if (value - rounding > epsilon) return { n, value, error, safe: false };
    if (tolerance <= 1e-15) return { n, value, error, safe: false }; // undecidable in doubles: counted unsafe
    tolerance = Math.max(1e-15, tolerance * 1e-3);
  }
}

/** A_M(n)·Σ sqrt(p_i(1 − p_i)): rigorous upper bound on the deviation at n. */
function jensenBound(problem: Problem, n: number): number {
  return jensenCoefficient(problem.N, n, problem.M) * problem.spread;
}

/** Largest n ≥ 0 with jensenBound(n) ≤ ε when the bound increases in n (M = null), else 0. */
function jensenSafeUpTo(problem: Problem, limit: number): number {
  if (jensenBound(problem, 1) > problem.epsilon) return 0;
  // A_∞(n) is increasing in n; A_M(n) increases up to n ≈ N at least — use the certified monotone part only.
  let lo = 1;
  let hi = 2;
  const monotoneLimit = problem.M === null ? limit : Math.min(limit, problem.N);
  while (hi <= monotoneLimit && jensenBound(problem, hi) <= problem.epsilon) {
    lo = hi;
    hi *= 2;
  }
  if (hi > monotoneLimit) {
    if (jensenBound(problem, monotoneLimit) <= problem.epsilon) return monotoneLimit;
    hi = monotoneLimit;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (jensenBound(problem, mid) <= problem.epsilon) lo = mid;
    else hi = mid;
  }
  if (problem.M !== null) {
    // For finite M, A_M(n)² = n(1−1/N)(1−β^{M−1})/(1−β)/(N+n)²: both factors n/(N+n)² and
    // (1−β^{M−1})/(1−β) (β increasing in n) increase on n ≤ N, so the bound is monotone there.
    return Math.min(lo, problem.N);
  }
  return lo;
}

/** Smallest n ≥ N from which the finite-M Jensen bound stays ≤ ε (it decreases there). */
function jensenSafeFrom(problem: Problem): number {
  const { N, M, epsilon, spread } = problem;
  const m = M as number;
  // A_M(n)² ≤ (1 − 1/N)(M − 1)·n/(N + n)², decreasing for n ≥ N.
  const bound = (n: number): number => Math.sqrt(((1 - 1 / N) * (m - 1) * n) / ((N + n) * (N + n))) * spread;
  let lo = N;
  if (bound(lo) <= epsilon) return lo;
  let hi = 2 * N;
  while (bound(hi) > epsilon) {
    lo = hi;
    hi *= 2;
    // Beyond 2^52 the bisection below cannot split [lo, hi] in doubles (and no search goes there).
    if (hi > 2 ** 52) return Infinity;
  }
  while (hi - lo > 1) {
    const mid = Math.floor(lo + (hi - lo) / 2);
    if (bound(mid) <= epsilon) hi = mid;
    else lo = mid;
  }
  return hi;
}

const MAX_SEARCH_N = MAX_EXACT_SAMPLES;

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
  const stats: Stats = { evaluations: 0, operations: limit.operations, estimated: limitEstimate > maxOperations ? 0 : limitEstimate };
  const cache = new Map<number, SafeSizeEvaluation>();
  /** The search's model of the deviation (set once the search defines it), for the accuracy each evaluation needs. */
  let predictor: (n: number) => number | null = () => null;
  const safeAt = (n: number): SafeSizeEvaluation => {
    let e = cache.get(n);
    if (e === undefined) {
      e = evaluate(problem, n, stats, predictor(n));
      cache.set(n, e);
    }
    return e;
  };

  const upTo = jensenSafeUpTo(problem, MAX_SEARCH_N);
  // sup over n and m of the exact second-moment bound (the deviation grows with m).
  const supBound = secondMomentSupremum(N, spread);
  const safeFrom = M === null ? null : jensenSafeFrom(problem);
  const scanned: IntegerInterval[] = [];
  let scope = '';
  let intervals: IntegerInterval[] = [];
  let exhaustive = false;
  let worstCase: ExactSafeSyntheticSize['worstCase'] = null;
  let undecided: IntegerInterval[] = [];
  const decreases: { n: number; from: number; to: number }[] = [];
  /** The full search did not fit the budget: the answer is the bracket of safe-size/bracket.ts. */
  let bracketed = false;
  /** Per-count bounds already computed by the evaluation at n, as a contiguous block. */
  const reuseFor = (n: number): CountDeviations | null => {
    const list = problem.lastCounts.get(n);
    if (list === undefined || list.length === 0) return null;
    const from = Math.min(...list.map((e) => e.c));
    const to = Math.max(...list.map((e) => e.c));
    const lo = new Float64Array(to - from + 1).fill(NaN);
    const hi = new Float64Array(to - from + 1).fill(NaN);
    for (const e of list) {
      lo[e.c - from] = e.lo;
      hi[e.c - from] = e.hi;
    }
    return { from, lo, hi, operations: 0 };
  };
  const boundAt = (n: number, knownValue: number): WorstCaseBound => {
    // Per-token accuracy: a fraction of the margin ε − D(n) for the most drifting p known (fine near 1/s, coarse elsewhere).
    const margin = Math.max(Math.abs(epsilon - knownValue), epsilon * 1e-12);
    const target = (0.25 * margin) / s;
    const tau = Math.max(1e-300, 0.1 * target);
    const iterations = iterationsFor(N, n, 1 / s, tau);
    const cutoffs = cutoffsFor(tau, n, Math.max(iterations, M ?? 0));
    const bound = worstCaseBound({
      N,
      n,
      M,
      s,
      tolerance: tau,
      cutoffs,
      coarseTolerance: (c) => Math.max(tau, 1e-3 * jensenCoefficient(N, n, M) * Math.sqrt((c / N) * (1 - c / N))),
      estimateCount: (c) => estimateTokenOperations(N, n, c / N, M ?? 0, M === null, tau) / Math.max(1, Math.min(N + 1, 20 * Math.sqrt(c) + 101)),
      reuse: reuseFor(n),
      budget: Math.max(0, maxOperations - stats.estimated),
      targetGapPerToken: target,
    });
    stats.operations += bound.operations;
    stats.estimated += bound.operations;
    return bound;
  };
  const decide = (n: number): WorstCaseDecision => {
    const e = safeAt(n);
    if (!e.safe) return { n, status: 'unsafe', bound: null };
    let bound = boundAt(n, e.value);
    // Undecided: tighten to the margin left by the worst p found, a few times.
    for (let attempt = 0; attempt < 3 && bound.upperBound > epsilon && bound.lowerBound <= epsilon; attempt++) {
      const tighter = boundAt(n, bound.lowerBound);
      if (tighter.upperBound - tighter.lowerBound >= bound.upperBound - bound.lowerBound) break;
      bound = tighter;
    }
    if (bound.upperBound <= epsilon) return { n, status: 'safe', bound };
    if (bound.lowerBound > epsilon) return { n, status: 'unsafe', bound };
    return { n, status: 'undecided', bound };
  };
  /** The decision at n for the question asked: for every p on s tokens in the distribution-free mode. */
  const decideAt = (n: number): 'safe' | 'unsafe' | 'undecided' =>
    distribution === 'worst-case' && certify ? decide(n).status : safeAt(n).safe ? 'safe' : 'unsafe';
  try {
    {
      // Refuse up front when about ten evaluations near the predicted boundary exceed the limit.
      const guess = Math.min(MAX_SEARCH_N, safeFrom ?? Infinity, Math.max(1, guessCrossing(problem)));
      if (supBound > epsilon && limit.value + limit.error > epsilon) {
        const tau = Math.max(1e-15, epsilon * 1e-6) / (2 * counts.reduce((x, y) => x + y, 0));
        const perEvaluation = (n: number): number => {
          let total = 0;
          for (const x of values) total += estimateTokenOperations(N, n, x, M ?? 0, M === null, tau);
          return total;
        };
        if (M === null) {
          const estimate = 10 * perEvaluation(guess);
          if (estimate > maxOperations) {
            throw new ExactComputationTooLargeError(
              `exactSafeSyntheticSize(ε = ${epsilon}, N = ${N}, s = ${s}) (approximate answer: maxN ≈ ${guess.toPrecision(3)}, where the ` +
                `second-moment model puts the crossing; the n → ∞ limit ${limit.value.toPrecision(4)} is above ε): about 10 exact evaluations near that n`,
              estimate,
              maxOperations,
            );
          }
        } else {
          // Finite M: the search walks a geometric grid up to where the second-moment bound takes over.
          const last = Math.min((safeFrom as number) - 1, MAX_SEARCH_N);
          let estimate = 0;
          for (let n = Math.max(1, upTo + 1); n <= last && estimate <= maxOperations; n = nextGridPoint(n, N)) {
            estimate += 1.5 * perEvaluation(n);
          }
          if (estimate > maxOperations) {
            throw new ExactComputationTooLargeError(
              `exactSafeSyntheticSize(ε = ${epsilon}, N = ${N}, s = ${s}, generations = ${M}): a grid of exact evaluations up to n ≈ ${last.toPrecision(3)}`,
              estimate,
              maxOperations,
            );
          }
        }
      }
    }

    /**
     * Boundary between a safe `lo` and the first unsafe n above it (null if none up to `limit`).
     * Bracketing from a Gaussian guess, then steps predicted by the model D ≈ κ(n)·J(n) (see
     * `kappaAt`), safeguarded by bisection.
     */
    const firstCrossingUp = (lo: number, limit: number): { lo: number; hi: number } | null => {
      const guess = Math.max(lo + 1, Math.min(limit, guessCrossing(problem)));
      let hi = Infinity;
      let n = guess;
      // Bracket.
      for (;;) {
        const e = safeAt(n);
        if (e.safe) {
          lo = Math.max(lo, n);
          if (n >= limit) return null;
          n = Math.min(limit, Math.max(n + 1, Math.ceil(predict(n) ?? 2 * n)));
        } else {
          hi = n;
          break;
        }
      }
      return refine(lo, hi, true);
    };

    /**
     * Model of the deviation near the evaluations: D(n) ≈ κ(n)·J(n) with J the exact
     * second-moment bound and κ = E|X|/sqrt(E X²) (≈ sqrt(2/π) for Gaussian-like counts)
     * varying slowly: κ is interpolated linearly in ln n between the two nearest evaluations.
     */
    const kappaAt = (n: number): number => {
      const pts = [...cache.values()].filter((e) => e.value > 0).sort((a, b) => Math.abs(a.n - n) - Math.abs(b.n - n));
      if (pts.length === 0) return Math.sqrt(2 / Math.PI);
      const k1 = pts[0].value / jensenBound(problem, pts[0].n);
      if (pts.length === 1 || pts[1].n === pts[0].n) return k1;
      const k2 = pts[1].value / jensenBound(problem, pts[1].n);
      const t = (Math.log(n) - Math.log(pts[0].n)) / (Math.log(pts[1].n) - Math.log(pts[0].n));
      const k = k1 + (k2 - k1) * Math.max(-1, Math.min(2, t));
      return k > 0 ? k : k1;
    };

    /** Predicted deviation at n (null before any evaluation). */
    const predictValue = (n: number): number | null => {
      if (cache.size === 0) return null;
      return kappaAt(n) * jensenBound(problem, n);
    };
    predictor = predictValue;

    /** Predicted crossing near `near` on the rising (or falling) side of the model. */
    const predict = (near: number, rising = true): number | null => {
      if (cache.size === 0) return null;
      // Solve κ(n)·J(n) = ε by bisection in ln n around `near` (the model is monotone locally).
      let a = Math.log(Math.max(1, near / 4));
      let b = Math.log(Math.min(MAX_SEARCH_N, near * 4));
      const g = (t: number): number => (predictValue(Math.exp(t)) as number) - epsilon;
      if (rising ? g(a) > 0 || g(b) < 0 : g(a) < 0 || g(b) > 0) return null;
      for (let it = 0; it < 60; it++) {
        const m = 0.5 * (a + b);
        if ((g(m) <= 0) === rising) a = m;
        else b = m;
      }
      return Math.exp(0.5 * (a + b));
    };

    /** Narrows a bracket (lo, hi) with hi − lo ≥ 1 to adjacent integers; `rising`: lo safe, hi unsafe. */
    const refine = (lo: number, hi: number, rising: boolean): { lo: number; hi: number } => {
      let stalls = 0;
      while (hi - lo > 1) {
        let n = predict(rising ? lo : hi, rising) ?? (lo + hi) / 2;
        if (stalls >= 2) n = (lo + hi) / 2;
        n = Math.round(n);
        if (n <= lo) n = lo + 1;
        if (n >= hi) n = hi - 1;
        const before = hi - lo;
        const e = safeAt(n);
        if (e.safe === rising) lo = n;
        else hi = n;
        stalls = hi - lo > before / 2 ? stalls + 1 : 0;
      }
      return { lo, hi };
    };

    /** Evaluates every n in [a, b] ∩ [1, ∞) and returns them. */
    const scan = (a: number, b: number): void => {
      const from = Math.max(1, a);
      if (b < from) return;
      for (let n = from; n <= b; n++) safeAt(n);
      scanned.push({ from, to: b });
    };

    /** Estimated multiply-adds of evaluating every n in [a, b] (cost grows with n: b's cost × count). */
    const scanCost = (a: number, b: number): number => {
      if (b < a) return 0;
      const tau = Math.max(1e-15, epsilon * 1e-6) / (2 * counts.reduce((x, y) => x + y, 0));
      let perN = 0;
      for (const x of values) perN += estimateTokenOperations(N, b, x, M ?? 0, M === null, tau);
      return perN * (b - a + 1);
    };
    const tryScan = (a: number, b: number): boolean => {
      try {
        scan(a, b);
        return true;
      } catch (error) {
        if (error instanceof ExactComputationTooLargeError) return false;
        throw error;
      }
    };
    if (supBound <= epsilon) {
      intervals = [{ from: 1, to: Infinity }];
      scope = `every n is safe: the exact second-moment bound sqrt((1 − 1/N)/(2N + 1))·Σ sqrt(p_i(1 − p_i)) = ${supBound.toPrecision(4)} ≤ ε bounds the deviation for all n and every generation.`;
    } else if (limit.value + limit.error <= epsilon) {
      intervals = [{ from: 1, to: Infinity }];
      scope =
        `every n is safe: the deviation at any n and generation stays below its n → ∞ limit ${limit.value.toPrecision(6)} ≤ ε ` +
        `(the stationary law of each token is below Beta(2c, 2(N − c)) in convex order: verified numerically, not proved — docs/exact.md); ` +
        `the rigorous second-moment bound ${supBound.toPrecision(4)} is above ε.`;
    } else if (M === null) {
      {
        const start = Math.max(1, upTo);
        let crossing: { lo: number; hi: number } | null;
        if (upTo === 0 && !safeAt(1).safe) crossing = { lo: 0, hi: 1 };
        else crossing = firstCrossingUp(start, MAX_SEARCH_N);
        if (crossing === null) {
          throw new ExactComputationTooLargeError(
            `exactSafeSyntheticSize (ε = ${epsilon}, N = ${N}): no unsafe n found up to ${MAX_SEARCH_N}; the search`,
            Math.max(stats.estimated, maxOperations * 1.0000001),
            maxOperations,
          );
        } else {
          // Exhaustive when affordable: every n up to the crossing plus max(N, radius) beyond it.
          const scanTo = crossing.hi + Math.max(scanRadius, Math.min(N, 4 * scanRadius + N));
          if (scanCost(upTo + 1, scanTo) <= exhaustiveBudget && tryScan(upTo + 1, scanTo)) {
            exhaustive = true;
            intervals = assemble(cache, 1, scanTo, upTo, null);
            scope =
              `n ≤ ${upTo} is certified safe by the exact second-moment bound and every n in [${upTo + 1}, ${scanTo}] was decided by a certified exact evaluation; ` +
              `above ${scanTo} the deviation is taken to stay above ε (its upward trend in n; monotonicity in n is not proved and fails by O(1/N) relative near n·c/N ∈ ℤ).`;
          } else {
            scan(Math.max(upTo + 1, crossing.lo - scanRadius), crossing.hi + scanRadius);
            intervals = assemble(cache, 1, crossing.hi + scanRadius, upTo, null);
            scope =
              `n ≤ ${upTo} is certified safe by the exact second-moment bound; every integer in the scanned window was decided by a certified exact evaluation; ` +
              `between ${upTo} and the window the deviation is taken to be below ε and above the window above ε (its upward trend in n; monotonicity in n is not proved and fails by O(1/N) relative near n·c/N ∈ ℤ).`;
          }
        }
      }
    } else {
      // Finite M: the deviation rises with n, then falls back to 0 as n → ∞ (for n ≥ tail the
      // second-moment bound certifies it). Exhaustive on [upTo + 1, tail − 1] when affordable,
      // else a geometric grid with every boundary refined and scanned.
      const tail = safeFrom as number;
      const lastNeeded = Math.min(tail - 1, MAX_SEARCH_N);
      if (lastNeeded <= upTo) {
        intervals = [{ from: 1, to: Infinity }];
        scope = `every n is safe: n ≤ ${upTo} and n ≥ ${tail} by the exact second-moment bound, which covers all n.`;
      } else if (Number.isFinite(tail) && scanCost(upTo + 1, lastNeeded) <= exhaustiveBudget && tryScan(upTo + 1, lastNeeded)) {
        exhaustive = true;
        intervals = assemble(cache, 1, lastNeeded, upTo, tail);
        scope = `certified for every n: n ≤ ${upTo} and n ≥ ${tail} by the exact second-moment bound, every n in between by a certified exact evaluation.`;
      } else {
        const grid: number[] = [];
        for (let n = Math.max(1, upTo + 1); n <= lastNeeded; n = nextGridPoint(n, N)) grid.push(n);
        if (grid[grid.length - 1] !== lastNeeded) grid.push(lastNeeded);
        let previous: SafeSizeEvaluation | null = upTo >= 1 ? { n: upTo, value: 0, error: 0, safe: true } : null;
        let reached = upTo;
        let fellBack = false; // seen the deviation come back below ε
        let fallingSafe = 0; // consecutive safe grid points with decreasing deviation since then
        let stoppedEarly = false;
        for (const n of grid) {
          if (fellBack && fallingSafe >= 3 && n >= 2 * N) {
            // On the falling branch (n ≫ N: the deviation tends to 0 like the second-moment bound),
            // stop evaluating: the rest up to the certified tail is taken as safe.
            stoppedEarly = true;
            break;
          }
          const e = safeAt(n);
          if (previous !== null && previous.safe !== e.safe) {
            const { lo, hi } = refine(previous.n, n, previous.safe);
            const boundary = previous.safe ? hi : lo;
            scan(Math.max(upTo + 1, boundary - scanRadius), Math.min(lastNeeded, boundary + scanRadius));
            if (!previous.safe && e.safe) fellBack = true;
            fallingSafe = 0;
          } else if (fellBack && e.safe && previous !== null && e.value < previous.value) fallingSafe++;
          else if (fellBack) fallingSafe = 0;
          previous = e;
          reached = n;
        }
        intervals = assemble(cache, 1, reached, upTo, Number.isFinite(tail) ? tail : null);
        if (stoppedEarly && intervals.length > 0 && intervals[intervals.length - 1].to === reached) {
          intervals[intervals.length - 1].to = Infinity;
        }
        scope =
          `n ≤ ${upTo}${Number.isFinite(tail) ? ` and n ≥ ${tail}` : ''} are certified safe by the exact second-moment bound; the deviation at generation ${M} was evaluated on a ` +
          `geometric grid (ratio 1.1 below 4N, 1.25 above) between, every change of status refined to adjacent integers and scanned ±${scanRadius}; elsewhere the status of the nearest evaluation below is assumed` +
          (stoppedEarly ? `; the grid stopped at n = ${reached}, on the falling branch, and larger n are taken as safe.` : '.');
      }
    }

    // Closure: every finite boundary of the reported set must have its neighbours within
    // scanRadius evaluated (an inferred status next to a lattice dip can be wrong); re-assemble
    // until stable. Also evaluate the multiples kN near the boundaries, where n·c/N ∈ ℤ for every c
    // and the lattice dips are largest.
    if (!exhaustive && intervals.length > 0) {
      const lastOf = (): number => Math.max(...[...cache.keys()]);
      const tailFrom = M === null ? null : Number.isFinite(safeFrom as number) ? (safeFrom as number) : null;
      for (let pass = 0; pass < 6; pass++) {
        const before = cache.size;
        for (const iv of intervals) {
          for (const edge of [iv.from, iv.to]) {
            if (!Number.isFinite(edge) || edge <= upTo + 1 || (tailFrom !== null && edge >= tailFrom)) continue;
            const k = Math.round(edge / N);
            const extra = k >= 1 && Math.abs(k * N - edge) <= Math.max(scanRadius, 1) * 4 ? [k * N] : [];
            for (const n of [...extra]) if (n > upTo && (tailFrom === null || n < tailFrom)) scan(n, n);
            scan(Math.max(upTo + 1, edge - scanRadius), tailFrom === null ? edge + scanRadius : Math.min(tailFrom - 1, edge + scanRadius));
          }
        }
        if (cache.size === before) break;
        intervals = assemble(cache, 1, Math.max(lastOf(), intervals[intervals.length - 1].to === Infinity ? 0 : intervals[intervals.length - 1].to), upTo, tailFrom);
      }
    }

    // Decreases among consecutive evaluated integers.
    const evaluatedNow = [...cache.values()].sort((a, b) => a.n - b.n);
    for (let j = 1; j < evaluatedNow.length; j++) {
      const a = evaluatedNow[j - 1];
      const b = evaluatedNow[j];
      if (b.n === a.n + 1 && b.value + b.error < a.value - a.error) decreases.push({ n: a.n, from: a.value, to: b.value });
    }

    // Distribution-free: the uniform p's set is an outer bound; certify it for every p (worst-case.ts).
    if (distribution === 'worst-case' && certify) {
      const certified = certifyIntervals({
        intervals,
        upTo,
        tailFrom: M === null ? null : Number.isFinite(safeFrom as number) ? (safeFrom as number) : null,
        everyUpTo: exhaustive ? 400 : 0,
        decide,
      });
      intervals = certified.intervals;
      undecided = certified.undecided;
      const top = intervals.length === 0 ? null : intervals[intervals.length - 1].to;
      // Report the bounds at the end of the first safe interval (how much synthetic data can be added
      // before the first unsafe n): the decision there, else the largest decided n below it.
      const firstEnd = intervals.length === 0 ? 0 : intervals[0].to;
      let reported: WorstCaseDecision | null = null;
      for (const d of certified.decisions.values()) {
        if (d.bound === null || d.n > firstEnd) continue;
        if (reported === null || d.n > reported.n) reported = d;
      }
      if (reported === null) for (const d of certified.decisions.values()) if (d.bound !== null && (reported === null || d.n < reported.n)) reported = d;
      if (reported !== null && reported.bound !== null) {
        worstCase = { ...reported.bound, n: reported.n, safeForEveryP: reported.status === 'safe', certifiedMaxN: top };
      }
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
      evaluations: [...cache.values()],
      decide: decideAt,
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
    boundary: [...cache.values()].sort((x, y) => x.n - y.n),
    certificate: {
      jensenSafeUpTo: upTo,
      jensenSafeFrom: safeFrom,
      scanned,
      decreases,
      exhaustive,
      limit: { value: limit.value, error: limit.error },
      scope,
    },
    comparison,
    evaluations: stats.evaluations,
    operations: stats.operations,
  }, 'exact-safe-size', { epsilon, N, s });
}

/** Next point of the finite-M grid: ratio 1.1 up to 4N (where lattice effects live), 1.25 beyond. */
function nextGridPoint(n: number, N: number): number {
  return Math.max(n + 1, Math.floor(n * (n < 4 * N ? 1.1 : 1.25)));
}

/**
 * Guess of the first crossing: the deviation scaled like the root of the stationary second
 * moment, D(n) ≈ L·sqrt(V(n)/V(∞)) with L the n → ∞ limit and V(n)/V(∞) = n(2N + 1)/(N² + 2Nn + n).
 */
function guessCrossing(problem: Problem): number {
  const { N, epsilon, limit } = problem;
  const r = (epsilon / limit) ** 2;
  if (!(r < 1)) return MAX_SEARCH_N;
  return Math.max(1, Math.min(MAX_SEARCH_N, Math.round((r * N * N) / ((2 * N + 1) * (1 - r)))));
}

/**
 * The safe set as intervals over [from, last] (and [tailFrom, ∞) when given):
 * an evaluated n as decided; else n ≤ upTo or n ≥ tailFrom (certified by the
 * second-moment bound) safe; else the decision of the nearest evaluated n below
 * it (safe if none) — the trend the search assumes between evaluations.
 */
function assemble(
  cache: Map<number, SafeSizeEvaluation>,
  from: number,
  last: number,
  upTo: number,
  tailFrom: number | null,
): IntegerInterval[] {
  const evaluatedNs = [...cache.keys()].sort((a, b) => a - b);
  const isSafe = (n: number): boolean => {
    const e = cache.get(n);
    if (e !== undefined) return e.safe;
    if (n <= upTo) return true;
    if (tailFrom !== null && n >= tailFrom) return true;
    let below: boolean | null = null;
    for (const m of evaluatedNs) {
      if (m > n) break;
      if (m > upTo) below = (cache.get(m) as SafeSizeEvaluation).safe;
    }
    return below ?? true;
  };
  const end = tailFrom === null ? last : Math.max(last, tailFrom);
  const points = new Set<number>([from, upTo, upTo + 1, end]);
  for (const n of evaluatedNs) for (const k of [n - 1, n, n + 1]) points.add(k);
  if (tailFrom !== null) {
    points.add(tailFrom - 1);
    points.add(tailFrom);
  }
  const sorted = [...points].filter((n) => n >= from && n <= end).sort((a, b) => a - b);
  const out: IntegerInterval[] = [];
  let current: IntegerInterval | null = null;
  let previous = from - 1;
  for (const n of sorted) {
    if (previous + 1 <= n - 1) current = extend(out, current, previous + 1, n - 1, isSafe(previous + 1));
    current = extend(out, current, n, n, isSafe(n));
    previous = n;
  }
  if (tailFrom !== null && current !== null && current.to === end) current.to = Infinity;
  return out;
}

function extend(out: IntegerInterval[], current: IntegerInterval | null, a: number, b: number, safe: boolean): IntegerInterval | null {
  if (!safe) return null;
  if (current !== null && current.to === a - 1) {
    current.to = b;
    return current;
  }
  const iv = { from: a, to: b };
  out.push(iv);
  return iv;
}

/** Side-by-side answers to "how much synthetic data can I add?". */
export interface SafeSizeComparison {
  epsilon: number;
  N: number;
  s: number;
  /** eq. 11 as printed (maxN, 0 when none). */
  eq11: number;
  /** Largest n allowed by Theorem 3's bound (null when none). */
  theorem3: number | null;
  /** Largest n whose exact deviation stays ≤ ε (worst p on s tokens, or the given p); Infinity when every large n is. */
  exact: number | null;
  /** The exact safe set, which can have gaps (then `exact` = Infinity does not mean every n). */
  exactSet: IntegerInterval[];
  /** exact / max(theorem3, eq11): how conservative the paper's answer is. */
  factor: number | null;
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
  }, 'safe-size-comparison', null);
}
