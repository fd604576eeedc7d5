/**
 * The three engines behind `exactSecondMoments` (src/exact/second-moments.ts),
 * generic over a {@link MomentField}. Notation (derivation in
 * docs/_sections/exact-second-moments.md):
 *
 * - S_t = E‖p^(t)‖₂², C[t][u] = E Σ_i p_i^(t) p_i^(u) (C[0][u] = S0 = C[t][t]|_{t=0});
 * - H(v, u): the ancestry weight, H(u, u) = 1/n^(u),
 *   H(v, u) = (1/n^(u)) Σ_{v ≤ w < u} n_w^(u) H(v, w);
 * - a class κ of source t (samples of t used by exactly the generations in κ,
 *   m_κ of them) has A_κ(u) = Σ_{v ∈ κ, v ≤ u} H(v, u), and a sample a of the
 *   class satisfies E Σ_i Z_{a,i} p_i^(u) = C[t][u] + (1 − S_t) A_κ(u) (u > t);
 * - B(t, u) = Σ_{t' < t} n_{t'}^(u) C[t'][t] + Σ_{t' < t} (1 − S_{t'}) Σ_{κ ∋ u} m_κ A_κ(t);
 * - C[t][u] = (1/n^(u)) [B(t, u) + n_t^(u) S_t + Σ_{t < w < u} n_w^(u) C[t][w]];
 * - S_u = (1/n^(u)²) [n^(u) + Σ_t n_t(n_t − 1) S_t + 2 Σ_{t < w} n_t n_w C[t][w]
 *         + 2 Σ_t (1 − S_t) Σ_{κ ∋ u} m_κ Σ_w n_w^(u) A_κ(w)].
 *
 * Random splits (Randomly Sampled, Accumulate-subsample) replace the counts by
 * their moments: the split of generation u is independent of everything
 * generation u's inputs depend on, and every product above pairs quantities
 * that depend on disjoint sets of splits.
 *
 * @module
 */
import type { MomentField } from './moments-field.ts';

export { NUMBER_FIELD, RATIONAL_FIELD } from './moments-field.ts';

/** What every engine returns (arrays indexed by generation 0…M): S_m of Theorems 1–2 generalised, and cross moments. */
export interface EngineResult<T> {
  /** S[m] = E‖p^(m)‖₂², S[0] = S0. */
  S: T[];
  /** C1[m] = E Σ_i p_i^(1) p_i^(m) (C1[0] = S0, C1[1] = S[1]). */
  C1: T[];
  /** The full matrix C[a][b], 0 ≤ a, b ≤ M, when requested. */
  cross: T[][] | null;
}

// ---------------------------------------------------------------------------
// Deterministic counts: classes of samples

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

/** One class of samples of a reused source: indices (level_{j−1}, level_j] of its sequence. */
interface SampleClass {
  source: number;
  level: number;
  /** m_κ = level_j − level_{j−1}. */
  mult: number;
  /** min κ and max κ (κ = generations whose count of the source is ≥ level). */
  first: number;
  last: number;
}

/** Classes of a plan, and the engine's cost. */
export interface ClassLayout {
  /** Non-trivial classes (|κ| ≥ 2), ascending level within each source. */
  classes: SampleClass[];
  /** bySource[t]: indices into `classes` of source t's classes (ascending level), or undefined. */
  bySource: (number[] | undefined)[];
  /** Multiply-adds of the run (an upper estimate). */
  operations: number;
  /** Peak bytes (estimate). */
  bytes: number;
}

/** Per-generation bookkeeping charged by the estimate, in multiply-add equivalents. */
const GENERATION_OVERHEAD = 30;

/**
 * Builds the classes of every reused source of a deterministic schedule (eq. 5
 * with `'reuse'` sources read by prefixes: the class of level c_j holds the
 * samples with index in (c_{j−1}, c_j], used by every generation whose count is
 * ≥ c_j) and the estimated cost of {@link classesEngine}. Classes used by one
 * generation only, and `'fresh'` draws, drop out of the recursion.
 *
 * @param plan - The sparse counts n_t^(u).
 * @param cross - Whether the full cross-moment matrix will be requested.
 * @returns The classes, grouped by source, with the operation and memory estimates.
 *
 * @example
 * ```ts ignore
 * // Partially Synthetic (Theorem 2), N = 3, n = 2, two generations: the corpus is one class used by both
 * const plan = { kind: 'classes', M: 2, offsets: Int32Array.from([0, 0, 1, 3]), sources: Int32Array.from([0, 0, 1]),
 *   counts: Float64Array.from([3, 3, 2]), totals: Float64Array.from([0, 3, 5]), reuseReal: true, reuseSynthetic: true, window: 1 };
 * classLayout(plan, false).classes; // => [{ source: 0, level: 3, mult: 3, first: 1, last: 2 }]
 * ```
 */
