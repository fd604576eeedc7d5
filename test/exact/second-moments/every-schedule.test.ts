/**
 * exactSecondMoments on every schedule, whatever the engine: random tiny schedules against the
 * brute-force enumerator (./brute-force.ts, fast-check, fixed seed), dependence on p only through S0,
 * properties (fast-check, fixed seeds) and the Figure 6 horizons.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactSecondMoments, exactSecondMomentsRational } from '../../../src/exact/second-moments/index.ts';
import { accumulate, accumulateSubsample, customSchedule, fullySynthetic, mostRecent, randomlySampled, type Schedule } from '../../../src/simulation/schedules.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { rationals } from '../../oracles/wright-fisher.ts';
import { relErr } from '../../helpers.ts';
import { bruteForce, expectMatchesBruteForce, expectRationalArrays } from './brute-force.ts';

describe('every schedule against the brute-force enumerator: exact equality (S, cross moments, by-products)', () => {
  it('random tiny schedules of every kind and mode pair (fast-check, seed 99)', () => {
    const mode = fc.constantFrom('reuse' as const, 'fresh' as const);
    const scheduleArb = fc.oneof(
      fc.record({ table: fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }), { minLength: 5, maxLength: 5 }), realData: mode, syntheticData: mode }).map(({ table, realData, syntheticData }) => {
        // every generation gets at least one sample
        const counts = (m: number, t: number): number => (table[m][t] > 0 || (t === m - 1 && table[m].slice(0, m).every((x) => x === 0)) ? Math.max(1, table[m][t]) : 0);
        return customSchedule({ counts, realData, syntheticData });
      }),
      fc.record({ K: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 2 }), warmUp: fc.constantFrom('spread' as const, 'printed' as const), realData: mode, syntheticData: mode }).map(({ K, extra, ...o }) => mostRecent({ n: K + extra, K, ...o })),
      fc.record({ n: fc.integer({ min: 1, max: 3 }), realData: mode, syntheticData: mode }).map((o) => randomlySampled(o)),
      fc.record({ N: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 0, max: 2 }), size: fc.integer({ min: 1, max: 4 }), realData: mode, syntheticData: mode }).map((o) => accumulateSubsample(o)),
      fc.record({ N: fc.integer({ min: 1, max: 2 }), n: fc.integer({ min: 0, max: 2 }), realData: mode, syntheticData: mode }).map((o) => accumulate(o)),
    );
    const pArb = fc.constantFrom(rationals('1/2', '1/2'), rationals('1/3', '2/3'), rationals('1/10', '9/10'));
    fc.assert(
      fc.property(scheduleArb, pArb, fc.integer({ min: 2, max: 4 }), (sched, p, M) => {
        expectMatchesBruteForce(sched as Schedule, p, sched.kind === 'randomlySampled' || sched.kind === 'accumulateSubsample' ? Math.min(M, 3) : M);
      }),
      { seed: 99, numRuns: 80 },
    );
  });

  it('S_m depends on p only through S0: p = (1/2, 1/2) and (2/3, 1/6, 1/6) (both S0 = 1/2) give the same law of σ_m', () => {
    const a = rationals('1/2', '1/2');
    const b = rationals('2/3', '1/6', '1/6');
    for (const sched of [mostRecent({ n: 2, K: 2, syntheticData: 'reuse' }), accumulate({ N: 2, n: 1 }), randomlySampled({ n: 2 })]) {
      const A = bruteForce(a, sched, 3);
      const B = bruteForce(b, sched, 3);
      expectRationalArrays(A.S, B.S, JSON.stringify(sched));
      for (let m = 0; m <= 3; m++) expectRationalArrays(A.C[m], B.C[m], JSON.stringify(sched));
      expectRationalArrays(exactSecondMomentsRational(sched, { S0: Rational.of(1, 2), generations: 3 }).S, A.S, 'engine');
    }
  });
});

describe('Theorems 1 and 2 (closed forms), large parameters', () => {
  it('properties: S0 ≤ S_m ≤ 1, non-negative distances, symmetric cross moments, any schedule (fast-check, seed 7)', () => {
    const scheduleArb = fc.oneof(
      fc.record({ n: fc.integer({ min: 1, max: 30 }), K: fc.integer({ min: 1, max: 6 }), warmUp: fc.constantFrom('spread', 'printed'), realData: fc.constantFrom('reuse', 'fresh'), syntheticData: fc.constantFrom('reuse', 'fresh') }).map((o) => mostRecent({ ...o, n: Math.max(o.n, o.K) } as never)),
      fc.record({ n: fc.integer({ min: 1, max: 20 }), realData: fc.constantFrom('reuse', 'fresh'), syntheticData: fc.constantFrom('reuse', 'fresh') }).map((o) => randomlySampled(o as never)),
      fc.record({ N: fc.integer({ min: 1, max: 20 }), n: fc.integer({ min: 0, max: 10 }), realData: fc.constantFrom('reuse', 'fresh'), syntheticData: fc.constantFrom('reuse', 'fresh') }).map((o) => accumulate(o as never)),
      fc.record({ N: fc.integer({ min: 1, max: 20 }), n: fc.integer({ min: 0, max: 10 }), size: fc.integer({ min: 1, max: 40 }), realData: fc.constantFrom('reuse', 'fresh'), syntheticData: fc.constantFrom('reuse', 'fresh') }).map((o) => accumulateSubsample(o as never)),
    );
    fc.assert(
      fc.property(scheduleArb, fc.double({ min: 1e-3, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 }), (sched, S0, M) => {
        const r = exactSecondMoments(sched as Schedule, { S0, generations: M, crossMoments: true });
        const C = r.cross as Float64Array[];
        for (let m = 0; m <= M; m++) {
          expect(r.S[m]).toBeGreaterThanOrEqual(S0);
          expect(r.S[m]).toBeLessThanOrEqual(1);
          expect(r.squaredL2FromFirst[m]).toBeGreaterThanOrEqual(0);
          expect(r.squaredL2FromInitial[m]).toBeGreaterThanOrEqual(0);
          expect(C[m][m]).toBeCloseTo(r.S[m], 14);
          expect(C[0][m]).toBeCloseTo(S0, 14);
          for (let a = 0; a < m; a++) {
            expect(C[a][m]).toBe(C[m][a]);
            // Cauchy–Schwarz: C[a][m]² ≤ S_a S_m
            expect(C[a][m] * C[a][m]).toBeLessThanOrEqual(C[a][a] * C[m][m] * (1 + 1e-12));
          }
        }
      }),
      { seed: 7, numRuns: 120 },
    );
  });

  it('S_m depends on p only through S0 (fast-check: p and S0 = Σ p_i² give the same numbers)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)), (w) => {
        const total = w.reduce((a, b) => a + b, 0);
        const p = w.map((x) => x / total);
        const S0 = p.reduce((a, x) => a + x * x, 0);
        for (const sched of [mostRecent({ n: 6, K: 3 }), randomlySampled({ n: 5 }), accumulateSubsample({ N: 5, n: 2 })]) {
          const a = exactSecondMoments(sched, { p, generations: 12 });
          const b = exactSecondMoments(sched, { S0, generations: 12 });
          for (let m = 0; m <= 12; m++) expect(relErr(a.S[m], b.S[m])).toBeLessThanOrEqual(1e-14);
        }
      }),
      { seed: 11, numRuns: 40 },
    );
  });
});

describe('Figure 6 horizons (500 generations) run', () => {
  it('every Figure 6 schedule, both warm-ups and modes, M = 500', () => {
    const scheds: Schedule[] = [fullySynthetic({ n: 10 })];
    for (const K of [5, 10]) {
      for (const warmUp of ['spread', 'printed'] as const) {
        for (const syntheticData of ['reuse', 'fresh'] as const) scheds.push(mostRecent({ n: 10, K, warmUp, syntheticData }));
      }
    }
    scheds.push(randomlySampled({ n: 10 }), randomlySampled({ n: 10, syntheticData: 'reuse' }));
    for (const s of scheds) {
      const r = exactSecondMoments(s, { S0: 0.1, generations: 500 });
      expect(r.S.length).toBe(501);
      expect(r.cost.seconds).toBeLessThan(1);
      for (let m = 1; m <= 500; m++) expect(r.S[m]).toBeGreaterThanOrEqual(r.S[1] - 1e-15);
    }
  });
});
