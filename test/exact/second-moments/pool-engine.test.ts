/**
 * exactSecondMoments, pool engine (Accumulate, Accumulate-subsample: hypergeometric split): against the
 * brute-force enumerator (./brute-force.ts; exact rationals: EXACT equality, cross moments included) and
 * against the class engine on the same counts.
 */
import { describe, it } from 'vitest';
import { exactSecondMomentsRational } from '../../../src/exact/second-moments/index.ts';
import { accumulate, accumulateSubsample, customSchedule } from '../../../src/simulation/schedules.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { rationals } from '../../oracles/wright-fisher.ts';
import { expectMatchesBruteForce, expectRationalArrays } from './brute-force.ts';

describe('every schedule against the brute-force enumerator: exact equality (S, cross moments, by-products)', () => {
  const half = rationals('1/2', '1/2');
  const skew = rationals('1/3', '2/3');
  it('Accumulate: both modes of each source', () => {
    for (const realData of ['reuse', 'fresh'] as const) {
      for (const syntheticData of ['reuse', 'fresh'] as const) {
        expectMatchesBruteForce(accumulate({ N: 2, n: 1, realData, syntheticData }), skew, 4);
        expectMatchesBruteForce(accumulate({ N: 1, n: 2, realData, syntheticData }), half, 3);
      }
    }
    expectMatchesBruteForce(accumulate({ N: 2, n: 0 }), skew, 3);
  });

  it('Accumulate-subsample (hypergeometric split, uniform subsets): both modes of each source', () => {
    for (const realData of ['reuse', 'fresh'] as const) {
      for (const syntheticData of ['reuse', 'fresh'] as const) {
        expectMatchesBruteForce(accumulateSubsample({ N: 2, n: 1, realData, syntheticData }), skew, 4);
        expectMatchesBruteForce(accumulateSubsample({ N: 2, n: 2, size: 3, realData, syntheticData }), half, 3);
      }
    }
    // size larger than every pool: Accumulate itself
    const big = exactSecondMomentsRational(accumulateSubsample({ N: 2, n: 1, size: 100 }), { p: skew, generations: 4 });
    const acc = exactSecondMomentsRational(accumulate({ N: 2, n: 1 }), { p: skew, generations: 4 });
    expectRationalArrays(big.S, acc.S, 'size ≥ pool');
  });

  it('the two engines of Accumulate agree: pool engine = class engine on the same counts as a custom schedule', () => {
    for (const realData of ['reuse', 'fresh'] as const) {
      for (const syntheticData of ['reuse', 'fresh'] as const) {
        const S0 = Rational.of(3, 10);
        const a = exactSecondMomentsRational(accumulate({ N: 3, n: 2, realData, syntheticData }), { S0, generations: 8, crossMoments: true });
        const c = exactSecondMomentsRational(customSchedule({ counts: (_m, t) => (t === 0 ? 3 : 2), realData, syntheticData }), { S0, generations: 8, crossMoments: true });
        expectRationalArrays(a.S, c.S, 'S');
        for (let m = 0; m <= 8; m++) expectRationalArrays((a.cross as Rational[][])[m], (c.cross as Rational[][])[m], 'C');
      }
    }
  });
});
