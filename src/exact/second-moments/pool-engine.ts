/**
 * The pool engine behind `exactSecondMoments` for Accumulate and
 * Accumulate-subsample (eq. 5 with one growing pool of N real and n synthetic
 * samples per generation, subsampled without replacement: a multivariate
 * hypergeometric split), generic over a {@link MomentField}; notation in engine.ts.
 *
 * @module
 */
import type { EngineInput, EngineResult } from './engine.ts';
import type { MomentField } from './field.ts';

export { RATIONAL_FIELD } from './field.ts';

/** Accumulate (size = ∞) and Accumulate-subsample: eq. 5 with the pool N + (u − 1)n, subsampled without replacement. */
export interface PoolPlan {
  readonly kind: 'pool';
  readonly M: number;
  readonly N: number;
  readonly n: number;
  /** Training-set size cap (Infinity for Accumulate). */
  readonly size: number;
  readonly reuseReal: boolean;
  readonly reuseSynthetic: boolean;
}

/**
 * Cost estimate of {@link poolEngine} (Accumulate, Accumulate-subsample): O(M²)
 * multiply-adds, O(M) memory (plus (M + 1)² entries with `cross`).
 *
 * @param plan - The schedule's parameters.
 * @param cross - Whether the full matrix C is requested.
 * @returns Operations and bytes.
 *
 * @example
 * ```ts
 * poolCost({ kind: 'pool', M: 1000, N: 100, n: 10, size: Infinity, reuseReal: true, reuseSynthetic: true }, false).operations; // => 2012000
 * ```
 */
export function poolCost(plan: PoolPlan, cross: boolean): { operations: number; bytes: number } {
  const { M } = plan;
  return { operations: 2 * M * (M + 1) + 10 * M, bytes: 8 * 10 * (M + 2) + (cross ? 8 * (M + 1) * (M + 1) : 0) };
}

/**
 * Accumulate / Accumulate-subsample. Source sizes D_0 = N, D_t = n; pool
 * P_u = N + (u − 1)n; training size s_u = min(size, P_u); the split is
 * multivariate hypergeometric: E n_t = s_u D_t/P_u,
 * E n_t(n_t − 1) = κ_u D_t(D_t − 1), E n_t n_w = κ_u D_t D_w, κ_u = s_u(s_u − 1)/(P_u(P_u − 1));
 * with `'reuse'` a source's samples are a uniform subset of its dataset, so
 * E[overlap of u and v in source t | counts] = n_t^(u) n_t^(v)/D_t. Then, with
 * Λ(v) = Σ_{t<v} (1 − S_t) D_t·[t reused], ψ(v) = (s_v/P_v) Λ(v):
 * H(v, u) = Φ(v, u)/P_u, Φ(v, u) = Σ_{v ≤ w < u} D_w H(v, w), H(u, u) = 1/s_u;
 * C[t][u] = Γ(t, u)/P_u, Γ(t, u) = ζ(t) + η(t) + D_t S_t + Σ_{t<w<u} D_w C[t][w],
 *   ζ(t) = Σ_{t'<t} D_{t'} C[t'][t], η(t) = Σ_{v ≤ t} H(v, t) ψ(v);
 * S_u = [s_u + κ_u (Σ_{t<u} D_t(D_t − 1) S_t + 2 Σ_{w<u} D_w ζ(w) + 2 Σ_{w<u} D_w η(w))]/s_u².
 * O(M) work and memory per generation.
 *
 * @param F - The arithmetic.
 * @param input - `plan` (N, n, size (Infinity for Accumulate), M and the sample modes), `S0` = ‖p‖₂²
 *   and `cross` (also return the full matrix C).
 * @returns {@link EngineResult}.
 *
 * @example
 * ```ts
 * import { Rational } from 'model-collapse';
 * // Accumulate with N = 2, n = 1 (eq. 5 with n_0 = N, n_t = n), S0 = 1/2
 * const S0 = Rational.of(1, 2);
 * poolEngine(RATIONAL_FIELD, { plan: { kind: 'pool', M: 3, N: 2, n: 1, size: Infinity, reuseReal: true, reuseSynthetic: true }, S0, cross: false }).S.map(String); // => ['1/2', '3/4', '7/9', '19/24']
 * // Accumulate-subsample, size 2: a uniform 2-subset of the pool at every generation
 * poolEngine(RATIONAL_FIELD, { plan: { kind: 'pool', M: 3, N: 2, n: 1, size: 2, reuseReal: true, reuseSynthetic: true }, S0, cross: false }).S.map(String); // => ['1/2', '3/4', '5/6', '31/36']
 * ```
 */
