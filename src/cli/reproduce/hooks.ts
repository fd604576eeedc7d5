/** Optional exact computations used to overlay exact curves on the figures. */
export interface ReproduceHooks {
  /** Exact E[T] of the Fully Synthetic chain (issue: exact engine). */
  exactMeanCollapseTime?: (p: Float64Array, n: number) => number | null;
  /** Exact E‖p^(m) − p^(1)‖₁ for m = 0..generations (Partially Synthetic). */
  exactDeviationFromFirst?: (p: Float64Array, N: number, n: number, generations: number) => ArrayLike<number> | null;
}
