import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import binomialPmfStdlib from '@stdlib/stats-base-dists-binomial-pmf';
import {
  approximateCollapseTime,
  CollapseCostError,
  exactCollapseProbability,
  exactCollapseTime,
  exactCollapseTimeCost,
  fixationProbabilities,
  lossProbabilities,
  tokenCollapseTimes,
} from '../../../src/exact/collapse-time/index.ts';
import { collapseProbabilityBounds, collapseTimeBounds } from '../../../src/theory/fully-synthetic.ts';
import { ParameterRangeError, ParameterTypeError } from '../../../src/validate.ts';
import { ExactComputationTooLargeError } from '../../../src/exact/too-large.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { Precise, type PreciseValue } from '../../../src/numeric/precise.ts';
import { createRng } from '../../../src/random/rng.ts';
import { sampleMultinomialUnchecked } from '../../../src/random/multinomial.ts';
import {
  fullySyntheticExpectedCollapseTime,
  fullySyntheticFixationProbabilities,
  fullySyntheticLaw,
  rationals,
} from '../../oracles/wright-fisher.ts';
import { relErr } from '../../helpers.ts';

const toNumbers = (p: readonly Rational[]): number[] => p.map((x) => x.toNumber());

/** Exact cases for the enumeration oracle (s ≤ 4 tokens, n ≤ 6). */
const ORACLE_CASES: Array<{ p: Rational[]; n: number }> = [
  { p: rationals('1/2', '1/2'), n: 2 },
  { p: rationals('1/2', '1/2'), n: 3 },
  { p: rationals('1/2', '1/3', '1/6'), n: 4 },
  { p: rationals('1/10', '9/10'), n: 6 },
  { p: rationals('1/4', '1/4', '1/4', '1/4'), n: 3 },
  { p: rationals('1/5', '1/5', '3/5', '0'), n: 5 },
  { p: rationals('2/7', '5/7'), n: 5 },
  { p: rationals('1/3', '1/3', '1/3'), n: 6 },
];

