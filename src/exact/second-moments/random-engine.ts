/**
 * The random-split engine behind `exactSecondMoments` for Randomly Sampled
 * Data (§4.2: the counts n_t^(u) of eq. 5 are a multinomial split drawn anew
 * at every generation), generic over a {@link MomentField}; notation in engine.ts.
 *
 * @module
 */
import type { EngineInput, EngineResult } from './engine.ts';
import type { MomentField } from './field.ts';

export { NUMBER_FIELD, RATIONAL_FIELD } from './field.ts';

/** Randomly Sampled Data (§4.2): n_t^(u) ~ Mult(n; 1/u, …, 1/u) in eq. 5. */
export interface RandomPlan {
  readonly kind: 'random';
  readonly M: number;
  readonly n: number;
  readonly reuseReal: boolean;
  readonly reuseSynthetic: boolean;
}

/**
 * Cost estimate of {@link randomEngine} (Randomly Sampled Data, §4.2): O(M²·n)
 * multiply-adds and O(M·n) memory when a source is reused, O(M²) and O(M) otherwise.
 *
 * @param plan - The schedule's parameters.
 * @param cross - Whether the full matrix C is requested ((M + 1)² more entries).
 * @returns Operations and bytes.
 *
 * @example
 * ```ts
 * randomCost({ kind: 'random', M: 500, n: 10, reuseReal: true, reuseSynthetic: false }, false).operations; // => 3278500
 * ```
 */
export function randomCost(plan: RandomPlan, cross: boolean): { operations: number; bytes: number } {
  const { M, n } = plan;
  const reuse = plan.reuseReal || plan.reuseSynthetic;
  const operations = (M * (M + 1)) / 2 * (reuse ? 2 * (n + 1) + 4 : 4) + M * (n + 1) * 4;
  const bytes = 8 * (reuse ? 2 * M * (n + 1) : n + 1) + 8 * 10 * (M + 1) + (cross ? 8 * (M + 1) * (M + 1) : 0);
  return { operations, bytes };
}

/**
 * The Randomly Sampled Data engine (§4.2; eq. 5 with a multinomial split
 * n_t^(u) ~ Mult(n; 1/u, …, 1/u) drawn anew at every generation), averaging
 * the recursion of Theorems 1–2's proofs over the splits exactly. With X_u ~ Bin(n, 1/u) (one source's count at u),
 * T_u(k) = P(X_u ≥ k), a_u(k) = E[(n − X_u) 1{X_u ≥ k}], ρ(v) = Σ_{t < v} (1 − S_t)·[t reused]:
 * H(v, u) = Hs(v, u)/u, Hs(v, u) = Σ_{v ≤ w < u} H(v, w);
 * C[t][u] = (colSum(t) + S_t + Σ_{t<w<u} C[t][w])/u + (1/n) Σ_k T_u(k) Y_t(k),
 *   Y_t(k) = Σ_{v ≤ t} H(v, t) ρ(v) T_v(k)  (E min(X_u, X_v) = Σ_k T_u(k) T_v(k));
 * S_u = [n + n(n−1)/u² (Σ_{t<u} S_t + 2 Σ_{t<w<u} C[t][w]) + (2/(u−1)) Σ_k a_u(k) Σ_{w<u} Y_w(k)]/n².
 *
 * @param F - The arithmetic.
 * @param input - `plan` (n, M and the sample modes), `S0` = ‖p‖₂² and `cross` (also return the full matrix C).
 * @returns {@link EngineResult}.
 *
 * @example
 * ```ts ignore
 * const plan = { kind: 'random', M: 2, n: 2, reuseReal: true, reuseSynthetic: false };
 * randomEngine(RATIONAL_FIELD, { plan, S0: Rational.of(1, 2), cross: false }).S.map(String); // => ['1/2', '3/4', '27/32']
 * randomEngine(NUMBER_FIELD, { plan, S0: 0.5, cross: false }).S[2]; // => 0.84375
 * ```
 */
