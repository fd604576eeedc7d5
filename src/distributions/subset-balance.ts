/**
 * The subset-balance statistics π_p (eq. 12) and λ_p (proof of Theorem 4) of
 * Seddik et al. (2024), "How bad is training on synthetic data?".
 *
 *   π_p := max_{A ⊆ [s]} min{p(A), 1 − p(A)}            (eq. 12, Appendix A)
 *   λ_p := max_{A ⊆ [s]} p(A)·p(A^c)                    (Theorem 4, Appendix B)
 *
 * π_p enters Lemma 1 through φ(π_p) (Mardia et al., 2020); λ_1 = λ_{p^(1)}
 * enters ζ of Theorem 4 (see `zeta` in src/theory, and docs/errata.md for the
 * paper's simplification of ζ).
 *
 * ## Two identities (proved here, tested in test/distributions/subset-balance.test.ts)
 *
 * Write t_A = p(A) and m(t) = min{t, 1 − t}; Σ_i p_i = 1, so p(A^c) = 1 − t_A.
 *
 * (I1) π_p = max{ p(A) : p(A) ≤ 1/2 }.
 *   Let V = {m(t_A) : A ⊆ [s]} and W = {t_B : t_B ≤ 1/2}. If t_A ≤ 1/2 then
 *   m(t_A) = t_A ∈ W; if t_A > 1/2 then m(t_A) = 1 − t_A = t_{A^c} < 1/2, so
 *   m(t_A) ∈ W. Conversely each t_B ∈ W equals m(t_B) ∈ V. So V = W, and both
 *   are non-empty (t_∅ = 0), hence max V = max W. ∎
 *
 * (I2) λ_p = π_p (1 − π_p).
 *   Let g(x) = x(1 − x). Then p(A)p(A^c) = g(t_A) and g(t) = g(1 − t), so
 *   g(t_A) = g(m(t_A)). Every m(t_A) lies in [0, 1/2], where g is increasing
 *   (g'(x) = 1 − 2x ≥ 0), so max_A g(m(t_A)) = g(max_A m(t_A)) = g(π_p). ∎
 *   (Both steps use only g(t) = g(1 − t) and monotonicity, so the identity
 *   holds verbatim for eq. 12 written with 1 − p(A) even when floating-point
 *   inputs sum to 1 only up to rounding.)
 *
 * Computing π_p is a subset-sum problem (NP-hard in general), so
 * {@link piP} picks the cheapest exact method that applies and otherwise
 * returns a certified bracket [lower, upper]:
 *
 * 1. `'dominant-atom'`: max_i p_i ≥ 1/2 ⇒ π_p = 1 − max_i p_i, O(s).
 * 2. `'grid'`: every p_i is (to a few ulps) a fraction with denominator ≤
 *    `maxDenominator` (default 1e7), e.g. counts/N ⇒ exact bitset subset-sum DP.
 * 3. `'meet-in-the-middle'`: at most 40 non-zero atoms ⇒ exact (up to rounding
 *    of sums) in O(2^{k/2}).
 * 4. `'grid-upper-bound'`: otherwise a certified upper bound from a coarser
 *    grid plus a feasible subset (greedy / Karmarkar–Karp) for the lower bound.
 *
 * @module
 */
import { checkInteger, checkOptions, checkProbabilityVector } from '../validate.ts';

/** The algorithm that produced a {@link PiResult} (see {@link piP}). */
export type SubsetBalanceMethod = 'dominant-atom' | 'grid' | 'meet-in-the-middle' | 'grid-upper-bound';

/** Result of {@link piP}: π_p of eq. 12 with a certified bracket. */
export interface PiResult {
  /** The reported value; always equal to `upper` (so it never under-states π_p). */
  value: number;
  /** `true` when `lower` and `upper` agree up to the rounding of floating-point sums. */
  exact: boolean;
  /** min{p(A), 1 − p(A)} for an explicit subset A found by the algorithm (so lower ≤ π_p up to rounding). */
  lower: number;
  /**
   * An upper bound on π_p: rigorous for `'grid-upper-bound'`; for the exact methods
   * equal to `lower` (exact up to the rounding stated in {@link piP}).
   */
  upper: number;
  /** The algorithm used. */
  method: SubsetBalanceMethod;
}

