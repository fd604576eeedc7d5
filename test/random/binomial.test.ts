import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import { createRng } from '../../src/random/rng.ts';
import {
  BINOMIAL_BTRD_THRESHOLD,
  MAX_BINOMIAL_N,
  sampleBinomial,
  sampleBinomialArray,
  sampleBinomialUnchecked,
} from '../../src/random/binomial.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ALPHA, Z_CRIT, chiSquareGof, histogram, meanZ, varianceZ } from './helpers.ts';

/** Draws R values with the scalar sampler. */
function drawScalar(n: number, p: number, R: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const xs = new Float64Array(R);
  for (let i = 0; i < R; i++) xs[i] = sampleBinomial(n, p, rng);
  return xs;
}

/** Chi-square GOF of draws against the exact Bin(n, p) pmf over mean ± 14σ + 30. */
function gof(xs: ArrayLike<number>, n: number, p: number): ReturnType<typeof chiSquareGof> {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(mean - 14 * sd - 30));
  const hi = Math.min(n, Math.ceil(mean + 14 * sd + 30));
  return chiSquareGof(histogram(xs), xs.length, (k) => binomialPmf(k, n, p), lo, hi);
}

// Regimes: [n, p, draws]. n·min(p, 1−p) spans tiny (< 1), moderate (1–10, inversion),
// the threshold 10 from both sides, large (BTRD), p near 1 (reflection), and n = 1e9.
const REGIMES: Array<[string, number, number, number]> = [
  ['tiny n·p, n = 1e5, p = 2e-5 (n·p = 2)', 1e5, 2e-5, 300_000],
  ['tiny n·p, n = 1e9, p = 1e-9 (n·p = 1)', 1e9, 1e-9, 300_000],
  ['Bernoulli n = 1, p = 0.3', 1, 0.3, 300_000],
  ['moderate, n = 20, p = 0.25 (n·p = 5)', 20, 0.25, 300_000],
  ['just below threshold, n = 1000, p = 0.00999 (n·p = 9.99)', 1000, 0.00999, 300_000],
  ['at threshold, n = 20, p = 0.5 (n·p = 10, BTRD)', 20, 0.5, 300_000],
  ['BTRD small, n = 25, p = 0.45', 25, 0.45, 300_000],
  ['BTRD, n = 100, p = 0.1', 100, 0.1, 300_000],
  ['BTRD, n = 1e5, p = 0.3', 1e5, 0.3, 500_000],
  ['BTRD, n = 1000, p = 0.5', 1000, 0.5, 500_000],
  ['p near 1 (inversion reflected), n = 100, p = 0.97', 100, 0.97, 300_000],
  ['p near 1 (inversion reflected), n = 1e5, p = 0.99998', 1e5, 0.99998, 300_000],
  ['p near 1 (BTRD reflected), n = 1e4, p = 0.9', 1e4, 0.9, 300_000],
  ['n = 1e9, p = 0.3 (BTRD, σ ≈ 14 491)', 1e9, 0.3, 500_000],
  ['n = 1e9, p = 0.5', 1e9, 0.5, 500_000],
  ['n = 1e9, p = 1e-8 (n·p = 10)', 1e9, 1e-8, 300_000],
  ['n = 1e9, p = 9.9e-9 (n·p = 9.9, inversion)', 1e9, 9.9e-9, 300_000],
];

describe('sampleBinomial: chi-square goodness of fit against the exact pmf (α = 1e-6 each)', () => {
  REGIMES.forEach(([name, n, p, R], i) => {
    it(name, () => {
      const xs = drawScalar(n, p, R, 1000 + i);
      let bad = 0;
      for (const x of xs) if (!(Number.isInteger(x) && x >= 0 && x <= n)) bad++;
      expect(bad).toBe(0);
      const res = gof(xs, n, p);
      expect(res.df).toBeGreaterThanOrEqual(1);
      expect(res.pValue, `chi2 = ${res.stat} on ${res.df} df`).toBeGreaterThan(ALPHA);
    });
  });
});

