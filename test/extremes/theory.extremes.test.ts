/**
 * Extremes: the closed forms at s = 10^7, N = 10^15, n = 10^9 (and m up to
 * 10^9) against an independent decimal.js oracle at 80 significant digits,
 * evaluated on the exact double inputs. Tolerances (relative, unless noted):
 * - 1e-13 where the double code path is a handful of correctly-rounded
 *   operations on O(1) quantities (each costs ≤ 2^-53; a dozen of them stay
 *   below 1e-14, with a 10× margin);
 * - 1e-12 where a large exponent multiplies a rounded logarithm: the result of
 *   exp(x) carries the absolute error of x, ≈ |x|·2^-53 ≤ 50·1.1e-16 ≈ 6e-15 for
 *   |x| ≤ 50, and ln G ≈ 10^7–10^8 sums terms each relative to 2^-53;
 * the test points are chosen so that each of these bounds applies (stated per case).
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import * as api from '../../src/index.ts';

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
type Dec = InstanceType<typeof D>;
const d = (x: number | string): Dec => new D(x);
const PI = D.acos(-1);
const E = D.exp(1);
const C0 = E.pow(3).div(PI.mul(2));
const C1 = E.mul(6).div(PI.pow(1.5));

function relErr(got: number, want: Dec): number {
  if (want.isZero()) return Math.abs(got);
  return d(got).minus(want).abs().div(want.abs()).toNumber();
}
function expectRel(got: number, want: Dec, tol: number, label: string): void {
  expect(Number.isFinite(got), label).toBe(true);
  expect(relErr(got, want), `${label}: got ${got}, want ${want.toSignificantDigits(20).toString()}`).toBeLessThan(tol);
}

/** Oracle of eq. 10 (ln G_n(s)), regimes decided exactly. */
function logGOracle(n: number, s: number): Dec {
  const N = d(n);
  const S = d(s);
  if (C0.mul(N).div(E).plus(2).lte(S)) return C1.mul(S).ln().plus(C0.mul(N).div(E.mul(2)));
  if (C0.mul(N).div(4).plus(2).lte(S)) return C1.mul(S).ln().plus(S.div(2).mul(C0.mul(N).div(S).ln()));
  return d(2).pow(S).minus(2).ln();
}
function phiOracle(x: Dec): Dec {
  if (x.eq(0.5)) return d(2); // φ(1/2) = 2 by continuity
  return d(1).minus(x).div(x).ln().div(d(1).minus(x.mul(2)));
}

const S_BIG = 1e7;
const N_BIG = 1e15;
const n_BIG = 1e9;

