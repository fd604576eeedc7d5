import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compensatedSum, compensatedSumOfSquares } from '../../src/distributions/summation.ts';
import { exactSum, exactSumSquares } from './exact.ts';

const U = 2 ** -53;

describe('compensatedSum / compensatedSumOfSquares (internal)', () => {
  it('documented examples', () => {
    expect(compensatedSum([1, 1e100, 1, -1e100])).toBe(2);
    let naive = 0;
    for (const x of [1, 1e100, 1, -1e100]) naive += x;
    expect(naive).toBe(0);
    expect(compensatedSumOfSquares([0.5, 0.25, 0.25])).toBe(0.375);
  });

  it('ranges [from, to) and empty input', () => {
    expect(compensatedSum([1, 2, 3, 4], 1, 3)).toBe(5);
    expect(compensatedSum([])).toBe(0);
    expect(compensatedSumOfSquares([1, 2, 3], 2)).toBe(9);
  });

  it('property: error ≤ u·|S| + 2n·u²·Σ|x| (Neumaier), against a rational oracle, mixed signs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 100 }),
        (x) => {
          const exact = exactSum(x);
          const abs = x.reduce((a, b) => a + Math.abs(b), 0);
          // Neumaier: |err| ≤ u·|S| + O(n·u²)·Σ|x|; the oracle is itself rounded once (another u·|S|)
          expect(Math.abs(compensatedSum(x) - exact)).toBeLessThanOrEqual(2 * U * Math.abs(exact) + 2 * x.length * U * U * abs);
        },
      ),
      { seed: 31, numRuns: 300 },
    );
  });

  it('property: sum of squares within 3u relative (2u + the oracle’s rounding)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 100 }), (x) => {
        const exact = exactSumSquares(x);
        expect(Math.abs(compensatedSumOfSquares(x) - exact)).toBeLessThanOrEqual(3.01 * U * exact);
      }),
      { seed: 32, numRuns: 300 },
    );
  });
});
