/**
 * The exact law of the collapse time T = min{m ≥ 1 : ‖p^(m)‖∞ = 1} in the Fully
 * Synthetic setting (paper §3.1: p^(m) = X^(m)/n, X^(m) ~ Multinomial(n, p^(m−1)),
 * p^(0) = p), where the paper only bounds E[T] (Theorem 1, eq. 8) and gives the
 * limit law (Proposition 1).
 *
 * **Reduction to one binomial chain.** Each count X_i^(m) alone is the
 * Wright–Fisher chain X_i^(1) ~ Bin(n, p_i), X_i^(m) | X_i^(m−1) ~ Bin(n, X_i^(m−1)/n).
 * A Dirac mass is absorbing and at most one token can hold all n samples, so
 * {T ≤ m} is the disjoint union of the events {X_i^(m) = n}:
 * ρ_m = P(T ≤ m) = Σ_i P(X_i^(m) = n). With Q the transient block (states
 * 1…n−1) of P(k, l) = C(n, l)(k/n)^l(1 − k/n)^(n−l), a(k) = k/n (the
 * fixation probability from k) and π = Σ_i Bin(n, p_i) restricted to 1…n−1,
 * P(T > m) = π·Q^(m−1)a for m ≥ 1, hence E[T] = 1 + π·g with (I − Q)g = a and
 * E[T²] = 1 + π·(2h + g) with (I − Q)h = g.
 *
 * **Numerics.** Q is stored as a band (a rigorous Chernoff window per row) and
 * I − Q is factorised without pivoting and without subtraction (GTH); see
 * `collapse-band.ts`. The truncation error is bounded a posteriori and
 * rigorously (in exact arithmetic) by {@link ExactCollapseTime.truncationErrorBound};
 * rounding is estimated by one step of iterative refinement with a compensated residual.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, checkProbabilityVector, ParameterRangeError } from '../validate.ts';
import { absorptionAtZero, bandShape, factorGth, residualGth, solveGth, stepAffine } from './collapse-band.ts';
import type { GthFactor } from './collapse-band.ts';
import { binomialPmf } from './collapse-binomial.ts';
import {
  addBinomialRow,
  bandExponent,
  buildChain,
  complementOf,
  DEFAULT_TOLERANCE,
  groupIndex,
  groupTokens,
  LAW_BUDGET,
  LU_RATE,
  MATVEC_RATE,
  MAX_ENTRIES,
  neumaierDot,
  readCommon,
  U,
} from './collapse-time/chain.ts';
import type { Chain, Common, Groups } from './collapse-time/chain.ts';
import { LazyLaw } from './collapse-time/law.ts';
import type { CollapseTimeLawValue } from './collapse-time/law.ts';
import { withDisplay } from '../display/bundle.ts'; // display hook: see src/display/bundle.ts

// ---------------------------------------------------------------------------
// Options, results, errors

/** Options of {@link exactCollapseTime}. */
export interface ExactCollapseTimeOptions {
  /** Synthetic samples per generation, an integer n ≥ 1. */
  n: number;
  /**
   * Target for the certified relative truncation error of the mean, the
   * variance and the iterated law (default 1e-12; allowed [1e-15, 1e-3]).
   */
  tolerance?: number;
  /** Refuse a request whose estimated memory exceeds this many bytes (default 8 GiB). */
  maxBytes?: number;
  /** Refuse a request whose estimated run time exceeds this many seconds (default 900). */
  maxSeconds?: number;
  /**
   * Most steps of the chain the lazy law (`cdf`, `pmf`, `survival`) iterates
   * before answering from the spectral tail (exact eigenvectors of Q, see docs/exact.md);
   * default: as many as ~10¹⁰ multiply-adds allow (≈ 22n steps at n = 1 000, ≈ 670 at
   * n = 10 000). Iteration stops earlier, for good, once the spectral tail is certified to
   * 1e-10 relative (H ≈ n/4 for p = (0.5, 0.3, 0.2)); values it could not certify before the cap
   * report `source: 'bound'`.
   */
  maxIterations?: number;
}

/** Options of {@link exactCollapseProbability}, {@link fixationProbabilities} and {@link lossProbabilities}. */
export interface CollapseProbabilityOptions {
  /** Synthetic samples per generation, an integer n ≥ 1. */
  n: number;
  /** As in {@link ExactCollapseTimeOptions}. */
  tolerance?: number;
  /** As in {@link ExactCollapseTimeOptions}. */
  maxBytes?: number;
  /** As in {@link ExactCollapseTimeOptions}. */
  maxSeconds?: number;
}

/** Options of {@link fixationProbabilities} and {@link lossProbabilities}. */
export interface TokenProbabilityOptions extends CollapseProbabilityOptions {
  /** Generation m (integer ≥ 0); omitted or `Infinity`: the limit m → ∞ (Proposition 1). */
  m?: number;
}

