import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bisect, findRoot } from '../../src/numeric/roots.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ulp } from '../distributions/exact.ts';


describe('findRoot (Brent)', () => {
  it('documented example: √2', () => {
    const r = findRoot((x) => x * x - 2, 0, 2);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root - Math.SQRT2)).toBeLessThanOrEqual(2 * ulp(Math.SQRT2));
    expect(r.lo).toBeLessThanOrEqual(Math.SQRT2);
    expect(r.hi).toBeGreaterThanOrEqual(Math.SQRT2);
    expect(r.fLo).toBeLessThanOrEqual(0);
    expect(r.fHi).toBeGreaterThanOrEqual(0);
  });

  it('the Dottie number cos x = x, to a few ulps, in few evaluations', () => {
    const dottie = 0.7390851332151607; // OEIS A003957
    const r = findRoot((x) => Math.cos(x) - x, 0, 1);
    expect(Math.abs(r.root - dottie)).toBeLessThanOrEqual(4 * ulp(dottie));
    expect(r.iterations).toBeLessThan(15);
  });

  it('decreasing function: the bracket still straddles the root', () => {
    const r = findRoot((x) => Math.exp(-x) - 0.25, 0, 10);
    const exact = Math.log(4);
    expect(r.lo).toBeLessThanOrEqual(exact);
    expect(r.hi).toBeGreaterThanOrEqual(exact);
    expect(r.fLo).toBeGreaterThanOrEqual(0);
    expect(r.fHi).toBeLessThanOrEqual(0);
    expect(Math.abs(r.root - exact)).toBeLessThanOrEqual(4 * ulp(exact));
  });

  it('exact zeros at an end or hit on the way', () => {
    expect(findRoot((x) => x - 1, 1, 3)).toMatchObject({ root: 1, lo: 1, hi: 1, iterations: 0, converged: true });
    expect(findRoot((x) => x - 3, 1, 3)).toMatchObject({ root: 3, lo: 3, hi: 3 });
    const r = findRoot((x) => x - 2, 1, 3); // the secant step lands on 2 exactly
    expect(r.root).toBe(2);
    expect(r.converged).toBe(true);
  });

  it('root at 0 (no stalling on the relative tolerance)', () => {
    const r = findRoot((x) => x * (1 + x * x), -1, 0.5);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root)).toBeLessThan(1e-300);
  });

  it('steep and flat functions: x^21 − 1e-6 and a step-like tanh', () => {
    const r1 = findRoot((x) => x ** 21 - 1e-6, 0, 2);
    const exact1 = 1e-6 ** (1 / 21);
    expect(Math.abs(r1.root - exact1) / exact1).toBeLessThan(1e-14);
    const r2 = findRoot((x) => Math.tanh(50 * (x - 0.3)), -5, 5);
    expect(Math.abs(r2.root - 0.3)).toBeLessThan(1e-15);
    expect(r2.converged).toBe(true);
  });

  it('discontinuous monotone function: converges to the jump', () => {
    const r = findRoot((x) => (x < Math.PI ? -1 : 1), 0, 10);
    expect(r.lo).toBeLessThan(Math.PI);
    expect(r.hi).toBeGreaterThanOrEqual(Math.PI);
    expect(r.hi - r.lo).toBeLessThanOrEqual(8 * ulp(Math.PI));
  });

  it('infinite values at the ends are bisected, not interpolated', () => {
    const r = findRoot((x) => (x <= 0 ? -Infinity : Math.log(x)), 0, 5);
    expect(Math.abs(r.root - 1)).toBeLessThanOrEqual(4 * ulp(1));
  });

  it('absolute tolerance stops early but keeps a valid bracket', () => {
    const r = findRoot((x) => x * x * x - 5, 0, 5, { absoluteTolerance: 1e-3 });
    const exact = Math.cbrt(5);
    expect(r.hi - r.lo).toBeLessThanOrEqual(2e-3 + 8 * ulp(exact));
    expect(r.lo).toBeLessThanOrEqual(exact);
    expect(r.hi).toBeGreaterThanOrEqual(exact);
  });

  it('reports non-convergence within a tiny budget instead of looping', () => {
    const r = findRoot((x) => (x < Math.E ? -1 : 1), 0, 1e6, { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
    expect(r.lo).toBeLessThan(Math.E);
    expect(r.hi).toBeGreaterThanOrEqual(Math.E);
  });

  it('property: for monotone cubics with a known root, the bracket contains it and is ulp-tight', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (root, scale, left, right) => {
          // f(x) = scale·(x − root)·(1 + (x − root)²) is strictly increasing with f(root) = 0 exactly
          const f = (x: number): number => scale * (x - root) * (1 + (x - root) * (x - root));
          const r = findRoot(f, root - left, root + right);
          expect(r.converged).toBe(true);
          expect(r.fLo).toBeLessThanOrEqual(0);
          expect(r.fHi).toBeGreaterThanOrEqual(0);
          // f's sign change is within a few ulps of root (f is evaluated in floating point;
          // near 0, scale·(x − root) underflows to ±0 for |x − root| < 2^-1074/scale)
          expect(Math.abs(r.root - root)).toBeLessThanOrEqual(8 * ulp(root) + 1e-320);
          expect(r.iterations).toBeLessThan(120);
        },
      ),
      { seed: 20240405, numRuns: 300 },
    );
  });

  it('invalid input → typed errors naming the parameter', () => {
    expect(() => findRoot('x' as unknown as (x: number) => number, 0, 1)).toThrow(ParameterTypeError);
    expect(() => findRoot((x) => x, 0, 1)).not.toThrow();
    const sameSign = (): unknown => findRoot((x) => x * x + 1, -1, 1);
    expect(sameSign).toThrow(ParameterRangeError);
    expect(sameSign).toThrow(/^hi must be/);
    expect(() => findRoot((x) => x, 2, 1)).toThrow(/^hi must be a finite number >= 2; received 1/);
    expect(() => findRoot((x) => x, Number.NaN, 1)).toThrow(/^lo must be/);
    expect(() => findRoot((x) => x, -1, Infinity)).toThrow(ParameterRangeError);
    expect(() => findRoot(() => Number.NaN, -1, 1)).toThrow(/^f must be a function returning numbers \(not NaN\)/);
    expect(() => findRoot((x) => (x === -1 || x === 1 ? x : Number.NaN), -1, 1)).toThrow(/f\(0\) = NaN/);
    expect(() => findRoot((x) => x, -1, 1, { maxIterations: 0 })).toThrow(/^maxIterations must be/);
    expect(() => findRoot((x) => x, -1, 1, { relativeTolerance: 0 })).toThrow(/^relativeTolerance must be/);
    expect(() => findRoot((x) => x, -1, 1, { absoluteTolerance: -1 })).toThrow(/^absoluteTolerance must be/);
    expect(() => findRoot((x) => x, -1, 1, null as unknown as object)).toThrow(ParameterTypeError);
  });
});

