/**
 * The per-count chain of the exact deviation: for one token of probability x and one
 * corpus count c, the synthetic count Z^(m) is the Markov chain Z^(2) ~ Bin(n, c/N),
 * Z^(m) ~ Bin(n, (c + Z^(m−1))/(N + n)); this module propagates its law with certified
 * truncation and iterates it to the stationary law with an a-priori Wasserstein bound
 * (the mixture over c ~ Bin(N, x) is `./token-deviation.ts`, the shared transition rows `./rows.ts`).
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */
import { binomialRow } from './binomial.ts';
import { kernelRows, ROW_OVERHEAD, shareableCutoff, type KernelRows } from './rows.ts';

/** Truncation cut-offs used by the engine. */
export interface EngineCutoffs {
  /** Binomial probabilities below this are dropped from a transition row (mass bounded). */
  row: number;
  /** Entries of a propagated law below this are dropped from its ends (mass counted). */
  trim: number;
  /** Mass of Bin(N, x) left out of the c window, per tail. */
  corpus: number;
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

/** The work buffers of {@link chainForCount} (law and next law), kept between calls. */
const lawBuffers: [Float64Array, Float64Array] = [new Float64Array(256), new Float64Array(256)];

/** y[offset + k] += w·row[k]; returns the row length. */
function axpy(y: Float64Array, offset: number, w: number, row: Float64Array): number {
  const length = row.length;
  for (let k = 0; k < length; k++) y[offset + k] += w * row[k];
  return length;
}

/** E|Z − μ|/(N + n) and E|(c + Z)/(N + n) − x| under a (sub-)law on [lo, lo + len). */
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

/**
 * The chain for one corpus count c (0 < c < N). Generations 2…M are recorded;
 * with `stationary`, iteration continues until α^{m−2}·(√V₂ + √V∞)/(N + n) ≤ tol,
 * an a-priori bound on |E_π h − E_{π_m} h| for the 1/(N+n)-Lipschitz h (the kernel
 * contracts W₁ by α = n/(N + n): Bin(n, q) and Bin(n, q') couple monotonically).
 *
 * @example
 * ```ts
 * // N = 10, n = 5, c = 5: E|p^(2) − p^(1)| and the limit for one token with 5 corpus counts.
 * const r = chainForCount(10, 5, 5, 0.5, 2, true, 1e-17, { row: 1e-25, trim: 1e-28, corpus: 1e-25 }, false);
 * r.first[2]; // => 0.0625
 * r.statFirst > r.first[2]; // => true
 * ```
 */
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
      // Two a-priori bounds on |E_π h − E_{π_m} h| (docs/exact.md):
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
