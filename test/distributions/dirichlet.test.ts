import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import { dirichlet, scaledLogGammaVariate } from '../../src/distributions/dirichlet.ts';
import { isDirac, sigmaUnchecked } from '../../src/distributions/statistics.ts';
import { createRng } from '../../src/random/rng.ts';
import type { Rng } from '../../src/random/types.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ddSum } from './exact.ts';

/**
 * Statistical tests. Each describe block below states its family-wise false-alarm
 * rate; thresholds are derived from it (Bonferroni over the block's comparisons),
 * never tuned to the seed.
 */
const FAMILY_FALSE_ALARM = 1e-6;

/** Two-sided normal critical value for `comparisons` Bonferroni-corrected tests. */
const zCritical = (comparisons: number): number => normalQuantile(1 - FAMILY_FALSE_ALARM / (2 * comparisons), 0, 1);

/** Raw moments E[X^k], k = 1..4, of Beta(a, b). */
function betaRawMoments(a: number, b: number): number[] {
  const m: number[] = [];
  let prod = 1;
  for (let k = 0; k < 4; k++) {
    prod *= (a + k) / (a + b + k);
    m.push(prod);
  }
  return m;
}

describe('scaledLogGammaVariate (Marsaglia–Tsang in log space)', () => {
  const shapes = [0.1, 0.5, 1, 2.5, 30, 1e4];
  const n = 100000;
  // Dvoretzky–Kiefer–Wolfowitz–Massart: P(sup|F_n − F| > ε) ≤ 2·exp(−2nε²), exact for every n.
  const epsilon = Math.sqrt(Math.log((2 * shapes.length) / FAMILY_FALSE_ALARM) / (2 * n));

  for (const [k, shape] of shapes.entries()) {
    it(`Kolmogorov–Smirnov against the Gamma(${shape}) CDF (family false alarm 1e-6)`, () => {
      const rng = createRng(1000 + k);
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = Math.exp(scaledLogGammaVariate(shape, rng));
      x.sort();
      let d = 0;
      for (let i = 0; i < n; i++) {
        const f = chisquareCdf(2 * x[i], 2 * shape); // Gamma(shape, 1) CDF
        d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
      }
      expect(d).toBeLessThan(epsilon);
    });
  }

  it('scale multiplies the log-variate (same stream), without overflow for tiny shapes', () => {
    const a = createRng(5);
    const b = a.clone();
    for (let i = 0; i < 1000; i++) {
      const shape = i % 2 === 0 ? 0.3 : 3;
      const plain = scaledLogGammaVariate(shape, a);
      const scaled = scaledLogGammaVariate(shape, b, 0.25);
      expect(Math.abs(scaled - 0.25 * plain)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(plain)));
    }
    const rng = createRng(6);
    for (let i = 0; i < 1000; i++) {
      const y = scaledLogGammaVariate(Number.MIN_VALUE, rng, Number.MIN_VALUE);
      expect(Number.isFinite(y)).toBe(true);
    }
  });

  it('documented example: the mean of log G for shape 1 is −γ', () => {
    const rng = createRng(3);
    let m = 0;
    for (let i = 0; i < 1e5; i++) m += scaledLogGammaVariate(1, rng) / 1e5;
    expect(Math.abs(m + 0.5772)).toBeLessThan(0.02);
  });
});

