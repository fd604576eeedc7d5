/**
 * exactSecondMoments, class engine (deterministic counts: Fully / Partially Synthetic, Most Recent, custom):
 * 1. the enumeration oracle of test/oracles (Fully / Partially Synthetic, exact rationals: EXACT equality);
 * 2. the brute-force enumerator (./brute-force.ts; exact rationals: EXACT equality, cross moments included);
 * 3. Theorems 1 and 2 (closed forms, ≤ 1e-12 relative), properties (fast-check, fixed seed).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactSecondMoments, exactSecondMomentsRational } from '../../../src/exact/second-moments/index.ts';
import { customSchedule, fullySynthetic, mostRecent, partiallySynthetic } from '../../../src/simulation/schedules.ts';
import { fullySyntheticS } from '../../../src/theory/fully-synthetic.ts';
import { partiallySyntheticS } from '../../../src/theory/partially-synthetic.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { fullySyntheticLaw, partiallySyntheticLaw, rationals } from '../../oracles/wright-fisher.ts';
import { relErr } from '../../helpers.ts';
import { expectMatchesBruteForce, expectRationalArrays, sumSq } from './brute-force.ts';

describe('the enumeration oracle (test/oracles/wright-fisher.ts): exact equality', () => {
  const cases: Array<{ p: Rational[]; n: number; M: number }> = [
    { p: rationals('1/2', '1/2'), n: 1, M: 3 },
    { p: rationals('1/2', '1/2'), n: 2, M: 5 },
    { p: rationals('1/2', '1/3', '1/6'), n: 3, M: 4 },
    { p: rationals('1/10', '9/10'), n: 4, M: 4 },
    { p: rationals('1/5', '1/5', '3/5', '0'), n: 3, M: 3 },
  ];
  it('Fully Synthetic (Theorem 1): S_m exactly, doubles to 1e-12', () => {
    for (const { p, n, M } of cases) {
      const law = fullySyntheticLaw(p, n, M);
      for (const sched of [fullySynthetic({ n }), fullySynthetic({ n, realData: 'fresh', syntheticData: 'fresh' }), mostRecent({ n, K: 1 })]) {
        const got = exactSecondMomentsRational(sched, { p, generations: M });
        expectRationalArrays(got.S, law.S as Rational[], `n = ${n}`);
        const dbl = exactSecondMoments(sched, { p: p.map((x) => x.toNumber()), generations: M });
        for (let m = 0; m <= M; m++) expect(relErr(dbl.S[m], law.S[m].toNumber())).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('Partially Synthetic (Theorem 2), fixed corpus and fresh real data: S_m and E‖p^(m) − p^(1)‖² exactly', () => {
    const ps: Array<{ p: Rational[]; N: number; n: number; M: number }> = [
      { p: rationals('1/2', '1/2'), N: 1, n: 1, M: 4 },
      { p: rationals('1/2', '1/2'), N: 2, n: 3, M: 4 },
      { p: rationals('1/3', '2/3'), N: 3, n: 2, M: 4 },
      { p: rationals('1/2', '1/3', '1/6'), N: 2, n: 2, M: 3 },
    ];
    for (const { p, N, n, M } of ps) {
      for (const freshReal of [false, true]) {
        const law = partiallySyntheticLaw(p, N, n, M, { freshReal });
        for (const syntheticData of ['reuse', 'fresh'] as const) {
          const sched = partiallySynthetic({ N, n, realData: freshReal ? 'fresh' : 'reuse', syntheticData });
          const got = exactSecondMomentsRational(sched, { p, generations: M });
          expectRationalArrays(got.S, law.S as Rational[], `N = ${N}, n = ${n}, freshReal = ${freshReal}`);
          // E‖p^(m) − p^(1)‖² from the oracle's joint law of (corpus, p^(m)) (fixed corpus only)
          if (!freshReal) {
            for (let m = 1; m <= M; m++) {
              const want = Rational.sum(
                law.states[m].map((a) => {
                  const first = (a.corpus as number[]).map((c) => Rational.of(c, N));
                  return a.probability.mul(sumSq(a.point.map((x, i) => x.sub(first[i]))));
                }),
              );
              expect(got.squaredL2FromFirst[m].toString()).toBe(want.toString());
            }
          }
          const dbl = exactSecondMoments(sched, { p: p.map((x) => x.toNumber()), generations: M });
          for (let m = 0; m <= M; m++) expect(relErr(dbl.S[m], law.S[m].toNumber())).toBeLessThanOrEqual(1e-12);
        }
      }
    }
  });
});

describe('every schedule against the brute-force enumerator: exact equality (S, cross moments, by-products)', () => {
  const half = rationals('1/2', '1/2');
  const skew = rationals('1/3', '2/3');
  it('Most Recent Models: both warm-ups, both modes of each source', () => {
    for (const warmUp of ['spread', 'printed'] as const) {
      for (const realData of ['reuse', 'fresh'] as const) {
        for (const syntheticData of ['reuse', 'fresh'] as const) {
          expectMatchesBruteForce(mostRecent({ n: 4, K: 2, warmUp, realData, syntheticData }), skew, 4);
          expectMatchesBruteForce(mostRecent({ n: 3, K: 3, warmUp, realData, syntheticData }), half, 4);
        }
      }
    }
  });

  it('custom schedules (varying counts, zero counts, window, lastRealGeneration), both modes', () => {
    const counts = (m: number, t: number): number => (t === 0 ? (m === 3 ? 0 : (m % 2) + 1) : t >= m - 2 ? ((m + t) % 3) : 0);
    for (const realData of ['reuse', 'fresh'] as const) {
      for (const syntheticData of ['reuse', 'fresh'] as const) {
        expectMatchesBruteForce(customSchedule({ counts, window: 2, realData, syntheticData }), skew, 4);
        expectMatchesBruteForce(customSchedule({ counts, realData, syntheticData }), half, 4);
      }
    }
    const late = (m: number, t: number): number => (t === 0 ? (m <= 2 ? 3 - m : 0) : t === m - 1 ? 1 : t === 1 ? 2 : 0);
    expectMatchesBruteForce(customSchedule({ counts: late, lastRealGeneration: 2 }), skew, 4);
  });
});

describe('Theorems 1 and 2 (closed forms), large parameters', () => {
  it('Fully Synthetic, Figure 6 column 1 (n = 10, S0 = 0.1, 500 generations) and Most Recent K = 1', () => {
    for (const sched of [fullySynthetic({ n: 10 }), mostRecent({ n: 10, K: 1 })]) {
      const r = exactSecondMoments(sched, { S0: 0.1, generations: 500 });
      for (let m = 0; m <= 500; m++) expect(relErr(r.S[m], fullySyntheticS(m, { n: 10, S0: 0.1 }))).toBeLessThanOrEqual(1e-12);
    }
  });

  it('Partially Synthetic, Figure 3 (N = 100, n ∈ {1, 10, 100, 500}, S0 = 0.1, 50 generations)', () => {
    for (const n of [1, 10, 100, 500]) {
      const r = exactSecondMoments(partiallySynthetic({ N: 100, n }), { S0: 0.1, generations: 50 });
      for (let m = 0; m <= 50; m++) expect(relErr(r.S[m], partiallySyntheticS(m, { N: 100, n, S0: 0.1 }))).toBeLessThanOrEqual(1e-12);
    }
  });

  it('properties: agreement with Theorems 1 and 2, S0 ≤ S_m ≤ 1 (fast-check, seed 20240405)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.integer({ min: 1, max: 200 }), (n, S0, M) => {
        const r = exactSecondMoments(fullySynthetic({ n }), { S0, generations: M });
        for (const m of [1, Math.ceil(M / 2), M]) {
          const want = fullySyntheticS(m, { n, S0 });
          expect(Math.abs(r.S[m] - want)).toBeLessThanOrEqual(1e-12 * want);
        }
      }),
      { seed: 20240405, numRuns: 100 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        (N, n, S0, M) => {
          const r = exactSecondMoments(partiallySynthetic({ N, n }), { S0, generations: M });
          for (let m = 0; m <= M; m++) {
            const want = partiallySyntheticS(m, { N, n, S0 });
            expect(Math.abs(r.S[m] - want)).toBeLessThanOrEqual(1e-12 * want);
          }
        },
      ),
      { seed: 20240405, numRuns: 100 },
    );
  });
});
