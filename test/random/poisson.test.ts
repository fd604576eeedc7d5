import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { createRng } from '../../src/random/rng.ts';
import { MAX_POISSON_LAMBDA, POISSON_PTRS_THRESHOLD, samplePoisson, samplePoissonUnchecked } from '../../src/random/poisson.ts';
import { stirlingRemainder } from '../../src/random/stirling.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ALPHA, Z_CRIT, chiSquareGof, histogram, meanZ, varianceZ } from './helpers.ts';

/** Poisson pmf e^{−λ}λ^k/k! in log space (k! via a running sum of logs; exact enough for a test oracle). */
function poissonPmfTable(lambda: number, hi: number): Float64Array {
  const out = new Float64Array(hi + 1);
  let logFact = 0;
  for (let k = 0; k <= hi; k++) {
    if (k > 0) logFact += Math.log(k);
    out[k] = Math.exp(-lambda + k * Math.log(lambda) - logFact);
  }
  return out;
}

describe('samplePoisson: chi-square against the exact pmf (α = 1e-6 each)', () => {
  const lambdas = [0.05, 0.5, 3, 9.99, 10, 10.5, 30, 1000, 1e6];
  lambdas.forEach((lambda, i) => {
    it(`λ = ${lambda}`, () => {
      const R = 300_000;
      const rng = createRng(70 + i);
      const xs = new Float64Array(R);
      for (let r = 0; r < R; r++) xs[r] = samplePoisson(lambda, rng);
      const sd = Math.sqrt(lambda);
      const lo = Math.max(0, Math.floor(lambda - 14 * sd - 30));
      const hi = Math.ceil(lambda + 14 * sd + 30);
      const table = poissonPmfTable(lambda, hi);
      const res = chiSquareGof(histogram(xs), R, (k) => table[k], lo, hi);
      expect(res.pValue, `chi2 = ${res.stat} on ${res.df} df`).toBeGreaterThan(ALPHA);
      const mu4 = lambda * (1 + 3 * lambda);
      expect(Math.abs(meanZ(xs, lambda, lambda))).toBeLessThan(Z_CRIT);
      expect(Math.abs(varianceZ(xs, lambda, lambda, mu4))).toBeLessThan(Z_CRIT);
    });
  });

  it('λ = 0 gives 0; the unchecked variant agrees with the checked one', () => {
    expect(samplePoisson(0, createRng(1))).toBe(0);
    const a = createRng(3);
    const b = createRng(3);
    const xa = Array.from({ length: 300 }, (_, i) => samplePoissonUnchecked(i / 7, a));
    const xb = Array.from({ length: 300 }, (_, i) => samplePoisson(i / 7, b));
    expect(xa).toEqual(xb);
    expect(POISSON_PTRS_THRESHOLD).toBe(10);
  });

  it('λ = 2^52 gives a safe integer near λ', () => {
    const x = samplePoisson(MAX_POISSON_LAMBDA, createRng(2));
    expect(Number.isSafeInteger(x)).toBe(true);
    expect(Math.abs(x - MAX_POISSON_LAMBDA)).toBeLessThan(10 * Math.sqrt(MAX_POISSON_LAMBDA));
  });

  it('invalid λ and rng → typed errors', () => {
    const rng = createRng(1);
    for (const bad of [-1, NaN, Infinity, 2 ** 53]) expect(() => samplePoisson(bad, rng)).toThrow(ParameterRangeError);
    expect(() => samplePoisson('1' as unknown as number, rng)).toThrow(ParameterTypeError);
    expect(() => samplePoisson(1, {} as typeof rng)).toThrow(ParameterTypeError);
  });
});

describe('stirlingRemainder: fc(k) = log k! − (k + ½)log(k + 1) + (k + 1) − ½log 2π', () => {
  Decimal.set({ precision: 60 });
  const halfLog2Pi = Decimal.ln(Decimal.acos(-1).times(2)).div(2);
  it('matches 60-digit decimal arithmetic for k = 0…300 to 1e-15 relative', () => {
    let fact = new Decimal(1);
    let worst = 0;
    for (let k = 0; k <= 300; k++) {
      if (k > 0) fact = fact.times(k);
      const exact = Decimal.ln(fact)
        .minus(new Decimal(k).plus(0.5).times(Decimal.ln(k + 1)))
        .plus(k + 1)
        .minus(halfLog2Pi)
        .toNumber();
      worst = Math.max(worst, Math.abs(stirlingRemainder(k) - exact) / exact);
    }
    expect(worst).toBeLessThan(1e-15);
  });
});
