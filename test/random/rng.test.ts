import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { createRng, MAX_SEED, MT19937_STATE_LENGTH, rngFromState } from '../../src/random/rng.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ALPHA, chiSquareCells } from './helpers.ts';

const require = createRequire(import.meta.url);
const stdlibFactory = require('@stdlib/random-base-mt19937').factory as (opts: {
  seed?: number;
  state?: Uint32Array;
}) => { (): number; normalized: () => number; state: Uint32Array };

describe('createRng: the MT19937 stream', () => {
  it('first outputs of the reference implementation (seed 5489)', () => {
    const rng = createRng(5489);
    // mt19937ar.c, init_genrand(5489): first three genrand_int32() outputs.
    expect([rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([3499211612, 581869302, 3890346734]);
  });

  it('uniform() equals numpy RandomState(seed).random_sample() (independent implementation)', () => {
    // Fixtures from numpy 2.4 legacy RandomState (init_genrand + genrand_res53).
    const fixtures: Array<[number, number[]]> = [
      [0, [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]],
      [42, [0.3745401188473625, 0.9507143064099162, 0.7319939418114051]],
      [5489, [0.8147236863931789, 0.9057919370756192, 0.12698681629350606]],
      [4294967295, [0.0976320289940138, 0.9123828453026218, 0.78903530185164]],
    ];
    for (const [seed, values] of fixtures) {
      const rng = createRng(seed);
      expect([rng.uniform(), rng.uniform(), rng.uniform()]).toEqual(values);
    }
  });

  it('is bit-identical to @stdlib/random-base-mt19937 (100 000 words, several seeds)', () => {
    for (const seed of [1, 42, 123456789, MAX_SEED]) {
      const ours = createRng(seed);
      const theirs = stdlibFactory({ seed });
      let mismatches = 0;
      for (let i = 0; i < 100_000; i++) if (ours.uint32() !== theirs()) mismatches++;
      expect(mismatches).toBe(0);
      let umismatches = 0;
      for (let i = 0; i < 10_000; i++) if (ours.uniform() !== theirs.normalized()) umismatches++;
      expect(umismatches).toBe(0);
    }
  });

  it('mixing uint32() and uniform() consumes consecutive words (odd offsets, twist boundaries)', () => {
    const a = createRng(99);
    const b = stdlibFactory({ seed: 99 });
    let mismatches = 0;
    for (let i = 0; i < 5000; i++) {
      if (i % 3 === 0) {
        if (a.uint32() !== b()) mismatches++;
      } else if (a.uniform() !== b.normalized()) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('uniform() is in [0, 1) with 53-bit granularity', () => {
    const rng = createRng(3);
    let bad = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1 && Number.isInteger(u * 2 ** 53))) bad++;
    }
    expect(bad).toBe(0);
  });

  it('uniform() is uniform: chi-square on 64 cells (α = 1e-6)', () => {
    const rng = createRng(4);
    const counts = new Float64Array(64);
    for (let i = 0; i < 640_000; i++) counts[Math.floor(rng.uniform() * 64)]++;
    expect(chiSquareCells(counts, new Float64Array(64).fill(1 / 64)).pValue).toBeGreaterThan(ALPHA);
  });

  it('uint32() is an integer in [0, 2^32): chi-square on its top byte (α = 1e-6)', () => {
    const rng = createRng(5);
    const counts = new Float64Array(256);
    let bad = 0;
    for (let i = 0; i < 512_000; i++) {
      const x = rng.uint32();
      if (!(Number.isInteger(x) && x >= 0 && x <= 0xffffffff)) bad++;
      counts[x >>> 24]++;
    }
    expect(bad).toBe(0);
    expect(chiSquareCells(counts, new Float64Array(256).fill(1 / 256)).pValue).toBeGreaterThan(ALPHA);
  });

  it('records the seed; same seed → same stream; different seed → different stream', () => {
    expect(createRng(17).seed).toBe(17);
    expect(createRng(0).seed).toBe(0);
    const a = createRng(17);
    const b = createRng(17);
    const c = createRng(18);
    const xa = Array.from({ length: 1000 }, () => a.uniform());
    expect(Array.from({ length: 1000 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 1000 }, () => c.uniform())).not.toEqual(xa);
  });
});

describe('clone and state', () => {
  it('clone() continues identically and independently', () => {
    const rng = createRng(8);
    for (let i = 0; i < 1001; i++) rng.uint32(); // odd offset, past a twist
    const copy = rng.clone();
    expect(copy.seed).toBe(8);
    const a = Array.from({ length: 2000 }, () => rng.uniform());
    const b = Array.from({ length: 2000 }, () => copy.uniform());
    expect(b).toEqual(a);
    // Drawing from the clone does not advance the original.
    const c = rng.clone();
    c.uniform();
    c.uniform();
    expect(rng.clone().uniform()).toBe(rng.uniform());
  });

  it('getState() / rngFromState() / setState() round-trip at any offset', () => {
    for (const offset of [0, 1, 623, 624, 625, 10_000]) {
      const rng = createRng(21);
      for (let i = 0; i < offset; i++) rng.uint32();
      const state = rng.getState();
      expect(state).toBeInstanceOf(Uint32Array);
      expect(state.length).toBe(MT19937_STATE_LENGTH);
      const next = Array.from({ length: 1500 }, () => rng.uint32());
      expect(Array.from({ length: 1500 }, () => rngFromState(state).uint32()).length).toBe(1500);
      const restored = rngFromState(state);
      expect(restored.seed).toBe(21);
      expect(Array.from({ length: 1500 }, () => restored.uint32())).toEqual(next);
      const other = createRng(5);
      other.setState(Array.from(state)); // a plain array (e.g. from JSON) is accepted
      expect(other.seed).toBe(21);
      expect(Array.from({ length: 1500 }, () => other.uint32())).toEqual(next);
    }
  });

  it('state hand-over with stdlib works in both directions', () => {
    const rng = createRng(31);
    for (let i = 0; i < 777; i++) rng.uint32();
    const theirs = stdlibFactory({ state: rng.getState() });
    let mismatches = 0;
    for (let i = 0; i < 3000; i++) if (theirs() !== rng.uint32()) mismatches++;
    expect(mismatches).toBe(0);
    const ours = rngFromState(theirs.state);
    for (let i = 0; i < 3000; i++) if (theirs() !== ours.uint32()) mismatches++;
    expect(mismatches).toBe(0);
  });
});

describe('invalid input → typed errors naming the parameter', () => {
  const badSeeds: Array<[unknown, typeof ParameterRangeError | typeof ParameterTypeError]> = [
    [-1, ParameterRangeError],
    [1.5, ParameterRangeError],
    [2 ** 32, ParameterRangeError],
    [NaN, ParameterRangeError],
    [Infinity, ParameterRangeError],
    ['1', ParameterTypeError],
    [undefined, ParameterTypeError],
    [1n, ParameterTypeError],
  ];
  badSeeds.forEach(([seed, E]) => {
    it(`seed = ${String(seed)}`, () => {
      let err: unknown;
      try {
        createRng(seed as number);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(E);
      expect((err as ParameterRangeError).parameter).toBe('seed');
      expect((err as Error).message).toMatch(/^seed must be an integer >= 0 and <= 4294967295; received /);
    });
  });

  it('bad states', () => {
    const good = createRng(1).getState();
    const withEntry = (k: number, v: number): number[] => {
      const a = Array.from(good);
      a[k] = v;
      return a;
    };
    expect(() => rngFromState(null as unknown as Uint32Array)).toThrow(ParameterTypeError);
    expect(() => rngFromState(good.subarray(1))).toThrow(ParameterRangeError);
    expect(() => rngFromState(withEntry(0, 2))).toThrow(ParameterRangeError); // version
    expect(() => rngFromState(withEntry(628, 625))).toThrow(ParameterRangeError); // index > 624
    expect(() => rngFromState(withEntry(5, 1.5))).toThrow(ParameterRangeError);
    expect(() => rngFromState(withEntry(5, -1))).toThrow(ParameterRangeError);
    const nonNumber: unknown[] = Array.from(good);
    nonNumber[9] = 'x';
    expect(() => rngFromState(nonNumber as number[])).toThrow(ParameterTypeError);
    const zero = Array.from(good);
    for (let k = 3; k < 3 + 624; k++) zero[k] = 0;
    expect(() => rngFromState(zero)).toThrow(ParameterRangeError);
    // A failed setState leaves the generator unchanged.
    const rng = createRng(3);
    const before = rng.getState();
    expect(() => rng.setState(zero)).toThrow(ParameterRangeError);
    expect(Array.from(rng.getState())).toEqual(Array.from(before));
  });
});