describe('dirichlet: moments (family false alarm 1e-6 over all comparisons of this block)', () => {
  const configs: { name: string; alpha: number[]; seed: number }[] = [
    { name: 'mixed α = (0.3, 1, 2.5, 7)', alpha: [0.3, 1, 2.5, 7], seed: 11 },
    { name: 'symmetric α = 0.05, s = 5', alpha: [0.05, 0.05, 0.05, 0.05, 0.05], seed: 12 },
    { name: 'concentrated α = (50, 150)', alpha: [50, 150], seed: 13 },
  ];
  const M = 20000;
  // per component: mean and variance; per config: E‖p‖² (σ)
  const comparisons = configs.reduce((acc, c) => acc + 2 * c.alpha.length + 1, 0);
  const z = zCritical(comparisons);

  for (const { name, alpha, seed } of configs) {
    it(`${name}: E p_i = α_i/α₀, Var p_i = α_i(α₀−α_i)/(α₀²(α₀+1)), E σ = Σα_i(α_i+1)/(α₀(α₀+1))`, () => {
      const s = alpha.length;
      const a0 = alpha.reduce((x, y) => x + y, 0);
      const rng = createRng(seed);
      const sum = new Float64Array(s);
      const sumSq = new Float64Array(s);
      let sigmaSum = 0;
      let sigmaSq = 0;
      for (let r = 0; r < M; r++) {
        const p = dirichlet(alpha, rng);
        for (let i = 0; i < s; i++) {
          sum[i] += p[i];
          sumSq[i] += p[i] * p[i];
        }
        const sg = sigmaUnchecked(p);
        sigmaSum += sg;
        sigmaSq += sg * sg;
      }
      for (let i = 0; i < s; i++) {
        const [m1, m2, m3, m4] = betaRawMoments(alpha[i], a0 - alpha[i]);
        const variance = m2 - m1 * m1;
        const mu4 = m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4;
        const mean = sum[i] / M;
        const sampleVar = (sumSq[i] - M * mean * mean) / (M - 1);
        expect(Math.abs(mean - m1)).toBeLessThan(z * Math.sqrt(variance / M));
        // Var of the unbiased sample variance: (μ4 − σ⁴(M − 3)/(M − 1))/M
        const varOfVar = (mu4 - (variance * variance * (M - 3)) / (M - 1)) / M;
        expect(Math.abs(sampleVar - variance)).toBeLessThan(z * Math.sqrt(varOfVar));
      }
      const expectedSigma = alpha.reduce((acc, x) => acc + x * (x + 1), 0) / (a0 * (a0 + 1));
      const meanSigma = sigmaSum / M;
      const sdSigma = Math.sqrt((sigmaSq - M * meanSigma * meanSigma) / (M - 1));
      expect(Math.abs(meanSigma - expectedSigma)).toBeLessThan(z * (sdSigma / Math.sqrt(M)));
    });
  }
});

describe('dirichlet: tiny α (family false alarm 1e-6)', () => {
  const M = 20000;
  const cases: { alpha: number[]; seed: number }[] = [
    { alpha: [1e-8, 2e-8, 3e-8, 4e-8], seed: 21 },
    { alpha: [1e-300, 3e-300], seed: 22 },
  ];
  const z = zCritical(cases.reduce((acc, c) => acc + c.alpha.length, 0));

  for (const { alpha, seed } of cases) {
    it(`α = (${alpha.join(', ')}): valid vectors, and the mass sits on i with probability α_i/α₀ (the α → 0 limit)`, () => {
      const a0 = alpha.reduce((x, y) => x + y, 0);
      const rng = createRng(seed);
      const hits = new Array(alpha.length).fill(0);
      let bad = 0;
      for (let r = 0; r < M; r++) {
        const p = dirichlet(alpha, rng);
        let arg = 0;
        for (let i = 0; i < p.length; i++) {
          if (!(p[i] >= 0 && p[i] <= 1)) bad++;
          if (p[i] > p[arg]) arg = i;
        }
        if (Math.abs(ddSum(p) - 1) > 1e-15) bad++;
        hits[arg]++;
      }
      expect(bad).toBe(0);
      for (let i = 0; i < alpha.length; i++) {
        const q = alpha[i] / a0; // limit law; the O(α) correction is far below the test's resolution
        expect(Math.abs(hits[i] / M - q)).toBeLessThan(z * Math.sqrt((q * (1 - q)) / M));
      }
    });
  }

  it('the smallest positive α gives a Dirac mass, never NaN', () => {
    const rng = createRng(23);
    for (let r = 0; r < 200; r++) {
      const p = dirichlet(Number.MIN_VALUE, rng, { s: 4 });
      expect(isDirac(p)).toBe(true);
      const q = dirichlet([Number.MIN_VALUE, 1, Number.MIN_VALUE], rng);
      expect(Array.from(q)).toEqual([0, 1, 0]);
    }
    const big = dirichlet([1e300, 1e300], createRng(24));
    expect(Math.abs(big[0] - 0.5)).toBeLessThan(1e-140);
  });
});