/** Result of {@link lambdaP}: λ_p of Theorem 4 with a certified bracket. */
export interface LambdaResult {
  /** The reported value; always equal to `upper`. */
  value: number;
  /** `true` when the underlying π_p computation was exact. */
  exact: boolean;
  /** A lower bound: g(lower π) with g(x) = x(1 − x), rounded down when not exact. */
  lower: number;
  /** An upper bound: g(upper π), rounded up when not exact. */
  upper: number;
  /** The algorithm used for π_p. */
  method: SubsetBalanceMethod;
}

/** Options of {@link piP} and {@link lambdaP}. */
export interface PiOptions {
  /**
   * Largest grid denominator D accepted by the exact `'grid'` method: an integer in
   * [1, 1e7], default 1e7. The bitset uses D/16 bytes. (The cap 1e7 is what makes
   * grid detection unambiguous; see {@link piP}.)
   */
  maxDenominator?: number;
  /**
   * Work budget of the `'grid-upper-bound'` fallback, in bit operations of the
   * subset-sum DP (items × (D/2 + 1)): an integer in [1, 1e10], default 1e8.
   * Larger budgets give tighter upper bounds.
   */
  maxBitOperations?: number;
}

/** Options of {@link piPUpperBound}. */
export interface PiUpperBoundOptions {
  /** See {@link PiOptions.maxBitOperations}; default 1e8. */
  maxBitOperations?: number;
}

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

/** Default and largest allowed `maxDenominator`. */
const MAX_DENOMINATOR_LIMIT = 1e7;
/** Default DP budget of the upper-bound fallback (bit operations). */
const DEFAULT_MAX_BIT_OPERATIONS = 1e8;
/** Largest allowed DP budget. */
const MAX_BIT_OPERATIONS_LIMIT = 1e10;
/**
 * Relative distance |p_i − h/q|/p_i within which p_i is read as the fraction h/q.
 * 16ε ≈ 3.6e-15 admits values produced by a few roundings (c/N, c·(1/N), w_i/Σw),
 * and is small enough (< 1/(2·maxDen²) for maxDen ≤ 1e7) that the fraction is
 * unique and is a continued-fraction convergent (Legendre); see detectGrid.
 */
const GRID_RELATIVE_TOLERANCE = 16 * Number.EPSILON;
/** Largest number of non-zero atoms handled by meet-in-the-middle (2 × 2^20 sums). */
const MITM_MAX_ATOMS = 40;
/** Unit roundoff u = 2^-53. */
const UNIT_ROUNDOFF = Number.EPSILON / 2;
/** Largest power-of-two exponent of the upper-bound grid (bitset ≤ 2^26 bits = 8 MiB). */
const MAX_UPPER_GRID_EXPONENT = 27;

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * π_p = max_{A⊆[s]} min{p(A), 1 − p(A)} (Seddik et al. 2024, eq. 12; the
 * quantity in φ(π_p) of Lemma 1 and in the proof of Theorem 4), equivalently
 * the subset sum closest to 1/2 from below: π_p = max{p(A) : p(A) ≤ 1/2}.
 *
 * Methods, tried in this order:
 * - `'dominant-atom'` — if max_i p_i ≥ 1/2 then π_p = 1 − max_i p_i (exact, O(s)).
 * - `'grid'` — if every non-zero p_i equals (within 16ε relative) a fraction
 *   h_i/q_i with q_i ≤ `maxDenominator` (found as a continued-fraction
 *   convergent), D = lcm(q_i) ≤ `maxDenominator` and the weights k_i = p_i·D sum
 *   to D: exact subset-sum DP on the k_i up to ⌊D/2⌋ (bitset with shift-or,
 *   equal weights grouped with binary splitting, early stop when ⌊D/2⌋ is
 *   reachable). Empirical distributions counts/N with N ≤ 1e7 take this path.
 *   The result is exact for the rational distribution k/D that p represents; the
 *   rescaled vector p/fl(Σp) differs from it by at most |1 − Σp| ≤ (s+1)·2^-53.
 *   Cost O(D/64 · Σ_w log₂(mult_w)) word operations, memory D/16 bytes.
 * - `'meet-in-the-middle'` — at most 40 non-zero atoms: all subset sums of each
 *   half (sorted by merging), two-pointer search for the sums closest to 1/2
 *   from below and from above; O(2^{k/2}) time and memory. The computed sums
 *   carry a rounding error ≤ (k−1)·2^-53; the sums just above 1/2 are used
 *   through 1 − sum, so a subset whose sum rounds to either side of 1/2 is
 *   counted correctly and the result is within k·2^-53 of π_p.
 * - `'grid-upper-bound'` — otherwise, {@link piPUpperBound}: a certified upper
 *   bound and a feasible lower bound.
 *
 * @param p - probability vector (validated by `checkProbabilityVector`).
 * @param options - {@link PiOptions}.
 * @returns a {@link PiResult}; `value === upper`, and π_p ∈ [lower, upper].
 * @throws ParameterTypeError / ParameterRangeError naming `p`, `p[i]`,
 *   `sum of p`, `options`, `options.maxDenominator` or `options.maxBitOperations`.
 *
 * @example
 * ```ts
 * piP([0.4, 0.35, 0.25]); // => { value: 0.4, exact: true, lower: 0.4, upper: 0.4, method: 'grid' }
 * // counts / N take the exact grid method; here π_p = 6/13
 * piP([5, 3, 2, 2, 1].map((c) => c / 13)).value; // => 0.46153846153846156
 * // a dominant atom: π_p = 1 − 0.75
 * piP([0.75, 0.125, 0.125]).method; // => 'dominant-atom'
 * piP([0.75, 0.125, 0.125]).value; // => 0.25
 * // real-valued atoms: π_p = π/(√2 + e + π)
 * const w = [Math.SQRT2, Math.E, Math.PI].map((x) => x / (Math.SQRT2 + Math.E + Math.PI));
 * piP(w).method; // => 'meet-in-the-middle'
 * piP(w).value; // => 0.4318881809519606
 * ```
 */