export function classLayout(plan: ClassPlan, cross: boolean): ClassLayout {
  const { M, offsets, sources, counts } = plan;
  const reused = (t: number): boolean => (t === 0 ? plan.reuseReal : plan.reuseSynthetic);
  // uses of each reused source, CSR by source
  const useCount = new Int32Array(M + 1);
  for (let e = 0; e < sources.length; e++) if (reused(sources[e])) useCount[sources[e]]++;
  const useStart = new Int32Array(M + 2);
  for (let t = 0; t <= M; t++) useStart[t + 1] = useStart[t] + (useCount[t] >= 2 ? useCount[t] : 0);
  const useU = new Int32Array(useStart[M + 1]);
  const useC = new Float64Array(useStart[M + 1]);
  const fill = useStart.slice(0, M + 1);
  for (let u = 1; u <= M; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const t = sources[e];
      if (useCount[t] < 2 || !reused(t)) continue;
      useU[fill[t]] = u;
      useC[fill[t]] = counts[e];
      fill[t]++;
    }
  }
  const bySource: (number[] | undefined)[] = new Array<number[] | undefined>(M + 1);
  const classes: SampleClass[] = [];
  let spanTotal = 0;
  for (let t = 0; t <= M; t++) {
    const a = useStart[t];
    const b = useStart[t + 1];
    if (b - a < 2) continue;
    const order: number[] = [];
    for (let i = a; i < b; i++) order.push(i);
    order.sort((x, y) => useC[y] - useC[x]); // counts descending
    const levels: { level: number; first: number; last: number; size: number }[] = [];
    let first = Infinity;
    let last = -Infinity;
    let size = 0;
    for (let i = 0; i < order.length; ) {
      const level = useC[order[i]];
      while (i < order.length && useC[order[i]] === level) {
        const u = useU[order[i]];
        if (u < first) first = u;
        if (u > last) last = u;
        size++;
        i++;
      }
      levels.push({ level, first, last, size });
    }
    levels.reverse(); // ascending level
    const ids: number[] = [];
    let previous = 0;
    for (const l of levels) {
      if (l.size >= 2) {
        ids.push(classes.length);
        classes.push({ source: t, level: l.level, mult: l.level - previous, first: l.first, last: l.last });
        spanTotal += l.last - l.first;
      }
      previous = l.level;
    }
    if (ids.length > 0) bySource[t] = ids;
  }
  // cost: per generation, the column (|T_u| entries), S_u and the class updates
  const aliveDiff = new Float64Array(M + 2);
  for (const c of classes) {
    aliveDiff[c.first] += 1;
    aliveDiff[c.last] -= 1;
  }
  let alive = 0;
  let operations = 0;
  const W = plan.window;
  for (let u = 1; u <= M; u++) {
    alive += aliveDiff[u];
    const K = offsets[u + 1] - offsets[u];
    let levelsUsed = 0;
    if (classes.length > 0) {
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const ids = bySource[sources[e]];
        if (ids !== undefined) levelsUsed += ids.length;
      }
    }
    const columns = u === 1 ? 0 : cross ? u - 1 : Math.min(u - 1, W);
    operations += (columns + K) * (K + levelsUsed) + alive * K + GENERATION_OVERHEAD;
  }
  const band = cross ? (M * (M + 1)) / 2 : Math.min(M, W + 2) * W;
  const bytes = 12 * sources.length + 12 * useU.length + 8 * spanTotal + 64 * classes.length + 8 * band + 40 * (M + 2);
  return { classes, bySource, operations, bytes };
}

