/**
 * Estimated work of the safe-size search before it is spent: one evaluation, a scan of
 * every n in a range, and the up-front refusal when about ten evaluations near the
 * predicted boundary (for finite M, the grid up to the certified tail) exceed the budget.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { ExactComputationTooLargeError } from '../deviation/budget.ts';
import { estimateTokenOperations } from '../deviation/cost.ts';
import { MAX_SEARCH_N, type Problem, type SearchContext } from './context.ts';
import { nextGridPoint } from './search.ts';
import { guessCrossing } from './second-moment-range.ts';

/** Estimated multiply-adds of one evaluation at n (at the accuracy of a decision near ε). */
export function evaluationCost(problem: Problem, n: number): number {
  const { values, counts, N, M, epsilon } = problem;
  const tau = Math.max(1e-15, epsilon * 1e-6) / (2 * counts.reduce((x, y) => x + y, 0));
  let total = 0;
  for (const x of values) total += estimateTokenOperations(N, n, x, M ?? 0, M === null, tau);
  return total;
}

/** Estimated multiply-adds of evaluating every n in [a, b] (cost grows with n: b's cost × count). */
export function scanCost(problem: Problem, a: number, b: number): number {
  if (b < a) return 0;
  return evaluationCost(problem, b) * (b - a + 1);
}

/**
 * Throws {@link ExactComputationTooLargeError} when the search's estimated work exceeds the
 * budget: about ten evaluations near the predicted boundary (every generation), or the
 * geometric grid up to where the second-moment bound takes over (finite M).
 */
export function refuseUpFront(ctx: SearchContext): void {
  const { problem, limit, upTo, safeFrom, s } = ctx;
  const { N, M, epsilon, maxOperations } = problem;
  const guess = Math.min(MAX_SEARCH_N, safeFrom ?? Infinity, Math.max(1, guessCrossing(problem)));
  if (!(ctx.supBound > epsilon && limit.value + limit.error > epsilon)) return;
  if (M === null) {
    const estimate = 10 * evaluationCost(problem, guess);
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
      estimate += 1.5 * evaluationCost(problem, n);
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
