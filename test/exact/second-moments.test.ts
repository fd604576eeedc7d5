/**
 * exactSecondMoments: the moment recursion against
 * 1. the enumeration oracle of test/oracles (Fully / Partially Synthetic, exact rationals: EXACT equality);
 * 2. a brute-force enumerator of this file that follows the documented schedule semantics sample by sample
 *    (every schedule, both modes, random splits; exact rationals: EXACT equality, cross moments included);
 * 3. Theorems 1 and 2 (closed forms, ≤ 1e-12 relative), properties (fast-check, fixed seed);
 * 4. the simulator (fixed seeds; tolerance = t confidence interval at a stated false-alarm rate, Bonferroni
 *    over generations);
 * and its input validation / cost refusal.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  exactSecondMoments,
  exactSecondMomentsCost,
  exactSecondMomentsRational,
  SecondMomentsCostError,
  type ExactSecondMomentsRational,
} from '../../src/exact/second-moments.ts';
import { RATIONAL_FIELD, NUMBER_FIELD } from '../../src/exact/moments-field.ts';
import {
  accumulate,
  accumulateSubsample,
  customSchedule,
  fullySynthetic,
  mostRecent,
  partiallySynthetic,
  randomlySampled,
  scheduleCounts,
  scheduleTotal,
  type Schedule,
} from '../../src/simulation/schedules.ts';
import { simulate } from '../../src/simulation/simulate.ts';
import { withDispersion } from '../../src/distributions/with-dispersion.ts';
import { fullySyntheticS } from '../../src/theory/fully-synthetic.ts';
import { partiallySyntheticS } from '../../src/theory/partially-synthetic.ts';
import { Rational } from '../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { compositions, fullySyntheticLaw, multinomialPmf, partiallySyntheticLaw, rationals } from '../oracles/wright-fisher.ts';
import { relErr } from '../helpers.ts';

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;
const sumSq = (q: readonly Rational[]): Rational => Rational.sum(q.map((x) => x.mul(x)));
const dot = (a: readonly Rational[], b: readonly Rational[]): Rational => Rational.sum(a.map((x, i) => x.mul(b[i])));
const expectRationalArrays = (got: readonly Rational[], want: readonly Rational[], label: string): void => {
  expect(got.map(String), label).toEqual(want.map(String));
};

// ---------------------------------------------------------------------------
// Brute-force enumerator: the documented semantics (docs/simulation.md), sample by sample.

interface BruteForce {
  S: Rational[];
  /** C[a][b] = E Σ_i p_i^(a) p_i^(b), 0 ≤ a, b ≤ M. */
  C: Rational[][];
}

function binomial(a: number, b: number): number {
  let r = 1;
  for (let i = 0; i < b; i++) r = (r * (a - i)) / (i + 1);
  return Math.round(r);
}

/** All k-subsets of {0, …, m − 1}. */
function subsets(m: number, k: number): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (start: number): void => {
    if (cur.length === k) {
      out.push(cur.slice());
      return;
    }
    for (let i = start; i < m; i++) {
      cur.push(i);
      rec(i + 1);
      cur.pop();
    }
  };
  rec(0);
  return out;
}

/** A request of generation m: c samples of source t (reuse 'subset': at dataset positions `positions`). */
interface Request {
  t: number;
  c: number;
  positions?: number[];
}

/**
 * Exhaustive enumeration of the joint law of p^(1…M) for a tiny schedule: splits are enumerated
 * with their probabilities (multinomial for Randomly Sampled, uniform subsets of the pool for
 * Accumulate-subsample), `'fresh'` draws by their multinomial counts, `'reuse'` sources token by
 * token (prefixes of one sequence; for Accumulate-subsample a dataset of N or n samples read at
 * the chosen positions).
 */