/**
 * The class engine: S_m, C[1][m] (and optionally every C[a][b]) for any
 * schedule with deterministic counts (eq. 5; Fully Synthetic, Theorem 1;
 * Partially Synthetic, Theorem 2; Most Recent Models; custom), by the
 * recursion of the module documentation, in any {@link MomentField}. Only the
 * band of C with lag ≤ W − 1 (W the largest synthetic lag) and the row C[1][·]
 * are kept unless `cross` is set.
 *
 * @param F - The arithmetic.
 * @param plan - The sparse counts.
 * @param layout - {@link classLayout} of the plan.
 * @param S0 - ‖p‖₂².
 * @param cross - Also return the full matrix C.
 * @returns {@link EngineResult}.
 *
 * @example
 * ```ts ignore
 * const plan = { kind: 'classes', M: 2, offsets: Int32Array.from([0, 0, 1, 3]), sources: Int32Array.from([0, 0, 1]),
 *   counts: Float64Array.from([3, 3, 2]), totals: Float64Array.from([0, 3, 5]), reuseReal: true, reuseSynthetic: true, window: 1 };
 * // Theorem 2 with N = 3, n = 2, S0 = 1/2: S_1 = 2/3, S_2 = 52/75
 * classesEngine(RATIONAL_FIELD, plan, classLayout(plan, false), Rational.of(1, 2), false).S.map(String); // => ['1/2', '2/3', '52/75']
 * classesEngine(NUMBER_FIELD, plan, classLayout(plan, false), 0.5, false).S[2]; // => 0.693333333333
 * ```
 */