describe('exactCollapseTime against exhaustive enumeration (exact rationals)', () => {
  it('reproduces the hand-checked values of the brief', () => {
    expect(exactCollapseTime([0.5, 0.5], { n: 2 }).mean).toBe(2);
    expect(relErr(exactCollapseTime([0.5, 0.5], { n: 2 }).secondMoment, 6)).toBeLessThan(1e-15);
    expect(relErr(exactCollapseTime([0.5, 0.5], { n: 3 }).mean, 13 / 4)).toBeLessThan(1e-15);
    expect(relErr(exactCollapseTime([0.5, 0.5], { n: 3 }).secondMoment, 67 / 4)).toBeLessThan(1e-15);
    expect(relErr(exactCollapseTime([1 / 2, 1 / 3, 1 / 6], { n: 4 }).mean, 59878 / 11745)).toBeLessThan(1e-14);
  });

  it('mean and variance to 1e-12 relative', () => {
    for (const { p, n } of ORACLE_CASES) {
      const { ET, ET2 } = fullySyntheticExpectedCollapseTime(p, n);
      const exact = exactCollapseTime(toNumbers(p), { n });
      const variance = ET2.sub(ET.mul(ET)).toNumber();
      expect(relErr(exact.mean, ET.toNumber())).toBeLessThanOrEqual(1e-12);
      expect(relErr(exact.secondMoment, ET2.toNumber())).toBeLessThanOrEqual(1e-12);
      expect(relErr(exact.variance, variance)).toBeLessThanOrEqual(1e-12);
      // n ≤ 6: the band covers all of Q, nothing is truncated.
      expect(exact.droppedRowMass).toBe(0);
      expect(exact.relativeErrorBound).toBe(0);
    }
  });

  it('ρ_m, pmf and survival to 1e-12 relative for m = 0..8 (also via exactCollapseProbability)', () => {
    for (const { p, n } of ORACLE_CASES.slice(0, 6)) {
      const M = 8;
      const law = fullySyntheticLaw(p, n, M);
      const exact = exactCollapseTime(toNumbers(p), { n });
      for (let m = 1; m <= M; m++) {
        const rho = law.rho[m];
        expect(relErr(exact.cdf(m), rho.toNumber())).toBeLessThanOrEqual(1e-12);
        expect(relErr(exact.survival(m), Rational.ONE.sub(rho).toNumber())).toBeLessThanOrEqual(1e-12);
        expect(relErr(exact.pmf(m), rho.sub(law.rho[m - 1]).toNumber())).toBeLessThanOrEqual(1e-12);
        expect(relErr(exactCollapseProbability(m, toNumbers(p), { n }), rho.toNumber())).toBeLessThanOrEqual(1e-12);
      }
      expect(exact.cdf(0)).toBe(0);
      expect(exactCollapseProbability(0, toNumbers(p), { n })).toBe(law.rho[0].toNumber());
    }
  });

  it('per-token P(p^(m) = δ_i) and P(p_i^(m) = 0) to 1e-12 relative; the limits are the oracle fixation probabilities', () => {
    for (const { p, n } of ORACLE_CASES.slice(1, 6)) {
      const M = 5;
      const law = fullySyntheticLaw(p, n, M);
      const probs = toNumbers(p);
      for (let m = 1; m <= M; m++) {
        const fixed = fixationProbabilities(probs, { n, m });
        const lost = lossProbabilities(probs, { n, m });
        for (let i = 0; i < p.length; i++) {
          let onto = Rational.ZERO;
          let gone = Rational.ZERO;
          for (const st of law.states[m]) {
            if (st.counts?.[i] === n) onto = onto.add(st.probability);
            if (st.counts?.[i] === 0) gone = gone.add(st.probability);
          }
          expect(relErr(fixed[i], onto.toNumber())).toBeLessThanOrEqual(1e-12);
          expect(relErr(lost[i], gone.toNumber())).toBeLessThanOrEqual(1e-12);
        }
      }
      const limit = fullySyntheticFixationProbabilities(p, n).map((x) => x.toNumber());
      const ours = fixationProbabilities(probs, { n });
      for (let i = 0; i < p.length; i++) expect(relErr(ours[i], limit[i])).toBeLessThanOrEqual(1e-15);
      // and the finite-m probabilities approach the limit from below
      const late = fixationProbabilities(probs, { n, m: 200 });
      for (let i = 0; i < p.length; i++) expect(relErr(late[i], limit[i])).toBeLessThanOrEqual(1e-12);
    }
  });

  it('per-token times: Σ p_i E[T | i] = E[T], E[τ_i] = p_i E[T | i] + (1 − p_i) E[L_i | lost], and with two tokens E[L_1 | lost] = E[T | 2]', () => {
    for (const { p, n } of ORACLE_CASES) {
      const probs = toNumbers(p);
      const times = tokenCollapseTimes(probs, { n });
      const { ET } = fullySyntheticExpectedCollapseTime(p, n);
      let sum = 0;
      for (let i = 0; i < probs.length; i++) {
        const x = probs[i];
        if (x === 0) {
          expect(times.expectedFixationTime[i]).toBe(Infinity);
          expect(times.expectedLossTime[i]).toBe(0);
          continue;
        }
        sum += x * times.expectedFixationTime[i];
        const mix = x * times.expectedFixationTime[i] + (1 - x) * times.expectedLossTime[i];
        expect(relErr(times.expectedAbsorptionTime[i], mix)).toBeLessThan(1e-13);
      }
      expect(relErr(sum, ET.toNumber())).toBeLessThan(1e-13);
      if (probs.length === 2) {
        expect(relErr(times.expectedLossTime[0], times.expectedFixationTime[1])).toBeLessThan(1e-13);
      }
    }
  });
});

