/**
 * {@link approximateCollapseTime}: the diffusion approximation of E[T], O(s), for where the
 * exact computation is refused. Re-exported by `./index.ts`.
 *
 * @module
 */
import { checkInteger, checkOptions, checkProbabilityVector } from '../../validate.ts';

/**
 * The diffusion approximation of E[T] (Kimura 1955; Littler 1975): the mean
 * time until all but one of the alleles with frequencies p_i are lost in a
 * neutral haploid Wright–Fisher population of size n,
 * E[T] ≈ −2n Σ_i (1 − p_i) ln(1 − p_i) generations. T counts the first draw
 * from p^(0) = p as generation 1, exactly as the Wright–Fisher chain started
 * at frequencies p, so no offset is added; the measured error against
 * {@link exactCollapseTime} is tabulated in docs/exact.md
 * (it overestimates by ≈ ⅓·ln n + c generations, c ≈ 0.2–1.5: relative error
 * O(ln n / n) for a fixed p; adding 1 for the first generation would make it worse).
 * O(s) time: use it where the exact
 * computation is refused.
 *
 * @param p - the initial distribution.
 * @param options - `n`, integer ≥ 1.
 * @example
 * ```ts
 * approximateCollapseTime([0.5, 0.5], { n: 1000 }); // => 1386.29
 * approximateCollapseTime([1, 0], { n: 10 }); // => 0
 * ```
 */
export function approximateCollapseTime(p: ArrayLike<number>, options: { n: number }): number {
  const probs = checkProbabilityVector('p', p);
  const o = checkOptions<{ n: number }>('options', options);
  const n = checkInteger('n', o.n, { min: 1 });
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const x = probs[i];
    if (x > 0 && x < 1) sum -= (1 - x) * Math.log1p(-x);
  }
  return 2 * n * sum;
}