export function classesEngine<T>(F: MomentField<T>, plan: ClassPlan, layout: ClassLayout, S0: T, cross: boolean): EngineResult<T> {
  const { M, offsets, sources, counts, totals } = plan;
  const W = plan.window;
  const { classes, bySource } = layout;
  const S: T[] = new Array<T>(M + 1).fill(F.zero);
  const oneMinusS: T[] = new Array<T>(M + 1).fill(F.zero);
  S[0] = S0;
  oneMinusS[0] = F.sub(F.one, S0);
  const C1: T[] = new Array<T>(M + 1).fill(F.zero);
  C1[0] = S0;
  const two = F.fromInt(2);
  /** band[w][lag] = C[w − lag][w], lag = 1…bandLength(w). */
  const band: (T[] | null)[] = new Array<T[] | null>(M + 1).fill(null);
  const bandLength = (w: number): number => (cross ? w - 1 : Math.min(W - 1, w - 1));
  const getC = (t: number, w: number): T => {
    if (t === 0) return S0;
    const lag = w - t;
    if (lag <= bandLength(w)) return (band[w] as T[])[lag];
    if (t === 1) return C1[w];
    throw new Error(`internal: C[${t}][${w}] outside the stored band`);
  };

  // class state: A[j][t − first_j] = A_κj(t), t ∈ [first_j, last_j − 1]
  const A: (T[] | null)[] = new Array<T[] | null>(classes.length).fill(null);
  const multT: T[] = classes.map((c) => F.fromInt(c.mult));
  const startAt: number[][] = [];
  const endAt: number[][] = [];
  for (let j = 0; j < classes.length; j++) {
    const c = classes[j];
    (startAt[c.first] ??= []).push(j);
    (endAt[c.last] ??= []).push(j);
  }
  let alive: number[] = [];

  let maxK = 0;
  for (let u = 1; u <= M; u++) maxK = Math.max(maxK, offsets[u + 1] - offsets[u]);
  const cT: T[] = new Array<T>(maxK).fill(F.zero);
  const countOf = new Float64Array(M + 1); // n_t^(u) for the current u (dense scratch)
  // current generation (read by the helpers below)
  let o0 = 0;
  let K = 0;
  let n = F.one;

  /** Σ_{κ of source sources[o0 + k], κ ∋ u} m_κ A_κ(t). */
  const classSumAt = (ids: number[], k: number, t: number): T => {
    const c = counts[o0 + k];
    let acc = F.zero;
    for (let i = 0; i < ids.length; i++) {
      const j = ids[i];
      const cl = classes[j];
      if (cl.level > c) break;
      if (cl.first <= t) acc = F.add(acc, F.mul(multT[j], (A[j] as T[])[t - cl.first]));
    }
    return acc;
  };
  /** C[t][u] = (1/n^(u)) [B(t, u) + n_t^(u) S_t + Σ_{t<w<u} n_w^(u) C[t][w]]. */
  const columnAt = (t: number): T => {
    let acc = F.zero;
    let k = 0;
    for (; k < K && sources[o0 + k] < t; k++) {
      const tk = sources[o0 + k];
      acc = F.add(acc, F.mul(cT[k], getC(tk, t)));
      const ids = bySource[tk];
      if (ids !== undefined) acc = F.add(acc, F.mul(oneMinusS[tk], classSumAt(ids, k, t)));
    }
    if (k < K && sources[o0 + k] === t) {
      acc = F.add(acc, F.mul(cT[k], S[t]));
      k++;
    }
    for (; k < K; k++) acc = F.add(acc, F.mul(cT[k], getC(t, sources[o0 + k])));
    return F.div(acc, n);
  };

  for (let u = 1; u <= M; u++) {
    o0 = offsets[u];
    K = offsets[u + 1] - o0;
    n = F.fromInt(totals[u]);
    for (let k = 0; k < K; k++) {
      cT[k] = F.fromInt(counts[o0 + k]);
      countOf[sources[o0 + k]] = counts[o0 + k];
    }

    // 1. the column C[t][u] for the t still needed later (lag ≤ W − 1, and t = 1)
    if (u >= 2) {
      const len = bandLength(u);
      const row: T[] = new Array<T>(len + 1).fill(F.zero);
      const lowest = u - len;
      for (let t = Math.max(1, lowest); t < u; t++) row[u - t] = columnAt(t);
      band[u] = row;
      C1[u] = lowest <= 1 ? row[u - 1] : columnAt(1);
    }

    // 2. S_u
    let acc = n;
    for (let k = 0; k < K; k++) {
      const tk = sources[o0 + k];
      acc = F.add(acc, F.mul(F.mul(cT[k], F.fromInt(counts[o0 + k] - 1)), S[tk]));
      let pairs = F.zero;
      for (let l = k + 1; l < K; l++) pairs = F.add(pairs, F.mul(cT[l], getC(tk, sources[o0 + l])));
      acc = F.add(acc, F.mul(F.add(cT[k], cT[k]), pairs));
      const ids = bySource[tk];
      if (ids !== undefined) {
        let inner = F.zero;
        for (let i = 0; i < ids.length; i++) {
          const j = ids[i];
          const cl = classes[j];
          if (cl.level > counts[o0 + k]) break;
          const a = A[j] as T[];
          let sum = F.zero;
          for (let l = k + 1; l < K; l++) {
            const tl = sources[o0 + l];
            if (tl >= cl.first) sum = F.add(sum, F.mul(cT[l], a[tl - cl.first]));
          }
          inner = F.add(inner, F.mul(multT[j], sum));
        }
        acc = F.add(acc, F.mul(two, F.mul(oneMinusS[tk], inner)));
      }
    }
    S[u] = F.div(acc, F.mul(n, n));
    oneMinusS[u] = F.sub(F.one, S[u]);
    if (u === 1) C1[1] = S[1];

    // 3. A_κ(u) for the classes alive at u (first ≤ u < last)
    const starting = startAt[u];
    if (starting !== undefined) {
      for (const j of starting) {
        A[j] = new Array<T>(classes[j].last - classes[j].first).fill(F.zero);
        alive.push(j);
      }
    }
    if (alive.length > 0) {
      const stillAlive: number[] = [];
      for (const j of alive) {
        const c = classes[j];
        const a = A[j] as T[];
        let sum = countOf[c.source] >= c.level ? F.one : F.zero;
        for (let l = 0; l < K; l++) {
          const tl = sources[o0 + l];
          if (tl >= c.first) sum = F.add(sum, F.mul(cT[l], a[tl - c.first]));
        }
        a[u - c.first] = F.div(sum, n);
        if (u + 1 < c.last) stillAlive.push(j);
      }
      alive = stillAlive;
    }
    const ending = endAt[u];
    if (ending !== undefined) for (const j of ending) A[j] = null;
    for (let k = 0; k < K; k++) countOf[sources[o0 + k]] = 0;
    if (!cross && u - W - 1 >= 2) band[u - W - 1] = null;
  }

  let full: T[][] | null = null;
  if (cross) {
    full = Array.from({ length: M + 1 }, () => new Array<T>(M + 1).fill(F.zero));
    for (let a = 0; a <= M; a++) {
      full[a][a] = S[a];
      for (let b = a + 1; b <= M; b++) {
        const v = getC(a, b);
        full[a][b] = v;
        full[b][a] = v;
      }
    }
  }
  return { S, C1, cross: full };
}

