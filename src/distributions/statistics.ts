/**
 * Statistics of one distribution (paper §3): the dispersion σ = ‖p‖₂², the
 * largest probability ‖p‖∞, the L1 and total-variation distances, the entropy,
 * the support size and the Dirac test.
 *
 * Two layers:
 * - **checked** functions (`sigma`, `maxProb`, `l1Distance`, `tvDistance`,
 *   `entropy`, `supportSize`, `isDirac`) take probability vectors and validate
 *   them with `checkProbabilityVector` (finite entries ≥ 0 summing to 1 within
 *   `PROBABILITY_SUM_TOLERANCE`). The statistic is that of the normalised
 *   vector p/Σp, with Σp taken by a compensated sum, so an input that sums to
 *   1 only up to rounding does not bias the result;
 * - **unchecked** kernels (`…Unchecked`, `…FromCounts`) validate nothing,
 *   allocate nothing and accept any array-like, for the simulator's hot loop,
 *   which keeps integer counts rather than probabilities.
 *
 * Sums use Neumaier compensation, so results for s up to 1e7 are accurate to
 * a few ulps rather than s·ε.
 *
 * @module
 */
import { checkOptions, checkProbabilityVector, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { compensatedSum } from './summation.ts';

// ---------------------------------------------------------------------------
// Unchecked kernels
// ---------------------------------------------------------------------------

/**
 * Σ x_i² without validation (compensated). On a probability vector this is
 * σ = ‖p‖₂²; see {@link sigma}.
 *
 * @param p - any array-like of finite numbers.
 * @returns Σ p_i².
 *
 * @example
 * ```ts
 * sigmaUnchecked([0.5, 0.25, 0.25]); // => 0.375
 * ```
 */
export function sigmaUnchecked(p: ArrayLike<number>): number {
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < p.length; i++) {
    const x = p[i] * p[i];
    const t = sum + x;
    comp += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}

/**
 * max_i x_i without validation (−Infinity for an empty array). On a
 * probability vector this is ‖p‖∞; see {@link maxProb}.
 *
 * @param p - any array-like of numbers.
 * @returns the largest entry.
 *
 * @example
 * ```ts
 * maxProbUnchecked([0.2, 0.5, 0.3]); // => 0.5
 * ```
 */
export function maxProbUnchecked(p: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < p.length; i++) if (p[i] > m) m = p[i];
  return m;
}

/**
 * Σ |p_i − q_i| over the common length, without validation (compensated).
 *
 * @param p - array-like of numbers.
 * @param q - array-like of numbers (same length expected; extra entries are ignored).
 * @returns ‖p − q‖₁.
 *
 * @example
 * ```ts
 * l1DistanceUnchecked([0.5, 0.5, 0], [0.25, 0.25, 0.5]); // => 1
 * ```
 */
export function l1DistanceUnchecked(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const s = Math.min(p.length, q.length);
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < s; i++) {
    const x = Math.abs(p[i] - q[i]);
    const t = sum + x;
    comp += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}

/**
 * −Σ p_i log p_i (0·log 0 = 0) without validation, in nats (`base = 'e'`) or
 * bits (`base = 2`).
 *
 * @param p - array-like of numbers ≥ 0 (entries ≤ 0 contribute 0).
 * @param base - `'e'` (default) or `2`.
 * @returns the entropy.
 *
 * @example
 * ```ts
 * entropyUnchecked([0.5, 0.5], 2); // => 1
 * ```
 */
export function entropyUnchecked(p: ArrayLike<number>, base: 'e' | 2 = 'e'): number {
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < p.length; i++) {
    const x = p[i];
    if (!(x > 0)) continue;
    const y = -x * Math.log(x);
    const t = sum + y;
    comp += Math.abs(sum) >= Math.abs(y) ? sum - t + y : y - t + sum;
    sum = t;
  }
  const h = sum + comp;
  const value = base === 2 ? h / Math.LN2 : h;
  return value === 0 ? 0 : value;
}

