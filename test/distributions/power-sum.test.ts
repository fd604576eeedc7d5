import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powerSum } from '../../src/distributions/power-sum.ts';
import { Rational } from '../../src/numeric/rational.ts';
import { ddSum, toDouble } from './exact.ts';

/** Direct double-double sum Σ_{i=1}^{k} i^-b (reference; slow but independent of Euler–Maclaurin). */
function reference(b: number, k: number): number {
  const w = new Float64Array(k);
  for (let i = k; i >= 1; i--) w[k - i] = Math.pow(i, -b);
  return ddSum(w);
}

describe('powerSum H_k(b) (internal)', () => {
  it('documented examples and exact rational values', () => {
    expect(Math.abs(powerSum(1, 4) - 25 / 12)).toBeLessThanOrEqual(2 ** -51);
    expect(powerSum(0, 1e7)).toBe(1e7);
    const h = Rational.sum(Array.from({ length: 100 }, (_, i) => Rational.of(1n, BigInt(i + 1) ** 2n)));
    expect(Math.abs(powerSum(2, 100) / toDouble(h) - 1)).toBeLessThan(4e-16);
  });

  it('H_n(1) for n = 1e7 matches ln n + γ + 1/(2n) − 1/(12n²)', () => {
    const n = 1e7;
    const expected = Math.log(n) + 0.5772156649015329 + 1 / (2 * n) - 1 / (12 * n * n);
    expect(Math.abs(powerSum(1, n) / expected - 1)).toBeLessThan(1e-15);
  });

  it('property: Euler–Maclaurin branch (k > 4096) agrees with the direct sum to 1e-14 relative, b ∈ [0, 150]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4097, max: 60000 }), fc.double({ min: 0, max: 150, noNaN: true }), (k, b) => {
        expect(Math.abs(powerSum(b, k) / reference(b, k) - 1)).toBeLessThan(1e-14);
      }),
      { seed: 41, numRuns: 80 },
    );
  });

  it('b near 1 (the integral’s removable singularity) and ζ(2) as k → ∞', () => {
    for (const b of [1 - 1e-12, 1, 1 + 1e-12, 1 + 1e-6]) {
      expect(Math.abs(powerSum(b, 1e5) / reference(b, 1e5) - 1)).toBeLessThan(1e-14);
    }
    // ζ(2) − H_k(2) = 1/k − 1/(2k²) + O(1/k³)
    const k = 1e8;
    expect(Math.abs(powerSum(2, k) - (Math.PI ** 2 / 6 - 1 / k + 1 / (2 * k * k)))).toBeLessThan(4e-16);
  });
});
