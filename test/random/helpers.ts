/**
 * Statistical test helpers for the sampler tests.
 *
 * Every test that can fail by chance is run at a fixed seed with a stated
 * false-alarm rate ALPHA: the threshold is the (1 − ALPHA) quantile of the
 * test statistic's reference distribution (chi-square or normal), computed,
 * never tuned by hand. With ~60 such tests per run the family-wise false-alarm
 * probability is below 60·ALPHA = 6e-5 (and, seeds being fixed, a passing run
 * passes deterministically).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Per-test false-alarm rate. */
export const ALPHA = 1e-6;

/** Two-sided normal critical value for ALPHA: |Z| > Z_CRIT has probability ALPHA. */
export const Z_CRIT: number = normalQuantile(1 - ALPHA / 2, 0, 1);

export interface ChiSquareResult {
  stat: number;
  df: number;
  pValue: number;
  cells: number;
}

/**
 * Pearson chi-square goodness of fit of observed counts (`observed.get(k)`)
 * against `pmf` over the integers [lo, hi] (the mass outside must be
 * negligible: it is added to the end cells). Consecutive values are merged
 * until each cell expects at least `minExpected` (5, or more so that there are
 * at most `maxCells` cells). Observations outside [lo, hi] go to the end cells.
 */
export function chiSquareGof(
  observed: Map<number, number>,
  total: number,
  pmf: (k: number) => number,
  lo: number,
  hi: number,
  maxCells = 400,
): ChiSquareResult {
  const probs: number[] = [];
  let mass = 0;
  for (let k = lo; k <= hi; k++) {
    const q = pmf(k);
    probs.push(q);
    mass += q;
  }
  if (!(Math.abs(mass - 1) < 1e-6)) throw new Error(`pmf mass on [${lo}, ${hi}] is ${mass}`);
  const minExpected = Math.max(5, total / maxCells);
  // Greedy merge into cells of expected >= minExpected.
  const cellExp: number[] = [];
  const cellObs: number[] = [];
  let e = 0;
  let o = 0;
  let below = 0;
  let above = 0;
  for (const [k, c] of observed) {
    if (!Number.isInteger(k)) throw new Error(`non-integer draw ${k}`);
    if (k < lo) below += c;
    if (k > hi) above += c;
  }
  for (let k = lo; k <= hi; k++) {
    e += probs[k - lo] * total;
    o += observed.get(k) ?? 0;
    if (k === lo) o += below;
    if (e >= minExpected) {
      cellExp.push(e);
      cellObs.push(o);
      e = 0;
      o = 0;
    }
  }
  o += above;
  if (cellExp.length === 0) throw new Error('no cell');
  // Remainder goes into the last cell.
  cellExp[cellExp.length - 1] += e;
  cellObs[cellObs.length - 1] += o;
  let stat = 0;
  for (let i = 0; i < cellExp.length; i++) stat += (cellObs[i] - cellExp[i]) ** 2 / cellExp[i];
  const df = cellExp.length - 1;
  const pValue = df > 0 ? 1 - chisquareCdf(stat, df) : 1;
  return { stat, df, pValue, cells: cellExp.length };
}

/** Chi-square test of observed counts in explicit cells against expected probabilities (merging none). */
export function chiSquareCells(observed: ArrayLike<number>, probs: ArrayLike<number>): ChiSquareResult {
  let total = 0;
  for (let i = 0; i < observed.length; i++) total += observed[i];
  let stat = 0;
  for (let i = 0; i < probs.length; i++) {
    const ex = probs[i] * total;
    stat += (observed[i] - ex) ** 2 / ex;
  }
  const df = probs.length - 1;
  return { stat, df, pValue: 1 - chisquareCdf(stat, df), cells: probs.length };
}

/** Histogram of an array of integers. */
export function histogram(xs: ArrayLike<number>): Map<number, number> {
  const h = new Map<number, number>();
  for (let i = 0; i < xs.length; i++) h.set(xs[i], (h.get(xs[i]) ?? 0) + 1);
  return h;
}

/**
 * Z statistic of the sample mean of `xs` against a known mean and variance:
 * (x̄ − μ)/√(σ²/N). Under the null it is ~N(0, 1) (CLT; N ≥ 1e4 in all uses).
 */
export function meanZ(xs: ArrayLike<number>, mean: number, variance: number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] - mean;
  return s / xs.length / Math.sqrt(variance / xs.length);
}

/**
 * Z statistic of the sample variance (with known mean) against the true
 * variance, using Var[(X − μ)²] = μ₄ − σ⁴: (S − σ²)/√((μ₄ − σ⁴)/N).
 */
export function varianceZ(xs: ArrayLike<number>, mean: number, variance: number, mu4: number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - mean) ** 2;
  return (s / xs.length - variance) / Math.sqrt((mu4 - variance * variance) / xs.length);
}
