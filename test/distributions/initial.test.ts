import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCounts } from '../../src/distributions/from-counts.ts';
import { uniform } from '../../src/distributions/uniform.ts';
import { zipf } from '../../src/distributions/zipf.ts';
import { Rational } from '../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ddSum, toDouble } from './exact.ts';

const SEED = 424242;
const U = 2 ** -53;

describe('uniform', () => {
  it('p_i = fl(1/s)', () => {
    expect(Array.from(uniform(4))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(uniform(1))).toEqual([1]);
    const p = uniform(7);
    expect(p).toBeInstanceOf(Float64Array);
    expect(p.every((x) => x === 1 / 7)).toBe(true);
  });

  it('invalid s → typed errors naming s', () => {
    expect(() => uniform(0)).toThrow(/^s must be/);
    expect(() => uniform(2.5)).toThrow(ParameterRangeError);
    expect(() => uniform(-3)).toThrow(ParameterRangeError);
    expect(() => uniform('3' as unknown as number)).toThrow(ParameterTypeError);
    expect(() => uniform(Number.NaN)).toThrow(ParameterRangeError);
  });
});

describe('zipf', () => {
  it('exact rational oracle: p_i = i^-a / H_s(a) for integer exponents, each entry within 5u relative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 4 }), (s, a) => {
        const weights = Array.from({ length: s }, (_, i) => Rational.of(1n, BigInt(i + 1) ** BigInt(a)));
        const h = Rational.sum(weights);
        const p = zipf(s, a);
        for (let i = 0; i < s; i++) {
          const exact = toDouble(weights[i].div(h));
          // weight i^-a: < 1 ulp ≤ 2u (Math.pow is faithfully, not correctly, rounded),
          // H: ≤ u beyond the weights' errors (compensated sum), division: u, oracle rounding: u
          expect(Math.abs(p[i] - exact)).toBeLessThanOrEqual(5 * U * exact);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('hand-computed: zipf(3, 1) = (6/11, 3/11, 2/11), zipf(3, 2) = (36/49, 9/49, 4/49)', () => {
    const close = (got: number, want: number): boolean => Math.abs(got - want) <= 5 * U * want;
    const p = zipf(3, 1);
    expect(close(p[0], 6 / 11) && close(p[1], 3 / 11) && close(p[2], 2 / 11)).toBe(true);
    const q = zipf(3, 2);
    expect(close(q[0], 36 / 49) && close(q[1], 9 / 49) && close(q[2], 4 / 49)).toBe(true);
  });

  it('exponent 0 is exactly uniform', () => {
    expect(Array.from(zipf(5, 0))).toEqual(Array.from(uniform(5)));
  });

  it('property: non-increasing, positive, sums to 1 within a few u', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.double({ min: 0, max: 8, noNaN: true }), (s, a) => {
        const p = zipf(s, a);
        expect(p.length).toBe(s);
        for (let i = 1; i < s; i++) expect(p[i]).toBeLessThanOrEqual(p[i - 1]);
        expect(p[s - 1]).toBeGreaterThan(0);
        expect(Math.abs(ddSum(p) - 1)).toBeLessThanOrEqual(4 * U);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('s = 1e7, exponent 1: p_1 = 1/H_n with H_n = ln n + γ + 1/(2n) − 1/(12n²) (asymptotic, error < 1e-28)', () => {
    const n = 1e7;
    const gamma = 0.5772156649015329;
    const h = Math.log(n) + gamma + 1 / (2 * n) - 1 / (12 * n * n);
    const p = zipf(n, 1);
    expect(Math.abs(p[0] * h - 1)).toBeLessThan(4e-16 * 4); // ln n and γ each carry ≤ u relative
    expect(Math.abs(ddSum(p) - 1)).toBeLessThanOrEqual(4 * U);
    expect(p[n - 1]).toBeGreaterThan(0);
  });

  it('huge exponents underflow the tail to 0 but never produce NaN', () => {
    const p = zipf(10, 2000);
    expect(p[0]).toBe(1);
    expect(Array.from(p.subarray(1))).toEqual(new Array(9).fill(0));
    const q = zipf(3, 1e300);
    expect(Array.from(q)).toEqual([1, 0, 0]);
  });

  it('invalid arguments → typed errors naming the parameter', () => {
    expect(() => zipf(0, 1)).toThrow(/^s must be/);
    expect(() => zipf(3, -0.5)).toThrow(/^exponent must be a finite number >= 0; received -0.5/);
    expect(() => zipf(3, Infinity)).toThrow(ParameterRangeError);
    expect(() => zipf(3, Number.NaN)).toThrow(ParameterRangeError);
    expect(() => zipf(3, '1' as unknown as number)).toThrow(ParameterTypeError);
  });
});

describe('fromCounts', () => {
  it('documented values', () => {
    expect(Array.from(fromCounts([3, 1, 0, 4]))).toEqual([0.375, 0.125, 0, 0.5]);
    expect(Array.from(fromCounts([0.5, 1.5]))).toEqual([0.25, 0.75]);
    expect(Array.from(fromCounts(Int32Array.of(0, 5)))).toEqual([0, 1]);
  });

  it('integer counts: every entry is the correctly rounded c_i / Σc', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 31 }), { minLength: 1, maxLength: 50 }).filter((c) => c.some((x) => x > 0)),
        (c) => {
          const total = c.reduce((a, b) => a + b, 0);
          const p = fromCounts(c);
          for (let i = 0; i < c.length; i++) expect(p[i]).toBe(toDouble(Rational.of(c[i], total)));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('weights whose sum overflows are rescaled first', () => {
    const p = fromCounts([1e308, 1e308, 1e308, 0]);
    expect(p.every((x, i) => (i === 3 ? x === 0 : Math.abs(x - 1 / 3) <= U))).toBe(true);
    const q = fromCounts([Number.MAX_VALUE, Number.MAX_VALUE]);
    expect(Array.from(q)).toEqual([0.5, 0.5]);
  });

  it('-0 is read as 0', () => {
    expect(Object.is(fromCounts([-0, 2])[0], 0)).toBe(true);
  });

  it('invalid counts → typed errors naming counts or the entry', () => {
    expect(() => fromCounts([])).toThrow(/^counts must be a non-empty array/);
    expect(() => fromCounts([0, 0])).toThrow(/^counts must be .*not all 0/);
    expect(() => fromCounts([1, -2])).toThrow(/^counts\[1\] must be a finite number >= 0; received -2/);
    expect(() => fromCounts([1, Infinity])).toThrow(ParameterRangeError);
    expect(() => fromCounts([1, Number.NaN])).toThrow(ParameterRangeError);
    expect(() => fromCounts([1, '2' as unknown as number])).toThrow(ParameterTypeError);
    expect(() => fromCounts(null as unknown as number[])).toThrow(ParameterTypeError);
    expect(() => fromCounts(5 as unknown as number[])).toThrow(ParameterTypeError);
  });
});