describe('dirichlet: reproducibility, shape, zeros', () => {
  it('same seed → bitwise-equal draws; the generator advances; clone() keeps a copy', () => {
    const a = dirichlet(0.7, createRng(99), { s: 50 });
    const b = dirichlet(0.7, createRng(99), { s: 50 });
    expect(Array.from(a)).toEqual(Array.from(b));
    const c = dirichlet(0.7, createRng(100), { s: 50 });
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const rng = createRng(99);
    const saved = rng.clone();
    const first = dirichlet(0.7, rng, { s: 50 });
    const second = dirichlet(0.7, rng, { s: 50 });
    expect(Array.from(first)).toEqual(Array.from(a));
    expect(Array.from(second)).not.toEqual(Array.from(first));
    expect(Array.from(dirichlet(0.7, saved, { s: 50 }))).toEqual(Array.from(a));
  });

  it('uses only rng.uniform()', () => {
    const inner = createRng(7);
    let calls = 0;
    const spy: Rng = {
      seed: 7,
      uniform: () => {
        calls++;
        return inner.uniform();
      },
      uint32: () => {
        throw new Error('uint32 must not be used');
      },
      clone: () => spy,
    };
    const p = dirichlet([1, 2, 3], spy);
    expect(p.length).toBe(3);
    expect(calls).toBeGreaterThan(0);
  });

  it('α_i = 0 gives p_i = 0 exactly; a vector α of length 1 gives [1]; options.s may repeat the length', () => {
    const rng = createRng(5);
    for (let r = 0; r < 100; r++) {
      const p = dirichlet([0, 1, 2, 0], rng, { s: 4 });
      expect(p[0]).toBe(0);
      expect(p[3]).toBe(0);
      expect(Math.abs(ddSum(p) - 1)).toBeLessThanOrEqual(1e-15);
    }
    expect(Array.from(dirichlet([2.5], rng))).toEqual([1]);
    expect(Array.from(dirichlet(3, rng, { s: 1 }))).toEqual([1]);
    expect(dirichlet(Float64Array.of(1, 1), rng)).toBeInstanceOf(Float64Array);
  });

  it('documented example', () => {
    const p = dirichlet(0.5, createRng(42), { s: 600 });
    expect(p.length).toBe(600);
    expect(Math.abs(p.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-12);
    expect(dirichlet([1, 2, 3], createRng(7)).join()).toBe(dirichlet([1, 2, 3], createRng(7)).join());
    expect(isDirac(dirichlet(1e-300, createRng(1), { s: 5 }))).toBe(true);
  });
});

describe('dirichlet: invalid input → typed errors naming the parameter', () => {
  const rng = createRng(1);
  it('rng', () => {
    expect(() => dirichlet(1, undefined as unknown as Rng, { s: 3 })).toThrow(/^rng must be an Rng/);
    expect(() => dirichlet(1, { seed: 1 } as unknown as Rng, { s: 3 })).toThrow(ParameterTypeError);
  });
  it('scalar alpha', () => {
    expect(() => dirichlet(0, rng, { s: 3 })).toThrow(/^alpha must be a finite number > 0; received 0/);
    expect(() => dirichlet(-1, rng, { s: 3 })).toThrow(ParameterRangeError);
    expect(() => dirichlet(Number.NaN, rng, { s: 3 })).toThrow(ParameterRangeError);
    expect(() => dirichlet(Infinity, rng, { s: 3 })).toThrow(ParameterRangeError);
    expect(() => dirichlet(1, rng)).toThrow(/^options\.s must be an integer >= 1 \(required when alpha is a number\)/);
    expect(() => dirichlet(1, rng, { s: 0 })).toThrow(/^options\.s must be/);
    expect(() => dirichlet(1, rng, { s: 2.5 })).toThrow(ParameterRangeError);
    expect(() => dirichlet(1, rng, null as unknown as object)).toThrow(/^options must be an options object/);
  });
  it('vector alpha', () => {
    expect(() => dirichlet([], rng)).toThrow(/^alpha must be a number > 0 or a non-empty array/);
    expect(() => dirichlet([0, 0], rng)).toThrow(ParameterRangeError);
    expect(() => dirichlet([1, -1], rng)).toThrow(/^alpha\[1\] must be a finite number >= 0; received -1/);
    expect(() => dirichlet([1, Infinity], rng)).toThrow(ParameterRangeError);
    expect(() => dirichlet([1, '2' as unknown as number], rng)).toThrow(ParameterTypeError);
    expect(() => dirichlet('abc' as unknown as number[], rng)).toThrow(ParameterTypeError);
    expect(() => dirichlet([1, 2], rng, { s: 3 })).toThrow(/^options\.s must be an integer >= 2 and <= 2; received 3/);
  });
});
