/**
 * exactSecondMoments / exactSecondMomentsRational / exactSecondMomentsCost: input validation (typed errors
 * naming the parameter; src/exact/second-moments/options.ts).
 */
import { describe, expect, it } from 'vitest';
import { exactSecondMoments, exactSecondMomentsCost, exactSecondMomentsRational } from '../../../src/exact/second-moments/index.ts';
import { customSchedule, mostRecent } from '../../../src/simulation/schedules.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../../src/validate.ts';
import { rationals } from '../../oracles/wright-fisher.ts';

describe('validation and cost', () => {
  const sched = mostRecent({ n: 10, K: 3 });
  it('typed errors naming the parameter', () => {
    expect(() => exactSecondMoments(sched, null as never)).toThrow(ParameterTypeError);
    expect(() => exactSecondMoments(sched, { generations: 5 })).toThrow(/S0/);
    expect(() => exactSecondMoments(sched, { generations: 5 })).toThrow(ParameterTypeError);
    expect(() => exactSecondMoments(sched, { S0: 0.1, p: [1], generations: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMoments(sched, { S0: 0, generations: 5 })).toThrow(/S0 must be/);
    expect(() => exactSecondMoments(sched, { S0: 1.5, generations: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMoments(sched, { S0: Number.NaN, generations: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMoments(sched, { S0: '0.1' as never, generations: 5 })).toThrow(ParameterTypeError);
    expect(() => exactSecondMoments(sched, { p: [0.5, 0.6], generations: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMoments(sched, { p: [-0.5, 1.5], generations: 5 })).toThrow(/p\[0\]/);
    expect(() => exactSecondMoments(sched, { S0: 0.1, generations: 0 })).toThrow(/generations must be/);
    expect(() => exactSecondMoments(sched, { S0: 0.1, generations: 2.5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMoments(sched, { S0: 0.1, generations: 5, crossMoments: 1 as never })).toThrow(ParameterTypeError);
    expect(() => exactSecondMoments(sched, { S0: 0.1, generations: 5, maxOperations: -1 })).toThrow(/maxOperations/);
    expect(() => exactSecondMoments(sched, { S0: 0.1, generations: 5, maxBytes: -1 })).toThrow(/maxBytes/);
    expect(() => exactSecondMoments({ kind: 'nope' } as never, { S0: 0.1, generations: 5 })).toThrow(/schedule.kind/);
    expect(() => exactSecondMoments({ kind: 'mostRecent', n: 2, K: 3 } as never, { S0: 0.1, generations: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMoments(customSchedule({ counts: () => -1 }), { S0: 0.1, generations: 5 })).toThrow(/counts\(1, 0\)/);
    expect(() => exactSecondMoments(customSchedule({ counts: () => 0.5 }), { S0: 0.1, generations: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMoments(customSchedule({ counts: (m, t) => (m === 3 || t > 0 ? 0 : 2) }), { S0: 0.1, generations: 5 })).toThrow(/n\^\(3\)/);
    // declarations are trusted, as by the simulator: counts outside the window are never queried
    const trusted = exactSecondMoments(customSchedule({ counts: (m, t) => (t === 0 ? 2 : 1), window: 1 }), { S0: 0.1, generations: 5 });
    const explicit = exactSecondMoments(customSchedule({ counts: (m, t) => (t === 0 ? 2 : t === m - 1 ? 1 : 0) }), { S0: 0.1, generations: 5 });
    expect(Array.from(trusted.S)).toEqual(Array.from(explicit.S));
    expect(() => exactSecondMomentsRational(sched, { S0: 0.1 as never, generations: 5 })).toThrow(ParameterTypeError);
    expect(() => exactSecondMomentsRational(sched, { p: rationals('1/2', '1/3'), generations: 5 })).toThrow(/sum of p/);
    expect(() => exactSecondMomentsRational(sched, { S0: Rational.of(3, 2), generations: 5 })).toThrow(ParameterRangeError);
    expect(() => exactSecondMomentsCost(sched, { generations: -1 })).toThrow(ParameterRangeError);
  });
});