function bruteForce(p: readonly Rational[], schedule: Schedule, M: number): BruteForce {
  const s = p.length;
  const S: Rational[] = new Array<Rational>(M + 1).fill(ZERO);
  const C: Rational[][] = Array.from({ length: M + 1 }, () => new Array<Rational>(M + 1).fill(ZERO));
  S[0] = sumSq(p);
  C[0][0] = S[0];
  const subsetKind = schedule.kind === 'accumulateSubsample';
  const modeOf = (t: number): 'reuse' | 'fresh' => (t === 0 ? schedule.realData : schedule.syntheticData);
  const datasetLength = (t: number): number => (schedule.kind === 'accumulateSubsample' ? (t === 0 ? schedule.N : schedule.n) : 0);

  /** Split outcomes of generation m with their probabilities. */
  const splits = (m: number): { requests: Request[]; prob: Rational }[] => {
    if (schedule.kind === 'randomlySampled') {
      const q = new Array<Rational>(m).fill(Rational.of(1, m));
      return compositions(schedule.n, m).map((cnt) => ({
        requests: cnt.map((c, t) => ({ t, c })).filter((r) => r.c > 0),
        prob: multinomialPmf(cnt, q),
      }));
    }
    if (schedule.kind === 'accumulateSubsample') {
      const pool: { t: number; l: number }[] = [];
      for (let l = 0; l < schedule.N; l++) pool.push({ t: 0, l });
      for (let t = 1; t < m; t++) for (let l = 0; l < schedule.n; l++) pool.push({ t, l });
      const size = Math.min(schedule.size, pool.length);
      const all = subsets(pool.length, size);
      const prob = Rational.of(1, binomial(pool.length, size));
      return all.map((sub) => {
        const byT = new Map<number, number[]>();
        for (const i of sub) {
          const { t, l } = pool[i];
          if (!byT.has(t)) byT.set(t, []);
          (byT.get(t) as number[]).push(l);
        }
        const requests = [...byT.entries()].sort((a, b) => a[0] - b[0]).map(([t, positions]) => ({ t, c: positions.length, positions }));
        return { requests, prob };
      });
    }
    const counts = scheduleCounts(schedule, m) as Float64Array;
    const requests: Request[] = [];
    counts.forEach((c, t) => {
      if (c > 0) requests.push({ t, c });
    });
    return [{ requests, prob: ONE }];
  };

  type Seqs = ReadonlyMap<number, readonly number[]>;
  /** Extends source t's sequence to length `len`, token by token (each i.i.d. from models[t]). */
  const extend = (models: readonly Rational[][], seqs: Seqs, t: number, len: number, prob: Rational, k: (seqs: Seqs, prob: Rational) => void): void => {
    const seq = seqs.get(t) ?? [];
    if (seq.length >= len) {
      k(seqs, prob);
      return;
    }
    for (let i = 0; i < s; i++) {
      const w = models[t][i];
      if (w.isZero()) continue;
      const next = new Map(seqs);
      next.set(t, [...seq, i]);
      extend(models, next, t, len, prob.mul(w), k);
    }
  };

  const draw = (
    models: readonly Rational[][],
    requests: readonly Request[],
    q: number,
    acc: readonly number[],
    seqs: Seqs,
    prob: Rational,
    k: (acc: readonly number[], seqs: Seqs, prob: Rational) => void,
  ): void => {
    if (q === requests.length) {
      k(acc, seqs, prob);
      return;
    }
    const { t, c, positions } = requests[q];
    if (modeOf(t) === 'fresh') {
      for (const x of compositions(c, s)) {
        const w = multinomialPmf(x, models[t]);
        if (w.isZero()) continue;
        draw(models, requests, q + 1, acc.map((a, i) => a + x[i]), seqs, prob.mul(w), k);
      }
      return;
    }
    const len = subsetKind ? datasetLength(t) : c;
    extend(models, seqs, t, len, prob, (seqs2, prob2) => {
      const seq = seqs2.get(t) as number[];
      const next = acc.slice();
      const idx = subsetKind ? (positions as number[]) : [...Array(c).keys()];
      for (const l of idx) next[seq[l]] += 1;
      draw(models, requests, q + 1, next, seqs2, prob2, k);
    });
  };

  const visit = (m: number, models: readonly Rational[][], seqs: Seqs, prob: Rational): void => {
    if (m > M) return;
    for (const split of splits(m)) {
      const total = split.requests.reduce((a, r) => a + r.c, 0);
      draw(models, split.requests, 0, new Array<number>(s).fill(0), seqs, prob.mul(split.prob), (acc, seqs2, prob2) => {
        const pm = acc.map((x) => Rational.of(x, total));
        S[m] = S[m].add(prob2.mul(sumSq(pm)));
        for (let a = 0; a < m; a++) C[a][m] = C[a][m].add(prob2.mul(dot(models[a], pm)));
        visit(m + 1, [...models, pm], seqs2, prob2);
      });
    }
  };
  visit(1, [p.slice()], new Map(), ONE);
  for (let a = 0; a <= M; a++) {
    C[a][a] = S[a];
    for (let b = a + 1; b <= M; b++) C[b][a] = C[a][b];
  }
  return { S, C };
}

