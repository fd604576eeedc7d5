import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import { createRng } from '../../src/random/rng.ts';
import {
  _methods,
  MULTINOMIAL_SEARCH_FACTOR,
  nonzeroIndices,
  sampleMultinomial,
  sampleMultinomialUnchecked,
  type CountsArray,
} from '../../src/random/multinomial.ts';
import type { Rng } from '../../src/random/types.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ALPHA, Z_CRIT, chiSquareCells, chiSquareGof, histogram, meanZ } from './helpers.ts';

type Sampler = (n: number, p: ArrayLike<number>, rng: Rng, out: CountsArray) => void;

const SAMPLERS: Array<[string, Sampler, number]> = [
  // [name, sampler, smallest n it is used for]
  ['auto', (n, p, rng, out) => void sampleMultinomialUnchecked(n, p, rng, out), 0],
  ['indexed search', _methods.indexedSearch, 0],
  ['conditional binomials', _methods.conditionalBinomials, 0],
  ['poissonized', _methods.poissonized, 8],
];

function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}

/** Exact joint test for s = 3: chi-square over all compositions of n (enumeration order, merged to E ≥ 5). */
function jointTest3(sampler: Sampler, n: number, p: [number, number, number], R: number, seed: number): number {
  const rng = createRng(seed);
  const out = new Float64Array(3);
  const index = (x0: number, x1: number): number => x0 * (n + 1) + x1;
  const obs = new Map<number, number>();
  let badSum = 0;
  for (let r = 0; r < R; r++) {
    sampler(n, p, rng, out);
    if (out[0] + out[1] + out[2] !== n || out[0] < 0 || out[1] < 0 || out[2] < 0) badSum++;
    const key = index(out[0], out[1]);
    obs.set(key, (obs.get(key) ?? 0) + 1);
  }
  expect(badSum).toBe(0);
  const lfn = logFactorial(n);
  const pmf = (key: number): number => {
    const x0 = Math.floor(key / (n + 1));
    const x1 = key % (n + 1);
    const x2 = n - x0 - x1;
    if (x2 < 0) return 0;
    return Math.exp(
      lfn - logFactorial(x0) - logFactorial(x1) - logFactorial(x2) + x0 * Math.log(p[0]) + x1 * Math.log(p[1]) + x2 * Math.log(p[2]),
    );
  };
  const res = chiSquareGof(obs, R, pmf, 0, index(n, n));
  return res.pValue;
}

describe('joint law on s = 3 (exact multinomial pmf over all compositions; α = 1e-6 each)', () => {
  const p: [number, number, number] = [0.2, 0.3, 0.5];
  SAMPLERS.forEach(([name, sampler, nMin], i) => {
    for (const n of [5, 30]) {
      if (n < nMin) continue;
      it(`${name}, n = ${n}`, () => {
        expect(jointTest3(sampler, n, p, 200_000, 100 + 10 * i + n)).toBeGreaterThan(ALPHA);
      });
    }
  });
  it('auto, n = 30, p with a zero and unnormalized weights [0, 2, 8] ~ [0, 0.2, 0.8]', () => {
    const rng = createRng(7);
    const out = new Float64Array(3);
    const xs = new Float64Array(100_000);
    let bad = 0;
    for (let r = 0; r < xs.length; r++) {
      sampleMultinomialUnchecked(30, [0, 2, 8], rng, out);
      if (out[0] !== 0 || out[1] + out[2] !== 30) bad++;
      xs[r] = out[1];
    }
    expect(bad).toBe(0);
    const res = chiSquareGof(histogram(xs), xs.length, (k) => binomialPmf(k, 30, 0.2), 0, 30);
    expect(res.pValue).toBeGreaterThan(ALPHA);
  });
});

/** A Zipf-like p over s entries with every third entry zero (sparse, uneven). */
function sparseZipf(s: number): Float64Array {
  const p = new Float64Array(s);
  let t = 0;
  for (let i = 0; i < s; i++) {
    if (i % 3 === 1) continue;
    p[i] = 1 / (i + 1);
    t += p[i];
  }
  for (let i = 0; i < s; i++) p[i] /= t;
  return p;
}

describe('marginals X_i ~ Bin(n, p_i) (chi-square per entry, α = 1e-6 each)', () => {
  const p = sparseZipf(60);
  const entries = [0, 2, 5, 30, 59];
  for (const n of [20, 400, 5000]) {
    SAMPLERS.forEach(([name, sampler, nMin], si) => {
      if (n < nMin) return;
      it(`${name}, s = 60 (20 zeros), n = ${n}`, () => {
        const R = name === 'indexed search' && n > 1000 ? 5_000 : 40_000; // search costs O(n) per draw
        const rng = createRng(500 + si * 7 + n);
        const out = new Float64Array(p.length);
        const cols = entries.map(() => new Float64Array(R));
        let bad = 0;
        for (let r = 0; r < R; r++) {
          sampler(n, p, rng, out);
          let sum = 0;
          for (let i = 0; i < p.length; i++) {
            sum += out[i];
            if (p[i] === 0 && out[i] !== 0) bad++;
          }
          if (sum !== n) bad++;
          entries.forEach((e, j) => (cols[j][r] = out[e]));
        }
        expect(bad).toBe(0);
        entries.forEach((e, j) => {
          if (p[e] === 0) return;
          const res = chiSquareGof(histogram(cols[j]), R, (k) => binomialPmf(k, n, p[e]), 0, n);
          expect(res.pValue, `entry ${e}: chi2 = ${res.stat} on ${res.df} df`).toBeGreaterThan(ALPHA);
        });
      });
    });
  }
});

