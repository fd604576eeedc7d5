/**
 * The transient block Q of the Wright–Fisher matrix P(k, l) = C(n, l)(k/n)^l(1 − k/n)^(n−l),
 * k, l ∈ {1, …, n − 1}, stored as a variable band (row k keeps the columns of
 * a Chernoff window around k, widened so that the window ends are
 * non-decreasing in k), and the subtraction-free (GTH-style) LU factorisation
 * of the M-matrix I − Q. Internal to the collapse-time engine (`./index.ts`).
 *
 * **Representation (GTH).** I − Q̂ is described by its off-diagonal entries
 * −q_kl (the stored binomial probabilities) and its row sums r_k =
 * P(k, 0) + P(k, n) (absorption in one step, computed directly). The diagonal
 * is never read: 1 − q̂_kk := r_k + Σ_{l ≠ k} q_kl. So Q̂ equals Q on the band
 * off the diagonal and carries the dropped tail mass (≤ δ per row) on its
 * diagonal: Q − Q̂ has zero row sums. Gaussian elimination then needs no
 * pivoting (I − Q̂ is a row-diagonally-dominant M-matrix) and, computing each
 * pivot as r_k + Σ (current off-diagonals of row k) and updating the row sums
 * r_i ← r_i + l_ik·r_k, performs no subtraction at all (Grassmann, Taksar and
 * Heyman 1985; O'Cinneide 1993): every computed number is a sum of products
 * of non-negative data.
 *
 * @module
 */
import { binomialPmfRow, chernoffWindow } from './binomial.ts';

/** The band of Q (see module doc). Row/column index i ↔ state k = i + 1. */
export interface CollapseBand {
  /** Sample size n. */
  readonly n: number;
  /** Number of transient states, n − 1. */
  readonly size: number;
  /** First stored column of each row (non-decreasing). */
  readonly lo: Int32Array;
  /** Last stored column of each row (non-decreasing). */
  readonly hi: Int32Array;
  /** Entry (i, j) lives at `values[off[i] + j]`. */
  readonly off: Int32Array;
  /** The stored probabilities q_ij = P(i + 1, j + 1) (the diagonal slot holds the true P(k, k)). */
  readonly values: Float64Array;
  /** r_i = P(k, 0) + P(k, n): one-step absorption. */
  readonly r: Float64Array;
  /** Rigorous bound on the transient mass any row leaves outside its window (0 when no row is cut). */
  readonly delta: number;
  /** Number of stored entries. */
  readonly entries: number;
  /** Largest half-width max(i − lo_i, hi_i − i). */
  readonly halfWidth: number;
}

/** Windows of the band rows without the values: for cost estimates. */
export interface BandShape {
  lo: Int32Array;
  hi: Int32Array;
  entries: number;
  /** Σ_k (rows below k reached by its column) × (columns right of k): multiply-adds of the LU. */
  luOps: number;
  halfWidth: number;
  delta: number;
}

/**
 * Row windows of Q for tail exponent L (each side of a row drops ≤ e^(−L)),
 * made monotone: lo non-decreasing (backward minimum), hi non-decreasing (forward maximum).
 *
 * @example
 * ```ts
 * bandShape(4, 50); // => { entries: 9, halfWidth: 2, delta: 0 }
 * bandShape(10000, 50).halfWidth; // => 499
 * ```
 */
export function bandShape(n: number, L: number): BandShape {
  const size = n - 1;
  const lo = new Int32Array(size);
  const hi = new Int32Array(size);
  let cut = false;
  for (let i = 0; i < size; i++) {
    const k = i + 1;
    const w = chernoffWindow(n, k / n, (n - k) / n, L, 1, n - 1);
    lo[i] = w.lo - 1;
    hi[i] = w.hi - 1;
  }
  for (let i = 1; i < size; i++) if (hi[i] < hi[i - 1]) hi[i] = hi[i - 1];
  for (let i = size - 2; i >= 0; i--) if (lo[i] > lo[i + 1]) lo[i] = lo[i + 1];
  let entries = 0;
  let halfWidth = 0;
  let luOps = 0;
  let last = 0;
  for (let i = 0; i < size; i++) {
    if (lo[i] > 0 || hi[i] < size - 1) cut = true;
    entries += hi[i] - lo[i] + 1;
    halfWidth = Math.max(halfWidth, i - lo[i], hi[i] - i);
    while (last + 1 < size && lo[last + 1] <= i) last++;
    luOps += Math.max(0, last - i) * (hi[i] - i);
  }
  return { lo, hi, entries, luOps, halfWidth, delta: cut ? 2 * Math.exp(-L) : 0 };
}

