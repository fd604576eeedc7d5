/**
 * exactSecondMoments, random-split engine (Randomly Sampled Data, multinomial split): against the
 * brute-force enumerator (./brute-force.ts; exact rationals: EXACT equality, cross moments included).
 */
import { describe, it } from 'vitest';
import { randomlySampled } from '../../../src/simulation/schedules.ts';
import { rationals } from '../../oracles/wright-fisher.ts';
import { expectMatchesBruteForce } from './brute-force.ts';

describe('every schedule against the brute-force enumerator: exact equality (S, cross moments, by-products)', () => {
  const half = rationals('1/2', '1/2');
  const skew = rationals('1/3', '2/3');
  it('Randomly Sampled Data (multinomial split): both modes of each source', () => {
    for (const realData of ['reuse', 'fresh'] as const) {
      for (const syntheticData of ['reuse', 'fresh'] as const) {
        expectMatchesBruteForce(randomlySampled({ n: 2, realData, syntheticData }), skew, 4);
        expectMatchesBruteForce(randomlySampled({ n: 3, realData, syntheticData }), half, 3);
      }
    }
  });
});
