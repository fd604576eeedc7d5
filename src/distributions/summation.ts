/**
 * Compensated (Kahan–Babuška–Neumaier) summation used by the distribution
 * statistics: the error of a sum of s terms is O(ε)·Σ|x_i| instead of
 * O(sε)·Σ|x_i|, which matters for s up to 1e7.
 *
 * Internal module (not re-exported from the package entry point); the hot
 * loops of the statistics inline the same two-line update.
 *
 * Reference: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur
 * Summation endlicher Summen", ZAMM 54 (1974) 39–51.
 *
 * @module
 */

/**
 * Neumaier-compensated sum of `values[from..to)` (default: all).
 *
 * @param values - the terms.
 * @param from - first index (default 0).
 * @param to - one past the last index (default `values.length`).
 * @returns Σ values[i], with an error of about one rounding of the result
 *   plus ε²·Σ|values[i]|.
 *
 * @internal Not part of the public API (its example is asserted in
 * test/distributions/summation.test.ts).
 * @example
 * `compensatedSum([1, 1e100, 1, -1e100])` is 2 (a naive left-to-right sum gives 0).
 */
export function compensatedSum(values: ArrayLike<number>, from = 0, to: number = values.length): number {
  let sum = 0;
  let comp = 0;
  for (let i = from; i < to; i++) {
    const x = values[i];
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}

/**
 * Neumaier-compensated sum of squares Σ values[i]² over `[from, to)`.
 *
 * @param values - the terms.
 * @param from - first index (default 0).
 * @param to - one past the last index (default `values.length`).
 * @returns Σ values[i]² (each square rounded once, the sum compensated).
 *
 * @internal Not part of the public API (example asserted in test/distributions/summation.test.ts).
 * @example
 * `compensatedSumOfSquares([0.5, 0.25, 0.25])` is 0.375.
 */
export function compensatedSumOfSquares(values: ArrayLike<number>, from = 0, to: number = values.length): number {
  let sum = 0;
  let comp = 0;
  for (let i = from; i < to; i++) {
    const x = values[i] * values[i];
    const t = sum + x;
    comp += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}
