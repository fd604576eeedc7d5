/**
 * Summaries of Monte Carlo output: the mean with a Student-t confidence
 * interval, empirical quantiles, a Wilson interval for a proportion (e.g. the
 * collapse probability ρ_m), and the empirical law of the collapse time T
 * under censoring at the simulated horizon.
 *
 * @module
 */
import { normalQuantileUnchecked, tQuantileUnchecked } from '../numeric/quantiles.ts';
import { checkInteger, checkNumber, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';

/** Default confidence level of every interval of the simulator: 0.95. */
export const DEFAULT_CONFIDENCE_LEVEL: number = 0.95;

/** A mean with its two-sided confidence interval. */
export interface MeanInterval {
  /** Sample mean. */
  mean: number;
  /** Lower end: mean − t·sd/√n (−Infinity when n = 1). */
  lower: number;
  /** Upper end: mean + t·sd/√n (+Infinity when n = 1). */
  upper: number;
  /** Sample standard deviation (denominator n − 1; 0 when n = 1). */
  sd: number;
  /** Number of values. */
  n: number;
  /** Confidence level of the interval. */
  level: number;
}

/** Options of {@link meanInterval}. */
export interface IntervalOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  level?: number;
}

function readLevel(options: unknown): number {
  if (options === undefined) return DEFAULT_CONFIDENCE_LEVEL;
  const o = checkOptions<IntervalOptions>('options', options);
  if (o.level === undefined) return DEFAULT_CONFIDENCE_LEVEL;
  return checkNumber('level', o.level, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
}

/**
 * Two-sided Student-t critical value t_{(1+level)/2, df}.
 *
 * @internal
 */
export function criticalT(level: number, df: number): number {
  const p = 0.5 + level / 2;
  // Within 2⁻⁵³ of 1, p rounds to 1 (an infinite quantile): use the lower tail (1 − level)/2, exact.
  return p < 1 ? tQuantileUnchecked(p, df) : -tQuantileUnchecked((1 - level) / 2, df);
}

/** Two-sided normal critical value z_{(1+level)/2} (lower tail used where (1+level)/2 rounds to 1). */
function criticalZ(level: number): number {
  const p = 0.5 + level / 2;
  return p < 1 ? normalQuantileUnchecked(p) : -normalQuantileUnchecked((1 - level) / 2);
}

/**
 * Half-width of the t interval from a count, mean and sum of squared
 * deviations (Welford's M2). n = 1: Infinity; M2 = 0: 0.
 *
 * @internal
 */
export function tHalfWidth(n: number, m2: number, level: number): number {
  if (n < 2) return Infinity;
  if (!(m2 > 0)) return 0;
  const sd = Math.sqrt(m2 / (n - 1));
  return (criticalT(level, n - 1) * sd) / Math.sqrt(n);
}

function readValues(name: string, values: unknown): ArrayLike<number> {
  if (typeof values !== 'object' || values === null || typeof (values as ArrayLike<number>).length !== 'number') {
    throw new ParameterTypeError(name, values, 'an array of finite numbers');
  }
  const v = values as ArrayLike<unknown>;
  if (v.length === 0) throw new ParameterRangeError(name, values, 'a non-empty array of finite numbers');
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw new ParameterTypeError(`${name}[${i}]`, x, 'a finite number');
    if (!Number.isFinite(x)) throw new ParameterRangeError(`${name}[${i}]`, x, 'a finite number');
  }
  return v as ArrayLike<number>;
}

/**
 * The sample mean with a two-sided Student-t confidence interval,
 * mean ± t_{(1+level)/2, n−1}·sd/√n (sd with denominator n − 1), the interval
 * used for every per-generation summary of {@link simulate}. Degenerate
 * cases: n = 1 gives (−∞, +∞) (no information on the spread); zero sample
 * variance gives the point interval [mean, mean]. The mean is accumulated with
 * Welford's update, the same as the simulator's, so both agree bit for bit.
 * Values near the double range (|x| ~ 1e308) are rescaled, so mean and sd stay
 * finite; only an interval wider than the double range becomes (−∞, +∞).
 *
 * @param values - Finite numbers (at least one).
 * @param options - `level` in (0, 1), default 0.95.
 * @returns `{ mean, lower, upper, sd, n, level }`.
 * @throws {ParameterRangeError} / {ParameterTypeError} for empty or non-finite input or a bad level.
 *
 * @example
 * ```ts
 * meanInterval([1, 2, 3, 4]); // => { mean: 2.5, lower: 0.445739743239, upper: 4.55426025676, n: 4 }
 * meanInterval([3, 3, 3]); // => { mean: 3, lower: 3, upper: 3 }
 * meanInterval([7]); // => { mean: 7, lower: -Infinity, upper: Infinity }
 * ```
 */