/**
 * Builds the band of Q with tail exponent L (see {@link bandShape}); each row is normalised
 * to its exact transient mass 1 − r_k.
 *
 * @example
 * ```ts
 * const b = buildBand(3, 50);
 * Array.from(b.values); // => [0.444444444444, 0.222222222222, 0.222222222222, 0.444444444444]
 * Array.from(b.r); // => [0.333333333333, 0.333333333333]
 * ```
 */
export function buildBand(n: number, L: number): CollapseBand {
  const shape = bandShape(n, L);
  const size = n - 1;
  const { lo, hi } = shape;
  const off = new Int32Array(size);
  const values = new Float64Array(shape.entries);
  const r = new Float64Array(size);
  let start = 0;
  for (let i = 0; i < size; i++) {
    const k = i + 1;
    off[i] = start - lo[i];
    const x = k / n;
    const y = (n - k) / n;
    binomialPmfRow(n, x, y, lo[i] + 1, hi[i] + 1, values, start);
    r[i] = absorptionAtZero(n, k) + absorptionAtZero(n, n - k);
    const len = hi[i] - lo[i] + 1;
    normalizeSegment(values, start, len, 1 - r[i]);
    start += len;
  }
  return { n, size, lo, hi, off, values, r, delta: shape.delta, entries: shape.entries, halfWidth: shape.halfWidth };
}

/**
 * P(k → 0) = (1 − k/n)^n = exp(n·log1p(−k/n)), from the exact ratio k/n (so P(k → n) =
 * absorptionAtZero(n, n − k) keeps full relative accuracy near k = n).
 *
 * @example
 * ```ts
 * absorptionAtZero(2, 1); // => 0.25
 * absorptionAtZero(1000, 1); // => 0.367695424771
 * ```
 */
export function absorptionAtZero(n: number, k: number): number {
  return Math.exp(n * Math.log1p(-k / n));
}

/**
 * Scales out[start..start+len) to sum to `target` (Neumaier-summed): removes the common
 * relative error of a pmf row (Loader's anchor values, a few ulp) so that iterating the
 * chain does not drift, at the price of moving the dropped tail mass (≤ δ) onto the window.
 *
 * @example
 * ```ts
 * const v = Float64Array.of(1, 3);
 * normalizeSegment(v, 0, 2, 0.5);
 * Array.from(v); // => [0.125, 0.375]
 * ```
 */
export function normalizeSegment(out: Float64Array, start: number, len: number, target: number): void {
  let sum = 0;
  let comp = 0;
  for (let j = start; j < start + len; j++) {
    const t = out[j];
    const z = sum + t;
    comp += Math.abs(sum) >= Math.abs(t) ? sum - z + t : t - z + sum;
    sum = z;
  }
  sum += comp;
  if (sum > 0) {
    const f = target / sum;
    for (let j = start; j < start + len; j++) out[j] *= f;
  }
}

/** The GTH factorisation I − Q̂ = L·U (see module doc). */
export interface GthFactor {
  /** The band that was factorised (its values are left untouched). */
  readonly band: CollapseBand;
  /** Multipliers l_ik ≥ 0 left of the diagonal, pivots on it, q^(k)_ij ≥ 0 right of it (same layout as the band). */
  readonly lu: Float64Array;
}

