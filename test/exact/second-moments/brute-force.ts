/**
 * The brute-force enumerator of the exact second-moment tests: the documented schedule semantics
 * (docs/simulation.md) followed sample by sample, in exact rationals, and the check of
 * `exactSecondMomentsRational` (S, cross moments, by-products; exact equality) and of `exactSecondMoments`
 * (doubles, ≤ 1e-12 relative) against it.
 */
import { expect } from 'vitest';
import { exactSecondMoments, exactSecondMomentsRational, type ExactSecondMomentsRational } from '../../../src/exact/second-moments/index.ts';
import { scheduleCounts, type Schedule } from '../../../src/simulation/schedules.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { compositions, multinomialPmf } from '../../oracles/wright-fisher.ts';
import { relErr } from '../../helpers.ts';

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;
export const sumSq = (q: readonly Rational[]): Rational => Rational.sum(q.map((x) => x.mul(x)));
const dot = (a: readonly Rational[], b: readonly Rational[]): Rational => Rational.sum(a.map((x, i) => x.mul(b[i])));
export const expectRationalArrays = (got: readonly Rational[], want: readonly Rational[], label: string): void => {
  expect(got.map(String), label).toEqual(want.map(String));
};

// ---------------------------------------------------------------------------
// Brute-force enumerator: the documented semantics (docs/simulation.md), sample by sample.

export interface BruteForce {
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
export function bruteForce(p: readonly Rational[], schedule: Schedule, M: number): BruteForce {
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

export function expectMatchesBruteForce(schedule: Schedule, p: Rational[], M: number): ExactSecondMomentsRational {
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
