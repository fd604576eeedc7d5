/**
 * Averages over contexts with confidence intervals: the per-context values of
 * a metric (‖p^(m) − p^(1)‖₁, σ_m, …; paper §3, Figure 5 averages the
 * deviation over 300 contexts) are summarised by their unweighted mean and by
 * their mean weighted by context frequency, each with a two-sided Student-t
 * interval that treats the contexts as a random sample of contexts.
 *
 * @module
 */
import { checkNumber, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { criticalT, DEFAULT_CONFIDENCE_LEVEL } from '../simulation/summary.ts';

/** A mean over contexts with its confidence interval. */
export interface ContextMeanInterval {
  /** Σ w_j x_j / Σ w_j (w_j = 1 when unweighted). */
  mean: number;
  /** mean − t·SE (−Infinity with one context). */
  lower: number;
  /** mean + t·SE (+Infinity with one context). */
  upper: number;
  /** Standard error SE (see {@link contextMeanInterval}; Infinity with one context). */
  se: number;
  /** Number of contexts n. */
  n: number;
  /** Confidence level. */
  level: number;
}

/** One metric per generation: entry g is generation g + 1. */
export interface IntervalSeries {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Number of contexts entering each generation's average. */
  contexts: Int32Array;
}

/** A metric per generation averaged over contexts, weighted by context frequency and unweighted. */
export interface ContextSeries {
  /** Weighted by context frequency (for σ, ‖·‖₁ and tail loss: N_j in the training text; for the held-out loss: held-out counts, i.e. the per-token loss). */
  weighted: IntervalSeries;
  /** Every context counts once. */
  unweighted: IntervalSeries;
  /**
   * The change since generation 1, x_j^(m) − x_j^(1), averaged over the
   * contexts that have a value at both generations (paired, so its interval
   * measures the drift without the spread of levels across contexts).
   */
  change: { weighted: IntervalSeries; unweighted: IntervalSeries };
}

/**
 * Interval from the weighted values: SE² = n/(n − 1)·Σ_j (w_j/W)²(x_j − x̄_w)²,
 * t with n − 1 degrees of freedom (the linearisation variance of a ratio
 * mean, used for cluster samples); equals the usual s/√n with equal weights.
 *
 * @internal
 */
export function intervalFrom(sumW: number, sumWX: number, sumW2D2: number, n: number, level: number): ContextMeanInterval {
  const mean = sumWX / sumW;
  if (n < 2) return { mean, lower: -Infinity, upper: Infinity, se: Infinity, n, level };
  const se = Math.sqrt((n / (n - 1)) * sumW2D2) / sumW;
  if (!(se > 0)) return { mean, lower: mean, upper: mean, se: 0, n, level };
  const half = criticalT(level, n - 1) * se;
  return { mean, lower: mean - half, upper: mean + half, se, n, level };
}

/** Largest |exponent| of weights and values used as they are: beyond it they are scaled (exactly) by a power of two. */
const SAFE_EXPONENT = 120;

/**
 * The power-of-two exponent k by which values of largest magnitude `max` are
 * divided so that sums of products and squares neither overflow nor
 * underflow: 0 for max in [2^−120, 2^120] (and for 0), else ⌊log2 max⌋.
 *
 * @internal
 */
export function scaleExponent(max: number): number {
  if (max === 0 || (max >= 2 ** -SAFE_EXPONENT && max <= 2 ** SAFE_EXPONENT)) return 0;
  return Math.floor(Math.log2(max));
}

/**
 * x·2^k, exactly (two factors, so that neither overflows for |k| ≤ 2098).
 *
 * @internal
 */
export function timesPowerOfTwo(x: number, k: number): number {
  if (k === 0) return x;
  const a = Math.trunc(k / 2);
  return x * 2 ** a * 2 ** (k - a);
}

/**
 * The mean of per-context values, optionally weighted (e.g. by how often
 * each context occurs), with a two-sided Student-t interval over contexts:
 * x̄_w = Σ w_j x_j / W (W = Σ w_j), SE² = n/(n − 1)·Σ_j (w_j/W)²(x_j − x̄_w)²,
 * interval x̄_w ± t_{(1+level)/2, n−1}·SE. With equal weights this is the
 * interval of {@link meanInterval}. Contexts with weight 0 are left out.
 * Weights and values near the ends of the double range (beyond 2^±120, e.g.
 * 1e308 or 5e-324) are scaled by powers of two, so the mean stays finite and
 * exact to rounding; only an interval wider than the double range becomes
 * (−∞, +∞).
 *
 * @param values - Per-context values (finite).
 * @param options - `weights` (≥ 0, same length; default all 1), `level` in (0, 1) (default 0.95).
 * @returns `{ mean, lower, upper, se, n, level }`.
 * @throws {ParameterRangeError} / {ParameterTypeError} for empty or non-finite input, bad weights or level.
 *
 * @example
 * ```ts
 * contextMeanInterval([1, 2, 3, 4]); // => { mean: 2.5, lower: 0.445739743239, upper: 4.55426025676, n: 4 }
 * contextMeanInterval([1, 3], { weights: [3, 1] }); // => { mean: 1.5, se: 0.75, n: 2 }
 * ```
 */
export function contextMeanInterval(values: ArrayLike<number>, options?: { weights?: ArrayLike<number>; level?: number }): ContextMeanInterval {
  const o = options === undefined ? {} : checkOptions<{ weights?: ArrayLike<number>; level?: number }>('options', options);
  const level = o.level === undefined ? DEFAULT_CONFIDENCE_LEVEL : checkNumber('level', o.level, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number') throw new ParameterTypeError('values', values, 'an array of finite numbers');
  const n0 = values.length;
  const w = o.weights;
  if (w !== undefined && (typeof w !== 'object' || w === null || w.length !== n0)) {
    throw new ParameterRangeError('weights', w, `an array of ${n0} numbers >= 0 (one per value)`);
  }
  let n = 0;
  let wMax = 0;
  let xMax = 0;
  for (let j = 0; j < n0; j++) {
    const x = values[j];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new ParameterRangeError(`values[${j}]`, x, 'a finite number');
    const wj = w === undefined ? 1 : w[j];
    if (typeof wj !== 'number' || !(wj >= 0 && wj < Infinity)) throw new ParameterRangeError(`weights[${j}]`, wj, 'a finite number >= 0');
    if (wj === 0) continue;
    if (wj > wMax) wMax = wj;
    if (Math.abs(x) > xMax) xMax = Math.abs(x);
    n++;
  }
  if (n === 0) throw new ParameterRangeError('values', values, 'at least one value with a positive weight');
  // w·x and (w·(x − x̄))² overflow near 1e308 (and underflow near 5e-324): scale by powers of two (exact, a no-op in between).
  const kw = -scaleExponent(wMax);
  const kx = -scaleExponent(xMax);
  let sumW = 0;
  let sumWX = 0;
  for (let j = 0; j < n0; j++) {
    const w0 = w === undefined ? 1 : w[j];
    if (w0 === 0) continue;
    const wj = timesPowerOfTwo(w0, kw);
    sumW += wj;
    sumWX += wj * timesPowerOfTwo(values[j], kx);
  }
  const mean = sumWX / sumW;
  let d2 = 0;
  for (let j = 0; j < n0; j++) {
    const w0 = w === undefined ? 1 : w[j];
    if (w0 === 0) continue;
    const d = timesPowerOfTwo(w0, kw) * (timesPowerOfTwo(values[j], kx) - mean);
    d2 += d * d;
  }
  const r = intervalFrom(sumW, sumWX, d2, n, level);
  if (kx === 0) return r;
  return { ...r, mean: timesPowerOfTwo(r.mean, -kx), lower: timesPowerOfTwo(r.lower, -kx), upper: timesPowerOfTwo(r.upper, -kx), se: timesPowerOfTwo(r.se, -kx) };
}

/**
 * Summarises per-context values stored as `sums[j·G + g]` over `present[j·G + g]`
 * runs (a context enters generation g's averages when present > 0).
 *
 * @internal
 */
export function summarizeContexts(
  sums: Float64Array,
  present: Int32Array | Float64Array,
  c: number,
  G: number,
  weights: ArrayLike<number>,
  level: number,
): ContextSeries {
  const n = c * G;
  const values = new Float64Array(n);
  const change = new Float64Array(n);
  for (let j = 0; j < c; j++) {
    const base = j * G;
    const k0 = present[base];
    const first = k0 === 0 ? NaN : sums[base] / k0;
    for (let g = 0; g < G; g++) {
      const k = present[base + g];
      const v = k === 0 ? NaN : sums[base + g] / k;
      values[base + g] = v;
      change[base + g] = v - first;
    }
  }
  const levels = summarize(c, G, weights, level, values);
  return { weighted: levels.weighted, unweighted: levels.unweighted, change: summarize(c, G, weights, level, change) };
}

/** Weighted and unweighted summaries of values[j·G + g], contexts with NaN left out. */
function summarize(
  c: number,
  G: number,
  weights: ArrayLike<number>,
  level: number,
  values: Float64Array,
): { weighted: IntervalSeries; unweighted: IntervalSeries } {
  const make = (): IntervalSeries => ({ mean: new Float64Array(G), lower: new Float64Array(G), upper: new Float64Array(G), contexts: new Int32Array(G) });
  const weighted = make();
  const unweighted = make();
  const x = new Float64Array(c);
  for (let g = 0; g < G; g++) {
    let sw = 0;
    let swx = 0;
    let sx = 0;
    let n = 0;
    let nw = 0;
    for (let j = 0; j < c; j++) {
      const v = values[j * G + g];
      x[j] = v;
      if (Number.isNaN(v)) continue;
      const w = weights[j];
      if (w > 0) nw++;
      sw += w;
      swx += w * v;
      sx += v;
      n++;
    }
    const none = (series: IntervalSeries): void => {
      // no context has a value (or a positive weight) at this generation: mean 0, infinite interval, contexts 0
      series.mean[g] = 0;
      series.lower[g] = -Infinity;
      series.upper[g] = Infinity;
    };
    if (n === 0) {
      none(weighted);
      none(unweighted);
      continue;
    }
    const mw = sw > 0 ? swx / sw : 0;
    const mu = sx / n;
    let dw = 0;
    let du = 0;
    for (let j = 0; j < c; j++) {
      const v = x[j];
      if (Number.isNaN(v)) continue;
      const a = weights[j] * (v - mw);
      dw += a * a;
      du += (v - mu) * (v - mu);
    }
    const iu = intervalFrom(n, sx, du, n, level);
    unweighted.mean[g] = iu.mean;
    unweighted.lower[g] = iu.lower;
    unweighted.upper[g] = iu.upper;
    unweighted.contexts[g] = n;
    if (sw > 0) {
      const iw = intervalFrom(sw, swx, dw, nw, level);
      weighted.mean[g] = iw.mean;
      weighted.lower[g] = iw.lower;
      weighted.upper[g] = iw.upper;
      weighted.contexts[g] = nw;
    } else none(weighted);
  }
  return { weighted, unweighted };
}
