/**
 * The search for the every-generation criterion (the stationary limit, M = null): the
 * deviation rises with n, so the answer is the first crossing of ε above the range the
 * second-moment bound certifies, scanned exactly around it — or every n up to beyond the
 * crossing when affordable.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { ExactComputationTooLargeError } from '../deviation/budget.ts';
import { assemble } from './assemble.ts';
import { MAX_SEARCH_N, type SearchContext, type SearchOutcome } from './context.ts';
import { scanCost } from './cost.ts';
import { safeAt } from './evaluate.ts';
import { firstCrossingUp, scan, tryScan } from './search.ts';

/** The safe set for every generation (throws {@link ExactComputationTooLargeError} when no unsafe n is found). */
export function searchStationary(ctx: SearchContext): SearchOutcome {
  const { problem, stats, cache, upTo, scanRadius, exhaustiveBudget } = ctx;
  const { N, epsilon, maxOperations } = problem;
  const start = Math.max(1, upTo);
  let crossing: { lo: number; hi: number } | null;
  if (upTo === 0 && !safeAt(ctx, 1).safe) crossing = { lo: 0, hi: 1 };
  else crossing = firstCrossingUp(ctx, start, MAX_SEARCH_N);
  if (crossing === null) {
    throw new ExactComputationTooLargeError(
      `exactSafeSyntheticSize (ε = ${epsilon}, N = ${N}): no unsafe n found up to ${MAX_SEARCH_N}; the search`,
      Math.max(stats.estimated, maxOperations * 1.0000001),
      maxOperations,
    );
  }
  // Exhaustive when affordable: every n up to the crossing plus max(N, radius) beyond it.
  const scanTo = crossing.hi + Math.max(scanRadius, Math.min(N, 4 * scanRadius + N));
  if (scanCost(problem, upTo + 1, scanTo) <= exhaustiveBudget && tryScan(ctx, upTo + 1, scanTo)) {
    return {
      exhaustive: true,
      intervals: assemble({ cache, from: 1, last: scanTo, upTo, tailFrom: null }),
      scope:
        `n ≤ ${upTo} is certified safe by the exact second-moment bound and every n in [${upTo + 1}, ${scanTo}] was decided by a certified exact evaluation; ` +
        `above ${scanTo} the deviation is taken to stay above ε (its upward trend in n; monotonicity in n is not proved and fails by O(1/N) relative near n·c/N ∈ ℤ).`,
    };
  }
  scan(ctx, Math.max(upTo + 1, crossing.lo - scanRadius), crossing.hi + scanRadius);
  return {
    exhaustive: false,
    intervals: assemble({ cache, from: 1, last: crossing.hi + scanRadius, upTo, tailFrom: null }),
    scope:
      `n ≤ ${upTo} is certified safe by the exact second-moment bound; every integer in the scanned window was decided by a certified exact evaluation; ` +
      `between ${upTo} and the window the deviation is taken to be below ε and above the window above ε (its upward trend in n; monotonicity in n is not proved and fails by O(1/N) relative near n·c/N ∈ ℤ).`,
  };
}
