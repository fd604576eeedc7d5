/**
 * The sample classes of a deterministic schedule ({@link ClassPlan}) and the
 * cost estimate of the class engine (classes-engine.ts): a reused source is
 * read by prefixes, so its samples fall into classes by the set of generations
 * that train on them (notation in engine.ts).
 *
 * @module
 */
import type { ClassPlan } from './class-plan.ts';

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
