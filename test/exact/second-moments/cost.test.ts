/**
 * exactSecondMoments / exactSecondMomentsCost: cost refusal up front and the cost estimate
 * (src/exact/second-moments/cost.ts, plan.ts).
 */
import { describe, expect, it } from 'vitest';
import { exactSecondMoments, exactSecondMomentsCost, exactSecondMomentsRational, SecondMomentsCostError } from '../../../src/exact/second-moments/index.ts';
import { accumulate, accumulateSubsample, customSchedule, fullySynthetic, mostRecent, randomlySampled, scheduleTotal } from '../../../src/simulation/schedules.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { ParameterRangeError } from '../../../src/validate.ts';
import { ExactComputationTooLargeError } from '../../../src/exact/too-large.ts';

describe('validation and cost', () => {
  const sched = mostRecent({ n: 10, K: 3 });
  it('refuses up front, with the estimate, what would take too long or too much memory', () => {
    let err: unknown;
    try {
      exactSecondMoments(randomlySampled({ n: 10 }), { S0: 0.1, generations: 200000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SecondMomentsCostError);
    expect(err).toBeInstanceOf(ParameterRangeError);
    expect((err as SecondMomentsCostError).parameter).toBe('generations');
    expect((err as SecondMomentsCostError).estimate.operations).toBeGreaterThan(3e9);
    expect((err as Error).message).toMatch(/maxOperations/);
    // the common refusal type of the exact engines, carrying the estimate and the limit
    expect(err).toBeInstanceOf(ExactComputationTooLargeError);
    expect((err as Error).name).toBe('SecondMomentsCostError');
    expect((err as SecondMomentsCostError).estimatedOperations).toBe((err as SecondMomentsCostError).estimate.operations);
    expect((err as SecondMomentsCostError).estimatedSeconds).toBe((err as SecondMomentsCostError).estimate.seconds);
    expect((err as SecondMomentsCostError).maxOperations).toBe(3e9);
    expect((err as Error).message).toMatch(/^generations must be a horizon whose estimated cost fits maxOperations/);
    // a custom schedule without window is refused before its counts are read
    let calls = 0;
    const counting = customSchedule({ counts: () => (calls++, 1) });
    expect(() => exactSecondMoments(counting, { S0: 0.1, generations: 1e6 })).toThrow(SecondMomentsCostError);
    expect(calls).toBe(0);
    expect(() => exactSecondMoments(accumulate({ N: 10, n: 1 }), { S0: 0.1, generations: 20000, crossMoments: true })).toThrow(/maxBytes/);
    expect(() => exactSecondMoments(sched, { S0: 0.1, generations: 100, maxOperations: 10 })).toThrow(SecondMomentsCostError);
    expect(() => exactSecondMomentsRational(randomlySampled({ n: 10 }), { S0: Rational.of(1, 10), generations: 1000 })).toThrow(SecondMomentsCostError);
  });

  it('the cost estimate matches the engine and the documented complexities', () => {
    const c = exactSecondMomentsCost(mostRecent({ n: 10, K: 10 }), { generations: 500 });
    expect(c.method).toBe('classes');
    expect(c.operations).toBeLessThan(500 * 10 ** 3);
    expect(exactSecondMomentsCost(accumulateSubsample({ N: 100, n: 10 }), { generations: 1000 }).method).toBe('pool');
    expect(exactSecondMomentsCost(randomlySampled({ n: 10 }), { generations: 500 }).method).toBe('randomSplit');
    expect(exactSecondMomentsCost(fullySynthetic({ n: 10 }), { generations: 1e6 }).operations).toBeLessThan(1e8);
    // n^(m) and counts follow the schedule definitions
    expect(scheduleTotal(accumulateSubsample({ N: 10, n: 4 }), 3)).toBe(10);
  });
});
