import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paperSafeSyntheticSize, safeSyntheticSizes } from '../../src/theory/safe-size.ts';
import { C0, C1 } from '../../src/theory/constants.ts';
import { ParameterRangeError } from '../../src/validate.ts';
import { Precise } from '../../src/numeric/precise.ts';

/** Independent double-precision evaluation of ln(bound(n)) straight from eq. 10 and Theorems 3/4. */
function logBoundOracle(N: number, n: number, s: number, lambda1: number | null): number {
  let lg: number;
  if ((C0 * n) / Math.E + 2 <= s) lg = Math.log(C1 * s) + (C0 * n) / (2 * Math.E);
  else if ((C0 * n) / 4 + 2 <= s) lg = Math.log(C1 * s) + (s / 2) * Math.log((C0 * n) / s);
  else lg = Math.log(Math.pow(2, s) - 2);
  let phiValue = 2;
  if (lambda1 !== null) {
    const w = N / (N + n);
    const z = Math.min(0.5, 2 * w * w * lambda1 + ((1 - w) * (1 + 3 * w)) / 2);
    phiValue = z === 0.5 ? 2 : Math.log((1 - z) / z) / (1 - 2 * z);
  }
  return 0.5 * Math.log((Math.PI * n) / phiValue) + lg - Math.log(N);
}

/** Brute-force scan of n = 1..limit. Returns null if a near-tie makes the double scan ambiguous. */
function scan(epsilon: number, N: number, s: number, limit: number, lambda1: number | null): Array<{ from: number; to: number }> | null {
  const out: Array<{ from: number; to: number }> = [];
  const le = Math.log(epsilon);
  for (let n = 1; n <= limit; n++) {
    const lb = logBoundOracle(N, n, s, lambda1);
    if (Math.abs(lb - le) < 1e-9) return null;
    if (lb <= le) {
      const last = out[out.length - 1];
      if (last && last.to === n - 1) last.to = n;
      else out.push({ from: n, to: n });
    }
  }
  return out;
}

/** An n beyond which the regime-3 bound exceeds epsilon for sure, plus margin. */
function scanLimit(epsilon: number, N: number, s: number): number {
  const regime3 = Math.ceil((2 / Math.PI) * Math.pow((epsilon * N) / (Math.pow(2, s) - 2), 2) * 4);
  return Math.max(Math.ceil((4 * (s - 2)) / C0) + 5, regime3 + 5);
}

