/**
 * Exact multinomial sampling: counts of `n` independent categorical draws
 * from a probability vector `p`, by whichever of three exact methods (indexed
 * search, Poissonization with exact completion, conditional binomials) is
 * cheapest for the given n and number K of nonzero entries.
 *
 * @module
 */

import {
  checkInteger,
  checkProbabilityVector,
  ParameterRangeError,
  ParameterTypeError,
  PROBABILITY_SUM_TOLERANCE,
} from '../validate.ts';
import { checkRng, MAX_BINOMIAL_N, sampleBinomialUnchecked } from './binomial.ts';
import { POISSON_PTRS_THRESHOLD, poissonPtrs } from './poisson.ts';
import type { Rng } from './types.ts';

/** A counts vector: `Float64Array` (default) or `Int32Array` (n ≤ 2^31 − 1). */
export type CountsArray = Float64Array | Int32Array;

/**
 * Method selection: indexed search (one uniform per sample, ~20 ns each) is used
 * when n ≤ MULTINOMIAL_SEARCH_FACTOR·K, K the number of nonzero probabilities
 * (or the length of `support`); above, a method whose cost is per entry (~30–100 ns
 * each) and nearly independent of n. Calibrated on the benchmark machine (see
 * bench/results/performance-samplers.md).
 */
export const MULTINOMIAL_SEARCH_FACTOR: number = 1.5;

/**
 * Method selection: when n > {@link MULTINOMIAL_SEARCH_FACTOR}·K, conditional
 * binomials are used if K² < MULTINOMIAL_BINOMIAL_FACTOR·n (few categories,
 * many draws), Poissonization otherwise. Poissonization costs ~30 ns less per
 * entry but adds up to ~4·√n categorical samples and occasional redraws; the
 * break-even measured on the benchmark machine is K ≈ 1.7·√n, i.e. K² ≈ 2.75·n.
 */
export const MULTINOMIAL_BINOMIAL_FACTOR: number = 2.75;

// Scratch buffers shared by all calls (JavaScript is single-threaded and no user
// code runs while a sampler holds them). Grown geometrically, never shrunk.
let scratchF64 = new Float64Array(1024);
let scratchI32 = new Int32Array(1024);
let scratchGuide = new Int32Array(1024);

function f64(len: number): Float64Array {
  if (scratchF64.length < len) scratchF64 = new Float64Array(Math.max(len, 2 * scratchF64.length));
  return scratchF64;
}
function i32(len: number): Int32Array {
  if (scratchI32.length < len) scratchI32 = new Int32Array(Math.max(len, 2 * scratchI32.length));
  return scratchI32;
}
function guideBuf(len: number): Int32Array {
  if (scratchGuide.length < len) scratchGuide = new Int32Array(Math.max(len, 2 * scratchGuide.length));
  return scratchGuide;
}

/**
 * Conditional binomials (the method of numpy's `multinomial`): walking the
 * nonzero entries i₁, i₂, … in order, X_{i_j} ~ Bin(n − Σ_{l<j} X_{i_l}, p_{i_j} / R_j)
 * with R_j = Σ_{l≥j} p_{i_l} the remaining mass; stops when no trials remain.
 * R_j is a suffix sum computed backwards (not 1 − a running prefix), so the
 * conditional probabilities keep full relative precision even where the
 * remaining mass is tiny, and the last nonzero entry gets probability exactly 1.
 */
function conditionalBinomials(
  n: number,
  p: ArrayLike<number>,
  rng: Rng,
  out: CountsArray,
  idx: ArrayLike<number>,
  k: number,
): void {
  const suffix = f64(k);
  let acc = 0;
  for (let j = k - 1; j >= 0; j--) {
    acc += p[idx[j]];
    suffix[j] = acc;
  }
  if (!(acc > 0 && acc < Infinity)) throw new ParameterRangeError('sum of p', acc, 'a finite number > 0');
  let left = n;
  let j = 0;
  for (; j < k && left > 0; j++) {
    const i = idx[j];
    const pi = p[i];
    if (pi === 0) {
      out[i] = 0;
      continue;
    }
    const q = pi / suffix[j];
    const x = q >= 1 ? left : sampleBinomialUnchecked(left, q, rng);
    out[i] = x;
    left -= x;
  }
  for (; j < k; j++) out[idx[j]] = 0;
}

/**
 * Indexed search (Chen & Asau 1974): each of the n samples is U·T inverted
 * through the cumulative sums c_j = p_{i_1} + … + p_{i_j} (T = c_K), starting
 * from a guide table g[b] = min{j : c_j > (b/G)·T} over G = 2^e buckets and
 * finishing with a short linear (or, for long buckets, binary) search. G is a
 * power of two, so b/G and (b/G)·T round monotonically and the guide never
 * points past the answer.
 */