export function poolEngine<T>(F: MomentField<T>, input: EngineInput<PoolPlan, T>): EngineResult<T> {
  const { plan, S0, cross } = input;
  const { M, N, n, size } = plan;
  const S: T[] = new Array<T>(M + 1).fill(F.zero);
  S[0] = S0;
  const C1: T[] = new Array<T>(M + 1).fill(F.zero);
  C1[0] = S0;
  const full: T[][] | null = cross ? Array.from({ length: M + 1 }, () => new Array<T>(M + 1).fill(F.zero)) : null;
  const NT = F.fromInt(N);
  const nT = F.fromInt(n);
  const D = (t: number): T => (t === 0 ? NT : nT);
  const Phi: T[] = new Array<T>(M + 1).fill(F.zero);
  const Gamma: T[] = new Array<T>(M + 1).fill(F.zero);
  const psi: T[] = new Array<T>(M + 1).fill(F.zero);
  const H: T[] = new Array<T>(M + 1).fill(F.zero);
  const column: T[] = new Array<T>(M + 1).fill(F.zero);
  let Q1 = F.mul(F.mul(NT, F.fromInt(N - 1)), S0);
  const nn1 = F.mul(nT, F.fromInt(n - 1));
  let Q2 = F.zero;
  let E = F.zero;
  let Lambda = plan.reuseReal ? F.mul(F.sub(F.one, S0), NT) : F.zero; // Λ(u)
  for (let u = 1; u <= M; u++) {
    const pool = N + (u - 1) * n;
    const s = Math.min(size, pool);
    const P = F.fromInt(pool);
    const sT = F.fromInt(s);
    const kappa = s <= 1 ? F.zero : F.div(F.mul(sT, F.fromInt(s - 1)), F.mul(P, F.fromInt(pool - 1)));
    psi[u] = F.div(F.mul(sT, Lambda), P);
    // H(·, u), C[·][u]
    for (let v = 1; v < u; v++) H[v] = F.div(Phi[v], P);
    H[u] = F.div(F.one, sT);
    column[0] = S0;
    for (let t = 1; t < u; t++) column[t] = F.div(Gamma[t], P);
    // S_u
    const inner = F.add(Q1, F.mul(F.fromInt(2), F.add(Q2, E)));
    S[u] = F.div(F.add(sT, F.mul(kappa, inner)), F.mul(sT, sT));
    if (u >= 2) C1[u] = column[1];
    C1[1] = S[1];
    if (full !== null) {
      full[0][0] = S0;
      full[u][u] = S[u];
      for (let t = 0; t < u; t++) {
        full[t][u] = column[t];
        full[u][t] = column[t];
      }
    }
    // updates: ζ(u), η(u), Γ, Φ, running sums
    let zeta = F.zero;
    for (let t = 0; t < u; t++) zeta = F.add(zeta, F.mul(D(t), column[t]));
    let eta = F.zero;
    for (let v = 1; v <= u; v++) if (!F.isZero(psi[v])) eta = F.add(eta, F.mul(H[v], psi[v]));
    const Du = nT;
    for (let t = 1; t < u; t++) Gamma[t] = F.add(Gamma[t], F.mul(Du, column[t]));
    Gamma[u] = F.add(F.add(zeta, eta), F.mul(Du, S[u]));
    for (let v = 1; v < u; v++) Phi[v] = F.add(Phi[v], F.mul(Du, H[v]));
    Phi[u] = F.mul(Du, H[u]);
    Q1 = F.add(Q1, F.mul(nn1, S[u]));
    Q2 = F.add(Q2, F.mul(Du, zeta));
    E = F.add(E, F.mul(Du, eta));
    if (plan.reuseSynthetic) Lambda = F.add(Lambda, F.mul(F.sub(F.one, S[u]), Du));
  }
  return { S, C1, cross: full };
}
