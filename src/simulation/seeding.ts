/**
 * Per-run random streams of the simulator, and exact integer helpers on them.
 *
 * Run r of a simulation with seed `seed` draws from the MT19937 generator
 * initialised by the reference `init_by_array` (Matsumoto & Nishimura,
 * mt19937ar.c, 2002) with the two-word key [seed, r]. The streams of distinct
 * (seed, r) are different generator states (no 32-bit seed collisions between
 * runs), depend on nothing but (seed, r) — so any run replays alone, and a
 * result with fewer runs is a prefix of one with more — and use only 32-bit
 * integer arithmetic, so they are bit-identical under Node, Deno and browsers.
 * The same stream is numpy's legacy `np.random.RandomState([seed, r])`
 * (`random_sample()` gives the same doubles as `rng.uniform()`).
 *
 * @module
 */
import { checkInteger } from '../validate.ts';
import { MAX_SEED, rngFromState, type Mt19937Rng } from '../random/rng.ts';
import type { Rng } from '../random/types.ts';

const N = 624;

/**
 * The random stream of run `run` of a simulation seeded with `seed`: MT19937
 * initialised by `init_by_array([seed, run])` (see the module documentation).
 * Its `seed` property records `seed`.
 *
 * @param seed - The simulation's seed, an integer in [0, 2^32 − 1].
 * @param run - The run index, an integer in [0, 2^32 − 1].
 * @returns A fresh generator.
 * @throws {ParameterRangeError} / {ParameterTypeError} for seeds or run indices out of range.
 *
 * @example
 * ```ts
 * const rng = runRng(42, 0);
 * rng.uint32(); // => 3030895498
 * // numpy: np.random.RandomState([42, 0]).random_sample() after one word:
 * rng.uniform(); // => 0.37081448268074946
 * runRng(42, 0).uniform() === runRng(42, 0).uniform(); // => true
 * runRng(42, 0).uniform() === runRng(42, 1).uniform(); // => false
 * ```
 */
export function runRng(seed: number, run: number): Mt19937Rng {
  const s = checkInteger('seed', seed, { min: 0, max: MAX_SEED });
  const r = checkInteger('run', run, { min: 0, max: MAX_SEED });
  return runRngUnchecked(s, r);
}

/**
 * {@link runRng} without argument checks.
 *
 * @internal
 */
export function runRngUnchecked(seed: number, run: number): Mt19937Rng {
  const mt = new Int32Array(N);
  // init_genrand(19650218)
  let x = 19650218;
  mt[0] = x;
  for (let i = 1; i < N; i++) {
    x = (Math.imul(x ^ (x >>> 30), 1812433253) + i) | 0;
    mt[i] = x;
  }
  const key = [seed >>> 0, run >>> 0];
  let i = 1;
  let j = 0;
  for (let k = N; k > 0; k--) {
    const prev = mt[i - 1];
    mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j] + j) | 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = mt[i - 1];
    mt[i] = ((mt[i] ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) | 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
  }
  mt[0] = -2147483648; // 0x80000000: non-zero initial state
  // stdlib state layout: | version | sections | 624 | state… | 1 | index | 1 | seed |
  const state = new Uint32Array(N + 7);
  state[0] = 1;
  state[1] = 3;
  state[2] = N;
  for (let k = 0; k < N; k++) state[3 + k] = mt[k] >>> 0;
  state[N + 3] = 1;
  state[N + 4] = N;
  state[N + 5] = 1;
  state[N + 6] = seed >>> 0;
  return rngFromState(state);
}

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/**
 * A uniform integer in [0, R), exactly (rejection sampling, no modulo bias).
 * R ≤ 2^32 uses 32-bit words, larger R (≤ 2^53) 53-bit uniforms.
 *
 * @internal
 */
export function uniformInt(rng: Rng, R: number): number {
  if (R <= TWO_32) {
    const limit = TWO_32 - (TWO_32 % R);
    for (;;) {
      const x = rng.uint32();
      if (x < limit) return x % R;
    }
  }
  const limit = TWO_53 - (TWO_53 % R);
  for (;;) {
    const x = rng.uniform() * TWO_53;
    if (x < limit) return x % R;
  }
}

/**
 * Fisher–Yates shuffle of `a[from..to)` in place.
 *
 * @internal
 */
export function shuffleRange(a: Int32Array, from: number, to: number, rng: Rng): void {
  for (let i = to - 1; i > from; i--) {
    const j = from + uniformInt(rng, i - from + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * Draws `k` items uniformly without replacement from a multiset given by
 * non-negative integer counts `cnt[0..len)` (total `total`), and writes how
 * many of each category were drawn into `out[0..len)` (overwritten). Exact:
 * one item at a time through a Fenwick tree over the counts (O(len + k log len));
 * when k > total/2 the complement is drawn instead.
 *
 * @internal
 */
export function subsampleCounts(
  cnt: ArrayLike<number>,
  len: number,
  total: number,
  k: number,
  rng: Rng,
  out: Float64Array,
): void {
  if (k >= total) {
    for (let j = 0; j < len; j++) out[j] = cnt[j];
    return;
  }
  const complement = k > total / 2;
  const draws = complement ? total - k : k;
  // Fenwick tree (1-based) over the counts.
  const tree = new Float64Array(len + 1);
  for (let j = 0; j < len; j++) tree[j + 1] = cnt[j];
  for (let j = 1; j <= len; j++) {
    const parent = j + (j & -j);
    if (parent <= len) tree[parent] += tree[j];
  }
  let top = 1;
  while (top * 2 <= len) top *= 2;
  for (let j = 0; j < len; j++) out[j] = 0;
  let remaining = total;
  for (let d = 0; d < draws; d++) {
    let u = uniformInt(rng, remaining);
    // find the smallest position whose prefix sum exceeds u
    let pos = 0;
    for (let step = top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= len && tree[next] <= u) {
        pos = next;
        u -= tree[next];
      }
    }
    // pos is 0-based category index
    out[pos] += 1;
    for (let q = pos + 1; q <= len; q += q & -q) tree[q] -= 1;
    remaining--;
  }
  if (complement) for (let j = 0; j < len; j++) out[j] = cnt[j] - out[j];
}
