import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactDeviation, ExactComputationTooLargeError } from '../../../src/exact/deviation/index.ts';
import { exactDeviationUnchecked } from '../../../src/exact/deviation/groups.ts';
import { groupTokens } from '../../../src/exact/deviation/token-groups.ts';
import { binomialRow, logBinomialPmf, stirlerr } from '../../../src/exact/deviation/binomial.ts';
import { chainForCount } from '../../../src/exact/deviation/chain.ts';
import { deviationBound } from '../../../src/theory/deviation.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { uniform } from '../../../src/distributions/uniform.ts';
import { withDispersion } from '../../../src/distributions/with-dispersion.ts';
import { ParameterRangeError, ParameterTypeError } from '../../../src/validate.ts';
import { partiallySyntheticLaw, rationals } from '../../oracles/wright-fisher.ts';
import { relErr } from '../../helpers.ts';

const toNumbers = (ps: readonly string[]): number[] =>
  ps.map((t) => {
    const [a, b = 1] = t.split('/').map(Number);
    return a / b;
  });

/** Exact Binomial(n, a/b) pmf at k as a Rational. */
function exactBinomial(k: number, n: number, a: number, b: number): Rational {
  let coefficient = 1n;
  for (let i = 0; i < k; i++) coefficient = (coefficient * BigInt(n - i)) / BigInt(i + 1);
  const p = Rational.of(a, b);
  const q = Rational.of(b - a, b);
  return Rational.of(coefficient).mul(p.pow(k)).mul(q.pow(n - k));
}

describe('binomial pmf in log space (saddle point)', () => {
  it('equals the exact rational pmf up to the conditioning of exp (relative error ≤ 2e-15·(10 + |ln pmf|))', () => {
    let worst = 0;
    for (const [n, a, b] of [[10, 1, 2], [57, 3, 7], [200, 1, 1000], [300, 999, 1000], [1000, 1, 3]] as const) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 40))) {
        const exact = exactBinomial(k, n, a, b).toNumber();
        if (exact < 1e-290) continue;
        const scale = 10 + Math.abs(Math.log(exact));
        worst = Math.max(worst, relErr(Math.exp(logBinomialPmf(k, n, a / b, (b - a) / b)), exact) / scale);
      }
    }
    expect(worst).toBeLessThan(2e-15);
  });

  it('stirlerr matches ln k! − Stirling (table and series agree at the seam)', () => {
    let lnFact = 0;
    for (let k = 1; k <= 30; k++) {
      lnFact += Math.log(k);
      const stirling = (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI);
      expect(Math.abs(stirlerr(k) - (lnFact - stirling))).toBeLessThan(1e-13);
    }
  });

  it('truncated rows keep the mass and bound what they drop', () => {
    for (const [n, p, cutoff] of [[1000, 0.3, 1e-12], [1e6, 2e-5, 1e-15], [50, 0.5, 1e-3], [1e9, 0.5, 1e-20]] as const) {
      const row = binomialRow(n, p, 1 - p, cutoff);
      let kept = 0;
      for (const v of row.values) kept += v;
      expect(kept).toBeLessThanOrEqual(1 + 1e-12);
      expect(1 - kept).toBeLessThanOrEqual(row.dropped + 1e-12);
      expect(row.dropped).toBeLessThan(1e-2);
    }
  });
});

