import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareSafeSyntheticSizes, exactSafeSyntheticSize } from '../../../src/exact/safe-size/index.ts';
import { exactDeviation } from '../../../src/exact/deviation/index.ts';
import { paperSafeSyntheticSize, safeSyntheticSizes } from '../../../src/theory/safe-size.ts';
import { deviationBound } from '../../../src/theory/deviation.ts';
import { uniform } from '../../../src/distributions/uniform.ts';
import { ParameterRangeError, ParameterTypeError } from '../../../src/validate.ts';

type Interval = { from: number; to: number };
const contains = (intervals: Interval[], n: number): boolean => intervals.some((iv) => n >= iv.from && n <= iv.to);

/** The criterion evaluated directly: deviation at generation M (or the limit) ≤ ε. */
function directlySafe(p: number[], N: number, n: number, epsilon: number, M: number | undefined): boolean {
  const d = exactDeviation({ p, N, n, generations: M ?? 0, stationary: M === undefined });
  const value = M === undefined ? (d.stationary as { fromFirst: number }).fromFirst : d.fromFirst[M];
  return value <= epsilon;
}

describe('exactSafeSyntheticSize: against a brute-force scan of every n', () => {
  const weights = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 4 });
  it('agrees on every n up to well past the boundary (given p, stationary and finite M)', () => {
    fc.assert(
      fc.property(
        weights,
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.97, max: 1.03, noNaN: true }),
        fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
        (w, N, n0, factor, M) => {
          const total = w.reduce((a, b) => a + b, 0);
          const p = w.map((x) => x / total);
          // ε near the deviation at some n0, so the boundary is non-trivial.
          const d0 = exactDeviation({ p, N, n: n0, generations: M ?? 0, stationary: M === undefined });
          const epsilon = Math.min(2, factor * (M === undefined ? (d0.stationary as { fromFirst: number }).fromFirst : d0.fromFirst[M]));
          fc.pre(epsilon > 0);
          const r = exactSafeSyntheticSize({ epsilon, N, p, generations: M });
          const limit = Math.min(Number.isFinite(r.maxN ?? 0) ? (r.maxN ?? 0) + 2 * N + 10 : 4 * N + 40, 200);
          for (let n = 1; n <= limit; n++) expect([n, contains(r.safe.intervals, n)]).toEqual([n, directlySafe(p, N, n, epsilon, M)]);
        },
      ),
      { seed: 424242, numRuns: 12 },
    );
  });

  it('reports holes: the deviation is not monotone in n (N = 10, p = (½, ½): n = 9 → 10 dips)', () => {
    const p = [0.5, 0.5];
    const at = (n: number): number => (exactDeviation({ p, N: 10, n, generations: 0 }).stationary as { fromFirst: number }).fromFirst;
    expect(at(10)).toBeLessThan(at(9));
    const epsilon = (at(9) + at(10)) / 2;
    const r = exactSafeSyntheticSize({ epsilon, N: 10, p });
    expect(contains(r.safe.intervals, 9)).toBe(false);
    expect(contains(r.safe.intervals, 10)).toBe(true);
    expect(r.safe.intervals.length).toBeGreaterThanOrEqual(2);
    expect(r.certificate.decreases.some((d) => d.n === 9)).toBe(true);
  });

  it('at a finite number of generations the deviation falls back for large n: the set ends with [b, ∞)', () => {
    const r = exactSafeSyntheticSize({ epsilon: 0.1, N: 1000, s: 100, generations: 2 });
    const last = r.safe.intervals[r.safe.intervals.length - 1];
    expect(last.to).toBe(Infinity);
    expect(r.safe.intervals.length).toBe(2);
    expect(r.maxN).toBe(Infinity);
    const b = last.from;
    expect(directlySafe(uniform(100) as unknown as number[], 1000, b, 0.1, 2)).toBe(true);
    expect(directlySafe(uniform(100) as unknown as number[], 1000, b - 1, 0.1, 2)).toBe(false);
  });
});