export type { CollapseTimeLawValue } from './collapse-time/law.ts';

/** Result of {@link exactCollapseTime}. */
export interface ExactCollapseTime {
  /** Sample size n. */
  n: number;
  /** Support size s̃ = |{i : p_i > 0}|. */
  support: number;
  /** Number of distinct positive values among the p_i (tokens with equal p_i share their chain). */
  groups: number;
  /** E[T]. */
  mean: number;
  /** E[T²]. */
  secondMoment: number;
  /** Var T = E[T²] − E[T]². */
  variance: number;
  /** Standard deviation of T. */
  sd: number;
  /**
   * `'banded-gth'` (the banded solver; the band may cover all of Q, then
   * nothing is truncated) or `'trivial'` (n = 1 or s̃ = 1: T = 1 surely).
   */
  method: 'banded-gth' | 'trivial';
  /** Certified absolute bounds on the truncation error (exact arithmetic), for the mean, E[T²] and the variance. */
  truncationErrorBound: { mean: number; secondMoment: number; variance: number };
  /** max(truncationErrorBound.mean/mean, truncationErrorBound.variance/variance): the certified relative truncation error. */
  relativeErrorBound: number;
  /** The tolerance that the truncation was sized for (the certified bound is checked against it). */
  tolerance: number;
  /**
   * Estimated relative rounding error of mean and variance (not certified):
   * the size of the correction made by one step of iterative refinement.
   */
  roundingErrorEstimate: number;
  /** Largest half-width of the band of Q (n − 2 when nothing is truncated). */
  bandHalfWidth: number;
  /** Stored entries of Q (the memory held by the lazy law is 8 bytes each). */
  bandEntries: number;
  /** Bound on the transient mass dropped from any row of Q (0: Q is not truncated). */
  droppedRowMass: number;
  /** Bound on the transient mass dropped from π (the first-generation law). */
  droppedInitialMass: number;
  /** Wall-clock milliseconds spent building and solving. */
  milliseconds: number;
  /** P(T = m) (lazy: iterates the chain; see {@link ExactCollapseTime.at}). */
  pmf(m: number): number;
  /** P(T ≤ m) = ρ_m. */
  cdf(m: number): number;
  /** P(T > m) = 1 − ρ_m. */
  survival(m: number): number;
  /** pmf, cdf, survival at m with certified bounds and their source. */
  at(m: number): CollapseTimeLawValue;
  /** Generations iterated so far: the law is iterated (not extrapolated) up to this m. */
  horizon(): number;
  /** The iteration cap (see {@link ExactCollapseTimeOptions.maxIterations}). */
  maxIterations: number;
}

/** Cost of the exact computation, estimated before running it. */
export interface CollapseTimeCost {
  /** Sample size n. */
  n: number;
  /** Stored entries of the band of Q. */
  entries: number;
  /** Multiply-adds of the banded LU factorisation. */
  luOperations: number;
  /** Largest band half-width. */
  halfWidth: number;
  /** Estimated peak memory in bytes (Q and its factorisation, 8 bytes per entry each, plus vectors). */
  bytes: number;
  /** Estimated seconds for E[T] and Var T on this machine class (≈ 2·10⁹ multiply-adds/s). */
  seconds: number;
  /** Whether the entries were counted exactly (n ≤ 10⁶) or from the Gaussian-width formula. */
  exact: boolean;
}

/**
 * Thrown when a requested exact computation would exceed the memory or time limits
 * (a {@link ParameterRangeError} on `n`, carrying the refused estimate).
 *
 * @example
 * ```ts ignore
 * exactCollapseTime([0.5, 0.5], { n: 1e7 }); // throws CollapseCostError
 * ```
 */
export class CollapseCostError extends ParameterRangeError {
  /** The estimate that was refused. */
  readonly estimate: CollapseTimeCost;
  constructor(parameter: string, value: unknown, allowed: string, estimate: CollapseTimeCost) {
    super(parameter, value, allowed);
    this.name = 'CollapseCostError';
    this.estimate = estimate;
  }
}


// ---------------------------------------------------------------------------
// Cost estimate

/**
 * Estimated cost of {@link exactCollapseTime} at sample size n (the band of Q
 * depends on n and the tolerance only): stored entries, LU multiply-adds,
 * memory and seconds. Exact band counts for n ≤ 10⁶ (O(n log n) to count),
 * the Gaussian-width formula beyond. Used to refuse requests up front.
 *
 * @param n - sample size, integer ≥ 1.
 * @param options - `tolerance` (default 1e-12).
 * @example
 * ```ts
 * const c = exactCollapseTimeCost(10000);
 * c.halfWidth; // => 473
 * c.bytes < 2e8; // => true
 * exactCollapseTimeCost(1e7).seconds > 1e6; // => true
 * ```
 */
