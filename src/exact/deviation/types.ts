/**
 * Options and result of {@link exactDeviation} (re-exported by `./index.ts`).
 *
 * @module
 */

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
