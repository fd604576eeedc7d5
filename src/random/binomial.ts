/**
 * Exact binomial sampling in every regime: inversion by sequential search when
 * the mean of the smaller tail n·min(p, 1−p) is below 10, Hörmann's BTRD
 * (transformed rejection with squeeze and decomposition) above, and the
 * symmetry Bin(n, p) = n − Bin(n, 1 − p) for p > 1/2.
 *
 * @module
 */

import { checkInteger, checkNumber, ParameterTypeError } from '../validate.ts';
import { stirlingRemainder } from './stirling.ts';
import { proposeFromHat, setRejectionHat, type RejectionHat, type RejectionProposal } from './transformed-rejection.ts';
import type { Rng } from './types.ts';

/** Largest `n` accepted by {@link sampleBinomial}: `Number.MAX_SAFE_INTEGER` (2^53 − 1). */
export const MAX_BINOMIAL_N: number = Number.MAX_SAFE_INTEGER;

/**
 * Regime threshold: BTRD is used when n·min(p, 1 − p) ≥ this value (10, the
 * range for which Hörmann (1993) established the hat and squeezes), inversion below.
 */
export const BINOMIAL_BTRD_THRESHOLD: number = 10;

// ---------------------------------------------------------------------------
// Inversion. Single-entry cache of the last (n, r), like numpy's binomial_t,
// holding the pmf f(x) and the cumulative sums C(x) exactly as the sequential
// search computes them, so a warm cache returns bit-identical draws: results
// never depend on call history.

const INV_CAP = 512;
const invF = new Float64Array(INV_CAP);
const invC = new Float64Array(INV_CAP);
let invN = -1;
let invR = -1;
let invS = 0; // r / (1 − r)
let invLen = 0; // f, C known for x < invLen
let invUses = 0;
/** Draws with the same (n, r) after which a guide table is built. */
const INV_GUIDE_AFTER = 16;
const INV_GUIDE_MAX = 1024;
const invGuide = new Int32Array(INV_GUIDE_MAX);
let invGuideSize = 0; // 0 = no guide

/** Extends the memo by one term (x = invLen); returns false if f(x) = 0 (underflow or x > n). */
function invExtend(n: number): boolean {
  const x = invLen;
  const f = invF[x - 1] * (((n - x + 1) / x) * invS);
  if (f === 0) return false;
  invF[x] = f;
  invC[x] = invC[x - 1] + f;
  invLen = x + 1;
  return true;
}

/**
 * Guide table g[b] = min{x < invLen : C(x) > b/G} (or invLen if none), G a
 * power of two, so that the search for U ∈ [b/G, (b+1)/G) may start at g[b]:
 * C(x) > U ≥ b/G implies x ≥ g[b]. Only a starting point: the draw is the same
 * with or without it.
 */
function invBuildGuide(n: number): void {
  // Memo up to the point where the remaining mass is below 2^-40 (or as far as it goes).
  while (invLen < INV_CAP && invC[invLen - 1] < 1 - 9.094947017729282e-13 && invExtend(n));
  let G = 2;
  while (G < 2 * invLen && G < INV_GUIDE_MAX) G *= 2;
  let x = 0;
  for (let b = 0; b < G; b++) {
    const t = b / G;
    while (x < invLen && invC[x] <= t) x++;
    invGuide[b] = x;
  }
  invGuideSize = G;
}

/**
 * Inversion for Bin(n, r), r ≤ 1/2 (used for n·r < 10: E[steps] = n·r + 1 ≤ 11):
 * the smallest x with U < C(x), C(x) = C(x − 1) + f(x), f(0) = (1 − r)^n,
 * f(x) = f(x − 1)·(n − x + 1)/x·r/(1 − r). If U ≥ C(x) for every x until f
 * underflows to 0 (or x passes n), the draw restarts with a new U: that discards
 * only the floating-point rounding residue 1 − C(∞) (of order 1e-16), never
 * part of the distribution.
 */