describe('exactDeviation: against the exact rational oracle', () => {
  const cases: [string[], number, number, number][] = [
    [['1/2', '1/2'], 2, 3, 4],
    [['1/2', '1/3', '1/6'], 3, 2, 4],
    [['1/4', '1/4', '1/4', '1/4'], 2, 3, 3],
    [['3/5', '2/5'], 4, 4, 5],
    [['1/7', '6/7'], 5, 1, 5],
    [['1/10', '2/10', '3/10', '4/10'], 2, 2, 3],
    [['1/3', '2/3'], 5, 5, 4],
    [['1', '0'], 3, 2, 3],
  ];
  for (const [ps, N, n, M] of cases) {
    it(`p = (${ps.join(', ')}), N = ${N}, n = ${n}: every m ≤ ${M} to 1e-12`, () => {
      const law = partiallySyntheticLaw(rationals(...ps), N, n, M);
      const d = exactDeviation({ p: toNumbers(ps), N, n, generations: M });
      for (let m = 0; m <= M; m++) {
        const first = law.meanL1FromFirst[m].toNumber();
        const initial = law.meanL1FromInitial[m].toNumber();
        expect(relErr(d.fromFirst[m], first)).toBeLessThanOrEqual(1e-12);
        expect(relErr(d.fromInitial[m], initial)).toBeLessThanOrEqual(1e-12);
        // The certified interval [value, value + error] holds the exact value (up to rounding).
        expect(first).toBeLessThanOrEqual(d.fromFirst[m] + d.error.fromFirst[m] + 1e-15);
      }
      expect(d.errorBound).toBeLessThan(1e-12);
    });
  }

  it('the limit equals a long run of the chain, and the sequence increases to it', () => {
    const p = [0.5, 0.3, 0.2];
    const long = exactDeviation({ p, N: 6, n: 9, generations: 400, stationary: false });
    const d = exactDeviation({ p, N: 6, n: 9, generations: 3 });
    const limit = d.stationary as { fromFirst: number; fromInitial: number };
    expect(relErr(limit.fromFirst, long.fromFirst[400])).toBeLessThan(1e-12);
    expect(relErr(limit.fromInitial, long.fromInitial[400])).toBeLessThan(1e-12);
    for (let m = 2; m < 400; m++) {
      expect(long.fromFirst[m + 1]).toBeGreaterThanOrEqual(long.fromFirst[m] - 1e-15);
      expect(long.fromInitial[m + 1]).toBeGreaterThanOrEqual(long.fromInitial[m] - 1e-15);
    }
  });

  it('the stationary law of one count solves π = πK (dense check)', () => {
    // N = 7, n = 6, c = 3: solve the 7-state chain exactly in rationals.
    const N = 7;
    const n = 6;
    const c = 3;
    const size = n + 1;
    const K: Rational[][] = [];
    for (let z = 0; z < size; z++) {
      const row: Rational[] = [];
      for (let k = 0; k < size; k++) row.push(exactBinomial(k, n, c + z, N + n));
      K.push(row);
    }
    // Power iteration in rationals would blow up; solve (Kᵀ − I)π = 0 with Σπ = 1 by elimination.
    const A = K.map((_, i) => K.map((__, j) => (i === j ? K[j][i].sub(Rational.ONE) : K[j][i])));
    A[size - 1] = new Array<Rational>(size).fill(Rational.ONE);
    const b = new Array<Rational>(size).fill(Rational.ZERO);
    b[size - 1] = Rational.ONE;
    for (let col = 0; col < size; col++) {
      let piv = col;
      while (A[piv][col].isZero()) piv++;
      [A[col], A[piv]] = [A[piv], A[col]];
      [b[col], b[piv]] = [b[piv], b[col]];
      for (let r = 0; r < size; r++) {
        if (r === col || A[r][col].isZero()) continue;
        const f = A[r][col].div(A[col][col]);
        for (let j = col; j < size; j++) A[r][j] = A[r][j].sub(f.mul(A[col][j]));
        b[r] = b[r].sub(f.mul(b[col]));
      }
    }
    let expected = Rational.ZERO;
    for (let z = 0; z < size; z++) {
      const pi = b[z].div(A[z][z]);
      expected = expected.add(pi.mul(Rational.of(Math.abs(N * z - n * c), N * (N + n))));
    }
    const r = chainForCount(N, n, c, c / N, 2, true, 1e-18, { row: 1e-30, trim: 1e-33, corpus: 1e-30 }, true);
    expect(relErr(r.statFirst, expected.toNumber())).toBeLessThan(1e-12);
    expect(r.statIterationBound).toBeLessThan(1e-17);
  });
});

