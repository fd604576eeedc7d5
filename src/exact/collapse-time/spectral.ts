/**
 * The spectral tail of the collapse-time law: exact right eigenvectors of the transient
 * Wright–Fisher block Q and a certified fit of an iterate to their span.
 *
 * **The eigenvectors.** P(k, l) = C(n, l)(k/n)^l(1 − k/n)^(n−l) maps the falling factorial
 * (l)_i to (n)_i·(k/n)^i = λ_i·k^i, λ_i = n!/((n − i)!·n^i), and k^i = Σ_t S(i, t)(k)_t
 * (Stirling numbers of the second kind), so P is upper triangular in the basis (k)_0, (k)_1, …
 * with eigenvalues λ_0 = λ_1 = 1 > λ_2 = 1 − 1/n > λ_3 > … The eigenvector of λ_J (J ≥ 2) is
 * r_J = Σ_{i ≤ J} a_i (k)_i with a_J = 1 and, back-substituting,
 * a_t = Σ_{i = t+1}^{J} a_i λ_i S(i, t) / (λ_J − λ_t); it vanishes at k = 0 and k = n (both are
 * absorbing and λ_J ≠ 1), so it is an eigenvector of Q as well. r_2 = k(n − k)·(const), and
 * r_J = k(n − k)·q_J(x) with x = (n − 2k)/n and q_J a polynomial of degree J − 2 and parity J.
 * The Chebyshev coefficients of q_J come from a back-substitution in doubles in an operator
 * computed in exact integer arithmetic ({@link eigenChebyshev}; the all-rational computation
 * is the test reference `test/exact/collapse-time/eigen-exact.ts`); q_J is then evaluated in
 * doubles by Clenshaw's recurrence (a
 * well-conditioned basis: the coefficients are scaled to max 1, so the evaluation error is a
 * few ulp times the degree).
 *
 * **The certified tail.** For ANY coefficients c_J, with u = Σ_J c_J r_J + z,
 * π·Q^i u = Σ_J c_J λ_J^i (π·r_J) + π·Q^i z, and since Q ≥ 0 and Q r_2 = λ_2 r_2 with r_2 > 0,
 * |z| ≤ θ·r_2 gives |π·Q^i z| ≤ θ·λ_2^i·(π·r_2). The c_J are a least-squares fit of u/r_2 by
 * q_2 … q_K on the grid; θ is the largest residual |u/r_2 − Σ c_J q_J| actually measured, plus
 * the evaluation error of the q_J and the truncation slack of the iterate. The components
 * J > K of the iterate decay relative to λ_2 like (λ_(K+1)/λ_2)^H ≈ exp(−H(K² + K − 2)/(2n)).
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { Rational } from '../../numeric/rational.ts';

/** Highest eigenvalue index used by the fit. */
export const SPECTRAL_MAX_INDEX = 26;

/** The eigenbasis q_2 … q_K of Q on the grid k = 1 … n − 1 (see module doc). */
export interface Eigenbasis {
  readonly n: number;
  /** Highest index K. */
  readonly K: number;
  /** log λ_J for J = 0 … K (index J). */
  readonly logLambda: Float64Array;
  /** q_J(x_k) at `values[(J − 2)·size + k − 1]`, J = 2 … K, x_k = (n − 2k)/n. */
  readonly values: Float64Array;
  /** Bound on the double evaluation error of q_J on the grid, per J (index J). */
  readonly evalError: Float64Array;
  /** Largest |q_J| on the grid, per J (index J). */
  readonly maxAbs: Float64Array;
  /** Orthonormal basis of span{q_2 … q_K} on the grid (modified Gram–Schmidt, twice), column-major. */
  readonly orth: Float64Array;
  /** The upper triangular R of q = orth·R, (K − 1)², row-major. */
  readonly rFactor: Float64Array;
}

// ---------------------------------------------------------------------------
// Exact eigenvectors

function stirling2(K: number): bigint[][] {
  const S2: bigint[][] = [[1n]];
  for (let i = 1; i <= K; i++) {
    const row: bigint[] = new Array<bigint>(i + 1).fill(0n);
    for (let t = 1; t <= i; t++) row[t] = (S2[i - 1][t - 1] ?? 0n) + BigInt(t) * (S2[i - 1][t] ?? 0n);
    S2.push(row);
  }
  return S2;
}

/**
 * The matrix of P̃q = P(r_2·q)/r_2 (r_2 = k(n − k)) on polynomials q of degree ≤ D in
 * x = (n − 2k)/n, in the Chebyshev basis: upper triangular with diagonal λ_(d+2). Entry
 * (e, d) at `[e·(D + 1) + d]`. Computed in exact integer arithmetic, then rounded once.
 */
