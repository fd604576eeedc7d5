/**
 * The exact expected deviation E‖p^(m) − p^(1)‖₁ (and E‖p^(m) − p‖₁) of the
 * Partially Synthetic setting, where Theorem 3 (and Theorem 4) only bound it.
 *
 * Setting (proofs of Theorems 2–4): one real corpus C ~ Multinomial(N, p),
 * p^(1) = C/N; for m ≥ 2, p^(m) = (C + Z^(m))/(N + n) with
 * Z^(m) ~ Multinomial(n, p^(m−1)).
 *
 * Method (docs/_sections/exact-deviation.md): the L1 norm is a sum over tokens,
 * so only marginals matter. Given p^(m−1), Z_i^(m) ~ Bin(n, p_i^(m−1)) and
 * p_i^(m−1) = (C_i + Z_i^(m−1))/(N + n) depends on token i alone, so
 * (C_i, Z_i^(m)) is a Markov chain by itself: C_i ~ Bin(N, p_i),
 * Z^(2) ~ Bin(n, C_i/N), Z^(m) ~ Bin(n, (C_i + Z^(m−1))/(N + n)). Then
 * E‖p^(m) − p^(1)‖₁ = Σ_i Σ_c Bin(N, p_i)(c)·E[|N Z_i^(m) − n c| | c]/(N(N + n)),
 * computed per token value (tokens with equal p_i share the work), per c, by
 * propagating the law of Z with certified truncation.
 *
 * Both deviations are non-decreasing in m (proved in the section: Z^(m) grows in
 * convex order because Bernstein polynomials preserve convexity), so the
 * stationary limit is their supremum.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, checkProbabilityVector, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { tokenDeviation, type EngineCutoffs } from './deviation-chain.ts';
import { jensenCoefficient } from './deviation-second-moment.ts';
import { withDisplay } from '../display/bundle.ts'; // display hook: see src/display/bundle.ts

/** Options of {@link exactDeviation}. */
export interface ExactDeviationOptions {
  /** The initial distribution p = p^(0) over s tokens. */
  p: ArrayLike<number>;
  /** Real samples N ≥ 1 (the fixed corpus), at most 10^12. */
  N: number;
  /** Synthetic samples per generation n ≥ 1, at most 10^12. */
  n: number;
  /** Last generation M ≥ 0 of the per-generation arrays (default 10). */
  generations?: number;
  /** Also compute the m → ∞ limits (default true). */
  stationary?: boolean;
  /**
   * Target absolute error of every reported number (default 1e-12). The bound
   * actually achieved is returned in `errorBound`.
   */
  tolerance?: number;
  /**
   * Refuse when the estimated number of multiply-adds exceeds this
   * (default {@link DEFAULT_MAX_OPERATIONS}, about a minute).
   */
  maxOperations?: number;
}

/** The exact deviations and their certified error. */
export interface ExactDeviation {
  /** fromFirst[m] = E‖p^(m) − p^(1)‖₁ for m = 0…M (m = 0: E‖p − p^(1)‖₁; m = 1: 0). */
  fromFirst: Float64Array;
  /** fromInitial[m] = E‖p^(m) − p‖₁ for m = 0…M (m = 0: 0; m = 1: E‖p^(1) − p‖₁). */
  fromInitial: Float64Array;
  /** The m → ∞ limits, which are also the suprema over m (null with `stationary: false`). */
  stationary: { fromFirst: number; fromInitial: number } | null;
  /**
   * Certified truncation and iteration error of each value: the exact value lies in
   * [value, value + error] (the computed values are lower bounds), up to rounding.
   */
  error: {
    fromFirst: Float64Array;
    fromInitial: Float64Array;
    stationaryFromFirst: number;
    stationaryFromInitial: number;
  };
  /** Estimated floating-point rounding error (relative, not certified). */
  roundingEstimate: number;
  /**
   * Total error bound: the largest certified truncation/iteration error over all
   * reported values plus the rounding estimate times the largest value.
   */
  errorBound: number;
  /** Distinct non-zero values of p (the work is one token per value). */
  groups: number;
  /** Multiply-adds spent. */
  operations: number;
  /** Estimate made before the computation (what `maxOperations` is compared with). */
  estimatedOperations: number;
}

/** Default refusal threshold of the exact engines: 6·10^10 multiply-adds (about a minute or two). */
export const DEFAULT_MAX_OPERATIONS = 6e10;

/** Largest N and n accepted (counts stay exact doubles and N·n < 2^53·10^3). */
export const MAX_EXACT_SAMPLES = 1e12;

