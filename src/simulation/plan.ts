/**
 * A schedule as a request generator: the nonzero n_t^(m) of each generation m,
 * and how a source's samples are served when requested again. Shared by the
 * simulator's generic engine and the text engines (docs/simulation.md).
 *
 * @internal
 * @module
 */
import { checkCustomCount, mostRecentShare, type CustomSchedule, type Schedule } from './schedules.ts';
import { subsampleCounts, uniformInt } from './seeding.ts';
import type { Rng } from '../random/types.ts';

/** How repeated requests of a `'reuse'` source are served. */
export type ReuseKind = 'constant' | 'prefix' | 'subset';

/** A schedule as a request generator. */
export interface Plan {
  /** Writes the nonzero n_t^(m) of generation m into reqT/reqK; returns how many. */
  requests(m: number, rng: Rng, reqT: number[], reqK: number[]): number;
  /** Sources t ≥ 1 with t < m − window are never requested at generation ≥ m (Infinity: unbounded). */
  window: number;
  /** No real data after this generation (Infinity: unbounded). */
  lastReal: number;
  reuse: ReuseKind;
  /** For reuse 'subset': the dataset length of source t (0 for the other kinds). */
  datasetLength: (t: number) => number;
  realMode: 'reuse' | 'fresh';
  synthMode: 'reuse' | 'fresh';
}

/** The plan of a validated schedule over G generations. */
export function planFor(schedule: Schedule, G: number): Plan {
  const realMode = schedule.realData;
  const synthMode = schedule.syntheticData;
  const none = (): number => 0;
  switch (schedule.kind) {
    case 'fullySynthetic': {
      const n = schedule.n;
      return {
        requests(m, _rng, reqT, reqK) {
          reqT[0] = m - 1;
          reqK[0] = n;
          return 1;
        },
        window: 1,
        lastReal: 1,
        reuse: 'constant',
        datasetLength: none,
        realMode,
        synthMode,
      };
    }
    case 'partiallySynthetic': {
      const { N, n } = schedule;
      return {
        requests(m, _rng, reqT, reqK) {
          reqT[0] = 0;
          reqK[0] = N;
          if (m >= 2 && n > 0) {
            reqT[1] = m - 1;
            reqK[1] = n;
            return 2;
          }
          return 1;
        },
        window: 1,
        lastReal: Infinity,
        reuse: 'constant',
        datasetLength: none,
        realMode,
        synthMode,
      };
    }
    case 'mostRecent': {
      const { K } = schedule;
      return {
        requests(m, _rng, reqT, reqK) {
          const c = mostRecentShare(schedule, m);
          let q = 0;
          for (let t = Math.max(0, m - K); t < m; t++) {
            reqT[q] = t;
            reqK[q] = c;
            q++;
          }
          return q;
        },
        window: K,
        lastReal: K,
        reuse: schedule.warmUp === 'spread' && K > 1 ? 'prefix' : 'constant',
        datasetLength: none,
        realMode,
        synthMode,
      };
    }
    case 'accumulate': {
      const { N, n } = schedule;
      return {
        requests(m, _rng, reqT, reqK) {
          reqT[0] = 0;
          reqK[0] = N;
          let q = 1;
          if (n > 0) {
            for (let t = 1; t < m; t++) {
              reqT[q] = t;
              reqK[q] = n;
              q++;
            }
          }
          return q;
        },
        window: Infinity,
        lastReal: Infinity,
        reuse: 'constant',
        datasetLength: none,
        realMode,
        synthMode,
      };
    }
    case 'randomlySampled': {
      const { n } = schedule;
      const tally = new Float64Array(G + 1);
      const seen: number[] = [];
      return {
        requests(m, rng, reqT, reqK) {
          seen.length = 0;
          for (let i = 0; i < n; i++) {
            const g = uniformInt(rng, m);
            if (tally[g] === 0) seen.push(g);
            tally[g]++;
          }
          seen.sort((a, b) => a - b);
          for (let q = 0; q < seen.length; q++) {
            reqT[q] = seen[q];
            reqK[q] = tally[seen[q]];
            tally[seen[q]] = 0;
          }
          return seen.length;
        },
        window: Infinity,
        lastReal: Infinity,
        reuse: 'prefix',
        datasetLength: none,
        realMode,
        synthMode,
      };
    }
    case 'accumulateSubsample': {
      const { N, n, size } = schedule;
      const sizes = new Float64Array(G + 1);
      const split = new Float64Array(G + 1);
      sizes[0] = N;
      for (let t = 1; t <= G; t++) sizes[t] = n;
      return {
        requests(m, rng, reqT, reqK) {
          const pool = N + (m - 1) * n;
          subsampleCounts(sizes, m, pool, Math.min(size, pool), rng, split);
          let q = 0;
          for (let t = 0; t < m; t++) {
            if (split[t] > 0) {
              reqT[q] = t;
              reqK[q] = split[t];
              q++;
            }
          }
          return q;
        },
        window: Infinity,
        lastReal: Infinity,
        reuse: 'subset',
        datasetLength: (t) => (t === 0 ? N : n),
        realMode,
        synthMode,
      };
    }
    case 'custom': {
      const sched = schedule as CustomSchedule;
      const window = sched.window ?? Infinity;
      const lastReal = sched.lastRealGeneration ?? Infinity;
      return {
        requests(m, _rng, reqT, reqK) {
          let q = 0;
          if (m <= lastReal) {
            const c = checkCustomCount(sched, m, 0, sched.counts(m, 0));
            if (c > 0) {
              reqT[q] = 0;
              reqK[q] = c;
              q++;
            }
          }
          for (let t = window === Infinity ? 1 : Math.max(1, m - window); t < m; t++) {
            const c = checkCustomCount(sched, m, t, sched.counts(m, t));
            if (c > 0) {
              reqT[q] = t;
              reqK[q] = c;
              q++;
            }
          }
          return q;
        },
        window,
        lastReal,
        reuse: 'prefix',
        datasetLength: none,
        realMode,
        synthMode,
      };
    }
  }
}
