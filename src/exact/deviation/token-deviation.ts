/**
 * The per-token engine of the exact deviation: for one token of probability x, mixes the
 * per-count chains of `./chain.ts` over the corpus counts c ~ Bin(N, x), with certified
 * truncation of the corpus window.
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */
import { binomialRow, type BinomialRow } from './binomial.ts';
import { chainForCount, type EngineCutoffs } from './chain.ts';
import { ROW_OVERHEAD } from './rows.ts';

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
