/**
 * Summaries against an independent implementation (fixtures computed with
 * numpy 2.4 / scipy 1.17: `stats.t.ppf`, `np.quantile`), degenerate cases and
 * the censored collapse-time law.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { meanInterval, proportionInterval, quantiles, summarizeCollapseTimes } from '../../src/simulation/index.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';

const x = [0.3, 1.7, 2.2, 5.1, 0.9, 3.3];

describe('meanInterval', () => {
  it('matches scipy (t.ppf) at 95 % and 99 %', () => {
    const a = meanInterval(x);
    expect(a.lower).toBeCloseTo(0.42295696359322643, 13);
    expect(a.upper).toBeCloseTo(4.077043036406773, 13);
    expect(a.sd).toBeCloseTo(1.740976737351766, 14);
    const b = meanInterval(x, { level: 0.99 });
    expect(b.lower).toBeCloseTo(-0.6158487575741503, 13);
    expect(b.upper).toBeCloseTo(5.115848757574151, 13);
  });

  it('one value: an infinite interval; zero variance: a point; bad input: typed errors', () => {
    expect(meanInterval([2])).toMatchObject({ mean: 2, lower: -Infinity, upper: Infinity, sd: 0, n: 1 });
    expect(meanInterval([0.25, 0.25, 0.25])).toMatchObject({ mean: 0.25, lower: 0.25, upper: 0.25, sd: 0 });
    expect(() => meanInterval([])).toThrow(ParameterRangeError);
    expect(() => meanInterval([1, NaN])).toThrow(/values\[1\]/);
    expect(() => meanInterval([1, 2], { level: 1.5 })).toThrow(/level/);
    expect(() => meanInterval('ab' as never)).toThrow(ParameterTypeError);
  });

  it('a level within 2⁻⁵³ of 1 gives a finite interval (the quantile is taken in the lower tail), wider than at 1 − 2⁻⁵²', () => {
    const near = meanInterval([1, 2, 4], { level: 1 - 2 ** -53 });
    const less = meanInterval([1, 2, 4], { level: 1 - 2 ** -52 });
    expect(Number.isFinite(near.upper)).toBe(true);
    expect(near.upper).toBeGreaterThan(less.upper);
    // t quantile with 2 df in closed form: t_q = (2q − 1)·sqrt(2/(4q(1 − q))); q = 1 − 2⁻⁵⁴.
    const a = 2 ** -54;
    const t = ((1 - 2 * a) * Math.sqrt(2)) / Math.sqrt(4 * a * (1 - a));
    expect(near.upper - near.mean).toBeCloseTo((t * near.sd) / Math.sqrt(3), 0);
    expect(Math.abs((near.upper - near.mean) / ((t * near.sd) / Math.sqrt(3)) - 1)).toBeLessThan(1e-9);
    const w = proportionInterval(5, 10, { level: 1 - 2 ** -53 });
    expect(w.lower).toBeGreaterThan(0);
    expect(w.upper).toBeLessThan(1);
  });

  it('the interval contains the mean and widens with the level (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }), (v) => {
        const a = meanInterval(v, { level: 0.9 });
        const b = meanInterval(v, { level: 0.99 });
        expect(a.lower).toBeLessThanOrEqual(a.mean);
        expect(a.upper).toBeGreaterThanOrEqual(a.mean);
        expect(b.lower).toBeLessThanOrEqual(a.lower);
        expect(b.upper).toBeGreaterThanOrEqual(a.upper);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('quantiles', () => {
  it('matches np.quantile (linear, type 7)', () => {
    const q = quantiles(x, [0, 0.1, 0.25, 0.5, 0.77, 1]);
    const ref = [0.3, 0.6, 1.1, 1.9500000000000002, 3.135, 5.1];
    for (let i = 0; i < ref.length; i++) expect(q[i]).toBeCloseTo(ref[i], 14);
    expect(() => quantiles(x, 1.5)).toThrow(/probs/);
  });
});

describe('proportionInterval (Wilson)', () => {
  it('matches the closed form and stays in [0, 1]', () => {
    expect(proportionInterval(50, 100).lower).toBeCloseTo(0.4038315303659957, 14);
    expect(proportionInterval(20, 20)).toMatchObject({ estimate: 1, upper: 1 });
    expect(proportionInterval(0, 20).lower).toBe(0);
    expect(() => proportionInterval(5, 3)).toThrow(/successes/);
  });
});

describe('summarizeCollapseTimes', () => {
  it('survival, point probabilities, censoring, restricted mean and median', () => {
    const s = summarizeCollapseTimes([1, 4, null, 2, 4, null, 3, 1], { horizon: 6 });
    expect(s).toMatchObject({ runs: 8, observed: 6, censored: 2, censoredFraction: 0.25, median: 3, horizon: 6 });
    expect(Array.from(s.survival)).toEqual([1, 0.75, 0.625, 0.5, 0.25, 0.25, 0.25]);
    expect(Array.from(s.probability)).toEqual([0, 0.25, 0.125, 0.125, 0.25, 0, 0]);
    // mean of min(T, 7) = (1 + 4 + 7 + 2 + 4 + 7 + 3 + 1)/8
    expect(s.restrictedMean).toBeCloseTo(29 / 8, 14);
    expect(s.meanObserved?.mean).toBeCloseTo(15 / 6, 14);
  });

  it('all censored: no mean, no median', () => {
    const s = summarizeCollapseTimes([null, null], { horizon: 3 });
    expect(s.meanObserved).toBeNull();
    expect(s.median).toBeNull();
    expect(s.restrictedMean).toBe(4);
  });

  it('rejects times outside [1, horizon]', () => {
    expect(() => summarizeCollapseTimes([0], { horizon: 3 })).toThrow(/times\[0\]/);
    expect(() => summarizeCollapseTimes([4], { horizon: 3 })).toThrow(ParameterRangeError);
    expect(() => summarizeCollapseTimes([], { horizon: 3 })).toThrow(ParameterRangeError);
  });
});
