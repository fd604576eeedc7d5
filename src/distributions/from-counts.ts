/**
 * Initial distribution from observed counts (or any non-negative weights):
 * the empirical distribution p_i = c_i / Σ_j c_j, as in the paper's eq. 2.
 *
 * @module
 */
import { ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { compensatedSum } from './summation.ts';

/**
 * Normalises non-negative counts into a probability vector: p_i = c_i / Σ_j c_j
 * — the empirical distribution of eq. 2 of the paper when the c_i are token
 * counts.
 *
 * Counts need **not** be integers: any finite weights ≥ 0 are accepted (e.g.
 * smoothed or fractional counts, or an unnormalised distribution), as long as
 * they are not all 0. When the counts are integers whose total is below 2^53
 * (the common case), the total is exact and every p_i is the correctly rounded
 * value of c_i / Σc. Weights whose sum overflows a double are rescaled first.
 *
 * @param counts - array-like of finite numbers ≥ 0, at least one > 0.
 * @returns a `Float64Array` of the same length, summing to 1.
 * @throws ParameterTypeError when `counts` is not array-like or holds a non-number.
 * @throws ParameterRangeError when it is empty, holds a negative or non-finite value, or is all 0.
 *
 * @example
 * ```ts
 * fromCounts([3, 1, 0, 4]); // => Float64Array [0.375, 0.125, 0, 0.5]
 * fromCounts([0.5, 1.5]); // => Float64Array [0.25, 0.75]
 * ```
 */
export function fromCounts(counts: ArrayLike<number>): Float64Array {
  const allowed = 'a non-empty array of finite numbers >= 0, not all 0';
  if (typeof counts !== 'object' || counts === null || typeof (counts as ArrayLike<number>).length !== 'number') {
    throw new ParameterTypeError('counts', counts, allowed);
  }
  const s = counts.length;
  if (s === 0) throw new ParameterRangeError('counts', counts, allowed);
  const p = new Float64Array(s);
  let max = 0;
  for (let i = 0; i < s; i++) {
    const x: unknown = counts[i];
    if (typeof x !== 'number') throw new ParameterTypeError(`counts[${i}]`, x, 'a finite number >= 0');
    if (!Number.isFinite(x) || x < 0) throw new ParameterRangeError(`counts[${i}]`, x, 'a finite number >= 0');
    p[i] = x === 0 ? 0 : x;
    if (x > max) max = x;
  }
  if (max === 0) throw new ParameterRangeError('counts', counts, allowed);
  let total = compensatedSum(p);
  if (!Number.isFinite(total)) {
    // Sum overflows: rescale by the largest weight first (then total ≤ s).
    for (let i = 0; i < s; i++) p[i] /= max;
    total = compensatedSum(p);
  }
  for (let i = 0; i < s; i++) p[i] /= total;
  return p;
}