function binomialInversion(n: number, r: number, rng: Rng): number {
  if (n !== invN || r !== invR) {
    invN = n;
    invR = r;
    invS = r / (1 - r);
    const f0 = Math.exp(n * Math.log1p(-r));
    invF[0] = f0;
    invC[0] = f0;
    invLen = 1;
    invUses = 0;
    invGuideSize = 0;
  } else if (invGuideSize === 0 && ++invUses >= INV_GUIDE_AFTER) {
    invBuildGuide(n);
  }
  for (;;) {
    const u = rng.uniform();
    let x = invGuideSize === 0 ? 0 : invGuide[(u * invGuideSize) | 0];
    while (x < invLen && u >= invC[x]) x++;
    if (x < invLen) return x;
    // Beyond the memo: extend it (storing while there is room) until C(x) > u.
    let f = invF[invLen - 1];
    let c = invC[invLen - 1];
    for (;;) {
      f *= ((n - x + 1) / x) * invS;
      if (f === 0) break; // rounding residue: restart
      c += f;
      if (x === invLen && x < INV_CAP) {
        invF[x] = f;
        invC[x] = c;
        invLen = x + 1;
      }
      if (u < c) return x;
      x++;
    }
  }
}

// ---------------------------------------------------------------------------
// BTRD. Single-entry cache of the setup constants of the last (n, r).

let btN = -1;
let btR = -1;
const btHat: RejectionHat = { a: 0, b: 0, c: 0, vr: 0, twoA: 0, urVr: 0 };
const btDraw: RejectionProposal = { k: 0, v: 0, us: 0 };
let btAlpha = 0;
let btM = 0;
let btS = 0; // r / (1 − r)
let btNpq = 0;
let btRatioReady = false;
let btC0 = 0;
let btFm = 0;

/**
 * BTRD (Hörmann 1993, "The generation of binomial random variates", J. Statist.
 * Comput. Simul. 46, 101–110) for Bin(n, r), r ≤ 1/2, n·r ≥ 10.
 *
 * Transformed rejection: (U, V) uniform on [−½, ½) × [0, 1), proposal
 * k = ⌊(2a/u_s + b)·U + c⌋, u_s = ½ − |U|, accepted iff V·α/(a/u_s² + b) ≤ f(k)/f(m),
 * m = ⌊(n + 1)r⌋ the mode, with the decomposition of the unit square of
 * {@link proposeFromHat} (the box V ≤ 0.86·v_r lies under the pmf). The exact test
 * uses the product of pmf ratios for |k − m| ≤ 15, BTPE's normal squeeze
 * (Kachitvichyanukul & Schmeiser 1988) where it is valid, else
 * {@link logPmfRatio}, evaluated without cancellation of O(n log n) terms.
 */
function binomialBtrd(n: number, r: number, rng: Rng): number {
  if (n !== btN || r !== btR) {
    btN = n;
    btR = r;
    const q = 1 - r;
    btNpq = n * r * q;
    const spq = Math.sqrt(btNpq);
    const b = 1.15 + 2.53 * spq;
    setRejectionHat(btHat, -0.0873 + 0.0248 * b + 0.01 * r, b, n * r + 0.5, 0.92 - 4.2 / b);
    btAlpha = (2.83 + 5.1 / b) * spq;
    btM = Math.floor((n + 1) * r);
    btS = r / q;
    btRatioReady = false;
  }
  for (;;) {
    const boxed = proposeFromHat(btHat, rng, btDraw);
    const k = btDraw.k;
    if (k < 0 || k > n) continue; // never in the box for n·r ≥ 10 (kept as a guard); catches u_s = 0 (k = ±∞)
    if (boxed) return k;
    const us = btDraw.us;
    let v = (btDraw.v * btAlpha) / (btHat.a / (us * us) + btHat.b);
    const m = btM;
    const km = Math.abs(k - m);
    if (km <= 15) {
      // f(k)/f(m) as a product of ratios f(i)/f(i−1) = (n − i + 1)/i · r/(1 − r).
      const s = btS;
      let f = 1;
      if (m < k) {
        for (let i = m + 1; i <= k; i++) f *= ((n - i + 1) / i) * s;
      } else if (m > k) {
        for (let i = k + 1; i <= m; i++) v *= ((n - i + 1) / i) * s;
      }
      if (v <= f) return k;
      continue;
    }
    const lv = Math.log(v);
    const npq = btNpq;
    if (km < npq / 2 - 1) {
      // |log f(k)/f(m) + km²/(2npq)| ≤ ρ (BTPE step 5.2).
      const rho = (km / npq) * ((km * (km / 3 + 0.625) + 0.16666666666666666) / npq + 0.5);
      const t = (-km * km) / (2 * npq);
      if (lv < t - rho) return k;
      if (lv > t + rho) continue;
    }
    if (!btRatioReady) {
      btC0 = Math.log(((m + 1) * (1 - r)) / ((n - m + 1) * r));
      btFm = stirlingRemainder(m) + stirlingRemainder(n - m);
      btRatioReady = true;
    }
    if (lv <= logPmfRatio(n, k)) return k;
  }
}