export function conjugatedOperator(n: number, D: number): Float64Array {
  const N = BigInt(n);
  const S2 = stirling2(D + 2);
  const binom: bigint[][] = [[1n]];
  for (let m = 1; m <= D + 2; m++) {
    const row = [1n];
    for (let l = 1; l < m; l++) row.push(binom[m - 1][l - 1] + binom[m - 1][l]);
    row.push(1n);
    binom.push(row);
  }
  const fallingN: bigint[] = [1n];
  for (let t = 1; t <= D + 2; t++) fallingN.push(fallingN[t - 1] * (N - BigInt(t - 1)));
  const powN: bigint[] = [1n];
  for (let t = 1; t <= D + 2; t++) powN.push(powN[t - 1] * N);
  // Chebyshev T_d in monomials of x
  const cheb: bigint[][] = [[1n], [0n, 1n]];
  for (let d = 2; d <= D; d++) {
    const row = new Array<bigint>(d + 1).fill(0n);
    for (let i = 0; i < cheb[d - 1].length; i++) row[i + 1] += 2n * cheb[d - 1][i];
    for (let i = 0; i < cheb[d - 2].length; i++) row[i] -= cheb[d - 2][i];
    cheb.push(row);
  }
  const out = new Float64Array((D + 1) * (D + 1));
  for (let d = 0; d <= D; d++) {
    const E = d + 2;
    // (1 − x²)·T_d
    const f = new Array<bigint>(E + 1).fill(0n);
    for (let i = 0; i <= d; i++) {
      f[i] += cheb[d][i];
      f[i + 2] -= cheb[d][i];
    }
    // x = 1 − 2z: Σ f_i (1 − 2z)^i
    const g = new Array<bigint>(E + 1).fill(0n);
    for (let i = 0; i <= E; i++) {
      if (f[i] === 0n) continue;
      for (let j = 0; j <= i; j++) {
        const term = f[i] * binom[i][j] * (j % 2 === 0 ? 1n : -1n) * (1n << BigInt(j));
        g[j] += term;
      }
    }
    // apply P: z^j → Σ_t S(j, t)(n)_t n^(−j) z^t; scaled by n^E
    const h = new Array<bigint>(E + 1).fill(0n);
    for (let j = 0; j <= E; j++) {
      if (g[j] === 0n) continue;
      for (let t = 0; t <= j; t++) {
        if (S2[j][t] === 0n) continue;
        h[t] += g[j] * S2[j][t] * fallingN[t] * powN[E - j];
      }
    }
    // z = (1 − x)/2: Σ h_t 2^(−t)(1 − x)^t; scaled by 2^E
    const y = new Array<bigint>(E + 1).fill(0n);
    for (let t = 0; t <= E; t++) {
      if (h[t] === 0n) continue;
      const s = h[t] << BigInt(E - t);
      for (let i = 0; i <= t; i++) y[i] += s * binom[t][i] * (i % 2 === 0 ? 1n : -1n);
    }
    // divide by (1 − x²): y_i = q_i − q_(i−2)
    const q = new Array<bigint>(d + 1).fill(0n);
    for (let i = E; i >= 2; i--) q[i - 2] = (i <= d ? q[i] : 0n) - y[i];
    if (y[0] !== q[0] || y[1] !== (d >= 1 ? q[1] : 0n)) throw new Error('spectral: P(r_2 T_d) does not vanish at the boundary');
    // monomials → Chebyshev: x^m = 2^(1−m) Σ_l C(m, l) T_|m−2l| (halved for T_0); scaled by 2^d
    const c = new Array<bigint>(d + 1).fill(0n);
    for (let m = 0; m <= d; m++) {
      if (q[m] === 0n) continue;
      // 2^d·x^m = 2^(d−m)·Σ_l C(m, l) T_|m−2l| ... with T_|m−2l| counted from both l and m − l
      const s = q[m] << BigInt(d - m);
      for (let l = 0; l <= m; l++) c[Math.abs(m - 2 * l)] += s * binom[m][l];
    }
    const scale = powN[E] * (1n << BigInt(E)) * (1n << BigInt(d));
    for (let e = 0; e <= d; e++) out[e * (D + 1) + d] = c[e] === 0n ? 0 : Rational.of(c[e], scale).toNumber();
  }
  return out;
}

/**
 * Chebyshev coefficients of q_J(x) = r_J/(k(n − k)) for J = 2 … K, each scaled to max
 * |coefficient| 1: back-substitution, in doubles, in the upper triangular
 * {@link conjugatedOperator} (its off-diagonal entries are O(d²/n) and the eigenvalue gaps
 * λ_(d+2) − λ_J are O((J² − d²)/n), so the recurrence is well conditioned).
 */
