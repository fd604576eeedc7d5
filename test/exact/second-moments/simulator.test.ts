/**
 * exactSecondMoments against the simulator (fixed seeds; tolerance = t confidence interval at a stated
 * false-alarm rate, Bonferroni over generations), every engine.
 */
import { describe, expect, it } from 'vitest';
import { exactSecondMoments } from '../../../src/exact/second-moments/index.ts';
import { accumulate, accumulateSubsample, customSchedule, mostRecent, randomlySampled, type Schedule } from '../../../src/simulation/schedules.ts';
import { simulate } from '../../../src/simulation/simulate.ts';
import { withDispersion } from '../../../src/distributions/with-dispersion.ts';

describe('against the simulator (runs = 2000, 30 generations; α = 1e-3 per schedule, Bonferroni over generations)', () => {
  const fig = withDispersion({ s: 600, support: 52, S0: 0.1 });
  const small = [0.4, 0.3, 0.2, 0.1];
  const G = 30;
  const R = 2000;
  const level = 1 - 1e-3 / G;
  const customCounts = (m: number, t: number): number => (t === 0 ? (m <= 6 ? (m % 3) + 2 : 0) : t >= m - 3 ? ((m + t) % 4) + (t === m - 1 ? 1 : 0) : 0);
  const cases: Array<{ schedule: Schedule; p: ArrayLike<number>; seed: number }> = [
    { schedule: mostRecent({ n: 10, K: 5 }), p: fig, seed: 1 },
    { schedule: mostRecent({ n: 10, K: 5, syntheticData: 'reuse' }), p: fig, seed: 2 },
    { schedule: mostRecent({ n: 10, K: 3, realData: 'fresh' }), p: small, seed: 3 },
    { schedule: mostRecent({ n: 12, K: 4, warmUp: 'printed' }), p: small, seed: 4 },
    { schedule: mostRecent({ n: 12, K: 4, warmUp: 'printed', syntheticData: 'reuse' }), p: fig, seed: 5 },
    { schedule: randomlySampled({ n: 10 }), p: fig, seed: 6 },
    { schedule: randomlySampled({ n: 10, syntheticData: 'reuse' }), p: small, seed: 7 },
    { schedule: randomlySampled({ n: 8, realData: 'fresh' }), p: small, seed: 8 },
    { schedule: accumulate({ N: 10, n: 3 }), p: fig, seed: 9 },
    { schedule: accumulate({ N: 10, n: 3, syntheticData: 'fresh' }), p: small, seed: 10 },
    { schedule: accumulate({ N: 5, n: 2, realData: 'fresh' }), p: small, seed: 11 },
    { schedule: accumulateSubsample({ N: 10, n: 4 }), p: fig, seed: 12 },
    { schedule: accumulateSubsample({ N: 10, n: 4, size: 15, syntheticData: 'fresh' }), p: small, seed: 13 },
    { schedule: accumulateSubsample({ N: 6, n: 3, size: 8, realData: 'fresh' }), p: small, seed: 14 },
    { schedule: customSchedule({ counts: customCounts, window: 3, lastRealGeneration: 6 }), p: small, seed: 15 },
    { schedule: customSchedule({ counts: customCounts, window: 3, lastRealGeneration: 6, syntheticData: 'fresh' }), p: fig, seed: 16 },
  ];
  for (const { schedule, p, seed } of cases) {
    it(JSON.stringify(schedule), () => {
      const sim = simulate({ p, schedule, generations: G, runs: R, seed, level, metrics: ['sigma'] });
      const exact = exactSecondMoments(schedule, { p, generations: G });
      expect(exact.S[0]).toBeCloseTo(sim.metrics.sigma.mean[0], 14);
      for (let m = 1; m <= G; m++) {
        expect(exact.S[m], `m = ${m}`).toBeGreaterThanOrEqual(sim.metrics.sigma.lower[m]);
        expect(exact.S[m], `m = ${m}`).toBeLessThanOrEqual(sim.metrics.sigma.upper[m]);
      }
    });
  }
});
