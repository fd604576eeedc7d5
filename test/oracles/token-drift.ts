/**
 * Independent oracle for the Partially Synthetic drift of small settings, written from the
 * model (not from src/exact): one token of probability x, real count C ~ Bin(N, x), synthetic
 * count Z^(2) ~ Bin(n, C/N), Z^(m) ~ Bin(n, (C + Z^(m−1))/(N + n)); the drift of a p is
 * Σ_i E|p_i^(M) − p_i^(1)| = Σ_i f(p_i), f(x) = Σ_c Bin(N, x)(c)·E[|N·Z^(M) − n·c| | c]/(N(N + n)).
 * Dense transition matrices over z = 0…n, the stationary law by a dense linear solve,
 * binomial pmfs from log-factorial tables.
 * Plus a search over p for the worst case: uniform, sparse, two-level, Dirichlet draws and
 * pairwise exchanges of mass.
 */

function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) out[k] = out[k - 1] + Math.log(k);
  return out;
}

function binomialPmf(lf: Float64Array, n: number, k: number, x: number): number {
  if (x <= 0) return k === 0 ? 1 : 0;
  if (x >= 1) return k === n ? 1 : 0;
  return Math.exp(lf[n] - lf[k] - lf[n - k] + k * Math.log(x) + (n - k) * Math.log1p(-x));
}

/** The stationary law π = πP of a small dense stochastic matrix (Gaussian elimination with partial pivoting). */
function stationaryLaw(P: Float64Array[]): Float64Array {
  const k = P.length;
  // Rows of A: the equations Σ_z π_z (P[z][w] − δ_zw) = 0 for w < k − 1, and Σ_z π_z = 1.
  const A: number[][] = [];
  for (let w = 0; w < k; w++) {
    const row: number[] = [];
    for (let z = 0; z < k; z++) row.push(w === k - 1 ? 1 : P[z][w] - (z === w ? 1 : 0));
    row.push(w === k - 1 ? 1 : 0);
    A.push(row);
  }
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    [A[col], A[pivot]] = [A[pivot], A[col]];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const factor = A[r][col] / A[col][col];
      if (factor === 0) continue;
      for (let j = col; j <= k; j++) A[r][j] -= factor * A[col][j];
    }
  }
  const out = new Float64Array(k);
  for (let z = 0; z < k; z++) out[z] = Math.max(0, A[z][k] / A[z][z]);
  return out;
}

/** f(x) for (N, n, M) (M = null: the m → ∞ limit), with g(c) tabulated once. */
export function tokenDriftOracle(N: number, n: number, M: number | null): (x: number) => number {
  const lfN = logFactorials(N);
  const lfn = logFactorials(n);
  const g = new Float64Array(N + 1);
  for (let c = 0; c <= N; c++) {
    let law: Float64Array = new Float64Array(n + 1);
    for (let z = 0; z <= n; z++) law[z] = binomialPmf(lfn, n, z, c / N);
    const P: Float64Array[] = [];
    for (let z = 0; z <= n; z++) {
      const row = new Float64Array(n + 1);
      for (let w = 0; w <= n; w++) row[w] = binomialPmf(lfn, n, w, (c + z) / (N + n));
      P.push(row);
    }
    if (M === null) law = stationaryLaw(P);
    else {
      for (let t = 0; t < M - 2; t++) {
        const next = new Float64Array(n + 1);
        for (let z = 0; z <= n; z++) for (let w = 0; w <= n; w++) next[w] += law[z] * P[z][w];
        law = next;
      }
    }
    let e = 0;
    for (let z = 0; z <= n; z++) e += law[z] * Math.abs(N * z - n * c);
    g[c] = e / (N * (N + n));
  }
  const memo = new Map<number, number>();
  return (x: number): number => {
    const known = memo.get(x);
    if (known !== undefined) return known;
    let sum = 0;
    for (let c = 0; c <= N; c++) sum += binomialPmf(lfN, N, c, x) * g[c];
    if (memo.size < 1_000_000) memo.set(x, sum);
    return sum;
  };
}

/** A seeded uniform generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gamma(u: () => number, shape: number): number {
  // Marsaglia–Tsang, with the boost for shape < 1.
  if (shape < 1) return gamma(u, shape + 1) * Math.pow(u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      const u1 = u();
      const u2 = u();
      x = Math.sqrt(-2 * Math.log(u1 || 1e-300)) * Math.cos(2 * Math.PI * u2);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** The largest Σ f(p_i) found over p on s tokens, and that p. */
export function searchWorstDrift(f: (x: number) => number, s: number, seed = 1): { value: number; p: number[] } {
  let best = { value: -Infinity, p: [] as number[] };
  const total = (p: number[]): number => p.reduce((acc, x) => acc + f(x), 0);
  const consider = (p: number[]): void => {
    const v = total(p);
    if (v > best.value) best = { value: v, p: [...p] };
  };
  for (let t = 1; t <= s; t++) consider(Array.from({ length: s }, (_, i) => (i < t ? 1 / t : 0)));
  for (let t = 2; t <= s; t++) {
    for (let k = 1; k < t; k++) {
      for (let j = 1; j < 300; j++) {
        const a = j / (300 * k);
        const b = (1 - k * a) / (t - k);
        if (b < 0) continue;
        consider(Array.from({ length: s }, (_, i) => (i < k ? a : i < t ? b : 0)));
      }
    }
  }
  const u = rng(seed);
  for (const shape of [0.3, 1, 3, 30]) {
    for (let r = 0; r < 100; r++) {
      const w = Array.from({ length: s }, () => gamma(u, shape));
      const sum = w.reduce((a, b) => a + b, 0);
      consider(w.map((x) => x / sum));
    }
  }
  // Pairwise exchanges of mass from the best p.
  const p = [...best.p];
  for (let sweep = 0; sweep < 8; sweep++) {
    let improved = false;
    for (let i = 0; i < s; i++) {
      for (let j = i + 1; j < s; j++) {
        const m = p[i] + p[j];
        let bestT = p[i];
        let bestV = f(p[i]) + f(p[j]);
        for (let k = 0; k <= 120; k++) {
          const t = (m * k) / 120;
          const v = f(t) + f(m - t);
          if (v > bestV + 1e-16) {
            bestV = v;
            bestT = t;
          }
        }
        // Golden refinement around the best grid point.
        let lo = Math.max(0, bestT - m / 120);
        let hi = Math.min(m, bestT + m / 120);
        for (let it = 0; it < 40; it++) {
          const m1 = lo + (hi - lo) * 0.382;
          const m2 = hi - (hi - lo) * 0.382;
          if (f(m1) + f(m - m1) < f(m2) + f(m - m2)) lo = m1;
          else hi = m2;
        }
        const tg = 0.5 * (lo + hi);
        if (f(tg) + f(m - tg) > bestV) {
          bestV = f(tg) + f(m - tg);
          bestT = tg;
        }
        if (bestT !== p[i]) {
          const before = f(p[i]) + f(p[j]);
          if (bestV > before + 1e-16) {
            p[i] = bestT;
            p[j] = m - bestT;
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }
  consider(p);
  return best;
}