describe('exactSafeSyntheticSize: lower bound ≤ exact ≤ upper bound', () => {
  it('contains the Theorem 3 set and eq. 11 (the paper’s bounds are valid, so they are conservative)', () => {
    // Where Theorem 3 allows any n, the exact boundary is in the millions (N·p_i ≳ 30/ε), so the
    // inclusion is checked pointwise: every n Theorem 3 (or eq. 11) allows has exact deviation ≤ ε,
    // for the uniform p (the worst case) and for random p; and the full exact set contains them
    // whenever it is cheap to compute.
    fc.assert(
      fc.property(
        fc.double({ min: 0.003, max: 0.5, noNaN: true }),
        fc.integer({ min: 1e4, max: 1e6 }),
        fc.integer({ min: 20, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 60 }),
        (epsilon, N, s, w) => {
          const t3 = safeSyntheticSizes({ epsilon, N, s });
          const eq11 = paperSafeSyntheticSize({ epsilon, N, s });
          const allowed = new Set<number>();
          for (const iv of t3.intervals) for (const n of [iv.from, iv.to]) allowed.add(n);
          if (eq11.maxN >= 1) allowed.add(eq11.maxN);
          const weights = w.slice(0, s);
          while (weights.length < s) weights.push(1);
          const total = weights.reduce((a, b) => a + b, 0);
          const random = weights.map((x) => x / total);
          for (const n of allowed) {
            expect(n).toBeLessThan(200); // for s ≥ 20 Theorem 3 only ever allows small n
            for (const p of [uniform(s), random]) {
              const d = exactDeviation({ p, N, n, generations: 0 });
              const value = (d.stationary as { fromFirst: number }).fromFirst;
              expect(value).toBeLessThanOrEqual(deviationBound({ N, n, s }));
              expect(value).toBeLessThanOrEqual(epsilon);
            }
          }
          // The full answer, when the second-moment bound settles it without evaluations.
          if (Math.sqrt((1 - 1 / N) / (2 * N + 1)) * Math.sqrt(s - 1) <= epsilon) {
            const r = exactSafeSyntheticSize({ epsilon, N, s, certifyWorstCase: false });
            for (const n of allowed) expect(contains(r.safe.intervals, n)).toBe(true);
          }
        },
      ),
      { seed: 11, numRuns: 30 },
    );
  });

  it('worst case over p: no distribution on s tokens exceeds the certified upper bound', () => {
    const N = 200;
    const s = 5;
    const r = exactSafeSyntheticSize({ epsilon: 0.05, N, s });
    expect(r.maxN).not.toBe(Infinity);
    const wc = r.worstCase;
    expect(wc).not.toBeNull();
    if (wc === null) return;
    const n = wc.n;
    const atUniform = (exactDeviation({ p: uniform(s), N, n, generations: 0 }).stationary as { fromFirst: number }).fromFirst;
    // uniform is a certified lower value, upperBound a certified upper bound of the worst case.
    expect(wc.uniform).toBeLessThanOrEqual(atUniform + 1e-12);
    expect(atUniform).toBeLessThanOrEqual(wc.upperBound);
    expect(wc.upperBound - wc.uniform).toBeLessThan(1e-3 * wc.uniform);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: s, maxLength: s }), (w) => {
        const total = w.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const p = w.map((x) => x / total);
        const d = (exactDeviation({ p, N, n, generations: 0 }).stationary as { fromFirst: number }).fromFirst;
        expect(d).toBeLessThanOrEqual(wc.upperBound + 1e-12);
      }),
      { seed: 3, numRuns: 40 },
    );
  });

  it('N = 1e6, s = 50 257, ε = 0.1 (the paper’s vocabulary): exact maxN ≈ 8.7e5 where eq. 11 and Theorem 3 allow none', () => {
    const r = exactSafeSyntheticSize({ epsilon: 0.1, N: 1e6, s: 50_257 });
    expect(r.maxN).toBe(871_275);
    expect(r.safe.intervals).toEqual([{ from: 1, to: 871_275 }]);
    expect(r.comparison.eq11.maxN).toBe(0);
    expect(r.comparison.theorem3.maxN).toBeNull();
    expect(r.worstCase?.safeForEveryP).toBe(true);
    expect(r.worstCase?.certifiedMaxN).toBe(871_275);
    const at = r.boundary.find((e) => e.n === 871_275);
    const above = r.boundary.find((e) => e.n === 871_276);
    expect(at?.safe).toBe(true);
    expect(above?.safe).toBe(false);
  });
});

