import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { betaDeviation, exactDeviationLimit } from '../../../src/exact/deviation/limit.ts';
import { exactDeviation, ExactComputationTooLargeError } from '../../../src/exact/deviation/index.ts';
import { exactSafeSyntheticSize } from '../../../src/exact/safe-size/index.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../../src/validate.ts';

const R = (n: number | bigint, d: number | bigint = 1): Rational => Rational.of(BigInt(n), BigInt(d));
const binom = (n: number, k: number): bigint => {
  let r = 1n;
  for (let j = 1; j <= k; j++) r = (r * BigInt(n - k + j)) / BigInt(j);
  return r;
};

/**
 * E|X − μ| for X ~ Beta(a, b), a, b positive integers, as an exact rational: 2∫_μ^1 (x − μ)·density,
 * the density x^{a−1}(1 − x)^{b−1}/B(a, b) expanded into powers of x and integrated term by term.
 */
function betaMadRational(a: number, b: number): Rational {
  const mu = R(a, a + b);
  // 1/B(a, b) = (a + b − 1)!/((a − 1)!(b − 1)!) = (a + b − 1)·C(a + b − 2, a − 1).
  const invB = R(BigInt(a + b - 1) * binom(a + b - 2, a - 1));
  // (x − μ)·x^{a−1}·Σ_j C(b−1, j)(−x)^j = Σ_j C(b−1, j)(−1)^j (x^{a+j} − μ x^{a−1+j}).
  let total = Rational.ZERO;
  for (let j = 0; j <= b - 1; j++) {
    const c = R(binom(b - 1, j) * (j % 2 === 0 ? 1n : -1n));
    const k1 = a + j + 1; // ∫ x^{a+j} = x^{k1}/k1
    const k0 = a + j; // ∫ x^{a−1+j} = x^{k0}/k0
    const i1 = Rational.ONE.sub(mu.pow(k1)).div(R(k1));
    const i0 = Rational.ONE.sub(mu.pow(k0)).div(R(k0));
    total = total.add(c.mul(i1.sub(mu.mul(i0))));
  }
  return total.mul(invB).mul(R(2));
}

describe('betaDeviation: the mean absolute deviation of Beta(2c, 2(N − c))', () => {
  it('equals the exact rational integral for every c, N ≤ 12', () => {
    for (let N = 1; N <= 12; N++) {
      for (let c = 0; c <= N; c++) {
        const expected = c === 0 || c === N ? 0 : betaMadRational(2 * c, 2 * (N - c)).toNumber();
        expect(Math.abs(betaDeviation(N, c) - expected)).toBeLessThanOrEqual(4e-16 * expected);
      }
    }
  });

  it('is concave in c on 0…N (so the uniform p is the worst case), symmetric, and below sqrt(2/π)·sqrt(x(1 − x)/(2N))·e^{1/(24N)}', () => {
    for (const N of [2, 3, 7, 50, 999, 10_000]) {
      const h = Array.from({ length: N + 1 }, (_, c) => betaDeviation(N, c));
      for (let c = 1; c < N; c++) {
        expect(h[c - 1] + h[c + 1] - 2 * h[c]).toBeLessThanOrEqual(1e-15 * h[c]);
        expect(h[c]).toBeCloseTo(h[N - c], 15);
        const x = c / N;
        expect(h[c]).toBeLessThanOrEqual(Math.sqrt(2 / Math.PI) * Math.sqrt((x * (1 - x)) / (2 * N)) * Math.exp(1 / (24 * N)));
      }
    }
  });
});