describe('extremes: closed forms against 80-digit decimal.js', () => {
  it('fullySyntheticS (eq. 6) at n = 10^9, m up to 10^10 (|m·ln(1 − 1/n)| ≤ 10: tolerance 1e-13)', () => {
    for (const [m, n, S0] of [[1, n_BIG, 1 / S_BIG], [1e9, n_BIG, 1 / S_BIG], [1e10, n_BIG, 1e-7], [5e8, n_BIG, 0.5], [1e7, n_BIG, 1], [1, 2, 1 / S_BIG]]) {
      const want = d(1).minus(d(1).minus(d(1).div(n)).pow(m).mul(d(1).minus(S0)));
      expectRel(api.fullySyntheticS(m, { n, S0 }), want, 1e-13, `S_${m}(n=${n}, S0=${S0})`);
    }
  });

  it('collapse bounds (eqs. 7–8) at n = 10^9, support = 10^7 (1e-13; eq. 7 at m = 3·10^10: exponent 30, 1e-12)', () => {
    const n = n_BIG;
    const support = S_BIG;
    const S0 = 1 / support;
    const t = api.collapseTimeBounds({ n, S0, support });
    const oneMinus = d(1).minus(S0);
    expectRel(t.lower, d(1).plus(oneMinus.mul(n - 1).mul(support).div(support - 1)), 1e-13, 'E[T] lower');
    expectRel(t.upper, d(1).plus(oneMinus.mul(n).mul(n - 1)), 1e-13, 'E[T] upper');
    const m = 3e10;
    const b = api.collapseProbabilityBounds(m, { n, S0, support });
    const tail = oneMinus.mul(d(1).minus(d(1).div(n)).pow(m));
    expectRel(b.upper, d(1).minus(tail.mul(support).div(support - 1)), 1e-12, 'rho upper');
    expectRel(b.printedLower, d(1).minus(tail.mul(n)), 1e-12, 'rho printed lower');
  });

  it('partiallySyntheticS (Theorem 2, corrected eq. 9, errata E1) at N = 10^15, n = 10^9 (1e-13)', () => {
    const N = N_BIG;
    for (const [m, n, S0] of [[2, n_BIG, 1 / S_BIG], [1e6, n_BIG, 1 / S_BIG], [1e9, n_BIG, 0.3], [50, 1, 1e-7], [7, 1e9, 1]]) {
      const a = d(n).div(d(N).plus(n));
      const iN = d(1).div(N);
      const beta = a.mul(d(1).plus(iN).mul(a).minus(iN));
      const D1 = d(1).plus(d(1).plus(iN).mul(a));
      const bm = beta.pow(m - 1);
      // S_{m} with m − 1 in the role of the printed eq. 9's m, and the S0 term's sign corrected
      const want = iN.mul(d(1).plus(a.mul(2)).minus(d(1).minus(iN).mul(a).mul(bm))).div(D1)
        .plus(d(1).minus(iN).mul(S0).mul(d(1).plus(a).plus(a.mul(bm).div(N))).div(D1));
      expectRel(api.partiallySyntheticS(m, { N, n, S0 }), want, 1e-13, `S_${m}(N=1e15, n=${n}, S0=${S0})`);
    }
    const a = d(n_BIG).div(d(N).plus(n_BIG));
    const iN = d(1).div(N);
    const lim = iN.mul(d(1).plus(a.mul(2))).plus(d(1).minus(iN).mul(d(1).plus(a)).mul(1e-7)).div(d(1).plus(d(1).plus(iN).mul(a)));
    expectRel(api.partiallySyntheticLimit({ N, n: n_BIG, S0: 1e-7 }), lim, 1e-13, 'S_inf');
  });

  it('logG (eq. 10) in all three regimes up to s = 10^7, n = 10^9 (ln G up to 7·10^7: 1e-13 relative)', () => {
    for (const [n, s] of [[1, S_BIG], [1e6, S_BIG], [1e7, S_BIG], [n_BIG, S_BIG], [n_BIG, 2], [n_BIG, 1000], [10, 600], [1000, 600]]) {
      expectRel(api.logG(n, s), logGOracle(n, s), 1e-13, `logG(${n}, ${s})`);
    }
  });

  it('logDeviationBound (Theorem 3) at N = 10^15, n = 10^9, s = 10^7 (1e-13)', () => {
    for (const [N, n, s] of [[N_BIG, n_BIG, S_BIG], [N_BIG, 1, S_BIG], [1, n_BIG, 2], [N_BIG, 1e6, S_BIG]]) {
      const want = d(n).mul(PI).div(2).ln().div(2).plus(logGOracle(n, s)).minus(d(N).ln());
      expectRel(api.logDeviationBound({ N, n, s }), want, 1e-13, `logDeviationBound(${N}, ${n}, ${s})`);
    }
  });

  it('zeta and logDeviationBoundZeta (Theorem 4, corrected ζ, errata E2) at N = 10^15, n = 10^9 (1e-12)', () => {
    for (const [N, n, lambda1] of [[N_BIG, n_BIG, 0.1], [N_BIG, n_BIG, 0], [N_BIG, 1, 0], [1, n_BIG, 0.25], [1e6, 1e6, 0.2]]) {
      const w = d(N).div(d(N).plus(n));
      const z = D.min(d(0.5), w.pow(2).mul(2).mul(lambda1).plus(d(1).minus(w).mul(d(1).plus(w.mul(3))).div(2)));
      expectRel(api.zeta({ N, n, lambda1 }), z, 1e-12, `zeta(${N}, ${n}, ${lambda1})`);
      const want = d(n).mul(PI).div(phiOracle(z)).ln().div(2).plus(logGOracle(n, S_BIG)).minus(d(N).ln());
      expectRel(api.logDeviationBoundZeta({ N, n, s: S_BIG, lambda1 }), want, 1e-12, `logDeviationBoundZeta(${N}, ${n}, ${lambda1})`);
    }
  });

  it('paperSafeSyntheticSize (eq. 11) at N = 10^15, s up to 10^7 (1e-13)', () => {
    for (const [epsilon, N, s] of [[0.1, N_BIG, S_BIG], [1, N_BIG, 100], [2, N_BIG, 3], [1e-6, N_BIG, 1e4]]) {
      const arg = d(2).sqrt().mul(PI).mul(N).mul(epsilon).div(E.mul(6).mul(s)).ln();
      const want = PI.mul(2).div(E.pow(2)).mul(D.min(d(s - 2), arg));
      expectRel(api.paperSafeSyntheticSize({ epsilon, N, s }).bound, want, 1e-13, `eq. 11 bound(${epsilon}, ${N}, ${s})`);
    }
  });

  it('safeSyntheticSizes: maxN is exactly the last n with Theorem 3 bound ≤ ε (80-digit check of maxN and maxN + 1)', () => {
    const bound = (n: Dec, N: number, s: number): Dec => {
      const nn = n.toNumber();
      const lg = (() => {
        const S = d(s);
        if (C0.mul(n).div(E).plus(2).lte(S)) return C1.mul(S).ln().plus(C0.mul(n).div(E.mul(2)));
        if (C0.mul(n).div(4).plus(2).lte(S)) return C1.mul(S).ln().plus(S.div(2).mul(C0.mul(n).div(S).ln()));
        return d(2).pow(S).minus(2).ln();
      })();
      void nn;
      return n.mul(PI).div(2).ln().div(2).plus(lg).minus(d(N).ln());
    };
    for (const [epsilon, N, s] of [[0.1, N_BIG, S_BIG], [1, N_BIG, 100], [0.5, 1e12, 1e5], [2, 60000, 12]]) {
      const r = api.safeSyntheticSizes({ epsilon, N, s });
      const maxN = r.exact.maxN;
      const logEps = d(epsilon).ln();
      if (maxN === null || maxN === 0n) {
        expect(bound(d(1), N, s).gt(logEps)).toBe(true);
        continue;
      }
      expect(bound(d(maxN.toString()), N, s).lte(logEps), `bound(maxN) <= eps for ${epsilon}, ${N}, ${s}`).toBe(true);
      expect(bound(d((maxN + 1n).toString()), N, s).gt(logEps), `bound(maxN + 1) > eps for ${epsilon}, ${N}, ${s}`).toBe(true);
    }
  });
});

