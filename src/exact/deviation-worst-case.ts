/**
 * Which p on s tokens maximises the exact deviation E‖p^(M) − p^(1)‖₁ (or its
 * m → ∞ limit)? The deviation is Σ_i f(p_i) with
 * f(x) = Σ_c Bin(N, x)(c)·g(c), g(c) = E[|p^(M)_i − p^(1)_i| | C_i = c].
 * If f has a supporting line at 1/s, f(x) ≤ U + k(x − 1/s) on [0, 1], then
 * Σ_i f(p_i) ≤ s·U for every p (the k-terms sum to 0), while the uniform p gives
 * s·f(1/s): the gap s·(U − f(1/s)) certifies how far uniform is from the worst case.
 * (If g is concave on 0…N, f is concave — Bernstein operators preserve concavity —
 * so U = f(1/s) and uniform is exactly the worst case.)
 *
 * The certificate: U is computed from g on the corpus counts that matter near
 * 1/s (exact chains), the rigorous far-field bound f(x) ≤ A·sqrt(x(1 − x))
 * (Jensen with the exact second moment) elsewhere, and a grid with a
 * second-derivative slack in between.
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */
import { binomialRow, logBinomialPmf, type BinomialRow } from './deviation-binomial.ts';
import { chainForCount, type EngineCutoffs } from './deviation-chain.ts';

/** Outcome of {@link worstCaseCertificate}. */
export interface WorstCaseCertificate {
  /** s·f(1/s): the deviation of the uniform distribution (a lower bound on the worst case). */
  uniform: number;
  /** Certified upper bound on max over p of Σ f(p_i). */
  upperBound: number;
  /** upperBound − uniform (≥ 0): how much a non-uniform p could add at most. */
  gap: number;
  /**
   * `'concave'`: g is concave on all of 0…N, so f is concave and uniform is exactly worst;
   * `'supporting-line'`: the line certificate above, uniform worst up to `gap`;
   * `'too-costly'`: not certified (upperBound is the Jensen bound s·A·sqrt((1/s)(1 − 1/s))).
   */
  method: 'concave' | 'supporting-line' | 'too-costly';
  /** Corpus counts whose chains were computed. */
  cRange: [number, number];
  /** Grid points of the line check. */
  gridPoints: number;
  /** Multiply-adds spent. */
  operations: number;
}

/**
 * Second moment coefficient: E (p^(M)_i − p^(1)_i)² = A²·x(1 − x) for a token of
 * probability x (M = null: the limit), A² = n(1 − 1/N)(1 − β^{M−1})/((N + n)²(1 − β)).
 *
 * @example
 * ```ts
 * jensenCoefficient(100, 10, null); // => 0.0287108528686
 * jensenCoefficient(100, 10, 2) ** 2; // => 0.000818181818182
 * ```
 */
export function jensenCoefficient(N: number, n: number, M: number | null): number {
  const total = N + n;
  const beta = (n * (n - 1)) / (total * total);
  const oneMinusBeta = (N * N + 2 * N * n + n) / (total * total);
  const geometric = M === null ? 1 / oneMinusBeta : (1 - Math.pow(beta, M - 1)) / oneMinusBeta;
  return Math.sqrt((n * (1 - 1 / N) * geometric) / (total * total));
}

/** g(c) with certified bounds for c in [from, to]. */
export interface CountDeviations {
  from: number;
  lo: Float64Array;
  hi: Float64Array;
  operations: number;
}

/**
 * g(c) = E|p^(M)_i − p^(1)_i| given C_i = c (M = null: the limit), for c in [from, to],
 * as certified intervals [lo, hi].
 *
 * @example
 * ```ts
 * const g = countDeviations(10, 5, null, 0, 10, 1e-17, { row: 1e-25, trim: 1e-28, corpus: 1e-25 });
 * g.lo[5]; // => 0.0655175411273
 * g.lo[4] < g.lo[3]; // => true
 * ```
 */