describe('exactDeviation: properties', () => {
  const distribution = fc
    .array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 8 })
    .filter((w) => w.some((x) => x > 0))
    .map((w) => {
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / total);
    });

  it('0 ≤ exact ≤ Theorem 3 bound and ≤ 2; triangle inequalities; monotone in m', () => {
    fc.assert(
      fc.property(distribution, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 40 }), (p, N, n) => {
        const d = exactDeviation({ p, N, n, generations: 6 });
        const limit = d.stationary as { fromFirst: number; fromInitial: number };
        const bound = deviationBound({ N, n, s: p.length });
        const slack = 1e-12;
        for (let m = 2; m <= 6; m++) {
          expect(d.fromFirst[m]).toBeGreaterThanOrEqual(0);
          expect(d.fromFirst[m]).toBeLessThanOrEqual(Math.min(2, bound));
          expect(d.fromInitial[m]).toBeLessThanOrEqual(2);
          // ‖p^(m) − p‖ ≥ |‖p^(m) − p^(1)‖ − ‖p^(1) − p‖| in expectation: E‖p^(m) − p‖ ≥ |fromFirst − fromInitial[1]|.
          expect(d.fromInitial[m] + slack).toBeGreaterThanOrEqual(Math.abs(d.fromFirst[m] - d.fromInitial[1]));
          expect(d.fromFirst[m]).toBeLessThanOrEqual(d.fromInitial[m] + d.fromInitial[1] + slack);
          expect(d.fromFirst[m]).toBeLessThanOrEqual(d.fromFirst[Math.min(6, m + 1)] + slack);
          expect(d.fromInitial[m]).toBeLessThanOrEqual(d.fromInitial[Math.min(6, m + 1)] + slack);
        }
        expect(limit.fromFirst + slack).toBeGreaterThanOrEqual(d.fromFirst[6]);
        expect(limit.fromFirst).toBeLessThanOrEqual(Math.min(2, bound) + slack);
        expect(d.fromFirst[0]).toBe(d.fromInitial[1]);
        expect(d.fromFirst[1]).toBe(0);
        expect(d.fromInitial[0]).toBe(0);
      }),
      { seed: 20240405, numRuns: 120 },
    );
  });

  it('does not depend on the order of tokens; equal tokens share one computation', () => {
    fc.assert(
      fc.property(distribution, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (p, N, n) => {
        const a = exactDeviation({ p, N, n, generations: 3 });
        const b = exactDeviation({ p: [...p].reverse(), N, n, generations: 3 });
        for (let m = 0; m <= 3; m++) expect(relErr(a.fromFirst[m], b.fromFirst[m])).toBeLessThan(1e-13);
      }),
      { seed: 7, numRuns: 40 },
    );
    expect(groupTokens(new Float64Array([0.25, 0.25, 0.5, 0])).values).toEqual([0.25, 0.5]);
    expect(exactDeviation({ p: uniform(1000), N: 50, n: 5, generations: 2 }).groups).toBe(1);
  });

  it('in the paper’s setting (N = 100, n = 10, s = 600, S0 = 0.1) is about 0.097 while Theorem 3 gives ~2.5e4', () => {
    const p = withDispersion({ s: 600, support: 52, S0: 0.1 });
    const d = exactDeviation({ p, N: 100, n: 10, generations: 10 });
    const limit = (d.stationary as { fromFirst: number }).fromFirst;
    expect(limit).toBeGreaterThan(0.09);
    expect(limit).toBeLessThan(0.1);
    expect(deviationBound({ N: 100, n: 10, s: 600 }) / limit).toBeGreaterThan(2e5);
    expect(d.errorBound).toBeLessThan(1e-12);
  });

  it('handles (N, n, s) = (1e6, 1e4, 50 257 uniform) and N = 1e9', () => {
    const p = uniform(50_257);
    const d = exactDeviation({ p, N: 1e6, n: 1e4, generations: 3 });
    expect(d.groups).toBe(1);
    expect(d.stationary?.fromFirst).toBeGreaterThan(0.016);
    expect(d.stationary?.fromFirst).toBeLessThan(0.0161);
    expect(d.errorBound).toBeLessThan(1e-12);
    const big = exactDeviation({ p, N: 1e9, n: 1e4, generations: 2 });
    expect(big.stationary?.fromFirst).toBeGreaterThan(0);
    expect(big.stationary?.fromFirst).toBeLessThan(1e-4);
    expect(big.errorBound).toBeLessThan(1e-12);
  });
});