function indexedSearch(
  n: number,
  p: ArrayLike<number>,
  rng: Rng,
  out: CountsArray,
  idx: ArrayLike<number>,
  k: number,
  accumulate: boolean,
): void {
  const cdf = f64(k);
  let acc = 0;
  let last = -1;
  for (let j = 0; j < k; j++) {
    const i = idx[j];
    const pi = p[i];
    acc += pi;
    cdf[j] = acc;
    if (!accumulate) out[i] = 0;
    if (pi > 0) last = j;
  }
  const total = acc;
  if (!(total > 0 && total < Infinity)) throw new ParameterRangeError('sum of p', total, 'a finite number > 0');
  cdf[last] = Infinity; // sentinel: u·T may round up to T; entries after `last` have p = 0
  let e = 0;
  const target = Math.min(k, n);
  while (1 << e < target && e < 30) e++;
  const G = 1 << e;
  const guide = guideBuf(G + 1);
  let j = 0;
  for (let b = 0; b < G; b++) {
    const t = (b / G) * total;
    while (cdf[j] <= t) j++;
    guide[b] = j;
  }
  guide[G] = last;
  for (let s = 0; s < n; s++) {
    const u = rng.uniform();
    const x = u * total;
    const b = (u * G) | 0;
    let lo = guide[b];
    let hi = guide[b + 1];
    while (hi - lo > 8) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    while (cdf[lo] <= x) lo++;
    out[idx[lo]]++;
  }
}

/**
 * The margin c of μ = n − c·√n in {@link poissonized}: it trades the ~c·√n
 * completion samples (~20 ns each) against redraws of all K Poisson counts
 * (~40 ns each) with probability P(N > n) ≈ Q(c), the normal tail. Setting the
 * derivative of c·√n·20 + K·40·Q(c) to zero gives φ(c) = √n/(2K), i.e.
 * c = √(2·log(2K/√(2πn))), clamped to [1, 4]. Any c gives the exact law.
 */
function poissonMargin(n: number, k: number): number {
  const ratio = (2 * k) / Math.sqrt(2 * Math.PI * n);
  const c = ratio > 1.6487212707001282 ? Math.sqrt(2 * Math.log(ratio)) : 1;
  return c > 4 ? 4 : c;
}

/**
 * Poissonization with exact completion: with μ = n − c·√n (c from
 * {@link poissonMargin}, 1 ≤ c ≤ 4), draw independent
 * X_i ~ Poisson(μ·p_i/T) (T = Σp_i). Given their total N = ΣX_i, (X_i) is
 * Multinomial(N, p); the draw is kept only if N ≤ n — a condition on N alone,
 * so the conditional law given N is unchanged — and completed with n − N
 * further categorical samples (indexed search), giving exactly
 * Multinomial(n, p). Restarts have probability ≈ P(Z > c) and about c·√n
 * samples are added. Unlike conditional binomials, the entries are
 * independent: no suffix sums, and e^{−λ} is reused while consecutive entries
 * share λ (uniform p, or counts/n with repeated counts).
 */
function poissonized(
  n: number,
  p: ArrayLike<number>,
  rng: Rng,
  out: CountsArray,
  idx: ArrayLike<number>,
  k: number,
): void {
  let total = 0;
  for (let j = 0; j < k; j++) total += p[idx[j]];
  if (!(total > 0 && total < Infinity)) throw new ParameterRangeError('sum of p', total, 'a finite number > 0');
  const mu = n - poissonMargin(n, k) * Math.sqrt(n);
  if (!(mu > 0)) {
    indexedSearch(n, p, rng, out, idx, k, false); // n ≤ 6: never selected, kept for safety
    return;
  }
  const scale = mu / total;
  for (;;) {
    let sum = 0;
    let lastLam = -1;
    let expLam = 0;
    for (let j = 0; j < k; j++) {
      const i = idx[j];
      const lam = p[i] * scale;
      let x = 0;
      if (lam >= POISSON_PTRS_THRESHOLD) {
        x = poissonPtrs(lam, rng);
      } else if (lam > 0) {
        if (lam !== lastLam) {
          lastLam = lam;
          expLam = Math.exp(-lam);
        }
        // Inversion (as poissonInversion, inlined).
        for (;;) {
          let u = rng.uniform();
          let px = expLam;
          x = 0;
          while (u >= px) {
            u -= px;
            x++;
            px *= lam / x;
            if (px === 0) break;
          }
          if (px !== 0) break;
        }
      }
      out[i] = x;
      sum += x;
    }
    if (sum <= n) {
      if (sum < n) indexedSearch(n - sum, p, rng, out, idx, k, true);
      return;
    }
  }
}