export function piP(p: ArrayLike<number>, options?: PiOptions): PiResult {
  const q = checkProbabilityVector('p', p);
  const { maxDenominator, maxBitOperations } = readOptions(options, true);
  return piOfValidated(p, q, maxDenominator, maxBitOperations);
}

/**
 * λ_p = max_{A⊆[s]} p(A)·p(A^c) (Seddik et al. 2024, proof of Theorem 4, where
 * λ_1 = λ_{p^(1)} enters ζ). Computed through the
 * identity λ_p = π_p(1 − π_p) (x(1 − x) is increasing on [0, 1/2]; see the
 * module comment) from {@link piP}: `upper` = π_up(1 − π_up) and `lower` =
 * π_lo(1 − π_lo), each rounded outwards by one ulp when the π bracket is not
 * exact, so λ_p ∈ [lower, upper] always.
 *
 * @param p - probability vector.
 * @param options - {@link PiOptions}.
 * @returns a {@link LambdaResult}; `value === upper`.
 * @throws as {@link piP}.
 *
 * @example
 * ```ts
 * lambdaP([0.4, 0.35, 0.25]).value; // => 0.24
 * // (6/13)·(7/13) = 42/169
 * lambdaP([5, 3, 2, 2, 1].map((c) => c / 13)).value; // => 0.2485207100591716
 * ```
 */
export function lambdaP(p: ArrayLike<number>, options?: PiOptions): LambdaResult {
  const pi = piP(p, options);
  let upper = pi.upper * (1 - pi.upper);
  let lower = pi.lower * (1 - pi.lower);
  if (!pi.exact) {
    upper = Math.min(0.25, nextUp(upper));
    lower = Math.max(0, nextDown(lower));
  }
  return { value: upper, exact: pi.exact, lower, upper, method: pi.method };
}

