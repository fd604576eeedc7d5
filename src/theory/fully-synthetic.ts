/**
 * Fully Synthetic setting (paper §3.1): every generation is trained on n samples
 * of the previous generation only. Theorem 1 (eqs. 6–8) and Proposition 1.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, checkProbabilityVector, ParameterRangeError } from '../validate.ts';
import { withDisplay } from '../display/bundle.ts'; // display hook: see src/display/bundle.ts

/** Parameters of the Fully Synthetic closed forms. */
export interface FullySyntheticOptions {
  /** Synthetic samples per generation, n ≥ 1. */
  n: number;
  /** S0 = ‖p‖₂² of the initial distribution, in (0, 1]. */
  S0: number;
}

/** Parameters of the collapse bounds: also the support size s̃ of p. */
export interface CollapseBoundOptions extends FullySyntheticOptions {
  /** s̃ = |supp(p)| ≥ 1; S0 must lie in [1/s̃, 1] (S0 = 1 only when s̃ = 1). */
  support: number;
}

/** Bounds on ρ_m = P(‖p^(m)‖∞ = 1) from eq. 7. */
export interface CollapseProbabilityBounds {
  /** max(0, printed lower bound). */
  lower: number;
  /** min(1, printed upper bound). */
  upper: number;
  /** 1 − n(1 − S0)(1 − 1/n)^m as printed in eq. 7 (may be negative). */
  printedLower: number;
  /** 1 − (1 − S0)(1 − 1/n)^m / (1 − 1/s̃) as printed in eq. 7. */
  printedUpper: number;
  /** True when the printed lower bound is ≤ 0, i.e. says nothing. */
  lowerVacuous: boolean;
}

/** Bounds on E[T] from eq. 8. */
export interface CollapseTimeBounds {
  /** 1 + (1 − S0)(n − 1)/(1 − 1/s̃). */
  lower: number;
  /** 1 + (1 − S0) n (n − 1). */
  upper: number;
}

function readFullySynthetic(options: unknown): { n: number; S0: number } {
  const o = checkOptions<FullySyntheticOptions>('options', options);
  const n = checkInteger('n', o.n, { min: 1 });
  const S0 = checkNumber('S0', o.S0, { min: 0, minExclusive: true, max: 1 });
  return { n, S0 };
}

function readSupport(options: unknown): { n: number; S0: number; support: number } {
  const { n, S0 } = readFullySynthetic(options);
  const support = checkInteger('support', (options as CollapseBoundOptions).support, { min: 1 });
  if (S0 < 1 / support) throw new ParameterRangeError('S0', S0, `>= 1/support = ${1 / support} (Cauchy–Schwarz)`);
  if (S0 === 1 && support !== 1) throw new ParameterRangeError('S0', S0, `< 1 when support = ${support} > 1`);
  return { n, S0, support };
}

/** (1 − 1/n)^m computed as exp(m·log1p(−1/n)), exact at m = 0 and n = 1. */
function decay(n: number, m: number): number {
  if (m === 0) return 1;
  if (n === 1) return 0;
  return Math.exp(m * Math.log1p(-1 / n));
}

/**
 * Expected dispersion S_m = E‖p^(m)‖₂² in the Fully Synthetic setting
 * (Theorem 1, eq. 6): S_m = 1 − (1 − 1/n)^m (1 − S0).
 *
 * @param m - generation, integer ≥ 0 (S_0 = S0).
 * @param options - `n` synthetic samples per generation, `S0` = ‖p‖₂².
 * @returns S_m in [S0, 1], non-decreasing in m.
 * @example
 * ```ts
 * fullySyntheticS(10, { n: 10, S0: 0.1 }); // => 0.68618940391
fullySyntheticS(0, { n: 10, S0: 0.1 }); // => 0.1
 * ```
 */
