import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  collapseProbabilityBounds,
  collapseTimeBounds,
  fullySyntheticS,
  limitProbabilities,
} from '../../src/theory/fully-synthetic.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { Rational } from '../../src/numeric/rational.ts';
import {
  fullySyntheticExpectedCollapseTime,
  fullySyntheticFixationProbabilities,
  fullySyntheticLaw,
} from '../oracles/wright-fisher.ts';
import { relErr } from '../helpers.ts';

const r = (a: number, b = 1) => Rational.of(a, b);

describe('fullySyntheticS (Theorem 1, eq. 6)', () => {
  it('matches the documented example', () => {
    expect(relErr(fullySyntheticS(10, { n: 10, S0: 0.1 }), 1 - Math.pow(0.9, 11))).toBeLessThan(1e-15);
  });

  it('equals the exact E σ_m of the enumerated multinomial chain (rational arithmetic)', () => {
    const cases: Array<{ p: Rational[]; n: number }> = [
      { p: [r(1, 2), r(1, 3), r(1, 6)], n: 3 },
      { p: [r(1, 4), r(3, 4)], n: 4 },
      { p: [r(1, 5), r(1, 5), r(3, 5)], n: 2 },
      { p: [r(1, 10), r(2, 10), r(3, 10), r(4, 10)], n: 3 },
    ];
    for (const { p, n } of cases) {
      const law = fullySyntheticLaw(p, n, 5);
      const S0 = p.reduce((acc, x) => acc.add(x.mul(x)), Rational.ZERO).toNumber();
      for (let m = 0; m <= 5; m++) {
        expect(relErr(fullySyntheticS(m, { n, S0 }), law.S[m].toNumber())).toBeLessThan(1e-12);
      }
    }
  });

  it('equals the rational recursion S_m = 1/n + (1 − 1/n) S_{m−1} for long horizons', () => {
    for (const n of [1, 2, 7, 1000]) {
      let S = Rational.of(3, 17);
      for (let m = 1; m <= 60; m++) {
        S = Rational.of(1, n).add(Rational.ONE.sub(Rational.of(1, n)).mul(S));
        expect(relErr(fullySyntheticS(m, { n, S0: 3 / 17 }), S.toNumber())).toBeLessThan(1e-12);
      }
    }
  });

  it('stays in [S0, 1] and is non-decreasing in m (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (n, S0, m) => {
          const a = fullySyntheticS(m, { n, S0 });
          const b = fullySyntheticS(m + 1, { n, S0 });
          return a >= S0 - 1e-15 && b <= 1 && b >= a;
        },
      ),
      { seed: 1, numRuns: 500 },
    );
  });

  it('rejects bad input with typed errors naming the parameter', () => {
    expect(() => fullySyntheticS(-1, { n: 10, S0: 0.1 })).toThrow(ParameterRangeError);
    expect(() => fullySyntheticS(1.5, { n: 10, S0: 0.1 })).toThrow(/m must be a safe integer/);
    expect(() => fullySyntheticS(1, { n: 0, S0: 0.1 })).toThrow(/n must be a safe integer >= 1; received 0/);
    expect(() => fullySyntheticS(1, { n: 2.5, S0: 0.1 })).toThrow(ParameterRangeError);
    expect(() => fullySyntheticS(1, { n: 10, S0: 0 })).toThrow(/S0 must be/);
    expect(() => fullySyntheticS(1, { n: 10, S0: Number.NaN })).toThrow(/S0.*received NaN/);
    expect(() => fullySyntheticS(1, { n: 10, S0: Infinity })).toThrow(ParameterRangeError);
    expect(() => fullySyntheticS(1, { n: '10' as unknown as number, S0: 0.1 })).toThrow(ParameterTypeError);
    expect(() => fullySyntheticS(1, null as unknown as { n: number; S0: number })).toThrow(ParameterTypeError);
  });
});