/**
 * A certified bracket lower ≤ π_p ≤ upper for eq. 12 (Seddik et al. 2024) at a
 * bounded cost, for any p (this is the `'grid-upper-bound'` method of {@link piP},
 * exposed so the cost can be chosen and the bound compared with exact methods).
 *
 * Upper bound: with D = 2^b, k_i = ⌊p_i D⌋ and F = Σ_i (p_i − k_i/D), every A
 * with p(A) ≤ 1/2 has k(A) ≤ ⌊D/2⌋ and p(A) ≤ k(A)/D + F, so
 * π_p ≤ min{1/2, K* / D + F} with K* = max{k(A) : k(A) ≤ ⌊D/2⌋} computed exactly
 * by the bitset DP. D is the largest power of two keeping the DP under
 * `maxBitOperations`; multiplying by 2^b is exact, the sum F is rounded upwards
 * and a slack (s+2)·2^-53 ≥ |1 − Σ p_i| covers inputs summing to 1 only up to
 * rounding, so `upper` is a rigorous bound on the floating-point input.
 * Lower bound: the better of a greedy subset (largest atoms first, while the sum
 * stays ≤ 1/2) and the Karmarkar–Karp largest-differencing partition; its
 * min{p(A), 1 − p(A)} is evaluated with compensated summation. If the lower
 * bound is within (s+2)·2^-53 of 1/2, the DP is skipped. `exact` is true when
 * upper − lower ≤ (s+2)·2^-53. Cost O(s log s) plus at most `maxBitOperations`/32
 * word operations.
 *
 * @param p - probability vector.
 * @param options - {@link PiUpperBoundOptions}.
 * @returns a {@link PiResult} with `method: 'grid-upper-bound'`.
 * @throws ParameterTypeError / ParameterRangeError naming `p`, `p[i]`,
 *   `sum of p`, `options` or `options.maxBitOperations`.
 *
 * @example
 * ```ts
 * const w = [Math.SQRT2, Math.E, Math.PI].map((x) => x / (Math.SQRT2 + Math.E + Math.PI));
 * const r = piPUpperBound(w);
 * // lower: the subset {π}, which is optimal here (π_p = π/(√2 + e + π))
 * r.lower; // => 0.4318881809519606
 * // upper: certified, 1.2e-8 above π_p
 * r.upper; // => 0.4318881928920752
 * r.exact; // => false
 * ```
 */
export function piPUpperBound(p: ArrayLike<number>, options?: PiUpperBoundOptions): PiResult {
  const q = checkProbabilityVector('p', p);
  const { maxBitOperations } = readOptions(options, false);
  return upperBoundOfValidated(q, maxBitOperations);
}

// ---------------------------------------------------------------------------
// Option handling
// ---------------------------------------------------------------------------

function readOptions(
  options: unknown,
  allowDenominator: boolean,
): { maxDenominator: number; maxBitOperations: number } {
  let maxDenominator = MAX_DENOMINATOR_LIMIT;
  let maxBitOperations = DEFAULT_MAX_BIT_OPERATIONS;
  if (options === undefined) return { maxDenominator, maxBitOperations };
  const o = checkOptions<PiOptions>('options', options);
  if (allowDenominator && o.maxDenominator !== undefined) {
    maxDenominator = checkInteger('options.maxDenominator', o.maxDenominator, {
      min: 1,
      max: MAX_DENOMINATOR_LIMIT,
    });
  }
  if (o.maxBitOperations !== undefined) {
    maxBitOperations = checkInteger('options.maxBitOperations', o.maxBitOperations, {
      min: 1,
      max: MAX_BIT_OPERATIONS_LIMIT,
    });
  }
  return { maxDenominator, maxBitOperations };
}

// ---------------------------------------------------------------------------
// Dispatcher
// ---------------------------------------------------------------------------

function piOfValidated(
  original: ArrayLike<number>,
  q: Float64Array,
  maxDenominator: number,
  maxBitOperations: number,
): PiResult {
  const s = q.length;
  let max = 0;
  let nonzero = 0;
  for (let i = 0; i < s; i++) {
    const x = q[i];
    if (x > max) max = x;
    if (x > 0) nonzero++;
  }
  // Dominant atom: p_j ≥ 1/2. Any A ∌ j has p(A) ≤ 1 − p_j ≤ 1/2, and any A ∋ j
  // with p(A) ≤ 1/2 has p(A) = p_j = 1/2 = 1 − p_j; A = [s]∖{j} attains 1 − p_j.
  // 1 − p_j is exact in floating point (Sterbenz, p_j ∈ [1/2, 1]).
  if (max >= 0.5) {
    const v = 1 - max;
    return { value: v, exact: true, lower: v, upper: v, method: 'dominant-atom' };
  }
  const grid = detectGrid(original, maxDenominator);
  if (grid !== null) {
    const K = maxSubsetSum(grid.weights, Math.floor(grid.D / 2));
    const v = K / grid.D;
    return { value: v, exact: true, lower: v, upper: v, method: 'grid' };
  }
  if (nonzero <= MITM_MAX_ATOMS) {
    const atoms = new Float64Array(nonzero);
    let j = 0;
    for (let i = 0; i < s; i++) if (q[i] > 0) atoms[j++] = q[i];
    const v = meetInTheMiddle(atoms);
    return { value: v, exact: true, lower: v, upper: v, method: 'meet-in-the-middle' };
  }
  return upperBoundOfValidated(q, maxBitOperations);
}