describe('exactSafeSyntheticSize: inputs and comparison', () => {
  it('every n is safe when the exact second-moment bound is already below ε', () => {
    const r = exactSafeSyntheticSize({ epsilon: 0.5, N: 1000, s: 100 });
    expect(r.safe.intervals).toEqual([{ from: 1, to: Infinity }]);
    expect(r.evaluations).toBe(0);
  });

  it('compareSafeSyntheticSizes puts eq. 11, Theorem 3 and the exact answer side by side', () => {
    const c = compareSafeSyntheticSizes({ epsilon: 0.1, N: 1000, s: 100 });
    expect(c.eq11).toBe(0);
    expect(c.theorem3).toBeNull();
    expect(c.exact).toBe(242);
    expect(c.factor).toBeNull();
    const c2 = compareSafeSyntheticSizes({ epsilon: 1, N: 1e7, s: 3 });
    expect(c2.exact).toBe(Infinity);
  });

  it('beyond maxOperations: a certified bracket with the reason, never a refusal', () => {
    // s = 3, N = 10⁴: ~950 corpus counts of ~1 000-state chains per evaluation near n ≈ 1.2·10⁴.
    const a = exactSafeSyntheticSize({ epsilon: 0.007, N: 10_006, s: 3 });
    expect(a.status).toBe('bracketed');
    expect(a.certificate.scope).toMatch(/approximate answer: maxN ≈ [0-9.e+]+, .*about 10 exact evaluations near that n/);
    expect(a.undecided.length).toBeGreaterThan(0);
    const b = exactSafeSyntheticSize({ epsilon: 0.1, N: 1e6, s: 50_257, maxOperations: 1e6 });
    expect(b.status).toBe('bracketed');
    expect(b.certificate.scope).toMatch(/maxOperations/);
    // Everything certified safe at the small budget is safe in the full answer (maxN = 871 275).
    expect(b.maxN).toBeLessThanOrEqual(871_275);
    // The n → ∞ limit beyond the budget is bracketed by [0, the second-moment supremum], not refused.
    const many = Array.from({ length: 2000 }, (_, i) => i + 1);
    const total = many.reduce((x, y) => x + y, 0);
    const c = exactSafeSyntheticSize({ epsilon: 0.1, N: 1e12, p: many.map((w) => w / total), maxOperations: 1e8 });
    expect(c.certificate.limit.value).toBe(0);
    expect(c.certificate.limit.error).toBeGreaterThan(0);
    expect(c.safe.intervals).toEqual([{ from: 1, to: Infinity }]); // the second-moment bound settles it
  });

  it('throws typed errors naming the parameter', () => {
    expect(() => exactSafeSyntheticSize({ epsilon: 0, N: 10, s: 5 })).toThrow(/epsilon must be/);
    expect(() => exactSafeSyntheticSize({ epsilon: 3, N: 10, s: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSafeSyntheticSize({ epsilon: 0.1, N: 0, s: 5 })).toThrow(/N must be/);
    expect(() => exactSafeSyntheticSize({ epsilon: 0.1, N: 10 })).toThrow(ParameterTypeError);
    expect(() => exactSafeSyntheticSize({ epsilon: 0.1, N: 10, s: 1 })).toThrow(/s must be/);
    expect(() => exactSafeSyntheticSize({ epsilon: 0.1, N: 10, s: 3, p: [0.5, 0.5] })).toThrow(/s must be the length of p/);
    expect(() => exactSafeSyntheticSize({ epsilon: 0.1, N: 10, s: 3, generations: 1 })).toThrow(/generations/);
    expect(() => exactSafeSyntheticSize({ epsilon: 0.1, N: 10, s: 3, certifyWorstCase: 1 as unknown as boolean })).toThrow(ParameterTypeError);
    expect(() => exactSafeSyntheticSize('x' as unknown as { epsilon: number; N: number })).toThrow(ParameterTypeError);
  });
});
