/**
 * The exact second moment of one token's drift in the Partially Synthetic chain:
 * E(p_i^(M) − p_i^(1))² = A_M(n)²·x(1 − x), whence the rigorous (Jensen) bound
 * E|p_i^(M) − p_i^(1)| ≤ A_M(n)·sqrt(x(1 − x)) that certifies whole ranges of n.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */

/**
 * Second moment coefficient: E (p^(M)_i − p^(1)_i)² = A²·x(1 − x) for a token of
 * probability x (M = null: the limit), A² = n(1 − 1/N)(1 − β^{M−1})/((N + n)²(1 − β)).
 *
 * @example
 * ```ts
 * jensenCoefficient(100, 10, null); // => 0.0287108528686
 * jensenCoefficient(100, 10, 2) ** 2; // => 0.000818181818182
 * ```
 */
export function jensenCoefficient(N: number, n: number, M: number | null): number {
  const total = N + n;
  const beta = (n * (n - 1)) / (total * total);
  const oneMinusBeta = (N * N + 2 * N * n + n) / (total * total);
  const geometric = M === null ? 1 / oneMinusBeta : (1 - Math.pow(beta, M - 1)) / oneMinusBeta;
  return Math.sqrt((n * (1 - 1 / N) * geometric) / (total * total));
}
