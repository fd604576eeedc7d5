/**
 * The transition rows of the exact deviation's per-count chains, shared between chains
 * and kept in a small cache of row sets (one per (n, N + n, cut-off)).
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */
import { binomialRow } from './binomial.ts';

/** Work charged for building one binomial row besides its entries (saddle-point evaluations, allocation). */
export const ROW_OVERHEAD = 64;

/**
 * Transition rows Bin(n, t/(N + n)), t = c + z, shared by the chains of every corpus count:
 * the row of state z in the chain of count c depends on c + z only, so one evaluation
 * (all counts c at the same N, n) needs about (width of the c window + width of Z's law)
 * rows instead of one set per count. Each row is `binomialRow` at the set's cut-off (the
 * request's rounded down to a power of ten, {@link shareableCutoff}), with its certified
 * `dropped`; a row is the same whichever chain built it, so sharing changes no result.
 */
export class KernelRows {
  values: (Float64Array | null)[] = [];
  starts: Float64Array = new Float64Array(0);
  ends: Float64Array = new Float64Array(0);
  dropped: Float64Array = new Float64Array(0);
  base = 0;
  capacity = 0;
  /** Doubles held by the rows. */
  stored = 0;
  /** Work spent building rows since the last {@link KernelRows.takeBuildOperations}. */
  private buildOperations = 0;

  constructor(
    readonly n: number,
    readonly total: number,
    readonly cutoff: number,
  ) {}

  takeBuildOperations(): number {
    const b = this.buildOperations;
    this.buildOperations = 0;
    return b;
  }

  /** Drops every row (memory cap). */
  clear(): void {
    this.values = [];
    this.starts = new Float64Array(0);
    this.ends = new Float64Array(0);
    this.dropped = new Float64Array(0);
    this.base = 0;
    this.capacity = 0;
    this.stored = 0;
  }

  /** Makes the dense index cover t ∈ [from, to] (rows are built on demand by {@link KernelRows.build}). */
  reserve(from: number, to: number): void {
    if (from >= this.base && to < this.base + this.capacity) return;
    const oldEnd = this.base + this.capacity - 1;
    // Grow geometrically on the side that needs it (an evaluation walks the counts in order, one row at a time).
    const margin = Math.max(64, this.capacity);
    const newBase = this.capacity === 0 ? Math.max(0, from - 64) : from < this.base ? Math.max(0, from - margin) : this.base;
    const newEnd = Math.min(this.total, this.capacity === 0 ? to + 64 : to > oldEnd ? to + margin : oldEnd);
    const newCapacity = newEnd - newBase + 1;
    const values = new Array<Float64Array | null>(newCapacity).fill(null);
    const starts = new Float64Array(newCapacity);
    const ends = new Float64Array(newCapacity);
    const dropped = new Float64Array(newCapacity);
    const shift = this.base - newBase;
    for (let i = 0; i < this.capacity; i++) {
      values[i + shift] = this.values[i];
      starts[i + shift] = this.starts[i];
      ends[i + shift] = this.ends[i];
      dropped[i + shift] = this.dropped[i];
    }
    this.values = values;
    this.starts = starts;
    this.ends = ends;
    this.dropped = dropped;
    this.base = newBase;
    this.capacity = newCapacity;
  }

  /** Builds the row at dense index i (t = base + i). */
  build(i: number): void {
    const t = this.base + i;
    const r = binomialRow(this.n, t / this.total, (this.total - t) / this.total, this.cutoff);
    this.values[i] = r.values;
    this.starts[i] = r.start;
    this.ends[i] = r.start + r.values.length - 1;
    this.dropped[i] = r.dropped;
    this.stored += r.values.length;
    this.buildOperations += r.values.length + ROW_OVERHEAD;
  }
}

/** Doubles of transition rows kept between chains (beyond it the shared rows are dropped). */
const ROW_STORE_LIMIT = 1 << 22;

/** Recently used row sets, most recent last (one per (n, N + n, cut-off)). */
const rowSets: KernelRows[] = [];

/** The shared rows of (n, N + n, cut-off), created or moved to the front of the cache. */
export function kernelRows(n: number, total: number, cutoff: number): KernelRows {
  for (let k = rowSets.length - 1; k >= 0; k--) {
    const r = rowSets[k];
    if (r.n === n && r.total === total && r.cutoff === cutoff) {
      if (k !== rowSets.length - 1) {
        rowSets.splice(k, 1);
        rowSets.push(r);
      }
      if (r.stored > ROW_STORE_LIMIT) r.clear();
      return r;
    }
  }
  const r = new KernelRows(n, total, cutoff);
  rowSets.push(r);
  if (rowSets.length > 4) rowSets.shift();
  return r;
}

/**
 * A cut-off rounded down to a power of ten, so that requests with nearby cut-offs (the
 * per-count tolerances of the worst-case certificate) share rows. A smaller cut-off keeps
 * more of each row; the dropped mass is bounded for the cut-off actually used.
 */
export function shareableCutoff(cutoff: number): number {
  if (!(cutoff > 0) || !Number.isFinite(cutoff)) return cutoff;
  const q = Math.pow(10, Math.floor(Math.log10(cutoff)));
  return q > 0 && q <= cutoff ? q : cutoff;
}
