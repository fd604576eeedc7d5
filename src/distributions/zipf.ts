/**
 * Zipf (power-law) initial distribution p_i ∝ i^-exponent, the usual model of
 * token frequencies in natural language.
 *
 * @module
 */
import { checkNumber, checkVocabularySize } from '../validate.ts';

/**
 * The Zipf distribution on s tokens: p_i = i^(−exponent) / H_s(exponent) with
 * H_s(a) = Σ_{j=1}^{s} j^(−a), tokens ordered from most to least likely.
 *
 * Computed stably for s up to 1e7 and any exponent ≥ 0: the weights
 * i^(−exponent) are ≤ 1 (no overflow, H ≥ 1), and H is a compensated
 * (Neumaier) sum taken from the smallest term up, so each p_i is within a few
 * ulps of its exact value. `exponent = 0` gives exactly {@link uniform}. For a
 * very large exponent the tail weights underflow to 0 (their true value is
 * below 5e-324 relative to p_1), so the support can be smaller than s.
 *
 * @param s - vocabulary size, an integer ≥ 1.
 * @param exponent - the Zipf exponent, a finite number ≥ 0.
 * @returns a `Float64Array` of length `s`, non-increasing, summing to 1.
 * @throws ParameterRangeError / ParameterTypeError on invalid `s` or `exponent`.
 *
 * @example
 * ```ts
 * // 6/11, 3/11, 2/11:
 * zipf(3, 1); // => Float64Array [0.54545454545455, 0.27272727272727, 0.18181818181818]
 * // 36/49, 9/49, 4/49:
 * zipf(3, 2); // => Float64Array [0.73469387755102, 0.18367346938776, 0.081632653061224]
 * zipf(4, 0); // => Float64Array [0.25, 0.25, 0.25, 0.25]
 * ```
 */
export function zipf(s: number, exponent: number): Float64Array {
  const size = checkVocabularySize('s', s);
  const a = checkNumber('exponent', exponent, { min: 0 });
  const p = new Float64Array(size);
  fillPowerLaw(p, size, a);
  return p;
}

/**
 * Writes p_i ∝ i^(−a), i = 1…k, into p[0…k−1], normalised with a compensated sum
 * taken smallest term first (a = 0: uniform).
 *
 * @example
 * ```ts
 * const p = new Float64Array(3);
 * fillPowerLaw(p, 2, 1);
 * p; // => Float64Array [0.666666666666667, 0.333333333333333, 0]
 * ```
 */
export function fillPowerLaw(p: Float64Array, k: number, a: number): void {
  let sum = 0;
  let comp = 0;
  for (let i = k; i >= 1; i--) {
    const w = a === 0 ? 1 : Math.pow(i, -a);
    p[i - 1] = w;
    const t = sum + w;
    comp += sum >= w ? sum - t + w : w - t + sum;
    sum = t;
  }
  const total = sum + comp;
  for (let i = 0; i < k; i++) p[i] /= total;
}