// ---------------------------------------------------------------------------
// Randomly Sampled Data: n_t^(u) ~ Multinomial(n; 1/u, …, 1/u)

/** Randomly Sampled Data (§4.2): n_t^(u) ~ Mult(n; 1/u, …, 1/u) in eq. 5. */
export interface RandomPlan {
  readonly kind: 'random';
  readonly M: number;
  readonly n: number;
  readonly reuseReal: boolean;
  readonly reuseSynthetic: boolean;
}

/**
 * Cost estimate of {@link randomEngine} (Randomly Sampled Data, §4.2): O(M²·n)
 * multiply-adds and O(M·n) memory when a source is reused, O(M²) and O(M) otherwise.
 *
 * @param plan - The schedule's parameters.
 * @param cross - Whether the full matrix C is requested ((M + 1)² more entries).
 * @returns Operations and bytes.
 *
 * @example
 * ```ts
 * randomCost({ kind: 'random', M: 500, n: 10, reuseReal: true, reuseSynthetic: false }, false).operations; // => 3278500
 * ```
 */
export function randomCost(plan: RandomPlan, cross: boolean): { operations: number; bytes: number } {
  const { M, n } = plan;
  const reuse = plan.reuseReal || plan.reuseSynthetic;
  const operations = (M * (M + 1)) / 2 * (reuse ? 2 * (n + 1) + 4 : 4) + M * (n + 1) * 4;
  const bytes = 8 * (reuse ? 2 * M * (n + 1) : n + 1) + 8 * 10 * (M + 1) + (cross ? 8 * (M + 1) * (M + 1) : 0);
  return { operations, bytes };
}

/**
 * The Randomly Sampled Data engine (§4.2; eq. 5 with a multinomial split
 * n_t^(u) ~ Mult(n; 1/u, …, 1/u) drawn anew at every generation), averaging
 * the recursion of Theorems 1–2's proofs over the splits exactly. With X_u ~ Bin(n, 1/u) (one source's count at u),
 * T_u(k) = P(X_u ≥ k), a_u(k) = E[(n − X_u) 1{X_u ≥ k}], ρ(v) = Σ_{t < v} (1 − S_t)·[t reused]:
 * H(v, u) = Hs(v, u)/u, Hs(v, u) = Σ_{v ≤ w < u} H(v, w);
 * C[t][u] = (colSum(t) + S_t + Σ_{t<w<u} C[t][w])/u + (1/n) Σ_k T_u(k) Y_t(k),
 *   Y_t(k) = Σ_{v ≤ t} H(v, t) ρ(v) T_v(k)  (E min(X_u, X_v) = Σ_k T_u(k) T_v(k));
 * S_u = [n + n(n−1)/u² (Σ_{t<u} S_t + 2 Σ_{t<w<u} C[t][w]) + (2/(u−1)) Σ_k a_u(k) Σ_{w<u} Y_w(k)]/n².
 *
 * @param F - The arithmetic.
 * @param plan - n, M and the sample modes.
 * @param S0 - ‖p‖₂².
 * @param cross - Also return the full matrix C.
 * @returns {@link EngineResult}.
 *
 * @example
 * ```ts ignore
 * const plan = { kind: 'random', M: 2, n: 2, reuseReal: true, reuseSynthetic: false };
 * randomEngine(RATIONAL_FIELD, plan, Rational.of(1, 2), false).S.map(String); // => ['1/2', '3/4', '27/32']
 * randomEngine(NUMBER_FIELD, plan, 0.5, false).S[2]; // => 0.84375
 * ```
 */