/**
 * log f(k)/f(m) for the cached (n, r), f the Bin(n, r) pmf, m its mode:
 * (k + ½)·log1p((m − k)/(k + 1)) + (n − k + ½)·log1p((k − m)/(n − k + 1))
 * + (m − k)·log((m + 1)(1 − r)/((n − m + 1)r)) + fc(m) + fc(n − m) − fc(k) − fc(n − k),
 * from log x! = (x + ½)log(x + 1) − (x + 1) + ½log 2π + fc(x). Every term is
 * O(|k − m|) or smaller, so the absolute error is ≈ |k − m|·1e-16 (a direct
 * difference of log-factorials would lose ~1e-6 at n = 1e9).
 */
function logPmfRatio(n: number, k: number): number {
  const m = btM;
  return (
    (k + 0.5) * Math.log1p((m - k) / (k + 1)) +
    (n - k + 0.5) * Math.log1p((k - m) / (n - k + 1)) +
    (m - k) * btC0 +
    btFm -
    stirlingRemainder(k) -
    stirlingRemainder(n - k)
  );
}

/**
 * {@link sampleBinomial} without argument checks, for internal hot loops.
 * Requires `n` a safe integer ≥ 0, `0 ≤ p ≤ 1`, `rng` an {@link Rng}.
 *
 * @param n - Number of trials (integer, 0 ≤ n ≤ 2^53 − 1; not checked).
 * @param p - Success probability in [0, 1] (not checked).
 * @param rng - Random source.
 * @returns One draw from Bin(n, p).
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * sampleBinomialUnchecked(10, 1, createRng(1)); // => 10
 * ```
 */
export function sampleBinomialUnchecked(n: number, p: number, rng: Rng): number {
  if (p <= 0.5) {
    if (n === 0 || p === 0) return 0;
    return n * p < BINOMIAL_BTRD_THRESHOLD ? binomialInversion(n, p, rng) : binomialBtrd(n, p, rng);
  }
  if (p >= 1) return n;
  const r = 1 - p; // exact for p in [1/2, 1] (Sterbenz)
  return n - (n * r < BINOMIAL_BTRD_THRESHOLD ? binomialInversion(n, r, rng) : binomialBtrd(n, r, rng));
}

/**
 * One draw from the binomial distribution Bin(n, p): the number of successes
 * in `n` independent trials of success probability `p`,
 * P(X = k) = C(n, k)·p^k·(1 − p)^(n − k).
 *
 * Algorithm (exact in distribution, no approximation in any regime), with
 * r = min(p, 1 − p) and the result reflected (n − X) when p > 1/2:
 * - n·r < 10 ({@link BINOMIAL_BTRD_THRESHOLD}): inversion by sequential search
 *   from 0 — one uniform per draw, n·r + 1 ≤ 11 comparisons on average.
 * - n·r ≥ 10: BTRD, Hörmann's transformed rejection with squeeze and
 *   decomposition — ~1.4 uniforms per draw, expected cost bounded uniformly
 *   in n — with a cancellation-free evaluation of the acceptance ratio.
 * The setup of the last (n, p) of each regime is cached (repeated draws with the
 * same parameters skip it, and after 16 of them inversion starts its search
 * from a guide table); the cache never changes the values drawn.
 *
 * @param n - Number of trials, an integer in [0, 2^53 − 1] ({@link MAX_BINOMIAL_N}).
 * @param p - Success probability in [0, 1].
 * @param rng - Random source (e.g. {@link createRng}).
 * @returns An integer in [0, n].
 * @throws {ParameterTypeError} if `n` or `p` is not a number, or `rng` is not an {@link Rng}.
 * @throws {ParameterRangeError} if `n` is not an integer in [0, 2^53 − 1], or `p` is NaN or outside [0, 1].
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * const rng = createRng(2024);
 * sampleBinomial(0, 0.5, rng); // => 0
 * sampleBinomial(7, 1, rng); // => 7
 * sampleBinomial(1e9, 0.3, rng); // => 300008980
 * ```
 */
