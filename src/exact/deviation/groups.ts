/**
 * The grouped evaluation of the exact deviation: one per-token chain mixture per distinct
 * value of p, weighted by its multiplicity, after the cost estimate is checked against
 * the budget; certified errors and the rounding estimate are summed alongside.
 *
 * Internal to `src/exact/` (not re-exported from the package; shared with safe-size).
 *
 * @module
 */
import { ExactComputationTooLargeError } from './budget.ts';
import { tokenDeviation } from './token-deviation.ts';
import { cutoffsFor, estimateTokenOperations, iterationsFor } from './cost.ts';
import { jensenCoefficient } from './second-moment.ts';
import { groupTokens, tokenSpread } from './token-groups.ts';
import type { ExactDeviation } from './types.ts';

/**
 * Internal: the exact deviations for a validated p (shared with safe-size).
 *
 * @example
 * ```ts
 * exactDeviationUnchecked(new Float64Array([0.5, 0.5]), 10, 5, 3, true, 1e-12, 1e12).fromFirst[3]; // => 0.1177520
 * ```
 */
export function exactDeviationUnchecked(
  p: Float64Array,
  N: number,
  n: number,
  generations: number,
  stationary: boolean,
  tolerance: number,
  maxOperations: number,
  firstOnly = false,
): ExactDeviation {
  const { values, counts } = groupTokens(p);
  return exactDeviationGroups(values, counts, N, n, generations, stationary, tolerance, maxOperations, firstOnly);
}

/**
 * Internal: the exact deviations for distinct token values `values` with multiplicities `counts`.
 *
 * @example
 * ```ts
 * exactDeviationGroups([0.5], [2], 10, 5, 3, true, 1e-12, 1e12).fromFirst[3]; // => 0.1177520
 * ```
 */
export function exactDeviationGroups(
  values: readonly number[],
  counts: readonly number[],
  N: number,
  n: number,
  generations: number,
  stationary: boolean,
  tolerance: number,
  maxOperations: number,
  firstOnly = false,
  record?: (c: number, lo: number, hi: number) => void,
): ExactDeviation {
  const tokens = counts.reduce((a, b) => a + b, 0);
  const tau = tolerance / (2 * Math.max(1, tokens));
  let estimate = 0;
  for (const x of values) estimate += estimateTokenOperations(N, n, x, generations, stationary, tau);
  if (estimate > maxOperations) {
    // The alternative: a Gaussian reading of the exact second moment, E|X| ≈ sqrt(2/π)·sqrt(E X²).
    const approximate = Math.sqrt(2 / Math.PI) * jensenCoefficient(N, n, stationary ? null : Math.max(2, generations)) * tokenSpread(values, counts);
    throw new ExactComputationTooLargeError(
      `exactDeviation(N = ${N}, n = ${n}, ${values.length} distinct p_i) (approximate answer: E‖p^(${stationary ? '∞' : Math.max(2, generations)}) − p^(1)‖₁ ≈ ` +
        `${approximate.toPrecision(4)}, sqrt(2/π)·the exact second moment's root, within a few per cent when N·p_i ≫ 1)`,
      estimate,
      maxOperations,
    );
  }
  const M = generations;
  const fromFirst = new Float64Array(M + 1);
  const fromInitial = new Float64Array(M + 1);
  const errFirst = new Float64Array(M + 1);
  const errInitial = new Float64Array(M + 1);
  let statF = 0;
  let statI = 0;
  let statFErr = 0;
  let statIErr = 0;
  let operations = 0;
  let maxIterations = 0;
  for (let g = 0; g < values.length; g++) {
    const x = values[g];
    const k = counts[g];
    const iterations = Math.max(M, stationary ? iterationsFor(N, n, x, tau) : 0);
    const t = tokenDeviation({
      N,
      n,
      x,
      generations: M,
      stationary,
      iterationTolerance: tau,
      cutoffs: cutoffsFor(tau, n, iterations),
      firstOnly,
      record: values.length === 1 ? record : undefined,
    });
    operations += t.operations;
    if (t.maxIterations > maxIterations) maxIterations = t.maxIterations;
    for (let m = 0; m <= M; m++) {
      fromFirst[m] += k * t.fromFirst[m];
      fromInitial[m] += k * t.fromInitial[m];
      errFirst[m] += k * t.fromFirstError[m];
      errInitial[m] += k * t.fromInitialError[m];
    }
    if (stationary) {
      statF += k * (t.stationaryFromFirst as number);
      statI += k * (t.stationaryFromInitial as number);
      statFErr += k * t.stationaryFromFirstError;
      statIErr += k * t.stationaryFromInitialError;
    }
  }
  // Rounding: sums of positive terms; the ratio recurrence re-anchors every 32 steps.
  const roundingEstimate = Number.EPSILON * (64 + 2 * maxIterations + Math.log2(Math.max(2, values.length)));
  let maxValue = stationary ? Math.max(statF, statI) : 0;
  let maxErr = stationary ? Math.max(statFErr, statIErr) : 0;
  for (let m = 0; m <= M; m++) {
    maxValue = Math.max(maxValue, fromFirst[m], fromInitial[m]);
    maxErr = Math.max(maxErr, errFirst[m], errInitial[m]);
  }
  return {
    fromFirst,
    fromInitial,
    stationary: stationary ? { fromFirst: statF, fromInitial: statI } : null,
    error: { fromFirst: errFirst, fromInitial: errInitial, stationaryFromFirst: statFErr, stationaryFromInitial: statIErr },
    roundingEstimate,
    errorBound: maxErr + roundingEstimate * maxValue,
    groups: values.length,
    operations,
    estimatedOperations: estimate,
  };
}