export function countDeviations(
  N: number,
  n: number,
  M: number | null,
  from: number,
  to: number,
  tolerance: number,
  cutoffs: EngineCutoffs,
  toleranceOf: (c: number) => number = () => tolerance,
  reuse: CountDeviations | null = null,
): CountDeviations {
  const size = to - from + 1;
  const lo = new Float64Array(size);
  const hi = new Float64Array(size);
  const alpha = n / (N + n);
  let operations = 0;
  for (let c = from; c <= to; c++) {
    if (c === 0 || c === N) continue; // deterministic: g = 0
    const j = c - from;
    if (reuse !== null && c >= reuse.from && c < reuse.from + reuse.lo.length && !Number.isNaN(reuse.lo[c - reuse.from])) {
      lo[j] = reuse.lo[c - reuse.from];
      hi[j] = reuse.hi[c - reuse.from];
      continue;
    }
    const stationary = M === null;
    const tol = toleranceOf(c);
    const cut = tol === tolerance ? cutoffs : { row: cutoffs.row * (tol / tolerance), trim: cutoffs.trim * (tol / tolerance), corpus: cutoffs.corpus };
    const r = chainForCount(N, n, c, c / N, stationary ? 2 : M, stationary, tol, cut, true);
    operations += r.operations;
    if (stationary) {
      lo[j] = r.statFirst;
      hi[j] = r.statFirst + r.statLost * alpha + r.statIterationBound;
    } else {
      lo[j] = r.first[M];
      hi[j] = r.first[M] + r.lost[M] * alpha;
    }
    // Rounding allowance (relative, generous for sums of positive terms).
    hi[j] += hi[j] * 1e-13;
  }
  return { from, lo, hi, operations };
}

/** Σ_c Bin(N, x)(c)·values(c) with the Bin mass outside [from, to] returned separately. */
function mix(row: BinomialRow, from: number, values: Float64Array): { sum: number; outside: number } {
  let sum = 0;
  let inside = 0;
  const to = from + values.length - 1;
  for (let j = 0; j < row.values.length; j++) {
    const c = row.start + j;
    const w = row.values[j];
    if (c < from || c > to) continue;
    sum += w * values[c - from];
    inside += w;
  }
  return { sum, outside: Math.max(0, 1 - inside) + row.dropped };
}

/**
 * Certifies how close the uniform distribution on s tokens is to the worst case
 * of the exact deviation (see the module comment). `budget` caps the multiply-adds
 * spent on chains (the result is then `'too-costly'`).
 *
 * @example
 * ```ts
 * // N = 100, n = 10, s = 10: uniform is not exactly worst (f is locally convex near 0.1).
 * const w = worstCaseCertificate(100, 10, 10, null, 1e-15, { row: 1e-25, trim: 1e-28, corpus: 1e-25 }, 1e9, () => 1e3, 1e-12);
 * w.uniform; // => 0.0681122748
 * w.upperBound > w.uniform; // => true
 * ```
 */