/**
 * Subtraction-free Gaussian elimination of I − Q̂, in the band's envelope (no fill outside it).
 * Right-looking; the rows below a pivot are updated eight at a time so that each
 * entry of the pivot row is loaded once per eight rows (the kernel is bound by memory traffic).
 *
 * @example
 * ```ts
 * const f = factorGth(buildBand(2, 50)); // I − Q = [1/2]
 * Array.from(f.lu); // => [0.5]
 * ```
 */
export function factorGth(band: CollapseBand): GthFactor {
  const { size, lo, hi, off } = band;
  const lu = band.values.slice();
  const rr = band.r.slice();
  let last = 0;
  for (let k = 0; k < size; k++) {
    const ok = off[k];
    const hk = hi[k];
    let s = rr[k];
    for (let j = k + 1; j <= hk; j++) s += lu[ok + j];
    lu[ok + k] = s;
    const rk = rr[k];
    while (last + 1 < size && lo[last + 1] <= k) last++;
    const jb = ok + k + 1;
    const je = ok + hk;
    let i = k + 1;
    for (; i + 7 <= last; i += 8) {
      const o1 = off[i], o2 = off[i + 1], o3 = off[i + 2], o4 = off[i + 3];
      const o5 = off[i + 4], o6 = off[i + 5], o7 = off[i + 6], o8 = off[i + 7];
      const l1 = lu[o1 + k] / s, l2 = lu[o2 + k] / s, l3 = lu[o3 + k] / s, l4 = lu[o4 + k] / s;
      const l5 = lu[o5 + k] / s, l6 = lu[o6 + k] / s, l7 = lu[o7 + k] / s, l8 = lu[o8 + k] / s;
      lu[o1 + k] = l1; lu[o2 + k] = l2; lu[o3 + k] = l3; lu[o4 + k] = l4;
      lu[o5 + k] = l5; lu[o6 + k] = l6; lu[o7 + k] = l7; lu[o8 + k] = l8;
      rr[i] += l1 * rk; rr[i + 1] += l2 * rk; rr[i + 2] += l3 * rk; rr[i + 3] += l4 * rk;
      rr[i + 4] += l5 * rk; rr[i + 5] += l6 * rk; rr[i + 6] += l7 * rk; rr[i + 7] += l8 * rk;
      const d1 = o1 - ok, d2 = o2 - ok, d3 = o3 - ok, d4 = o4 - ok;
      const d5 = o5 - ok, d6 = o6 - ok, d7 = o7 - ok, d8 = o8 - ok;
      for (let j = jb; j <= je; j++) {
        const v = lu[j];
        lu[j + d1] += l1 * v; lu[j + d2] += l2 * v; lu[j + d3] += l3 * v; lu[j + d4] += l4 * v;
        lu[j + d5] += l5 * v; lu[j + d6] += l6 * v; lu[j + d7] += l7 * v; lu[j + d8] += l8 * v;
      }
    }
    for (; i <= last; i++) {
      const oi = off[i];
      const l = lu[oi + k] / s;
      lu[oi + k] = l;
      rr[i] += l * rk;
      const di = oi - ok;
      for (let j = jb; j <= je; j++) lu[j + di] += l * lu[j];
    }
  }
  return { band, lu };
}

/**
 * Solves (I − Q̂) x = b with the factorisation (b ≥ 0 gives x ≥ 0, computed without subtraction).
 *
 * @example
 * ```ts
 * // n = 3: g = (I − Q)⁻¹ a, a = (1/3, 2/3), so E[T] from p = (½, ½) is 1 + π·g = 13/4
 * Array.from(solveGth(factorGth(buildBand(3, 50)), Float64Array.of(1 / 3, 2 / 3))); // => [1.28571428571, 1.71428571429]
 * ```
 */
export function solveGth(f: GthFactor, b: Float64Array, out: Float64Array = new Float64Array(b.length)): Float64Array {
  const { size, lo, hi, off } = f.band;
  const lu = f.lu;
  for (let i = 0; i < size; i++) {
    const oi = off[i];
    let s = b[i];
    for (let k = lo[i]; k < i; k++) s += lu[oi + k] * out[k];
    out[i] = s;
  }
  for (let i = size - 1; i >= 0; i--) {
    const oi = off[i];
    let s = out[i];
    for (let j = i + 1, h = hi[i]; j <= h; j++) s += lu[oi + j] * out[j];
    out[i] = s / lu[oi + i];
  }
  return out;
}

