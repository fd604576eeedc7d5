import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partiallySyntheticLimit, partiallySyntheticS } from '../../src/theory/partially-synthetic.ts';
import { ParameterRangeError } from '../../src/validate.ts';
import { Rational } from '../../src/numeric/rational.ts';
import { partiallySyntheticLaw } from '../oracles/wright-fisher.ts';
import { relErr } from '../helpers.ts';

const r = (a: number, b = 1) => Rational.of(a, b);
const sumSquares = (p: Rational[]) => p.reduce((acc, x) => acc.add(x.mul(x)), Rational.ZERO);

/** Theorem 2 with the corrected sign, evaluated in exact rational arithmetic. */
function correctedRational(m: number, N: number, n: number, S0: Rational): Rational {
  if (m === 0) return S0;
  const invN = r(1, N);
  const S1 = invN.add(Rational.ONE.sub(invN).mul(S0));
  if (m === 1) return S1;
  const alpha = r(n, N + n);
  const beta = alpha.mul(Rational.ONE.add(invN).mul(alpha).sub(invN));
  const D = Rational.ONE.add(Rational.ONE.add(invN).mul(alpha));
  const bm = beta.pow(m - 1);
  const first = invN.mul(Rational.ONE.add(alpha.mul(r(2))).sub(Rational.ONE.sub(invN).mul(alpha).mul(bm))).div(D);
  const second = Rational.ONE.sub(invN).mul(S0).div(D).mul(Rational.ONE.add(alpha).add(alpha.mul(bm).mul(invN)));
  return first.add(second);
}

const cases: Array<{ p: Rational[]; N: number; n: number }> = [
  { p: [r(1, 2), r(1, 2)], N: 2, n: 2 },
  { p: [r(1, 3), r(2, 3)], N: 3, n: 2 },
  { p: [r(1, 2), r(1, 3), r(1, 6)], N: 2, n: 3 },
  { p: [r(1, 5), r(2, 5), r(2, 5)], N: 3, n: 2 },
  { p: [r(1, 4), r(3, 4)], N: 1, n: 3 },
];

describe('partiallySyntheticS (Theorem 2, eq. 9)', () => {
  it('equals the exact E σ_m of the enumerated fixed-corpus chain', () => {
    for (const { p, N, n } of cases) {
      const law = partiallySyntheticLaw(p, N, n, 5);
      const S0 = sumSquares(p);
      for (let m = 0; m <= 5; m++) {
        expect(correctedRational(m, N, n, S0).equals(law.S[m])).toBe(true);
        expect(relErr(partiallySyntheticS(m, { N, n, S0: S0.toNumber() }), law.S[m].toNumber())).toBeLessThan(1e-12);
      }
    }
  });

  it('shows that eq. 9 as printed is wrong from m = 2 on (erratum E1)', () => {
    const { p, N, n } = cases[2];
    const law = partiallySyntheticLaw(p, N, n, 3);
    const S0 = sumSquares(p).toNumber();
    expect(relErr(partiallySyntheticS(1, { N, n, S0, variant: 'printed' }), law.S[1].toNumber())).toBeLessThan(1e-12);
    for (const m of [2, 3]) {
      expect(relErr(partiallySyntheticS(m, { N, n, S0, variant: 'printed' }), law.S[m].toNumber())).toBeGreaterThan(1e-3);
    }
  });

  it('matches the documented example (paper setting N = 100, n = 10, S0 = 0.1)', () => {
    const exact = correctedRational(2, 100, 10, r(1, 10)).toNumber();
    expect(relErr(partiallySyntheticS(2, { N: 100, n: 10, S0: 0.1 }), exact)).toBeLessThan(1e-14);
    expect(relErr(partiallySyntheticLimit({ N: 100, n: 10, S0: 0.1 }), correctedRational(200, 100, 10, r(1, 10)).toNumber())).toBeLessThan(1e-14);
  });

  it('agrees with the rational closed form for large N and n (N up to 1e15)', () => {
    for (const [N, n] of [[1e6, 1e4], [1e15, 1e9], [5, 1e9], [1, 1]] as const) {
      for (const m of [2, 3, 10, 50]) {
        const exact = correctedRational(m, N, n, r(3, 10)).toNumber();
        expect(relErr(partiallySyntheticS(m, { N, n, S0: 0.3 }), exact)).toBeLessThan(1e-12);
      }
    }
  });

  it('is non-decreasing in m, within [S0, 1], and tends to its limit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (N, n, S0, m) => {
          const a = partiallySyntheticS(m, { N, n, S0 });
          const b = partiallySyntheticS(m + 1, { N, n, S0 });
          const lim = partiallySyntheticLimit({ N, n, S0 });
          const tol = 1e-14;
          return S0 - tol <= a && a <= b + tol && b <= lim + tol && lim <= 1 + tol;
        },
      ),
      { seed: 4, numRuns: 1000 },
    );
  });

  it('n = 0 (real data only) keeps S_m = S_1', () => {
    expect(partiallySyntheticS(7, { N: 10, n: 0, S0: 0.2 })).toBeCloseTo(0.1 + 0.9 * 0.2, 15);
  });

  it('rejects bad input', () => {
    expect(() => partiallySyntheticS(1, { N: 0, n: 1, S0: 0.1 })).toThrow(/N must be a safe integer >= 1; received 0/);
    expect(() => partiallySyntheticS(1, { N: 10, n: -1, S0: 0.1 })).toThrow(ParameterRangeError);
    expect(() => partiallySyntheticS(1, { N: 10, n: 1, S0: 2 })).toThrow(/S0 must be/);
    expect(() => partiallySyntheticS(1, { N: 10, n: 1, S0: 0.1, variant: 'other' as 'printed' })).toThrow(/variant must be one of/);
    expect(() => partiallySyntheticLimit({ N: 10.5, n: 1, S0: 0.1 })).toThrow(/N must be a safe integer/);
  });
});