export function fullySyntheticS(m: number, options: FullySyntheticOptions): number {
  const gen = checkInteger('m', m, { min: 0 });
  const { n, S0 } = readFullySynthetic(options);
  if (gen === 0) return S0;
  // (1 − decay) + decay·S0: two non-negative terms. The printed 1 − decay·(1 − S0) cancels when
  // S_m is small (S0 ~ 1/s, m ≪ n): at n = 10^9, S0 = 10^-7 it lost 9 digits.
  const dec = decay(n, gen);
  const grown = n === 1 ? 1 : -Math.expm1(gen * Math.log1p(-1 / n));
  return Math.min(1, grown + dec * S0);
}

/**
 * Bounds on the probability ρ_m = P(‖p^(m)‖∞ = 1) that total collapse has
 * happened by generation m (Theorem 1, eq. 7):
 * 1 − n(1 − S0)(1 − 1/n)^m ≤ ρ_m ≤ 1 − (1 − S0)(1 − 1/n)^m/(1 − 1/s̃).
 * The returned `lower`/`upper` are clipped to [0, 1]; the printed values are
 * kept, and `lowerVacuous` says when the printed lower bound is ≤ 0.
 *
 * @param m - generation, integer ≥ 0.
 * @param options - `n`, `S0`, and `support` = s̃ = |supp(p)|.
 * @example
 * ```ts
 * collapseProbabilityBounds(5, { n: 10, S0: 0.1, support: 52 }); // => { lower: 0, upper: 0.458138588235, printedLower: -4.31441, lowerVacuous: true }
 * collapseProbabilityBounds(100, { n: 10, S0: 0.1, support: 52 }); // => { lower: 0.99976094741, upper: 0.99997562601, lowerVacuous: false }
 * ```
 */
export function collapseProbabilityBounds(m: number, options: CollapseBoundOptions): CollapseProbabilityBounds {
  const gen = checkInteger('m', m, { min: 0 });
  const { n, S0, support } = readSupport(options);
  if (support === 1) {
    return withDisplay({ lower: 1, upper: 1, printedLower: 1, printedUpper: 1, lowerVacuous: false }, 'collapse-probability-bounds', { m: gen, n, S0, support });
  }
  const tail = (1 - S0) * decay(n, gen);
  const printedLower = 1 - n * tail;
  const printedUpper = 1 - (tail * support) / (support - 1);
  return withDisplay({
    lower: Math.max(0, printedLower),
    upper: Math.min(1, Math.max(0, printedUpper)),
    printedLower,
    printedUpper,
    lowerVacuous: printedLower <= 0,
  }, 'collapse-probability-bounds', { m: gen, n, S0, support });
}

/**
 * Bounds on the expected collapse time E[T], T = min{m ≥ 1 : ‖p^(m)‖∞ = 1}
 * (Theorem 1, eq. 8): 1 + (1 − S0)(n − 1)/(1 − 1/s̃) ≤ E[T] ≤ 1 + (1 − S0) n (n − 1).
 *
 * @param options - `n`, `S0`, and `support` = s̃.
 * @example
 * ```ts
 * collapseTimeBounds({ n: 10, S0: 0.1, support: 52 }); // => { lower: 9.25882352941, upper: 82 }
 * ```
 */
export function collapseTimeBounds(options: CollapseBoundOptions): CollapseTimeBounds {
  const { n, S0, support } = readSupport(options);
  if (support === 1) return withDisplay({ lower: 1, upper: 1 }, 'collapse-time-bounds', { n, S0, support });
  return withDisplay({
    lower: 1 + ((1 - S0) * (n - 1) * support) / (support - 1),
    upper: 1 + (1 - S0) * n * (n - 1),
  }, 'collapse-time-bounds', { n, S0, support });
}

/**
 * Limit law of the Fully Synthetic chain (Proposition 1):
 * P(lim_m p^(m) = δ_i) = p_i. Returns a validated copy of p.
 *
 * @param p - the initial distribution p^(0) (sums to 1 within 1e-9; rescaled).
 * @example
 * ```ts
 * limitProbabilities([0.5, 0.3, 0.2]); // => Float64Array [0.5, 0.3, 0.2]
 * ```
 */
export function limitProbabilities(p: ArrayLike<number>): Float64Array {
  return checkProbabilityVector('p', p);
}