/** Identity index 0…s−1, cached. */
let identity = new Int32Array(0);
function identityIndex(s: number): Int32Array {
  if (identity.length < s) {
    identity = new Int32Array(Math.max(s, 2 * identity.length));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
  }
  return identity;
}

/**
 * {@link sampleMultinomial} without argument checks, for the simulator's hot loop.
 *
 * Contract (not checked): `n` a safe integer ≥ 0; `p` finite weights ≥ 0 with a
 * positive sum (they are normalized internally — exactly 1 is not required);
 * `out.length === p.length`. If `support` is given it lists (each once, any
 * order) indices that include every i with p_i > 0; then only
 * `out[support[j]]` are written and the other entries of `out` are left as
 * they are (the caller keeps them 0 — e.g. a fresh array, or the previous
 * generation's counts when the support only shrinks). Without `support`, all of
 * `out` is written.
 *
 * @param n - Number of draws.
 * @param p - Nonnegative weights (probabilities up to a constant factor).
 * @param rng - Random source.
 * @param out - Destination, length `p.length` (allocated as a `Float64Array` if omitted).
 * @param support - Optional indices covering the nonzero entries of `p` (see above); an
 *   `Int32Array` built once per distribution (see {@link nonzeroIndices}) saves a pass
 *   over the zeros of a sparse `p`.
 * @returns `out`, holding the counts.
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * const counts = sampleMultinomialUnchecked(5, [0, 2, 0, 0], createRng(3));
 * Array.from(counts); // => [0, 5, 0, 0]
 * ```
 */
export function sampleMultinomialUnchecked<T extends CountsArray = Float64Array>(
  n: number,
  p: ArrayLike<number>,
  rng: Rng,
  out?: T,
  support?: ArrayLike<number>,
): T {
  const s = p.length;
  const counts = (out ?? new Float64Array(s)) as T;
  let idx: ArrayLike<number>;
  let k: number;
  if (support !== undefined) {
    idx = support;
    k = support.length;
  } else {
    // Compact the nonzero entries (one pass over p).
    const buf = i32(s);
    k = 0;
    for (let i = 0; i < s; i++) {
      if (p[i] > 0) buf[k++] = i;
      else counts[i] = 0;
    }
    idx = buf;
  }
  if (n === 0) {
    for (let j = 0; j < k; j++) counts[idx[j]] = 0;
    return counts;
  }
  if (k === 0) throw new ParameterRangeError('sum of p', 0, 'a finite number > 0');
  if (n <= MULTINOMIAL_SEARCH_FACTOR * k) indexedSearch(n, p, rng, counts, idx, k, false);
  else if (k * k < MULTINOMIAL_BINOMIAL_FACTOR * n) conditionalBinomials(n, p, rng, counts, idx, k);
  else poissonized(n, p, rng, counts, idx, k);
  return counts;
}

/**
 * Indices of the nonzero entries of `p`, in increasing order, as an
 * `Int32Array` — the `support` argument of {@link sampleMultinomialUnchecked}.
 *
 * @param p - Any array of numbers.
 * @returns The indices i with p[i] !== 0.
 * @throws {ParameterTypeError} if `p` is not array-like.
 *
 * @example
 * ```ts
 * Array.from(nonzeroIndices([0, 0.5, 0, 0.5])); // => [1, 3]
 * ```
 */
export function nonzeroIndices(p: ArrayLike<number>): Int32Array {
  if (typeof p !== 'object' || p === null || !Number.isSafeInteger((p as ArrayLike<number>).length)) {
    throw new ParameterTypeError('p', p, 'an array of numbers');
  }
  let k = 0;
  for (let i = 0; i < p.length; i++) if (p[i] !== 0) k++;
  const res = new Int32Array(k);
  k = 0;
  for (let i = 0; i < p.length; i++) if (p[i] !== 0) res[k++] = i;
  return res;
}

/** Fast check that `p` is a plain array or Float64Array of finite numbers ≥ 0 summing to 1 (tolerance as checkProbabilityVector). */
function isProbabilityArray(p: unknown): p is ArrayLike<number> {
  if (!(p instanceof Float64Array) && !Array.isArray(p)) return false;
  const s = p.length;
  if (s === 0) return false;
  let sum = 0;
  for (let i = 0; i < s; i++) {
    const x = p[i];
    if (typeof x !== 'number' || !(x >= 0 && x < Infinity)) return false;
    sum += x;
  }
  return Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE + s * Number.EPSILON;
}

