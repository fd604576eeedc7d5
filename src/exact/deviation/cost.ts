/**
 * A-priori planning of the exact deviation: iterations needed for the stationary limit,
 * the estimated multiply-adds of one token (what `maxOperations` is compared with), and the
 * truncation cut-offs for a per-token tolerance.
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */
import type { EngineCutoffs } from './chain.ts';

const Z_TAIL = 10; // ≈ sqrt(2 ln 1e21): half-width of truncated windows in standard deviations

/**
 * Iterations of the per-c chain needed for the stationary limit at tolerance `tol`
 * (same two a-priori bounds as the engine, at the typical count c = N x).
 *
 * @example
 * ```ts
 * iterationsFor(1e6, 8e5, 2e-5, 1e-15); // => 17
 * ```
 */
export function iterationsFor(N: number, n: number, x: number, tol: number): number {
  const total = N + n;
  const alpha = n / total;
  const beta = (n * (n - 1)) / (total * total);
  const oneMinusBeta = (N * N + 2 * N * n + n) / (total * total);
  const V2 = n * x * (1 - x);
  const Vinf = V2 / oneMinusBeta;
  const first = (Math.sqrt(V2) + Math.sqrt(Vinf)) / total;
  const second = (V2 + Math.sqrt(V2) + Vinf + Math.sqrt(Vinf)) / total;
  if (!(first > tol) || alpha === 0) return 1;
  const kAlpha = Math.ceil(Math.log(tol / first) / Math.log(alpha));
  const kBeta = beta > 0 && second > tol ? Math.ceil(Math.log(tol / second) / Math.log(beta)) : 0;
  return Math.min(kAlpha, kBeta) + 2;
}

/**
 * Estimated multiply-adds of one token of probability x: Σ over the corpus counts c in
 * the window of (iterations) × (width of Z's law) × (width of a transition row), each
 * evaluated at the chain's own share c/N (a count far above N·x drives a much wider chain
 * than x suggests: N = 5, x = 1e-9 still computes the chains of c = 1…4). The window is
 * cut into at most 16 blocks charged at their widest chain. Conservative: measured work
 * is 1–10 times lower.
 *
 * @example
 * ```ts
 * estimateTokenOperations(1e6, 1e4, 1 / 50257, 10, true, 1e-16) < 1e7; // => true
 * estimateTokenOperations(5, 1e6, 1e-9, 6, false, 1e-6) > 1e9; // => true
 * ```
 */
export function estimateTokenOperations(N: number, n: number, x: number, generations: number, stationary: boolean, tol: number): number {
  if (x === 0 || x === 1) return 1;
  const sdC = Math.sqrt(N * x * (1 - x));
  const cLo = Math.max(0, Math.floor(N * x - Z_TAIL * sdC - (Z_TAIL * Z_TAIL) / 2));
  const cHi = Math.min(N, Math.ceil(N * x + Z_TAIL * sdC + (Z_TAIL * Z_TAIL) / 2));
  const cWidth = cHi - cLo + 1;
  const blocks = Math.min(16, cWidth);
  let total = cWidth;
  for (let b = 0; b < blocks; b++) {
    const from = cLo + Math.floor((b * cWidth) / blocks);
    const to = cLo + Math.floor(((b + 1) * cWidth) / blocks) - 1;
    // The widest chain of the block: the share closest to 1/2, avoiding the deterministic 0 and N.
    const c = Math.min(Math.max(N / 2, Math.max(from, 1)), Math.min(to, N - 1));
    const size = to - from + 1;
    total += size * (c >= 1 && c <= N - 1 ? chainOperations(N, n, c / N, generations, stationary, tol) : 1);
  }
  return total;
}

/** Estimated multiply-adds of the chain of one corpus count whose share is y = c/N. */
function chainOperations(N: number, n: number, y: number, generations: number, stationary: boolean, tol: number): number {
  const total = N + n;
  const oneMinusBeta = (N * N + 2 * N * n + n) / (total * total);
  const beta = (n * (n - 1)) / (total * total);
  // Spread of Z at the last generation needed (the limit when stationary).
  const geometric = stationary ? 1 / oneMinusBeta : (1 - Math.pow(beta, Math.max(1, generations - 1))) / oneMinusBeta;
  const sdZ = Math.sqrt(n * y * (1 - y) * geometric);
  const zWidth = Math.min(n + 1, 2 * Z_TAIL * sdZ + Z_TAIL + 1);
  const rowWidth = Math.min(n + 1, 2 * Z_TAIL * Math.sqrt(n * y * (1 - y)) + Z_TAIL + 1);
  const iterations = Math.max(generations - 2, stationary ? iterationsFor(N, n, y, tol) : 0, 0);
  // The propagation, the rows (built once, each reused every iteration) and a fixed overhead.
  const rows = iterations > 0 ? zWidth * (rowWidth + 64) : 0;
  return iterations * zWidth * rowWidth + rows + rowWidth + 200;
}

/**
 * Truncation cut-offs for a per-token tolerance τ and an iteration estimate
 * (what is dropped is still bounded a posteriori in the reported error).
 *
 * @example
 * ```ts
 * cutoffsFor(1e-15, 100, 20).corpus; // => 1e-18
 * ```
 */
export function cutoffsFor(tau: number, n: number, iterations: number): EngineCutoffs {
  const row = Math.max(1e-300, Math.min(1e-3, tau / (16 * (iterations + 2) * Math.sqrt(n + 1))));
  return { row, trim: row * 1e-3, corpus: Math.max(1e-300, Math.min(1e-3, tau * 1e-3)) };
}