/**
 * Thrown when an exact computation would take longer than allowed: a `RangeError`
 * carrying the estimate, so the caller can raise `maxOperations` knowingly.
 *
 * @example
 * ```ts ignore
 * exactDeviation({ p: [0.5, 0.5], N: 1e9, n: 1e6 }); // throws ExactComputationTooLargeError
 * ```
 */
export class ExactComputationTooLargeError extends RangeError {
  /** Estimated multiply-adds. */
  readonly estimatedOperations: number;
  /** The limit in force. */
  readonly maxOperations: number;
  /** Estimated seconds at {@link OPERATIONS_PER_SECOND}. */
  readonly estimatedSeconds: number;
  constructor(what: string, estimatedOperations: number, maxOperations: number) {
    const seconds = estimatedOperations / OPERATIONS_PER_SECOND;
    super(
      `${what} would take about ${estimatedOperations.toExponential(2)} multiply-adds (~${formatSeconds(seconds)} on one core), ` +
        `above maxOperations = ${maxOperations.toExponential(2)}; pass a larger maxOperations to run it anyway`,
    );
    this.name = 'ExactComputationTooLargeError';
    this.estimatedOperations = estimatedOperations;
    this.maxOperations = maxOperations;
    this.estimatedSeconds = seconds;
  }
}

