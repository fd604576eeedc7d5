import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deviationBound,
  deviationBoundZeta,
  logDeviationBound,
  logDeviationBoundZeta,
  zeta,
} from '../../src/theory/deviation.ts';
import { G, phi } from '../../src/theory/concentration.ts';
import { lambdaP } from '../../src/distributions/subset-balance.ts';
import { Rational } from '../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { partiallySyntheticLaw } from '../oracles/wright-fisher.ts';
import { relErr } from '../helpers.ts';

const r = (a: number, b = 1) => Rational.of(a, b);

describe('deviationBound (Theorem 3)', () => {
  it('is (1/N)·sqrt(πn/2)·G_n(s)', () => {
    for (const [N, n, s] of [[100, 10, 600], [1e6, 1000, 50_257], [10, 3, 3], [7, 100, 20]] as const) {
      const expected = (1 / N) * Math.sqrt((Math.PI * n) / 2) * G(n, s);
      expect(relErr(deviationBound({ N, n, s }), expected)).toBeLessThan(1e-13);
      expect(relErr(logDeviationBound({ N, n, s }), Math.log(expected))).toBeLessThan(1e-13);
    }
  });

  it('is about 2.5e4 in the paper’s Figure 3–4 setting, where an L1 distance is at most 2', () => {
    const b = deviationBound({ N: 100, n: 10, s: 600 });
    expect(b).toBeGreaterThan(2e4);
    expect(b).toBeLessThan(3e4);
  });

  it('holds against the exact E‖p^(m) − p^(1)‖₁ of the enumerated chain', () => {
    const p = [r(1, 2), r(1, 3), r(1, 6)];
    const law = partiallySyntheticLaw(p, 3, 2, 4);
    for (let m = 2; m <= 4; m++) {
      expect(law.meanL1FromFirst[m].toNumber()).toBeLessThan(deviationBound({ N: 3, n: 2, s: 3 }));
    }
  });

  it('overflows to Infinity only where its log is finite', () => {
    expect(deviationBound({ N: 1e6, n: 1e9, s: 256_000 })).toBe(Infinity);
    expect(Number.isFinite(logDeviationBound({ N: 1e6, n: 1e9, s: 256_000 }))).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => deviationBound({ N: 0, n: 1, s: 10 })).toThrow(/N must be a safe integer >= 1/);
    expect(() => deviationBound({ N: 1, n: 0, s: 10 })).toThrow(/n must be a safe integer >= 1/);
    expect(() => deviationBound({ N: 1, n: 1, s: 1 })).toThrow(/s must be a safe integer >= 2/);
    expect(() => deviationBound(undefined as unknown as { N: number; n: number; s: number })).toThrow(ParameterTypeError);
  });
});

describe('zeta (Theorem 4)', () => {
  it('matches its two closed forms', () => {
    const w = 100 / 110;
    expect(relErr(zeta({ N: 100, n: 10, lambda1: 0.1, variant: 'printed' }), 0.5 - (0.5 - 0.2) * w * w)).toBeLessThan(1e-15);
    expect(relErr(zeta({ N: 100, n: 10, lambda1: 0.1 }), 2 * w * w * 0.1 + ((1 - w) * (1 + 3 * w)) / 2)).toBeLessThan(1e-15);
  });

  it('corrected ≥ printed, both in [2λ1·w², 1/2], both → 2λ1 as n/N → 0 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 0, max: 0.25, noNaN: true }), (N, n, lambda1) => {
        const c = zeta({ N, n, lambda1 });
        const p = zeta({ N, n, lambda1, variant: 'printed' });
        const w = N / (N + n);
        return p <= c + 1e-15 && c <= 0.5 && p >= 2 * lambda1 * w * w - 1e-15;
      }),
      { seed: 7, numRuns: 1000 },
    );
    expect(relErr(zeta({ N: 1e12, n: 1, lambda1: 0.1 }), 0.2)).toBeLessThan(1e-10);
  });

  it('bounds 2·E[λ(p^(k))] for every generation, exactly, in the enumerated chain', () => {
    for (const { p, N, n } of [
      { p: [r(1, 2), r(1, 3), r(1, 6)], N: 3, n: 2 },
      { p: [r(1, 10), r(3, 10), r(6, 10)], N: 2, n: 3 },
      { p: [r(1, 4), r(3, 4)], N: 2, n: 2 },
    ]) {
      const law = partiallySyntheticLaw(p, N, n, 5);
      const lambda1 = law.meanLambda[1].toNumber();
      const z = zeta({ N, n, lambda1 });
      for (let k = 1; k <= 5; k++) {
        expect(2 * law.meanLambda[k].toNumber()).toBeLessThanOrEqual(z + 1e-15);
        expect(law.meanPi[k].toNumber()).toBeLessThanOrEqual(z + 1e-15);
      }
    }
  });

  it('rejects lambda1 outside [0, 1/4]', () => {
    expect(() => zeta({ N: 10, n: 1, lambda1: 0.3 })).toThrow(/lambda1 must be a finite number >= 0 and <= 0.25; received 0.3/);
  });
});

describe('deviationBoundZeta (Theorem 4)', () => {
  it('is (1/N)·sqrt(nπ/φ(ζ))·G_n(s) and never exceeds Theorem 3’s bound', () => {
    const z = zeta({ N: 100, n: 10, lambda1: 0.1 });
    const expected = (1 / 100) * Math.sqrt((10 * Math.PI) / phi(z)) * G(10, 600);
    expect(relErr(deviationBoundZeta({ N: 100, n: 10, s: 600, lambda1: 0.1 }), expected)).toBeLessThan(1e-13);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e4 }), fc.integer({ min: 2, max: 1e5 }), fc.double({ min: 0, max: 0.25, noNaN: true }), (N, n, s, lambda1) => {
        return logDeviationBoundZeta({ N, n, s, lambda1 }) <= logDeviationBound({ N, n, s }) + 1e-12;
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it('equals Theorem 3 when λ1 = 1/4', () => {
    expect(relErr(deviationBoundZeta({ N: 50, n: 5, s: 40, lambda1: 0.25 }), deviationBound({ N: 50, n: 5, s: 40 }))).toBeLessThan(1e-15);
  });

  it('accepts a first-generation distribution and uses λ(p^(1))', () => {
    const p1 = [0.7, 0.2, 0.1];
    const lam = lambdaP(p1).value;
    expect(relErr(lam, 0.3 * 0.7)).toBeLessThan(1e-12);
    expect(deviationBoundZeta({ N: 100, n: 10, s: 3, lambda1: p1 })).toBe(deviationBoundZeta({ N: 100, n: 10, s: 3, lambda1: lam }));
  });

  it('rejects a bad lambda1', () => {
    expect(() => deviationBoundZeta({ N: 1, n: 1, s: 3, lambda1: 'x' as unknown as number })).toThrow(ParameterTypeError);
    expect(() => deviationBoundZeta({ N: 1, n: 1, s: 3, lambda1: [0.5, 0.6] })).toThrow(ParameterRangeError);
  });
});