describe('extremes: documented limits are enforced by typed errors, quickly', () => {
  it('closed forms: s above 10^9, N above 10^15 (safe sizes) and n above 2^53 are refused', () => {
    expect(() => api.safeSyntheticSizes({ epsilon: 0.1, N: 1e16, s: 100 })).toThrow(api.ParameterRangeError);
    expect(() => api.safeSyntheticSizes({ epsilon: 0.1, N: 100, s: 1e9 + 1 })).toThrow(api.ParameterRangeError);
    expect(() => api.logG(2 ** 53, 10)).toThrow(api.ParameterRangeError);
  });
  it('vector functions: s above MAX_VOCABULARY = 10^8 is refused before allocating', () => {
    expect(() => api.uniform(1e8 + 1)).toThrow(api.ParameterRangeError);
  });
  it('exact engine: n = 10^7 and 10^15 are refused by the cost estimate (CollapseCostError), not run', () => {
    expect(() => api.exactCollapseTime([0.5, 0.5], { n: 1e7 })).toThrow(api.CollapseCostError);
    expect(() => api.exactCollapseTime([0.5, 0.5], { n: 1e15 })).toThrow(api.CollapseCostError);
    expect(() => api.exactSecondMoments(api.randomlySampled({ n: 10 }), { S0: 0.1, generations: 1e6 })).toThrow(api.SecondMomentsCostError);
  });
  it('simulator: memory refusals (MemoryLimitError) and the training-size cap 2^31 − 1', () => {
    expect(() => api.simulate({ p: [0.5, 0.5], schedule: api.fullySynthetic({ n: 3 }), generations: 2 ** 31 - 1, seed: 1 })).toThrow(api.MemoryLimitError);
    expect(() => api.fullySynthetic({ n: 2 ** 31 })).toThrow(api.ParameterRangeError);
  });
});
