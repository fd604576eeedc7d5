/**
 * The plan of a schedule with deterministic counts n_t^(m) (eq. 5: Fully
 * Synthetic, Theorem 1; Partially Synthetic, Theorem 2; Most Recent Models;
 * custom): the counts as sparse rows, read once from the schedule, for the
 * class engine (classes-engine.ts).
 *
 * @module
 */
import { checkCustomCount, MAX_TRAINING_SIZE, mostRecentShare, type Schedule } from '../../theory/schedules.ts';
import { ParameterRangeError } from '../../validate.ts';

/** A schedule with deterministic counts n_t^(u) (eq. 5), as sparse rows. */
export interface ClassPlan {
  readonly kind: 'classes';
  /** Generations M. */
  readonly M: number;
  /** Row u (1…M) occupies entries offsets[u] … offsets[u + 1] − 1 of `sources` / `counts` (CSR). */
  readonly offsets: Int32Array;
  /** The sources t with n_t^(u) > 0, ascending within each row. */
  readonly sources: Int32Array;
  /** counts[e] = n_{sources[e]}^(u) for the entries e of row u. */
  readonly counts: Float64Array;
  /** totals[u] = n^(u). */
  readonly totals: Float64Array;
  /** Source 0 is one corpus read by prefixes (`'reuse'`) or fresh draws. */
  readonly reuseReal: boolean;
  /** Sources t ≥ 1 are read by prefixes (`'reuse'`) or fresh draws. */
  readonly reuseSynthetic: boolean;
  /** W = max over u of u − t for synthetic sources t ≥ 1 of u (1 if none). */
  readonly window: number;
}

/**
 * Most counts n_t^(m) > 0 the class engine reads for a deterministic schedule (2^26 ≈ 6.7·10⁷,
 * ≈ 2.7 GB of plan): beyond this the plan's arrays would exceed what V8 can allocate.
 */
export const MAX_CLASS_ENTRIES: number = 2 ** 26;

/** Upper bound on the sparse entries n_t^(m) > 0 a deterministic schedule can have (before querying it). */
export function entryBound(s: Schedule, M: number): number {
  switch (s.kind) {
    case 'fullySynthetic':
      return M;
    case 'partiallySynthetic':
      return 2 * M;
    case 'mostRecent':
      return M * s.K;
    case 'custom': {
      const w = s.window ?? Infinity;
      // Σ_m (1 + min(w, m − 1))
      if (w >= M) return M + (M * (M - 1)) / 2;
      return M + w * (M - w) + (w * (w - 1)) / 2;
    }
    default:
      return 0;
  }
}

/**
 * Reads the counts n_t^(m), m = 1…M, of a deterministic schedule into a
 * {@link ClassPlan}, checking every generation's total n^(m) (eq. 5).
 *
 * @param s - A validated schedule with deterministic counts.
 * @param M - Last generation.
 * @returns The sparse counts, totals, sample modes and largest synthetic lag.
 * @throws {ParameterRangeError} when a total n^(m) is 0 or above `MAX_TRAINING_SIZE`, or a custom count is invalid.
 *
 * @example
 * ```ts
 * import { partiallySynthetic } from 'model-collapse';
 * // Partially Synthetic (Theorem 2), N = 3, n = 2: n^(1) = N, n^(2) = N + n
 * classPlan(partiallySynthetic({ N: 3, n: 2 }), 2).totals; // => Float64Array [0, 3, 5]
 * ```
 */
export function classPlan(s: Schedule, M: number): ClassPlan {
  const offsets = new Int32Array(M + 2);
  const totals = new Float64Array(M + 1);
  let window = 1;
  const ts: number[] = [];
  const cs: number[] = [];
  const push = (t: number, c: number): void => {
    if (c > 0) {
      ts.push(t);
      cs.push(c);
    }
  };
  for (let m = 1; m <= M; m++) {
    const start = ts.length;
    offsets[m] = start;
    switch (s.kind) {
      case 'fullySynthetic':
        push(m - 1, s.n);
        break;
      case 'partiallySynthetic':
        push(0, s.N);
        if (m >= 2) push(m - 1, s.n);
        break;
      case 'mostRecent': {
        const c = mostRecentShare(s, m);
        for (let t = Math.max(0, m - s.K); t < m; t++) push(t, c);
        break;
      }
      case 'custom': {
        if (s.lastRealGeneration === undefined || m <= s.lastRealGeneration) push(0, checkCustomCount(s, m, 0, s.counts(m, 0)));
        const from = s.window === undefined ? 1 : Math.max(1, m - s.window);
        for (let t = from; t < m; t++) push(t, checkCustomCount(s, m, t, s.counts(m, t)));
        break;
      }
      default:
        throw new Error(`internal: ${s.kind} has no class plan`);
    }
    let total = 0;
    for (let k = start; k < ts.length; k++) {
      total += cs[k];
      if (ts[k] >= 1 && m - ts[k] > window) window = m - ts[k];
    }
    if (total < 1) throw new ParameterRangeError(`schedule total n^(${m})`, total, 'an integer >= 1 (every generation needs training samples)');
    if (total > MAX_TRAINING_SIZE) throw new ParameterRangeError(`schedule total n^(${m})`, total, `an integer <= ${MAX_TRAINING_SIZE}`);
    totals[m] = total;
  }
  offsets[M + 1] = ts.length;
  return {
    kind: 'classes',
    M,
    offsets,
    sources: Int32Array.from(ts),
    counts: Float64Array.from(cs),
    totals,
    reuseReal: s.realData === 'reuse',
    reuseSynthetic: s.syntheticData === 'reuse',
    window,
  };
}