// ---------------------------------------------------------------------------
// Grid detection (continued fractions)
// ---------------------------------------------------------------------------

/**
 * Reads p as k/D with integer k_i, or returns null.
 *
 * Each non-zero p_i (the caller's original values, before any rescaling, so that
 * counts/N carry a single rounding) is matched to the first convergent h/q of its
 * exact continued-fraction expansion with |p_i − h/q| ≤ 16ε·p_i and q ≤ maxDen.
 * Why this is sound and complete for maxDen ≤ 1e7:
 * - if p_i is within 16ε·p_i ≤ 3.6e-15 < 1/(2q²) of some h/q with q ≤ 1e7, then
 *   h/q is a convergent of p_i (Legendre's theorem), so it is found;
 * - two distinct fractions with denominators ≤ 1e7 differ by ≥ 1/(q q') ≥ 1e-14
 *   > 2 · 3.6e-15, so the fraction is unique.
 * Then D = lcm(q_i) must be ≤ maxDen and k_i = h_i·(D/q_i) must sum to exactly D.
 * The DP then solves the grid distribution k/D exactly, which differs from p by
 * at most 16ε relative per atom.
 */
function detectGrid(p: ArrayLike<number>, maxDen: number): { D: number; weights: Float64Array } | null {
  const s = p.length;
  const num: number[] = [];
  const den: number[] = [];
  const cache = new Map<number, number>(); // value → index into num/den of its fraction
  const atomFraction: number[] = [];
  let D = 1;
  for (let i = 0; i < s; i++) {
    const x = p[i];
    if (x === 0) continue;
    let f = cache.get(x);
    if (f === undefined) {
      const r = convergentWithin(x, maxDen);
      if (r === null) return null;
      const [h, qd] = r;
      D = (D / gcd(D, qd)) * qd;
      if (D > maxDen) return null;
      f = num.length;
      num.push(h);
      den.push(qd);
      cache.set(x, f);
    }
    atomFraction.push(f);
  }
  const weights = new Float64Array(atomFraction.length);
  let total = 0;
  for (let j = 0; j < atomFraction.length; j++) {
    const f = atomFraction[j];
    const k = num[f] * (D / den[f]);
    weights[j] = k;
    total += k;
  }
  if (total !== D) return null;
  return { D, weights };
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * The first convergent h/q (q ≤ maxDen) of x ∈ (0, 1) with |x − h/q| ≤ 16ε·x,
 * or null. The partial quotients are those of the exact rational value of the
 * double x: Euclid's algorithm on (x, 1) with `%`, which is exact on doubles.
 */
function convergentWithin(x: number, maxDen: number): [number, number] | null {
  if (!(x > 0 && x < 1)) return null;
  // Any h/q with h ≥ 1, q ≤ maxDen is ≥ 1/maxDen; below 1/(2 maxDen) nothing can match.
  if (x < 0.5 / maxDen) return null;
  let h1 = 1; // h_{k-1}
  let h2 = 0; // h_{k-2}
  let q1 = 0; // q_{k-1}
  let q2 = 1; // q_{k-2}
  let n = x;
  let d = 1;
  for (let iter = 0; iter < 2000; iter++) {
    const r = n % d; // exact
    const a = Math.round((n - r) / d);
    const h = a * h1 + h2;
    const q = a * q1 + q2;
    if (q > maxDen) return null;
    if (q > 0 && withinRelative(x, h, q)) return [h, q];
    if (r === 0) return null;
    h2 = h1;
    h1 = h;
    q2 = q1;
    q1 = q;
    n = d;
    d = r;
  }
  return null;
}

/**
 * |x·q − h| ≤ 16ε·x·q, with x·q − h evaluated exactly: Veltkamp-split x into
 * xh (29 bits) + xl (24 bits); q < 2^24 so xh·q and xl·q are exact, and
 * xh·q − h is exact (same binade scale, magnitude < 1) for x ≥ 2^-25.
 */
function withinRelative(x: number, h: number, q: number): boolean {
  const c = 16777217 * x; // 2^24 + 1
  const xh = c - (c - x);
  const xl = x - xh;
  const resid = xh * q - h + xl * q;
  return Math.abs(resid) <= GRID_RELATIVE_TOLERANCE * x * q;
}

// ---------------------------------------------------------------------------
// Exact subset-sum DP on integer weights (bitset)
// ---------------------------------------------------------------------------

/**
 * max{k(A) : k(A) ≤ T} for non-negative integer weights (each < 2^31), T < 2^31.
 * Greedy first (largest weights first; if it reaches T we are done), then the
 * bitset DP: bit t of `bits` ⇔ t is a reachable sum; adding an item of weight v
 * is bits |= bits << v, done word by word from the top so it can run in place.
 * Equal weights are grouped and a multiplicity m is split into 1, 2, 4, …, rest
 * (0/1 items whose sums cover exactly 0..m copies). Stops as soon as T is set.
 */
function maxSubsetSum(weights: ArrayLike<number>, T: number): number {
  if (T <= 0) return 0;
  // Group equal weights (sorted descending).
  const sorted = Float64Array.from(weights).sort().reverse();
  const groupW: number[] = [];
  const groupM: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const w = sorted[i];
    if (w <= 0) break;
    if (groupW.length > 0 && groupW[groupW.length - 1] === w) groupM[groupM.length - 1]++;
    else {
      groupW.push(w);
      groupM.push(1);
    }
  }
  // Greedy lower bound.
  let rem = T;
  for (let g = 0; g < groupW.length && rem > 0; g++) {
    const take = Math.min(groupM[g], Math.floor(rem / groupW[g]));
    rem -= take * groupW[g];
  }
  if (rem === 0) return T;
  // Items by binary splitting (those heavier than T can never be used), processed
  // lightest first: the reachable prefix [0, reach] grows slowly, so early items
  // touch few words (measured ~1.7× faster than heaviest-first when T is unreachable).
  const items: number[] = [];
  for (let g = 0; g < groupW.length; g++) {
    let m = groupM[g];
    let c = 1;
    while (m > 0) {
      const t = Math.min(c, m);
      const v = groupW[g] * t;
      if (v <= T) items.push(v);
      m -= t;
      c *= 2;
    }
  }
  items.reverse();
  const nWords = (T >>> 5) + 1;
  const bits = new Uint32Array(nWords);
  bits[0] = 1;
  const lastWord = T >>> 5;
  const lastMask = (T & 31) === 31 ? 0xffffffff : ((1 << ((T & 31) + 1)) - 1) >>> 0;
  const targetBit = 1 << (T & 31);
  let reach = 0;
  for (let it = 0; it < items.length; it++) {
    const v = items[it];
    const newReach = Math.min(T, reach + v);
    const hi = newReach >>> 5;
    const ws = v >>> 5;
    const bs = v & 31;
    if (bs === 0) {
      for (let i = hi; i >= ws; i--) bits[i] |= bits[i - ws];
    } else {
      const rs = 32 - bs;
      for (let i = hi; i > ws; i--) bits[i] |= (bits[i - ws] << bs) | (bits[i - ws - 1] >>> rs);
      bits[ws] |= bits[0] << bs;
    }
    if (hi === lastWord) bits[lastWord] &= lastMask;
    reach = newReach;
    if ((bits[lastWord] & targetBit) !== 0) return T;
  }
  for (let i = lastWord; i >= 0; i--) {
    const w = bits[i];
    if (w !== 0) return i * 32 + 31 - Math.clz32(w);
  }
  return 0;
}