/**
 * b − (I − Q̂)x with (I − Q̂)x computed in its GTH form r_k x_k + Σ_{l≠k} q_kl (x_k − x_l),
 * each row summed with Neumaier compensation. Also returns, per row,
 * D_k = Σ_{l≠k} q_kl |x_k − x_l| (the scale of the rounding of the residual and
 * of the sensitivity to relative errors in the q's).
 *
 * @example
 * ```ts
 * const r = residualGth(buildBand(2, 50), Float64Array.of(1), Float64Array.of(0.5));
 * Array.from(r.residual); // => [0]
 * ```
 */
export function residualGth(
  band: CollapseBand,
  x: Float64Array,
  b: Float64Array,
): { residual: Float64Array; spread: Float64Array } {
  const { size, lo, hi, off, values, r } = band;
  const residual = new Float64Array(size);
  const spread = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const oi = off[i];
    const xi = x[i];
    let sum = b[i];
    let comp = 0;
    let t = -r[i] * xi;
    let z = sum + t;
    comp += Math.abs(sum) >= Math.abs(t) ? sum - z + t : t - z + sum;
    sum = z;
    let d = 0;
    for (let j = lo[i], h = hi[i]; j <= h; j++) {
      if (j === i) continue;
      const diff = xi - x[j];
      const q = values[oi + j];
      t = -q * diff;
      d += q * Math.abs(diff);
      z = sum + t;
      comp += Math.abs(sum) >= Math.abs(t) ? sum - z + t : t - z + sum;
      sum = z;
    }
    residual[i] = sum + comp;
    spread[i] = d;
  }
  return { residual, spread };
}

/**
 * One step of the banded chain for two vectors at once: outU = Q̂u, outE = Q̂e, with Q̂ the
 * stored (normalised) band.
 *
 * @example
 * ```ts
 * const u = new Float64Array(1), e = new Float64Array(1);
 * stepTwo(buildBand(2, 50), Float64Array.of(0.5), Float64Array.of(0.25), u, e);
 * [u[0], e[0]]; // => [0.25, 0.125]
 * ```
 */
export function stepTwo(
  band: CollapseBand,
  u: Float64Array,
  e: Float64Array,
  outU: Float64Array,
  outE: Float64Array,
): void {
  const { size, lo, hi, off, values } = band;
  for (let i = 0; i < size; i++) {
    const oi = off[i];
    let su0 = 0;
    let su1 = 0;
    let se0 = 0;
    let se1 = 0;
    let j = lo[i];
    const h = hi[i];
    for (; j < h; j += 2) {
      const q0 = values[oi + j];
      const q1 = values[oi + j + 1];
      su0 += q0 * u[j];
      se0 += q0 * e[j];
      su1 += q1 * u[j + 1];
      se1 += q1 * e[j + 1];
    }
    if (j === h) {
      const q = values[oi + j];
      su0 += q * u[j];
      se0 += q * e[j];
    }
    outU[i] = su0 + su1;
    outE[i] = se0 + se1;
  }
}

/**
 * One step out = b + Q̂f (cumulative absorption probabilities).
 *
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * stepAffine(buildBand(2, 50), Float64Array.of(0.25), Float64Array.of(0.25), out);
 * out[0]; // => 0.375
 * ```
 */
export function stepAffine(band: CollapseBand, f: Float64Array, b: Float64Array, out: Float64Array): void {
  const { size, lo, hi, off, values } = band;
  for (let i = 0; i < size; i++) {
    const oi = off[i];
    let s = 0;
    for (let j = lo[i], h = hi[i]; j <= h; j++) s += values[oi + j] * f[j];
    out[i] = b[i] + s;
  }
}
