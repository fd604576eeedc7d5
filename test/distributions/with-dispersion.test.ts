import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powerSum } from '../../src/distributions/power-sum.ts';
import { sigma, supportSize } from '../../src/distributions/statistics.ts';
import { withDispersion, withDispersionDetails } from '../../src/distributions/with-dispersion.ts';
import { checkProbabilityVector, ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { ddSum, ddSumSquares, exactSum, exactSumSquares } from './exact.ts';

const SEED = 600;

/** Support exactly the first `support` tokens, non-increasing, σ and Σ to the stated relative accuracy. */
function expectValid(p: Float64Array, s: number, support: number, S0: number, sigmaOf: (x: Float64Array) => number): void {
  expect(p).toBeInstanceOf(Float64Array);
  expect(p.length).toBe(s);
  // first offending index, or -1 (one expect per property: vitest's expect is too slow per entry)
  let notPositive = -1;
  for (let i = 0; i < support && notPositive < 0; i++) if (!(p[i] > 0)) notPositive = i;
  let notZero = -1;
  for (let i = support; i < s && notZero < 0; i++) if (p[i] !== 0) notZero = i;
  let increase = -1;
  for (let i = 1; i < s && increase < 0; i++) if (p[i] > p[i - 1]) increase = i;
  expect({ notPositive, notZero, increase }).toEqual({ notPositive: -1, notZero: -1, increase: -1 });
  expect(Math.abs(sigmaOf(p) - S0)).toBeLessThanOrEqual(1e-14 * S0);
  expect(Math.abs(ddSum(p) - 1)).toBeLessThanOrEqual(1e-15);
}

describe('withDispersion: the paper’s initial distributions (s = 600)', () => {
  // Figure 2: (0.01, 181), (0.1, 29), (0.5, 10), (0.7, 9); Figures 3 and 6: (0.1, 52);
  // Figure 4: (0.01, 484), (0.1, 52), (0.5, 22), (0.7, 16).
  const settings: [number, number][] = [
    [0.01, 181],
    [0.1, 29],
    [0.5, 10],
    [0.7, 9],
    [0.1, 52],
    [0.01, 484],
    [0.5, 22],
    [0.7, 16],
  ];
  for (const [S0, support] of settings) {
    it(`S0 = ${S0}, support = ${support}: exact support, σ = S0 to 1e-14 (exact rational σ), sorted`, () => {
      const p = withDispersion({ s: 600, support, S0 });
      expectValid(p, 600, support, S0, exactSumSquares);
      expect(Math.abs(exactSum(p) - 1)).toBeLessThanOrEqual(1e-15);
      expect(supportSize(p)).toBe(support);
      expect(Math.abs(sigma(p) - S0)).toBeLessThanOrEqual(1e-14 * S0);
      // accepted by the library's own validation
      expect(() => checkProbabilityVector('p', p)).not.toThrow();
    });
  }

  it('the documented shape: p_i = c·i^(-a)/H(a) + (1 − c)·b_i, with c within 1e-12 of 1 (a pure power law)', () => {
    for (const [S0, support] of settings) {
      const d = withDispersionDetails({ s: 600, support, S0 });
      expect(Math.abs(1 - d.weight)).toBeLessThan(1e-12);
      const h = powerSum(d.exponent, support);
      for (let i = 0; i < support; i++) {
        const b = d.blend === 'uniform' ? 1 / support : i === 0 ? 1 : 0;
        const expected = (d.weight * Math.pow(i + 1, -d.exponent)) / h + (1 - d.weight) * b;
        expect(Math.abs(d.p[i] - expected)).toBeLessThanOrEqual(1e-13 * expected);
      }
    }
  });

  it('the exponent grows with S0 at fixed support, and with the support at fixed S0', () => {
    const a = (S0: number, support: number): number => withDispersionDetails({ s: 600, support, S0 }).exponent;
    expect(a(0.1, 52)).toBeLessThan(a(0.5, 52));
    expect(a(0.5, 52)).toBeLessThan(a(0.7, 52));
    expect(a(0.1, 29)).toBeLessThan(a(0.1, 52));
  });

  it('documented example values', () => {
    expect(Array.from(withDispersion({ s: 4, support: 2, S0: 0.5 }))).toEqual([0.5, 0.5, 0, 0]);
    const d = withDispersionDetails({ s: 600, support: 9, S0: 0.7 });
    expect(d.exponent.toPrecision(5)).toBe('2.9477');
  });
});

describe('withDispersion: edge cases', () => {
  it('support = 1 with S0 = 1 is δ_1; S0 = 1/support is uniform on the support', () => {
    expect(Array.from(withDispersion({ s: 3, support: 1, S0: 1 }))).toEqual([1, 0, 0]);
    expect(Array.from(withDispersion({ s: 1, S0: 1 }))).toEqual([1]);
    const p = withDispersion({ s: 10, support: 8, S0: 1 / 8 });
    expect(Array.from(p)).toEqual([...new Array(8).fill(0.125), 0, 0]);
    // default support = s
    expect(Array.from(withDispersion({ s: 5, S0: 0.2 }))).toEqual(new Array(5).fill(0.2));
  });

  it('S0 just above 1/support, and S0 one ulp below 1', () => {
    const cases: [number, number, number][] = [
      [50, 50, (1 / 50) * (1 + 1e-12)],
      [50, 50, (1 / 50) * (1 + 4e-16)],
      [2, 2, 1 - 2 ** -53],
      [10, 10, 1 - 2 ** -53],
      [600, 181, 1 - 1e-15],
      [1000, 3, 0.5000000001],
    ];
    for (const [s, support, S0] of cases) {
      expectValid(withDispersion({ s, support, S0 }), s, support, S0, exactSumSquares);
    }
  });

  it('large supports, including S0 so close to 1 that the power law is capped and the blend is toward δ_1', () => {
    const cases: [number, number, number][] = [
      [1e5, 1e5, 1 - 1e-12],
      [2e5, 1e5, 0.3],
      [1e6, 1e6, 1e-6 * (1 + 1e-9)],
      [1e6, 5e5, 0.999],
    ];
    for (const [s, support, S0] of cases) {
      const d = withDispersionDetails({ s, support, S0 });
      expectValid(d.p, s, support, S0, ddSumSquares);
    }
    expect(withDispersionDetails({ s: 1e5, support: 1e5, S0: 1 - 1e-12 }).blend).toBe('first');
  });

  it('property: random feasible (s, support, S0) → exact support, σ = S0 to 1e-14, sorted, Σ = 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }).chain((s) =>
          fc.tuple(fc.constant(s), fc.integer({ min: 1, max: s }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        ),
        ([s, support, u]) => {
          const lower = 1 / support;
          const S0 = support === 1 ? 1 : Math.min(lower + u * (1 - lower), 1 - 2 ** -53);
          expectValid(withDispersion({ s, support, S0 }), s, support, S0, ddSumSquares);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('property: S0 drawn log-uniformly close to the ends of [1/support, 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 2000 }),
        fc.double({ min: -15, max: -1, noNaN: true }),
        fc.boolean(),
        (support, logGap, nearOne) => {
          const lower = 1 / support;
          const gap = 10 ** logGap;
          const S0 = nearOne ? 1 - gap * (1 - lower) : lower * (1 + gap);
          if (!(S0 < 1 && S0 >= lower)) return;
          expectValid(withDispersion({ s: support, S0 }), support, support, S0, ddSumSquares);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('withDispersion: invalid input', () => {
  it('infeasible S0 → ParameterRangeError naming S0 and the allowed interval', () => {
    expect(() => withDispersion({ s: 600, support: 10, S0: 0.05 })).toThrow(
      /^S0 must be in \[1\/support, 1\) = \[0\.1, 1\) for support = 10; received 0\.05/,
    );
    expect(() => withDispersion({ s: 600, support: 2, S0: 1 })).toThrow(/^S0 must be in \[1\/support, 1\)/);
    expect(() => withDispersion({ s: 600, support: 1, S0: 0.5 })).toThrow(/^S0 must be 1 \(support = 1 allows only the Dirac mass\)/);
    expect(() => withDispersion({ s: 600, support: 10, S0: 0 })).toThrow(/^S0 must be/);
    expect(() => withDispersion({ s: 600, support: 10, S0: 1.5 })).toThrow(ParameterRangeError);
    expect(() => withDispersion({ s: 600, support: 10, S0: Number.NaN })).toThrow(ParameterRangeError);
    try {
      withDispersion({ s: 600, support: 10, S0: 0.05 });
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterRangeError);
      expect((e as ParameterRangeError).parameter).toBe('S0');
      expect((e as ParameterRangeError).value).toBe(0.05);
    }
  });

  it('s, support and the options object', () => {
    expect(() => withDispersion({ s: 10, support: 11, S0: 0.5 })).toThrow(/^support must be an integer >= 1 and <= 10/);
    expect(() => withDispersion({ s: 10, support: 0, S0: 0.5 })).toThrow(/^support must be/);
    expect(() => withDispersion({ s: 0, S0: 0.5 })).toThrow(/^s must be/);
    expect(() => withDispersion({ s: 2.5, S0: 0.5 })).toThrow(ParameterRangeError);
    expect(() => withDispersion({ s: '10', S0: 0.5 } as unknown as { s: number; S0: number })).toThrow(ParameterTypeError);
    expect(() => withDispersion({ s: 10 } as unknown as { s: number; S0: number })).toThrow(/^S0 must be/);
    expect(() => withDispersion(undefined as unknown as { s: number; S0: number })).toThrow(ParameterTypeError);
  });
});
