/**
 * The exact law of the collapse time T = min{m ≥ 1 : ‖p^(m)‖∞ = 1} in the Fully
 * Synthetic setting (paper §3.1: p^(m) = X^(m)/n, X^(m) ~ Multinomial(n, p^(m−1)),
 * p^(0) = p), where the paper only bounds E[T] (Theorem 1, eq. 8) and gives the
 * limit law (Proposition 1).
 *
 * **Reduction to one binomial chain.** Each count X_i^(m) alone is the
 * Wright–Fisher chain X_i^(1) ~ Bin(n, p_i), X_i^(m) | X_i^(m−1) ~ Bin(n, X_i^(m−1)/n).
 * A Dirac mass is absorbing and at most one token can hold all n samples, so
 * {T ≤ m} is the disjoint union of the events {X_i^(m) = n}:
 * ρ_m = P(T ≤ m) = Σ_i P(X_i^(m) = n). With Q the transient block (states
 * 1…n−1) of P(k, l) = C(n, l)(k/n)^l(1 − k/n)^(n−l), a(k) = k/n (the
 * fixation probability from k) and π = Σ_i Bin(n, p_i) restricted to 1…n−1,
 * P(T > m) = π·Q^(m−1)a for m ≥ 1, hence E[T] = 1 + π·g with (I − Q)g = a and
 * E[T²] = 1 + π·(2h + g) with (I − Q)h = g.
 *
 * **Numerics.** Q is stored as a band (a rigorous Chernoff window per row) and
 * I − Q is factorised without pivoting and without subtraction (GTH); see
 * `./band.ts`. The truncation error is bounded a posteriori and
 * rigorously (in exact arithmetic) by {@link ExactCollapseTime.truncationErrorBound};
 * rounding is estimated by one step of iterative refinement with a compensated residual.
 *
 * **Files.** `./time.ts` (exactCollapseTime), `./probability.ts` (ρ_m and the per-token
 * probabilities), `./token-times.ts`, `./approximate.ts`, `./cost.ts` (estimate and refusal),
 * `./options.ts` (validation), `./types.ts`; the engine: `./chain.ts`, `./band.ts`,
 * `./binomial.ts`, `./moments.ts`, `./law.ts`, `./spectral.ts`.
 *
 * @module
 */
export { approximateCollapseTime } from './approximate.ts';
export { CollapseCostError, exactCollapseTimeCost, type CollapseTimeCost } from './cost.ts';
export { exactCollapseProbability, fixationProbabilities, lossProbabilities } from './probability.ts';
export { exactCollapseTime } from './time.ts';
export { tokenCollapseTimes } from './token-times.ts';
export type {
  CollapseProbabilityOptions,
  CollapseTimeLawValue,
  ExactCollapseTime,
  ExactCollapseTimeOptions,
  TokenCollapseTimes,
  TokenProbabilityOptions,
} from './types.ts';