describe('sampleBinomial: mean and variance (z-tests, α = 1e-6 each)', () => {
  const cases: Array<[number, number]> = [
    [1e5, 2e-5],
    [1e5, 0.3],
    [1e9, 0.3],
    [1e9, 0.999],
    [47, 0.62],
  ];
  cases.forEach(([n, p], i) => {
    it(`n = ${n}, p = ${p}`, () => {
      const xs = drawScalar(n, p, 400_000, 2000 + i);
      const q = 1 - p;
      const v = n * p * q;
      const mu4 = v * (1 + 3 * (n - 2) * p * q);
      expect(Math.abs(meanZ(xs, n * p, v))).toBeLessThan(Z_CRIT);
      expect(Math.abs(varianceZ(xs, n * p, v, mu4))).toBeLessThan(Z_CRIT);
    });
  });
});

describe('sampleBinomialArray', () => {
  const cases: Array<[string, number, number, number]> = [
    ['table path, n = 1e5, p = 0.3', 1e5, 0.3, 500_000],
    ['table path reflected, n = 1e5, p = 0.7', 1e5, 0.7, 300_000],
    ['table path, n = 30, p = 0.5', 30, 0.5, 300_000],
    ['table path, n = 1e9, p = 0.3 (width ≈ 3.1e5)', 1e9, 0.3, 400_000],
    ['table path, n = 1e9, p = 1e-8 (Poisson-like, skewed)', 1e9, 1e-8, 300_000],
    ['short array → BTRD loop, n = 1e9, p = 0.3', 1e9, 0.3, 1000],
    ['inversion path, n = 1e5, p = 2e-5', 1e5, 2e-5, 300_000],
  ];
  cases.forEach(([name, n, p, R], i) => {
    it(`chi-square (α = 1e-6): ${name}`, () => {
      const xs = sampleBinomialArray(n, p, createRng(3000 + i), R);
      expect(xs.length).toBe(R);
      const res = gof(xs, n, p);
      expect(res.pValue, `chi2 = ${res.stat} on ${res.df} df`).toBeGreaterThan(ALPHA);
    });
  });

  it('in the inversion regime equals the same number of scalar draws', () => {
    const a = sampleBinomialArray(1e5, 2e-5, createRng(9), 2000);
    const rng = createRng(9);
    const b = Array.from({ length: 2000 }, () => sampleBinomial(1e5, 2e-5, rng));
    expect(Array.from(a)).toEqual(b);
  });

  it('fills a given Int32Array and returns it', () => {
    const out = new Int32Array(5000);
    const res = sampleBinomialArray(1000, 0.4, createRng(1), out);
    expect(res).toBe(out);
    expect(out.every((x) => x >= 0 && x <= 1000)).toBe(true);
  });

  it('rejects bad destinations and parameters', () => {
    const rng = createRng(1);
    expect(() => sampleBinomialArray(10, 0.5, rng, -1)).toThrow(ParameterRangeError);
    expect(() => sampleBinomialArray(10, 0.5, rng, [1, 2] as unknown as Float64Array)).toThrow(ParameterTypeError);
    expect(() => sampleBinomialArray(2 ** 31, 0.5, rng, new Int32Array(2))).toThrow(ParameterRangeError);
    expect(() => sampleBinomialArray(10, 1.5, rng, 3)).toThrow(ParameterRangeError);
  });
});

