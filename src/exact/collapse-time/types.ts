/**
 * Options and results of the exact collapse-time engine (re-exported by `./index.ts`).
 *
 * @module
 */
import type { CollapseTimeLawValue } from './law.ts';

export type { CollapseTimeLawValue } from './law.ts';

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
