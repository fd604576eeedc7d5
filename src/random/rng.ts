/**
 * The library's seeded pseudo-random number generator: the 32-bit Mersenne
 * Twister MT19937 (Matsumoto & Nishimura, 1998), bit-identical to
 * `@stdlib/random-base-mt19937` seeded with the same integer, with its state
 * in stdlib's state-array layout.
 *
 * The algorithm is ported rather than called through stdlib's closure because
 * the call overhead dominated: measured on the project machine (Node 20), the
 * port draws a 53-bit uniform in ~7–9 ns against ~11–16 ns through
 * `factory({ seed }).normalized`. Equality with stdlib's stream is asserted in
 * `test/random/rng.test.ts` (first 100 000 words for several seeds, and
 * continuation across a state hand-over in both directions).
 *
 * Only 32-bit integer operations (`Math.imul`, shifts, xor) are used, so the
 * stream is bit-identical on every conforming JavaScript engine (Node, Deno,
 * browsers).
 *
 * @module
 */

import { checkInteger, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import type { Rng } from './types.ts';

/** Largest seed accepted by {@link createRng}: 2^32 − 1. */
export const MAX_SEED: number = 4294967295;

/** Length of an MT19937 state array in stdlib's layout (seed of one word): 631. */
export const MT19937_STATE_LENGTH: number = 631;

const N = 624;
const M = 397;
const TWO_26 = 67108864;
const TWO_M53 = 1 / 9007199254740992;
// stdlib state-array layout, schema version 1:
// | version | num_sections | state_length | ...state(624) | other_length | state_index | seed_length | ...seed |
const STATE_VERSION = 1;
const NUM_SECTIONS = 3;
const STATE_OFFSET = 2;
const OTHER_OFFSET = N + 3;
const SEED_OFFSET = N + 5;

/**
 * A seeded MT19937 generator: the {@link Rng} contract plus read/restore of the
 * full state (for checkpointing long simulations).
 */
export interface Mt19937Rng extends Rng {
  /**
   * A copy of the full generator state in the layout of
   * `@stdlib/random-base-mt19937` (a `Uint32Array` of length 631): passing it
   * to stdlib's `factory({ state })` continues the same stream there, and
   * {@link rngFromState} or {@link Mt19937Rng.setState} restores it here.
   */
  getState(): Uint32Array;
  /**
   * Restores a state produced by {@link Mt19937Rng.getState} (or by stdlib's
   * `.state` for an integer seed); `seed` becomes the seed recorded in it.
   * Validation happens before anything is changed.
   */
  setState(state: ArrayLike<number>): void;
  /** An independent copy in the same state. */
  clone(): Mt19937Rng;
}

/** init_genrand of the reference implementation (and of stdlib for an integer seed). */
function initGenrand(mt: Int32Array, seed: number): void {
  let s = seed | 0;
  mt[0] = s;
  for (let i = 1; i < N; i++) {
    s = (Math.imul(s ^ (s >>> 30), 1812433253) + i) | 0;
    mt[i] = s;
  }
}

/** Twists `mt` in place (one generation of 624 words) and writes the tempered outputs into `out`. */
function twistAndTemper(mt: Int32Array, out: Int32Array): void {
  let i = 0;
  let y: number;
  let cur = mt[0];
  for (; i < N - M; i++) {
    const next = mt[i + 1];
    y = (cur & -2147483648) | (next & 0x7fffffff);
    mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & -1727483681);
    cur = next;
  }
  for (; i < N - 1; i++) {
    const next = mt[i + 1];
    y = (cur & -2147483648) | (next & 0x7fffffff);
    mt[i] = mt[i + M - N] ^ (y >>> 1) ^ (-(y & 1) & -1727483681);
    cur = next;
  }
  y = (mt[N - 1] & -2147483648) | (mt[0] & 0x7fffffff);
  mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & -1727483681);
  temper(mt, out);
}

/** Tempering of every word of `mt` into `out` (0x9d2c5680 = -1658038656, 0xefc60000 = -272236544 as int32). */
function temper(mt: Int32Array, out: Int32Array): void {
  for (let i = 0; i < N; i++) {
    let y = mt[i];
    y ^= y >>> 11;
    y ^= (y << 7) & -1658038656;
    y ^= (y << 15) & -272236544;
    y ^= y >>> 18;
    out[i] = y;
  }
}

class Mt19937 implements Mt19937Rng {
  private seedValue: number;
  /** Raw (untempered) state words, as in the reference implementation. */
  private readonly mt: Int32Array;
  /** Tempered outputs of the current generation of `mt` (valid for indices ≥ `i`). */
  private readonly out: Int32Array;
  /** Index of the next word to output; 624 means "twist before the next output". */
  private i: number;

  constructor(seed: number, mt: Int32Array, out: Int32Array, i: number) {
    this.seedValue = seed;
    this.mt = mt;
    this.out = out;
    this.i = i;
  }

  get seed(): number {
    return this.seedValue;
  }

  uint32(): number {
    if (this.i >= N) {
      twistAndTemper(this.mt, this.out);
      this.i = 0;
    }
    return this.out[this.i++] >>> 0;
  }