export function exactCollapseTimeCost(n: number, options: { tolerance?: number } = {}): CollapseTimeCost {
  checkInteger('n', n, { min: 1 });
  const o = checkOptions<{ tolerance?: number }>('options', options);
  const tolerance =
    o.tolerance === undefined ? DEFAULT_TOLERANCE : checkNumber('tolerance', o.tolerance, { min: 1e-15, max: 1e-3 });
  return costOf(n, tolerance);
}

function costOf(n: number, tolerance: number): CollapseTimeCost {
  if (n <= 2) return { n, entries: n - 1, luOperations: 0, halfWidth: 0, bytes: 64 * n, seconds: 0, exact: true };
  const L = bandExponent(n, tolerance);
  let entries: number;
  let luOps: number;
  let halfWidth: number;
  let exact: boolean;
  if (n <= 1e6) {
    const shape = bandShape(n, L);
    entries = shape.entries;
    luOps = shape.luOps;
    halfWidth = shape.halfWidth;
    exact = true;
  } else {
    // half-width ≈ c·σ_k, σ_k = sqrt(k(n − k)/n); Σσ_k ≈ n^1.5·π/8, Σσ_k² ≈ n²/6.
    const c = Math.sqrt(2 * L) * 1.02;
    entries = 2 * c * Math.pow(n, 1.5) * (Math.PI / 8) + n;
    luOps = (c * c * n * n) / 6;
    halfWidth = Math.ceil((c * Math.sqrt(n)) / 2);
    exact = false;
  }
  const bytes = 16 * entries + 12 * 8 * n;
  const seconds = luOps / LU_RATE + (10 * entries) / MATVEC_RATE + 40e-9 * entries;
  return { n, entries, luOperations: luOps, halfWidth, bytes, seconds, exact };
}

function refuseIfTooCostly(common: Common, extraMatvecs: number, what: string): CollapseTimeCost {
  const cost = costOf(common.n, common.tolerance);
  const seconds = cost.seconds + (extraMatvecs * cost.entries) / MATVEC_RATE;
  const estimate = { ...cost, seconds };
  const gib = (cost.bytes / 1024 ** 3).toPrecision(3);
  if (cost.bytes > common.maxBytes || seconds > common.maxSeconds || cost.entries > MAX_ENTRIES) {
    throw new CollapseCostError(
      'n',
      common.n,
      `small enough for the exact ${what} (estimated ${gib} GiB and ${seconds.toPrecision(3)} s; ` +
        `limits ${(common.maxBytes / 1024 ** 3).toPrecision(3)} GiB and ${common.maxSeconds} s, ` +
        `raise maxBytes/maxSeconds or use approximateCollapseTime)`,
      estimate,
    );
  }
  return estimate;
}


// ---------------------------------------------------------------------------
// Solves

interface Solution {
  x: Float64Array;
  /** The correction made by one refinement step. */
  correction: Float64Array;
}

function solveRefined(factor: GthFactor, b: Float64Array): Solution {
  const x = solveGth(factor, b);
  const { residual } = residualGth(factor.band, x, b);
  // the residual has either sign: the same (linear) solve, no longer subtraction-free
  const correction = solveGth(factor, residual);
  for (let i = 0; i < x.length; i++) x[i] += correction[i];
  return { x, correction };
}

function oscillation(x: Float64Array): { min: number; max: number; osc: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  return { min, max, osc: max - min };
}

interface Moments {
  g: Float64Array;
  t: Float64Array;
  h: Float64Array;
  mean: number;
  secondMoment: number;
  truncation: { mean: number; secondMoment: number; variance: number };
  rounding: number;
  /** δ·osc(g), δ·osc(t) etc. for per-token bounds. */
  deltaOscG: number;
  tScale: number;
  gMaxUpper: number;
}

