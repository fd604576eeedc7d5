import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goldenMaximum } from '../../src/numeric/golden.ts';

describe('goldenMaximum', () => {
  it('finds the peak of unimodal functions (quadratics, x·e^{−kx}, sqrt-like) to the stopping width', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }), (m, k) => {
        expect(Math.abs(goldenMaximum((x) => -k * (x - m) ** 2, 0, 1).x - m)).toBeLessThan(1e-7);
        // x·e^{−x/m} peaks at x = m.
        expect(Math.abs(goldenMaximum((x) => x * Math.exp(-x / m), 0, 1).x - m)).toBeLessThan(1e-6);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('one evaluation per step, and the value returned is fn at x', () => {
    let calls = 0;
    const fn = (x: number): number => {
      calls++;
      return Math.sin(3 * x);
    };
    const r = goldenMaximum(fn, 0, 1, { iterations: 30, relativeWidth: 0 });
    expect(calls).toBe(32);
    expect(r.value).toBe(Math.sin(3 * r.x));
    expect(Math.abs(r.x - Math.PI / 6)).toBeLessThan(1e-5);
  });
});
