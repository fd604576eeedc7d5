/**
 * The uniform initial distribution p^(0) = (1/s, …, 1/s).
 *
 * @module
 */
import { checkVocabularySize } from '../validate.ts';

/**
 * The uniform distribution on s tokens: p_i = 1/s for every i ∈ [s].
 *
 * It is the most dispersed initial distribution: S0 = ‖p‖₂² = 1/s, the
 * smallest value allowed by the paper's bounds (S0 ≥ 1/s̃, §3), and
 * ‖p‖∞ = 1/s. Every entry is the double nearest 1/s.
 *
 * @param s - vocabulary size, an integer ≥ 1.
 * @returns a `Float64Array` of length `s`.
 * @throws ParameterRangeError / ParameterTypeError when `s` is not an integer ≥ 1.
 *
 * @example
 * ```ts
 * import { sigma } from 'model-collapse';
 * uniform(4); // => Float64Array [0.25, 0.25, 0.25, 0.25]
 * // S0 = 1/s:
 * sigma(uniform(4)); // => 0.25
 * ```
 */
export function uniform(s: number): Float64Array {
  const size = checkVocabularySize('s', s);
  return new Float64Array(size).fill(1 / size);
}