export function sampleBinomial(n: number, p: number, rng: Rng): number {
  // Fast path for valid arguments (the helpers build their messages eagerly); any
  // failure goes through them for the typed error. `+ 0` turns −0 into 0.
  if (!(Number.isSafeInteger(n) && n >= 0 && typeof p === 'number' && p >= 0 && p <= 1)) {
    checkInteger('n', n, { min: 0, max: MAX_BINOMIAL_N });
    checkNumber('p', p, { min: 0, max: 1 });
  }
  checkRng(rng);
  return sampleBinomialUnchecked(n + 0, p + 0, rng);
}

// ---------------------------------------------------------------------------
// Many draws with the same (n, p).

/** Relative weight f(k)/f(mode) below which the table of {@link sampleBinomialArray} stops: 2^-80. */
const TABLE_CUTOFF = 8.271806125530277e-25;
/** Largest table (entries) {@link sampleBinomialArray} builds: 2^20 (σ up to ~4.4e4, ≤ ~20 MB of tables). */
const TABLE_MAX = 1 << 20;

function growF64(a: Float64Array, len: number): Float64Array {
  const b = new Float64Array(Math.max(2 * a.length, len));
  b.set(a);
  return b;
}

/**
 * Fills `out` by inversion of a table of Bin(n, r) (r ≤ 1/2, n·r ≥ 10): the
 * weights w_k = f(k)/f(m) from the mode m outwards by the ratio recursion,
 * over [lo, hi] where w_k ≥ 2^-80; their cumulative sums; and a guide table
 * g[b] = min{j : c_j > (b/G)·T} (G a power of two, so the guide never passes the
 * answer). Draw: x = U·T, j from g[⌊U·G⌋] forward to the first c_j > x.
 */
function fillFromTable(n: number, r: number, rng: Rng, out: CountsArrayLike, flip: boolean): void {
  const s = r / (1 - r);
  const m = Math.floor((n + 1) * r);
  let up: Float64Array = new Float64Array(1024); // w_m, w_{m+1}, …
  let nu = 0;
  let w = 1;
  for (let k = m; k <= n && w >= TABLE_CUTOFF; ) {
    if (nu === up.length) up = growF64(up, nu + 1);
    up[nu++] = w;
    k++;
    w *= ((n - k + 1) / k) * s;
  }
  let down: Float64Array = new Float64Array(1024); // w_{m−1}, w_{m−2}, …
  let nd = 0;
  w = 1;
  for (let k = m - 1; k >= 0; k--) {
    w *= (k + 1) / ((n - k) * s);
    if (w < TABLE_CUTOFF) break;
    if (nd === down.length) down = growF64(down, nd + 1);
    down[nd++] = w;
  }
  const lo = m - nd;
  const width = nd + nu;
  const cdf = new Float64Array(width);
  let acc = 0;
  for (let j = 0; j < nd; j++) {
    acc += down[nd - 1 - j];
    cdf[j] = acc;
  }
  for (let j = 0; j < nu; j++) {
    acc += up[j];
    cdf[nd + j] = acc;
  }
  const total = acc;
  cdf[width - 1] = Infinity;
  let G = 1;
  while (G < width) G *= 2;
  const guide = new Int32Array(G);
  let j = 0;
  for (let b = 0; b < G; b++) {
    const t = (b / G) * total;
    while (cdf[j] <= t) j++;
    guide[b] = j;
  }
  const len = out.length;
  for (let t = 0; t < len; t++) {
    const u = rng.uniform();
    const x = u * total;
    let i = guide[(u * G) | 0];
    while (cdf[i] <= x) i++;
    out[t] = flip ? n - (lo + i) : lo + i;
  }
}

/** `Float64Array` or `Int32Array` destination of draws. */
type CountsArrayLike = Float64Array | Int32Array;

