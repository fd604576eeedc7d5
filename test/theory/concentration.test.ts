import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { G, gRegime, gRegimeLimits, logG, phi } from '../../src/theory/concentration.ts';
import { C0, C1 } from '../../src/theory/constants.ts';
import { Precise } from '../../src/numeric/precise.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { relErr } from '../helpers.ts';

/** φ in 60-digit arithmetic: the oracle. */
function precisePhi(x: number): number {
  const px = new Precise(x);
  const t = new Precise(1).minus(px.mul(2));
  if (t.isZero()) return 2;
  return new Precise(1).minus(px).div(px).ln().div(t).toNumber();
}

describe('phi (Appendix A)', () => {
  it('matches the documented examples', () => {
    expect(phi(0.5)).toBe(2);
    expect(relErr(phi(0.25), 2 * Math.log(3))).toBeLessThan(1e-15);
    expect(phi(0)).toBe(Infinity);
    expect(relErr(phi(Number.MIN_VALUE), -Math.log(Number.MIN_VALUE))).toBeLessThan(1e-15);
  });

  it('is accurate near 1/2, near 0 and in between (60-digit oracle)', () => {
    const xs = [0.5 - 1e-17, 0.5 - 1e-12, 0.5 - 1e-8, 0.4999, 0.4995, 0.49949, 0.4, 0.25, 0.3, 0.2499, 0.1, 1e-3, 1e-10, 1e-100, 1e-300];
    for (const x of xs) expect(relErr(phi(x), precisePhi(x))).toBeLessThan(4e-16);
  });

  it('is decreasing with φ ≥ 2 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        return phi(x) >= phi(y) && phi(y) >= 2;
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('x ↦ φ(x)^(−1/2) is concave on (0, 1/2], as the proof of Theorem 4 uses (second differences)', () => {
    const f = (x: number) => 1 / Math.sqrt(phi(x));
    const h = 1e-4;
    for (let x = 2 * h; x <= 0.5 - h; x += 1e-3) {
      expect(f(x - h) + f(x + h) - 2 * f(x)).toBeLessThanOrEqual(1e-15);
    }
  });

  it('rejects x outside [0, 1/2]', () => {
    expect(() => phi(0.6)).toThrow(/x must be a finite number >= 0 and <= 0.5; received 0.6/);
    expect(() => phi(-1e-300)).toThrow(ParameterRangeError);
    expect(() => phi(Number.NaN)).toThrow(ParameterRangeError);
    expect(() => phi('0.1' as unknown as number)).toThrow(ParameterTypeError);
  });
});

describe('G_n(s) and its regimes (eq. 10)', () => {
  it('uses exactly the cases of eq. 10 (property, away from the irrational thresholds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 2, max: 1e7 }), (n, s) => {
        const a = (C0 * n) / Math.E + 2;
        const b = (C0 * n) / 4 + 2;
        const expected = a <= s ? 1 : b <= s ? 2 : 3;
        return gRegime(n, s) === expected;
      }),
      { seed: 6, numRuns: 3000 },
    );
  });

  it('decides the regime exactly at the thresholds', () => {
    for (const s of [3, 10, 600, 50_257, 256_000, 1e7]) {
      const { regime1Max, regime2Max } = gRegimeLimits(s);
      const check = (n: bigint, limit: number) =>
        new Precise(n.toString()).mul(C0Precise()).div(limit === 1 ? new Precise(1).exp() : new Precise(4)).plus(2).lte(s);
      if (regime1Max >= 1n) {
        expect(check(regime1Max, 1)).toBe(true);
        expect(gRegime(Number(regime1Max), s)).toBe(1);
      }
      expect(check(regime1Max + 1n, 1)).toBe(false);
      expect(check(regime2Max + 1n, 2)).toBe(false);
      if (regime2Max > regime1Max) expect(gRegime(Number(regime2Max), s)).toBe(2);
      expect(gRegime(Number(regime2Max + 1n), s)).toBe(3);
    }
  });

  it('evaluates each case by its formula', () => {
    expect(relErr(G(10, 600), C1 * 600 * Math.exp((C0 * 10) / (2 * Math.E)))).toBeLessThan(1e-14);
    expect(relErr(G(600, 600), C1 * 600 * Math.pow((C0 * 600) / 600, 300))).toBeLessThan(1e-12);
    expect(G(1, 3)).toBeCloseTo(C1 * 3 * Math.pow(C0 / 3, 1.5), 12);
    expect(G(5, 3)).toBe(6);
    expect(G(1, 2)).toBeCloseTo(2, 15);
    expect(relErr(logG(1000, 600), 600 * Math.LN2)).toBeLessThan(1e-15);
  });

  it('stays finite in log space where G overflows (s = 256 000, n = 1e7 and 1e9)', () => {
    for (const [n, s] of [[1e7, 256_000], [1e9, 256_000], [1e5, 1e7], [1e9, 1e7]] as const) {
      const lg = logG(n, s);
      expect(Number.isFinite(lg)).toBe(true);
      expect(G(n, s)).toBe(Infinity);
      // 60-digit oracle of the same case
      const regime = gRegime(n, s);
      const ps = new Precise(s);
      const lc = new Precise(C1).mul(ps).ln();
      const exact =
        regime === 1
          ? lc.plus(new Precise(C0).mul(n).div(new Precise(1).exp().mul(2)))
          : regime === 2
            ? lc.plus(ps.div(2).mul(new Precise(C0).mul(n).div(ps).ln()))
            : ps.mul(new Precise(2).ln());
      expect(relErr(lg, exact.toNumber())).toBeLessThan(1e-13);
    }
  });

  it('rejects bad input', () => {
    expect(() => G(0, 10)).toThrow(/n must be a safe integer >= 1; received 0/);
    expect(() => logG(10, 1)).toThrow(/s must be a safe integer >= 2; received 1/);
    expect(() => gRegime(10, 2.5)).toThrow(ParameterRangeError);
  });
});

function C0Precise() {
  return new Precise(1).exp().pow(3).div(Precise.acos(-1).mul(2));
}
