import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactCollapseProbability, exactCollapseTime } from '../../../src/exact/collapse-time/index.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { fullySyntheticLaw, rationals } from '../../oracles/wright-fisher.ts';
import { eigenbasis, eigenChebyshev } from '../../../src/exact/collapse-time/spectral.ts';
import { eigenChebyshevExact } from './eigen-exact.ts';
import { binomialPmf } from '../../../src/exact/collapse-time/binomial.ts';
import { relErr } from '../../helpers.ts';
import { directLaw } from './direct-law.ts';

describe('the eigenvectors of Q', () => {
  it('the double back-substitution reproduces the exact rational eigenvectors (up to sign) to 1e-15', () => {
    for (const n of [50, 1000, 10000]) {
      const a = eigenChebyshevExact(n, 14);
      const b = eigenChebyshev(n, 14);
      for (let j = 0; j < a.length; j++) {
        const sg = Math.sign(a[j][a[j].length - 1]) * Math.sign(b[j][b[j].length - 1]);
        for (let m = 0; m < a[j].length; m++) expect(Math.abs(a[j][m] - sg * b[j][m])).toBeLessThan(1e-15);
      }
    }
  });

  it('Q r_J = λ_J r_J on the grid (dense check, n = 7 and 200), r_2 = k(n − k), r_3 ∝ k(n − k)(n − 2k)', () => {
    for (const n of [7, 200]) {
      const b = eigenbasis(n, Math.min(20, n));
      const size = n - 1;
      for (let J = 2; J <= b.K; J++) {
        const r = Float64Array.from({ length: size }, (_, i) => (i + 1) * (n - i - 1) * b.values[(J - 2) * size + i]);
        const lam = Math.exp(b.logLambda[J]);
        let worst = 0;
        let mx = 0;
        for (let i = 0; i < size; i++) {
          const k = i + 1;
          let s = 0;
          for (let l = 1; l < n; l++) s += binomialPmf(l, n, k / n, (n - k) / n) * r[l - 1];
          worst = Math.max(worst, Math.abs(s - lam * r[i]));
          mx = Math.max(mx, Math.abs(r[i]));
        }
        expect(worst / mx).toBeLessThan(1e-13);
      }
      for (let i = 0; i < size; i++) {
        const k = i + 1;
        expect(b.values[i]).toBe(1);
        expect(relErr(b.values[size + i], (n - 2 * k) / n)).toBeLessThan(1e-14);
      }
      expect(relErr(Math.exp(b.logLambda[2]), 1 - 1 / n)).toBeLessThan(1e-15);
    }
  });
});

describe('the law against direct iteration of the per-token chain (n = 1000, m to 3n)', () => {
  const p = [0.5, 0.3, 0.2];
  const n = 1000;
  const ref = directLaw(p, n, 3 * n);
  const law = exactCollapseTime(p, { n });

  it('cdf, pmf and survival within 1e-9 relative at every 50th m, spectral past the horizon', () => {
    // the reference's cdf: its pmf sum while small (1 − S cancels), 1 − S beyond
    const refCdf = new Float64Array(3 * n + 1);
    for (let m = 1, sum = 0; m <= 3 * n; m++) {
      sum += ref.pmf[m];
      refCdf[m] = sum <= 0.5 ? sum : 1 - ref.survival[m];
    }
    for (let m = 50; m <= 3 * n; m += 50) {
      const a = law.at(m);
      const S = ref.survival[m];
      expect(relErr(a.survival, S)).toBeLessThan(1e-9);
      expect(relErr(a.cdf, refCdf[m])).toBeLessThan(1e-9);
      expect(relErr(a.pmf, ref.pmf[m])).toBeLessThan(1e-9);
      // and the truth lies within the certified bounds, up to the reference's own error (its rows are
      // not normalised: it drifts by ~2e-14 relative per generation, 7e-11 at m = 3n)
      const r = 1e-10;
      expect(a.survivalLower).toBeLessThanOrEqual(S * (1 + r));
      expect(a.survivalUpper).toBeGreaterThanOrEqual(S * (1 - r));
      expect(a.pmfLower).toBeLessThanOrEqual(ref.pmf[m] * (1 + r));
      expect(a.pmfUpper).toBeGreaterThanOrEqual(ref.pmf[m] * (1 - r));
    }
    expect(law.horizon()).toBeLessThan(n);
    expect(law.at(3 * n).source).toBe('spectral');
    expect(law.at(1500).source).toBe('spectral');
  });

  it('exactCollapseProbability is the same law', () => {
    for (const m of [2, 10, 300, 1000, 2500]) {
      expect(relErr(exactCollapseProbability(m, p, { n }), law.cdf(m))).toBeLessThan(1e-13);
    }
  });

  it('a small iteration cap gives honest bounds and certified values where the fit allows', () => {
    const capped = exactCollapseTime(p, { n, maxIterations: 40 });
    for (const m of [100, 500, 1000, 3000]) {
      const a = capped.at(m);
      expect(['spectral', 'bound']).toContain(a.source);
      expect(a.survivalLower).toBeLessThanOrEqual(ref.survival[m] * (1 + 1e-10));
      expect(a.survivalUpper).toBeGreaterThanOrEqual(ref.survival[m] * (1 - 1e-10));
      if (a.source === 'spectral') expect(relErr(a.survival, ref.survival[m])).toBeLessThan(1e-9);
    }
  });
});