function solveMoments(chain: Chain): Moments {
  const { size, band, pi, piDropped } = chain;
  const factor = factorGth(band);
  const a = new Float64Array(size);
  const ones = new Float64Array(size).fill(1);
  for (let i = 0; i < size; i++) a[i] = (i + 1) / chain.n;
  const gs = solveRefined(factor, a);
  const ts = solveRefined(factor, ones);
  const hs = solveRefined(factor, gs.x);
  const g = gs.x;
  const t = ts.x;
  const h = hs.x;
  const piG = neumaierDot(pi, g);
  const piH = neumaierDot(pi, h);
  const piT = neumaierDot(pi, t);
  const mean = 1 + piG;
  const secondMoment = 1 + 2 * piH + piG;

  // Certified truncation bounds (exact arithmetic), see docs/_sections/exact-collapse-time.md.
  // Normalised rows: ‖(Q − Q̂)_k‖₁ ≤ 2δ with zero row sum; ‖π − π̂‖₁ ≤ 2·piDropped.
  const delta = 2 * band.delta;
  const piErr = 2 * piDropped;
  const og = oscillation(g);
  const ot = oscillation(t);
  const oh = oscillation(h);
  if (delta * ot.osc >= 0.5) {
    throw new RangeError(`exactCollapseTime: band too narrow (δ·osc(t) = ${delta * ot.osc}); lower the tolerance`);
  }
  const ct = 1 / (1 - delta * ot.osc);
  const tMax = ot.max * ct;
  const piTUpper = piT * ct;
  const gMaxUpper = og.max + delta * og.osc * tMax;
  const hMaxUpper = oh.max + delta * (oh.osc + og.osc * tMax) * tMax;
  const errG = delta * og.osc * piTUpper + piErr * gMaxUpper;
  const errH = delta * (oh.osc + og.osc * tMax) * piTUpper + piErr * hMaxUpper;
  const errMean = errG;
  const errSecond = 2 * errH + errG;
  const errVariance = errSecond + 2 * mean * errMean + errMean * errMean;

  const dG = Math.abs(neumaierDot(pi, gs.correction));
  const dH = Math.abs(neumaierDot(pi, hs.correction));
  const variance = secondMoment - mean * mean;
  const rounding = Math.max(dG / mean, (2 * dH + dG + 2 * mean * dG) / Math.max(variance, Number.MIN_VALUE));
  return {
    g,
    t,
    h,
    mean,
    secondMoment,
    truncation: { mean: errMean, secondMoment: errSecond, variance: errVariance },
    rounding: Math.max(rounding, 2 * U),
    deltaOscG: delta * og.osc,
    tScale: ct,
    gMaxUpper,
  };
}

function trivialValue(m: number): CollapseTimeLawValue {
  const pmf = m === 1 ? 1 : 0;
  const cdf = m >= 1 ? 1 : 0;
  return {
    m,
    pmf,
    cdf,
    survival: 1 - cdf,
    pmfLower: pmf,
    pmfUpper: pmf,
    cdfLower: cdf,
    cdfUpper: cdf,
    survivalLower: 1 - cdf,
    survivalUpper: 1 - cdf,
    source: 'closed-form',
  };
}

function defaultIterations(entries: number): number {
  return Math.max(16, Math.floor(LAW_BUDGET / (2 * Math.max(1, entries))));
}

// ---------------------------------------------------------------------------
// Public API

/**
 * The exact law of the collapse time T = min{m ≥ 1 : ‖p^(m)‖∞ = 1} of the
 * Fully Synthetic chain (paper §3.1), which Theorem 1 only bounds
 * (eq. 8: 1 + (1 − S0)(n − 1)/(1 − 1/s̃) ≤ E[T] ≤ 1 + (1 − S0)n(n − 1)).
 *
 * Mean and variance come from one banded, subtraction-free LU of I − Q
 * (Q: transient Wright–Fisher block): E[T] = 1 + π·g, (I − Q)g = a,
 * E[T²] = 1 + π·(2h + g), (I − Q)h = g. The law (`pmf`, `cdf`, `survival`,
 * `at`) is computed lazily by iterating the banded chain, cached, and beyond the
 * iterated horizon computed from the exact eigenvectors of Q with a certified relative
 * error ≤ 1e-10 (`at(m).source === 'spectral'`).
 *
 * Cost: O(n²·ln(1/δ)) time and O(n^1.5·√ln(1/δ)) memory; n = 1 000 takes
 * ~15 ms, n = 10 000 ~1 s, n = 100 000 ~1.5 min and ~4 GiB. Requests above
 * `maxBytes`/`maxSeconds` throw {@link CollapseCostError} with the estimate.
 *
 * Error control: the band drops ≤ δ of each row of Q and the first-generation
 * law π is truncated likewise; `truncationErrorBound` bounds the effect
 * rigorously in exact arithmetic and `relativeErrorBound` ≤ `tolerance`.
 * Rounding is estimated (`roundingErrorEstimate`), not certified.
 *
 * @param p - the initial distribution p^(0) (sums to 1 within 1e-9).
 * @param options - `n`, optional `tolerance`, `maxBytes`, `maxSeconds`, `maxIterations`.
 * @throws ParameterRangeError / ParameterTypeError on invalid input; CollapseCostError when too costly.
 * @example
 * ```ts
 * const r = exactCollapseTime([0.5, 0.5], { n: 2 });
 * r.mean; // => 2
 * r.variance; // => 2
 * exactCollapseTime([1 / 2, 1 / 3, 1 / 6], { n: 4 }).mean; // => 5.09816943380
 * const big = exactCollapseTime([0.5, 0.3, 0.2], { n: 1000 });
 * big.mean; // => 1546.66
 * big.relativeErrorBound < 1e-12; // => true
 * big.cdf(1547); // => 0.6139917351
 * ```
 */