/**
 * Number of entries > 0, without validation (works on counts too).
 *
 * @param p - array-like of numbers.
 * @returns |{i : p_i > 0}|.
 *
 * @example
 * ```ts
 * supportSizeUnchecked([0, 3, 0, 1]); // => 2
 * ```
 */
export function supportSizeUnchecked(p: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) n++;
  return n;
}

/**
 * σ = ‖c/total‖₂² = Σ c_i² / total² for counts c_i (the paper's σ_m of the
 * empirical distribution p^(m) = c/n^(m), eq. 5), without validation.
 *
 * The numerator is summed in integers-as-doubles: exact while every c_i < 9.4e7
 * (c_i² < 2^53) and the sum stays below 2^53, so the result is then the
 * correctly rounded ratio (one division after one squaring of `total`).
 *
 * @param counts - non-negative counts (integers in the simulator).
 * @param total - Σ counts, > 0 (not recomputed).
 * @returns Σ (c_i/total)².
 *
 * @example
 * ```ts
 * sigmaFromCounts(Int32Array.of(2, 1, 1), 4); // => 0.375
 * ```
 */
export function sigmaFromCounts(counts: ArrayLike<number>, total: number): number {
  return sigmaUnchecked(counts) / (total * total);
}

/**
 * ‖c/total‖∞ = max_i c_i / total, without validation. For integer counts with
 * total < 2^53 the result is 1 exactly iff some count equals `total` (the
 * collapse event ‖p^(m)‖∞ = 1 of the paper's ρ_m and T, §3.1).
 *
 * @param counts - non-negative counts.
 * @param total - Σ counts, > 0.
 * @returns max_i c_i / total.
 *
 * @example
 * ```ts
 * // a Dirac mass (collapsed):
 * maxFromCounts([0, 10, 0], 10); // => 1
 * maxFromCounts([3, 7], 10); // => 0.7
 * ```
 */
export function maxFromCounts(counts: ArrayLike<number>, total: number): number {
  return maxProbUnchecked(counts) / total;
}

/**
 * ‖a/totalA − b/totalB‖₁ between two count vectors (e.g. the deviation
 * ‖p^(m) − p^(1)‖₁ of Theorem 3 / Figures 3–4), without validation.
 *
 * Computed as Σ |a_i·totalB − b_i·totalA| / (totalA·totalB): for integer
 * counts with totalA·totalB ≤ 2^52 every product and the sum are exact
 * integers, so the result is the correctly rounded value; otherwise the
 * compensated floating-point sum Σ |a_i/totalA − b_i/totalB| is used.
 *
 * @param countsA - first count vector.
 * @param totalA - Σ countsA, > 0.
 * @param countsB - second count vector (same length expected).
 * @param totalB - Σ countsB, > 0.
 * @returns the L1 distance between the two empirical distributions, in [0, 2].
 *
 * @example
 * ```ts
 * l1FromCounts([3, 1, 0], 4, [1, 1, 2], 4); // => 1
 * // 4/3:
 * l1FromCounts([1, 0], 1, [1, 2], 3); // => 1.3333333333333333
 * ```
 */
export function l1FromCounts(
  countsA: ArrayLike<number>,
  totalA: number,
  countsB: ArrayLike<number>,
  totalB: number,
): number {
  const s = Math.min(countsA.length, countsB.length);
  const denominator = totalA * totalB;
  if (denominator <= 2 ** 52 && Number.isInteger(totalA) && Number.isInteger(totalB)) {
    let sum = 0;
    let exact = true;
    for (let i = 0; i < s; i++) {
      const a = countsA[i];
      const b = countsB[i];
      if (!Number.isInteger(a) || !Number.isInteger(b)) {
        exact = false;
        break;
      }
      sum += Math.abs(a * totalB - b * totalA);
    }
    if (exact) return sum / denominator;
  }
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < s; i++) {
    const x = Math.abs(countsA[i] / totalA - countsB[i] / totalB);
    const t = sum + x;
    comp += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}