describe('exactDeviation: against simulation', () => {
  it('agrees with a seeded Monte Carlo of the Partially Synthetic chain (false-alarm rate 1e-6)', async () => {
    const { createRng } = await import('../../../src/random/rng.ts');
    const { sampleMultinomialUnchecked } = await import('../../../src/random/multinomial.ts');
    const p = [0.5, 0.3, 0.15, 0.05];
    const N = 40;
    const n = 25;
    const M = 5;
    const R = 20_000;
    const rng = createRng(12345);
    const sums = new Float64Array(M + 1);
    const squares = new Float64Array(M + 1);
    const sumsInitial = new Float64Array(M + 1);
    const squaresInitial = new Float64Array(M + 1);
    const s = p.length;
    const corpus = new Float64Array(s);
    const synthetic = new Float64Array(s);
    const current = new Float64Array(s);
    for (let r = 0; r < R; r++) {
      sampleMultinomialUnchecked(N, p, rng, corpus);
      for (let i = 0; i < s; i++) current[i] = corpus[i] / N;
      for (let m = 2; m <= M; m++) {
        sampleMultinomialUnchecked(n, current, rng, synthetic);
        let l1 = 0;
        let l1Initial = 0;
        for (let i = 0; i < s; i++) {
          current[i] = (corpus[i] + synthetic[i]) / (N + n);
          l1 += Math.abs(current[i] - corpus[i] / N);
          l1Initial += Math.abs(current[i] - p[i]);
        }
        sums[m] += l1;
        squares[m] += l1 * l1;
        sumsInitial[m] += l1Initial;
        squaresInitial[m] += l1Initial * l1Initial;
      }
    }
    const exact = exactDeviation({ p, N, n, generations: M });
    // Two-sided normal interval with false-alarm probability 1e-6 per comparison: z = 4.892.
    const z = 4.892;
    for (let m = 2; m <= M; m++) {
      for (const [sum, square, value] of [
        [sums[m], squares[m], exact.fromFirst[m]],
        [sumsInitial[m], squaresInitial[m], exact.fromInitial[m]],
      ] as const) {
        const mean = sum / R;
        const sd = Math.sqrt(Math.max(0, square / R - mean * mean));
        expect(Math.abs(mean - value)).toBeLessThan((z * sd) / Math.sqrt(R));
      }
    }
  });
});

describe('exactDeviation: input and cost errors', () => {
  it('throws typed errors naming the parameter', () => {
    expect(() => exactDeviation({ p: [0.5, 0.5], N: 0, n: 1 })).toThrow(ParameterRangeError);
    expect(() => exactDeviation({ p: [0.5, 0.5], N: 10, n: 0 })).toThrow(/n must be an integer >= 1/);
    expect(() => exactDeviation({ p: [0.5, 0.6], N: 10, n: 1 })).toThrow(/sum of p/);
    expect(() => exactDeviation({ p: [0.5, 0.5], N: 10, n: 1, generations: -1 })).toThrow(/generations/);
    expect(() => exactDeviation({ p: [0.5, 0.5], N: 10, n: 1, stationary: 'yes' as unknown as boolean })).toThrow(ParameterTypeError);
    expect(() => exactDeviation({ p: [0.5, 0.5], N: 10, n: 1, tolerance: 0 })).toThrow(/tolerance/);
    expect(() => exactDeviation({ p: [0.5, 0.5], N: 2.5, n: 1 })).toThrow(/N must be an integer/);
    expect(() => exactDeviation(null as unknown as { p: number[]; N: number; n: number })).toThrow(ParameterTypeError);
  });

  it('refuses work beyond maxOperations with the estimate, before computing', () => {
    let caught: unknown = null;
    try {
      exactDeviation({ p: [0.5, 0.5], N: 1e9, n: 1e6 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExactComputationTooLargeError);
    expect(caught).toBeInstanceOf(RangeError);
    const error = caught as ExactComputationTooLargeError;
    expect(error.estimatedOperations).toBeGreaterThan(error.maxOperations);
    expect(error.message).toMatch(/maxOperations/);
    expect(() => exactDeviation({ p: [0.5, 0.5], N: 100, n: 10, maxOperations: 10 })).toThrow(ExactComputationTooLargeError);
  });

  it('offers the approximation when it refuses: within 3 % of the exact value for N·p_i ≥ 5', () => {
    for (const [p, N, n] of [[uniform(100), 2000, 3000], [uniform(10), 50, 500], [uniform(20), 1000, 1000]] as [ArrayLike<number>, number, number][]) {
      let message = '';
      try {
        exactDeviation({ p, N, n, maxOperations: 1 });
      } catch (e) {
        message = (e as Error).message;
      }
      const approximate = Number(/≈ ([0-9.e+-]+)/.exec(message)?.[1]);
      const exact = (exactDeviation({ p, N, n }).stationary as { fromFirst: number }).fromFirst;
      expect(Math.abs(approximate / exact - 1)).toBeLessThan(0.03);
    }
  });

  it('the internal entry point agrees with the public one', () => {
    const p = new Float64Array([0.2, 0.8]);
    const a = exactDeviationUnchecked(p, 10, 5, 3, true, 1e-12, 1e12);
    const b = exactDeviation({ p, N: 10, n: 5, generations: 3 });
    expect(Array.from(a.fromFirst)).toEqual(Array.from(b.fromFirst));
  });
});
