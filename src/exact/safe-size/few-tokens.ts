/**
 * The worst case for a small vocabulary, where the dual bound of worst-case.ts can be
 * loose by the integrality of s (it is the value of s·f̂(1/s), attained only when the
 * concave envelope's split of 1/s uses whole tokens). Here max_p Σ_{i ≤ s} f(p_i) is computed
 * on the grid p_i ∈ {0, h, 2h, …, 1}, h = 1/G, exactly, by sup-convolution
 * (B_{a+b}(m) = max_r B_a(r) + B_b(m − r), B_1 = f), and the grid is certified:
 *
 * at a maximiser p* every positive p*_i has f'(p*_i) = λ (Lagrange, f is a polynomial); rounding
 * p* to a grid point q with Σ q_i = 1 and |q_i − p*_i| ≤ h (floor every coordinate, then lift
 * the largest remainders), Taylor gives Σ f(q_i) ≥ Σ f(p*_i) + λ·Σ(q_i − p*_i) − (s/2)·h²·sup|f''|,
 * and Σ(q_i − p*_i) = 0. So max_p Σ f(p_i) ≤ max_grid Σ f̄(q_i) + (s/2)·h²·sup|f''|, with f̄ ≥ f
 * the certified upper values and sup|f''| ≤ N(N − 1)·max_c |Δ²g(c)| (the Bernstein form).
 *
 * Needs g on every count 0…N (the caller checks the cost).
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { cellCurvature, secondRow, type CurvatureTerm } from './curvature.ts';
import type { CountTable } from './count-table.ts';

export { CountTable } from './count-table.ts';
import type { TokenLevels } from './worst-p.ts';

/** Certified upper bound for s tokens and the grid p attaining the grid maximum. */
export interface FewTokensBound {
  upperBound: number;
  /** Certified lower bound: Σ f(q_i) at the grid maximiser q (from g's lower bounds). */
  lowerBound: number;
  worstP: TokenLevels;
  /** Grid size G (h = 1/G). */
  grid: number;
}

/** Sup-convolution of a and b on 0…G: out[j] = max_i a[i] + b[j − i], with the argmax. */
function supConvolve(a: Float64Array, b: Float64Array, only: number | null): { values: Float64Array; arg: Int32Array } {
  const G = a.length - 1;
  const values = new Float64Array(G + 1).fill(-Infinity);
  const arg = new Int32Array(G + 1);
  const from = only ?? 0;
  for (let j = from; j <= G; j++) {
    let best = -Infinity;
    let at = 0;
    for (let i = 0; i <= j; i++) {
      const v = a[i] + b[j - i];
      if (v > best) {
        best = v;
        at = i;
      }
    }
    values[j] = best;
    arg[j] = at;
    if (only !== null) break;
  }
  return { values, arg };
}

/**
 * Certified max over p on s tokens of Σ f(p_i), f from a table covering every count 0…N.
 *
 * @example
 * ```ts
 * const table = new CountTable({ N: 100, n: 3, M: null, tolerance: 1e-15, cutoffs: { row: 1e-25, trim: 1e-28, corpus: 1e-25 },
 *   coarseTolerance: () => 1e-15, estimateCount: () => 1, reuse: null });
 * table.refineAll();
 * const b = fewTokensBound(table, 3, 4000);
 * b.worstP.counts; // => [1, 2]
 * b.upperBound / b.lowerBound - 1 < 1e-5; // => true
 * ```
 */
export function fewTokensBound(table: CountTable, s: number, G: number): FewTokensBound {
  const g = table.g;
  if (g === null || table.from !== 0 || table.to !== table.N) throw new Error('fewTokensBound: the table must cover every count');
  const N = table.N;
  const upper = new Float64Array(G + 1);
  for (let j = 1; j < G; j++) upper[j] = table.upper(j / G).value;
  // sup|f''| from the Bernstein form |f''(x)| ≤ N(N − 1) Σ_c |Δ²g(c + 1)|·Bin(N − 2, x)(c), with the sup of
  // each Bin(N − 2, ·)(c) over a grid cell (at an end, or at the mode c/(N − 2) when inside).
  const terms: CurvatureTerm[] = [];
  for (let c = 0; c + 2 <= N; c++) {
    const up = g.hi[c + 2] - 2 * g.lo[c + 1] + g.hi[c];
    const down = 2 * g.hi[c + 1] - g.lo[c + 2] - g.lo[c];
    const weight = Math.max(Math.abs(up), Math.abs(down), 0);
    if (weight > 0) terms.push({ c, weight });
  }
  let curvature = 0;
  if (N >= 2 && terms.length > 0) {
    const cells = Math.min(G, 2000);
    let left = secondRow(N, 0, 1e-300);
    for (let k = 0; k < cells; k++) {
      const right = secondRow(N, (k + 1) / cells, 1e-300);
      curvature = Math.max(curvature, cellCurvature(N, terms, k / cells, left, (k + 1) / cells, right, 0));
      left = right;
    }
    curvature *= 1 + 1e-12;
  }
  // B_{2^k} by doubling, then B_s from the binary digits of s; keep the argmaxes to recover q.
  type Level = { values: Float64Array; split: { left: Level; right: Level; arg: Int32Array } | null; tokens: number };
  const base: Level = { values: upper, split: null, tokens: 1 };
  const powers: Level[] = [base];
  while (2 * powers[powers.length - 1].tokens <= s) {
    const last = powers[powers.length - 1];
    const r = supConvolve(last.values, last.values, 2 * last.tokens === s ? G : null);
    powers.push({ values: r.values, split: { left: last, right: last, arg: r.arg }, tokens: 2 * last.tokens });
  }
  let acc: Level | null = null;
  let remaining = s;
  for (let k = powers.length - 1; k >= 0; k--) {
    if (powers[k].tokens > remaining) continue;
    remaining -= powers[k].tokens;
    if (acc === null) acc = powers[k];
    else {
      const r = supConvolve(acc.values, powers[k].values, remaining === 0 ? G : null);
      acc = { values: r.values, split: { left: acc, right: powers[k], arg: r.arg }, tokens: acc.tokens + powers[k].tokens };
    }
  }
  const top = acc as Level;
  const gridMax = top.values[G];
  // Recover the grid maximiser.
  const q: number[] = [];
  const unfold = (level: Level, j: number): void => {
    if (level.split === null) {
      q.push(j / G);
      return;
    }
    const i = level.split.arg[j];
    unfold(level.split.left, i);
    unfold(level.split.right, j - i);
  };
  unfold(top, G);
  let lower = 0;
  const levels = new Map<number, number>();
  for (const x of q) {
    lower += table.lower(x);
    levels.set(x, (levels.get(x) ?? 0) + 1);
  }
  const values = [...levels.keys()].sort((a, b) => b - a);
  return {
    upperBound: (gridMax + (s / 2) * curvature / (G * G)) * (1 + 1e-13),
    lowerBound: lower,
    worstP: { values, counts: values.map((v) => levels.get(v) as number) },
    grid: G,
  };
}
