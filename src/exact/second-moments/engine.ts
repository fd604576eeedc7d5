/**
 * What the three engines behind `exactSecondMoments` (src/exact/second-moments/index.ts)
 * share: their input and result, and the notation of the recursion they run,
 * generic over a {@link MomentField} (field.ts). Notation (derivation in
 * docs/exact.md):
 *
 * - S_t = E‖p^(t)‖₂², C[t][u] = E Σ_i p_i^(t) p_i^(u) (C[0][u] = S0 = C[t][t]|_{t=0});
 * - H(v, u): the ancestry weight, H(u, u) = 1/n^(u),
 *   H(v, u) = (1/n^(u)) Σ_{v ≤ w < u} n_w^(u) H(v, w);
 * - a class κ of source t (samples of t used by exactly the generations in κ,
 *   m_κ of them) has A_κ(u) = Σ_{v ∈ κ, v ≤ u} H(v, u), and a sample a of the
 *   class satisfies E Σ_i Z_{a,i} p_i^(u) = C[t][u] + (1 − S_t) A_κ(u) (u > t);
 * - B(t, u) = Σ_{t' < t} n_{t'}^(u) C[t'][t] + Σ_{t' < t} (1 − S_{t'}) Σ_{κ ∋ u} m_κ A_κ(t);
 * - C[t][u] = (1/n^(u)) [B(t, u) + n_t^(u) S_t + Σ_{t < w < u} n_w^(u) C[t][w]];
 * - S_u = (1/n^(u)²) [n^(u) + Σ_t n_t(n_t − 1) S_t + 2 Σ_{t < w} n_t n_w C[t][w]
 *         + 2 Σ_t (1 − S_t) Σ_{κ ∋ u} m_κ Σ_w n_w^(u) A_κ(w)].
 *
 * Random splits (Randomly Sampled, Accumulate-subsample) replace the counts by
 * their moments: the split of generation u is independent of everything
 * generation u's inputs depend on, and every product above pairs quantities
 * that depend on disjoint sets of splits.
 *
 * Engines: classes-engine.ts (deterministic counts), random-engine.ts
 * (Randomly Sampled Data), pool-engine.ts (Accumulate, Accumulate-subsample).
 *
 * @module
 */

/** What every engine returns (arrays indexed by generation 0…M): S_m of Theorems 1–2 generalised, and cross moments. */
export interface EngineResult<T> {
  /** S[m] = E‖p^(m)‖₂², S[0] = S0. */
  S: T[];
  /** C1[m] = E Σ_i p_i^(1) p_i^(m) (C1[0] = S0, C1[1] = S[1]). */
  C1: T[];
  /** The full matrix C[a][b], 0 ≤ a, b ≤ M, when requested. */
  cross: T[][] | null;
}

/** What every engine reads: its plan, S0 = ‖p‖₂² in the engine's field, and whether to return the full matrix C. */
export interface EngineInput<P, T> {
  /** The schedule's plan (counts, or the parameters of its random split). */
  readonly plan: P;
  /** ‖p‖₂². */
  readonly S0: T;
  /** Also return the full matrix C. */
  readonly cross: boolean;
}
