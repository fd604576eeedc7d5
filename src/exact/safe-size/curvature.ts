/**
 * Second-derivative bounds on a Bernstein polynomial over a cell. With
 * f(x) = Σ_c Bin(N, x)(c)·g(c), f''(x) = N(N − 1)·Σ_c Δ²g(c + 1)·Bin(N − 2, x)(c), so for any
 * weights w_c ≥ |the part of Δ²g(c + 1) that matters|, the sup of that part of f'' over [a, b] is
 * ≤ N(N − 1)·Σ_c w_c·sup_{x∈[a,b]} Bin(N − 2, x)(c); each Bin(N − 2, ·)(c) is unimodal in x with its
 * peak at c/(N − 2), so its sup is at an end of the cell or at that peak.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { binomialRow, logBinomialPmf, type BinomialRow } from '../deviation/binomial.ts';

/** A count c and the weight of Bin(N − 2, ·)(c) in the bound. */
export interface CurvatureTerm {
  c: number;
  weight: number;
}

/** Bin(N − 2, x) at a cell end (x ∈ [0, 1]; the ends 0 and 1 are point masses). */
export function secondRow(N: number, x: number, cutoff: number): BinomialRow {
  return binomialRow(N - 2, x, 1 - x, cutoff);
}

function valueAt(row: BinomialRow, c: number): number {
  const j = c - row.start;
  return j >= 0 && j < row.values.length ? row.values[j] : 0;
}

/**
 * N(N − 1)·Σ w_c·sup_{[a, b]} Bin(N − 2, ·)(c), each sup raised to at least `floor` (the mass a
 * truncated row may have dropped).
 *
 * @example
 * ```ts
 * // N = 4, one term at c = 1 with weight 1: sup over [0, 1] of Bin(2, x)(1) = 2x(1 − x) is 1/2.
 * cellCurvature(4, [{ c: 1, weight: 1 }], 0, secondRow(4, 0, 0), 1, secondRow(4, 1, 0), 0); // => 6
 * ```
 */
export function cellCurvature(N: number, terms: readonly CurvatureTerm[], a: number, rowA: BinomialRow, b: number, rowB: BinomialRow, floor: number): number {
  let sum = 0;
  for (const { c, weight } of terms) {
    let sup = Math.max(valueAt(rowA, c), valueAt(rowB, c), floor);
    const mode = c / (N - 2);
    if (mode > a && mode < b) sup = Math.max(sup, Math.exp(logBinomialPmf(c, N - 2, mode, 1 - mode)));
    sum += weight * sup;
  }
  return N * (N - 1) * sum;
}