export function worstCaseCertificate(
  N: number,
  n: number,
  s: number,
  M: number | null,
  tolerance: number,
  cutoffs: EngineCutoffs,
  budget: number,
  estimateCount: (c: number) => number,
  targetGapPerToken: number,
  coarseTolerance: (c: number) => number = () => tolerance,
  maxGridPoints = 100_000,
  reuse: CountDeviations | null = null,
): WorstCaseCertificate {
  const alpha = n / (N + n);
  const x0 = 1 / s;
  const A = jensenCoefficient(N, n, M);
  const J = (x: number): number => A * Math.sqrt(x * (1 - x));
  const corpusCut = cutoffs.corpus;
  const window = (x: number): BinomialRow => binomialRow(N, x, 1 - x, corpusCut);
  const w0 = window(x0);
  // Stage 1: g on the window of Bin(N, 1/s) (plus one count each side for f').
  let cFrom = Math.max(0, w0.start - 1);
  let cTo = Math.min(N, w0.start + w0.values.length);
  let operations = 0;
  let g = countDeviations(N, n, M, cFrom, cTo, tolerance, cutoffs, () => tolerance, reuse);
  operations += g.operations;
  const fAt = (row: BinomialRow, values: Float64Array, from: number): { sum: number; outside: number } => mix(row, from, values);
  const f0lo = fAt(w0, g.lo, g.from).sum;
  const f0hiParts = fAt(w0, g.hi, g.from);
  const f0hi = f0hiParts.sum + f0hiParts.outside * alpha;
  // Slope f'(x0) = N Σ_c (g(c+1) − g(c)) Bin(N−1, x0)(c) (any slope gives a valid certificate).
  const w1 = binomialRow(N - 1, x0, 1 - x0, corpusCut);
  let slope = 0;
  for (let j = 0; j < w1.values.length; j++) {
    const c = w1.start + j;
    if (c < g.from || c + 1 > g.from + g.lo.length - 1) continue;
    slope += w1.values[j] * (g.lo[c + 1 - g.from] - g.lo[c - g.from]);
  }
  slope *= N;
  const line = (x: number): number => f0hi + slope * (x - x0);
  // Bracket where the far-field bound J exceeds the line: J − line is concave.
  const diff = (x: number): number => J(x) - line(x);
  const root = (a: number, b: number): number => {
    // diff(a) > 0 ≥ diff(b) or the reverse; bisection in x.
    const sa = diff(a) > 0;
    for (let it = 0; it < 200; it++) {
      const m = 0.5 * (a + b);
      if (m === a || m === b) break;
      if (diff(m) > 0 === sa) a = m;
      else b = m;
    }
    return sa ? b : a;
  };
  // Peak of the concave diff on [0, 1]: golden-section search.
  let a = 0;
  let b = 1;
  for (let it = 0; it < 200 && b - a > 1e-300; it++) {
    const m1 = a + (b - a) * 0.381966;
    const m2 = b - (b - a) * 0.381966;
    if (diff(m1) < diff(m2)) a = m1;
    else b = m2;
  }
  const peak = 0.5 * (a + b);
  const jensenOnly = (): WorstCaseCertificate => {
    const upper = s * J(x0) * 1.0000001;
    const uniform = s * f0lo;
    return { uniform, upperBound: Math.max(upper, s * f0hi), gap: Math.max(0, upper - uniform), method: 'too-costly', cRange: [cFrom, cTo], gridPoints: 0, operations };
  };
  let xa = 0;
  let xb = 1;
  const dPeak = Math.max(diff(peak), diff(x0));
  const peakX = diff(peak) >= diff(x0) ? peak : x0;
  if (dPeak > 0) {
    xa = diff(0) > 0 ? 0 : root(0, peakX);
    xb = diff(1) > 0 ? 1 : root(peakX, 1);
  } else {
    xa = x0;
    xb = x0;
  }
  // Stage 2: g on every count that Bin(N, x), x ∈ [xa, xb], reaches.
  const wa = window(Math.max(xa, 1e-300));
  const wb = window(Math.min(xb, 1));
  const needFrom = xa === 0 ? 0 : Math.max(0, wa.start - 2);
  const needTo = xb === 1 ? N : Math.min(N, wb.start + wb.values.length + 1);
  if (needFrom < cFrom || needTo > cTo) {
    let estimate = 0;
    for (let c = needFrom; c <= needTo; c++) {
      estimate += estimateCount(c);
      if (estimate > budget) return jensenOnly();
    }
    cFrom = Math.min(cFrom, needFrom);
    cTo = Math.max(cTo, needTo);
    const fine = g;
    g = countDeviations(N, n, M, cFrom, cTo, tolerance, cutoffs, coarseTolerance, fine);
    operations += g.operations;
  }
  const size = g.lo.length;
  // Concavity of g (rigorous with the bounds) over the whole computed range.
  let maxSecond = 0;
  for (let j = 1; j + 1 < size; j++) {
    const d2 = g.hi[j + 1] - 2 * g.lo[j] + g.hi[j - 1];
    if (d2 > maxSecond) maxSecond = d2;
  }
  const uniformLo = s * f0lo;
  if (cFrom === 0 && cTo === N && maxSecond <= 0) {
    return { uniform: uniformLo, upperBound: s * f0hi, gap: s * (f0hi - f0lo), method: 'concave', cRange: [cFrom, cTo], gridPoints: 0, operations };
  }
  // Stage 3: adaptive grid on [xa, xb]. On a cell [a, b], h = f − line satisfies
  // h ≤ max(h(a), h(b)) + (b − a)²/8 · sup f''⁺, and by the Bernstein form
  // f'' = N(N−1) Σ_c Δ²g(c+1) Bin(N−2, x)(c) ≤ N(N−1)[Σ_c (Δ²g(c+1))⁺ sup_cell Bin(N−2, ·)(c) + 2α·outside].
  const positive: { c: number; d2: number }[] = [];
  for (let j = 1; j + 1 < size; j++) {
    const d2 = g.hi[j + 1] - 2 * g.lo[j] + g.hi[j - 1];
    if (d2 > 0) positive.push({ c: g.from + j - 1, d2 }); // Δ²g at count c+1 multiplies Bin(N−2)(c)
  }
  const outside = 2 * (wa.dropped + wb.dropped) + 2 * corpusCut;
  const outsideTerm = N * (N - 1) * 2 * alpha * outside;
  const hAt = (x: number): number => {
    if (x <= 0 || x >= 1) return -line(x);
    const row = window(x);
    operations += row.values.length;
    const parts = mix(row, g.from, g.hi);
    return parts.sum + parts.outside * alpha - line(x);
  };
  const secondAt = (x: number): BinomialRow | null => (x > 0 && x < 1 && positive.length > 0 ? binomialRow(N - 2, x, 1 - x, corpusCut) : null);
  const rowValue = (row: BinomialRow | null, c: number): number => {
    if (row === null) return 0;
    const j = c - row.start;
    return j >= 0 && j < row.values.length ? row.values[j] : 0;
  };
  const curvature = (a: number, ra: BinomialRow | null, b: number, rb: BinomialRow | null): number => {
    let sum = 0;
    for (const { c, d2 } of positive) {
      let sup = Math.max(rowValue(ra, c), rowValue(rb, c), corpusCut);
      const modeX = c / (N - 2);
      if (modeX > a && modeX < b) sup = Math.max(sup, Math.exp(logBinomialPmf(c, N - 2, modeX, 1 - modeX)));
      sum += d2 * sup;
    }
    return N * (N - 1) * sum + outsideTerm;
  };
  const target = Math.max(targetGapPerToken, 1e-15 * f0hi);
  let maxH = 0;
  let points = 0;
  if (xb > xa) {
    // Initial uniform cells, refined by bisection where the bound is not yet below target.
    type Cell = { a: number; b: number; ha: number; hb: number; ra: BinomialRow | null; rb: BinomialRow | null; depth: number };
    const initial = 128;
    const xs: number[] = [];
    for (let j = 0; j <= initial; j++) xs.push(xa + ((xb - xa) * j) / initial);
    const hs = xs.map(hAt);
    const rs = xs.map(secondAt);
    points = xs.length;
    const stack: Cell[] = [];
    for (let j = 0; j < initial; j++) stack.push({ a: xs[j], b: xs[j + 1], ha: hs[j], hb: hs[j + 1], ra: rs[j], rb: rs[j + 1], depth: 0 });
    while (stack.length > 0) {
      const cell = stack.pop() as Cell;
      const width = cell.b - cell.a;
      const top = Math.max(cell.ha, cell.hb);
      const slack = (width * width * curvature(cell.a, cell.ra, cell.b, cell.rb)) / 8;
      const bound = top + slack;
      // Refine only while the slack matters: where h itself exceeds the target, the excess is real.
      if (bound <= target || slack <= 0.1 * Math.max(target, top) || cell.depth >= 40 || points > maxGridPoints) {
        if (bound > maxH) maxH = bound;
        continue;
      }
      const mid = 0.5 * (cell.a + cell.b);
      const hm = hAt(mid);
      const rm = secondAt(mid);
      points++;
      stack.push({ a: cell.a, b: mid, ha: cell.ha, hb: hm, ra: cell.ra, rb: rm, depth: cell.depth + 1 });
      stack.push({ a: mid, b: cell.b, ha: hm, hb: cell.hb, ra: rm, rb: cell.rb, depth: cell.depth + 1 });
    }
  }
  const U = f0hi + Math.max(0, maxH);
  return {
    uniform: uniformLo,
    upperBound: s * U,
    gap: s * (U - f0lo),
    method: 'supporting-line',
    cRange: [cFrom, cTo],
    gridPoints: points,
    operations,
  };
}