export function exactCollapseTime(p: ArrayLike<number>, options: ExactCollapseTimeOptions): ExactCollapseTime {
  const started = performance.now();
  const common = readCommon(p, options);
  const o = options;
  const groups = groupTokens(common.p);
  const { n } = common;
  if (n === 1 || groups.support === 1) {
    return withDisplay(trivialResult(n, groups, common.tolerance, started), 'exact-collapse-time', { p: common.p });
  }
  const cost = refuseIfTooCostly(common, 0, 'collapse-time moments');
  const maxIterations =
    o.maxIterations === undefined ? defaultIterations(cost.entries) : checkInteger('maxIterations', o.maxIterations, { min: 0 });
  let chain = buildChain(common, groups);
  let mom = solveMoments(chain);
  const relative = (mo: Moments): number => {
    const v = Math.max(0, mo.secondMoment - mo.mean * mo.mean);
    return Math.max(mo.truncation.mean / mo.mean, v > 0 ? mo.truncation.variance / v : 0);
  };
  // The band is sized from a priori estimates; should the a posteriori bound exceed the
  // tolerance, widen the band (smaller δ) and solve again (never observed so far).
  for (let extra = 0; relative(mom) > common.tolerance && extra < 3; extra++) {
    chain = buildChain(common, groups, Math.log((10 * relative(mom)) / common.tolerance) * (extra + 1));
    mom = solveMoments(chain);
  }
  const variance = Math.max(0, mom.secondMoment - mom.mean * mom.mean);
  const relativeErrorBound = relative(mom);
  const law = new LazyLaw(chain, maxIterations);
  const checkM = (m: number): number => checkInteger('m', m, { min: 0 });
  return withDisplay({
    n,
    support: groups.support,
    groups: groups.values.length,
    mean: mom.mean,
    secondMoment: mom.secondMoment,
    variance,
    sd: Math.sqrt(variance),
    method: 'banded-gth',
    truncationErrorBound: mom.truncation,
    relativeErrorBound,
    tolerance: common.tolerance,
    roundingErrorEstimate: mom.rounding,
    bandHalfWidth: chain.band.halfWidth,
    bandEntries: chain.band.entries,
    droppedRowMass: chain.band.delta,
    droppedInitialMass: chain.piDropped,
    milliseconds: performance.now() - started,
    pmf: (m: number) => law.at(checkM(m)).pmf,
    cdf: (m: number) => law.at(checkM(m)).cdf,
    survival: (m: number) => law.at(checkM(m)).survival,
    at: (m: number) => law.at(checkM(m)),
    horizon: () => law.horizon(),
    maxIterations,
  }, 'exact-collapse-time', { p: common.p });
}

function trivialResult(n: number, groups: Groups, tolerance: number, started: number): ExactCollapseTime {
  const checkM = (m: number): number => checkInteger('m', m, { min: 0 });
  return {
    n,
    support: groups.support,
    groups: groups.values.length,
    mean: 1,
    secondMoment: 1,
    variance: 0,
    sd: 0,
    method: 'trivial',
    truncationErrorBound: { mean: 0, secondMoment: 0, variance: 0 },
    relativeErrorBound: 0,
    tolerance,
    roundingErrorEstimate: 0,
    bandHalfWidth: 0,
    bandEntries: 0,
    droppedRowMass: 0,
    droppedInitialMass: 0,
    milliseconds: performance.now() - started,
    pmf: (m: number) => trivialValue(checkM(m)).pmf,
    cdf: (m: number) => trivialValue(checkM(m)).cdf,
    survival: (m: number) => trivialValue(checkM(m)).survival,
    at: (m: number) => trivialValue(checkM(m)),
    horizon: () => Infinity,
    maxIterations: 0,
  };
}

/**
 * ρ_m = P(‖p^(m)‖∞ = 1), the probability that the Fully Synthetic chain has
 * collapsed by generation m (Theorem 1 bounds it, eq. 7), computed exactly
 * by the same lazy law as {@link exactCollapseTime}`(p, { n }).cdf(m)`: steps of the banded
 * chain, ρ_m = Σ_i p_i^n + Σ_{j ≤ m−2} π·Q^j b with b(k) = (k/n)^n (a sum of non-negative
 * terms, absolute truncation error ~1e-20, so a tiny ρ_m is only absolutely accurate), then
 * the certified spectral tail (relative error ≤ 1e-10) past the iteration cap or once certified.
 * ρ_0 is 1 if p is a Dirac mass and 0 otherwise. No linear solve is needed.
 *
 * @param m - generation, integer ≥ 0.
 * @param p - the initial distribution.
 * @param options - `n` (and `tolerance`, `maxBytes`, `maxSeconds`).
 * @example
 * ```ts
 * exactCollapseProbability(1, [0.5, 0.5], { n: 2 }); // => 0.5
 * exactCollapseProbability(3, [0.5, 0.5], { n: 2 }); // => 0.875
 * exactCollapseProbability(0, [1, 0], { n: 5 }); // => 1
 * ```
 */
