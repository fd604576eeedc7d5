/**
 * Deterministic initial distributions with a prescribed support size s̃ and
 * dispersion S0 = ‖p‖₂² — the two parameters the paper's experiments vary
 * (Figures 2, 3, 4, 6: s = 600 with (S0, s̃) = (0.01, 181), (0.1, 29),
 * (0.5, 10), (0.7, 9), (0.1, 52), …).
 *
 * @module
 */
import { findRoot } from '../numeric/roots.ts';
import { checkInteger, checkNumber, checkOptions, checkVocabularySize, ParameterRangeError } from '../validate.ts';
import { powerSum } from './power-sum.ts';
import { fillPowerLaw } from './zipf.ts';

/** Options of {@link withDispersion}. */
export interface WithDispersionOptions {
  /** Vocabulary size s, an integer ≥ 1. */
  s: number;
  /** Support size s̃ (number of tokens with p_i > 0), an integer in [1, s]; default `s`. */
  support?: number;
  /** Dispersion S0 = Σ p_i², in [1/s̃, 1) (or exactly 1 when s̃ = 1). */
  S0: number;
}

/** The distribution built by {@link withDispersionDetails} and the parameters of its shape. */
export interface DispersionDetails {
  /** The distribution (same as {@link withDispersion}). */
  p: Float64Array;
  /** Power-law exponent a of the shape q_i ∝ i^(−a) on the support. */
  exponent: number;
  /** Weight c ∈ [0, 1] of the power law in p = c·q + (1 − c)·b. */
  weight: number;
  /**
   * The distribution b blended in by the final exact solve: `'uniform'` (uniform on
   * the support; lowers Σp²) or `'first'` (the Dirac mass at token 1; raises it).
   */
  blend: 'uniform' | 'first';
}

/** Smallest relative weight allowed at the end of the power law: k^(−a) ≥ 2^(−900). */
const TAIL_LOG2 = 900;

/**
 * A smooth, deterministic distribution on s tokens with exactly `support`
 * nonzero entries (tokens 1..s̃), sorted non-increasing, whose dispersion
 * σ = ‖p‖₂² = Σ p_i² (paper §3, S0 = σ_0) equals `S0` to rounding (≈ 1e-16
 * relative; tested to 1e-14).
 *
 * **Shape.** p_i = c·i^(−a)/H_{s̃}(a) + (1 − c)·b_i for i ≤ s̃ and 0 beyond,
 * where H_{s̃}(a) = Σ_{j ≤ s̃} j^(−a): a Zipf law on the support, the
 * standard model of token frequencies. σ of the pure power law increases
 * strictly and continuously with a (from 1/s̃ at a = 0 to 1 as a → ∞; p_i ∝
 * exp(−a·log i) is an exponential family, so d log σ/da = 2(E_a − E_{2a})[log i]
 * > 0), so a is found by a safeguarded Brent root finder on
 * [0, a_max], a_max = 900·ln 2/ln s̃. The final step is exact, not iterative:
 * the power law q is blended with b = uniform on the support (when σ(q) ≥ S0;
 * σ(c·q + (1 − c)·u) = 1/s̃ + c²(σ(q) − 1/s̃)) or with b = δ_1 (when
 * σ(q) < S0; σ is then a quadratic in 1 − c), c solved in closed form. The
 * root finder leaves c within ~1e-13 of 1, so p is the power law up to
 * rounding, except when S0 is so close to 1 that the exponent would exceed
 * a_max (the tail would underflow); then c < 1 moves the missing mass onto
 * token 1. Both blends keep the order and the positivity of every entry.
 *
 * S0 = 1/s̃ gives the uniform distribution on the support; s̃ = 1 (with
 * S0 = 1) gives δ_1.
 *
 * Cost: O(s) memory and time, plus O(min(s̃, 4096)) per root-finder step.
 *
 * @param options - `{ s, support = s, S0 }`.
 * @returns a `Float64Array` of length `s`.
 * @throws ParameterRangeError when s or support is out of range, or S0 is not
 *   in [1/support, 1) (S0 = 1 is allowed only with support = 1).
 * @throws ParameterTypeError on a non-numeric argument or a missing options object.
 *
 * @example
 * ```ts
 * import { sigma, supportSize } from 'model-collapse';
 * const p = withDispersion({ s: 600, support: 52, S0: 0.1 }); // Figures 3 and 6
 * supportSize(p); // => 52
 * Math.abs(sigma(p) - 0.1) < 1e-15; // => true
 * p[51] > 0 && p[52] === 0; // => true
 * withDispersion({ s: 4, support: 2, S0: 0.5 }); // => Float64Array [0.5, 0.5, 0, 0]
 * ```
 */