describe('exactCollapseTime against Theorem 1 (property tests)', () => {
  const distribution = fc
    .array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 7 })
    .filter((w) => w.filter((x) => x > 0).length >= 2)
    .map((w) => {
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / total);
    });

  it('eq. 8: lower ≤ E[T] ≤ upper', () => {
    fc.assert(
      fc.property(distribution, fc.integer({ min: 2, max: 120 }), (p, n) => {
        const exact = exactCollapseTime(p, { n });
        const S0 = p.reduce((a, x) => a + x * x, 0);
        const support = p.filter((x) => x > 0).length;
        const { lower, upper } = collapseTimeBounds({ n, S0, support });
        // Equality holds in eq. 8 for n = 2 and uniform p: allow the rounding of both sides (4 ulp).
        return exact.mean >= lower * (1 - 4 * Number.EPSILON) && exact.mean <= upper * (1 + 4 * Number.EPSILON);
      }),
      { seed: 20240407, numRuns: 60 },
    );
  });

  it('eq. 7: lower ≤ ρ_m ≤ upper for m up to 3n', () => {
    fc.assert(
      fc.property(distribution, fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 180 }), (p, n, mRaw) => {
        const m = Math.min(mRaw, 3 * n);
        const exact = exactCollapseTime(p, { n });
        const S0 = p.reduce((a, x) => a + x * x, 0);
        const support = p.filter((x) => x > 0).length;
        const b = collapseProbabilityBounds(m, { n, S0, support });
        const rho = exact.cdf(m);
        return rho >= b.lower - 4 * Number.EPSILON && rho <= b.upper + 4 * Number.EPSILON;
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------
// Independent dense references

/** Dense Gaussian elimination with partial pivoting (double), k right-hand sides. */
function denseSolve(A: Float64Array[], B: Float64Array[]): Float64Array[] {
  const N = A.length;
  const a = A.map((r) => r.slice());
  const b = B.map((r) => r.slice());
  for (let k = 0; k < N; k++) {
    let piv = k;
    for (let i = k + 1; i < N; i++) if (Math.abs(a[i][k]) > Math.abs(a[piv][k])) piv = i;
    [a[k], a[piv]] = [a[piv], a[k]];
    [b[k], b[piv]] = [b[piv], b[k]];
    for (let i = k + 1; i < N; i++) {
      const l = a[i][k] / a[k][k];
      if (l === 0) continue;
      for (let j = k; j < N; j++) a[i][j] -= l * a[k][j];
      for (let c = 0; c < b[i].length; c++) b[i][c] -= l * b[k][c];
    }
  }
  for (let i = N - 1; i >= 0; i--) {
    for (let c = 0; c < b[i].length; c++) {
      let s = b[i][c];
      for (let j = i + 1; j < N; j++) s -= a[i][j] * b[j][c];
      b[i][c] = s / a[i][i];
    }
  }
  return b;
}

/** E[T], E[T²], and ρ_m for m ≤ M from the full dense Q built with @stdlib's binomial pmf. */
function denseReference(p: number[], n: number, M: number): { mean: number; second: number; rho: number[] } {
  const N = n - 1;
  const A: Float64Array[] = [];
  const Q: Float64Array[] = [];
  for (let k = 1; k <= N; k++) {
    const row = new Float64Array(N);
    for (let l = 1; l <= N; l++) row[l - 1] = binomialPmfStdlib(l, n, k / n);
    Q.push(row);
    const arow = row.map((q) => -q);
    arow[k - 1] += 1;
    A.push(arow);
  }
  const pi = new Float64Array(N);
  for (const x of p) for (let l = 1; l <= N; l++) pi[l - 1] += binomialPmfStdlib(l, n, x);
  const a = Array.from({ length: N }, (_, i) => Float64Array.of((i + 1) / n));
  const g = denseSolve(A, a).map((r) => r[0]);
  const h = denseSolve(A, g.map((x) => Float64Array.of(x))).map((r) => r[0]);
  let mean = 1;
  let second = 1;
  for (let i = 0; i < N; i++) {
    mean += pi[i] * g[i];
    second += pi[i] * (2 * h[i] + g[i]);
  }
  // ρ_m = Σ_i p_i^n + Σ_{j ≤ m−2} π Q^j b, b(k) = (k/n)^n.
  const rho = [0, p.reduce((s, x) => s + x ** n, 0)];
  let e = Float64Array.from({ length: N }, (_, i) => ((i + 1) / n) ** n);
  for (let m = 2; m <= M; m++) {
    rho.push(rho[m - 1] + pi.reduce((s, w, i) => s + w * e[i], 0));
    e = Float64Array.from(Q, (row) => row.reduce((s, q, j) => s + q * e[j], 0));
  }
  return { mean, second, rho };
}

describe('banded truncation against a dense solve (n = 200)', () => {
  const p = [0.4, 0.25, 0.2, 0.1, 0.05];
  const n = 200;
  const M = 400;
  const dense = denseReference(p, n, M);

  it('default tolerance: the band is truncated and agrees with the dense solve to 1e-12', () => {
    const exact = exactCollapseTime(p, { n });
    expect(exact.droppedRowMass).toBeGreaterThan(0);
    expect(exact.bandHalfWidth).toBeLessThan(n - 2);
    expect(exact.relativeErrorBound).toBeLessThanOrEqual(1e-12);
    expect(relErr(exact.mean, dense.mean)).toBeLessThanOrEqual(1e-12);
    expect(relErr(exact.variance, dense.second - dense.mean ** 2)).toBeLessThanOrEqual(1e-12);
    for (const m of [1, 2, 3, 5, 10, 50, 150, 300, 400]) {
      const at = exact.at(m);
      // within the certified truncation bounds (up to rounding) at every m ...
      expect(at.cdfLower).toBeLessThanOrEqual(dense.rho[m] * (1 + 1e-12));
      expect(at.cdfUpper).toBeGreaterThanOrEqual(dense.rho[m] * (1 - 1e-12));
      if (at.source === 'iterated') expect(at.cdfUpper - at.cdfLower).toBeLessThanOrEqual(1e-13); // slack ≈ 1e-14, plus rounding
      else expect(at.survivalUpper - at.survivalLower).toBeLessThanOrEqual(2e-10 * at.survival); // spectral: relative
      // ... hence to 1e-12 relative wherever ρ_m is not astronomically small (ρ_50 ≈ 2e-3)
      if (m >= 50) expect(relErr(exact.cdf(m), dense.rho[m])).toBeLessThanOrEqual(1e-12);
    }
    expect(relErr(exact.cdf(1), dense.rho[1])).toBeLessThanOrEqual(1e-14);
  });

  it('coarse tolerance: the actual error stays within the certified truncation bound', () => {
    const coarse = exactCollapseTime(p, { n, tolerance: 1e-3 });
    expect(coarse.droppedRowMass).toBeGreaterThan(1e-12);
    expect(coarse.relativeErrorBound).toBeLessThanOrEqual(1e-3);
    // the dense reference itself is good to ~1e-13 relative: add that to the bound
    expect(Math.abs(coarse.mean - dense.mean)).toBeLessThanOrEqual(coarse.truncationErrorBound.mean + 1e-13 * dense.mean);
    const v = dense.second - dense.mean ** 2;
    expect(Math.abs(coarse.variance - v)).toBeLessThanOrEqual(coarse.truncationErrorBound.variance + 1e-13 * v);
    for (const m of [2, 50, 150, 400]) {
      const at = coarse.at(m);
      expect(at.cdfLower).toBeLessThanOrEqual(dense.rho[m] * (1 + 1e-13));
      expect(at.cdfUpper).toBeGreaterThanOrEqual(dense.rho[m] * (1 - 1e-13));
    }
  });
});

/** Exact binomial pmf as a 60-digit decimal: C(n, l) k^l (n − k)^(n − l) / n^n. */
function precisePmf(n: number, k: number, l: number, binom: bigint[], nn: PreciseValue): PreciseValue {
  const num = binom[l] * BigInt(k) ** BigInt(l) * BigInt(n - k) ** BigInt(n - l);
  return new Precise(num.toString()).div(nn);
}

describe('rounding: agreement with a 60-digit dense solve (n = 90)', () => {
  it('mean and variance to 2e-14 relative', () => {
    const n = 90;
    const p = [0.6, 0.3, 0.1];
    const N = n - 1;
    const binom: bigint[] = [1n];
    for (let l = 1; l <= n; l++) binom.push((binom[l - 1] * BigInt(n - l + 1)) / BigInt(l));
    const nn = new Precise((BigInt(n) ** BigInt(n)).toString());
    const A: PreciseValue[][] = [];
    for (let k = 1; k <= N; k++) {
      const row: PreciseValue[] = [];
      for (let l = 1; l <= N; l++) {
        const q = precisePmf(n, k, l, binom, nn);
        row.push(k === l ? new Precise(1).sub(q) : q.neg());
      }
      A.push(row);
    }
    // π from p given as exact decimals
    const pi: PreciseValue[] = Array.from({ length: N }, () => new Precise(0));
    for (const x of p) {
      const X = new Precise(x);
      for (let l = 1; l <= N; l++) {
        pi[l - 1] = pi[l - 1].add(new Precise(binom[l].toString()).mul(X.pow(l)).mul(new Precise(1).sub(X).pow(n - l)));
      }
    }
    // Gaussian elimination without pivoting (the matrix is diagonally dominant), multipliers kept in A
    for (let k = 0; k < N; k++) {
      for (let i = k + 1; i < N; i++) {
        const l = A[i][k].div(A[k][k]);
        A[i][k] = l;
        for (let j = k + 1; j < N; j++) A[i][j] = A[i][j].sub(l.mul(A[k][j]));
      }
    }
    const solve = (b: PreciseValue[]): PreciseValue[] => {
      const y = b.slice();
      for (let i = 0; i < N; i++) for (let k = 0; k < i; k++) y[i] = y[i].sub(A[i][k].mul(y[k]));
      for (let i = N - 1; i >= 0; i--) {
        let s = y[i];
        for (let j = i + 1; j < N; j++) s = s.sub(A[i][j].mul(y[j]));
        y[i] = s.div(A[i][i]);
      }
      return y;
    };
    const g = solve(Array.from({ length: N }, (_, i) => new Precise(i + 1).div(n)));
    const h = solve(g);
    let mean = new Precise(1);
    let second = new Precise(1);
    for (let i = 0; i < N; i++) {
      mean = mean.add(pi[i].mul(g[i]));
      second = second.add(pi[i].mul(h[i].mul(2).add(g[i])));
    }
    const variance = second.sub(mean.mul(mean));
    const exact = exactCollapseTime(p, { n });
    expect(exact.droppedRowMass).toBeGreaterThan(0);
    expect(relErr(exact.mean, mean.toNumber())).toBeLessThanOrEqual(2e-14);
    expect(relErr(exact.variance, variance.toNumber())).toBeLessThanOrEqual(2e-14);
  });
});

describe('exactCollapseTime against simulation', () => {
  /** One run of the Fully Synthetic chain: T and the surviving token. */
  function simulate(p: number[], n: number, rng: ReturnType<typeof createRng>): { T: number; winner: number } {
    let q = Float64Array.from(p);
    const counts = new Float64Array(p.length);
    for (let m = 1; ; m++) {
      sampleMultinomialUnchecked(n, q, rng, counts);
      for (let i = 0; i < p.length; i++) if (counts[i] === n) return { T: m, winner: i };
      q = counts.map((c) => c / n);
    }
  }

  it('mean T, P(T ≤ m), winners and E[T | winner] within 1e-6 false-alarm-rate intervals', () => {
    const p = [0.5, 0.3, 0.2];
    const n = 20;
    const R = 4000;
    // two-sided false-alarm rate 1e-6 per check: z = Φ⁻¹(1 − 5e-7)
    const z = 4.891638475698999;
    const exact = exactCollapseTime(p, { n });
    const times = tokenCollapseTimes(p, { n });
    const rng = createRng(12345);
    const Ts: number[] = [];
    const winners: number[] = [];
    for (let r = 0; r < R; r++) {
      const { T, winner } = simulate(p, n, rng);
      Ts.push(T);
      winners.push(winner);
    }
    const mean = Ts.reduce((a, b) => a + b, 0) / R;
    // CLT interval with the exact standard deviation (known here), not a hand-tuned width
    expect(Math.abs(mean - exact.mean)).toBeLessThanOrEqual((z * exact.sd) / Math.sqrt(R));
    for (const m of [10, 20, 30, 60]) {
      const F = exact.cdf(m);
      const hat = Ts.filter((t) => t <= m).length / R;
      expect(Math.abs(hat - F)).toBeLessThanOrEqual(z * Math.sqrt((F * (1 - F)) / R));
    }
    for (let i = 0; i < p.length; i++) {
      const wins = winners.filter((w) => w === i).length;
      expect(Math.abs(wins / R - p[i])).toBeLessThanOrEqual(z * Math.sqrt((p[i] * (1 - p[i])) / R));
    }
    // E[T | winner = 0]: the conditional variance is not computed by the library, so the interval
    // uses the sample standard deviation (≈ 2 000 runs: the normal quantile is adequate).
    const T0 = Ts.filter((_, r) => winners[r] === 0);
    const m0 = T0.reduce((a, b) => a + b, 0) / T0.length;
    const sd0 = Math.sqrt(T0.reduce((a, b) => a + (b - m0) ** 2, 0) / (T0.length - 1));
    expect(Math.abs(m0 - times.expectedFixationTime[0])).toBeLessThanOrEqual((z * sd0) / Math.sqrt(T0.length));
  });
});

describe('consistency between the entry points (n = 300)', () => {
  it('Σ_i P(p^(m) = δ_i) = ρ_m = exactCollapseProbability = cdf(m); P(δ_i) + P(lost) ≤ 1 and → (p_i, 1 − p_i)', () => {
    const p = [0.45, 0.3, 0.15, 0.1];
    const n = 300;
    const exact = exactCollapseTime(p, { n });
    for (const m of [1, 100, 400, 1500]) {
      const fixed = fixationProbabilities(p, { n, m });
      const lost = lossProbabilities(p, { n, m });
      const rho = exactCollapseProbability(m, p, { n });
      expect(relErr(rho, exact.cdf(m))).toBeLessThan(1e-13);
      expect(relErr(fixed.reduce((a, b) => a + b, 0), rho)).toBeLessThan(1e-13);
      for (let i = 0; i < p.length; i++) {
        expect(fixed[i] + lost[i]).toBeLessThanOrEqual(1 + 1e-15);
        expect(fixed[i]).toBeLessThanOrEqual(p[i] * (1 + 1e-15));
      }
    }
    const late = fixationProbabilities(p, { n, m: 20000 });
    for (let i = 0; i < p.length; i++) expect(relErr(late[i], p[i])).toBeLessThan(1e-12);
  });
});

describe('the law beyond the iterated horizon', () => {
  it('tail values lie within their certified bounds, which contain the iterated values', () => {
    const p = [0.5, 0.3, 0.2];
    const n = 50;
    const full = exactCollapseTime(p, { n });
    const capped = exactCollapseTime(p, { n, maxIterations: 60 });
    for (const m of [100, 200, 400, 1000]) {
      const t = capped.at(m);
      const f = full.at(m);
      expect(['spectral', 'bound']).toContain(t.source);
      expect(t.survivalLower).toBeLessThanOrEqual(f.survival);
      expect(t.survivalUpper).toBeGreaterThanOrEqual(f.survival);
      expect(t.pmfLower).toBeLessThanOrEqual(f.pmf);
      expect(t.pmfUpper).toBeGreaterThanOrEqual(f.pmf);
      expect(t.survivalLower).toBeLessThanOrEqual(t.survival);
      expect(t.survival).toBeLessThanOrEqual(t.survivalUpper);
    }
    expect(capped.horizon()).toBeLessThanOrEqual(61); // iteration stops once the spectral tail is certified
  });

  it('Σ_m pmf(m) m reproduces the mean computed by the linear solve', () => {
    const exact = exactCollapseTime([0.7, 0.2, 0.1], { n: 30 });
    let mean = 0;
    let total = 0;
    for (let m = 1; m <= 3000; m++) {
      const f = exact.pmf(m);
      mean += m * f;
      total += f;
    }
    expect(relErr(total, 1)).toBeLessThan(1e-13);
    expect(relErr(mean, exact.mean)).toBeLessThan(1e-12);
  });
});

describe('approximateCollapseTime (diffusion)', () => {
  it('is −2n Σ (1 − p_i) ln(1 − p_i) and within 1% of the exact mean for n = 1000', () => {
    expect(relErr(approximateCollapseTime([0.5, 0.5], { n: 10 }), 20 * Math.LN2)).toBeLessThan(1e-15);
    for (const p of [[0.5, 0.5], [0.5, 0.3, 0.2], [0.9, 0.05, 0.05]]) {
      const exact = exactCollapseTime(p, { n: 1000 }).mean;
      expect(relErr(approximateCollapseTime(p, { n: 1000 }), exact)).toBeLessThan(0.01);
    }
  });
});

describe('input validation and cost refusal', () => {
  it('throws typed errors naming the parameter', () => {
    expect(() => exactCollapseTime([0.5, 0.6], { n: 3 })).toThrow(ParameterRangeError);
    expect(() => exactCollapseTime([0.5, 0.5], { n: 0 })).toThrow(/n must be/);
    expect(() => exactCollapseTime([0.5, 0.5], { n: 2.5 })).toThrow(ParameterRangeError);
    expect(() => exactCollapseTime([0.5, 0.5], { n: '3' as unknown as number })).toThrow(ParameterTypeError);
    expect(() => exactCollapseTime([0.5, 0.5], { n: 3, tolerance: 0.5 })).toThrow(/tolerance/);
    expect(() => exactCollapseTime([0.5, 0.5], null as unknown as { n: number })).toThrow(ParameterTypeError);
    expect(() => exactCollapseTime([0.5, 0.5], { n: 5 }).cdf(-1)).toThrow(/m must be/);
    expect(() => exactCollapseTime([0.5, 0.5], { n: 5 }).pmf(1.5)).toThrow(ParameterRangeError);
    expect(() => exactCollapseProbability(-1, [1], { n: 3 })).toThrow(/m must be/);
    expect(() => fixationProbabilities([0.5, 0.5], { n: 3, m: -2 })).toThrow(/m must be/);
    expect(() => approximateCollapseTime([-0.5, 1.5], { n: 3 })).toThrow(/p\[0\]/);
  });

  it('refuses requests over the memory or time limit with the estimate and a pointer to the approximation', () => {
    let err: unknown;
    try {
      exactCollapseTime([0.5, 0.5], { n: 10_000_000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CollapseCostError);
    expect(err).toBeInstanceOf(ParameterRangeError);
    // the common refusal type of the exact engines, with the estimate in its fields
    expect(err).toBeInstanceOf(ExactComputationTooLargeError);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).name).toBe('CollapseCostError');
    expect((err as CollapseCostError).parameter).toBe('n');
    expect((err as CollapseCostError).estimatedSeconds).toBe((err as CollapseCostError).estimate.seconds);
    expect((err as CollapseCostError).estimatedOperations).toBeGreaterThan((err as CollapseCostError).maxOperations);
    expect((err as Error).message).toMatch(/^n must be small enough for the exact collapse-time moments .*; received 10000000$/);
    expect((err as CollapseCostError).estimate.bytes).toBeGreaterThan(8 * 1024 ** 3);
    expect((err as Error).message).toMatch(/approximateCollapseTime/);
    expect(() => exactCollapseTime([0.5, 0.5], { n: 1000, maxSeconds: 1e-6 })).toThrow(CollapseCostError);
    expect(() => exactCollapseTime([0.5, 0.5], { n: 1000, maxBytes: 1000 })).toThrow(CollapseCostError);
    expect(() => exactCollapseProbability(10 ** 4, [0.5, 0.5], { n: 1000, maxSeconds: 1e-3 })).toThrow(CollapseCostError);
    // far generations cost no more than the iteration cap: the spectral tail takes over
    expect(exactCollapseProbability(10 ** 9, [0.5, 0.5], { n: 1000 })).toBe(1);
    // the n = 100 000 target fits the default limits
    const c = exactCollapseTimeCost(100_000);
    expect(c.bytes).toBeLessThan(8 * 1024 ** 3);
    expect(c.seconds).toBeLessThan(900);
  });

  it('trivial chains: n = 1 or a Dirac mass collapse at generation 1', () => {
    const a = exactCollapseTime([0.3, 0.7], { n: 1 });
    expect(a).toMatchObject({ mean: 1, variance: 0, method: 'trivial' });
    expect([a.cdf(0), a.cdf(1), a.pmf(1), a.survival(5)]).toEqual([0, 1, 1, 0]);
    const b = exactCollapseTime([0, 1, 0], { n: 50 });
    expect(b.mean).toBe(1);
    expect(exactCollapseProbability(0, [0, 1], { n: 4 })).toBe(1);
  });
});
