/**
 * The chain behind the exact collapse-time law: tokens grouped by equal probability, the band
 * of the transient Wright–Fisher block Q (see `./band.ts`) and the first-generation
 * law π = Σ_i Bin(n, p_i) on 1 … n − 1. Internal to `src/exact/`.
 *
 * @module
 */
import { buildBand, normalizeSegment } from './band.ts';
import type { CollapseBand } from './band.ts';
import { binomialPmf, binomialPmfRow, chernoffWindow } from './binomial.ts';

/** Multiply-adds per second assumed by the cost estimate (measured ≈ 2.1–2.3·10⁹ on the 2-core bench machine). */
export const LU_RATE = 1.5e9;
/** Matrix-vector multiply-adds per second assumed by the cost estimate. */
export const MATVEC_RATE = 0.8e9;
/** Work budget of the lazy law, in multiply-adds. */
export const LAW_BUDGET = 1e10;
/** Largest band stored in one Float64Array / indexed by Int32. */
export const MAX_ENTRIES: number = 2 ** 31 - 1;
export const U: number = 2 ** -53;

/** The validated options every entry point reads (see `./options.ts`). */
export interface Common {
  p: Float64Array;
  n: number;
  tolerance: number;
  maxBytes: number;
  maxSeconds: number;
}

// ---------------------------------------------------------------------------
// Tokens grouped by equal probability

export interface Groups {
  /** Distinct positive p values, increasing. */
  values: Float64Array;
  /** Multiplicities. */
  counts: Float64Array;
  /** Support size s̃. */
  support: number;
  /** Largest p_i. */
  max: number;
}

export function groupTokens(p: Float64Array): Groups {
  const positive = p.filter((x) => x > 0).sort();
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < positive.length; i++) {
    if (i > 0 && positive[i] === positive[i - 1]) counts[counts.length - 1]++;
    else {
      values.push(positive[i]);
      counts.push(1);
    }
  }
  return {
    values: Float64Array.from(values),
    counts: Float64Array.from(counts),
    support: positive.length,
    max: positive.length > 0 ? positive[positive.length - 1] : 0,
  };
}

/** Σ_{j ≠ i} p_j for a token i of group gi, summed over the other tokens (no cancellation in 1 − p_i). */
export function complementOf(groups: Groups, gi: number): number {
  let sum = (groups.counts[gi] - 1) * groups.values[gi];
  for (let g = 0; g < groups.values.length; g++) if (g !== gi) sum += groups.counts[g] * groups.values[g];
  return sum;
}

export function groupIndex(groups: Groups, x: number): number {
  let a = 0;
  let b = groups.values.length - 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (groups.values[mid] < x) a = mid + 1;
    else b = mid;
  }
  return a;
}

// ---------------------------------------------------------------------------
// Tail exponents from the tolerance

/** e^(−L) per side and row of Q: sized so that δ·n·(ln n + 2)·1.4 ≤ tolerance/100 (checked a posteriori). */
export function bandExponent(n: number, tolerance: number): number {
  const delta = tolerance / (100 * 1.4 * n * (Math.log(n) + 2) * 2);
  return Math.log(1 / delta);
}

/** e^(−L) per side and token of π: total dropped mass × max g ≤ tolerance/100. */
export function initialExponent(n: number, support: number, tolerance: number): number {
  const delta = tolerance / (100 * 1.4 * n * 2 * Math.max(1, support));
  return Math.log(1 / delta);
}

// ---------------------------------------------------------------------------
// The chain: band of Q and the first-generation law π

export interface Chain {
  n: number;
  size: number;
  groups: Groups;
  band: CollapseBand;
  /** π̂ = Σ_i Bin(n, p_i) on 1..n−1 (truncated windows). */
  pi: Float64Array;
  /** Bound on the mass dropped from π (‖π − π̂‖₁ ≤ 2·piDropped after normalisation). */
  piDropped: number;
  /** Whether π was computed over all of 1..n−1. */
  piFull: boolean;
  /** P(T = 1) = Σ_i p_i^n. */
  pmfOne: number;
  /** Tail exponent of the per-token windows. */
  piExponent: number;
}