/** Throughput used to turn operation counts into seconds (measured on the benchmark machine). */
export const OPERATIONS_PER_SECOND = 4e8;

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds.toPrecision(2)} s`;
  if (seconds < 7200) return `${(seconds / 60).toPrecision(2)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toPrecision(2)} h`;
  return `${(seconds / 86400).toPrecision(2)} days`;
}

/**
 * Distinct non-zero values of p with their multiplicities (sorted by value).
 *
 * @example
 * ```ts
 * groupTokens(new Float64Array([0.25, 0.5, 0, 0.25])); // => { values: [0.25, 0.5], counts: [2, 1] }
 * ```
 */
export function groupTokens(p: Float64Array): { values: number[]; counts: number[] } {
  const map = new Map<number, number>();
  for (let i = 0; i < p.length; i++) {
    const x = p[i];
    if (x === 0) continue;
    map.set(x, (map.get(x) ?? 0) + 1);
  }
  const values = [...map.keys()].sort((a, b) => a - b);
  return { values, counts: values.map((v) => map.get(v) as number) };
}

/**
 * Σ_i sqrt(p_i(1 − p_i)) over distinct values with multiplicities: the factor of every
 * second-moment (Jensen) bound on the deviation.
 *
 * @example
 * ```ts
 * tokenSpread([0.5], [2]); // => 1
 * ```
 */
export function tokenSpread(values: readonly number[], counts: readonly number[]): number {
  let spread = 0;
  for (let g = 0; g < values.length; g++) spread += counts[g] * Math.sqrt(values[g] * (1 - values[g]));
  return spread;
}

/** A given p (grouped by distinct value) or the uniform p on s tokens, whose answers bound every p. */
export interface TokenGroups {
  values: number[];
  counts: number[];
  s: number;
  distribution: 'given' | 'worst-case';
}

/**
 * Reads the `p` / `s` pair shared by the exact entry points: p when given (s, if also given,
 * must be its length), else the uniform p on s ∈ [2, maxS] tokens.
 *
 * @example
 * ```ts
 * readTokenGroups({ s: 4 }, 1e9).counts; // => [4]
 * readTokenGroups({ p: [0.5, 0.25, 0.25] }, 1e9).values; // => [0.25, 0.5]
 * ```
 */
export function readTokenGroups(o: { p?: ArrayLike<number>; s?: number }, maxS: number): TokenGroups {
  if (o.p !== undefined) {
    const p = checkProbabilityVector('p', o.p);
    if (o.s !== undefined) {
      checkInteger('s', o.s, { min: 1 });
      if (o.s !== p.length) throw new ParameterRangeError('s', o.s, `the length of p (${p.length}) when both are given`);
    }
    return { ...groupTokens(p), s: p.length, distribution: 'given' };
  }
  if (o.s === undefined) throw new ParameterTypeError('s', o.s, 'an integer >= 2 (or pass p)');
  const s = checkInteger('s', o.s, { min: 2, max: maxS });
  return { values: [1 / s], counts: [s], s, distribution: 'worst-case' };
}

const Z_TAIL = 10; // ≈ sqrt(2 ln 1e21): half-width of truncated windows in standard deviations

/**
 * Iterations of the per-c chain needed for the stationary limit at tolerance `tol`
 * (same two a-priori bounds as the engine, at the typical count c = N x).
 *
 * @example
 * ```ts
 * iterationsFor(1e6, 8e5, 2e-5, 1e-15); // => 17
 * ```
 */
export function iterationsFor(N: number, n: number, x: number, tol: number): number {
  const total = N + n;
  const alpha = n / total;
  const beta = (n * (n - 1)) / (total * total);
  const oneMinusBeta = (N * N + 2 * N * n + n) / (total * total);
  const V2 = n * x * (1 - x);
  const Vinf = V2 / oneMinusBeta;
  const first = (Math.sqrt(V2) + Math.sqrt(Vinf)) / total;
  const second = (V2 + Math.sqrt(V2) + Vinf + Math.sqrt(Vinf)) / total;
  if (!(first > tol) || alpha === 0) return 1;
  const kAlpha = Math.ceil(Math.log(tol / first) / Math.log(alpha));
  const kBeta = beta > 0 && second > tol ? Math.ceil(Math.log(tol / second) / Math.log(beta)) : 0;
  return Math.min(kAlpha, kBeta) + 2;
}

/**
 * Estimated multiply-adds of one token of probability x: Σ over the corpus counts c in
 * the window of (iterations) × (width of Z's law) × (width of a transition row), each
 * evaluated at the chain's own share c/N (a count far above N·x drives a much wider chain
 * than x suggests: N = 5, x = 1e-9 still computes the chains of c = 1…4). The window is
 * cut into at most 16 blocks charged at their widest chain. Conservative: measured work
 * is 1–10 times lower.
 *
 * @example
 * ```ts
 * estimateTokenOperations(1e6, 1e4, 1 / 50257, 10, true, 1e-16) < 1e7; // => true
 * estimateTokenOperations(5, 1e6, 1e-9, 6, false, 1e-6) > 1e9; // => true
 * ```
 */
export function estimateTokenOperations(N: number, n: number, x: number, generations: number, stationary: boolean, tol: number): number {
  if (x === 0 || x === 1) return 1;
  const sdC = Math.sqrt(N * x * (1 - x));
  const cLo = Math.max(0, Math.floor(N * x - Z_TAIL * sdC - (Z_TAIL * Z_TAIL) / 2));
  const cHi = Math.min(N, Math.ceil(N * x + Z_TAIL * sdC + (Z_TAIL * Z_TAIL) / 2));
  const cWidth = cHi - cLo + 1;
  const blocks = Math.min(16, cWidth);
  let total = cWidth;
  for (let b = 0; b < blocks; b++) {
    const from = cLo + Math.floor((b * cWidth) / blocks);
    const to = cLo + Math.floor(((b + 1) * cWidth) / blocks) - 1;
    // The widest chain of the block: the share closest to 1/2, avoiding the deterministic 0 and N.
    const c = Math.min(Math.max(N / 2, Math.max(from, 1)), Math.min(to, N - 1));
    const size = to - from + 1;
    total += size * (c >= 1 && c <= N - 1 ? chainOperations(N, n, c / N, generations, stationary, tol) : 1);
  }
  return total;
}

/** Estimated multiply-adds of the chain of one corpus count whose share is y = c/N. */
function chainOperations(N: number, n: number, y: number, generations: number, stationary: boolean, tol: number): number {
  const total = N + n;
  const oneMinusBeta = (N * N + 2 * N * n + n) / (total * total);
  const beta = (n * (n - 1)) / (total * total);
  // Spread of Z at the last generation needed (the limit when stationary).
  const geometric = stationary ? 1 / oneMinusBeta : (1 - Math.pow(beta, Math.max(1, generations - 1))) / oneMinusBeta;
  const sdZ = Math.sqrt(n * y * (1 - y) * geometric);
  const zWidth = Math.min(n + 1, 2 * Z_TAIL * sdZ + Z_TAIL + 1);
  const rowWidth = Math.min(n + 1, 2 * Z_TAIL * Math.sqrt(n * y * (1 - y)) + Z_TAIL + 1);
  const iterations = Math.max(generations - 2, stationary ? iterationsFor(N, n, y, tol) : 0, 0);
  // The propagation, the rows (built once, each reused every iteration) and a fixed overhead.
  const rows = iterations > 0 ? zWidth * (rowWidth + 64) : 0;
  return iterations * zWidth * rowWidth + rows + rowWidth + 200;
}

/** Validated common inputs. */
interface Checked {
  p: Float64Array;
  N: number;
  n: number;
  generations: number;
  stationary: boolean;
  tolerance: number;
  maxOperations: number;
}

function readOptions(options: unknown): Checked {
  const o = checkOptions<ExactDeviationOptions>('options', options);
  const p = checkProbabilityVector('p', o.p);
  const N = checkInteger('N', o.N, { min: 1, max: MAX_EXACT_SAMPLES });
  const n = checkInteger('n', o.n, { min: 1, max: MAX_EXACT_SAMPLES });
  const generations = o.generations === undefined ? 10 : checkInteger('generations', o.generations, { min: 0, max: 1e6 });
  let stationary = true;
  if (o.stationary !== undefined) {
    if (typeof o.stationary !== 'boolean') throw new ParameterTypeError('stationary', o.stationary, 'a boolean');
    stationary = o.stationary;
  }
  const tolerance = o.tolerance === undefined ? 1e-12 : checkNumber('tolerance', o.tolerance, { min: 1e-15, max: 1e-2 });
  const maxOperations =
    o.maxOperations === undefined ? DEFAULT_MAX_OPERATIONS : checkNumber('maxOperations', o.maxOperations, { min: 0, minExclusive: true });
  return { p, N, n, generations, stationary, tolerance, maxOperations };
}

/**
 * Truncation cut-offs for a per-token tolerance τ and an iteration estimate
 * (what is dropped is still bounded a posteriori in the reported error).
 *
 * @example
 * ```ts
 * cutoffsFor(1e-15, 100, 20).corpus; // => 1e-18
 * ```
 */
export function cutoffsFor(tau: number, n: number, iterations: number): EngineCutoffs {
  const row = Math.max(1e-300, Math.min(1e-3, tau / (16 * (iterations + 2) * Math.sqrt(n + 1))));
  return { row, trim: row * 1e-3, corpus: Math.max(1e-300, Math.min(1e-3, tau * 1e-3)) };
}

/**
 * Internal: the exact deviations for a validated p (shared with safe-size).
 *
 * @example
 * ```ts
 * exactDeviationUnchecked(new Float64Array([0.5, 0.5]), 10, 5, 3, true, 1e-12, 1e12).fromFirst[3]; // => 0.1177520
 * ```
 */
export function exactDeviationUnchecked(
  p: Float64Array,
  N: number,
  n: number,
  generations: number,
  stationary: boolean,
  tolerance: number,
  maxOperations: number,
  firstOnly = false,
): ExactDeviation {
  const { values, counts } = groupTokens(p);
  return exactDeviationGroups(values, counts, N, n, generations, stationary, tolerance, maxOperations, firstOnly);
}

/**
 * Internal: the exact deviations for distinct token values `values` with multiplicities `counts`.
 *
 * @example
 * ```ts
 * exactDeviationGroups([0.5], [2], 10, 5, 3, true, 1e-12, 1e12).fromFirst[3]; // => 0.1177520
 * ```
 */
export function exactDeviationGroups(
  values: readonly number[],
  counts: readonly number[],
  N: number,
  n: number,
  generations: number,
  stationary: boolean,
  tolerance: number,
  maxOperations: number,
  firstOnly = false,
  record?: (c: number, lo: number, hi: number) => void,
): ExactDeviation {
  const tokens = counts.reduce((a, b) => a + b, 0);
  const tau = tolerance / (2 * Math.max(1, tokens));
  let estimate = 0;
  for (const x of values) estimate += estimateTokenOperations(N, n, x, generations, stationary, tau);
  if (estimate > maxOperations) {
    // The alternative: a Gaussian reading of the exact second moment, E|X| ≈ sqrt(2/π)·sqrt(E X²).
    const approximate = Math.sqrt(2 / Math.PI) * jensenCoefficient(N, n, stationary ? null : Math.max(2, generations)) * tokenSpread(values, counts);
    throw new ExactComputationTooLargeError(
      `exactDeviation(N = ${N}, n = ${n}, ${values.length} distinct p_i) (approximate answer: E‖p^(${stationary ? '∞' : Math.max(2, generations)}) − p^(1)‖₁ ≈ ` +
        `${approximate.toPrecision(4)}, sqrt(2/π)·the exact second moment's root, within a few per cent when N·p_i ≫ 1)`,
      estimate,
      maxOperations,
    );
  }
  const M = generations;
  const fromFirst = new Float64Array(M + 1);
  const fromInitial = new Float64Array(M + 1);
  const errFirst = new Float64Array(M + 1);
  const errInitial = new Float64Array(M + 1);
  let statF = 0;
  let statI = 0;
  let statFErr = 0;
  let statIErr = 0;
  let operations = 0;
  let maxIterations = 0;
  for (let g = 0; g < values.length; g++) {
    const x = values[g];
    const k = counts[g];
    const iterations = Math.max(M, stationary ? iterationsFor(N, n, x, tau) : 0);
    const t = tokenDeviation({
      N,
      n,
      x,
      generations: M,
      stationary,
      iterationTolerance: tau,
      cutoffs: cutoffsFor(tau, n, iterations),
      firstOnly,
      record: values.length === 1 ? record : undefined,
    });
    operations += t.operations;
    if (t.maxIterations > maxIterations) maxIterations = t.maxIterations;
    for (let m = 0; m <= M; m++) {
      fromFirst[m] += k * t.fromFirst[m];
      fromInitial[m] += k * t.fromInitial[m];
      errFirst[m] += k * t.fromFirstError[m];
      errInitial[m] += k * t.fromInitialError[m];
    }
    if (stationary) {
      statF += k * (t.stationaryFromFirst as number);
      statI += k * (t.stationaryFromInitial as number);
      statFErr += k * t.stationaryFromFirstError;
      statIErr += k * t.stationaryFromInitialError;
    }
  }
  // Rounding: sums of positive terms; the ratio recurrence re-anchors every 32 steps.
  const roundingEstimate = Number.EPSILON * (64 + 2 * maxIterations + Math.log2(Math.max(2, values.length)));
  let maxValue = stationary ? Math.max(statF, statI) : 0;
  let maxErr = stationary ? Math.max(statFErr, statIErr) : 0;
  for (let m = 0; m <= M; m++) {
    maxValue = Math.max(maxValue, fromFirst[m], fromInitial[m]);
    maxErr = Math.max(maxErr, errFirst[m], errInitial[m]);
  }
  return {
    fromFirst,
    fromInitial,
    stationary: stationary ? { fromFirst: statF, fromInitial: statI } : null,
    error: { fromFirst: errFirst, fromInitial: errInitial, stationaryFromFirst: statFErr, stationaryFromInitial: statIErr },
    roundingEstimate,
    errorBound: maxErr + roundingEstimate * maxValue,
    groups: values.length,
    operations,
    estimatedOperations: estimate,
  };
}

