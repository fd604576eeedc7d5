import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulation/simulate.ts';
import { fullySynthetic, mostRecent, randomlySampled, accumulate } from '../../src/simulation/schedules.ts';

const p = [0.5, 0.3, 0.2];

describe('absorption times (total collapse, Definition 1)', () => {
  it('equal the collapse times in the Fully Synthetic setting, where a Dirac is absorbing', () => {
    const r = simulate({ p, schedule: fullySynthetic({ n: 4 }), generations: 200, runs: 50, seed: 1 });
    expect(r.absorptionTimes).toEqual(r.collapseTimes);
    expect(r.absorption.observed).toBe(r.collapse.observed);
  });

  it('mark the first generation of the final Dirac streak when older models can restore diversity', () => {
    for (const schedule of [mostRecent({ n: 6, K: 3 }), mostRecent({ n: 4, K: 2, syntheticData: 'reuse' })]) {
      const r = simulate({ p, schedule, generations: 300, runs: 30, seed: 2, keepRuns: 'distributions', earlyStop: false });
      let absorbedRuns = 0;
      r.absorptionTimes.forEach((a, run) => {
        const d = r.distributions![run];
        const T = r.collapseTimes[run];
        if (a === null) return;
        absorbedRuns++;
        expect(T).not.toBeNull();
        expect(a).toBeGreaterThanOrEqual(T as number);
        const token = d[a].indexOf(1);
        expect(token).toBeGreaterThanOrEqual(0);
        for (let m = a; m <= 300; m++) expect(d[m][token]).toBe(1);
        expect(d[a - 1][token]).toBeLessThan(1);
      });
      expect(absorbedRuns).toBeGreaterThan(0);
    }
  });

  it('do not depend on early stopping', () => {
    const schedule = mostRecent({ n: 6, K: 3 });
    const a = simulate({ p, schedule, generations: 300, runs: 40, seed: 3, earlyStop: true });
    const b = simulate({ p, schedule, generations: 300, runs: 40, seed: 3, earlyStop: false });
    expect(a.absorptionTimes).toEqual(b.absorptionTimes);
  });

  it('never happen under Randomly Sampled Data: the real corpus stays eligible at every generation', () => {
    const r = simulate({ p, schedule: randomlySampled({ n: 4 }), generations: 300, runs: 30, seed: 5 });
    expect(r.absorptionTimes.every((a) => a === null)).toBe(true);
    expect(r.collapse.observed).toBeGreaterThan(0); // yet single generations do hit a Dirac mass
  });

  it('are censored (null) while real data stays in the training set', () => {
    const r = simulate({ p, schedule: accumulate({ N: 5, n: 2 }), generations: 50, runs: 20, seed: 4 });
    // A corpus of 5 draws from p is a single token with probability Σ p_i^5 ≈ 0.034; otherwise never absorbed.
    for (const a of r.absorptionTimes) expect(a === null || a === 1).toBe(true);
  });
});