describe('collapseProbabilityBounds (Theorem 1, eq. 7)', () => {
  it('brackets the exact collapse probability ρ_m of the enumerated chain', () => {
    const cases: Array<{ p: Rational[]; n: number }> = [
      { p: [r(1, 2), r(1, 3), r(1, 6)], n: 3 },
      { p: [r(1, 4), r(3, 4)], n: 4 },
      { p: [r(1, 10), r(2, 10), r(3, 10), r(4, 10)], n: 3 },
    ];
    for (const { p, n } of cases) {
      const law = fullySyntheticLaw(p, n, 6);
      const S0 = p.reduce((acc, x) => acc.add(x.mul(x)), Rational.ZERO).toNumber();
      for (let m = 0; m <= 6; m++) {
        const b = collapseProbabilityBounds(m, { n, S0, support: p.length });
        const rho = law.rho[m].toNumber();
        expect(b.lower).toBeLessThanOrEqual(rho + 1e-15);
        expect(rho).toBeLessThanOrEqual(b.upper + 1e-15);
      }
    }
  });

  it('reports the printed values, clips to [0, 1] and flags a vacuous lower bound', () => {
    const b = collapseProbabilityBounds(1, { n: 10, S0: 0.1, support: 52 });
    expect(b.printedLower).toBeCloseTo(1 - 10 * 0.9 * 0.9, 14);
    expect(b.lower).toBe(0);
    expect(b.lowerVacuous).toBe(true);
    const late = collapseProbabilityBounds(100, { n: 10, S0: 0.1, support: 52 });
    expect(relErr(late.lower, 1 - 10 * Math.pow(0.9, 101))).toBeLessThan(1e-12);
    expect(relErr(late.upper, 1 - (Math.pow(0.9, 101) * 52) / 51)).toBeLessThan(1e-12);
    expect(late.lowerVacuous).toBe(false);
  });

  it('orders the bounds for any feasible parameters (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 2, max: 1e5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1e5 }),
        (n, support, t, m) => {
          const S0 = 1 / support + t * (1 - 1 / support) * 0.999;
          const b = collapseProbabilityBounds(m, { n, S0, support });
          return 0 <= b.lower && b.lower <= b.upper + 1e-12 && b.upper <= 1;
        },
      ),
      { seed: 2, numRuns: 500 },
    );
  });

  it('treats a Dirac initial distribution as collapsed', () => {
    expect(collapseProbabilityBounds(0, { n: 5, S0: 1, support: 1 })).toMatchObject({ lower: 1, upper: 1 });
  });

  it('rejects infeasible (S0, support)', () => {
    expect(() => collapseProbabilityBounds(1, { n: 5, S0: 0.01, support: 10 })).toThrow(/S0 must be >= 1\/support/);
    expect(() => collapseProbabilityBounds(1, { n: 5, S0: 1, support: 10 })).toThrow(/S0 must be < 1/);
    expect(() => collapseProbabilityBounds(1, { n: 5, S0: 0.5, support: 0 })).toThrow(/support must be a safe integer >= 1/);
  });
});

describe('collapseTimeBounds (Theorem 1, eq. 8)', () => {
  it('brackets the exact E[T] from the absorbing-chain solve', () => {
    const cases: Array<{ p: Rational[]; n: number }> = [
      { p: [r(1, 2), r(1, 2)], n: 2 },
      { p: [r(1, 2), r(1, 3), r(1, 6)], n: 3 },
      { p: [r(1, 4), r(3, 4)], n: 5 },
      { p: [r(1, 3), r(1, 3), r(1, 3)], n: 4 },
    ];
    for (const { p, n } of cases) {
      const exact = fullySyntheticExpectedCollapseTime(p, n).ET.toNumber();
      const S0 = p.reduce((acc, x) => acc.add(x.mul(x)), Rational.ZERO).toNumber();
      const b = collapseTimeBounds({ n, S0, support: p.length });
      expect(b.lower).toBeLessThanOrEqual(exact + 1e-12);
      expect(exact).toBeLessThanOrEqual(b.upper + 1e-12);
    }
  });

  it('matches the documented example', () => {
    const b = collapseTimeBounds({ n: 10, S0: 0.1, support: 52 });
    expect(relErr(b.lower, 1 + (0.9 * 9 * 52) / 51)).toBeLessThan(1e-15);
    expect(b.upper).toBe(82);
  });

  it('orders the bounds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 2, max: 1e7 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (n, support, t) => {
        const S0 = 1 / support + t * (1 - 1 / support);
        const b = collapseTimeBounds({ n, S0, support });
        return 1 <= b.lower && b.lower <= b.upper * (1 + 1e-12);
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});

describe('limitProbabilities (Proposition 1)', () => {
  it('equals the exact absorption probabilities of the enumerated chain', () => {
    const p = [r(1, 2), r(1, 3), r(1, 6)];
    const fix = fullySyntheticFixationProbabilities(p, 3);
    const lim = limitProbabilities(p.map((x) => x.toNumber()));
    for (let i = 0; i < 3; i++) expect(relErr(lim[i], fix[i].toNumber())).toBeLessThan(1e-12);
  });

  it('validates and returns a Float64Array copy', () => {
    const input = [0.5, 0.3, 0.2];
    const out = limitProbabilities(input);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(input);
    expect(() => limitProbabilities([0.5, 0.6])).toThrow(/sum of p must be 1/);
    expect(() => limitProbabilities([0.5, -0.1, 0.6])).toThrow(/p\[1\] must be a finite number >= 0/);
    expect(() => limitProbabilities([])).toThrow(ParameterRangeError);
  });
});