export function exactCollapseProbability(m: number, p: ArrayLike<number>, options: CollapseProbabilityOptions): number {
  const gen = checkInteger('m', m, { min: 0 });
  const common = readCommon(p, options);
  const groups = groupTokens(common.p);
  const { n } = common;
  if (groups.support === 1) return 1;
  if (gen === 0) return 0;
  if (n === 1) return 1;
  const cap = defaultIterations(costOf(n, common.tolerance).entries);
  refuseIfTooCostly(common, 2 * Math.min(gen, cap), 'collapse probability');
  // the same law as exactCollapseTime(p, { n }).cdf(m): iterated, then the spectral tail
  return new LazyLaw(buildChain(common, groups), cap).at(gen).cdf;
}

/**
 * Per-token collapse probabilities: P(p^(m) = δ_i), the probability that the
 * chain has collapsed onto token i by generation m; with m omitted (or
 * `Infinity`) the limit P(lim p^(m) = δ_i) = p_i of Proposition 1. For finite m
 * it is p_i^n + π_i·f_{m−1} with f_j = Σ_{l<j} Q^l b (b(k) = (k/n)^n) the probability of
 * fixation within j steps, π_i = Bin(n, p_i) on 1..n−1; Σ_i of it is ρ_m.
 *
 * @param p - the initial distribution.
 * @param options - `n`; `m` (integer ≥ 0 or `Infinity`, default `Infinity`).
 * @returns a `Float64Array` of length s.
 * @example
 * ```ts
 * fixationProbabilities([0.5, 0.3, 0.2], { n: 10 }); // => Float64Array [0.5, 0.3, 0.2]
 * fixationProbabilities([0.5, 0.5], { n: 2, m: 1 }); // => Float64Array [0.25, 0.25]
 * fixationProbabilities([0.5, 0.5], { n: 2, m: 2 }); // => Float64Array [0.375, 0.375]
 * ```
 */
export function fixationProbabilities(p: ArrayLike<number>, options: TokenProbabilityOptions): Float64Array {
  return tokenProbabilities(p, options, 'fixed');
}

/**
 * Per-token loss probabilities: P(p_i^(m) = 0), the probability that token i
 * has disappeared by generation m; with m omitted (or `Infinity`) the limit
 * 1 − p_i (Proposition 1). For finite m it is (1 − p_i)^n + π_i·(R f_{m−1}) with R
 * the reflection k ↦ n − k (loss of i is fixation of the other tokens
 * together, and Q commutes with R).
 *
 * @param p - the initial distribution.
 * @param options - `n`; `m` (integer ≥ 0 or `Infinity`, default `Infinity`).
 * @returns a `Float64Array` of length s.
 * @example
 * ```ts
 * lossProbabilities([0.5, 0.3, 0.2], { n: 10 }); // => Float64Array [0.5, 0.7, 0.8]
 * lossProbabilities([0.5, 0.5], { n: 2, m: 1 }); // => Float64Array [0.25, 0.25]
 * lossProbabilities([0.5, 0.5, 0], { n: 3, m: 0 }); // => Float64Array [0, 0, 1]
 * ```
 */
export function lossProbabilities(p: ArrayLike<number>, options: TokenProbabilityOptions): Float64Array {
  return tokenProbabilities(p, options, 'lost');
}