/**
 * `out.length` independent draws from Bin(n, p) — the array counterpart of
 * {@link sampleBinomial} (numpy's `binomial(n, p, size)`).
 *
 * - n·min(p, 1 − p) < 10: the same inversion as {@link sampleBinomial}, so the
 *   values equal `out.length` successive `sampleBinomial(n, p, rng)` calls.
 * - n·min(p, 1 − p) ≥ 10 and `out.length` at least half the table width
 *   (≈ 24·σ, σ = √(np(1 − p)), up to 2^20 entries): inversion of a table of the
 *   pmf over the range where f(k)/f(mode) ≥ 2^-80, through a guide table — one
 *   uniform per draw. The neglected tails have total mass below 1e-20 and the
 *   ratio recursion has relative error ≤ 2.2e-16·|k − mode| per weight, so the
 *   law differs from Bin(n, p) by far less than the 2^-53 resolution of the
 *   uniforms. The values differ from those of repeated `sampleBinomial` calls.
 * - otherwise: repeated BTRD draws, as {@link sampleBinomial}.
 *
 * @param n - Number of trials, an integer in [0, 2^53 − 1] (≤ 2^31 − 1 with an `Int32Array`).
 * @param p - Success probability in [0, 1].
 * @param rng - Random source.
 * @param out - Destination (`Float64Array` or `Int32Array`), or a count `size` for a new `Float64Array`.
 * @returns The array of draws (`out` itself if an array was given).
 * @throws {ParameterTypeError} / {ParameterRangeError} as {@link sampleBinomial}, and for an
 *   `out` that is neither an integer count in [0, 2^31 − 1] nor a `Float64Array`/`Int32Array`.
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * const draws = sampleBinomialArray(100000, 0.3, createRng(5), 100000);
 * draws.length; // => 100000
 * Math.abs(draws.reduce((a, b) => a + b, 0) / 1e5 - 30000) < 5; // => true
 * ```
 */
export function sampleBinomialArray(n: number, p: number, rng: Rng, size: number): Float64Array;
export function sampleBinomialArray<T extends CountsArrayLike>(n: number, p: number, rng: Rng, out: T): T;
export function sampleBinomialArray(n: number, p: number, rng: Rng, out: CountsArrayLike | number): CountsArrayLike {
  let arr: CountsArrayLike;
  if (typeof out === 'number') {
    arr = new Float64Array(checkInteger('out', out, { min: 0, max: 2147483647 }));
  } else if (out instanceof Float64Array || out instanceof Int32Array) {
    arr = out;
  } else {
    throw new ParameterTypeError('out', out, 'a Float64Array, an Int32Array or a count');
  }
  const nn = checkInteger('n', n, { min: 0, max: arr instanceof Int32Array ? 2147483647 : MAX_BINOMIAL_N });
  const pp = checkNumber('p', p, { min: 0, max: 1 });
  checkRng(rng);
  const len = arr.length;
  const flip = pp > 0.5;
  const r = flip ? 1 - pp : pp;
  if (nn * r >= BINOMIAL_BTRD_THRESHOLD) {
    const sigma = Math.sqrt(nn * r * (1 - r));
    const width = 24 * sigma + 60;
    if (2 * len >= width && width <= TABLE_MAX) {
      fillFromTable(nn, r, rng, arr, flip);
      return arr;
    }
  }
  for (let t = 0; t < len; t++) arr[t] = sampleBinomialUnchecked(nn, pp, rng);
  return arr;
}

/**
 * Checks that `rng` looks like an {@link Rng} (an object with `uniform` and
 * `uint32` methods) and returns it.
 *
 * @param rng - The value to check.
 * @returns `rng`, typed.
 * @throws {ParameterTypeError} naming `rng` otherwise.
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * checkRng(createRng(1)).seed; // => 1
 * ```
 * ```ts ignore
 * checkRng({}); // throws ParameterTypeError
 * ```
 */
export function checkRng(rng: unknown): Rng {
  if (
    typeof rng !== 'object' ||
    rng === null ||
    typeof (rng as Rng).uniform !== 'function' ||
    typeof (rng as Rng).uint32 !== 'function'
  ) {
    throw new ParameterTypeError('rng', rng, 'an Rng (e.g. createRng(seed))');
  }
  return rng as Rng;
}