/**
 * The exact expected L1 deviation of the Partially Synthetic chain from the
 * first generation, E‖p^(m) − p^(1)‖₁, and from p, E‖p^(m) − p‖₁, for
 * m = 0…M and m → ∞ — the quantity Theorem 3 bounds by (1/N)·sqrt(πn/2)·G_n(s)
 * and Theorem 4 by (1/N)·sqrt(nπ/φ(ζ))·G_n(s) (Appendix B).
 *
 * Certified: each value v comes with an error e such that the exact value lies in
 * [v, v + e] up to rounding (truncated binomial tails are bounded geometrically;
 * the limit by the Wasserstein contraction α = n/(N + n) of the chain). Both
 * sequences are non-decreasing in m, so `stationary` is also their supremum.
 *
 * Cost: per distinct value x of p, about (10·sqrt(N x) + 100) corpus counts, each
 * a chain over ~20·sd(Z) states; refused with {@link ExactComputationTooLargeError}
 * beyond `maxOperations`.
 *
 * @param options - `{ p, N, n, generations = 10, stationary = true, tolerance = 1e-12, maxOperations }`.
 * @returns per-generation arrays, limits, certified errors.
 * @throws ParameterRangeError / ParameterTypeError on invalid input;
 *   ExactComputationTooLargeError when the estimate exceeds `maxOperations`.
 *
 * @example
 * ```ts
 * const d = exactDeviation({ p: [0.5, 0.5], N: 10, n: 5, generations: 3 });
 * d.fromFirst; // => Float64Array [0.24609375, 0, 0.1123507, 0.1177520]
 * d.stationary?.fromFirst; // => 0.1182653
 * d.errorBound < 1e-12; // => true
 * ```
 * ```ts ignore
 * exactDeviation({ p: [1], N: 1, n: 0 }); // throws ParameterRangeError
 * ```
 */
export function exactDeviation(options: ExactDeviationOptions): ExactDeviation {
  const c = readOptions(options);
  if (c.p.length < 1) throw new ParameterRangeError('p', options.p, 'a non-empty probability vector');
  return withDisplay(exactDeviationUnchecked(c.p, c.N, c.n, c.generations, c.stationary, c.tolerance, c.maxOperations), 'exact-deviation', { N: c.N, n: c.n, s: c.p.length });
}