// ---------------------------------------------------------------------------
// Meet in the middle
// ---------------------------------------------------------------------------

/** All 2^n subset sums of `a`, sorted ascending (by repeated merging; O(2^n)). */
function sortedSubsetSums(a: Float64Array): Float64Array {
  const size = 2 ** a.length;
  let cur = new Float64Array(size);
  let next = new Float64Array(size);
  let n = 1;
  cur[0] = 0;
  for (let t = 0; t < a.length; t++) {
    const x = a[t];
    // merge cur[0..n) with cur[0..n) + x (both ascending: fl(y + x) is monotone in y)
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < n && j < n) {
      const u = cur[i];
      const w = cur[j] + x;
      if (u <= w) {
        next[k++] = u;
        i++;
      } else {
        next[k++] = w;
        j++;
      }
    }
    while (i < n) next[k++] = cur[i++];
    while (j < n) next[k++] = cur[j++] + x;
    const tmp = cur;
    cur = next;
    next = tmp;
    n *= 2;
  }
  return cur;
}

/**
 * max_A min{t_A, 1 − t_A} over the computed subset sums t_A: the largest
 * computed sum ≤ 1/2 ("below") and the smallest > 1/2 ("above", used via 1 − above,
 * which is exact by Sterbenz). Treating both sides means a subset whose true sum is
 * within rounding of 1/2 is never lost, whichever side its computed sum lands on.
 */
