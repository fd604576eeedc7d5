/**
 * A distribution on s tokens that drifts as much as possible: a lower bound on
 * max_p Σ_i f(p_i) that some p attains. The maximiser has few distinct values (at
 * an interior optimum every positive p_i solves f'(p_i) = λ, and at most one of them
 * lies where f is convex), so the search runs over two-level distributions — k tokens at
 * a, s − k at (1 − k·a)/(s − k) — for every k (or the k next to the concave hull's
 * split when s is large), then, for small s, improves the best one by pairwise
 * exchanges of mass (the moves that keep Σ p_i = 1).
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { goldenMaximum } from '../../numeric/golden.ts';
import type { CountTable } from './count-table.ts';

/** A distribution given by its distinct values and how many tokens take each. */
export interface TokenLevels {
  values: number[];
  counts: number[];
}

/** Best p found and a certified lower bound on its deviation. */
export interface WorstPSearch {
  worstP: TokenLevels;
  value: number;
}

/** Maximises a (possibly multimodal) function on [a, b]: a grid, then golden sections around the best points. */
function maximise(fn: (x: number) => number, a: number, b: number, grid: number): { x: number; value: number } {
  if (!(b > a)) return { x: a, value: fn(a) };
  const xs: number[] = [];
  const vs: number[] = [];
  for (let j = 0; j <= grid; j++) {
    const x = a + ((b - a) * j) / grid;
    xs.push(x);
    vs.push(fn(x));
  }
  let best = { x: xs[0], value: vs[0] };
  const order = vs.map((_v, j) => j).sort((i, j) => vs[j] - vs[i]).slice(0, 3);
  for (const j of order) {
    const g = goldenMaximum(fn, xs[Math.max(0, j - 1)], xs[Math.min(grid, j + 1)], { iterations: 40, floor: 1 });
    if (vs[j] > best.value) best = { x: xs[j], value: vs[j] };
    if (g.value > best.value) best = g;
  }
  return best;
}

/**
 * Searches for the p on s tokens with the largest Σ_i f(p_i), f from `table` (lower bounds).
 * `split`, when known, is the concave hull's segment [x1, x2] around 1/s: the two-level
 * distributions near it are tried first.
 */
export function searchWorstP(table: CountTable, s: number, split: { x1: number; x2: number } | null, grid = 48): WorstPSearch {
  const f = (x: number): number => table.lower(x);
  const x0 = 1 / s;
  let best: WorstPSearch = { worstP: { values: [x0], counts: [s] }, value: s * f(x0) };
  const consider = (values: number[], counts: number[], value: number): void => {
    if (value > best.value) best = { worstP: { values, counts }, value };
  };
  // k tokens at a, s − k tokens at b = (1 − k a)/(s − k).
  const ks = new Set<number>();
  if (s <= 64) for (let k = 1; k < s; k++) ks.add(k);
  else {
    for (const k of [1, 2, 3, s - 1, s - 2]) ks.add(k);
    if (split !== null && split.x2 > split.x1) {
      const theta = (split.x2 - x0) / (split.x2 - split.x1); // share of tokens at x1
      const k0 = Math.round(theta * s);
      for (let d = -4; d <= 4; d++) if (k0 + d >= 1 && k0 + d < s) ks.add(k0 + d);
    }
  }
  for (const k of ks) {
    const valueAt = (a: number): number => {
      const b = (1 - k * a) / (s - k);
      if (b < 0) return -Infinity;
      return k * f(a) + (s - k) * f(b);
    };
    // a ranges over (0, 1/k]; most of the action is within a factor 16 of 1/s.
    const hi = Math.min(1 / k, 16 * x0);
    const lo = Math.min(hi, x0 / 16);
    const r = maximise(valueAt, lo, hi, grid);
    if (1 / k > hi) {
      const r2 = maximise(valueAt, hi, 1 / k, Math.max(8, grid / 4));
      if (r2.value > r.value) Object.assign(r, r2);
    }
    const a = r.x;
    const b = (1 - k * a) / (s - k);
    if (Number.isFinite(r.value)) consider(a === b ? [a] : [a, b], a === b ? [s] : [k, s - k], r.value);
  }
  if (s <= 12) best = pairwise(best, f, s);
  return best;
}

/** Local improvement of a distribution on s ≤ 12 tokens by moving mass between two tokens at a time. */
function pairwise(start: WorstPSearch, f: (x: number) => number, s: number): WorstPSearch {
  const p: number[] = [];
  start.worstP.values.forEach((v, j) => {
    for (let k = 0; k < start.worstP.counts[j]; k++) p.push(v);
  });
  const fp = p.map(f);
  let total = fp.reduce((a, b) => a + b, 0);
  for (let sweep = 0; sweep < 12; sweep++) {
    let improved = false;
    for (let i = 0; i < s; i++) {
      for (let j = i + 1; j < s; j++) {
        const m = p[i] + p[j];
        if (m <= 0) continue;
        const pairValue = (t: number): number => f(t) + f(m - t);
        const r = maximise(pairValue, 0, m, 24);
        if (r.value > fp[i] + fp[j] + 1e-15 * Math.max(1e-300, total)) {
          total += r.value - fp[i] - fp[j];
          p[i] = r.x;
          p[j] = m - r.x;
          fp[i] = f(p[i]);
          fp[j] = f(p[j]);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  total = fp.reduce((a, b) => a + b, 0);
  if (total <= start.value) return start;
  // Group equal values.
  const levels = new Map<number, number>();
  for (const x of p) levels.set(x, (levels.get(x) ?? 0) + 1);
  const values = [...levels.keys()].sort((a, b) => b - a);
  return { worstP: { values, counts: values.map((v) => levels.get(v) as number) }, value: total };
}