export function meanInterval(values: ArrayLike<number>, options?: IntervalOptions): MeanInterval {
  const v = readValues('values', values);
  const level = readLevel(options);
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  let scale = 1;
  if (!Number.isFinite(mean) || !Number.isFinite(m2)) {
    // Values near the double range (|x| ~ 1e308): x − mean or the sum of squares overflowed.
    // Redo Welford on x/scale; mean, sd and half-width are then scaled back (only the
    // half-width can still overflow, honestly, to Infinity).
    scale = 0;
    for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]));
    let ms = 0;
    let m2s = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] / scale;
      const d = x - ms;
      ms += d / (i + 1);
      m2s += d * (x - ms);
    }
    mean = ms * scale;
    m2 = m2s;
  }
  const n = v.length;
  const half = tHalfWidth(n, m2, level) * scale;
  return {
    mean,
    lower: half === 0 ? mean : mean - half,
    upper: half === 0 ? mean : mean + half,
    sd: n < 2 || !(m2 > 0) ? 0 : Math.sqrt(m2 / (n - 1)) * scale,
    n,
    level,
  };
}

/**
 * Empirical quantiles with linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R's `quantile` and numpy's
 * `np.quantile`): for sorted x_(1) ≤ … ≤ x_(n), h = (n − 1)q,
 * Q(q) = x_(⌊h⌋+1) + (h − ⌊h⌋)(x_(⌊h⌋+2) − x_(⌊h⌋+1)).
 *
 * @param values - Finite numbers (at least one); not modified.
 * @param probs - One probability or an array of probabilities in [0, 1].
 * @returns A `Float64Array` of quantiles, one per probability.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid input.
 *
 * @example
 * ```ts
 * quantiles([1, 2, 3, 4], [0, 0.5, 0.9, 1]); // => Float64Array [1, 2.5, 3.7, 4]
 * quantiles([5, 1, 3], 0.5); // => Float64Array [3]
 * ```
 */
export function quantiles(values: ArrayLike<number>, probs: number | ArrayLike<number>): Float64Array {
  const v = Float64Array.from(readValues('values', values)).sort();
  const qs = typeof probs === 'number' ? [probs] : readValues('probs', probs);
  const out = new Float64Array(qs.length);
  const n = v.length;
  for (let k = 0; k < qs.length; k++) {
    const q = checkNumber(typeof probs === 'number' ? 'probs' : `probs[${k}]`, qs[k], { min: 0, max: 1 });
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    const f = h - lo;
    const d = v[hi] - v[lo];
    // the difference overflows for values of opposite signs near ±1.8e308: interpolate as a weighted mean
    out[k] = f === 0 ? v[lo] : Number.isFinite(d) ? v[lo] + f * d : (1 - f) * v[lo] + f * v[hi];
  }
  return out;
}

/** A proportion with its confidence interval. */
export interface ProportionInterval {
  /** successes / trials. */
  estimate: number;
  /** Lower end of the Wilson score interval. */
  lower: number;
  /** Upper end of the Wilson score interval. */
  upper: number;
  /** Confidence level. */
  level: number;
}

/**
 * The Wilson score interval for a binomial proportion (e.g. the collapse
 * probability ρ_m = P(‖p^(m)‖∞ = 1) of Theorem 1, eq. 7, from the fraction of
 * collapsed runs): with z = Φ⁻¹((1+level)/2), p̂ = k/n,
 * (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Unlike the t interval it
 * stays informative at p̂ = 0 or 1.
 *
 * @param successes - Number of successes k, an integer in [0, trials].
 * @param trials - Number of trials n ≥ 1.
 * @param options - `level` in (0, 1), default 0.95.
 * @returns `{ estimate, lower, upper, level }`, with 0 ≤ lower ≤ estimate ≤ upper ≤ 1.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid counts or level.
 *
 * @example
 * ```ts
 * proportionInterval(50, 100); // => { estimate: 0.5, lower: 0.40383153, upper: 0.59616847 }
 * proportionInterval(0, 20); // => { estimate: 0, lower: 0, upper: 0.161125158 }
 * ```
 */
export function proportionInterval(successes: number, trials: number, options?: IntervalOptions): ProportionInterval {
  const n = checkInteger('trials', trials, { min: 1 });
  const k = checkInteger('successes', successes, { min: 0, max: n });
  const level = readLevel(options);
  const z = criticalZ(level);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = p + z2n / 2;
  const half = z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  const denom = 1 + z2n;
  return {
    estimate: p,
    lower: k === 0 ? 0 : Math.max(0, (centre - half) / denom),
    upper: k === n ? 1 : Math.min(1, (centre + half) / denom),
    level,
  };
}