export function randomEngine<T>(F: MomentField<T>, plan: RandomPlan, S0: T, cross: boolean): EngineResult<T> {
  const { M, n } = plan;
  const nT = F.fromInt(n);
  const nn1 = F.mul(nT, F.fromInt(n - 1));
  const reuse = plan.reuseReal || plan.reuseSynthetic;
  const S: T[] = new Array<T>(M + 1).fill(F.zero);
  S[0] = S0;
  const C1: T[] = new Array<T>(M + 1).fill(F.zero);
  C1[0] = S0;
  const full: T[][] | null = cross ? Array.from({ length: M + 1 }, () => new Array<T>(M + 1).fill(F.zero)) : null;
  const Hs: T[] = new Array<T>(M + 1).fill(F.zero); // Σ_{v ≤ w < u} H(v, w)
  const colSum: T[] = new Array<T>(M + 1).fill(F.zero); // Σ_{t < w} C[t][w]
  const Rs: T[] = new Array<T>(M + 1).fill(F.zero); // Σ_{t < w < u} C[t][w]
  const rho: T[] = new Array<T>(M + 2).fill(F.zero);
  rho[1] = plan.reuseReal ? F.sub(F.one, S0) : F.zero;
  let sumS = S0; // Σ_{t < u} S_t
  let pairSum = F.zero; // Σ_{w < u} colSum(w)
  // tails T_v(k), k = 1…len, and Y_t(k); Z(k) = Σ_{w < u} Y_w(k)
  const tails: T[][] = new Array<T[]>(M + 1);
  const Y: T[][] = new Array<T[]>(M + 1);
  const Z: T[] = new Array<T>(n + 1).fill(F.zero);
  const column: T[] = new Array<T>(M + 1).fill(F.zero);
  const H: T[] = new Array<T>(M + 1).fill(F.zero);
  for (let u = 1; u <= M; u++) {
    const uT = F.fromInt(u);
    let Tu: T[] = [];
    let au: T[] = [];
    if (reuse) {
      const pmf = F.binomialPmf(n, u);
      // T_u(k) = Σ_{j ≥ k} pmf(j), a_u(k) = Σ_{j ≥ k} (n − j) pmf(j), k = 1…n (index k − 1)
      Tu = new Array<T>(n);
      au = new Array<T>(n);
      let tail = F.zero;
      let atail = F.zero;
      for (let k = n; k >= 1; k--) {
        tail = F.add(tail, pmf[k]);
        atail = F.add(atail, F.mul(F.fromInt(n - k), pmf[k]));
        Tu[k - 1] = tail;
        au[k - 1] = atail;
      }
      let len = n;
      while (len > 0 && F.isZero(Tu[len - 1])) len--;
      Tu.length = len;
      tails[u] = Tu;
    }
    // H(·, u)
    for (let v = 1; v < u; v++) H[v] = F.div(Hs[v], uT);
    H[u] = F.div(F.one, nT);
    // C[t][u]
    column[0] = S0;
    let colTotal = S0;
    for (let t = 1; t < u; t++) {
      let c = F.div(F.add(F.add(colSum[t], S[t]), Rs[t]), uT);
      if (reuse) {
        const y = Y[t];
        const len = Math.min(Tu.length, y.length);
        let ov = F.zero;
        for (let k = 0; k < len; k++) ov = F.add(ov, F.mul(Tu[k], y[k]));
        c = F.add(c, F.div(ov, nT));
      }
      column[t] = c;
      colTotal = F.add(colTotal, c);
    }
    // S_u
    let acc = F.add(nT, F.mul(F.div(nn1, F.mul(uT, uT)), F.add(sumS, F.add(pairSum, pairSum))));
    if (reuse && u >= 2) {
      let ov = F.zero;
      for (let k = 0; k < Tu.length; k++) ov = F.add(ov, F.mul(au[k], Z[k]));
      acc = F.add(acc, F.div(F.add(ov, ov), F.fromInt(u - 1)));
    }
    S[u] = F.div(acc, F.mul(nT, nT));
    // updates
    if (u >= 2) C1[u] = column[1];
    C1[1] = S[1];
    if (full !== null) {
      full[u][u] = S[u];
      for (let t = 0; t < u; t++) {
        full[t][u] = column[t];
        full[u][t] = column[t];
      }
      full[0][0] = S0;
    }
    colSum[u] = colTotal;
    for (let t = 1; t < u; t++) Rs[t] = F.add(Rs[t], column[t]);
    for (let v = 1; v < u; v++) Hs[v] = F.add(Hs[v], H[v]);
    Hs[u] = H[u];
    sumS = F.add(sumS, S[u]);
    pairSum = F.add(pairSum, colTotal);
    rho[u + 1] = plan.reuseSynthetic ? F.add(rho[u], F.sub(F.one, S[u])) : rho[u];
    if (reuse) {
      // Y_u(k) = Σ_{v ≤ u} H(v, u) ρ(v) T_v(k)
      const y: T[] = new Array<T>(n).fill(F.zero);
      for (let v = 1; v <= u; v++) {
        if (F.isZero(rho[v])) continue;
        const w = F.mul(H[v], rho[v]);
        const tv = tails[v];
        const len = Math.min(tv.length, y.length);
        for (let k = 0; k < len; k++) y[k] = F.add(y[k], F.mul(w, tv[k]));
      }
      Y[u] = y;
      for (let k = 0; k < y.length; k++) Z[k] = F.add(Z[k], y[k]);
    }
  }
  return { S, C1, cross: full };
}