export function eigenChebyshev(n: number, K: number): Float64Array[] {
  const D = K - 2;
  const M = conjugatedOperator(n, D);
  const logLambda = new Float64Array(K + 1);
  for (let J = 1; J <= K; J++) logLambda[J] = logLambda[J - 1] + Math.log1p(-(J - 1) / n);
  const out: Float64Array[] = [];
  for (let J = 2; J <= K; J++) {
    const top = J - 2;
    const a = new Float64Array(top + 1);
    a[top] = 1;
    for (let d = top - 1; d >= 0; d--) {
      let s = 0;
      for (let e = d + 1; e <= top; e++) s += M[d * (D + 1) + e] * a[e];
      // λ_J − λ_(d+2) = λ_(d+2)·expm1(log λ_J − log λ_(d+2)), without cancellation
      const gap = Math.exp(logLambda[d + 2]) * Math.expm1(logLambda[J] - logLambda[d + 2]);
      a[d] = s / gap;
    }
    let max = 0;
    for (let m = 0; m <= top; m++) max = Math.max(max, Math.abs(a[m]));
    for (let m = 0; m <= top; m++) a[m] /= max;
    out.push(a);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The basis on the grid

const U = 2 ** -53;
const cache = new Map<number, Eigenbasis>();

/** The eigenbasis of Q for sample size n ≥ 3 (cached per n; O(n·K²) doubles work plus the exact part). */
export function eigenbasis(n: number, K: number = SPECTRAL_MAX_INDEX): Eigenbasis {
  const hit = cache.get(n);
  if (hit !== undefined && hit.K >= K) return hit;
  const Kc = Math.min(K, n); // r_J exists for J ≤ n
  const size = n - 1;
  const cheb = eigenChebyshev(n, Kc);
  const cols = Kc - 1;
  const values = new Float64Array(cols * size);
  const evalError = new Float64Array(Kc + 1);
  const maxAbs = new Float64Array(Kc + 1);
  for (let J = 2; J <= Kc; J++) {
    const c = cheb[J - 2];
    let sumAbs = 0;
    for (let m = 0; m < c.length; m++) sumAbs += Math.abs(c[m]);
    let mx = 0;
    const base = (J - 2) * size;
    for (let i = 0; i < size; i++) {
      const x = (n - 2 * (i + 1)) / n;
      // Clenshaw
      let b1 = 0;
      let b2 = 0;
      for (let m = c.length - 1; m >= 1; m--) {
        const t = 2 * x * b1 - b2 + c[m];
        b2 = b1;
        b1 = t;
      }
      const v = x * b1 - b2 + c[0];
      values[base + i] = v;
      if (Math.abs(v) > mx) mx = Math.abs(v);
    }
    maxAbs[J] = mx;
    // Clenshaw's error is ≲ (degree + 1)²·Σ|c|·u (a conservative rule); x_k itself is rounded by ≤ u.
    evalError[J] = 4 * (c.length + 1) ** 2 * sumAbs * U;
  }
  const logLambda = new Float64Array(Kc + 1);
  for (let J = 1; J <= Kc; J++) logLambda[J] = logLambda[J - 1] + Math.log1p(-(J - 1) / n);
  // QR by modified Gram–Schmidt with one reorthogonalisation.
  const orth = values.slice();
  const rFactor = new Float64Array(cols * cols);
  for (let c = 0; c < cols; c++) {
    const vc = orth.subarray(c * size, (c + 1) * size);
    for (let pass = 0; pass < 2; pass++) {
      for (let d = 0; d < c; d++) {
        const vd = orth.subarray(d * size, (d + 1) * size);
        let dot = 0;
        for (let i = 0; i < size; i++) dot += vd[i] * vc[i];
        rFactor[d * cols + c] += dot;
        for (let i = 0; i < size; i++) vc[i] -= dot * vd[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < size; i++) norm += vc[i] * vc[i];
    norm = Math.sqrt(norm);
    rFactor[c * cols + c] = norm;
    for (let i = 0; i < size; i++) vc[i] /= norm;
  }
  const basis: Eigenbasis = { n, K: Kc, logLambda, values, evalError, maxAbs, orth, rFactor };
  cache.set(n, basis);
  if (cache.size > 8) cache.delete(cache.keys().next().value as number);
  return basis;
}

// ---------------------------------------------------------------------------
// Fit and tail

/** A certified spectral representation of π·Q^i v for i ≥ 0 (see module doc). */
export interface SpectralTail {
  /** Eigen-coefficients c_J (index J − 2). */
  readonly c: Float64Array;
  /** π̂·r_J with r_J = k(n − k)·q_J (index J − 2). */
  readonly piR: Float64Array;
  /** log λ_J (index J − 2). */
  readonly logLambda: Float64Array;
  /** log λ_2. */
  readonly logLambda2: number;
  /** The error at i is at most bound·λ_2^i. */
  readonly bound: number;
  /** Largest measured residual |v/r_2 − Σ c_J q_J| (diagnostic). */
  readonly residual: number;
}

/**
 * Fits v (an iterate Q̂^H·start, with componentwise slack `slack` against the exact-arithmetic
 * iterate) by the eigenbasis and returns the certified tail of π·Q^i v; `pi` is π̂ and
 * `piL1Error` bounds ‖π − π̂‖₁.
 */
export function spectralTail(
  basis: Eigenbasis,
  v: Float64Array,
  slack: number,
  pi: Float64Array,
  piL1Error: number,
): SpectralTail {
  const { n, K, values, orth, rFactor } = basis;
  const size = n - 1;
  const cols = K - 1;
  const f = new Float64Array(size);
  const r2 = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const k = i + 1;
    r2[i] = k * (n - k);
    f[i] = v[i] / r2[i];
  }
  // β = Qᵀf, twice (the second pass on the residual), then c = R⁻¹β.
  const beta = new Float64Array(cols);
  const res = f.slice();
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < cols; c++) {
      const qc = orth.subarray(c * size, (c + 1) * size);
      let dot = 0;
      for (let i = 0; i < size; i++) dot += qc[i] * res[i];
      beta[c] += dot;
      for (let i = 0; i < size; i++) res[i] -= dot * qc[i];
    }
  }
  const c = new Float64Array(cols);
  for (let a = cols - 1; a >= 0; a--) {
    let s = beta[a];
    for (let b = a + 1; b < cols; b++) s -= rFactor[a * cols + b] * c[b];
    c[a] = s / rFactor[a * cols + a];
  }
  // The residual measured with the basis values themselves (what the bound is about).
  let residual = 0;
  const fit = new Float64Array(size);
  for (let a = 0; a < cols; a++) {
    const ca = c[a];
    const qa = values.subarray(a * size, (a + 1) * size);
    for (let i = 0; i < size; i++) fit[i] += ca * qa[i];
  }
  for (let i = 0; i < size; i++) {
    const w = Math.abs(f[i] - fit[i]);
    if (w > residual) residual = w;
  }
  // π̂·r_J, π̂·r_2
  const piR = new Float64Array(cols);
  let piR2 = 0;
  for (let i = 0; i < size; i++) piR2 += pi[i] * r2[i];
  for (let a = 0; a < cols; a++) {
    const qa = values.subarray(a * size, (a + 1) * size);
    let s = 0;
    for (let i = 0; i < size; i++) s += pi[i] * r2[i] * qa[i];
    piR[a] = s;
  }
  // θ: residual + evaluation error of Σ c_J q_J (and of the fit sum) + the iterate's slack / min r_2.
  let evalTerm = 0;
  let piTerm = 0;
  const maxR2 = (n * n) / 4;
  for (let a = 0; a < cols; a++) {
    const J = a + 2;
    const ca = Math.abs(c[a]);
    evalTerm += ca * (basis.evalError[J] + (cols + 2) * U * basis.maxAbs[J]);
    piTerm += ca * piL1Error * maxR2 * (basis.maxAbs[J] + basis.evalError[J]);
  }
  const theta = residual * (1 + 4 * U) + evalTerm + slack / (n - 1) + size * U * Math.abs(f[0]);
  const piR2Upper = piR2 * (1 + size * U) + piL1Error * maxR2;
  // the computed π̂·r_J differ from π·r_J by the q_J evaluation error and the π truncation
  let piEval = 0;
  for (let a = 0; a < cols; a++) piEval += Math.abs(c[a]) * (basis.evalError[a + 2] + size * U * basis.maxAbs[a + 2]) * piR2;
  const bound = theta * piR2Upper + piEval + piTerm;
  const logLambda = basis.logLambda.slice(2, K + 1);
  return { c, piR, logLambda, logLambda2: basis.logLambda[2], bound, residual };
}

/** π·Q^i v and its certified error bound (see {@link spectralTail}). */
export function evaluateTail(t: SpectralTail, i: number): { value: number; bound: number } {
  let value = 0;
  for (let a = 0; a < t.c.length; a++) {
    const w = t.c[a] * t.piR[a];
    if (w === 0) continue;
    value += w * Math.exp(i * t.logLambda[a]);
  }
  return { value, bound: t.bound * Math.exp(i * t.logLambda2) };
}

/** The tail's certified relative error at i = 0 and as i → ∞ (the larger). */
export function tailRelativeError(t: SpectralTail): number {
  const at0 = evaluateTail(t, 0);
  const lead = t.c[0] * t.piR[0];
  if (!(at0.value > 0) || !(lead > 0)) return Infinity;
  return Math.max(at0.bound / at0.value, t.bound / lead);
}
