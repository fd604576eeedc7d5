/**
 * One certified evaluation of the search: the exact deviation of the criterion at n
 * (generation M, or the stationary limit), computed to the accuracy needed to decide
 * "≤ ε" and tightened until it does; and the search's cached access to it.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { ExactComputationTooLargeError } from '../deviation/budget.ts';
import { exactDeviationGroups } from '../deviation/groups.ts';
import type { Problem, SearchContext, Stats } from './context.ts';
import { predictValue } from './model.ts';
import type { SafeSizeEvaluation } from './types.ts';

/** What {@link evaluate} needs. */
export interface EvaluationRequest {
  problem: Problem;
  /** Charged with the work (the whole search shares one budget). */
  stats: Stats;
  n: number;
  /** The search's predicted deviation at n (null: none yet), which sets the accuracy asked for. */
  predicted: number | null;
}

/** The exact deviation of the criterion at n, as a certified decision. */
export function evaluate(request: EvaluationRequest): SafeSizeEvaluation {
  const { problem, stats, n, predicted } = request;
  const { values, counts, N, M, epsilon, maxOperations } = problem;
  // Accuracy needed to decide: a fraction of the predicted distance to ε (coarse when far).
  const distance = predicted === null ? epsilon : Math.abs(predicted - epsilon);
  let tolerance = Math.max(1e-15, Math.min(1e-3, epsilon * 1e-4, 0.05 * distance));
  for (;;) {
    const perCount: { c: number; lo: number; hi: number }[] = [];
    // The whole search shares one budget: each evaluation may use what the previous ones left.
    const remaining = maxOperations - stats.estimated;
    let d: ReturnType<typeof exactDeviationGroups>;
    try {
      d = exactDeviationGroups(values, counts, N, n, M === null ? 0 : M, M === null, tolerance, Math.max(remaining, 0) || 1e-300, true, (c, lo, hi) =>
        perCount.push({ c, lo, hi }),
      );
    } catch (error) {
      if (!(error instanceof ExactComputationTooLargeError)) throw error;
      throw new ExactComputationTooLargeError(
        `exactSafeSyntheticSize (ε = ${epsilon}, N = ${N}): the evaluation at n = ${n} after ${stats.evaluations} others`,
        stats.estimated + error.estimatedOperations,
        maxOperations,
      );
    }
    stats.estimated += d.estimatedOperations;
    if (values.length === 1) problem.lastCounts.set(n, perCount);
    stats.evaluations++;
    stats.operations += d.operations;
    const value = M === null ? (d.stationary as { fromFirst: number }).fromFirst : d.fromFirst[M];
    const certified = M === null ? d.error.stationaryFromFirst : d.error.fromFirst[M];
    const rounding = d.roundingEstimate * value;
    const error = certified + rounding;
    if (value + error <= epsilon) return { n, value, error, safe: true };
    if (value - rounding > epsilon) return { n, value, error, safe: false };
    if (tolerance <= 1e-15) return { n, value, error, safe: false }; // undecidable in doubles: counted unsafe
    tolerance = Math.max(1e-15, tolerance * 1e-3);
  }
}

/** The evaluation at n: the one already made, else a new one (at the accuracy the search's model asks for). */
export function safeAt(ctx: SearchContext, n: number): SafeSizeEvaluation {
  let e = ctx.cache.get(n);
  if (e === undefined) {
    e = evaluate({ problem: ctx.problem, stats: ctx.stats, n, predicted: ctx.predictive ? predictValue(ctx, n) : null });
    ctx.cache.set(n, e);
  }
  return e;
}
