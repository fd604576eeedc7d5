import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactDeviation, exactSafeSyntheticSize } from '../../../src/index.ts';
import { binomialMeanAbsoluteDeviation, firstStepDeviation } from '../../../src/exact/safe-size/first-step.ts';
import { tokenDriftOracle } from '../../oracles/token-drift.ts';

const inSet = (intervals: { from: number; to: number }[], n: number): boolean => intervals.some((iv) => iv.from <= n && n <= iv.to);

describe('first synthetic generation: the closed-form lower bound', () => {
  it("de Moivre's binomial mean absolute deviation equals the direct sum", () => {
    for (const [n, q] of [[1, 0.5], [7, 0.3], [10, 0.5], [25, 0.04], [60, 0.999]] as const) {
      let direct = 0;
      let pmf = Math.pow(1 - q, n);
      for (let k = 0; k <= n; k++) {
        direct += pmf * Math.abs(k - n * q);
        pmf *= ((n - k) / (k + 1)) * (q / (1 - q));
      }
      expect(binomialMeanAbsoluteDeviation(n, q)).toBeCloseTo(direct, 13);
    }
  });

  it('equals E‖p^(2) − p^(1)‖₁ (exactDeviation, and the independent oracle at M = 2)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }), (N, n, w) => {
        const total = w.reduce((a, b) => a + b, 0);
        const p = w.map((x) => x / total);
        const closed = firstStepDeviation(p, p.map(() => 1), N, n);
        const exact = exactDeviation({ p, N, n, generations: 2, stationary: false }).fromFirst[2];
        const f = tokenDriftOracle(N, n, 2);
        const oracle = p.reduce((a, x) => a + f(x), 0);
        expect(closed).toBeLessThanOrEqual(exact * (1 + 1e-12));
        expect(Math.abs(closed - oracle)).toBeLessThan(1e-12 * Math.max(1, oracle));
      }),
      { seed: 4, numRuns: 60 },
    );
  });
});

describe('beyond the work limit: a certified bracket, not a refusal', () => {
  it('contains the exact answer (given p, every generation and M = 3), checked at every n against the oracle', () => {
    for (const M of [null, 3] as const) {
      const p = [0.5, 0.3, 0.2];
      const N = 20;
      const f = tokenDriftOracle(N, 6, M);
      const epsilon = p.reduce((a, x) => a + f(x), 0); // the boundary near n = 6
      const full = exactSafeSyntheticSize({ epsilon, N, p, ...(M === null ? {} : { generations: M }) });
      const tight = exactSafeSyntheticSize({ epsilon, N, p, maxOperations: 2e4, ...(M === null ? {} : { generations: M }) });
      expect(full.status).toBe('exact');
      expect(tight.status).toBe('bracketed');
      expect(tight.certificate.scope).toMatch(/^bracketed/);
      for (let n = 1; n <= 60; n++) {
        const g = tokenDriftOracle(N, n, M);
        const D = p.reduce((a, x) => a + g(x), 0);
        if (Math.abs(D - epsilon) < 1e-9 * epsilon) continue;
        if (inSet(tight.safe.intervals, n)) expect(D, `M = ${M}, n = ${n} reported safe`).toBeLessThanOrEqual(epsilon);
        else if (!inSet(tight.undecided, n)) expect(D, `M = ${M}, n = ${n} reported unsafe`).toBeGreaterThan(epsilon);
      }
    }
  }, 120_000);

  it('answers the questions the audit found refused (ε = 0.1, N = 100, s = 100, M = 10; near the limit)', () => {
    const a = exactSafeSyntheticSize({ epsilon: 0.1, N: 100, s: 100, generations: 10 });
    // The full search (maxOperations 1e11, 21 s) gives {1..5} ∪ {32 717..∞}: the bracket contains it.
    expect(a.safe.intervals[0]).toEqual({ from: 1, to: 5 });
    for (const iv of a.safe.intervals.slice(1)) expect(iv.from).toBeGreaterThanOrEqual(32_717);
    for (const iv of a.undecided) expect(iv.from).toBeGreaterThan(5);
    const b = exactSafeSyntheticSize({ epsilon: 0.05, N: 1e4, s: 100 });
    expect(b.maxN).toBeGreaterThan(1000);
    expect(['exact', 'bracketed']).toContain(b.status);
  }, 120_000);
});