/** Largest `horizon` of {@link summarizeCollapseTimes}: its vectors of horizon + 1 doubles stay under 1 GB each. */
const MAX_HORIZON = 1e8;

/** The empirical law of the collapse time T under censoring (see {@link summarizeCollapseTimes}). */
export interface CollapseTimeSummary {
  /** Number of runs. */
  runs: number;
  /** Runs that collapsed within the horizon. */
  observed: number;
  /** Runs still not collapsed at the horizon (T > horizon). */
  censored: number;
  /** censored / runs. */
  censoredFraction: number;
  /** The horizon (last simulated generation). */
  horizon: number;
  /** survival[m] = P̂(T > m), m = 0…horizon (survival[0] = 1 since T ≥ 1). */
  survival: Float64Array;
  /** probability[m] = P̂(T = m), m = 0…horizon (probability[0] = 0). */
  probability: Float64Array;
  /** Mean of T over the observed runs, with its t interval; null when none collapsed. */
  meanObserved: MeanInterval | null;
  /**
   * Restricted mean Σ_{m=0}^{horizon} P̂(T > m) = mean of min(T, horizon + 1):
   * equals the mean of T when nothing is censored, a lower bound of it otherwise.
   */
  restrictedMean: number;
  /** Smallest m with P̂(T ≤ m) ≥ 1/2, or null when more than half the runs are censored. */
  median: number | null;
}

/**
 * The empirical distribution of the collapse time T = min{m ≥ 1 : ‖p^(m)‖∞ = 1}
 * (Theorem 1, eq. 8) from simulated runs, with right censoring at the horizon
 * (`null` = not collapsed by then): survival function, point probabilities,
 * the mean over observed runs (biased low when runs are censored — see
 * `censoredFraction`), the restricted mean and the median.
 *
 * @param times - One entry per run: T (an integer in [1, horizon]) or `null` when censored.
 * @param options - `horizon` (the number of simulated generations, in [1, 10^8]: the summary holds
 *   vectors of horizon + 1 doubles) and `level` for the mean's interval.
 * @returns The summary.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid times or horizon.
 *
 * @example
 * ```ts
 * const summary = summarizeCollapseTimes([2, 3, null, 3], { horizon: 5 });
 * summary; // => { observed: 3, censored: 1, censoredFraction: 0.25, restrictedMean: 3.5, median: 3 }
 * Array.from(summary.survival); // => [1, 1, 0.75, 0.25, 0.25, 0.25]
 * summary.meanObserved?.mean; // => 2.66666666667
 * ```
 */
export function summarizeCollapseTimes(
  times: ArrayLike<number | null>,
  options: { horizon: number; level?: number },
): CollapseTimeSummary {
  const o = checkOptions<{ horizon: number; level?: number }>('options', options);
  const horizon = checkInteger('horizon', o.horizon, { min: 1, max: MAX_HORIZON });
  const level = readLevel({ level: o.level });
  if (typeof times !== 'object' || times === null || typeof (times as ArrayLike<unknown>).length !== 'number') {
    throw new ParameterTypeError('times', times, 'an array of integers in [1, horizon] or null');
  }
  const runs = times.length;
  if (runs === 0) throw new ParameterRangeError('times', times, 'a non-empty array');
  const hits = new Float64Array(horizon + 1);
  const observedTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = times[r];
    if (t === null) continue;
    checkInteger(`times[${r}]`, t, { min: 1, max: horizon });
    hits[t]++;
    observedTimes.push(t);
  }
  const observed = observedTimes.length;
  const survival = new Float64Array(horizon + 1);
  const probability = new Float64Array(horizon + 1);
  let alive = runs;
  let restricted = 0;
  let median: number | null = null;
  for (let m = 0; m <= horizon; m++) {
    alive -= hits[m];
    probability[m] = hits[m] / runs;
    survival[m] = alive / runs;
    restricted += survival[m];
    if (median === null && 2 * alive <= runs) median = m;
  }
  // survival[0] = 1: T ≥ 1 (hits[0] = 0)
  return {
    runs,
    observed,
    censored: runs - observed,
    censoredFraction: (runs - observed) / runs,
    horizon,
    survival,
    probability,
    meanObserved: observed === 0 ? null : meanInterval(observedTimes, { level }),
    restrictedMean: restricted,
    median,
  };
}
