/**
 * Partially Synthetic setting (paper §3.2): one fixed real corpus of N samples
 * (p^(1) is its empirical distribution) is reused at every generation together
 * with n samples of the previous generation: p^(m) = (N p^(1) + n p̂^(m−1))/(N + n).
 * Theorem 2 (eq. 9), with the sign of eq. 9 corrected (docs/errata.md, E1).
 *
 * @module
 */
import { checkEnum, checkInteger, checkNumber, checkOptions } from '../validate.ts';

/** Parameters of Theorem 2. */
export interface PartiallySyntheticOptions {
  /** Real samples N ≥ 1 (the fixed corpus). */
  N: number;
  /** Synthetic samples per generation n ≥ 0 (n = 0: real data only). */
  n: number;
  /** S0 = ‖p‖₂² of the true distribution, in (0, 1]. */
  S0: number;
  /**
   * `'corrected'` (default): the exact value, verified against exhaustive
   * enumeration. `'printed'`: eq. 9 exactly as printed in the paper, whose S0
   * term has a sign error (−αβ^m/N instead of +αβ^m/N); for comparison only.
   */
  variant?: 'corrected' | 'printed';
}

interface Params {
  N: number;
  n: number;
  S0: number;
  variant: 'corrected' | 'printed';
}

function read(options: unknown): Params {
  const o = checkOptions<PartiallySyntheticOptions>('options', options);
  const N = checkInteger('N', o.N, { min: 1 });
  const n = checkInteger('n', o.n, { min: 0 });
  const S0 = checkNumber('S0', o.S0, { min: 0, minExclusive: true, max: 1 });
  const variant = o.variant === undefined ? 'corrected' : checkEnum('variant', o.variant, ['corrected', 'printed'] as const);
  return { N, n, S0, variant };
}

/** α = n/(N+n), β = n(n−1)/(N+n)² (= α[(1 + 1/N)α − 1/N]), D = 1 + (1 + 1/N)α = (1 − β)/(1 − α). */
function coefficients(N: number, n: number): { alpha: number; beta: number; D: number } {
  const total = N + n;
  const alpha = n / total;
  const beta = (n / total) * ((n - 1) / total);
  const D = 1 + (1 + 1 / N) * alpha;
  return { alpha, beta, D };
}

function limit(N: number, n: number, S0: number): number {
  const { alpha, D } = coefficients(N, n);
  return ((1 + 2 * alpha) / N + (1 - 1 / N) * (1 + alpha) * S0) / D;
}

/**
 * Expected dispersion S_m = E‖p^(m)‖₂² in the Partially Synthetic setting
 * (Theorem 2, eq. 9, sign-corrected). S_0 = S0, S_1 = 1/N + (1 − 1/N) S0, and
 * for m ≥ 1, with α = n/(N+n), β = α[(1 + 1/N)α − 1/N], D = 1 + (1 + 1/N)α:
 *
 * S_{m+1} = (1/N)[1 + 2α − (1 − 1/N)αβ^m]/D + (1 − 1/N) S0 [1 + α + αβ^m/N]/D,
 *
 * equivalently S_m = S_∞ − (S_∞ − S_1) β^{m−1}, non-decreasing in m.
 *
 * @param m - generation, integer ≥ 0.
 * @param options - `N`, `n`, `S0`, and `variant` (`'printed'` reproduces the paper's typo).
 * @example
 * ```ts
 * partiallySyntheticS(1, { N: 100, n: 10, S0: 0.1 }); // => 0.109
partiallySyntheticS(2, { N: 100, n: 10, S0: 0.1 }); // => 0.109736363636
partiallySyntheticS(2, { N: 100, n: 10, S0: 0.1, variant: 'printed' }); // => 0.109735137386
 * ```
 */
export function partiallySyntheticS(m: number, options: PartiallySyntheticOptions): number {
  const gen = checkInteger('m', m, { min: 0 });
  const { N, n, S0, variant } = read(options);
  if (gen === 0) return S0;
  const S1 = 1 / N + (1 - 1 / N) * S0;
  if (gen === 1) return S1;
  const { alpha, beta, D } = coefficients(N, n);
  const betaPow = Math.pow(beta, gen - 1);
  if (variant === 'printed') {
    return (
      ((1 / N) * (1 + 2 * alpha - (1 - 1 / N) * alpha * betaPow)) / D +
      (((1 - 1 / N) * S0) / D) * (1 + alpha - (alpha * betaPow) / N)
    );
  }
  // S_∞ − S_1 = α(1 − 1/N)(1 − S0)/(N D) ≥ 0: subtracting a small positive term keeps full precision.
  const gap = (alpha * (1 - 1 / N) * (1 - S0)) / (N * D);
  return limit(N, n, S0) - gap * betaPow;
}

/**
 * The m → ∞ limit of S_m in the Partially Synthetic setting (Theorem 2):
 * S_∞ = [(1 + 2α)/N + (1 − 1/N)(1 + α) S0] / [1 + (1 + 1/N)α], α = n/(N+n).
 * The printed and corrected forms of eq. 9 share this limit.
 *
 * @param options - `N`, `n`, `S0`.
 * @example
 * ```ts
 * partiallySyntheticLimit({ N: 100, n: 10, S0: 0.1 }); // => 0.109741881765
 * ```
 */
export function partiallySyntheticLimit(options: Omit<PartiallySyntheticOptions, 'variant'>): number {
  const { N, n, S0 } = read({ ...checkOptions<PartiallySyntheticOptions>('options', options), variant: undefined });
  return limit(N, n, S0);
}
