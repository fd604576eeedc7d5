/**
 * The class engine behind `exactSecondMoments` for every schedule with
 * deterministic counts (eq. 5; Fully Synthetic, Theorem 1; Partially
 * Synthetic, Theorem 2; Most Recent Models; custom), generic over a
 * {@link MomentField}; notation in engine.ts.
 *
 * @module
 */
import type { ClassLayout } from './class-layout.ts';
import type { ClassPlan } from './class-plan.ts';
import type { EngineInput, EngineResult } from './engine.ts';
import type { MomentField } from './field.ts';

export { classLayout } from './class-layout.ts';
export { NUMBER_FIELD, RATIONAL_FIELD } from './field.ts';

/** The input of {@link classesEngine}: the plan, its {@link ClassLayout}, S0 and `cross`. */
export interface ClassesEngineInput<T> extends EngineInput<ClassPlan, T> {
  /** `classLayout(plan, cross)`. */
  readonly layout: ClassLayout;
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
 * @param input - `plan` (the sparse counts), `layout` ({@link classLayout} of the plan), `S0` = ‖p‖₂²
 *   and `cross` (also return the full matrix C).
 * @returns {@link EngineResult}.
 *
 * @example
 * ```ts ignore
 * const plan = { kind: 'classes', M: 2, offsets: Int32Array.from([0, 0, 1, 3]), sources: Int32Array.from([0, 0, 1]),
 *   counts: Float64Array.from([3, 3, 2]), totals: Float64Array.from([0, 3, 5]), reuseReal: true, reuseSynthetic: true, window: 1 };
 * // Theorem 2 with N = 3, n = 2, S0 = 1/2: S_1 = 2/3, S_2 = 52/75
 * const layout = classLayout(plan, false);
 * classesEngine(RATIONAL_FIELD, { plan, layout, S0: Rational.of(1, 2), cross: false }).S.map(String); // => ['1/2', '2/3', '52/75']
 * classesEngine(NUMBER_FIELD, { plan, layout, S0: 0.5, cross: false }).S[2]; // => 0.693333333333
 * ```
 */
export function classesEngine<T>(F: MomentField<T>, input: ClassesEngineInput<T>): EngineResult<T> {
  const { plan, layout, S0, cross } = input;
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
