/**
 * Deviation bounds of the Partially Synthetic setting: Theorem 3 (eq. after
 * eq. 10) and Theorem 4 with ζ (Appendix B). ζ is computed from the proof's
 * own steps by default; the printed closed form of ζ rests on an algebra slip
 * (docs/errata.md, E2) and stays reachable as `variant: 'printed'`.
 *
 * @module
 */
import { checkEnum, checkInteger, checkNumber, checkOptions, ParameterTypeError } from '../validate.ts';
import { lambdaP } from '../distributions/subset-balance.ts';
import { logG, phi } from './concentration.ts';

/** Parameters of Theorem 3. */
export interface DeviationBoundOptions {
  /** Real samples N ≥ 1. */
  N: number;
  /** Synthetic samples per generation n ≥ 1. */
  n: number;
  /** Vocabulary size s ≥ 2. */
  s: number;
}

/** Which closed form of ζ: derived from the proof of Theorem 4 (default) or as printed. */
export type ZetaVariant = 'corrected' | 'printed';

/** Parameters of ζ (Theorem 4). */
export interface ZetaOptions {
  N: number;
  n: number;
  /** λ1 = E[max_A p^(1)(A) p^(1)(A^c)] ∈ [0, 1/4]. */
  lambda1: number;
  /** Default `'corrected'`; see docs/errata.md E2. */
  variant?: ZetaVariant;
}

/** Parameters of Theorem 4. */
export interface DeviationBoundZetaOptions extends DeviationBoundOptions {
  /**
   * λ1 ∈ [0, 1/4], or a first-generation distribution p^(1) from which
   * λ(p^(1)) is computed (an exact value, or a certified upper bound when the
   * subset problem is too large, which keeps the bound valid).
   */
  lambda1: number | ArrayLike<number>;
  variant?: ZetaVariant;
}

function readDeviation(options: unknown): { N: number; n: number; s: number } {
  const o = checkOptions<DeviationBoundOptions>('options', options);
  return {
    N: checkInteger('N', o.N, { min: 1 }),
    n: checkInteger('n', o.n, { min: 1 }),
    s: checkInteger('s', o.s, { min: 2 }),
  };
}

function readVariant(value: unknown): ZetaVariant {
  return value === undefined ? 'corrected' : checkEnum('variant', value, ['corrected', 'printed'] as const);
}

/** ζ without validation (internal). w = N/(N+n). */
export function zetaUnchecked(N: number, n: number, lambda1: number, variant: ZetaVariant): number {
  const w = N / (N + n);
  if (variant === 'printed') return 0.5 - (0.5 - 2 * lambda1) * w * w;
  // 1 − w taken as n/(N + n): the difference 1 − w cancels for n ≪ N (10 digits lost at N = 10^15, n = 10^9).
  const oneMinusW = n / (N + n);
  // E[λ_{k+1}] ≤ w²λ1 + (1−w)²/4 + w(1−w) = w²λ1 + (1−w)(1+3w)/4, and λ ≤ 1/4 always.
  return Math.min(0.5, 2 * w * w * lambda1 + (oneMinusW * (1 + 3 * w)) / 2);
}

/**
 * ζ of Theorem 4, an upper bound on E[π_{p^(k)}] for every generation k ≥ 1,
 * with w = N/(N+n):
 *
 * - `'corrected'` (default): ζ = min(1/2, 2w²λ1 + (1 − w)(1 + 3w)/2), which is
 *   what the proof's inequalities give;
 * - `'printed'`: ζ = 1/2 − (1/2 − 2λ1) w², the paper's closed form, which drops
 *   Nn/(2(N+n)²) from E[λ_{k+1}] (docs/errata.md, E2).
 *
 * Both tend to 2λ1 when n ≪ N.
 *
 * @example
 * ```ts
 * zeta({ N: 100, n: 10, lambda1: 0.1 }); // => 0.334710743802
 * zeta({ N: 100, n: 10, lambda1: 0.1, variant: 'printed' }); // => 0.252066115702
 * ```
 */
export function zeta(options: ZetaOptions): number {
  const o = checkOptions<ZetaOptions>('options', options);
  const N = checkInteger('N', o.N, { min: 1 });
  const n = checkInteger('n', o.n, { min: 1 });
  const lambda1 = checkNumber('lambda1', o.lambda1, { min: 0, max: 0.25 });
  return zetaUnchecked(N, n, lambda1, readVariant(o.variant));
}

/** ln of Theorem 4's bound (internal): ln[(1/N)·sqrt(nπ/φ)·G_n(s)] for a given φ value. */
export function logDeviationBoundFromPhi(N: number, n: number, logGValue: number, phiValue: number): number {
  if (phiValue === Infinity) return -Infinity;
  return 0.5 * Math.log((n * Math.PI) / phiValue) + logGValue - Math.log(N);
}

/**
 * Natural logarithm of Theorem 3's bound, finite when the bound itself
 * overflows a double. See {@link deviationBound}.
 *
 * @example
 * ```ts
 * logDeviationBound({ N: 100, n: 10, s: 600 }); // => 10.1235320235
 * ```
 */
export function logDeviationBound(options: DeviationBoundOptions): number {
  const { N, n, s } = readDeviation(options);
  return logDeviationBoundFromPhi(N, n, logG(n, s), 2);
}

/**
 * Theorem 3: for m ≥ 2, E‖p^(m) − p^(1)‖₁ < (1/N)·sqrt(πn/2)·G_n(s).
 * Returns `Infinity` when the bound exceeds the double range (use
 * {@link logDeviationBound}); an L1 distance never exceeds 2, so any value ≥ 2
 * says nothing.
 *
 * @example
 * ```ts
 * deviationBound({ N: 100, n: 10, s: 600 }); // => 24922.6429202
 * ```
 */
export function deviationBound(options: DeviationBoundOptions): number {
  return Math.exp(logDeviationBound(options));
}

function readLambda1(value: unknown): number {
  if (typeof value === 'number') return checkNumber('lambda1', value, { min: 0, max: 0.25 });
  if (typeof value === 'object' && value !== null && typeof (value as ArrayLike<number>).length === 'number') {
    return lambdaP(value as ArrayLike<number>).upper;
  }
  throw new ParameterTypeError('lambda1', value, 'a number in [0, 0.25] or a probability vector p^(1)');
}

/**
 * Natural logarithm of Theorem 4's bound. See {@link deviationBoundZeta}.
 *
 * @example
 * ```ts
 * logDeviationBoundZeta({ N: 100, n: 10, s: 600, lambda1: 0.1 }); // => 10.1043931605
 * ```
 */
export function logDeviationBoundZeta(options: DeviationBoundZetaOptions): number {
  const { N, n, s } = readDeviation(options);
  const lambda1 = readLambda1(options.lambda1);
  const z = zetaUnchecked(N, n, lambda1, readVariant(options.variant));
  return logDeviationBoundFromPhi(N, n, logG(n, s), phi(z));
}

/**
 * Theorem 4: for k ≥ 1, E‖p^(k+1) − p^(1)‖₁ < (1/N)·sqrt(nπ/φ(ζ))·G_n(s),
 * with ζ from {@link zeta}. Sharper than Theorem 3 when p^(1) is concentrated
 * (λ1 < 1/4), equal to it when λ1 = 1/4. `Infinity` past the double range.
 *
 * @example
 * ```ts
 * deviationBoundZeta({ N: 100, n: 10, s: 600, lambda1: 0.1 }); // => 24450.1874239
 * ```
 */
export function deviationBoundZeta(options: DeviationBoundZetaOptions): number {
  return Math.exp(logDeviationBoundZeta(options));
}
