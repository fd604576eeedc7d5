/**
 * The per-token engine of the exact deviation: for one token of probability x
 * and one corpus count c, the synthetic count Z^(m) is the Markov chain
 * Z^(2) ~ Bin(n, c/N), Z^(m) ~ Bin(n, (c + Z^(m−1))/(N + n)); this module
 * propagates its law with certified truncation, iterates it to the stationary
 * law with an a-priori Wasserstein bound, and mixes over c ~ Bin(N, x).
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */
import { binomialRow, type BinomialRow } from './deviation-binomial.ts';

/** Truncation cut-offs used by the engine. */
export interface EngineCutoffs {
  /** Binomial probabilities below this are dropped from a transition row (mass bounded). */
  row: number;
  /** Entries of a propagated law below this are dropped from its ends (mass counted). */
  trim: number;
  /** Mass of Bin(N, x) left out of the c window, per tail. */
  corpus: number;
}

/** Certified per-token results (one token of probability x). */
export interface TokenDeviation {
  /** E|p^(m) − p^(1)| for one token, m = 0…M (m = 0: E|x − c/N|, m = 1: 0). */
  fromFirst: Float64Array;
  /** E|p^(m) − x| for one token, m = 0…M (m = 0: 0). */
  fromInitial: Float64Array;
  /** Upper bounds on the truncation error of fromFirst[m] (the value is a lower bound up to rounding). */
  fromFirstError: Float64Array;
  fromInitialError: Float64Array;
  /** m → ∞ limits (null when not requested). */
  stationaryFromFirst: number | null;
  stationaryFromInitial: number | null;
  /** Certified widths: the limit lies in [value, value + error] up to rounding. */
  stationaryFromFirstError: number;
  stationaryFromInitialError: number;
  /** Multiply-adds spent. */
  operations: number;
  /** Corpus counts visited. */
  cCount: number;
  /** Largest number of chain iterations for one c. */
  maxIterations: number;
}

/** Options of {@link tokenDeviation}. */
export interface TokenDeviationRequest {
  N: number;
  n: number;
  /** Token probability x ∈ [0, 1]. */
  x: number;
  /** Last generation M ≥ 0 of the per-generation arrays. */
  generations: number;
  /** Also compute the m → ∞ limit. */
  stationary: boolean;
  /** Target for the stationary iteration error of one token (absolute). */
  iterationTolerance: number;
  cutoffs: EngineCutoffs;
  /** Only the fromFirst quantities are needed (saves the fromInitial sums). */
  firstOnly?: boolean;
  /**
   * Receives, for every corpus count 0 < c < N computed, certified bounds [lo, hi] on
   * g(c) = E[|p_i^(M) − p_i^(1)| | C_i = c] (the limit when `stationary`).
   */
  record?: (c: number, lo: number, hi: number) => void;
}

/**
 * Bin(N, x) restricted to the counts with probability ≥ cutoff.
 *
 * @example
 * ```ts
 * const w = corpusWindow(1e6, 1 / 50257, 1e-18);
 * w.start; // => 0
 * w.values.length < 80; // => true
 * ```
 */
export function corpusWindow(N: number, x: number, cutoff: number): BinomialRow {
  return binomialRow(N, x, 1 - x, cutoff);
}

/** Hard cap on iterations of one chain (the cost estimate refuses long before). */
const MAX_ITERATIONS = 10_000_000;

/** Result of the chain for one corpus count c (per-token values). */
export interface CountResult {
  first: Float64Array; // m = 2..M at index m
  initial: Float64Array;
  lost: Float64Array; // lost mass at each m (cumulative)
  statFirst: number;
  statInitial: number;
  statLost: number;
  statIterationBound: number; // Lip·W1 bound (same for both, Lip = 1/(N+n))
  operations: number;
  iterations: number;
}