function tokenProbabilities(p: unknown, options: unknown, kind: 'fixed' | 'lost'): Float64Array {
  const common = readCommon(p, options);
  const o = options as TokenProbabilityOptions;
  const mRaw = o.m;
  const gen = mRaw === undefined || mRaw === Infinity ? Infinity : checkInteger('m', mRaw, { min: 0 });
  const { n, p: probs } = common;
  const s = probs.length;
  const out = new Float64Array(s);
  const direct = (x: number): number => (kind === 'fixed' ? x : 1 - x);
  if (gen === Infinity) {
    for (let i = 0; i < s; i++) out[i] = direct(probs[i]);
    return out;
  }
  if (gen === 0) {
    for (let i = 0; i < s; i++) out[i] = kind === 'fixed' ? (probs[i] === 1 ? 1 : 0) : probs[i] === 0 ? 1 : 0;
    return out;
  }
  const groups = groupTokens(probs);
  if (n === 1 || groups.support === 1) {
    // p^(1) is already a Dirac mass: token i is chosen with probability p_i.
    for (let i = 0; i < s; i++) out[i] = direct(probs[i]);
    return out;
  }
  refuseIfTooCostly(common, gen, 'per-token collapse probabilities');
  const chain = buildChain(common, groups);
  const { size, band } = chain;
  // f_{gen−1}: cumulative fixation within gen − 1 steps, from each transient state.
  const b = new Float64Array(size);
  for (let i = 0; i < size; i++) b[i] = absorptionAtZero(n, n - i - 1);
  let f = new Float64Array(size);
  let next = new Float64Array(size);
  for (let j = 0; j < gen - 1; j++) {
    stepAffine(band, f, b, next);
    [f, next] = [next, f];
  }
  const scratch = new Float64Array(size);
  const perGroup = new Float64Array(groups.values.length);
  const piRow = new Float64Array(size);
  for (let gi = 0; gi < groups.values.length; gi++) {
    const x = groups.values[gi];
    const xs = kind === 'fixed' ? x : 1 - x; // the law of n − X_i is Bin(n, 1 − p_i)
    piRow.fill(0);
    if (xs > 0 && xs < 1) addBinomialRow(n, xs, 1, chain.piExponent, chain.piFull, piRow, scratch);
    const atN = binomialPmf(n, n, xs, 1 - xs);
    perGroup[gi] = Math.min(1, atN + neumaierDot(piRow, f));
  }
  for (let i = 0; i < s; i++) {
    const x = probs[i];
    if (x === 0) out[i] = kind === 'fixed' ? 0 : 1;
    else if (x === 1) out[i] = kind === 'fixed' ? 1 : 0;
    else out[i] = perGroup[groupIndex(groups, x)];
  }
  return out;
}

/** Result of {@link tokenCollapseTimes}. */
export interface TokenCollapseTimes {
  /** Sample size n. */
  n: number;
  /** P(the chain collapses onto token i) = p_i (Proposition 1). */
  fixationProbability: Float64Array;
  /**
   * E[T | collapse onto i] = 1 + π_i·g/p_i, with (I − Q)g = a; `Infinity` when p_i = 0
   * (the event is impossible). Σ_i p_i·E[T | i] = E[T].
   */
  expectedFixationTime: Float64Array;
  /**
   * E[L_i | L_i < ∞], L_i = min{m ≥ 0 : p_i^(m) = 0} the generation at which token i
   * disappears: 1 + π_i·(Rg)/(1 − p_i) (R: k ↦ n − k); 0 when p_i = 0, `Infinity` when p_i = 1.
   */
  expectedLossTime: Float64Array;
  /**
   * E[τ_i], τ_i = min{m ≥ 0 : p_i^(m) ∈ {0, 1}} the absorption time of token i's own chain:
   * 1 + π_i·t with (I − Q)t = 1 (= p_i·E[T | i] + (1 − p_i)·E[L_i | lost]).
   */
  expectedAbsorptionTime: Float64Array;
  /** Certified relative truncation error bound over all finite entries. */
  relativeErrorBound: number;
}

/**
 * Per-token times of the Fully Synthetic chain (Proposition 1 refined): for
 * each token, the probability p_i of being the survivor, the expected
 * collapse time given that it survives, the expected generation at which it
 * disappears given that it does, and the expected absorption time of its own
 * count chain. One banded LU as in {@link exactCollapseTime} (the loss times use
 * the same solution, reflected: Q commutes with k ↦ n − k).
 *
 * @param p - the initial distribution.
 * @param options - `n` (and `tolerance`, `maxBytes`, `maxSeconds`).
 * @example
 * ```ts
 * const t = tokenCollapseTimes([0.5, 0.5], { n: 2 });
 * t.expectedFixationTime; // => Float64Array [2, 2]
 * t.expectedLossTime; // => Float64Array [2, 2]
 * tokenCollapseTimes([0.7, 0.3, 0], { n: 3 }).expectedLossTime[2]; // => 0
 * ```
 */