function meetInTheMiddle(atoms: Float64Array): number {
  const half = atoms.length >> 1;
  const L = sortedSubsetSums(atoms.subarray(0, half));
  const R = sortedSubsetSums(atoms.subarray(half));
  let below = 0;
  let above = Infinity;
  let j = R.length - 1;
  for (let i = 0; i < L.length; i++) {
    const x = L[i];
    while (j >= 0 && x + R[j] > 0.5) j--;
    if (j + 1 < R.length) {
      const t = x + R[j + 1];
      if (t < above) above = t;
    }
    if (j < 0) break;
    const t = x + R[j];
    if (t > below) below = t;
    if (below === 0.5) break;
  }
  return Math.max(below, above === Infinity ? 0 : 1 - above);
}

// ---------------------------------------------------------------------------
// Certified upper bound + feasible lower bound
// ---------------------------------------------------------------------------

function upperBoundOfValidated(q: Float64Array, maxBitOperations: number): PiResult {
  const s = q.length;
  // Slack covering |1 − Σ q_i| ≤ (s+1)·u after validation, and the rounding level
  // at which lower and upper are declared equal.
  const slack = (s + 2) * UNIT_ROUNDOFF;
  let nonzero = 0;
  for (let i = 0; i < s; i++) if (q[i] > 0) nonzero++;
  const atoms = new Float64Array(nonzero);
  {
    let j = 0;
    for (let i = 0; i < s; i++) if (q[i] > 0) atoms[j++] = q[i];
  }
  const desc = Float64Array.from(atoms).sort().reverse();
  let lower = Math.max(greedyLower(desc), karmarkarKarpLower(atoms));

  let upper = 0.5;
  if (0.5 - lower > slack) {
    upper = Math.min(0.5, gridUpper(desc, s, slack, maxBitOperations));
  }
  if (lower > upper) lower = upper;
  const exact = upper - lower <= slack;
  return { value: upper, exact, lower, upper, method: 'grid-upper-bound' };
}

/**
 * min{K* / D + F + slack, …} rounded upwards, for D = 2^b chosen by the budget.
 * `desc`: non-zero atoms, descending.
 */
function gridUpper(desc: Float64Array, _s: number, slack: number, maxBitOperations: number): number {
  // D·slack < 1 is needed so that p(A) ≤ 1/2 + slack still implies k(A) ≤ D/2.
  let bMax = MAX_UPPER_GRID_EXPONENT;
  while (bMax > 1 && 2 ** bMax * slack >= 0.5) bMax--;
  let b = 1;
  for (let cand = bMax; cand >= 1; cand--) {
    if (dpCost(desc, cand) <= maxBitOperations) {
      b = cand;
      break;
    }
  }
  const D = 2 ** b;
  const T = D / 2;
  const k = new Float64Array(desc.length);
  let rsum = 0;
  for (let i = 0; i < desc.length; i++) {
    const y = desc[i] * D; // exact (power of two)
    const ki = Math.floor(y);
    k[i] = ki;
    rsum += y - ki; // y − ⌊y⌋ is exact
  }
  // Rigorous upper bound on Σ r_i (naive sum error ≤ (n−1)u Σ r_i).
  const rUp = nextUp(rsum + rsum * (desc.length * Number.EPSILON));
  // Cheap test: the greedy K ≤ K*, so if greedy + F already reaches D/2 the bound is 1/2.
  let rem = T;
  for (let i = 0; i < k.length && rem > 0; i++) if (k[i] <= rem) rem -= k[i];
  if (T - rem + rUp >= T) return 0.5;
  const Kstar = maxSubsetSum(k, T);
  const bound = nextUp((Kstar + rUp) / D); // division by 2^b exact; nextUp covers the addition
  return nextUp(bound + slack);
}

