/**
 * The search for the finite-M criterion (every generation m ≤ M): the deviation rises with
 * n, then falls back to 0 as n → ∞ (for n ≥ tail the second-moment bound certifies it).
 * Exhaustive on [upTo + 1, tail − 1] when affordable, else a geometric grid with every
 * boundary refined and scanned.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { assemble } from './assemble.ts';
import { MAX_SEARCH_N, type SearchContext, type SearchOutcome } from './context.ts';
import { scanCost } from './cost.ts';
import { safeAt } from './evaluate.ts';
import { nextGridPoint, refine, scan, tryScan } from './search.ts';
import type { SafeSizeEvaluation } from './types.ts';

/** The safe set for every generation m ≤ M (M finite, `ctx.safeFrom` its certified tail). */
export function searchFinite(ctx: SearchContext): SearchOutcome {
  const { problem, cache, upTo, scanRadius, exhaustiveBudget } = ctx;
  const { N, M } = problem;
  const tail = ctx.safeFrom as number;
  const lastNeeded = Math.min(tail - 1, MAX_SEARCH_N);
  if (lastNeeded <= upTo) {
    return {
      exhaustive: false,
      intervals: [{ from: 1, to: Infinity }],
      scope: `every n is safe: n ≤ ${upTo} and n ≥ ${tail} by the exact second-moment bound, which covers all n.`,
    };
  }
  if (Number.isFinite(tail) && scanCost(problem, upTo + 1, lastNeeded) <= exhaustiveBudget && tryScan(ctx, upTo + 1, lastNeeded)) {
    return {
      exhaustive: true,
      intervals: assemble({ cache, from: 1, last: lastNeeded, upTo, tailFrom: tail }),
      scope: `certified for every n: n ≤ ${upTo} and n ≥ ${tail} by the exact second-moment bound, every n in between by a certified exact evaluation.`,
    };
  }
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
    const e = safeAt(ctx, n);
    if (previous !== null && previous.safe !== e.safe) {
      const { lo, hi } = refine(ctx, previous.n, n, previous.safe);
      const boundary = previous.safe ? hi : lo;
      scan(ctx, Math.max(upTo + 1, boundary - scanRadius), Math.min(lastNeeded, boundary + scanRadius));
      if (!previous.safe && e.safe) fellBack = true;
      fallingSafe = 0;
    } else if (fellBack && e.safe && previous !== null && e.value < previous.value) fallingSafe++;
    else if (fellBack) fallingSafe = 0;
    previous = e;
    reached = n;
  }
  const intervals = assemble({ cache, from: 1, last: reached, upTo, tailFrom: Number.isFinite(tail) ? tail : null });
  if (stoppedEarly && intervals.length > 0 && intervals[intervals.length - 1].to === reached) {
    intervals[intervals.length - 1].to = Infinity;
  }
  return {
    exhaustive: false,
    intervals,
    scope:
      `n ≤ ${upTo}${Number.isFinite(tail) ? ` and n ≥ ${tail}` : ''} are certified safe by the exact second-moment bound; the deviation at generation ${M} was evaluated on a ` +
      `geometric grid (ratio 1.1 below 4N, 1.25 above) between, every change of status refined to adjacent integers and scanned ±${scanRadius}; elsewhere the status of the nearest evaluation below is assumed` +
      (stoppedEarly ? `; the grid stopped at n = ${reached}, on the falling branch, and larger n are taken as safe.` : '.'),
  };
}