describe('exactDeviationLimit: the n → ∞ limit of the stationary deviation', () => {
  it('the exact stationary deviation at every n stays below the limit and tends to it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 80 }),
        (w, N, n) => {
          const total = w.reduce((a, b) => a + b, 0);
          const p = w.map((x) => x / total);
          const L = exactDeviationLimit({ N, p });
          const d = exactDeviation({ p, N, n, generations: 3 });
          const stationary = (d.stationary as { fromFirst: number }).fromFirst;
          expect(stationary).toBeLessThanOrEqual(L.value + L.error + 1e-15);
          for (let m = 1; m <= 3; m++) expect(d.fromFirst[m]).toBeLessThanOrEqual(L.value + L.error + 1e-15);
        },
      ),
      { seed: 11, numRuns: 60 },
    );
    // Convergence: 1 − D(n)/L ≈ N/(4n) (the second-moment ratio).
    for (const [N, p, n] of [[5, [0.5, 0.5], 300], [10, [0.7, 0.2, 0.1], 300]] as [number, number[], number][]) {
      const L = exactDeviationLimit({ N, p }).value;
      const D = (exactDeviation({ p, N, n, generations: 1 }).stationary as { fromFirst: number }).fromFirst;
      expect(1 - D / L).toBeGreaterThan(0);
      expect(1 - D / L).toBeLessThan(N / (2 * n));
    }
  });

  it('worst case over p: the uniform limit is at least every other p on s tokens; s·E_{Bin(N,1/s)} h', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 1, max: 400 }), (w, N) => {
        const total = w.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const p = w.map((x) => x / total);
        const worst = exactDeviationLimit({ N, s: p.length });
        expect(worst.distribution).toBe('worst-case');
        expect(exactDeviationLimit({ N, p }).value).toBeLessThanOrEqual(worst.value * (1 + 1e-13));
        expect(worst.value).toBeCloseTo(exactDeviationLimit({ N, p: p.map(() => 1 / p.length) }).value, 14);
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('is below the second-moment bound, ~sqrt(2/π) of it for large N, and 0 when nothing can drift', () => {
    const a = exactDeviationLimit({ N: 1e6, s: 50_257 });
    expect(a.value).toBeLessThan(a.secondMomentBound);
    expect(a.error).toBeLessThan(1e-12);
    // Gaussian regime (N/s large): E|Z| = sqrt(2/π)·sd.
    const b = exactDeviationLimit({ N: 1e6, s: 10 });
    expect(b.value / b.secondMomentBound).toBeCloseTo(Math.sqrt(2 / Math.PI), 4);
    expect(exactDeviationLimit({ N: 1, s: 10 }).value).toBe(0);
    expect(exactDeviationLimit({ N: 50, p: [1, 0, 0] }).value).toBe(0);
    expect(exactDeviationLimit({ N: 1e12, s: 2 }).value).toBeGreaterThan(0);
  });

  it('throws typed errors naming the parameter, and refuses beyond maxOperations', () => {
    expect(() => exactDeviationLimit({ N: 0, s: 3 })).toThrow(/N must be/);
    expect(() => exactDeviationLimit({ N: 2.5, s: 3 })).toThrow(ParameterRangeError);
    expect(() => exactDeviationLimit({ N: 10 })).toThrow(ParameterTypeError);
    expect(() => exactDeviationLimit({ N: 10, s: 1 })).toThrow(/s must be/);
    expect(() => exactDeviationLimit({ N: 10, p: [0.5, 0.5], s: 3 })).toThrow(/length of p/);
    expect(() => exactDeviationLimit({ N: 10, p: [0.5, 0.6] })).toThrow(ParameterRangeError);
    expect(() => exactDeviationLimit({ N: 1e12, s: 2, maxOperations: 1e3 })).toThrow(ExactComputationTooLargeError);
    expect(() => exactDeviationLimit(null as never)).toThrow(ParameterTypeError);
  });
});

describe('exactSafeSyntheticSize uses the limit', () => {
  it('answers "every n" when ε is at least the limit, even where the second-moment bound does not suffice', () => {
    const L = exactDeviationLimit({ N: 2000, s: 100 });
    expect(L.secondMomentBound).toBeGreaterThan(0.15);
    const r = exactSafeSyntheticSize({ epsilon: 0.15, N: 2000, s: 100 });
    expect(r.safe.intervals).toEqual([{ from: 1, to: Infinity }]);
    expect(r.certificate.limit.value).toBe(L.value);
    expect(r.certificate.scope).toMatch(/n → ∞ limit 0\.124447/);
    expect(exactSafeSyntheticSize({ epsilon: 0.15, N: 2000, s: 100, generations: 5 }).maxN).toBe(Infinity);
  });

  it('finds a finite maxN just below the limit, where the deviation at that n exceeds ε', () => {
    const p = [0.25, 0.25, 0.5];
    const L = exactDeviationLimit({ N: 20, p }).value;
    const epsilon = 0.97 * L;
    const r = exactSafeSyntheticSize({ epsilon, N: 20, p });
    expect(Number.isFinite(r.maxN)).toBe(true);
    const after = (exactDeviation({ p, N: 20, n: (r.maxN as number) + 1, generations: 1 }).stationary as { fromFirst: number }).fromFirst;
    expect(after).toBeGreaterThan(epsilon);
    // The second-moment guess n ≈ rN²/((2N + 1)(1 − r)), r = (ε/L)², is within a factor 2.
    const r2 = 0.97 ** 2;
    expect((r.maxN as number) / ((r2 * 400) / (41 * (1 - r2)))).toBeGreaterThan(0.5);
    expect((r.maxN as number) / ((r2 * 400) / (41 * (1 - r2)))).toBeLessThan(2);
  });
});