// ---------------------------------------------------------------------------
// Accumulate and Accumulate-subsample: one pool, hypergeometric splits

/** Accumulate (size = ∞) and Accumulate-subsample: eq. 5 with the pool N + (u − 1)n, subsampled without replacement. */
export interface PoolPlan {
  readonly kind: 'pool';
  readonly M: number;
  readonly N: number;
  readonly n: number;
  /** Training-set size cap (Infinity for Accumulate). */
  readonly size: number;
  readonly reuseReal: boolean;
  readonly reuseSynthetic: boolean;
}

/**
 * Cost estimate of {@link poolEngine} (Accumulate, Accumulate-subsample): O(M²)
 * multiply-adds, O(M) memory (plus (M + 1)² entries with `cross`).
 *
 * @param plan - The schedule's parameters.
 * @param cross - Whether the full matrix C is requested.
 * @returns Operations and bytes.
 *
 * @example
 * ```ts
 * poolCost({ kind: 'pool', M: 1000, N: 100, n: 10, size: Infinity, reuseReal: true, reuseSynthetic: true }, false).operations; // => 2012000
 * ```
 */
export function poolCost(plan: PoolPlan, cross: boolean): { operations: number; bytes: number } {
  const { M } = plan;
  return { operations: 2 * M * (M + 1) + 10 * M, bytes: 8 * 10 * (M + 2) + (cross ? 8 * (M + 1) * (M + 1) : 0) };
}

/**
 * Accumulate / Accumulate-subsample. Source sizes D_0 = N, D_t = n; pool
 * P_u = N + (u − 1)n; training size s_u = min(size, P_u); the split is
 * multivariate hypergeometric: E n_t = s_u D_t/P_u,
 * E n_t(n_t − 1) = κ_u D_t(D_t − 1), E n_t n_w = κ_u D_t D_w, κ_u = s_u(s_u − 1)/(P_u(P_u − 1));
 * with `'reuse'` a source's samples are a uniform subset of its dataset, so
 * E[overlap of u and v in source t | counts] = n_t^(u) n_t^(v)/D_t. Then, with
 * Λ(v) = Σ_{t<v} (1 − S_t) D_t·[t reused], ψ(v) = (s_v/P_v) Λ(v):
 * H(v, u) = Φ(v, u)/P_u, Φ(v, u) = Σ_{v ≤ w < u} D_w H(v, w), H(u, u) = 1/s_u;
 * C[t][u] = Γ(t, u)/P_u, Γ(t, u) = ζ(t) + η(t) + D_t S_t + Σ_{t<w<u} D_w C[t][w],
 *   ζ(t) = Σ_{t'<t} D_{t'} C[t'][t], η(t) = Σ_{v ≤ t} H(v, t) ψ(v);
 * S_u = [s_u + κ_u (Σ_{t<u} D_t(D_t − 1) S_t + 2 Σ_{w<u} D_w ζ(w) + 2 Σ_{w<u} D_w η(w))]/s_u².
 * O(M) work and memory per generation.
 *
 * @param F - The arithmetic.
 * @param plan - N, n, size (Infinity for Accumulate), M and the sample modes.
 * @param S0 - ‖p‖₂².
 * @param cross - Also return the full matrix C.
 * @returns {@link EngineResult}.
 *
 * @example
 * ```ts
 * import { Rational } from 'model-collapse';
 * // Accumulate with N = 2, n = 1 (eq. 5 with n_0 = N, n_t = n), S0 = 1/2
 * poolEngine(RATIONAL_FIELD, { kind: 'pool', M: 3, N: 2, n: 1, size: Infinity, reuseReal: true, reuseSynthetic: true }, Rational.of(1, 2), false).S.map(String); // => ['1/2', '3/4', '7/9', '19/24']
 * // Accumulate-subsample, size 2: a uniform 2-subset of the pool at every generation
 * poolEngine(RATIONAL_FIELD, { kind: 'pool', M: 3, N: 2, n: 1, size: 2, reuseReal: true, reuseSynthetic: true }, Rational.of(1, 2), false).S.map(String); // => ['1/2', '3/4', '5/6', '31/36']
 * ```
 */