describe('the law against the enumeration oracle (tiny n, every m to 60) and exactCollapseProbability', () => {
  const cases = [
    { p: rationals('1/2', '1/2'), n: 3 },
    { p: rationals('1/2', '1/3', '1/6'), n: 4 },
    { p: rationals('2/7', '5/7'), n: 5 },
  ];
  it('pmf, cdf, survival to 1e-12 relative (1e-300 absolute), and the bounds contain the truth', () => {
    for (const { p, n } of cases) {
      const M = 60;
      const oracle = fullySyntheticLaw(p, n, M);
      const probs = p.map((x) => x.toNumber());
      for (const cap of [undefined, 3]) {
        const law = exactCollapseTime(probs, { n, maxIterations: cap });
        for (let m = 1; m <= M; m++) {
          const rho = oracle.rho[m].toNumber();
          const surv = Rational.ONE.sub(oracle.rho[m]).toNumber();
          const f = oracle.rho[m].sub(oracle.rho[m - 1]).toNumber();
          const a = law.at(m);
          const tol = (x: number): number => 1e-12 * x + 1e-300;
          expect(Math.abs(a.cdf - rho)).toBeLessThanOrEqual(tol(rho));
          expect(Math.abs(a.survival - surv)).toBeLessThanOrEqual(tol(surv));
          expect(Math.abs(a.pmf - f)).toBeLessThanOrEqual(tol(f));
          expect(a.survivalLower).toBeLessThanOrEqual(surv + tol(surv));
          expect(a.survivalUpper).toBeGreaterThanOrEqual(surv - tol(surv));
          if (cap === undefined) expect(relErr(exactCollapseProbability(m, probs, { n }), rho)).toBeLessThan(1e-12);
        }
      }
    }
  });
});

describe('properties of the law (fast-check)', () => {
  const distribution = fc
    .array(fc.integer({ min: 0, max: 20 }), { minLength: 2, maxLength: 5 })
    .filter((w) => w.filter((x) => x > 0).length >= 2)
    .map((w) => {
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / total);
    });

  it('lower ≤ value ≤ upper, values in [0, 1], cdf + survival = 1, Σ pmf = cdf, cdf monotone', () => {
    fc.assert(
      fc.property(distribution, fc.integer({ min: 2, max: 150 }), fc.integer({ min: 0, max: 80 }), (p, n, capRaw) => {
        const law = exactCollapseTime(p, { n, maxIterations: capRaw === 0 ? undefined : capRaw });
        let sum = 0;
        let prev = 0;
        for (let m = 0; m <= 6 * n; m += m < 40 ? 1 : Math.ceil(n / 7)) {
          const a = law.at(m);
          for (const [lo, v, hi] of [
            [a.pmfLower, a.pmf, a.pmfUpper],
            [a.cdfLower, a.cdf, a.cdfUpper],
            [a.survivalLower, a.survival, a.survivalUpper],
          ]) {
            if (!(0 <= lo && lo <= v && v <= hi && hi <= 1)) return false;
          }
          if (Math.abs(a.cdf + a.survival - 1) > 1e-15) return false;
          if (a.cdf < prev - 1e-15) return false;
          prev = a.cdf;
          if (m < 40) {
            sum += a.pmf;
            if (Math.abs(sum - a.cdf) > 1e-12 * Math.max(a.cdf, 1e-300) + 1e-300 && Math.abs(sum - a.cdf) > 1e-14) return false;
          }
        }
        return true;
      }),
      { seed: 20240611, numRuns: 40 },
    );
  });
});