/**
 * ‖c/total − q‖₁ between a count vector and a probability vector (e.g. the
 * deviation ‖p^(m) − p^(0)‖₁ from the true distribution), without validation
 * (compensated).
 *
 * @param counts - count vector.
 * @param total - Σ counts, > 0.
 * @param q - probability vector (same length expected).
 * @returns Σ |c_i/total − q_i|.
 *
 * @example
 * ```ts
 * l1FromCountsToProb([2, 2, 0], 4, [0.25, 0.25, 0.5]); // => 1
 * ```
 */
export function l1FromCountsToProb(counts: ArrayLike<number>, total: number, q: ArrayLike<number>): number {
  const s = Math.min(counts.length, q.length);
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < s; i++) {
    const x = Math.abs(counts[i] / total - q[i]);
    const t = sum + x;
    comp += sum >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + comp;
}

// ---------------------------------------------------------------------------
// Checked, public statistics
// ---------------------------------------------------------------------------

/**
 * Validates a probability vector and returns it with its compensated total.
 * `checkProbabilityVector` rescales by a plainly summed total, which for s ~ 1e7
 * can be ~1e-10 away from the exact sum of its entries; dividing by the
 * compensated total `t` of the returned copy removes that bias.
 */
function readProbability(name: string, value: unknown): { p: Float64Array; t: number } {
  const p = checkProbabilityVector(name, value);
  return { p, t: compensatedSum(p) };
}

/**
 * The dispersion σ = ‖p‖₂² = Σ_i p_i² of a probability vector (paper §3:
 * σ_m = ‖p^(m)‖₂², S_m = E σ_m, S0 = σ_0). It lies in [1/s̃, 1], s̃ the support
 * size: 1/s̃ exactly for the uniform distribution on the support, 1 exactly for
 * a Dirac mass (total collapse, Definition 1).
 *
 * @param p - a probability vector (validated; renormalised to sum 1).
 * @returns Σ p_i².
 * @throws ParameterRangeError / ParameterTypeError when `p` is not a probability vector.
 *
 * @example
 * ```ts
 * sigma([0.5, 0.25, 0.25]); // => 0.375
 * // a Dirac mass:
 * sigma([0, 1, 0]); // => 1
 * ```
 */
export function sigma(p: ArrayLike<number>): number {
  const { p: x, t } = readProbability('p', p);
  return sigmaUnchecked(x) / (t * t);
}

/**
 * ‖p‖∞ = max_i p_i (paper §3). Equal to 1 for a Dirac mass — the event whose
 * probability is ρ_m and whose first time is T (§3.1). For an exact test use
 * {@link isDirac}: other entries below ~1e-16 of the total can round away here.
 *
 * @param p - a probability vector.
 * @returns the largest probability, in [1/s, 1].
 * @throws ParameterRangeError / ParameterTypeError when `p` is not a probability vector.
 *
 * @example
 * ```ts
 * maxProb([0.2, 0.5, 0.3]); // => 0.5
 * ```
 */
export function maxProb(p: ArrayLike<number>): number {
  const { p: x, t } = readProbability('p', p);
  return maxProbUnchecked(x) / t;
}

function l1Checked(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const { p: x, t: tx } = readProbability('p', p);
  const { p: y, t: ty } = readProbability('q', q);
  if (y.length !== x.length) {
    throw new ParameterRangeError('q', q, `a probability vector of the same length as p (${x.length})`);
  }
  if (tx === 1 && ty === 1) return l1DistanceUnchecked(x, y);
  return l1FromCounts(x, tx, y, ty);
}

/**
 * The L1 distance ‖p − q‖₁ = Σ_i |p_i − q_i| (paper §3; the deviation
 * ‖p^(m) − p^(1)‖₁ of Theorem 3). Symmetric, satisfies the triangle
 * inequality, in [0, 2]; 2 iff the supports are disjoint.
 *
 * @param p - a probability vector.
 * @param q - a probability vector of the same length.
 * @returns ‖p − q‖₁.
 * @throws ParameterRangeError / ParameterTypeError on invalid vectors or different lengths.
 *
 * @example
 * ```ts
 * l1Distance([0.5, 0.5, 0], [0.25, 0.25, 0.5]); // => 1
 * l1Distance([1, 0], [0, 1]); // => 2
 * ```
 */