export function randomEngine<T>(F: MomentField<T>, input: EngineInput<RandomPlan, T>): EngineResult<T> {
  const { plan, S0, cross } = input;
  const { M, n } = plan;
  const nT = F.fromInt(n);
  const nn1 = F.mul(nT, F.fromInt(n - 1));
  const reuse = plan.reuseReal || plan.reuseSynthetic;
  const S: T[] = new Array<T>(M + 1).fill(F.zero);
  S[0] = S0;
  const C1: T[] = new Array<T>(M + 1).fill(F.zero);
  C1[0] = S0;
  const full: T[][] | null = cross ? Array.from({ length: M + 1 }, () => new Array<T>(M + 1).fill(F.zero)) : null;
  const Hs: T[] = new Array<T>(M + 1).fill(F.zero); // Σ_{v ≤ w < u} H(v, w)
  const colSum: T[] = new Array<T>(M + 1).fill(F.zero); // Σ_{t < w} C[t][w]
  const Rs: T[] = new Array<T>(M + 1).fill(F.zero); // Σ_{t < w < u} C[t][w]
  const rho: T[] = new Array<T>(M + 2).fill(F.zero);
  rho[1] = plan.reuseReal ? F.sub(F.one, S0) : F.zero;
  let sumS = S0; // Σ_{t < u} S_t
  let pairSum = F.zero; // Σ_{w < u} colSum(w)
  // tails T_v(k), k = 1…len, and Y_t(k); Z(k) = Σ_{w < u} Y_w(k)
  const tails: T[][] = new Array<T[]>(M + 1);
  const Y: T[][] = new Array<T[]>(M + 1);
  const Z: T[] = new Array<T>(n + 1).fill(F.zero);
  const column: T[] = new Array<T>(M + 1).fill(F.zero);
  const H: T[] = new Array<T>(M + 1).fill(F.zero);
  for (let u = 1; u <= M; u++) {
    const uT = F.fromInt(u);
    let Tu: T[] = [];
    let au: T[] = [];
    if (reuse) {
      const pmf = F.binomialPmf(n, u);
      // T_u(k) = Σ_{j ≥ k} pmf(j), a_u(k) = Σ_{j ≥ k} (n − j) pmf(j), k = 1…n (index k − 1)
      Tu = new Array<T>(n);
      au = new Array<T>(n);
      let tail = F.zero;
      let atail = F.zero;
      for (let k = n; k >= 1; k--) {
        tail = F.add(tail, pmf[k]);
        atail = F.add(atail, F.mul(F.fromInt(n - k), pmf[k]));
        Tu[k - 1] = tail;
        au[k - 1] = atail;
      }
      let len = n;
      while (len > 0 && F.isZero(Tu[len - 1])) len--;
      Tu.length = len;
      tails[u] = Tu;
    }
    // H(·, u)
    for (let v = 1; v < u; v++) H[v] = F.div(Hs[v], uT);
    H[u] = F.div(F.one, nT);
    // C[t][u]
    column[0] = S0;
    let colTotal = S0;
    for (let t = 1; t < u; t++) {
      let c = F.div(F.add(F.add(colSum[t], S[t]), Rs[t]), uT);
      if (reuse) {
        const y = Y[t];
        const len = Math.min(Tu.length, y.length);
        let ov = F.zero;
        for (let k = 0; k < len; k++) ov = F.add(ov, F.mul(Tu[k], y[k]));
        c = F.add(c, F.div(ov, nT));
      }
      column[t] = c;
      colTotal = F.add(colTotal, c);
    }
    // S_u
    let acc = F.add(nT, F.mul(F.div(nn1, F.mul(uT, uT)), F.add(sumS, F.add(pairSum, pairSum))));
    if (reuse && u >= 2) {
      let ov = F.zero;
      for (let k = 0; k < Tu.length; k++) ov = F.add(ov, F.mul(au[k], Z[k]));
      acc = F.add(acc, F.div(F.add(ov, ov), F.fromInt(u - 1)));
    }
    S[u] = F.div(acc, F.mul(nT, nT));
    // updates
    if (u >= 2) C1[u] = column[1];
    C1[1] = S[1];
    if (full !== null) {
      full[u][u] = S[u];
      for (let t = 0; t < u; t++) {
        full[t][u] = column[t];
        full[u][t] = column[t];
      }
      full[0][0] = S0;
    }
    colSum[u] = colTotal;
    for (let t = 1; t < u; t++) Rs[t] = F.add(Rs[t], column[t]);
    for (let v = 1; v < u; v++) Hs[v] = F.add(Hs[v], H[v]);
    Hs[u] = H[u];
    sumS = F.add(sumS, S[u]);
    pairSum = F.add(pairSum, colTotal);
    rho[u + 1] = plan.reuseSynthetic ? F.add(rho[u], F.sub(F.one, S[u])) : rho[u];
    if (reuse) {
      // Y_u(k) = Σ_{v ≤ u} H(v, u) ρ(v) T_v(k)
      const y: T[] = new Array<T>(n).fill(F.zero);
      for (let v = 1; v <= u; v++) {
        if (F.isZero(rho[v])) continue;
        const w = F.mul(H[v], rho[v]);
        const tv = tails[v];
        const len = Math.min(tv.length, y.length);
        for (let k = 0; k < len; k++) y[k] = F.add(y[k], F.mul(w, tv[k]));
      }
      Y[u] = y;
      for (let k = 0; k < y.length; k++) Z[k] = F.add(Z[k], y[k]);
    }
  }
  return { S, C1, cross: full };
}
