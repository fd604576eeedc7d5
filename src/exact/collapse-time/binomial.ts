/**
 * Binomial building blocks of the exact collapse-time solver
 * (`./index.ts`): Loader's saddle-point pmf, pmf rows written by a
 * multiplicative recurrence re-anchored on Loader's value, and rigorous
 * Chernoff windows that bound the mass a truncated row leaves out.
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * Reference: C. Loader (2000), "Fast and accurate computation of binomial
 * probabilities" (the algorithm of R's `dbinom`).
 *
 * @module
 */

/** stirlerr(k) = log k! − [(k + ½) log k − k + ½ log 2π] for k = 0…15 (stirlerr(0) := 0). */
const STIRLERR_TABLE = new Float64Array([
  0, 0.081061466795327258, 0.041340695955409294, 0.027677925684998339, 0.020790672103765093,
  0.016644691189821192, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
  0.0092554621827127329, 0.0083305634333628713, 0.0075736754879518408, 0.0069428401072095299,
  0.0064089941880042071, 0.0059513701127588477, 0.0055547335519628014,
]);

const TWO_PI = 2 * Math.PI;

/**
 * The Stirling-series remainder stirlerr(k) = log k! − [(k + ½)·log k − k + ½·log 2π]
 * for an integer k ≥ 0 (0 at k = 0): table below 16, else the series
 * 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷) + 1/(1188k⁹), truncation error < 2e-16 for k ≥ 16.
 *
 * @example
 * ```ts
 * stirlerr(1); // => 0.0810614667953
 * stirlerr(1000); // => 8.33333305556e-5
 * ```
 */
export function stirlerr(k: number): number {
  if (k < 16) return STIRLERR_TABLE[k];
  const z = 1 / (k * k);
  return (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z * (1 / 1680 - z / 1188)))) / k;
}

/**
 * Loader's deviance term bd0(x, M) = x·log(x/M) + M − x ≥ 0, computed without
 * cancellation when x ≈ M (series in v = (x − M)/(x + M)).
 *
 * @example
 * ```ts
 * bd0(10, 10); // => 0
 * bd0(3, 5); // => 0.467523128702
 * ```
 */
export function bd0(x: number, M: number): number {
  if (x === 0) return M;
  if (Math.abs(x - M) < 0.1 * (x + M)) {
    let v = (x - M) / (x + M);
    let s = (x - M) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / M) + M - x;
}

/**
 * Binomial pmf P(X = k), X ~ Bin(n, x), by Loader's saddle-point formula
 * (relative error a few ulp times (1 + |log P|)); `y = 1 − x` is passed so the
 * caller can give it exactly (e.g. (n − k)/n).
 *
 * @example
 * ```ts
 * binomialPmf(1, 2, 0.5, 0.5); // => 0.5
 * binomialPmf(5000, 10000, 0.5, 0.5); // => 0.00797864613938
 * ```
 */
export function binomialPmf(k: number, n: number, x: number, y: number): number {
  if (x === 0) return k === 0 ? 1 : 0;
  if (y === 0) return k === n ? 1 : 0;
  if (k === 0) return x < 0.1 ? Math.exp(-bd0(n, n * y) - n * x) : Math.exp(n * Math.log1p(-x));
  if (k === n) return y < 0.1 ? Math.exp(-bd0(n, n * x) - n * y) : Math.exp(n * Math.log(x));
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * x) - bd0(n - k, n * y);
  // 1/sqrt(2π k (n − k)/n) from the exact integer k(n − k): a few ulp (a log-space form
  // log 2π + log k + log(n − k) − log n would cancel to ~1e-15 absolute).
  return Math.exp(lc) / Math.sqrt((TWO_PI * (k * (n - k))) / n);
}

/** Steps of the multiplicative recurrence between two re-anchorings on {@link binomialPmf}. */
export const PMF_ANCHOR_STEPS = 32;

/**
 * Writes P(X = l), X ~ Bin(n, x), for l = lo..hi into `out[offset + l − lo]`:
 * Loader's value at the mode (clamped to [lo, hi]) and every
 * {@link PMF_ANCHOR_STEPS} entries, the ratio recurrence
 * P(l + 1) = P(l)·(n − l)x/((l + 1)y) in between, walking away from the mode.
 * Relative error per entry ≤ (3·PMF_ANCHOR_STEPS + 90)·2⁻⁵³ for entries above 1e-300.
 *
 * @example
 * ```ts
 * const row = new Float64Array(3);
 * binomialPmfRow(4, 0.5, 0.5, 1, 3, row, 0);
 * Array.from(row); // => [0.25, 0.375, 0.25]
 * ```
 */