describe('large vocabularies: grouped totals ~ Multinomial(n·R, group masses) (α = 1e-6 each)', () => {
  const cases: Array<[string, number, number, number, Sampler]> = [
    ['auto (indexed search), s = 50 257, n = 1000', 50257, 1000, 200, SAMPLERS[0][1]],
    ['auto (indexed search), s = 256 000, n = 100', 256000, 100, 300, SAMPLERS[0][1]],
    ['poissonized, s = 50 257, n = 1e5', 50257, 100_000, 30, _methods.poissonized],
    ['conditional binomials, s = 50 257, n = 1e5', 50257, 100_000, 20, _methods.conditionalBinomials],
    ['indexed search, s = 50 257, n = 1e5', 50257, 100_000, 20, _methods.indexedSearch],
  ];
  cases.forEach(([name, s, n, R, sampler], ci) => {
    it(name, () => {
      // Non-uniform p: weight ∝ 1 + (i mod 7), so groups have unequal masses.
      const p = new Float64Array(s);
      let t = 0;
      for (let i = 0; i < s; i++) t += p[i] = 1 + (i % 7);
      for (let i = 0; i < s; i++) p[i] /= t;
      const G = 64;
      const groupOf = (i: number): number => Math.floor((i * G) / s);
      const masses = new Float64Array(G);
      for (let i = 0; i < s; i++) masses[groupOf(i)] += p[i];
      // Plus one cell that splits residues mod 7, to test within-group shape.
      const obs = new Float64Array(G);
      const resid = new Float64Array(7);
      const residMass = new Float64Array(7);
      for (let i = 0; i < s; i++) residMass[i % 7] += p[i];
      const rng = createRng(900 + ci);
      const out = new Float64Array(s);
      let bad = 0;
      for (let r = 0; r < R; r++) {
        sampler(n, p, rng, out);
        let sum = 0;
        for (let i = 0; i < s; i++) {
          sum += out[i];
          obs[groupOf(i)] += out[i];
          resid[i % 7] += out[i];
        }
        if (sum !== n) bad++;
      }
      expect(bad).toBe(0);
      expect(chiSquareCells(obs, masses).pValue).toBeGreaterThan(ALPHA);
      expect(chiSquareCells(resid, residMass).pValue).toBeGreaterThan(ALPHA);
    });
  });
});

describe('moments', () => {
  it('n = 1e6, p = [0.7, 0.2, 0.1]: means and covariance (z-tests, α = 1e-6)', () => {
    const n = 1e6;
    const p = [0.7, 0.2, 0.1];
    const R = 20_000;
    const rng = createRng(31);
    const x0 = new Float64Array(R);
    const x1 = new Float64Array(R);
    const prod = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const c = sampleMultinomial(n, p, rng);
      x0[r] = c[0];
      x1[r] = c[1];
      prod[r] = (c[0] - n * p[0]) * (c[1] - n * p[1]);
    }
    expect(Math.abs(meanZ(x0, n * p[0], n * p[0] * (1 - p[0])))).toBeLessThan(Z_CRIT);
    expect(Math.abs(meanZ(x1, n * p[1], n * p[1] * (1 - p[1])))).toBeLessThan(Z_CRIT);
    // Cov(X0, X1) = −n p0 p1; Var of the product of centred counts, for a trinomial:
    // E[(A B)²] with A, B centred = n²(p0 q0 p1 q1 + 2 p0² p1²) + O(n) — use the exact
    // fourth-order moment via the bivariate normal limit (relative error O(1/n)).
    const cov = -n * p[0] * p[1];
    const varA = n * p[0] * (1 - p[0]);
    const varB = n * p[1] * (1 - p[1]);
    const varProd = varA * varB + cov * cov;
    expect(Math.abs(meanZ(prod, cov, varProd))).toBeLessThan(Z_CRIT);
  });
});