export function poolEngine<T>(F: MomentField<T>, plan: PoolPlan, S0: T, cross: boolean): EngineResult<T> {
  const { M, N, n, size } = plan;
  const S: T[] = new Array<T>(M + 1).fill(F.zero);
  S[0] = S0;
  const C1: T[] = new Array<T>(M + 1).fill(F.zero);
  C1[0] = S0;
  const full: T[][] | null = cross ? Array.from({ length: M + 1 }, () => new Array<T>(M + 1).fill(F.zero)) : null;
  const NT = F.fromInt(N);
  const nT = F.fromInt(n);
  const D = (t: number): T => (t === 0 ? NT : nT);
  const Phi: T[] = new Array<T>(M + 1).fill(F.zero);
  const Gamma: T[] = new Array<T>(M + 1).fill(F.zero);
  const psi: T[] = new Array<T>(M + 1).fill(F.zero);
  const H: T[] = new Array<T>(M + 1).fill(F.zero);
  const column: T[] = new Array<T>(M + 1).fill(F.zero);
  let Q1 = F.mul(F.mul(NT, F.fromInt(N - 1)), S0);
  const nn1 = F.mul(nT, F.fromInt(n - 1));
  let Q2 = F.zero;
  let E = F.zero;
  let Lambda = plan.reuseReal ? F.mul(F.sub(F.one, S0), NT) : F.zero; // Λ(u)
  for (let u = 1; u <= M; u++) {
    const pool = N + (u - 1) * n;
    const s = Math.min(size, pool);
    const P = F.fromInt(pool);
    const sT = F.fromInt(s);
    const kappa = s <= 1 ? F.zero : F.div(F.mul(sT, F.fromInt(s - 1)), F.mul(P, F.fromInt(pool - 1)));
    psi[u] = F.div(F.mul(sT, Lambda), P);
    // H(·, u), C[·][u]
    for (let v = 1; v < u; v++) H[v] = F.div(Phi[v], P);
    H[u] = F.div(F.one, sT);
    column[0] = S0;
    for (let t = 1; t < u; t++) column[t] = F.div(Gamma[t], P);
    // S_u
    const inner = F.add(Q1, F.mul(F.fromInt(2), F.add(Q2, E)));
    S[u] = F.div(F.add(sT, F.mul(kappa, inner)), F.mul(sT, sT));
    if (u >= 2) C1[u] = column[1];
    C1[1] = S[1];
    if (full !== null) {
      full[0][0] = S0;
      full[u][u] = S[u];
      for (let t = 0; t < u; t++) {
        full[t][u] = column[t];
        full[u][t] = column[t];
      }
    }
    // updates: ζ(u), η(u), Γ, Φ, running sums
    let zeta = F.zero;
    for (let t = 0; t < u; t++) zeta = F.add(zeta, F.mul(D(t), column[t]));
    let eta = F.zero;
    for (let v = 1; v <= u; v++) if (!F.isZero(psi[v])) eta = F.add(eta, F.mul(H[v], psi[v]));
    const Du = nT;
    for (let t = 1; t < u; t++) Gamma[t] = F.add(Gamma[t], F.mul(Du, column[t]));
    Gamma[u] = F.add(F.add(zeta, eta), F.mul(Du, S[u]));
    for (let v = 1; v < u; v++) Phi[v] = F.add(Phi[v], F.mul(Du, H[v]));
    Phi[u] = F.mul(Du, H[u]);
    Q1 = F.add(Q1, F.mul(nn1, S[u]));
    Q2 = F.add(Q2, F.mul(Du, zeta));
    E = F.add(E, F.mul(Du, eta));
    if (plan.reuseSynthetic) Lambda = F.add(Lambda, F.mul(F.sub(F.one, S[u]), Du));
  }
  return { S, C1, cross: full };
}