export function withDispersion(options: WithDispersionOptions): Float64Array {
  return withDispersionDetails(options).p;
}

/**
 * {@link withDispersion} together with the parameters of the constructed shape
 * (power-law exponent a, blend weight c and blend target), so the distribution
 * used in an experiment can be described in words ("Zipf with exponent 1.12 on
 * 52 tokens").
 *
 * @param options - `{ s, support = s, S0 }`, as for {@link withDispersion}.
 * @returns the distribution and its shape parameters.
 * @throws ParameterRangeError / ParameterTypeError as {@link withDispersion}.
 *
 * @example
 * ```ts
 * const d = withDispersionDetails({ s: 600, support: 9, S0: 0.7 });
 * d.exponent; // => 2.9477
 * // p is the power law i^(-a) up to rounding:
 * Math.abs(1 - d.weight) < 1e-12; // => true
 * ```
 */
export function withDispersionDetails(options: WithDispersionOptions): DispersionDetails {
  const o = checkOptions<WithDispersionOptions>('options', options);
  const s = checkVocabularySize('s', o.s);
  const k = o.support === undefined ? s : checkInteger('support', o.support, { min: 1, max: s });
  const S0 = checkNumber('S0', o.S0, { min: 0, minExclusive: true, max: 1 });
  const lower = 1 / k;
  if (S0 < lower || (S0 === 1 && k > 1)) {
    const interval = k === 1 ? '1 (support = 1 allows only the Dirac mass)' : `in [1/support, 1) = [${lower}, 1) for support = ${k}`;
    throw new ParameterRangeError('S0', S0, interval);
  }
  const p = new Float64Array(s);
  if (k === 1) {
    p[0] = 1;
    return { p, exponent: 0, weight: 1, blend: 'uniform' };
  }
  if (S0 === lower) {
    p.fill(lower, 0, k);
    return { p, exponent: 0, weight: 1, blend: 'uniform' };
  }

  // 1. Exponent of the power law: σ(a) = H(2a)/H(a)² = S0, σ increasing in a.
  const aMax = (TAIL_LOG2 * Math.LN2) / Math.log(k);
  const g = (a: number): number => {
    const h = powerSum(a, k);
    return powerSum(2 * a, k) / (h * h) - S0;
  };
  let a: number;
  if (g(0) >= 0) a = 0;
  else if (g(aMax) <= 0) a = aMax;
  else a = findRoot(g, 0, aMax, { relativeTolerance: 1e-14 }).root;

  // 2. The power law q on the support, term by term (compensated, smallest first).
  fillPowerLaw(p, k, a);
  // tail1 = Σ_{i≥2} q_i = 1 − q_1, tail2 = Σ_{i≥2} q_i², without cancellation.
  let tail1 = 0;
  let comp1 = 0;
  let tail2 = 0;
  let comp2 = 0;
  for (let i = k - 1; i >= 1; i--) {
    const w = p[i];
    const t = tail1 + w;
    comp1 += tail1 >= w ? tail1 - t + w : w - t + tail1;
    tail1 = t;
    const w2 = w * w;
    const t2 = tail2 + w2;
    comp2 += tail2 >= w2 ? tail2 - t2 + w2 : w2 - t2 + tail2;
    tail2 = t2;
  }
  tail1 += comp1;
  tail2 += comp2;
  const q1 = p[0];
  const sigmaQ = q1 * q1 + tail2;

  // 3. Exact final solve.
  if (sigmaQ >= S0) {
    // p = c·q + (1 − c)·u, σ(p) = 1/k + c²(σ(q) − 1/k).
    const B = sigmaQ - lower;
    const c = Math.sqrt((S0 - lower) / B);
    const oneMinusC = (sigmaQ - S0) / (B * (1 + c));
    const floor = oneMinusC / k;
    for (let i = 0; i < k; i++) p[i] = c * p[i] + floor;
    return { p, exponent: a, weight: c, blend: 'uniform' };
  }
  // p = (1 − t)·q + t·δ_1, σ(p) = σ(q) + 2tβ + t²γ, β = q_1 − σ(q) = q_1·tail1 − tail2 ≥ 0,
  // γ = ‖δ_1 − q‖² = tail1² + tail2; t ∈ (0, 1) is the positive root, in its stable form.
  const D = S0 - sigmaQ;
  const beta = Math.max(0, q1 * tail1 - tail2);
  const gamma = tail1 * tail1 + tail2;
  const t = D / (beta + Math.sqrt(beta * beta + gamma * D));
  p[0] = q1 + t * tail1;
  for (let i = 1; i < k; i++) p[i] *= 1 - t;
  return { p, exponent: a, weight: 1 - t, blend: 'first' };
}