export function l1Distance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  return l1Checked(p, q);
}

/**
 * The total-variation distance ‖p − q‖_TV = ½‖p − q‖₁ = max_A |p(A) − q(A)|
 * (paper §3, footnote: "the 1-norm is twice the total variation distance").
 * In [0, 1].
 *
 * @param p - a probability vector.
 * @param q - a probability vector of the same length.
 * @returns ½ Σ_i |p_i − q_i|.
 * @throws ParameterRangeError / ParameterTypeError on invalid vectors or different lengths.
 *
 * @example
 * ```ts
 * tvDistance([0.5, 0.5, 0], [0.25, 0.25, 0.5]); // => 0.5
 * ```
 */
export function tvDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  return 0.5 * l1Checked(p, q);
}

/** Options of {@link entropy}. */
export interface EntropyOptions {
  /** Logarithm base: `'e'` (nats, default) or `2` (bits). */
  base?: 'e' | 2;
}

/**
 * The Shannon entropy H(p) = −Σ_i p_i log p_i, with 0·log 0 = 0, in nats or
 * bits. A diversity measure complementary to σ (the paper's "linguistic
 * diversity", §3): 0 iff p is a Dirac mass, ≤ log s̃ with equality iff p is
 * uniform on its support; by Jensen H(p) ≥ −log σ.
 *
 * @param p - a probability vector.
 * @param options - `{ base }`: `'e'` (default) or `2`.
 * @returns H(p) ≥ 0.
 * @throws ParameterRangeError / ParameterTypeError on an invalid vector or base.
 *
 * @example
 * ```ts
 * // ln 2:
 * entropy([0.5, 0.5]); // => 0.6931471805599453
 * entropy([0.25, 0.25, 0.5], { base: 2 }); // => 1.5
 * entropy([0, 1]); // => 0
 * ```
 */
export function entropy(p: ArrayLike<number>, options?: EntropyOptions): number {
  const { p: x, t } = readProbability('p', p);
  let base: 'e' | 2 = 'e';
  if (options !== undefined) {
    const o = checkOptions<EntropyOptions>('options', options);
    if (o.base !== undefined) {
      if (o.base !== 'e' && o.base !== 2) {
        const allowed = `"e" or 2`;
        if (typeof o.base !== 'string' && typeof o.base !== 'number') throw new ParameterTypeError('base', o.base, allowed);
        throw new ParameterRangeError('base', o.base, allowed);
      }
      base = o.base;
    }
  }
  // H(x/t) = H_raw(x)/t + log t, since Σx = t.
  const nats = t === 1 ? entropyUnchecked(x) : entropyUnchecked(x) / t + Math.log(t);
  const value = base === 2 ? nats / Math.LN2 : nats;
  return value <= 0 ? 0 : value;
}

/**
 * The support size s̃ = |supp(p)| = |{i : p_i > 0}| (paper, Theorem 1).
 *
 * @param p - a probability vector.
 * @returns the number of tokens with positive probability, in [1, s].
 * @throws ParameterRangeError / ParameterTypeError when `p` is not a probability vector.
 *
 * @example
 * ```ts
 * supportSize([0.5, 0, 0.5, 0]); // => 2
 * ```
 */
export function supportSize(p: ArrayLike<number>): number {
  return supportSizeUnchecked(checkProbabilityVector('p', p));
}

/**
 * Whether p is a Dirac mass δ_i, i.e. ‖p‖∞ = 1 (total collapse, paper
 * Definition 1). Equivalent to exactly one nonzero entry.
 *
 * @param p - a probability vector.
 * @returns `true` iff exactly one p_i is nonzero.
 * @throws ParameterRangeError / ParameterTypeError when `p` is not a probability vector.
 *
 * @example
 * ```ts
 * isDirac([0, 1, 0]); // => true
 * isDirac([0.5, 0.5]); // => false
 * ```
 */
export function isDirac(p: ArrayLike<number>): boolean {
  return supportSizeUnchecked(checkProbabilityVector('p', p)) === 1;
}
