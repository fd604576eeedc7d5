/**
 * The exact expected deviation E‖p^(m) − p^(1)‖₁ (and E‖p^(m) − p‖₁) of the
 * Partially Synthetic setting, where Theorem 3 (and Theorem 4) only bound it.
 *
 * Setting (proofs of Theorems 2–4): one real corpus C ~ Multinomial(N, p),
 * p^(1) = C/N; for m ≥ 2, p^(m) = (C + Z^(m))/(N + n) with
 * Z^(m) ~ Multinomial(n, p^(m−1)).
 *
 * Method (docs/exact.md): the L1 norm is a sum over tokens,
 * so only marginals matter. Given p^(m−1), Z_i^(m) ~ Bin(n, p_i^(m−1)) and
 * p_i^(m−1) = (C_i + Z_i^(m−1))/(N + n) depends on token i alone, so
 * (C_i, Z_i^(m)) is a Markov chain by itself: C_i ~ Bin(N, p_i),
 * Z^(2) ~ Bin(n, C_i/N), Z^(m) ~ Bin(n, (C_i + Z^(m−1))/(N + n)). Then
 * E‖p^(m) − p^(1)‖₁ = Σ_i Σ_c Bin(N, p_i)(c)·E[|N Z_i^(m) − n c| | c]/(N(N + n)),
 * computed per token value (tokens with equal p_i share the work), per c, by
 * propagating the law of Z with certified truncation.
 *
 * Both deviations are non-decreasing in m (proved in the section: Z^(m) grows in
 * convex order because Bernstein polynomials preserve convexity), so the
 * stationary limit is their supremum.
 *
 * Layout: this entry validates and wraps; `groups.ts` is the grouped evaluation (one token
 * per distinct value of p, `token-groups.ts`), `token-deviation.ts` mixes the per-count chains
 * of `chain.ts` (transition rows shared in `rows.ts`, pmf rows from `binomial.ts`) over the
 * corpus counts; `cost.ts` estimates the work before it is spent and `budget.ts` holds the
 * limits and the refusal error. `limit.ts` is the n → ∞ limit, `second-moment.ts` the exact
 * second moment behind the Jensen bounds.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, checkProbabilityVector, ParameterRangeError, ParameterTypeError } from '../../validate.ts';
import { DEFAULT_MAX_OPERATIONS, MAX_EXACT_SAMPLES } from './budget.ts';
import { exactDeviationUnchecked } from './groups.ts';
import type { ExactDeviation, ExactDeviationOptions } from './types.ts';
import { withDisplay } from '../../display/bundle.ts'; // display hook: see src/display/bundle.ts

export type { ExactDeviation, ExactDeviationOptions } from './types.ts';
export { DEFAULT_MAX_OPERATIONS, ExactComputationTooLargeError, MAX_EXACT_SAMPLES, OPERATIONS_PER_SECOND } from './budget.ts';

/** Validated common inputs. */
interface Checked {
  p: Float64Array;
  N: number;
  n: number;
  generations: number;
  stationary: boolean;
  tolerance: number;
  maxOperations: number;
}

function readOptions(options: unknown): Checked {
  const o = checkOptions<ExactDeviationOptions>('options', options);
  const p = checkProbabilityVector('p', o.p);
  const N = checkInteger('N', o.N, { min: 1, max: MAX_EXACT_SAMPLES });
  const n = checkInteger('n', o.n, { min: 1, max: MAX_EXACT_SAMPLES });
  const generations = o.generations === undefined ? 10 : checkInteger('generations', o.generations, { min: 0, max: 1e6 });
  let stationary = true;
  if (o.stationary !== undefined) {
    if (typeof o.stationary !== 'boolean') throw new ParameterTypeError('stationary', o.stationary, 'a boolean');
    stationary = o.stationary;
  }
  const tolerance = o.tolerance === undefined ? 1e-12 : checkNumber('tolerance', o.tolerance, { min: 1e-15, max: 1e-2 });
  const maxOperations =
    o.maxOperations === undefined ? DEFAULT_MAX_OPERATIONS : checkNumber('maxOperations', o.maxOperations, { min: 0, minExclusive: true });
  return { p, N, n, generations, stationary, tolerance, maxOperations };
}

/**
 * The exact expected L1 deviation of the Partially Synthetic chain from the
 * first generation, E‖p^(m) − p^(1)‖₁, and from p, E‖p^(m) − p‖₁, for
 * m = 0…M and m → ∞ — the quantity Theorem 3 bounds by (1/N)·sqrt(πn/2)·G_n(s)
 * and Theorem 4 by (1/N)·sqrt(nπ/φ(ζ))·G_n(s) (Appendix B).
 *
 * Certified: each value v comes with an error e such that the exact value lies in
 * [v, v + e] up to rounding (truncated binomial tails are bounded geometrically;
 * the limit by the Wasserstein contraction α = n/(N + n) of the chain). Both
 * sequences are non-decreasing in m, so `stationary` is also their supremum.
 *
 * Cost: per distinct value x of p, about (10·sqrt(N x) + 100) corpus counts, each
 * a chain over ~20·sd(Z) states; refused with {@link ExactComputationTooLargeError}
 * beyond `maxOperations`.
 *
 * @param options - `{ p, N, n, generations = 10, stationary = true, tolerance = 1e-12, maxOperations }`.
 * @returns per-generation arrays, limits, certified errors.
 * @throws ParameterRangeError / ParameterTypeError on invalid input;
 *   ExactComputationTooLargeError when the estimate exceeds `maxOperations`.
 *
 * @example
 * ```ts
 * const d = exactDeviation({ p: [0.5, 0.5], N: 10, n: 5, generations: 3 });
 * d.fromFirst; // => Float64Array [0.24609375, 0, 0.1123507, 0.1177520]
 * d.stationary?.fromFirst; // => 0.1182653
 * d.errorBound < 1e-12; // => true
 * ```
 * ```ts ignore
 * exactDeviation({ p: [1], N: 1, n: 0 }); // throws ParameterRangeError
 * ```
 */
export function exactDeviation(options: ExactDeviationOptions): ExactDeviation {
  const c = readOptions(options);
  if (c.p.length < 1) throw new ParameterRangeError('p', options.p, 'a non-empty probability vector');
  return withDisplay(exactDeviationUnchecked(c.p, c.N, c.n, c.generations, c.stationary, c.tolerance, c.maxOperations), 'exact-deviation', { N: c.N, n: c.n, s: c.p.length });
}