export function neumaierDot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] * b[i];
    const z = sum + t;
    comp += Math.abs(sum) >= Math.abs(t) ? sum - z + t : t - z + sum;
    sum = z;
  }
  return sum + comp;
}

/**
 * P(0 < Bin(n, x) < n) = 1 − y^n − x^n. Where this is small (n·min(x, y) ≲ 1) the plain
 * difference cancels — it is 0 for x = 1e-20, n = 20, which made the per-token times of
 * rare tokens silently 1 — so it is then taken as −expm1(n·log1p(−z)) − z^n, z = min(x, y).
 */
export function transientMass(n: number, x: number, y: number): number {
  const plain = 1 - binomialPmf(0, n, x, y) - binomialPmf(n, n, x, y);
  if (plain >= 0.5) return plain;
  const z = Math.min(x, y);
  return -Math.expm1(n * Math.log1p(-z)) - binomialPmf(n, n, z, 1 - z);
}

/**
 * Adds weight·Bin(n, x) restricted to 1..n−1 into out: the whole range when `full`, else a
 * Chernoff window (each cut side drops ≤ e^(−L)); the row is normalised to its exact mass
 * 1 − P(0) − P(n). Returns the bound on the dropped mass (the ℓ1 change is at most twice it).
 */
function addBinomialRow(
  n: number,
  x: number,
  weight: number,
  L: number,
  full: boolean,
  out: Float64Array,
  scratch: Float64Array,
): number {
  const y = 1 - x;
  const w = full ? { lo: 1, hi: n - 1 } : chernoffWindow(n, x, y, L, 1, n - 1);
  const len = w.hi - w.lo + 1;
  binomialPmfRow(n, x, y, w.lo, w.hi, scratch, 0);
  normalizeSegment(scratch, 0, len, transientMass(n, x, y));
  for (let j = 0; j < len; j++) out[w.lo - 1 + j] += weight * scratch[j];
  let sides = 0;
  if (w.lo > 1) sides++;
  if (w.hi < n - 1) sides++;
  return weight * sides * Math.exp(-L);
}

/** Arguments of {@link addTokenRow}. */
export interface TokenRow {
  /** The chain whose first-generation windows the row uses. */
  chain: Chain;
  /** The token's probability (or that of a set of tokens). */
  x: number;
  /** Accumulates Bin(n, x) on 1..n−1. */
  out: Float64Array;
  /** Workspace of length n − 1. */
  scratch: Float64Array;
}

/**
 * Adds the first-generation row Bin(n, x) of one token (restricted to 1..n−1, windowed and
 * normalised as the rows of π) into `out`; returns the bound on the dropped mass.
 */
export function addTokenRow({ chain, x, out, scratch }: TokenRow): number {
  return addBinomialRow(chain.n, x, 1, chain.piExponent, chain.piFull, out, scratch);
}

/** Whether the first-generation rows are computed over all of 1..n−1 (no truncation of π). */
export function fullInitialRows(n: number, groups: Groups): boolean {
  return groups.values.length * (n - 1) <= 2e7;
}

export function buildChain(common: Common, groups: Groups, extraExponent = 0): Chain {
  const { n, tolerance } = common;
  const size = n - 1;
  const band = buildBand(n, bandExponent(n, tolerance) + extraExponent);
  const pi = new Float64Array(size);
  const scratch = new Float64Array(size);
  const Lpi = initialExponent(n, groups.support, tolerance);
  let dropped = 0;
  let pmfOne = 0;
  const full = fullInitialRows(n, groups);
  for (let g = 0; g < groups.values.length; g++) {
    const x = groups.values[g];
    const c = groups.counts[g];
    dropped += addBinomialRow(n, x, c, Lpi, full, pi, scratch);
    pmfOne += c * binomialPmf(n, n, x, 1 - x);
  }
  return { n, size, groups, band, pi, piDropped: dropped, piFull: full, pmfOne, piExponent: Lpi };
}
