/**
 * Generalised harmonic numbers H_k(b) = Σ_{i=1}^{k} i^(−b), the normalising
 * constants of power-law distributions, in O(min(k, 4096)) time.
 *
 * Internal module (used by `withDispersion` to locate its exponent quickly for
 * large supports; the final distribution is always computed term by term).
 *
 * @module
 */

/** Below this many terms the sum is computed directly. */
const DIRECT_LIMIT = 4096;
/** Terms summed directly before the Euler–Maclaurin tail. */
const HEAD = 1024;

/**
 * H_k(b) = Σ_{i=1}^{k} i^(−b) for an integer k ≥ 1 and b ≥ 0 (not validated).
 *
 * For k ≤ 4096 the sum is taken directly (compensated, smallest terms first).
 * Beyond, the first 1023 terms are summed directly and the tail
 * Σ_{i=1024}^{k} i^(−b) by the Euler–Maclaurin formula with four Bernoulli
 * corrections, whose remainder is below 1e-15 relative for every b ≥ 0 (the
 * next correction is ≈ 2·10⁻⁸·(b)₉·1024^(−b−9)).
 *
 * @param b - the exponent, ≥ 0.
 * @param k - the number of terms, an integer ≥ 1.
 * @returns H_k(b), relative error ≈ 1e-15.
 *
 * @internal Not part of the public API (examples asserted in test/distributions/power-sum.test.ts).
 * @example
 * `powerSum(1, 4)` is 25/12 = 2.083333333333333; `powerSum(0, 1e7)` is 1e7.
 */
export function powerSum(b: number, k: number): number {
  if (b === 0) return k;
  if (k <= DIRECT_LIMIT) return directSum(b, 1, k);
  const head = directSum(b, 1, HEAD - 1);
  const M = HEAD;
  // ∫_M^k x^(−b) dx = M^(1−b)·(exp((1−b)·L) − 1)/(1−b), L = ln(k/M), without cancellation near b = 1.
  const L = Math.log(k / M);
  const x = (1 - b) * L;
  const integral = Math.pow(M, 1 - b) * (x === 0 ? L : (Math.expm1(x) / x) * L);
  const fM = Math.pow(M, -b);
  const fk = Math.pow(k, -b);
  let tail = integral + 0.5 * (fM + fk);
  // Σ_j B_2j/(2j)! · (f^(2j−1)(k) − f^(2j−1)(M)), f^(2j−1)(x) = −(b)_(2j−1)·x^(−b−2j+1).
  const coefficients = [1 / 12, -1 / 720, 1 / 30240, -1 / 1209600];
  let rising = b; // (b)_1
  for (let j = 0; j < coefficients.length; j++) {
    const order = 2 * j + 1; // derivative order 2j−1 with j from 1
    const diff = Math.pow(M, -b - order) - Math.pow(k, -b - order);
    tail += coefficients[j] * rising * diff;
    rising *= (b + order) * (b + order + 1);
  }
  return head + tail;
}

function directSum(b: number, from: number, to: number): number {
  let sum = 0;
  let comp = 0;
  for (let i = to; i >= from; i--) {
    const w = Math.pow(i, -b);
    const t = sum + w;
    comp += sum >= w ? sum - t + w : w - t + sum;
    sum = t;
  }
  return sum + comp;
}
