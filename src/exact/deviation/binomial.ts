/**
 * Binomial probabilities for the exact deviation engine, in log space
 * (Loader's saddle-point form, as in R's `dbinom`): never n!/(k!(n−k)!)·p^k·q^{n−k}
 * evaluated naively. Rows of the pmf are filled outward from the mode by the
 * ratio recurrence, re-anchored on the saddle-point value every
 * {@link REANCHOR} steps, and truncated where the pmf drops below a cut-off,
 * with a rigorous geometric bound on the mass dropped in each tail.
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */

/**
 * stirlerr(k) = ln k! − [(k + ½) ln k − k + ½ ln 2π] for k = 0…15 (k = 0: 0,
 * unused). Values from R's `sferr_halves` (integers only).
 */
const STIRLERR_TABLE = new Float64Array([
  0, 0.0810614667953272582196702, 0.0413406959554092940938221, 0.02767792568499833914878929,
  0.02079067210376509311152277, 0.01664469118982119216319487, 0.01387612882307074799874573,
  0.01189670994589177009505572, 0.010411265261972096497478567, 0.009255462182712732917728637,
  0.008330563433362871256469318, 0.007573675487951840794972024, 0.006942840107209529865664152,
  0.006408994188004207068439631, 0.005951370112758847735624416, 0.00555473355196280137103869,
]);

const LN_2PI = 1.8378770664093454835606594728112;

/**
 * The Stirling remainder stirlerr(k) = ln k! − [(k + ½) ln k − k + ½ ln 2π] for
 * an integer k ≥ 1: exact table below 16, else the asymptotic series to 1/(1188 k⁹),
 * whose truncation error is below 6e-17 for k ≥ 16.
 *
 * @example
 * ```ts
 * stirlerr(1); // => 0.0810614667953
 * stirlerr(100); // => 0.000833330555635
 * ```
 */
export function stirlerr(k: number): number {
  if (k < 16) return STIRLERR_TABLE[k];
  const z = 1 / (k * k);
  return (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z * (1 / 1680 - z / 1188)))) / k;
}

/**
 * The deviance term bd0(x, m) = x ln(x/m) + m − x ≥ 0, accurate when x ≈ m
 * (series in v = (x − m)/(x + m)), Loader (2000).
 *
 * @example
 * ```ts
 * bd0(10, 10); // => 0
 * bd0(5, 10); // => 1.53426409720
 * ```
 */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * ln P(X = k) for X ~ Binomial(n, p), with q = 1 − p passed separately so
 * that both can be exact ratios of integers. Saddle-point form:
 * ln pmf = stirlerr(n) − stirlerr(k) − stirlerr(n − k) − bd0(k, np) − bd0(n − k, nq)
 * − ½ ln(2π k (n − k)/n). Relative error of exp(·) a few units of 1e-16.
 *
 * @example
 * ```ts
 * Math.exp(logBinomialPmf(3, 10, 0.5, 0.5)); // => 0.1171875
 * logBinomialPmf(0, 1e9, 1e-9, 1 - 1e-9); // => -1.0000000005
 * ```
 */
export function logBinomialPmf(k: number, n: number, p: number, q: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (q === 0) return k === n ? 0 : -Infinity;
  if (k === 0) return n === 0 ? 0 : p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  if (k === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return lc - 0.5 * lf;
}

/** A truncated row of Binomial(n, p) probabilities. */
export interface BinomialRow {
  /** First k kept. */
  start: number;
  /** P(X = start + j) for j = 0…length − 1. */
  values: Float64Array;
  /** Rigorous upper bound on the probability mass dropped (both tails together). */
  dropped: number;
}

/** Steps of the ratio recurrence between saddle-point re-anchorings. */
export const REANCHOR = 32;

/**
 * Binomial(n, p) probabilities from the mode outward, kept while ≥ `cutoff`;
 * `dropped` bounds the mass of everything not kept. Beyond the mode the ratio
 * P(k+1)/P(k) = (n−k)p/((k+1)q) decreases in k, so a tail starting at a value v
 * with ratio r < 1 has mass ≤ v/(1 − r) (likewise downward).
 *
 * @example
 * ```ts
 * const row = binomialRow(10, 0.5, 0.5, 0);
 * row.values.length; // => 11
 * row.dropped; // => 0
 * ```
 */
export function binomialRow(n: number, p: number, q: number, cutoff: number): BinomialRow {
  if (p === 0 || n === 0) return { start: 0, values: Float64Array.of(1), dropped: 0 };
  if (q === 0) return { start: n, values: Float64Array.of(1), dropped: 0 };
  let mode = Math.floor((n + 1) * p);
  if (mode > n) mode = n;
  const odds = p / q;
  const inverseOdds = q / p;
  const modeValue = Math.exp(logBinomialPmf(mode, n, p, q));
  // Upward from the mode into the scratch buffer (index j holds P(mode + j)).
  let up = 0;
  let droppedUp = 0;
  {
    let v = modeValue;
    let k = mode;
    let sinceAnchor = 0;
    let buffer = upScratch;
    while (k < n) {
      const r = ((n - k) / (k + 1)) * odds;
      k++;
      if (++sinceAnchor === REANCHOR) {
        sinceAnchor = 0;
        v = Math.exp(logBinomialPmf(k, n, p, q));
      } else v *= r;
      if (v < cutoff) {
        // Beyond the mode the ratio decreases: the tail from k is ≤ P(k)/(1 − r_k).
        const rNext = k < n ? ((n - k) / (k + 1)) * odds : 0;
        const exact = Math.exp(logBinomialPmf(k, n, p, q));
        droppedUp = rNext < 1 ? Math.max(v, exact) / (1 - rNext) : 1;
        break;
      }
      up++;
      if (up >= buffer.length) buffer = upScratch = grown(buffer, up + 1);
      buffer[up] = v;
    }
  }
  let down = 0;
  let droppedDown = 0;
  {
    let v = modeValue;
    let k = mode;
    let sinceAnchor = 0;
    let buffer = downScratch;
    while (k > 0) {
      const r = (k / (n - k + 1)) * inverseOdds;
      k--;
      if (++sinceAnchor === REANCHOR) {
        sinceAnchor = 0;
        v = Math.exp(logBinomialPmf(k, n, p, q));
      } else v *= r;
      if (v < cutoff) {
        const rNext = k > 0 ? (k / (n - k + 1)) * inverseOdds : 0;
        const exact = Math.exp(logBinomialPmf(k, n, p, q));
        droppedDown = rNext < 1 ? Math.max(v, exact) / (1 - rNext) : 1;
        break;
      }
      down++;
      if (down >= buffer.length) buffer = downScratch = grown(buffer, down + 1);
      buffer[down] = v;
    }
  }
  const values = new Float64Array(down + 1 + up);
  for (let j = 1; j <= down; j++) values[down - j] = downScratch[j];
  values[down] = modeValue;
  if (up > 0) values.set(upScratch.subarray(1, up + 1), down + 1);
  return { start: mode - down, values, dropped: droppedUp + droppedDown };
}

let upScratch: Float64Array<ArrayBuffer> = new Float64Array(1024);
let downScratch: Float64Array<ArrayBuffer> = new Float64Array(1024);

/** A copy of `a` with room for at least `size` entries. */
function grown(a: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
}
