import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import tq from '@stdlib/stats-base-dists-t-quantile';
import nq from '@stdlib/stats-base-dists-normal-quantile';
import { normalQuantileUnchecked, tQuantileUnchecked } from '../../src/numeric/quantiles.ts';
import { relErr } from '../helpers.ts';

const PS = [1e-6, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.6, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 1 - 1e-4, 1 - 1e-6];

describe('normal and Student-t quantiles (replacing two stdlib packages)', () => {
  it('normal: equals stdlib to 1e-15 on the central range, and exact known values', () => {
    // Below 1e-3 stdlib itself goes through 1 − p and loses digits; there we check known values.
    for (const p of PS.filter((x) => x >= 1e-3)) expect(relErr(normalQuantileUnchecked(p), nq(p, 0, 1))).toBeLessThan(1e-15);
    expect(relErr(normalQuantileUnchecked(1e-6), -4.753424308822899)).toBeLessThan(1e-15);
    expect(normalQuantileUnchecked(0.5)).toBe(0);
    expect(relErr(normalQuantileUnchecked(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    // Far lower tail, where stdlib rounds through 1 − p: Φ⁻¹(1e-12) = −7.034483825301132…
    expect(relErr(normalQuantileUnchecked(1e-12), -7.034483825301132)).toBeLessThan(1e-14);
  });

  it('t: equals stdlib to 1e-10 over p and df, with the closed forms for df = 1, 2', () => {
    for (const p of PS) {
      for (const df of [1, 2, 3, 4, 5, 7, 10, 19, 29, 99, 999, 9999, 1e4, 1e5, 1e6, 1e9]) {
        expect(relErr(tQuantileUnchecked(p, df), tq(p, df))).toBeLessThan(1e-10);
      }
    }
    expect(relErr(tQuantileUnchecked(0.975, 1), Math.tan(Math.PI * 0.475))).toBeLessThan(1e-15);
    expect(relErr(tQuantileUnchecked(1e-12, 1), -1 / Math.tan(Math.PI * 1e-12))).toBeLessThan(1e-15);
  });

  it('t is odd, increasing in p, and decreasing in df towards the normal (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5001, max: 0.9999, noNaN: true }), fc.integer({ min: 1, max: 500 }), (p, df) => {
        const t = tQuantileUnchecked(p, df);
        return (
          tQuantileUnchecked(1 - p, df) === -t &&
          tQuantileUnchecked(Math.min(0.99995, p + 1e-4), df) > t &&
          tQuantileUnchecked(p, df + 1) < t &&
          t > normalQuantileUnchecked(p)
        );
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});
