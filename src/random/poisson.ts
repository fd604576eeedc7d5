/**
 * Exact Poisson sampling: sequential-search inversion for λ < 10, Hörmann's
 * PTRS (transformed rejection with squeeze) for λ ≥ 10. Used by the
 * multinomial sampler's Poissonization method.
 *
 * @module
 */

import { checkNumber } from '../validate.ts';
import { checkRng } from './binomial.ts';
import { stirlingRemainder } from './stirling.ts';
import { proposeFromHat, setRejectionHat, type RejectionHat, type RejectionProposal } from './transformed-rejection.ts';
import type { Rng } from './types.ts';

/** Regime threshold: PTRS for λ ≥ 10 (the range of Hörmann's 1993 construction), inversion below. */
export const POISSON_PTRS_THRESHOLD: number = 10;

/** Largest λ accepted by {@link samplePoisson}: 2^52 (draws stay exact integers). */
export const MAX_POISSON_LAMBDA: number = 4503599627370496;

/** ½·log(2π). */
const HALF_LOG_2PI = 0.91893853320467274178;

let ptLam = -1;
const ptHat: RejectionHat = { a: 0, b: 0, c: 0, vr: 0, twoA: 0, urVr: 0 };
const ptDraw: RejectionProposal = { k: 0, v: 0, us: 0 };
let ptInvAlpha = 0;
let ptConstReady = false;
let ptConst = 0; // −½·log λ − ½·log 2π, computed on the first exact test

/**
 * Inversion for Poisson(λ), 0 < λ < 10: the smallest x with U < F(x), walking
 * f(x) = f(x − 1)·λ/x from f(0) = e^{−λ}; restarted (rounding residue only)
 * if the pmf underflows before the walk passes U.
 */
function poissonInversion(lambda: number, expMinusLambda: number, rng: Rng): number {
  for (;;) {
    let u = rng.uniform();
    let x = 0;
    let px = expMinusLambda;
    while (u >= px) {
      u -= px;
      x++;
      px *= lambda / x;
      if (px === 0) break;
    }
    if (px !== 0) return x;
  }
}

/**
 * PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson
 * random variables", Insurance: Mathematics and Economics 12, 39–45), λ ≥ 10,
 * with the same decomposition of the unit square as BTRD ({@link proposeFromHat}):
 * a proposal in the squeeze box V ≤ 0.86·v_r is accepted at once (one uniform for ~80 % of draws).
 * Proposal k = ⌊(2a/u_s + b)·U + λ + 0.43⌋; squeeze rejection
 * "u_s < 0.013 and V > u_s"; otherwise the exact test
 * log(V·α⁻¹/(a/u_s² + b)) ≤ log f(k), with
 * log f(k) = −(k + ½)·log1p((k + 1 − λ)/λ) + (k + 1 − λ) − ½·log λ − ½·log 2π − fc(k)
 * (Stirling with remainder; every term is O(|k − λ|), so no O(λ log λ)
 * quantities cancel). Internal (used by the multinomial sampler), not re-exported.
 *
 * @param lambda - The mean, ≥ 10 (not checked).
 * @param rng - Random source.
 * @returns One draw from Poisson(λ).
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * poissonPtrs(1e6, createRng(1)); // => 1000056
 * ```
 */
export function poissonPtrs(lambda: number, rng: Rng): number {
  if (lambda !== ptLam) {
    ptLam = lambda;
    const slam = Math.sqrt(lambda);
    const b = 0.931 + 2.53 * slam;
    setRejectionHat(ptHat, -0.059 + 0.02483 * b, b, lambda + 0.43, 0.9277 - 3.6224 / (b - 2));
    ptInvAlpha = 1.1239 + 1.1328 / (b - 3.4);
    ptConstReady = false;
  }
  for (;;) {
    const boxed = proposeFromHat(ptHat, rng, ptDraw);
    const k = ptDraw.k;
    if (k < 0) continue; // never in the box for λ ≥ 10 (kept as a guard); catches u_s = 0
    if (boxed) return k;
    const { v, us } = ptDraw;
    if (us < 0.013 && v > us) continue;
    if (!ptConstReady) {
      ptConst = -0.5 * Math.log(lambda) - HALF_LOG_2PI;
      ptConstReady = true;
    }
    const d = k + 1 - lambda;
    const logf = -(k + 0.5) * Math.log1p(d / lambda) + d + ptConst - stirlingRemainder(k);
    if (Math.log((v * ptInvAlpha) / (ptHat.a / (us * us) + ptHat.b)) <= logf) return k;
  }
}

/**
 * {@link samplePoisson} without argument checks (λ finite, 0 ≤ λ ≤ 2^52).
 *
 * @param lambda - Mean (not checked).
 * @param rng - Random source.
 * @returns One draw from Poisson(λ).
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * samplePoissonUnchecked(0, createRng(1)); // => 0
 * ```
 */
export function samplePoissonUnchecked(lambda: number, rng: Rng): number {
  if (lambda < POISSON_PTRS_THRESHOLD) {
    if (lambda === 0) return 0;
    return poissonInversion(lambda, Math.exp(-lambda), rng);
  }
  return poissonPtrs(lambda, rng);
}

/**
 * One draw from the Poisson distribution, P(X = k) = e^{−λ}·λ^k/k!.
 *
 * Exact in distribution: inversion by sequential search from 0 for λ < 10
 * ({@link POISSON_PTRS_THRESHOLD}; λ + 1 ≤ 11 steps on average, one uniform),
 * PTRS transformed rejection (Hörmann 1993) with BTRD's decomposition for
 * λ ≥ 10 (most draws take a single uniform; bounded expected cost for every λ).
 *
 * @param lambda - The mean, a finite number in [0, 2^52] ({@link MAX_POISSON_LAMBDA}).
 * @param rng - Random source (e.g. {@link createRng}).
 * @returns A nonnegative integer.
 * @throws {ParameterTypeError} if `lambda` is not a number or `rng` is not an Rng.
 * @throws {ParameterRangeError} if `lambda` is NaN, negative, infinite or above 2^52.
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * const rng = createRng(11);
 * samplePoisson(0, rng); // => 0
 * const k = samplePoisson(1e6, rng);
 * Number.isInteger(k) && Math.abs(k - 1e6) < 1e4; // => true
 * ```
 */
export function samplePoisson(lambda: number, rng: Rng): number {
  if (!(typeof lambda === 'number' && lambda >= 0 && lambda <= MAX_POISSON_LAMBDA)) {
    checkNumber('lambda', lambda, { min: 0, max: MAX_POISSON_LAMBDA });
  }
  checkRng(rng);
  return samplePoissonUnchecked(lambda + 0, rng);
}