/**
 * The chain for one corpus count c (0 < c < N). Generations 2…M are recorded;
 * with `stationary`, iteration continues until α^{m−2}·(√V₂ + √V∞)/(N + n) ≤ tol,
 * an a-priori bound on |E_π h − E_{π_m} h| for the 1/(N+n)-Lipschitz h (the kernel
 * contracts W₁ by α = n/(N + n): Bin(n, q) and Bin(n, q') couple monotonically).
 */
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
class KernelRows {
  values: (Float64Array | null)[] = [];
  starts = new Float64Array(0);
  ends = new Float64Array(0);
  dropped = new Float64Array(0);
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

/** The work buffers of {@link chainForCount} (law and next law), kept between calls. */
const lawBuffers: [Float64Array, Float64Array] = [new Float64Array(256), new Float64Array(256)];

/** Doubles of transition rows kept between chains (beyond it the shared rows are dropped). */
const ROW_STORE_LIMIT = 1 << 22;

/** Recently used row sets, most recent last (one per (n, N + n, cut-off)). */
const rowSets: KernelRows[] = [];

/** The shared rows of (n, N + n, cut-off), created or moved to the front of the cache. */
function kernelRows(n: number, total: number, cutoff: number): KernelRows {
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
function shareableCutoff(cutoff: number): number {
  if (!(cutoff > 0) || !Number.isFinite(cutoff)) return cutoff;
  const q = Math.pow(10, Math.floor(Math.log10(cutoff)));
  return q > 0 && q <= cutoff ? q : cutoff;
}

/** y[offset + k] += w·row[k]; returns the row length. */
function axpy(y: Float64Array, offset: number, w: number, row: Float64Array): number {
  const length = row.length;
  for (let k = 0; k < length; k++) y[offset + k] += w * row[k];
  return length;
}

/** E|Z − μ|/(N + n) and E|(c + Z)/(N + n) − x| under a (sub-)law on [lo, lo + len). *
 * @example
 * ```ts
 * // N = 10, n = 5, c = 5: E|p^(2) − p^(1)| and the limit for one token with 5 corpus counts.
 * const r = chainForCount(10, 5, 5, 0.5, 2, true, 1e-17, { row: 1e-25, trim: 1e-28, corpus: 1e-25 }, false);
 * r.first[2]; // => 0.0625
 * r.statFirst > r.first[2]; // => true
 * ```
 */
function lawExpectations(
  law: Float64Array,
  len: number,
  lo: number,
  mu: number,
  invTotal: number,
  cOverTotal: number,
  x: number,
  firstOnly: boolean,
): { f: number; i: number } {
  let f = 0;
  let i = 0;
  if (firstOnly) {
    for (let j = 0; j < len; j++) f += law[j] * Math.abs(lo + j - mu);
    return { f: f * invTotal, i: 0 };
  }
  for (let j = 0; j < len; j++) {
    const z = lo + j;
    const w = law[j];
    f += w * Math.abs(z - mu);
    i += w * Math.abs(cOverTotal + z * invTotal - x);
  }
  return { f: f * invTotal, i };
}

export function chainForCount(
  N: number,
  n: number,
  c: number,
  x: number,
  M: number,
  stationary: boolean,
  tol: number,
  cutoffs: EngineCutoffs,
  firstOnly: boolean,
): CountResult {
  const total = N + n;
  const alpha = n / total;
  const r = c / N;
  const V2 = n * r * (1 - r);
  // Stationary variance: V∞ = n r(1−r)/(1 − β), β = n(n−1)/(N+n)².
  const oneMinusBeta = (N * N + 2 * N * n + n) / (total * total);
  const Vinf = V2 / oneMinusBeta;
  const w1Start = (Math.sqrt(V2) + Math.sqrt(Vinf)) / total;
  const beta = (n * (n - 1)) / (total * total);
  const secondStart = (V2 + Math.sqrt(V2) + Vinf + Math.sqrt(Vinf)) / total;
  const mu = (n * c) / N; // E Z^(m) for every m ≥ 2
  const invTotal = 1 / total;
  const cOverTotal = c / total;

  const first = new Float64Array(M + 1);
  const initial = new Float64Array(M + 1);
  const lostAt = new Float64Array(M + 1);
  let operations = 0;

  let rows: KernelRows | null = null; // on the first step (generation 2 needs no kernel)

  // Law of Z^(2): Bin(n, c/N), stored in a buffer over global states [vLo, vLo + buffer length).
  const startRow = binomialRow(n, c / N, (N - c) / N, cutoffs.row);
  operations += startRow.values.length + ROW_OVERHEAD;
  let lo = startRow.start;
  let len = startRow.values.length;
  // Two work buffers, reused from chain to chain (chainForCount is not re-entrant and keeps neither).
  if (lawBuffers[0].length < len) lawBuffers[0] = new Float64Array(Math.max(len, 2 * lawBuffers[0].length));
  let law = lawBuffers[0];
  let next = lawBuffers[1];
  law.set(startRow.values);
  let lost = startRow.dropped;

  let m = 2;
  let iterations = 0;
  let statFirst = 0;
  let statInitial = 0;
  let statBound = Infinity;
  for (;;) {
    if (m <= M) {
      const e = lawExpectations(law, len, lo, mu, invTotal, cOverTotal, x, firstOnly);
      first[m] = e.f;
      initial[m] = e.i;
      lostAt[m] = lost;
    }
    let bound = Infinity;
    if (stationary) {
      // Two a-priori bounds on |E_π h − E_{π_m} h| (docs/_sections/exact-deviation.md):
      // W₁ contraction by α, and the second-difference contraction by β (the law of
      // Z^(m) already has the stationary mean, so only modes of order ≥ 2 remain).
      bound = Math.min(w1Start * Math.pow(alpha, m - 2), secondStart * Math.pow(beta, m - 2));
    }
    if (m >= M && (!stationary || bound <= tol || iterations >= MAX_ITERATIONS)) {
      if (stationary) {
        const e = m <= M ? { f: first[m], i: initial[m] } : lawExpectations(law, len, lo, mu, invTotal, cOverTotal, x, firstOnly);
        statFirst = e.f;
        statInitial = e.i;
        statBound = bound;
      }
      break;
    }
    // One step: next = law · K, with the row of state z at t = c + z in the shared set.
    if (rows === null) {
      rows = kernelRows(n, total, shareableCutoff(cutoffs.row));
      const spread = 14 * Math.sqrt(Vinf) + 64;
      rows.reserve(c + Math.max(0, Math.floor(mu - spread)), c + Math.min(n, Math.ceil(mu + spread)));
    }
    rows.reserve(c + lo, c + lo + len - 1);
    const rowValues = rows.values;
    const rowStarts = rows.starts;
    const rowEnds = rows.ends;
    const rowDropped = rows.dropped;
    const offset = c + lo - rows.base; // dense index of state lo
    let newLo = Infinity;
    let newHi = -Infinity;
    for (let j = 0; j < len; j++) {
      if (law[j] === 0) continue;
      const i = offset + j;
      if (rowValues[i] === null) rows.build(i);
      if (rowStarts[i] < newLo) newLo = rowStarts[i];
      if (rowEnds[i] > newHi) newHi = rowEnds[i];
    }
    const newLen = newHi - newLo + 1;
    if (next.length < newLen) next = new Float64Array(Math.max(newLen, 2 * next.length));
    else next.fill(0, 0, newLen);
    if (next.length > lawBuffers[1].length) lawBuffers[1] = next;
    let stepLoss = 0;
    let stepOps = 0;
    for (let j = 0; j < len; j++) {
      const w = law[j];
      if (w === 0) continue;
      const i = offset + j;
      stepOps += axpy(next, rowStarts[i] - newLo, w, rowValues[i] as Float64Array);
      stepLoss += w * rowDropped[i];
    }
    lost += stepLoss;
    operations += stepOps + rows.takeBuildOperations();
    // Trim negligible ends.
    let a = 0;
    let b = newLen - 1;
    let trimmed = 0;
    while (a < b && next[a] < cutoffs.trim) trimmed += next[a++];
    while (b > a && next[b] < cutoffs.trim) trimmed += next[b--];
    lost += trimmed;
    // Swap buffers, moving the kept part to the front.
    const kept = b - a + 1;
    if (a > 0) next.copyWithin(0, a, b + 1);
    const tmp = law;
    law = next;
    next = tmp;
    lawBuffers[0] = law;
    lawBuffers[1] = next;
    lo = newLo + a;
    len = kept;
    m++;
    iterations++;
  }
  return {
    first,
    initial,
    lost: lostAt,
    statFirst,
    statInitial,
    statLost: lost,
    statIterationBound: statBound,
    operations,
    iterations,
  };
}

/**
 * Exact per-token deviations for a token of probability x: mixes the chains
 * of every corpus count c with Bin(N, x) mass ≥ `cutoffs.corpus` (the rest is
 * bounded: an L1 coordinate difference never exceeds α = n/(N+n) from p^(1),
 * 1 from p).
 *
 * @example
 * ```ts
 * const t = tokenDeviation({ N: 10, n: 5, x: 0.5, generations: 3, stationary: true, iterationTolerance: 1e-17,
 *   cutoffs: { row: 1e-25, trim: 1e-28, corpus: 1e-25 } });
 * 2 * t.fromFirst[3]; // => 0.1177520
 * ```
 */
export function tokenDeviation(req: TokenDeviationRequest): TokenDeviation {
  const { N, n, x, generations: M, stationary, iterationTolerance, cutoffs } = req;
  const firstOnly = req.firstOnly ?? false;
  const total = N + n;
  const alpha = n / total;
  const fromFirst = new Float64Array(M + 1);
  const fromInitial = new Float64Array(M + 1);
  const fromFirstError = new Float64Array(M + 1);
  const fromInitialError = new Float64Array(M + 1);
  const out: TokenDeviation = {
    fromFirst,
    fromInitial,
    fromFirstError,
    fromInitialError,
    stationaryFromFirst: stationary ? 0 : null,
    stationaryFromInitial: stationary ? 0 : null,
    stationaryFromFirstError: 0,
    stationaryFromInitialError: 0,
    operations: 0,
    cCount: 0,
    maxIterations: 0,
  };
  if (x === 0) return out; // c = 0 surely: every p^(m)_i = 0.
  let window = x === 1 ? { start: N, values: Float64Array.of(1), dropped: 0 } : corpusWindow(N, x, cutoffs.corpus);
  // The dropped corpus mass costs up to 1 per unit (fromInitial): tighten the cut-off until it
  // is below a quarter of the tolerance (the geometric tail bound grows like sd(C)·cut-off).
  for (let cut = cutoffs.corpus, k = 0; k < 6 && window.dropped > 0.25 * iterationTolerance && cut > 1e-300; k++) {
    cut = Math.max(1e-300, (cut * 0.025 * iterationTolerance) / window.dropped);
    window = corpusWindow(N, x, cut);
  }
  out.cCount = window.values.length;
  out.operations += window.values.length + ROW_OVERHEAD;
  // m = 0 and m = 1: E|x − c/N|.
  let mad1 = 0;
  for (let j = 0; j < window.values.length; j++) mad1 += window.values[j] * Math.abs((window.start + j) / N - x);
  const maxL1Corpus = Math.max(x, 1 - x);
  fromFirst[0] = mad1;
  fromFirstError[0] = window.dropped * maxL1Corpus;
  if (M >= 1) {
    fromInitial[1] = mad1;
    fromInitialError[1] = window.dropped * maxL1Corpus;
  }
  // m ≥ 2 and the limit.
  let statF = 0;
  let statI = 0;
  let statFErr = 0;
  let statIErr = 0;
  // The stationary error of count c enters weighted by w_c = Bin(N, x)(c): give count c the
  // tolerance τ·(0.9 + 0.1/(K·w_c)), K the number of chains, so Σ_c w_c·tol_c ≤ τ(0.9 Σ w_c + 0.1) ≤ τ
  // (the same total as τ for every count), and likewise scale the law's trim cut-off. Counts
  // far in the tails of Bin(N, x) (the widest and most expensive chains) then need far fewer
  // iterations; every count's bound is still certified and summed with its weight below.
  let chains = 0;
  for (let j = 0; j < window.values.length; j++) {
    const c = window.start + j;
    if (c !== 0 && c !== N) chains++;
  }
  for (let j = 0; j < window.values.length; j++) {
    const w = window.values[j];
    const c = window.start + j;
    if (c === 0 || c === N) {
      // Deterministic: Z = nc/N, p^(m) = p^(1) = c/N for every m.
      const d = Math.abs(c / N - x);
      for (let m = 2; m <= M; m++) fromInitial[m] += w * d;
      statI += w * d;
      continue;
    }
    const share = stationary && w > 0 ? 0.9 + 0.1 / (chains * w) : 1;
    const res =
      share === 1
        ? chainForCount(N, n, c, x, M, stationary, iterationTolerance, cutoffs, firstOnly)
        : chainForCount(N, n, c, x, M, stationary, iterationTolerance * share, { row: cutoffs.row, trim: cutoffs.trim * share, corpus: cutoffs.corpus }, firstOnly);
    out.operations += res.operations;
    if (res.iterations > out.maxIterations) out.maxIterations = res.iterations;
    const hFirstMax = alpha; // |p^(m)_i − p^(1)_i| ≤ α
    const hInitialMax = 1;
    for (let m = 2; m <= M; m++) {
      fromFirst[m] += w * res.first[m];
      fromInitial[m] += w * res.initial[m];
      fromFirstError[m] += w * res.lost[m] * hFirstMax;
      fromInitialError[m] += w * res.lost[m] * hInitialMax;
    }
    if (stationary) {
      statF += w * res.statFirst;
      statI += w * res.statInitial;
      statFErr += w * (res.statLost * hFirstMax + res.statIterationBound);
      statIErr += w * (res.statLost * hInitialMax + res.statIterationBound);
    }
    if (req.record !== undefined) {
      const lo = stationary ? res.statFirst : res.first[M];
      const hi = stationary ? res.statFirst + res.statLost * hFirstMax + res.statIterationBound : res.first[M] + res.lost[M] * hFirstMax;
      req.record(c, lo, hi + hi * 1e-13);
    }
  }
  for (let m = 2; m <= M; m++) {
    fromFirstError[m] += window.dropped * alpha;
    fromInitialError[m] += window.dropped;
  }
  if (stationary) {
    out.stationaryFromFirst = statF;
    out.stationaryFromInitial = statI;
    out.stationaryFromFirstError = statFErr + window.dropped * alpha;
    out.stationaryFromInitialError = statIErr + window.dropped;
  }
  return out;
}
