/**
 * The proposal step of Hörmann's transformed rejection with squeeze and
 * decomposition, shared by BTRD (binomial.ts) and PTRS (poisson.ts): the two
 * differ only in their hat constants and in the exact acceptance test.
 *
 * @module
 */
import type { Rng } from './types.ts';

/** Setup constants of the hat: k = ⌊(2a/u_s + b)·U + c⌋, squeeze box V ≤ 0.86·v_r. */
export interface RejectionHat {
  a: number;
  b: number;
  c: number;
  vr: number;
  /** 2a. */
  twoA: number;
  /** 0.86·v_r. */
  urVr: number;
}

/** A proposal that needs the exact test: k, and the V and u_s = ½ − |U| it came from. */
export interface RejectionProposal {
  k: number;
  v: number;
  us: number;
}

/**
 * Sets the hat constants (in place, so the samplers' caches keep one object).
 *
 * @param hat - The hat to set.
 * @param a - Hörmann's a.
 * @param b - Hörmann's b.
 * @param c - Hörmann's c (the proposal's offset).
 * @param vr - Hörmann's v_r.
 * @returns `hat`.
 *
 * @example
 * ```ts
 * setRejectionHat({ a: 0, b: 0, c: 0, vr: 0, twoA: 0, urVr: 0 }, 1, 2, 3, 0.5); // => { twoA: 2, urVr: 0.43 }
 * ```
 */
export function setRejectionHat(hat: RejectionHat, a: number, b: number, c: number, vr: number): RejectionHat {
  hat.a = a;
  hat.b = b;
  hat.c = c;
  hat.vr = vr;
  hat.twoA = 2 * a;
  hat.urVr = 0.86 * vr;
  return hat;
}

/**
 * Draws one proposal with the decomposition of the unit square: V ≤ 0.86·v_r
 * is the squeeze box |U| ≤ 0.43, V ≤ v_r, where U = V/v_r − 0.43 is derived
 * from V and k is accepted at once (one uniform for ~80 % of draws);
 * 0.86·v_r < V < v_r gives a U in the two side strips and a fresh V; V ≥ v_r
 * keeps V and draws U.
 *
 * @param hat - The hat constants.
 * @param rng - Random source.
 * @param out - Receives k always, and V and u_s when the exact test is needed.
 * @returns true when k lies in the squeeze box (accepted if in the support),
 *   false when the caller must test `out` (k may be out of range; u_s = 0 gives k = ±∞).
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * const hat = setRejectionHat({ a: 0, b: 0, c: 0, vr: 0, twoA: 0, urVr: 0 }, 0.02, 10, 100.43, 0.9);
 * const out = { k: 0, v: 0, us: 0 };
 * let boxed = 0;
 * for (let i = 0; i < 1000; i++) if (proposeFromHat(hat, createRng(i), out)) boxed++;
 * boxed > 700 && boxed < 850; // => true
 * ```
 */
export function proposeFromHat(hat: RejectionHat, rng: Rng, out: RejectionProposal): boolean {
  const vr = hat.vr;
  const twoA = hat.twoA;
  const b = hat.b;
  const c = hat.c;
  let v = rng.uniform();
  let u: number;
  if (v <= hat.urVr) {
    u = v / vr - 0.43;
    out.k = Math.floor((twoA / (0.5 - Math.abs(u)) + b) * u + c);
    return true;
  }
  if (v >= vr) {
    u = rng.uniform() - 0.5;
  } else {
    u = v / vr - 0.93;
    u = (u < 0 ? -0.5 : 0.5) - u;
    v = rng.uniform() * vr;
  }
  const us = 0.5 - Math.abs(u);
  out.k = Math.floor((twoA / us + b) * u + c);
  out.v = v;
  out.us = us;
  return false;
}