function expectMatchesBruteForce(schedule: Schedule, p: Rational[], M: number): ExactSecondMomentsRational {
  const want = bruteForce(p, schedule, M);
  const got = exactSecondMomentsRational(schedule, { p, generations: M, crossMoments: true });
  const label = JSON.stringify(schedule);
  expectRationalArrays(got.S, want.S, `S ${label}`);
  for (let a = 0; a <= M; a++) expectRationalArrays((got.cross as Rational[][])[a], want.C[a], `C[${a}] ${label}`);
  // by-products from the same cross moments
  const two = Rational.of(2);
  expectRationalArrays(got.squaredL2FromFirst, want.S.map((x, m) => x.sub(two.mul(want.C[1][m])).add(want.S[1])), `‖p^(m) − p^(1)‖² ${label}`);
  expectRationalArrays(got.squaredL2FromInitial, want.S.map((x) => x.sub(want.S[0])), `‖p^(m) − p‖² ${label}`);
  // without crossMoments the same S and by-products
  const lean = exactSecondMomentsRational(schedule, { p, generations: M });
  expectRationalArrays(lean.S, got.S, `lean S ${label}`);
  expectRationalArrays(lean.squaredL2FromFirst, got.squaredL2FromFirst, `lean by-product ${label}`);
  expect(lean.cross).toBeNull();
  // the double engine: ≤ 1e-12 relative
  const dbl = exactSecondMoments(schedule, { p: p.map((x) => x.toNumber()), generations: M });
  for (let m = 0; m <= M; m++) {
    expect(relErr(dbl.S[m], want.S[m].toNumber()), `double S[${m}] ${label}`).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(dbl.squaredL2FromFirst[m] - got.squaredL2FromFirst[m].toNumber())).toBeLessThanOrEqual(1e-14);
  }
  return got;
}

// ---------------------------------------------------------------------------

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

  it('Randomly Sampled Data (multinomial split): both modes of each source', () => {
    for (const realData of ['reuse', 'fresh'] as const) {
      for (const syntheticData of ['reuse', 'fresh'] as const) {
        expectMatchesBruteForce(randomlySampled({ n: 2, realData, syntheticData }), skew, 4);
        expectMatchesBruteForce(randomlySampled({ n: 3, realData, syntheticData }), half, 3);
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

describe('the number field and the rational field', () => {
  it('Bin(n, 1/u) pmf in doubles matches the exact rationals', () => {
    for (const [n, u] of [[1, 1], [5, 1], [10, 2], [10, 7], [30, 3], [200, 50]] as const) {
      const a = NUMBER_FIELD.binomialPmf(n, u);
      const b = RATIONAL_FIELD.binomialPmf(n, u);
      expect(Rational.sum(b).toString()).toBe('1');
      for (let k = 0; k <= n; k++) {
        const want = b[k].toNumber();
        if (want > 1e-300) expect(relErr(a[k], want)).toBeLessThanOrEqual(1e-12);
        else expect(Math.abs(a[k])).toBeLessThanOrEqual(1e-290);
      }
    }
    // no underflow of the whole pmf for large n
    const big = NUMBER_FIELD.binomialPmf(100000, 2);
    expect(big.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});

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