describe('support argument, output arrays, reproducibility', () => {
  it('with support only support entries are written; others are left untouched', () => {
    const s = 600;
    const p = new Float64Array(s);
    const support = new Int32Array([3, 17, 100, 599]);
    p[3] = 0.1;
    p[17] = 0.2;
    p[100] = 0.3;
    p[599] = 0.4;
    for (const n of [0, 3, 50, 10_000]) {
      const out = new Float64Array(s).fill(-7);
      sampleMultinomialUnchecked(n, p, createRng(n), out, support);
      let sum = 0;
      for (let i = 0; i < s; i++) {
        if (support.includes(i)) sum += out[i];
        else expect(out[i]).toBe(-7);
      }
      expect(sum).toBe(n);
    }
  });

  it('support listing zero-probability entries (also last): they are never drawn', () => {
    const p = new Float64Array([0.5, 0, 0.5, 0, 0]);
    const support = new Int32Array([0, 1, 2, 3, 4]);
    for (const n of [1, 2, 7, 8, 30, 1000, 10_000_000]) {
      const rng = createRng(n);
      for (let r = 0; r < 200; r++) {
        const out = sampleMultinomialUnchecked(n, p, rng, new Float64Array(5), support);
        expect(out[1] + out[3] + out[4]).toBe(0);
        expect(out[0] + out[2]).toBe(n);
      }
    }
  });

  it('Int32Array output, and the same seed gives the same counts', () => {
    const p = sparseZipf(1000);
    for (const n of [10, 1000, 100_000, 10_000_000]) {
      const a = sampleMultinomial(n, p, createRng(4), new Int32Array(1000));
      const b = sampleMultinomial(n, p, createRng(4), new Int32Array(1000));
      expect(a).toBeInstanceOf(Int32Array);
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(a.reduce((x, y) => x + y, 0)).toBe(n);
    }
  });

  it('nonzeroIndices lists the nonzero entries in order', () => {
    expect(Array.from(nonzeroIndices([0, 0.5, 0, 0.5]))).toEqual([1, 3]);
    expect(Array.from(nonzeroIndices(new Float64Array(4)))).toEqual([]);
    const p = sparseZipf(50);
    const idx = nonzeroIndices(p);
    expect(sampleMultinomialUnchecked(1000, p, createRng(1), new Float64Array(50), idx)).toEqual(
      sampleMultinomialUnchecked(1000, p, createRng(1), new Float64Array(50)),
    );
  });

  it('method constant', () => {
    expect(MULTINOMIAL_SEARCH_FACTOR).toBe(1.5);
  });

  it('property: counts are nonnegative integers summing to n, zero where p is zero (fast-check, fixed seed)', () => {
    const rng = createRng(123);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1, noNaN: true })), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (w, n) => {
          if (!w.some((x) => x > 0)) return true;
          const total = w.reduce((a, b) => a + b, 0);
          const p = w.map((x) => x / total);
          const c = sampleMultinomial(n, p, rng);
          let sum = 0;
          for (let i = 0; i < c.length; i++) {
            if (!Number.isInteger(c[i]) || c[i] < 0) return false;
            if (p[i] === 0 && c[i] !== 0) return false;
            sum += c[i];
          }
          return sum === n;
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('sampleMultinomial: invalid input → typed errors naming the parameter', () => {
  const rng = createRng(1);
  const cases: Array<[string, () => unknown, typeof ParameterRangeError | typeof ParameterTypeError, string]> = [
    ['n negative', () => sampleMultinomial(-1, [1], rng), ParameterRangeError, 'n'],
    ['n fractional', () => sampleMultinomial(1.5, [1], rng), ParameterRangeError, 'n'],
    ['n string', () => sampleMultinomial('3' as unknown as number, [1], rng), ParameterTypeError, 'n'],
    ['n too large for Int32Array', () => sampleMultinomial(2 ** 31, [1], rng, new Int32Array(1)), ParameterRangeError, 'n'],
    ['p not an array', () => sampleMultinomial(3, 5 as unknown as number[], rng), ParameterTypeError, 'p'],
    ['p empty', () => sampleMultinomial(3, [], rng), ParameterRangeError, 'p'],
    ['p negative entry', () => sampleMultinomial(3, [1.5, -0.5], rng), ParameterRangeError, 'p[1]'],
    ['p NaN entry', () => sampleMultinomial(3, [NaN, 1], rng), ParameterRangeError, 'p[0]'],
    ['p sum ≠ 1', () => sampleMultinomial(3, [0.5, 0.4], rng), ParameterRangeError, 'sum of p'],
    ['out wrong type', () => sampleMultinomial(3, [1], rng, [0] as unknown as Float64Array), ParameterTypeError, 'out'],
    ['out wrong length', () => sampleMultinomial(3, [0.5, 0.5], rng, new Float64Array(3)), ParameterRangeError, 'out'],
    ['rng missing', () => sampleMultinomial(3, [1], undefined as unknown as Rng), ParameterTypeError, 'rng'],
  ];
  cases.forEach(([name, f, E, param]) => {
    it(name, () => {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(E);
      expect((err as ParameterRangeError).parameter).toBe(param);
    });
  });
  it('unchecked: zero total weight is reported, not turned into NaN counts', () => {
    const support = new Int32Array([0, 1]);
    expect(() => sampleMultinomialUnchecked(5, [0, 0, 1], rng, new Float64Array(3), support)).toThrow(ParameterRangeError);
    expect(() => sampleMultinomialUnchecked(5, [0, 0, 0], rng)).toThrow(ParameterRangeError);
    expect(() => sampleMultinomialUnchecked(5, [0, 0, 1], rng, new Float64Array(3), new Int32Array(0))).toThrow(ParameterRangeError);
    // n = 0 needs no mass.
    expect(Array.from(sampleMultinomialUnchecked(0, [0, 0, 0], rng))).toEqual([0, 0, 0]);
  });
});
