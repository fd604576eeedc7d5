/**
 * An independent, slow reference for the law of the collapse time (test-only): the per-token
 * Wright–Fisher chain iterated directly, with every transition probability taken from
 * @stdlib's binomial pmf and kept wherever it exceeds 1e-30 (so each row drops < n·1e-30), and
 * P(T > m) = π·Q^(m−1)a, P(T = m) = π·Q^(m−2)b summed in plain doubles. It shares no code with
 * `src/exact/` (no band, no Chernoff windows, no spectral tail).
 */
import binomialPmfStdlib from '@stdlib/stats-base-dists-binomial-pmf';

export interface DirectLaw {
  /** survival[m] = P(T > m), m = 0 … M. */
  survival: Float64Array;
  /** pmf[m] = P(T = m). */
  pmf: Float64Array;
}

export function directLaw(p: number[], n: number, M: number): DirectLaw {
  const size = n - 1;
  const cols: Int32Array[] = [];
  const vals: Float64Array[] = [];
  for (let k = 1; k <= size; k++) {
    const c: number[] = [];
    const v: number[] = [];
    for (let l = 1; l <= size; l++) {
      const q = binomialPmfStdlib(l, n, k / n);
      if (q > 1e-30) {
        c.push(l - 1);
        v.push(q);
      }
    }
    cols.push(Int32Array.from(c));
    vals.push(Float64Array.from(v));
  }
  const pi = new Float64Array(size);
  for (const x of p) for (let l = 1; l <= size; l++) pi[l - 1] += binomialPmfStdlib(l, n, x);
  let u = Float64Array.from({ length: size }, (_, i) => (i + 1) / n);
  let e = Float64Array.from({ length: size }, (_, i) => ((i + 1) / n) ** n);
  let nu = new Float64Array(size);
  let ne = new Float64Array(size);
  const survival = new Float64Array(M + 1);
  const pmf = new Float64Array(M + 1);
  const dot = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  };
  survival[0] = 1;
  pmf[1] = p.reduce((s, x) => s + x ** n, 0);
  survival[1] = dot(pi, u);
  for (let m = 2; m <= M; m++) {
    pmf[m] = dot(pi, e); // π·Q^(m−2)b
    for (let k = 0; k < size; k++) {
      const c = cols[k];
      const v = vals[k];
      let su = 0;
      let se = 0;
      for (let t = 0; t < c.length; t++) {
        su += v[t] * u[c[t]];
        se += v[t] * e[c[t]];
      }
      nu[k] = su;
      ne[k] = se;
    }
    [u, nu] = [nu, u];
    [e, ne] = [ne, e];
    survival[m] = dot(pi, u); // π·Q^(m−1)a
  }
  return { survival, pmf };
}