export function tokenCollapseTimes(p: ArrayLike<number>, options: CollapseProbabilityOptions): TokenCollapseTimes {
  const common = readCommon(p, options);
  const { n, p: probs } = common;
  const s = probs.length;
  const groups = groupTokens(probs);
  const fix = new Float64Array(s);
  const loss = new Float64Array(s);
  const absorb = new Float64Array(s);
  const fixation = probs.slice();
  if (n === 1 || groups.support === 1) {
    for (let i = 0; i < s; i++) {
      const x = probs[i];
      fix[i] = x > 0 ? 1 : Infinity;
      loss[i] = x === 0 ? 0 : x === 1 ? Infinity : 1;
      absorb[i] = x === 0 ? 0 : 1;
    }
    return {
      n,
      fixationProbability: fixation,
      expectedFixationTime: fix,
      expectedLossTime: loss,
      expectedAbsorptionTime: absorb,
      relativeErrorBound: 0,
    };
  }
  refuseIfTooCostly(common, 0, 'per-token collapse times');
  const chain = buildChain(common, groups);
  const mom = solveMoments(chain);
  const { size } = chain;
  const scratch = new Float64Array(size);
  const piRow = new Float64Array(size);
  const gFix = new Float64Array(groups.values.length);
  const gLoss = new Float64Array(groups.values.length);
  const gAbs = new Float64Array(groups.values.length);
  const delta = 2 * chain.band.delta;
  let rel = 0;
  const tOsc = oscillation(mom.t);
  const tMax = tOsc.max * mom.tScale;
  for (let gi = 0; gi < groups.values.length; gi++) {
    const x = groups.values[gi];
    piRow.fill(0);
    const dropped = 2 * addBinomialRow(n, x, 1, chain.piExponent, chain.piFull, piRow, scratch);
    let piG = 0;
    let piRG = 0;
    let piT = 0;
    for (let i = 0; i < size; i++) {
      const w = piRow[i];
      if (w === 0) continue;
      piG += w * mom.g[i];
      piRG += w * mom.g[size - 1 - i];
      piT += w * mom.t[i];
    }
    gFix[gi] = 1 + piG / x;
    gAbs[gi] = 1 + piT;
    // |π_i(g − ĝ)| ≤ δ·osc(g)·π_i t + dropped·max g (and the same for Rg; t: δ·osc(t)·π_i t).
    const piTUp = (piT + dropped * tMax) * mom.tScale;
    const err = mom.deltaOscG * piTUp + dropped * mom.gMaxUpper;
    const errT = delta * tOsc.osc * piTUp + dropped * tMax;
    if (x <= 0.5) {
      gLoss[gi] = 1 + piRG / (1 - x);
      rel = Math.max(rel, err / x / gFix[gi], err / (1 - x) / gLoss[gi], errT / gAbs[gi]);
    } else {
      // The loss of i is the fixation of the other tokens together, of probability 1 − x: take it as the
      // sum of the other tokens (1 − x cancels — it is 0 for p = [1, 1e-300], which gave 0/0) and use
      // the binomial row of that probability instead of the reflected row of x.
      const comp = complementOf(groups, gi);
      piRow.fill(0);
      const droppedC = 2 * addBinomialRow(n, comp, 1, chain.piExponent, chain.piFull, piRow, scratch);
      let piGc = 0;
      let piTc = 0;
      for (let i = 0; i < size; i++) {
        const w = piRow[i];
        if (w === 0) continue;
        piGc += w * mom.g[i];
        piTc += w * mom.t[i];
      }
      gLoss[gi] = 1 + piGc / comp;
      const errC = mom.deltaOscG * (piTc + droppedC * tMax) * mom.tScale + droppedC * mom.gMaxUpper;
      rel = Math.max(rel, err / x / gFix[gi], errC / comp / gLoss[gi], errT / gAbs[gi]);
    }
  }
  for (let i = 0; i < s; i++) {
    const x = probs[i];
    if (x === 0) {
      fix[i] = Infinity;
      loss[i] = 0;
      absorb[i] = 0;
    } else {
      const gi = groupIndex(groups, x);
      fix[i] = gFix[gi];
      loss[i] = gLoss[gi];
      absorb[i] = gAbs[gi];
    }
  }
  return {
    n,
    fixationProbability: fixation,
    expectedFixationTime: fix,
    expectedLossTime: loss,
    expectedAbsorptionTime: absorb,
    relativeErrorBound: rel,
  };
}

/**
 * The diffusion approximation of E[T] (Kimura 1955; Littler 1975): the mean
 * time until all but one of the alleles with frequencies p_i are lost in a
 * neutral haploid Wright–Fisher population of size n,
 * E[T] ≈ −2n Σ_i (1 − p_i) ln(1 − p_i) generations. T counts the first draw
 * from p^(0) = p as generation 1, exactly as the Wright–Fisher chain started
 * at frequencies p, so no offset is added; the measured error against
 * {@link exactCollapseTime} is tabulated in docs/_sections/exact-collapse-time.md
 * (it overestimates by ≈ ⅓·ln n + c generations, c ≈ 0.2–1.5: relative error
 * O(ln n / n) for a fixed p; adding 1 for the first generation would make it worse).
 * O(s) time: use it where the exact
 * computation is refused.
 *
 * @param p - the initial distribution.
 * @param options - `n`, integer ≥ 1.
 * @example
 * ```ts
 * approximateCollapseTime([0.5, 0.5], { n: 1000 }); // => 1386.29
 * approximateCollapseTime([1, 0], { n: 10 }); // => 0
 * ```
 */
export function approximateCollapseTime(p: ArrayLike<number>, options: { n: number }): number {
  const probs = checkProbabilityVector('p', p);
  const o = checkOptions<{ n: number }>('options', options);
  const n = checkInteger('n', o.n, { min: 1 });
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const x = probs[i];
    if (x > 0 && x < 1) sum -= (1 - x) * Math.log1p(-x);
  }
  return 2 * n * sum;
}
