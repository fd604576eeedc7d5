/**
 * After the search: the closure scan, which makes sure every finite boundary of the reported
 * set has its neighbours evaluated (an inferred status next to a lattice dip can be wrong),
 * and the decreases of the deviation among consecutive evaluated integers.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import type { IntegerInterval } from '../../theory/safe-size.ts';
import { assemble } from './assemble.ts';
import type { SearchContext } from './context.ts';
import { scan } from './search.ts';
import type { SafeSizeEvaluation } from './types.ts';

/**
 * Closure: every finite boundary of the reported set must have its neighbours within
 * scanRadius evaluated; re-assemble until stable. Also evaluates the multiples kN near the
 * boundaries, where n·c/N ∈ ℤ for every c and the lattice dips are largest.
 */
export function closeBoundaries(ctx: SearchContext, intervals: IntegerInterval[]): IntegerInterval[] {
  const { problem, cache, upTo, safeFrom, scanRadius } = ctx;
  const { N, M } = problem;
  const lastOf = (): number => Math.max(...[...cache.keys()]);
  const tailFrom = M === null ? null : Number.isFinite(safeFrom as number) ? (safeFrom as number) : null;
  for (let pass = 0; pass < 6; pass++) {
    const before = cache.size;
    for (const iv of intervals) {
      for (const edge of [iv.from, iv.to]) {
        if (!Number.isFinite(edge) || edge <= upTo + 1 || (tailFrom !== null && edge >= tailFrom)) continue;
        const k = Math.round(edge / N);
        const extra = k >= 1 && Math.abs(k * N - edge) <= Math.max(scanRadius, 1) * 4 ? [k * N] : [];
        for (const n of [...extra]) if (n > upTo && (tailFrom === null || n < tailFrom)) scan(ctx, n, n);
        scan(ctx, Math.max(upTo + 1, edge - scanRadius), tailFrom === null ? edge + scanRadius : Math.min(tailFrom - 1, edge + scanRadius));
      }
    }
    if (cache.size === before) break;
    intervals = assemble({
      cache,
      from: 1,
      last: Math.max(lastOf(), intervals[intervals.length - 1].to === Infinity ? 0 : intervals[intervals.length - 1].to),
      upTo,
      tailFrom,
    });
  }
  return intervals;
}

/** Pairs (n, n + 1) among evaluated integers where the deviation certainly decreases. */
export function findDecreases(cache: Map<number, SafeSizeEvaluation>): { n: number; from: number; to: number }[] {
  const decreases: { n: number; from: number; to: number }[] = [];
  const evaluatedNow = [...cache.values()].sort((a, b) => a.n - b.n);
  for (let j = 1; j < evaluatedNow.length; j++) {
    const a = evaluatedNow[j - 1];
    const b = evaluatedNow[j];
    if (b.n === a.n + 1 && b.value + b.error < a.value - a.error) decreases.push({ n: a.n, from: a.value, to: b.value });
  }
  return decreases;
}
