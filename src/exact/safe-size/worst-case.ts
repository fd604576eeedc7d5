/**
 * The worst p on s tokens for the exact deviation, certified from both sides.
 *
 * The deviation of p is Σ_i f(p_i) with f the Bernstein polynomial of g (see
 * count-table.ts). For any slope λ, Σ_i f(p_i) = λ + Σ_i (f(p_i) − λ·p_i) ≤ λ + s·max_x (f(x) − λx)
 * for EVERY p on s tokens (Σ p_i = 1, f(0) = 0): the Lagrangian dual. Minimised over λ it is
 * s·f̂(1/s), f̂ the concave envelope of f — so λ is taken as the slope of the concave hull of f
 * at 1/s (computed on a grid), and the max over x is certified on an adaptive grid whose cells carry
 * the slack (width²/8)·sup(−f'')⁺ (from the concave second differences of g), with the exact
 * second-moment bound f(x) ≤ A·sqrt(x(1 − x)) covering every x where the chains were not computed.
 * When g is concave on all of 0…N, f is concave and the uniform p is exactly the worst case.
 *
 * From below: a distribution found by {@link searchWorstP}, whose deviation (from g's lower
 * bounds) is attained. The worst case lies in [lowerBound, upperBound].
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { binomialRow, type BinomialRow } from '../deviation/binomial.ts';
import { cellCurvature, secondRow, type CurvatureTerm } from './curvature.ts';
import { goldenMaximum } from '../../numeric/golden.ts';
import { CountTable, type CountTableRequest } from './count-table.ts';
import { fewTokensBound } from './few-tokens.ts';
import { searchWorstP, type TokenLevels } from './worst-p.ts';

/** Vocabularies up to this size also get the grid bound of few-tokens.ts. */
const FEW_TOKENS = 64;

export type { TokenLevels } from './worst-p.ts';

/** Both sides of the worst case at one n. */
export interface WorstCaseBound {
  /** Certified lower bound on the deviation of the uniform p. */
  uniform: number;
  /** Certified lower bound on the deviation of `worstP` (≥ `uniform`): the worst case is at least this. */
  lowerBound: number;
  /** The most drifting p found: `counts[j]` tokens with probability `values[j]`. */
  worstP: TokenLevels;
  /** Certified upper bound on the deviation of every p on s tokens. */
  upperBound: number;
  /** upperBound − lowerBound. */
  gap: number;
  /**
   * `'concave'`: g is concave on 0…N, the uniform p is exactly the worst case;
   * `'dual'`: the Lagrangian bound above; `'grid'`: the few-tokens grid bound (few-tokens.ts), tighter than the
   * dual for small s; `'second-moment'`: the chains the dual needs were beyond the
   * budget, so the upper bound is the second-moment bound A·sqrt(s − 1).
   */
  method: 'concave' | 'dual' | 'grid' | 'second-moment';
  /** The slope λ of the dual bound. */
  slope: number;
  /** Corpus counts whose chains were computed. */
  cRange: [number, number];
  /** Points of the certifying grid. */
  gridPoints: number;
  /** Multiply-adds spent. */
  operations: number;
}

/** What {@link worstCaseBound} needs. */
export interface WorstCaseRequest extends CountTableRequest {
  s: number;
  /** Multiply-adds the chains may use; beyond it the upper bound falls back on the second moment. */
  budget: number;
  /** Slack the certifying grid may leave on max_x (f(x) − λx) (absolute, per token). */
  targetGapPerToken: number;
  maxGridPoints?: number;
}

/** Upper concave hull of points sorted by x (monotone chain). */
function upperHull(xs: number[], ys: number[]): number[] {
  const hull: number[] = [];
  for (let j = 0; j < xs.length; j++) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2];
      const b = hull[hull.length - 1];
      // b is below the chord a → j: drop it.
      const cross = (xs[b] - xs[a]) * (ys[j] - ys[a]) - (ys[b] - ys[a]) * (xs[j] - xs[a]);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(j);
  }
  return hull;
}

/** Local argmax of fu(x) − λx on [lo, hi] by golden sections. */
function argmaxLine(table: CountTable, lambda: number, lo: number, hi: number): number {
  return goldenMaximum((x) => table.upper(x).value - lambda * x, lo, hi, { iterations: 60, relativeWidth: 1e-16 }).x;
}

