/**
 * The per-token deviation as a function of the token's probability x:
 * f(x) = Σ_c Bin(N, x)(c)·g(c), g(c) = E[|p_i^(M) − p_i^(1)| | C_i = c] (the Bernstein
 * polynomial of g), with g known as certified intervals on a growing range of counts.
 * Lower values use g's lower bounds and count nothing outside the range (g ≥ 0);
 * upper values use g's upper bounds and charge the Bin(N, x) mass outside the range
 * at g's a-priori maximum α = n/(N + n), and are capped by the exact second-moment
 * bound A·sqrt(x(1 − x)).
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { binomialRow, type BinomialRow } from '../deviation/binomial.ts';
import type { EngineCutoffs } from '../deviation/chain.ts';
import { jensenCoefficient } from '../deviation/second-moment.ts';
import { countDeviations, type CountDeviations } from './count-deviations.ts';

/** What a {@link CountTable} needs to compute g(c). */
export interface CountTableRequest {
  N: number;
  n: number;
  /** Generation of the criterion (null: the m → ∞ limit). */
  M: number | null;
  /** Per-count tolerance near the uniform p's window. */
  tolerance: number;
  cutoffs: EngineCutoffs;
  /** Per-count tolerance elsewhere (coarser is fine: the certificate's slack absorbs it). */
  coarseTolerance: (c: number) => number;
  /** Estimated multiply-adds of one count's chain. */
  estimateCount: (c: number) => number;
  /** Per-count results already computed by an evaluation at the same n. */
  reuse: CountDeviations | null;
}

/** g(c) on a range of counts, and f(x) from it. */
export class CountTable {
  readonly N: number;
  readonly alpha: number;
  /** Second-moment coefficient: f(x) ≤ A·sqrt(x(1 − x)). */
  readonly A: number;
  g: CountDeviations | null = null;
  operations = 0;
  private readonly request: CountTableRequest;

  constructor(request: CountTableRequest) {
    this.request = request;
    this.N = request.N;
    this.alpha = request.n / (request.N + request.n);
    this.A = jensenCoefficient(request.N, request.n, request.M);
  }

  get from(): number {
    return this.g === null ? 0 : this.g.from;
  }

  get to(): number {
    return this.g === null ? -1 : this.g.from + this.g.lo.length - 1;
  }

  /** Estimated work of extending the range to [from, to]. */
  extensionCost(from: number, to: number): number {
    let total = 0;
    for (let c = from; c <= to; c++) if (c < this.from || c > this.to) total += this.request.estimateCount(c);
    return total;
  }

  /** Computes g on [from, to] (keeping what is known), at the fine, the coarse or a given per-count tolerance. */
  ensure(from: number, to: number, tolerance: 'fine' | 'coarse' | ((c: number) => number) = 'coarse'): void {
    from = Math.max(0, from);
    to = Math.min(this.N, to);
    if (this.g !== null && from >= this.from && to <= this.to) return;
    const r = this.request;
    const lo = this.g === null ? from : Math.min(from, this.from);
    const hi = this.g === null ? to : Math.max(to, this.to);
    const known = this.g ?? r.reuse;
    const toleranceOf = tolerance === 'fine' ? () => r.tolerance : tolerance === 'coarse' ? r.coarseTolerance : tolerance;
    const g = countDeviations(r.N, r.n, r.M, lo, hi, r.tolerance, r.cutoffs, toleranceOf, known);
    this.operations += g.operations;
    this.g = g;
  }

  /** Recomputes g on every count 0…N at the fine tolerance (the coarse far-field values are not kept). */
  refineAll(): void {
    const r = this.request;
    const g = countDeviations(r.N, r.n, r.M, 0, r.N, r.tolerance, r.cutoffs, () => r.tolerance, r.reuse);
    this.operations += g.operations;
    this.g = g;
  }

  /** Bin(N, x) restricted to probabilities ≥ the corpus cut-off. */
  row(x: number): BinomialRow {
    return binomialRow(this.N, x, 1 - x, this.request.cutoffs.corpus);
  }

  /** Far-field bound A·sqrt(x(1 − x)) ≥ f(x). */
  jensen(x: number): number {
    return this.A * Math.sqrt(Math.max(0, x * (1 - x)));
  }

  /** Certified lower bound on f(x). */
  lower(x: number): number {
    if (x <= 0 || x >= 1 || this.g === null) return 0;
    const row = this.row(x);
    this.operations += row.values.length;
    const { from } = this.g;
    const lo = this.g.lo;
    const to = this.to;
    let sum = 0;
    for (let j = 0; j < row.values.length; j++) {
      const c = row.start + j;
      if (c < from || c > to) continue;
      sum += row.values[j] * lo[c - from];
    }
    return sum * (1 - 1e-13);
  }

  /** Certified upper bound on f(x); `covered` is false when Bin(N, x) reaches counts outside the range. */
  upper(x: number): { value: number; outside: number } {
    if (x <= 0 || x >= 1) return { value: 0, outside: 0 };
    const j = this.jensen(x);
    if (this.g === null) return { value: j, outside: 1 };
    const row = this.row(x);
    this.operations += row.values.length;
    const { from } = this.g;
    const hi = this.g.hi;
    const to = this.to;
    let sum = 0;
    let inside = 0;
    for (let k = 0; k < row.values.length; k++) {
      const c = row.start + k;
      if (c < from || c > to) continue;
      sum += row.values[k] * hi[c - from];
      inside += row.values[k];
    }
    const outside = Math.max(0, 1 - inside) + row.dropped;
    return { value: Math.min(j, sum * (1 + 1e-13) + outside * this.alpha), outside };
  }
}