describe('safeSyntheticSizes (Theorems 3 and 4 inverted exactly)', () => {
  it('equals a brute-force scan of every n (property, Theorem 3)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 1e7 }), fc.double({ min: 1e-3, max: 2, noNaN: true }), (s, N, epsilon) => {
        const limit = scanLimit(epsilon, N, s);
        if (limit > 200_000) return true;
        const expected = scan(epsilon, N, s, limit, null);
        if (expected === null) return true;
        compared++;
        const got = safeSyntheticSizes({ epsilon, N, s });
        expect(got.intervals).toEqual(expected);
        expect(got.maxN).toBe(expected.length ? expected[expected.length - 1].to : null);
        return true;
      }),
      { seed: 9, numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  it('equals a brute-force scan of every n (property, Theorem 4)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 1e-3, max: 2, noNaN: true }), fc.double({ min: 0, max: 0.25, noNaN: true }), (s, N, epsilon, lambda1) => {
        const limit = scanLimit(epsilon, N, s);
        if (limit > 100_000) return true;
        const expected = scan(epsilon, N, s, limit, lambda1);
        if (expected === null) return true;
        const got = safeSyntheticSizes({ epsilon, N, s, bound: 'theorem4', lambda1 });
        expect(got.intervals).toEqual(expected);
        return true;
      }),
      { seed: 10, numRuns: 200 },
    );
  });

  it('can be a union of two intervals (G drops from regime 2 to regime 3)', () => {
    // s = 12: regime 2 ends at n = 12 where G ≈ C1·12·(C0·12/12)^6 ≫ 2^12 − 2.
    const got = safeSyntheticSizes({ epsilon: 2, N: 60_000, s: 12 });
    const expected = scan(2, 60_000, 12, scanLimit(2, 60_000, 12), null);
    expect(got.intervals).toEqual(expected);
    expect(got.intervals.length).toBe(2);
  });

  it('works at LLM scale and with N = 1e15 (answers beyond 2^53 as bigints)', () => {
    // Theorem 3 allows no synthetic data at all for a GPT-2-sized vocabulary with a million real samples…
    expect(safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 50_257 }).maxN).toBeNull();
    // …and a few dozen with 10^15: logarithmic in Nε/s, as eq. 11 says.
    const llm = safeSyntheticSizes({ epsilon: 0.1, N: 1e15, s: 50_257 });
    const paper = paperSafeSyntheticSize({ epsilon: 0.1, N: 1e15, s: 50_257 });
    expect(llm.intervals[0].from).toBe(1);
    expect(llm.maxN as number).toBeGreaterThanOrEqual(paper.maxN);
    expect(llm.maxN as number).toBeLessThan(3 * paper.maxN);
    // s = 2 is regime 3 for every n: sqrt(πn/2)·(2² − 2)/N ≤ ε ⇔ n ≤ (εN)²/(2π), evaluated here in 60 digits.
    for (const [epsilon, N] of [[1, 1e15], [0.37, 123_456_789_012_345], [2, 1e9]] as const) {
      const huge = safeSyntheticSizes({ epsilon, N, s: 2 });
      const expected = BigInt(new Precise(epsilon).mul(N).pow(2).div(Precise.acos(-1).mul(2)).floor().toFixed(0));
      expect(huge.exact.maxN).toBe(expected);
      expect(huge.exact.intervals).toEqual([{ from: 1n, to: expected }]);
    }
  });

  it('contains every n eq. 11 allows (eq. 11 is sufficient), property', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 1e6 }), fc.integer({ min: 1, max: 1e15 }), fc.double({ min: 1e-6, max: 2, noNaN: true }), (s, N, epsilon) => {
        const paper = paperSafeSyntheticSize({ epsilon, N, s });
        if (paper.maxN === 0) return true;
        const exact = safeSyntheticSizes({ epsilon, N, s });
        return exact.intervals.length > 0 && exact.intervals[0].from === 1 && exact.intervals[0].to >= paper.maxN;
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('rejects bad input', () => {
    expect(() => safeSyntheticSizes({ epsilon: 0, N: 10, s: 10 })).toThrow(/epsilon must be a finite number > 0 and <= 2; received 0/);
    expect(() => safeSyntheticSizes({ epsilon: 3, N: 10, s: 10 })).toThrow(ParameterRangeError);
    expect(() => safeSyntheticSizes({ epsilon: 0.1, N: 1e16, s: 10 })).toThrow(/N must be an integer >= 1 and <= 1000000000000000/);
    expect(() => safeSyntheticSizes({ epsilon: 0.1, N: 10, s: 10, bound: 'theorem4' })).toThrow(/lambda1 must be given/);
    expect(() => safeSyntheticSizes({ epsilon: 0.1, N: 10, s: 10, bound: 'x' as 'theorem3' })).toThrow(/bound must be one of/);
  });
});

describe('paperSafeSyntheticSize (eq. 11 as printed)', () => {
  it('computes the printed right-hand side', () => {
    const got = paperSafeSyntheticSize({ epsilon: 0.1, N: 1e6, s: 100 });
    const rhs = 2 * Math.PI * Math.exp(-2) * Math.min(98, Math.log((Math.SQRT2 * Math.PI * 1e6 * 0.1) / (6 * Math.E * 100)));
    expect(got.bound).toBeCloseTo(rhs, 13);
    expect(got.maxN).toBe(Math.floor(rhs));
    expect(got.valid).toBe(true);
    expect(got.theorem3BoundAtMaxN as number).toBeLessThanOrEqual(0.1);
  });

  it('allows no synthetic data in the paper’s own setting (N = 100, s = 600)', () => {
    const got = paperSafeSyntheticSize({ epsilon: 0.1, N: 100, s: 600 });
    expect(got.maxN).toBe(0);
    expect(got.valid).toBe(false);
    expect(got.bound).toBeLessThan(0);
    expect(got.reason).toMatch(/allows no synthetic data/);
  });

  it('its answer always satisfies Theorem 3 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 1e7 }), fc.integer({ min: 1, max: 1e15 }), fc.double({ min: 1e-6, max: 2, noNaN: true }), (s, N, epsilon) => {
        const got = paperSafeSyntheticSize({ epsilon, N, s });
        return got.maxN === 0 || (got.valid && (got.theorem3BoundAtMaxN as number) <= epsilon);
      }),
      { seed: 12, numRuns: 1000 },
    );
  });
});