  uniform(): number {
    const i = this.i;
    if (i < N - 1) {
      const out = this.out;
      this.i = i + 2;
      return ((out[i] >>> 5) * TWO_26 + (out[i + 1] >>> 6)) * TWO_M53;
    }
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * TWO_26 + b) * TWO_M53;
  }

  clone(): Mt19937Rng {
    return new Mt19937(this.seedValue, this.mt.slice(), this.out.slice(), this.i);
  }

  getState(): Uint32Array {
    const state = new Uint32Array(MT19937_STATE_LENGTH);
    state[0] = STATE_VERSION;
    state[1] = NUM_SECTIONS;
    state[STATE_OFFSET] = N;
    state.set(new Uint32Array(this.mt.buffer, this.mt.byteOffset, N), STATE_OFFSET + 1);
    state[OTHER_OFFSET] = 1;
    state[OTHER_OFFSET + 1] = this.i;
    state[SEED_OFFSET] = 1;
    state[SEED_OFFSET + 1] = this.seedValue;
    return state;
  }

  setState(state: ArrayLike<number>): void {
    const { seed, index } = readState(state, this.mt);
    this.seedValue = seed;
    temper(this.mt, this.out);
    this.i = index;
  }
}

/**
 * Validates a stdlib-layout MT19937 state and copies its 624 words into `mt`.
 * Throws typed errors naming `state`.
 */
function readState(state: unknown, mt: Int32Array): { seed: number; index: number } {
  const allowed = `a Uint32Array (or array of uint32) of length ${MT19937_STATE_LENGTH} in the layout of getState()`;
  if (typeof state !== 'object' || state === null || typeof (state as ArrayLike<number>).length !== 'number') {
    throw new ParameterTypeError('state', state, allowed);
  }
  const s = state as ArrayLike<unknown>;
  if (s.length !== MT19937_STATE_LENGTH) throw new ParameterRangeError('state', state, allowed);
  for (let k = 0; k < s.length; k++) {
    const x = s[k];
    if (typeof x !== 'number') throw new ParameterTypeError(`state[${k}]`, x, 'an integer in [0, 2^32)');
    if (!Number.isInteger(x) || x < 0 || x > MAX_SEED) throw new ParameterRangeError(`state[${k}]`, x, 'an integer in [0, 2^32)');
  }
  const v = s as ArrayLike<number>;
  if (v[0] !== STATE_VERSION || v[1] !== NUM_SECTIONS || v[STATE_OFFSET] !== N || v[OTHER_OFFSET] !== 1 || v[SEED_OFFSET] !== 1) {
    throw new ParameterRangeError('state', state, `${allowed} (header [1, 3, 624, …, 1, index, 1, seed])`);
  }
  const index = v[OTHER_OFFSET + 1];
  if (index > N) throw new ParameterRangeError(`state[${OTHER_OFFSET + 1}]`, index, `a state index in [0, ${N}]`);
  // An all-zero word vector is the one absorbing state of MT19937 (only the top bit of word 0 is used).
  let nonzero = (v[STATE_OFFSET + 1] & 0x80000000) !== 0;
  for (let k = 1; k < N && !nonzero; k++) nonzero = v[STATE_OFFSET + 1 + k] !== 0;
  if (!nonzero) throw new ParameterRangeError('state', state, 'a state whose words are not all zero');
  for (let k = 0; k < N; k++) mt[k] = v[STATE_OFFSET + 1 + k] | 0;
  return { seed: v[SEED_OFFSET + 1], index };
}

/**
 * Creates a seeded MT19937 generator.
 *
 * The stream is the reference MT19937 `init_genrand(seed)` stream, identical to
 * `@stdlib/random-base-mt19937`'s `factory({ seed })` (for seeds ≥ 1; stdlib
 * rejects seed 0, which is accepted here and gives the reference stream of 0).
 * `uniform()` combines two consecutive 32-bit outputs `a`, `b` as
 * `((a >>> 5)·2^26 + (b >>> 6)) / 2^53` — the `genrand_res53` of the reference
 * code, numpy's `random_sample` and stdlib's `normalized`: a double in [0, 1)
 * carrying 53 random bits.
 *
 * @param seed - An integer in [0, 2^32 − 1] ({@link MAX_SEED}); recorded as `rng.seed`.
 * @returns A generator implementing {@link Rng}, with `getState`/`setState`.
 * @throws {ParameterTypeError} if `seed` is not a number.
 * @throws {ParameterRangeError} if `seed` is not an integer in [0, 2^32 − 1].
 *
 * @example
 * ```ts
 * const rng = createRng(5489); // the reference implementation's default seed
 * rng.uint32(); // => 3499211612
 * rng.seed; // => 5489
 * const copy = rng.clone();
 * rng.uniform() === copy.uniform(); // => true
 * createRng(0).uniform(); // => 0.5488135039273248
 * ```
 */
export function createRng(seed: number): Mt19937Rng {
  const s = checkInteger('seed', seed, { min: 0, max: MAX_SEED });
  const mt = new Int32Array(N);
  initGenrand(mt, s);
  return new Mt19937(s, mt, new Int32Array(N), N);
}

/**
 * Recreates a generator from a state array produced by
 * {@link Mt19937Rng.getState} (or by `@stdlib/random-base-mt19937`'s `.state`
 * for a generator seeded with one integer). The returned generator continues
 * the stream exactly where the state was taken; its `seed` is the one recorded
 * in the state.
 *
 * @param state - A `Uint32Array` (or array of integers in [0, 2^32)) of length 631.
 * @returns A generator in that state.
 * @throws {ParameterTypeError} if `state` is not array-like or holds non-numbers.
 * @throws {ParameterRangeError} if its length, header, index or words are invalid.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.uniform();
 * const saved = rng.getState();
 * const a = rng.uniform();
 * rngFromState(saved).uniform() === a; // => true
 * ```
 */
export function rngFromState(state: ArrayLike<number>): Mt19937Rng {
  const mt = new Int32Array(N);
  const { seed, index } = readState(state, mt);
  const out = new Int32Array(N);
  temper(mt, out);
  return new Mt19937(seed, mt, out, index);
}