/**
 * Counts of `n` independent draws from the categorical distribution `p`
 * (one multinomial draw): P(X = x) = n!/(x₁!⋯x_s!)·Π p_i^{x_i} for Σx_i = n.
 *
 * Exact in distribution, by one of three methods chosen from n and the number K
 * of nonzero p_i (zeros cost one comparison each and are never drawn):
 * - n ≤ 1.5·K ({@link MULTINOMIAL_SEARCH_FACTOR}): indexed search — each sample
 *   inverts the cumulative distribution, starting from a guide table
 *   (Chen & Asau 1974); O(s + n) time, one uniform per sample.
 * - n > 1.5·K and K² ≥ 2.75·n ({@link MULTINOMIAL_BINOMIAL_FACTOR}): Poissonization
 *   with exact completion — X_i ~ Poisson(μ·p_i) independently, μ = n − c·√n
 *   (c = √(2·log(2K/√(2πn))) clamped to [1, 4]), kept if ΣX_i ≤ n (else redrawn,
 *   probability ≈ P(Z > c)) and completed by n − ΣX_i indexed-search samples; O(s + √n) time.
 * - n > 1.5·K and K² < 2.75·n: conditional binomials over the nonzero entries,
 *   X_i ~ Bin(n − Σ_{j<i} X_j, p_i / Σ_{j≥i} p_j) with {@link sampleBinomial}'s exact
 *   sampler, stopping as soon as no trials remain; O(s) time whatever n.
 *
 * @param n - Number of draws, an integer in [0, 2^53 − 1] (≤ 2^31 − 1 with an `Int32Array` `out`).
 * @param p - Probability vector: finite, ≥ 0, summing to 1 within 1e-9 (rescaled to sum 1).
 * @param rng - Random source (e.g. {@link createRng}).
 * @param out - Optional destination of length `p.length`, `Float64Array` or `Int32Array`; fully overwritten.
 * @returns The counts (`out` if given, else a new `Float64Array`), summing to `n`.
 * @throws {ParameterTypeError} for a non-number `n`, a non-array `p`, an `out` that is not a
 *   `Float64Array`/`Int32Array`, or an `rng` without `uniform`.
 * @throws {ParameterRangeError} for `n` out of range, invalid `p`, or `out` of the wrong length.
 *
 * @example
 * ```ts
 * import { createRng } from 'model-collapse';
 * const counts = sampleMultinomial(1000, [0.5, 0.3, 0.2, 0], createRng(7));
 * Array.from(counts); // => [482, 313, 205, 0]
 * counts.reduce((a, b) => a + b, 0); // => 1000
 * ```
 */
export function sampleMultinomial<T extends CountsArray = Float64Array>(
  n: number,
  p: ArrayLike<number>,
  rng: Rng,
  out?: T,
): T {
  // Valid arrays are used as they are (the sampler normalizes by the total, which is
  // what the rescaled copy of checkProbabilityVector would give); anything else goes
  // through the helper, which throws the typed error (or copies an exotic array-like).
  const pv = isProbabilityArray(p) ? p : checkProbabilityVector('p', p);
  checkRng(rng);
  let max = MAX_BINOMIAL_N;
  if (out !== undefined) {
    if (!(out instanceof Float64Array) && !(out instanceof Int32Array)) {
      throw new ParameterTypeError('out', out, 'a Float64Array or an Int32Array');
    }
    if (out.length !== pv.length) {
      throw new ParameterRangeError('out', out, `an array of length ${pv.length} (the length of p)`);
    }
    if (out instanceof Int32Array) max = 2147483647;
  }
  if (!(Number.isSafeInteger(n) && n >= 0 && n <= max)) checkInteger('n', n, { min: 0, max });
  return sampleMultinomialUnchecked(n + 0, pv, rng, out);
}

/** @internal for tests: the two methods, forced. */
export const _methods: {
  conditionalBinomials: (n: number, p: ArrayLike<number>, rng: Rng, out: CountsArray) => void;
  indexedSearch: (n: number, p: ArrayLike<number>, rng: Rng, out: CountsArray) => void;
  poissonized: (n: number, p: ArrayLike<number>, rng: Rng, out: CountsArray) => void;
} = {
  conditionalBinomials: (n, p, rng, out) => conditionalBinomials(n, p, rng, out, identityIndex(p.length), p.length),
  indexedSearch: (n, p, rng, out) => indexedSearch(n, p, rng, out, identityIndex(p.length), p.length, false),
  poissonized: (n, p, rng, out) => poissonized(n, p, rng, out, identityIndex(p.length), p.length),
};