/** DP cost (bits) for D = 2^b: number of binary-split items ≤ T, times T + 1. */
function dpCost(desc: Float64Array, b: number): number {
  const D = 2 ** b;
  const T = D / 2;
  let items = 0;
  let i = 0;
  while (i < desc.length) {
    const w = Math.floor(desc[i] * D);
    if (w === 0) break; // descending: the rest are 0 too
    let m = 0;
    while (i < desc.length && Math.floor(desc[i] * D) === w) {
      m++;
      i++;
    }
    let c = 1;
    while (m > 0) {
      const t = Math.min(c, m);
      if (w * t <= T) items++;
      m -= t;
      c *= 2;
    }
  }
  return items * (T + 1);
}

/** Neumaier-compensated running sum state. */
function neumaierAdd(state: Float64Array, x: number): void {
  const sum = state[0];
  const t = sum + x;
  state[1] += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
  state[0] = t;
}

/** min{t, 1 − t} for the compensated value of a sum state. */
function balanceOf(state: Float64Array): number {
  const t = state[0] + state[1];
  return Math.min(t, 1 - t);
}

/** Greedy: atoms in descending order, take while the running sum stays ≤ 1/2. */
function greedyLower(desc: Float64Array): number {
  const st = new Float64Array(2);
  for (let i = 0; i < desc.length; i++) {
    const x = desc[i];
    if (st[0] + st[1] + x <= 0.5) neumaierAdd(st, x);
  }
  return balanceOf(st);
}

/**
 * Karmarkar–Karp largest differencing: repeatedly replace the two largest
 * values a ≥ b by a − b (placing their sets on opposite sides). Each heap entry
 * carries its "plus" and "minus" atom lists (linked lists, O(1) concatenation),
 * so the final partition is explicit and its sums are recomputed from the atoms.
 */
function karmarkarKarpLower(atoms: Float64Array): number {
  const n = atoms.length;
  if (n === 0) return 0;
  const next = new Int32Array(n).fill(-1);
  const plusHead = new Int32Array(n);
  const plusTail = new Int32Array(n);
  const minusHead = new Int32Array(n).fill(-1);
  const minusTail = new Int32Array(n).fill(-1);
  const val = new Float64Array(n);
  const heap = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    plusHead[i] = i;
    plusTail[i] = i;
    val[i] = atoms[i];
    heap[i] = i;
  }
  let size = n;
  const siftDown = (pos: number): void => {
    const e = heap[pos];
    const v = val[e];
    for (;;) {
      let c = 2 * pos + 1;
      if (c >= size) break;
      if (c + 1 < size && val[heap[c + 1]] > val[heap[c]]) c++;
      if (val[heap[c]] <= v) break;
      heap[pos] = heap[c];
      pos = c;
    }
    heap[pos] = e;
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  const concat = (h1: number, t1: number, h2: number, t2: number): [number, number] => {
    if (h1 < 0) return [h2, t2];
    if (h2 < 0) return [h1, t1];
    next[t1] = h2;
    return [h1, t2];
  };
  while (size > 1) {
    const a = heap[0];
    heap[0] = heap[--size];
    siftDown(0);
    const b = heap[0];
    // a keeps its sides; b's sides are swapped and appended.
    const [ph, pt] = concat(plusHead[a], plusTail[a], minusHead[b], minusTail[b]);
    const [mh, mt] = concat(minusHead[a], minusTail[a], plusHead[b], plusTail[b]);
    plusHead[a] = ph;
    plusTail[a] = pt;
    minusHead[a] = mh;
    minusTail[a] = mt;
    val[a] = val[a] - val[b];
    heap[0] = a;
    siftDown(0);
  }
  const root = heap[0];
  const st = new Float64Array(2);
  for (let i = plusHead[root]; i >= 0; i = next[i]) neumaierAdd(st, atoms[i]);
  const stMinus = new Float64Array(2);
  for (let i = minusHead[root]; i >= 0; i = next[i]) neumaierAdd(stMinus, atoms[i]);
  return Math.max(balanceOf(st), balanceOf(stMinus));
}

// ---------------------------------------------------------------------------
// Directed rounding helpers
// ---------------------------------------------------------------------------

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The smallest double > x (x finite). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  u64[0] = x > 0 ? u64[0] + 1n : u64[0] - 1n;
  return f64[0];
}

/** The largest double < x (x finite). */
function nextDown(x: number): number {
  return -nextUp(-x);
}
