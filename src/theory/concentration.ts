/**
 * Concentration of the empirical distribution (Lemma 1, Appendix A, after
 * Mardia et al. 2020): φ and G_n(s) (eqs. 10 and 13).
 *
 * @module
 */
import { checkInteger, checkNumber } from '../validate.ts';
import { C0, LOG_C1, PRECISE_C0 } from './constants.ts';
import { PRECISE_E, Precise, preciseFloor } from '../numeric/precise.ts';

/**
 * φ(x) = log((1 − x)/x)/(1 − 2x) on [0, 1/2], extended by continuity with
 * φ(1/2) = 2 and φ(0) = +∞ (Appendix A). Strictly decreasing, φ ≥ 2.
 *
 * Computed as 2·atanh(t)/t with t = 1 − 2x (exact in floating point for
 * x ∈ [1/4, 1/2]): a Taylor series 2(1 + t²/3 + t⁴/5 + …) for t < 1e-3,
 * `Math.atanh` for x ≥ 1/4, and (log1p(−x) − log x)/(1 − 2x) below 1/4 (no
 * cancellation there), so it keeps full relative accuracy near 1/2 and near 0.
 *
 * @param x - in [0, 1/2].
 * @returns φ(x) in [2, ∞]; `Infinity` at x = 0.
 * @example
 * ```ts
 * phi(0.5); // => 2
 * phi(0.25); // => 2.19722457734
 * phi(0); // => Infinity
 * ```
 */
export function phi(x: number): number {
  const v = checkNumber('x', x, { min: 0, max: 0.5 });
  if (v === 0) return Infinity;
  const t = 1 - 2 * v;
  if (t < 1e-3) {
    const t2 = t * t;
    // Terms up to t^8: the first omitted term is 2t^10/11 < 2e-30, far below 1 ulp of 2.
    return 2 * (1 + t2 * (1 / 3 + t2 * (1 / 5 + t2 * (1 / 7 + t2 / 9))));
  }
  if (v >= 0.25) return (2 * Math.atanh(t)) / t;
  return (Math.log1p(-v) - Math.log(v)) / t;
}

/** Which case of eq. 10 applies: 1 if C0 n/e + 2 ≤ s; 2 if C0 n/4 + 2 ≤ s < C0 n/e + 2; 3 if s < C0 n/4 + 2. */
export type GRegime = 1 | 2 | 3;

/**
 * Largest n for which C0·n/e + 2 ≤ s (end of regime 1, 0 if none) and for which
 * C0·n/4 + 2 ≤ s (end of regime 2), decided exactly in 60-digit arithmetic.
 * Both thresholds are irrational for s > 2, so the floors are well defined.
 */
export function gRegimeLimits(s: number): { regime1Max: bigint; regime2Max: bigint } {
  const size = checkInteger('s', s, { min: 2 });
  const sMinus2 = new Precise(size - 2);
  return {
    regime1Max: preciseFloor(sMinus2.mul(PRECISE_E).div(PRECISE_C0)),
    regime2Max: preciseFloor(sMinus2.mul(4).div(PRECISE_C0)),
  };
}

/** Regime of eq. 10 for a sample size given as a bigint (internal, exact). */
export function gRegimeOf(n: bigint, limits: { regime1Max: bigint; regime2Max: bigint }): GRegime {
  if (n <= limits.regime1Max) return 1;
  if (n <= limits.regime2Max) return 2;
  return 3;
}

/**
 * The case of eq. 10 that defines G_n(s) (Theorem 3; eq. 13 of Lemma 1 lists
 * the same three cases with overlapping boundaries, which eq. 10 resolves).
 * Decided exactly (60-digit arithmetic), not by a floating comparison.
 *
 * @example
 * ```ts
 * gRegime(10, 600); // => 1
 * gRegime(600, 600); // => 2
 * gRegime(1000, 600); // => 3
 * ```
 */
export function gRegime(n: number, s: number): GRegime {
  const size = checkInteger('n', n, { min: 1 });
  checkInteger('s', s, { min: 2 });
  return gRegimeOf(BigInt(size), gRegimeLimits(s));
}

/** ln G_n(s) for a regime already decided (internal; n may exceed 2^53 as a double). */
export function logGInRegime(n: number, s: number, regime: GRegime): number {
  if (regime === 1) return LOG_C1 + Math.log(s) + (C0 * n) / (2 * Math.E);
  if (regime === 2) return LOG_C1 + Math.log(s) + (s / 2) * Math.log((C0 * n) / s);
  return s * Math.LN2 + Math.log1p(-Math.pow(2, 1 - s));
}

/**
 * Natural logarithm of G_n(s) (eq. 10):
 * C1·s·e^{C0 n/(2e)} if C0 n/e + 2 ≤ s; C1·s·(C0 n/s)^{s/2} if C0 n/4 + 2 ≤ s < C0 n/e + 2;
 * 2^s − 2 otherwise; C0 = e³/(2π), C1 = 6e/π^{3/2}. Finite for every accepted
 * input (s = 256 000 or n = 10^9 included), where G itself overflows.
 *
 * @param n - sample size, integer ≥ 1.
 * @param s - vocabulary size, integer ≥ 2.
 * @example
 * ```ts
 * logG(10, 600); // => 13.3516183103
 * logG(1000, 600); // => 415.888308336
 * logG(1e7, 256000); // => 177445.678223
 * ```
 */
export function logG(n: number, s: number): number {
  const regime = gRegime(n, s);
  return logGInRegime(n, s, regime);
}

/**
 * G_n(s) of eq. 10 (see {@link logG}). Returns `Infinity` when the value
 * exceeds the double range (about 1.8e308); use {@link logG} then.
 *
 * @example
 * ```ts
 * G(10, 600); // => 628831.308866
 * G(5, 3); // => 6
 * G(1e7, 256000); // => Infinity
 * ```
 */
export function G(n: number, s: number): number {
  return Math.exp(logG(n, s));
}
