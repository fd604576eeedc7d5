/**
 * g(c) = E[|p_i^(M) − p_i^(1)| | C_i = c] for a range of corpus counts c, as certified
 * intervals, from the per-count chains of the exact deviation engine.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { chainForCount, type EngineCutoffs } from '../deviation/chain.ts';

/** g(c) with certified bounds for c in [from, to]. */
export interface CountDeviations {
  from: number;
  lo: Float64Array;
  hi: Float64Array;
  operations: number;
}

/**
 * g(c) = E|p^(M)_i − p^(1)_i| given C_i = c (M = null: the limit), for c in [from, to],
 * as certified intervals [lo, hi].
 *
 * @example
 * ```ts
 * const g = countDeviations(10, 5, null, 0, 10, 1e-17, { row: 1e-25, trim: 1e-28, corpus: 1e-25 });
 * g.lo[5]; // => 0.0655175411273
 * g.lo[4] < g.lo[3]; // => true
 * ```
 */
export function countDeviations(
  N: number,
  n: number,
  M: number | null,
  from: number,
  to: number,
  tolerance: number,
  cutoffs: EngineCutoffs,
  toleranceOf: (c: number) => number = () => tolerance,
  reuse: CountDeviations | null = null,
): CountDeviations {
  const size = to - from + 1;
  const lo = new Float64Array(size);
  const hi = new Float64Array(size);
  const alpha = n / (N + n);
  let operations = 0;
  for (let c = from; c <= to; c++) {
    if (c === 0 || c === N) continue; // deterministic: g = 0
    const j = c - from;
    const tol = toleranceOf(c);
    if (reuse !== null && c >= reuse.from && c < reuse.from + reuse.lo.length && !Number.isNaN(reuse.lo[c - reuse.from])) {
      const k = c - reuse.from;
      // Reuse only a result at least as accurate as asked.
      if (reuse.hi[k] - reuse.lo[k] <= 4 * tol + 1e-12 * reuse.hi[k]) {
        lo[j] = reuse.lo[k];
        hi[j] = reuse.hi[k];
        continue;
      }
    }
    const stationary = M === null;
    const cut = tol === tolerance ? cutoffs : { row: cutoffs.row * (tol / tolerance), trim: cutoffs.trim * (tol / tolerance), corpus: cutoffs.corpus };
    const r = chainForCount(N, n, c, c / N, stationary ? 2 : M, stationary, tol, cut, true);
    operations += r.operations;
    if (stationary) {
      lo[j] = r.statFirst;
      hi[j] = r.statFirst + r.statLost * alpha + r.statIterationBound;
    } else {
      lo[j] = r.first[M];
      hi[j] = r.first[M] + r.lost[M] * alpha;
    }
    // Rounding allowance (relative, generous for sums of positive terms).
    hi[j] += hi[j] * 1e-13;
  }
  return { from, lo, hi, operations };
}
