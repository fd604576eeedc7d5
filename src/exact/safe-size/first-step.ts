/**
 * A closed-form lower bound on the drift at every generation: the first synthetic
 * generation's, D_2(n) = E‖p^(2) − p^(1)‖₁. The drift is non-decreasing in m (convex order,
 * docs/exact.md step 3), so D_2(n) ≤ D_M(n) for every M ≥ 2 and ≤ the m → ∞ limit. Given the
 * real count c, p_i^(2) − p_i^(1) = (Z − nc/N)/(N + n) with Z ~ Bin(n, c/N), and the mean absolute
 * deviation of a binomial is de Moivre's E|Z − nq| = 2k(1 − q)·P(Z = k), k = ⌊nq⌋ + 1. So
 * D_2(n) = Σ_i Σ_c Bin(N, p_i)(c)·2k(1 − c/N)·Bin(n, c/N)(k)/(N + n): one term per corpus count.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { binomialRow, logBinomialPmf } from '../deviation/binomial.ts';

/** E|Z − nq| for Z ~ Bin(n, q) (de Moivre). */
export function binomialMeanAbsoluteDeviation(n: number, q: number): number {
  if (q <= 0 || q >= 1 || n === 0) return 0;
  const k = Math.floor(n * q) + 1;
  if (k > n) return 0;
  return 2 * k * (1 - q) * Math.exp(logBinomialPmf(k, n, q, 1 - q));
}

/**
 * Certified lower bound D_2(n) on the drift of the distribution with distinct values `values`
 * (multiplicities `counts`), at every generation.
 *
 * @example
 * ```ts
 * // N = 10, p = (½, ½), n = 5: the exact E‖p^(2) − p^(1)‖₁ is 0.1123507.
 * firstStepDeviation([0.5], [2], 10, 5).toFixed(7); // => "0.1123507"
 * binomialMeanAbsoluteDeviation(1, 0.5); // => 0.5
 * ```
 */
export function firstStepDeviation(values: readonly number[], counts: readonly number[], N: number, n: number): number {
  let total = 0;
  for (let j = 0; j < values.length; j++) {
    const x = values[j];
    const row = binomialRow(N, x, 1 - x, 1e-18);
    let sum = 0;
    for (let k = 0; k < row.values.length; k++) {
      const c = row.start + k;
      sum += row.values[k] * binomialMeanAbsoluteDeviation(n, c / N);
    }
    total += counts[j] * sum;
  }
  return (total / (N + n)) * (1 - 1e-12);
}