/**
 * The common tangent of f across x0 (the concave envelope's segment), from the hull's
 * grid vertices x1 < x0 < x2: alternately the line through both contact points and each
 * contact point as the local argmax of f − λx between its grid neighbours.
 */
function refineTangent(table: CountTable, left: number, x1: number, x2: number, right: number, x0: number): { x1: number; x2: number } {
  let a = x1;
  let b = x2;
  for (let it = 0; it < 12; it++) {
    const lambda = (table.upper(b).value - table.upper(a).value) / (b - a);
    const a2 = argmaxLine(table, lambda, Math.max(left, 0.5 * a), Math.min(x0, 0.5 * (a + x0) + 0.5 * (x2 - x0) * 0));
    const b2 = argmaxLine(table, lambda, Math.max(x0, 0.5 * (b + x0)), Math.min(right, 1, b + (b - x0)));
    if (a2 === a && b2 === b) break;
    a = a2;
    b = b2;
  }
  return { x1: a, x2: b };
}

/** Grid of x for the hull: dense (log-spaced) around x0, coarse elsewhere. */
function hullGrid(x0: number): number[] {
  const set = new Set<number>([x0]);
  for (let j = 0; j <= 64; j++) set.add(j / 64);
  for (let j = 0; j <= 160; j++) {
    const x = x0 * Math.pow(2, -6 + (12 * j) / 160);
    if (x > 0 && x < 1) set.add(x);
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * Certified bounds on max over p on s tokens of the exact deviation at (N, n, M).
 *
 * @example
 * ```ts
 * // N = 100, n = 2, s = 2, stationary: the uniform p is not the worst case.
 * const w = worstCaseBound({ N: 100, n: 2, M: null, s: 2, tolerance: 1e-15, cutoffs: { row: 1e-25, trim: 1e-28, corpus: 1e-25 },
 *   coarseTolerance: () => 1e-15, estimateCount: () => 1e3, reuse: null, budget: 1e9, targetGapPerToken: 1e-12 });
 * w.uniform < w.lowerBound; // => true
 * w.upperBound - w.lowerBound < 1e-9; // => true
 * ```
 */
export function worstCaseBound(request: WorstCaseRequest): WorstCaseBound {
  const { N, s } = request;
  const table = new CountTable(request);
  const x0 = 1 / s;
  const w0 = table.row(x0);
  // Fine where Bin(N, 1/s) puts its mass; count c's error enters f(1/s) weighted by w_c, so it gets
  // τ·(0.9 + 0.1/(K·w_c)) (as the deviation engine does: Σ w_c·tol_c ≤ τ), capped by the coarse tolerance.
  const K = w0.values.length;
  const windowTolerance = (c: number): number => {
    const j = c - w0.start;
    const w = j >= 0 && j < K ? w0.values[j] : 0;
    const weighted = w > 0 ? request.tolerance * (0.9 + 0.1 / (K * w)) : Infinity;
    return Math.max(request.tolerance, Math.min(weighted, request.coarseTolerance(c)));
  };
  table.ensure(w0.start - 1, w0.start + K, windowTolerance);
  const uniform = s * table.lower(x0);
  let spent = 0;
  const budget = request.budget;
  // Slope of f at x0 from the Bernstein derivative f'(x) = N Σ_c (g(c+1) − g(c)) Bin(N − 1, x)(c).
  const derivative = (): number => {
    const g = table.g;
    if (g === null) return 0;
    const row = binomialRow(N - 1, x0, 1 - x0, request.cutoffs.corpus);
    let slope = 0;
    for (let j = 0; j < row.values.length; j++) {
      const c = row.start + j;
      if (c < table.from || c + 1 > table.to) continue;
      slope += row.values[j] * (g.lo[c + 1 - g.from] - g.lo[c - g.from]);
    }
    return N * slope;
  };
  const xs = hullGrid(x0);
  let lambda = derivative();
  let split: { x1: number; x2: number } | null = null;
  let threshold = 0;
  let region: [number, number] | null = null;
  let fallback = false;
  for (let round = 0; round < 6; round++) {
    // Hull of the informative upper values (0 at x = 0 and x = 1).
    const px: number[] = [];
    const py: number[] = [];
    for (const x of xs) {
      if (x === 0 || x === 1) {
        px.push(x);
        py.push(0);
        continue;
      }
      const u = table.upper(x);
      if (u.outside > 1e-9 && x !== x0) continue;
      px.push(x);
      py.push(u.value);
    }
    const hull = upperHull(px, py);
    const i0 = px.indexOf(x0);
    const onHull = hull.indexOf(i0);
    if (onHull >= 0) {
      split = null;
      const left = onHull > 0 ? (py[i0] - py[hull[onHull - 1]]) / (px[i0] - px[hull[onHull - 1]]) : Infinity;
      const right = onHull + 1 < hull.length ? (py[hull[onHull + 1]] - py[i0]) / (px[hull[onHull + 1]] - px[i0]) : -Infinity;
      lambda = Math.min(left, Math.max(right, derivative()));
    } else {
      let k = 0;
      while (k + 1 < hull.length && px[hull[k + 1]] < x0) k++;
      const a = hull[k];
      const b = hull[k + 1];
      split = refineTangent(table, px[Math.max(0, hull[k - 1] ?? 0)], px[a], px[b], px[hull[k + 2] ?? px.length - 1], x0);
      lambda = (table.upper(split.x2).value - table.upper(split.x1).value) / (split.x2 - split.x1);
    }
    threshold = -Infinity;
    for (let j = 0; j < px.length; j++) threshold = Math.max(threshold, py[j] - lambda * px[j]);
    // Where the far-field bound could exceed the threshold: J(x) − λx is concave, so an interval.
    const diff = (x: number): number => table.jensen(x) - lambda * x - threshold;
    const peak = goldenMaximum(diff, 0, 1, { iterations: 200, relativeWidth: 0 }).x;
    if (!(diff(peak) > 0)) {
      region = null;
      break;
    }
    const root = (lo: number, hi: number): number => {
      const sLo = diff(lo) > 0;
      for (let it = 0; it < 200; it++) {
        const m = 0.5 * (lo + hi);
        if (m === lo || m === hi) break;
        if (diff(m) > 0 === sLo) lo = m;
        else hi = m;
      }
      return sLo ? hi : lo;
    };
    const xa = diff(0) > 0 ? 0 : root(0, peak);
    const xb = diff(1) > 0 ? 1 : root(peak, 1);
    region = [xa, xb];
    const wa = table.row(Math.max(xa, 1e-300));
    const wb = table.row(Math.min(xb, 1));
    const needFrom = xa === 0 ? 0 : Math.max(0, wa.start - 2);
    const needTo = xb === 1 ? N : Math.min(N, wb.start + wb.values.length + 1);
    if (needFrom >= table.from && needTo <= table.to) break;
    const cost = table.extensionCost(needFrom, needTo);
    if (spent + cost > budget) {
      fallback = true;
      break;
    }
    spent += cost;
    table.ensure(needFrom, needTo);
  }
  const search = searchWorstP(table, s, split);
  const lowerBound = Math.max(uniform, search.value);
  const worstP = search.value >= uniform ? search.worstP : { values: [x0], counts: [s] };
  const secondMoment = s * table.jensen(x0) * (1 + 1e-12);
  const base = {
    uniform,
    lowerBound,
    worstP,
    slope: lambda,
    cRange: [table.from, table.to] as [number, number],
  };
  if (fallback) {
    return { ...base, upperBound: secondMoment, gap: secondMoment - lowerBound, method: 'second-moment', gridPoints: 0, operations: table.operations };
  }
  const g = table.g as NonNullable<CountTable['g']>;
  const size = g.lo.length;
  // On a cell [a, b], f − chord ≤ (b − a)²/8 · sup(−f'')⁺, and by the Bernstein form
  // −f'' = N(N − 1) Σ_c (−Δ²g(c + 1))·Bin(N − 2, x)(c): only the concave second differences count.
  let maxSecond = 0;
  const concave: CurvatureTerm[] = [];
  for (let j = 1; j + 1 < size; j++) {
    const d2 = g.hi[j + 1] - 2 * g.lo[j] + g.hi[j - 1];
    if (d2 > maxSecond) maxSecond = d2;
    const minus = 2 * g.hi[j] - g.lo[j + 1] - g.lo[j - 1];
    if (minus > 0) concave.push({ c: g.from + j - 1, weight: minus }); // Δ²g at count c + 1 multiplies Bin(N − 2)(c)
  }
  if (table.from === 0 && table.to === N && maxSecond <= 0) {
    const upper = Math.min(secondMoment, s * table.upper(x0).value);
    return { ...base, upperBound: upper, gap: Math.max(0, upper - lowerBound), method: 'concave', gridPoints: 0, operations: table.operations };
  }
  let phi = threshold;
  let points = 0;
  if (region !== null && region[1] > region[0]) {
    const [xa, xb] = region;
    const corpusCut = request.cutoffs.corpus;
    const wa = table.row(Math.max(xa, 1e-300));
    const wb = table.row(Math.min(xb, 1));
    const outside = 2 * (wa.dropped + wb.dropped) + 2 * corpusCut;
    const outsideTerm = N * (N - 1) * 2 * table.alpha * outside;
    const hAt = (x: number): number => table.upper(x).value - lambda * x;
    const none: BinomialRow = { start: 0, values: new Float64Array(0), dropped: 0 };
    const secondAt = (x: number): BinomialRow => (concave.length > 0 ? secondRow(N, x, corpusCut) : none);
    const curvature = (a: number, ra: BinomialRow, b: number, rb: BinomialRow): number =>
      (concave.length > 0 ? cellCurvature(N, concave, a, ra, b, rb, corpusCut) : 0) + outsideTerm;
    const target = Math.max(request.targetGapPerToken, 1e-15 * Math.abs(threshold));
    const maxGridPoints = request.maxGridPoints ?? 200_000;
    type Cell = { a: number; b: number; ha: number; hb: number; ra: BinomialRow; rb: BinomialRow; depth: number };
    const initial = 128;
    const cx: number[] = [];
    for (let j = 0; j <= initial; j++) cx.push(xa + ((xb - xa) * j) / initial);
    const hs = cx.map(hAt);
    const rs = cx.map(secondAt);
    points = cx.length;
    const stack: Cell[] = [];
    for (let j = 0; j < initial; j++) stack.push({ a: cx[j], b: cx[j + 1], ha: hs[j], hb: hs[j + 1], ra: rs[j], rb: rs[j + 1], depth: 0 });
    while (stack.length > 0) {
      const cell = stack.pop() as Cell;
      const width = cell.b - cell.a;
      const top = Math.max(cell.ha, cell.hb);
      const slack = (width * width * curvature(cell.a, cell.ra, cell.b, cell.rb)) / 8;
      const bound = top + slack;
      // Refine while the slack could matter: only the excess over the threshold counts.
      if (bound <= threshold + target || slack <= target || cell.depth >= 48 || points > maxGridPoints) {
        if (bound > phi) phi = bound;
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
  let upperBound = Math.min(secondMoment, (lambda + s * phi) * (1 + 1e-13));
  let method: WorstCaseBound['method'] = 'dual';
  let best = { lowerBound, worstP };
  // Few tokens: the dual can be loose by integrality; the grid sup-convolution is exact up to its certified slack.
  if (s <= FEW_TOKENS && upperBound - lowerBound > request.targetGapPerToken * s) {
    let cost = 0;
    for (let c = 0; c <= N; c++) cost += request.estimateCount(c);
    if (spent + cost <= budget) {
      spent += cost;
      table.refineAll();
      const few = fewTokensBound(table, s, s <= 8 ? 12_000 : s <= 16 ? 6000 : 3000);
      if (few.upperBound < upperBound) {
        upperBound = few.upperBound;
        method = 'grid';
      }
      if (few.lowerBound > best.lowerBound) best = { lowerBound: few.lowerBound, worstP: few.worstP };
    }
  }
  return {
    ...base,
    ...best,
    cRange: [table.from, table.to],
    upperBound: Math.max(upperBound, best.lowerBound),
    gap: Math.max(0, upperBound - best.lowerBound),
    method,
    gridPoints: points,
    operations: table.operations,
  };
}