describe('bisect', () => {
  it('documented example: cube root of 8', () => {
    const r = bisect((x) => x * x * x - 8, 0, 5);
    expect(r.root).toBe(2);
    expect(r.fLo).toBeLessThanOrEqual(0);
    expect(r.fHi).toBeGreaterThanOrEqual(0);
  });

  it('runs to adjacent doubles around the sign change of a monotone predicate', () => {
    const r = bisect((x) => (x * x >= 2 ? 1 : -1), 1, 2);
    expect(r.converged).toBe(true);
    // hi is the smallest double whose square (rounded) is ≥ 2, lo the largest below
    expect(r.hi * r.hi >= 2).toBe(true);
    expect(r.lo * r.lo < 2).toBe(true);
    expect(r.hi - r.lo).toBe(ulp(1.4));
  });

  it('handles brackets whose width overflows', () => {
    const r = bisect((x) => x - 1, -1.5e308, 1.7e308);
    expect(r.root).toBe(1);
  });

  it('relative tolerance stops early', () => {
    const r = bisect((x) => x - Math.PI, 0, 4, { relativeTolerance: 1e-6 });
    expect(r.hi - r.lo).toBeLessThanOrEqual(1e-6 * 4);
    expect(r.iterations).toBeLessThan(25);
    expect(r.lo).toBeLessThanOrEqual(Math.PI);
    expect(r.hi).toBeGreaterThanOrEqual(Math.PI);
  });

  it('invalid input → typed errors', () => {
    expect(() => bisect((x) => x + 5, 0, 1)).toThrow(ParameterRangeError);
    expect(() => bisect(5 as unknown as (x: number) => number, 0, 1)).toThrow(ParameterTypeError);
  });
});