export function binomialPmfRow(
  n: number,
  x: number,
  y: number,
  lo: number,
  hi: number,
  out: Float64Array,
  offset: number,
): void {
  let mode = Math.floor((n + 1) * x);
  if (mode > n) mode = n;
  if (mode < lo) mode = lo;
  if (mode > hi) mode = hi;
  const base = offset - lo;
  const ratio = x / y;
  let v = binomialPmf(mode, n, x, y);
  out[base + mode] = v;
  let since = 0;
  for (let l = mode; l < hi; l++) {
    if (++since === PMF_ANCHOR_STEPS) {
      v = binomialPmf(l + 1, n, x, y);
      since = 0;
    } else {
      v *= (ratio * (n - l)) / (l + 1);
    }
    out[base + l + 1] = v;
  }
  v = out[base + mode];
  since = 0;
  const inv = y / x;
  for (let l = mode; l > lo; l--) {
    if (++since === PMF_ANCHOR_STEPS) {
      v = binomialPmf(l - 1, n, x, y);
      since = 0;
    } else {
      v *= (inv * l) / (n - l + 1);
    }
    out[base + l - 1] = v;
  }
}

/**
 * n·KL(j/n ‖ x) = bd0(j, n x) + bd0(n − j, n y): the Chernoff exponent of
 * P(X ≥ j) (j ≥ n x) or P(X ≤ j) (j ≤ n x) for X ~ Bin(n, x).
 */
function chernoffExponent(j: number, n: number, x: number, y: number): number {
  return bd0(j, n * x) + bd0(n - j, n * y);
}

/** A window [lo, hi] of a binomial row and rigorous bounds on the mass outside it. */
export interface BinomialWindow {
  lo: number;
  hi: number;
}

/**
 * The narrowest window [lo, hi] ⊆ [minIndex, maxIndex] around the mean of
 * Bin(n, x) such that each tail outside it is ≤ e^(−L) by the Chernoff bound
 * P(X ≥ j) ≤ exp(−n·KL(j/n ‖ x)) (and the symmetric lower bound); when a tail
 * bound never falls below e^(−L) inside the range, the window runs to the range end
 * (that side then drops nothing). A safety margin of 1e-9·(1 + L) on the exponent
 * covers its rounding.
 *
 * @example
 * ```ts
 * chernoffWindow(100, 0.5, 0.5, 20, 1, 99); // => { lo: 20, hi: 80 }
 * ```
 */
export function chernoffWindow(
  n: number,
  x: number,
  y: number,
  L: number,
  minIndex: number,
  maxIndex: number,
): BinomialWindow {
  const need = L * (1 + 1e-9) + 1e-9;
  const mean = n * x;
  // Upper side: smallest j in (mean, maxIndex + 1] with exponent(j) >= need; hi = j − 1.
  let hi = maxIndex;
  {
    let a = Math.max(Math.floor(mean) + 1, minIndex);
    let b = maxIndex + 1;
    if (a <= b && b <= n && chernoffExponent(b, n, x, y) >= need) {
      // invariant: exponent(b) >= need; find the smallest such j in [a, b]
      while (a < b) {
        const mid = Math.floor((a + b) / 2);
        if (chernoffExponent(mid, n, x, y) >= need) b = mid;
        else a = mid + 1;
      }
      hi = Math.min(maxIndex, Math.max(minIndex, b - 1));
    }
  }
  let lo = minIndex;
  {
    let a = minIndex - 1;
    let b = Math.min(Math.ceil(mean) - 1, maxIndex);
    if (a >= 0 && a <= b && chernoffExponent(a, n, x, y) >= need) {
      // largest j in [a, b] with exponent(j) >= need; lo = j + 1
      while (a < b) {
        const mid = Math.ceil((a + b) / 2);
        if (chernoffExponent(mid, n, x, y) >= need) a = mid;
        else b = mid - 1;
      }
      lo = Math.max(minIndex, Math.min(maxIndex, a + 1));
    }
  }
  if (lo > hi) lo = hi;
  return { lo, hi };
}
