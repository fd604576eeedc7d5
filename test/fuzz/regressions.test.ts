/**
 * The failures the fuzzers found, pinned with their minimal inputs (docs/reliability.md,
 * "Failures found and fixed"). Each used to crash, hang, return NaN or a silently wrong number.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';

describe('fuzz regressions', () => {
  it('meanInterval: values near ±1e308 gave a NaN mean, sd or interval (Welford overflowed)', () => {
    const r = api.meanInterval([1e308, -1e308, 1e308]);
    expect(r.mean).toBeCloseTo(1e308 / 3, -300);
    expect(r.mean / (1e308 / 3)).toBeCloseTo(1, 14);
    expect(r.sd / 1.1547005383792515e308).toBeCloseTo(1, 14); // sd of (1, −1, 1)·1e308
    // the sum of squares 1e616 overflowed: sd and the half-width of a tiny level were NaN
    const t = api.meanInterval([0, 1e308], { level: 5e-324 });
    expect(t.sd / (1e308 / Math.SQRT2)).toBeCloseTo(1, 14);
    expect(t.lower).toBe(t.mean);
    expect(api.meanInterval([1.7e308, 1.7e308]).mean).toBe(1.7e308);
  });

  it('quantiles: interpolating between -1e308 and 1e308 gave NaN', () => {
    expect(Array.from(api.quantiles([1e308, -1e308], [0, 0.5, 1]))).toEqual([-1e308, 0, 1e308]);
    expect(api.quantiles([-1.7e308, 1.7e308], 0.25)[0]).toBeCloseTo(-0.85e308, -300);
  });

  it('tokenCollapseTimes: a token of probability 1 − 1e-300 had a NaN loss time (0/0)', () => {
    const r = api.tokenCollapseTimes([1, 1e-300], { n: 2 });
    expect(Number.isNaN(r.expectedLossTime[0])).toBe(false);
    expect(r.expectedLossTime[0]).toBeCloseTo(r.expectedFixationTime[1], 12);
  });

  it('tokenCollapseTimes: rare tokens (n·p < 1e-16) got fixation time 1, silently (cancellation in 1 − y^n − x^n)', () => {
    const limit = api.tokenCollapseTimes([1 - 1e-8, 1e-8], { n: 20 }).expectedFixationTime[1];
    for (const q of [1e-12, 1e-20, 1e-100, 1e-300]) {
      const t = api.tokenCollapseTimes([1 - q, q], { n: 20 });
      // the conditional fixation time of a rare token tends to a finite limit as q → 0 (≈ 38.272 at n = 20)
      expect(Math.abs(t.expectedFixationTime[1] / limit - 1)).toBeLessThan(1e-7);
      expect(t.expectedLossTime[0]).toBe(t.expectedFixationTime[1]);
    }
  });

  it('scheduleCounts: m = 1e15 threw an untyped RangeError (typed-array length)', () => {
    expect(() => api.scheduleCounts(api.fullySynthetic({ n: 3 }), 1e15)).toThrow(api.ParameterRangeError);
    expect(() => api.scheduleCounts(api.fullySynthetic({ n: 3 }), 2 ** 31)).toThrow(/m must be an integer >= 1 and <= 100000000/);
  });

  it('summarizeCollapseTimes: horizon = 1e15 threw an untyped RangeError', () => {
    expect(() => api.summarizeCollapseTimes([1], { horizon: 1e15 })).toThrow(api.ParameterRangeError);
  });

  it('simulate: generations = 2^31 − 1 allocated and looped before the memory refusal (hang / out of memory)', () => {
    const started = Date.now();
    expect(() => api.simulate({ p: [0.5, 0.5], schedule: api.fullySynthetic({ n: 3 }), generations: 2 ** 31 - 1, runs: 1, seed: 1 })).toThrow(api.MemoryLimitError);
    expect(() => api.simulate({ p: [0.5, 0.5], schedule: api.fullySynthetic({ n: 3 }), generations: 1e7, runs: 1, seed: 1 })).toThrow(api.MemoryLimitError);
    expect(Date.now() - started).toBeLessThan(5_000); // was ~1 s at 1e7 and minutes + 16 GB at 2^31 − 1
  });

  it('exactSecondMomentsCost: generations = 2^31 − 2 aborted the process (V8 fatal "invalid array length")', () => {
    expect(() => api.exactSecondMomentsCost(api.fullySynthetic({ n: 3 }), { generations: 2 ** 31 - 2 })).toThrow(api.SecondMomentsCostError);
    expect(() => api.exactSecondMoments(api.fullySynthetic({ n: 3 }), { S0: 0.5, generations: 2 ** 31 - 2, maxOperations: 1e300, maxBytes: 1e300 })).toThrow(api.SecondMomentsCostError);
    // a custom schedule without window: O(M²) count queries are refused before any is made
    let calls = 0;
    const custom = api.customSchedule({ counts: (m, t) => (calls++, t === m - 1 ? 3 : 0) });
    expect(() => api.exactSecondMomentsCost(custom, { generations: 1e5 })).toThrow(api.SecondMomentsCostError);
    expect(calls).toBe(0);
  });

  it('scheduleTotal: a custom schedule without window at m = 10^15 looped 10^15 times (hang)', () => {
    const custom = api.customSchedule({ counts: (m, t) => (t === m - 1 ? 3 : 0) });
    expect(() => api.scheduleTotal(custom, 1e15)).toThrow(api.ParameterRangeError);
    expect(api.scheduleTotal(api.customSchedule({ counts: (m, t) => (t === m - 1 ? 3 : 0), window: 1 }), 1e15)).toBe(3);
  });

  it('nonzeroIndices: a non-array threw an untyped TypeError', () => {
    expect(() => api.nonzeroIndices(undefined as never)).toThrow(api.ParameterTypeError);
  });
  it('exactSafeSyntheticSize: ε = 1e-300 with finite generations hung (bisection beyond 2^52 could not split in doubles)', () => {
    // (a hang fails by the test timeout)
    // Beyond the budget it is now a certified bracket (no refusal): nothing is safe up to 10¹².
    const r = api.exactSafeSyntheticSize({ epsilon: 1e-300, N: 40, s: 20, generations: 5, maxOperations: 1e6 });
    expect(r.status).toBe('bracketed');
    expect(r.safe.intervals.every((iv) => iv.from > 1e12)).toBe(true);
  });

  it('exactSafeSyntheticSize: N = 5, s = 1e9 ran 45 s past maxOperations (chains of counts c ≫ N·p_i charged at p_i: 1e5× underestimate)', () => {
    // Now answered at once with a certified bracket (it was refused; before that, it ran 45 s).
    const r = api.exactSafeSyntheticSize({ epsilon: 0.005780010307971633, N: 5, s: 1e9, generations: 6 });
    expect(r.status).toBe('bracketed');
    expect(r.certificate.scope).toMatch(/above maxOperations/);
    expect(r.undecided.length).toBeGreaterThan(0);
  });
});