describe('sampleBinomial: edge cases, determinism, cache purity', () => {
  it('degenerate parameters', () => {
    const rng = createRng(1);
    expect(sampleBinomial(0, 0.5, rng)).toBe(0);
    expect(sampleBinomial(0, 1, rng)).toBe(0);
    expect(sampleBinomial(12, 0, rng)).toBe(0);
    expect(sampleBinomial(12, 1, rng)).toBe(12);
    expect(sampleBinomial(MAX_BINOMIAL_N, 1, rng)).toBe(MAX_BINOMIAL_N);
    expect(sampleBinomial(MAX_BINOMIAL_N, 0, rng)).toBe(0);
    // -0 is accepted as 0.
    expect(sampleBinomial(5, -0, rng)).toBe(0);
  });

  it('n = 2^53 − 1 gives an integer within a few σ of the mean', () => {
    const rng = createRng(77);
    const n = MAX_BINOMIAL_N;
    for (let i = 0; i < 100; i++) {
      const x = sampleBinomial(n, 0.25, rng);
      expect(Number.isSafeInteger(x)).toBe(true);
      expect(Math.abs(x - n * 0.25)).toBeLessThan(10 * Math.sqrt(n * 0.25 * 0.75));
    }
  });

  it('same seed → same stream', () => {
    const a = drawScalar(1e6, 0.2, 1000, 5);
    const b = drawScalar(1e6, 0.2, 1000, 5);
    expect(Array.from(a)).toEqual(Array.from(b));
    const c = drawScalar(1e6, 0.2, 1000, 6);
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('the setup caches never change the values drawn (interleaving other parameters)', () => {
    for (const [n, p] of [
      [1e5, 2e-5],
      [1e5, 0.3],
      [40, 0.2],
    ] as const) {
      const plain = drawScalar(n, p, 500, 11);
      const rngA = createRng(11);
      const rngB = createRng(12);
      const interleaved: number[] = [];
      for (let i = 0; i < 500; i++) {
        interleaved.push(sampleBinomial(n, p, rngA));
        sampleBinomial(1000, 0.004, rngB); // evicts the inversion cache
        sampleBinomial(5000, 0.2, rngB); // evicts the BTRD cache
      }
      expect(interleaved).toEqual(Array.from(plain));
    }
  });

  it('the threshold constant is 10', () => {
    expect(BINOMIAL_BTRD_THRESHOLD).toBe(10);
  });

  it('property: integer in [0, n] for any valid (n, p) (fast-check, fixed seed)', () => {
    const rng = createRng(2024);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p) => {
          const x = sampleBinomial(n, p, rng);
          return Number.isInteger(x) && x >= 0 && x <= n;
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('unchecked variant agrees with the checked one', () => {
    const a = createRng(8);
    const b = createRng(8);
    const xa = Array.from({ length: 200 }, () => sampleBinomialUnchecked(300, 0.37, a));
    const xb = Array.from({ length: 200 }, () => sampleBinomial(300, 0.37, b));
    expect(xa).toEqual(xb);
  });
});

describe('sampleBinomial: invalid input → typed errors naming the parameter', () => {
  const rng = createRng(1);
  const bad: Array<[unknown, unknown, unknown, typeof ParameterRangeError | typeof ParameterTypeError, string]> = [
    [-1, 0.5, rng, ParameterRangeError, 'n'],
    [2.5, 0.5, rng, ParameterRangeError, 'n'],
    [NaN, 0.5, rng, ParameterRangeError, 'n'],
    [Infinity, 0.5, rng, ParameterRangeError, 'n'],
    [2 ** 53, 0.5, rng, ParameterRangeError, 'n'],
    ['5', 0.5, rng, ParameterTypeError, 'n'],
    [5, -0.1, rng, ParameterRangeError, 'p'],
    [5, 1.0000001, rng, ParameterRangeError, 'p'],
    [5, NaN, rng, ParameterRangeError, 'p'],
    [5, '0.5', rng, ParameterTypeError, 'p'],
    [5, 0.5, {}, ParameterTypeError, 'rng'],
    [5, 0.5, null, ParameterTypeError, 'rng'],
  ];
  bad.forEach(([n, p, r, E, name]) => {
    it(`${name}: n=${String(n)}, p=${String(p)}`, () => {
      let err: unknown;
      try {
        sampleBinomial(n as number, p as number, r as ReturnType<typeof createRng>);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(E);
      expect((err as ParameterRangeError).parameter).toBe(name);
      expect((err as Error).message).toMatch(new RegExp(`^${name} must be`));
    });
  });
});
