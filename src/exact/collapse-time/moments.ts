/**
 * The moments of the collapse time from one banded, subtraction-free LU of I − Q (see
 * `./band.ts`): E[T] = 1 + π·g, (I − Q)g = a, E[T²] = 1 + π·(2h + g), (I − Q)h = g, and
 * E[τ] = 1 + π·t, (I − Q)t = 1, each refined once with a compensated residual, with the
 * certified truncation bounds (exact arithmetic) of docs/exact.md. Internal to `src/exact/`.
 *
 * @module
 */
import { factorGth, residualGth, solveGth } from './band.ts';
import type { GthFactor } from './band.ts';
import { neumaierDot, U } from './chain.ts';
import type { Chain } from './chain.ts';

interface Solution {
  x: Float64Array;
  /** The correction made by one refinement step. */
  correction: Float64Array;
}

function solveRefined(factor: GthFactor, b: Float64Array): Solution {
  const x = solveGth(factor, b);
  const { residual } = residualGth(factor.band, x, b);
  // the residual has either sign: the same (linear) solve, no longer subtraction-free
  const correction = solveGth(factor, residual);
  for (let i = 0; i < x.length; i++) x[i] += correction[i];
  return { x, correction };
}

/** Smallest and largest entry of x and their difference osc(x). */
export function oscillation(x: Float64Array): { min: number; max: number; osc: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  return { min, max, osc: max - min };
}

/** The solutions g, t, h, the moments and their error bounds. */
export interface Moments {
  g: Float64Array;
  t: Float64Array;
  h: Float64Array;
  mean: number;
  secondMoment: number;
  truncation: { mean: number; secondMoment: number; variance: number };
  rounding: number;
  /** δ·osc(g), δ·osc(t) etc. for per-token bounds. */
  deltaOscG: number;
  tScale: number;
  gMaxUpper: number;
}

/** Factorises I − Q̂ once and solves for g, t, h (one refinement step each), with the certified bounds. */
export function solveMoments(chain: Chain): Moments {
  const { size, band, pi, piDropped } = chain;
  const factor = factorGth(band);
  const a = new Float64Array(size);
  const ones = new Float64Array(size).fill(1);
  for (let i = 0; i < size; i++) a[i] = (i + 1) / chain.n;
  const gs = solveRefined(factor, a);
  const ts = solveRefined(factor, ones);
  const hs = solveRefined(factor, gs.x);
  const g = gs.x;
  const t = ts.x;
  const h = hs.x;
  const piG = neumaierDot(pi, g);
  const piH = neumaierDot(pi, h);
  const piT = neumaierDot(pi, t);
  const mean = 1 + piG;
  const secondMoment = 1 + 2 * piH + piG;

  // Certified truncation bounds (exact arithmetic), see docs/exact.md.
  // Normalised rows: ‖(Q − Q̂)_k‖₁ ≤ 2δ with zero row sum; ‖π − π̂‖₁ ≤ 2·piDropped.
  const delta = 2 * band.delta;
  const piErr = 2 * piDropped;
  const og = oscillation(g);
  const ot = oscillation(t);
  const oh = oscillation(h);
  if (delta * ot.osc >= 0.5) {
    throw new RangeError(`exactCollapseTime: band too narrow (δ·osc(t) = ${delta * ot.osc}); lower the tolerance`);
  }
  const ct = 1 / (1 - delta * ot.osc);
  const tMax = ot.max * ct;
  const piTUpper = piT * ct;
  const gMaxUpper = og.max + delta * og.osc * tMax;
  const hMaxUpper = oh.max + delta * (oh.osc + og.osc * tMax) * tMax;
  const errG = delta * og.osc * piTUpper + piErr * gMaxUpper;
  const errH = delta * (oh.osc + og.osc * tMax) * piTUpper + piErr * hMaxUpper;
  const errMean = errG;
  const errSecond = 2 * errH + errG;
  const errVariance = errSecond + 2 * mean * errMean + errMean * errMean;

  const dG = Math.abs(neumaierDot(pi, gs.correction));
  const dH = Math.abs(neumaierDot(pi, hs.correction));
  const variance = secondMoment - mean * mean;
  const rounding = Math.max(dG / mean, (2 * dH + dG + 2 * mean * dG) / Math.max(variance, Number.MIN_VALUE));
  return {
    g,
    t,
    h,
    mean,
    secondMoment,
    truncation: { mean: errMean, secondMoment: errSecond, variance: errVariance },
    rounding: Math.max(rounding, 2 * U),
    deltaOscG: delta * og.osc,
    tScale: ct,
    gMaxUpper,
  };
}

/** max(truncation.mean/mean, truncation.variance/variance): the certified relative truncation error. */
export function relativeTruncation(mom: Moments): number {
  const v = Math.max(0, mom.secondMoment - mom.mean * mom.mean);
  return Math.max(mom.truncation.mean / mom.mean, v > 0 ? mom.truncation.variance / v : 0);
}
