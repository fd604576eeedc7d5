import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import {
  compositions,
  fullySyntheticExpectedCollapseTime,
  fullySyntheticFixationProbabilities,
  fullySyntheticLaw,
  l1Distance,
  lambdaOf,
  multinomialPmf,
  partiallySyntheticLaw,
  piOf,
  rationals,
  sumOfSquares,
} from './wright-fisher.ts';

const SEED = 42;
const ONE = Rational.ONE;
const q = (num: number, den = 1): Rational => Rational.of(num, den);
const str = (xs: readonly Rational[]): string[] => xs.map(String);

/** Initial distributions used throughout (exact, summing to 1). */
const DISTRIBUTIONS: Rational[][] = [
  rationals('1/2', '1/2'),
  rationals('1/3', '2/3'),
  rationals('1/2', '1/3', '1/6'),
  rationals('1/3', '1/3', '1/3'),
  rationals('3/5', '0', '2/5'),
  rationals('1/4', '1/4', '1/4', '1/4'),
  rationals('1/10', '2/10', '3/10', '4/10'),
];

/** A random exact probability vector of length 2..4 with denominators ≤ 12. */
const distribution = fc
  .array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 4 })
  .filter((w) => w.some((x) => x > 0))
  .map((w) => {
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((x) => q(x, total));
  });

describe('oracle building blocks', () => {
  it('documented examples', () => {
    expect(compositions(2, 2)).toEqual([
      [2, 0],
      [1, 1],
      [0, 2],
    ]);
    expect(multinomialPmf([1, 1], [q(1, 2), q(1, 2)]).toString()).toBe('1/2');
    expect(sumOfSquares([q(1, 2), q(1, 2)]).toString()).toBe('1/2');
    expect(l1Distance([ONE, Rational.ZERO], [q(1, 2), q(1, 2)]).toString()).toBe('1');
    expect(lambdaOf(rationals('1/3', '1/3', '1/3')).toString()).toBe('2/9');
    expect(piOf(rationals('1/3', '1/3', '1/3')).toString()).toBe('1/3');
    expect(rationals('1/2', '1/2').map(String)).toEqual(['1/2', '1/2']);
    expect(rationals(0.25, '3/4').map(String)).toEqual(['1/4', '3/4']);
  });

  it('compositions lists every count vector once, C(n+s−1, s−1) of them', () => {
    const binomial = (a: number, b: number): number => {
      let r = 1;
      for (let i = 1; i <= b; i++) r = (r * (a - b + i)) / i;
      return r;
    };
    for (let s = 1; s <= 4; s++) {
      for (let n = 0; n <= 6; n++) {
        const all = compositions(n, s);
        expect(all.length).toBe(binomial(n + s - 1, s - 1));
        expect(new Set(all.map((c) => c.join(','))).size).toBe(all.length);
        for (const c of all) {
          expect(c.length).toBe(s);
          expect(c.reduce((a, b) => a + b, 0)).toBe(n);
          expect(c.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
        }
      }
    }
    expect(compositions(0, 3)).toEqual([[0, 0, 0]]);
  });

  it('multinomialPmf is a probability law (sums to exactly 1) and matches hand values', () => {
    for (const p of DISTRIBUTIONS) {
      for (let n = 0; n <= 5; n++) {
        const total = Rational.sum(compositions(n, p.length).map((c) => multinomialPmf(c, p)));
        expect(total.equals(ONE)).toBe(true);
      }
    }
    // 3!/(1!1!1!) · (1/2)(1/3)(1/6) = 1/6
    expect(multinomialPmf([1, 1, 1], rationals('1/2', '1/3', '1/6')).toString()).toBe('1/6');
    // binomial: C(4,2) (1/3)^2 (2/3)^2 = 6 · 4/81 = 8/27
    expect(multinomialPmf([2, 2], rationals('1/3', '2/3')).toString()).toBe('8/27');
    // zero probability with a positive count, 0^0 = 1 otherwise
    expect(multinomialPmf([1, 0, 1], rationals('3/5', '0', '2/5')).toString()).toBe('12/25');
    expect(multinomialPmf([0, 1, 1], rationals('3/5', '0', '2/5')).isZero()).toBe(true);
  });

  it('lambda and pi by brute force', () => {
    expect(lambdaOf(rationals('1', '0')).isZero()).toBe(true);
    expect(piOf(rationals('1', '0', '0')).isZero()).toBe(true);
    expect(lambdaOf(rationals('1/2', '1/2')).toString()).toBe('1/4');
    expect(piOf(rationals('1/2', '1/2')).toString()).toBe('1/2');
    // best split of (0.4, 0.35, 0.25) is {0.4} vs {0.35, 0.25}: 0.4 · 0.6 = 0.24; π = 0.4
    expect(lambdaOf(rationals('2/5', '7/20', '1/4')).toString()).toBe('6/25');
    expect(piOf(rationals('2/5', '7/20', '1/4')).toString()).toBe('2/5');
    // {0.3, 0.2} vs {0.5}: exactly 1/2
    expect(piOf(rationals('1/2', '3/10', '1/5')).toString()).toBe('1/2');
  });

  it('validates its arguments', () => {
    expect(() => fullySyntheticLaw(rationals('1/2', '1/3'), 2, 1)).toThrow(/^sum of p must be exactly 1/);
    expect(() => fullySyntheticLaw(rationals('3/2', '-1/2'), 2, 1)).toThrow(ParameterRangeError);
    expect(() => fullySyntheticLaw([0.5, 0.5] as unknown as Rational[], 2, 1)).toThrow(ParameterTypeError);
    expect(() => fullySyntheticLaw([], 2, 1)).toThrow(ParameterRangeError);
    expect(() => fullySyntheticLaw(rationals('1/2', '1/2'), 0, 1)).toThrow(/^n must be /);
    expect(() => fullySyntheticLaw(rationals('1/2', '1/2'), 2, -1)).toThrow(/^generations must be /);
    expect(() => partiallySyntheticLaw(rationals('1/2', '1/2'), 0, 1, 1)).toThrow(/^N must be /);
    expect(() => partiallySyntheticLaw(rationals('1/2', '1/2'), 1, 1.5, 1)).toThrow(/^n must be /);
    expect(() =>
      partiallySyntheticLaw(rationals('1/2', '1/2'), 1, 1, 1, { freshReal: 'yes' as unknown as boolean }),
    ).toThrow(ParameterTypeError);
    expect(() => multinomialPmf([1, 1], rationals('1/3', '1/3', '1/3'))).toThrow(/^counts must be /);
    expect(() => multinomialPmf([1, -1], rationals('1/2', '1/2'))).toThrow(/^counts\[1\] must be /);
    expect(() => fullySyntheticExpectedCollapseTime(rationals('1/2', '1/2'), 0)).toThrow(ParameterRangeError);
    expect(() => fullySyntheticFixationProbabilities(rationals('1/2', '1/4'), 2)).toThrow(ParameterRangeError);
  });
});

describe('Fully Synthetic oracle', () => {
  it('hand case s = 2, n = 1: total collapse at step 1', () => {
    const law = fullySyntheticLaw(rationals('1/3', '2/3'), 1, 3);
    expect(str(law.rho)).toEqual(['0', '1', '1', '1']);
    expect(str(law.S)).toEqual(['5/9', '1', '1', '1']);
    // p^(1) = δ_1 w.p. 1/3 (L1 distance 4/3), δ_2 w.p. 2/3 (L1 distance 2/3)
    expect(law.meanL1FromInitial[1]!.toString()).toBe('8/9');
    const t = fullySyntheticExpectedCollapseTime(rationals('1/3', '2/3'), 1);
    expect(t.ET.toString()).toBe('1');
    expect(t.ET2.toString()).toBe('1');
  });

  it('hand case s = 2, n = 2, p = (1/2, 1/2): S_1 = 3/4, T ~ Geometric(1/2)', () => {
    const p = rationals('1/2', '1/2');
    const law = fullySyntheticLaw(p, 2, 4);
    expect(law.S[1]!.toString()).toBe('3/4');
    // P(T > m) = 2^-m: the non-Dirac state is (1/2, 1/2) itself
    expect(str(law.rho)).toEqual(['0', '1/2', '3/4', '7/8', '15/16']);
    expect(law.states[1]!.map((a) => [a.counts, a.probability.toString()])).toEqual([
      [[2, 0], '1/4'],
      [[1, 1], '1/2'],
      [[0, 2], '1/4'],
    ]);
    const t = fullySyntheticExpectedCollapseTime(p, 2);
    expect(t.ET.toString()).toBe('2'); // 1/(1/2)
    expect(t.ET2.toString()).toBe('6'); // (2 − 1/2)/(1/2)^2
  });

  it('hand case s = 2, n = 3, p = (1/2, 1/2): E[T] = 13/4, E[T²] = 67/4', () => {
    // From (1/3, 2/3) or (2/3, 1/3) the chain stays non-Dirac w.p. 1 − 8/27 − 1/27 = 2/3,
    // so the remaining time T' ~ Geometric(1/3): E T' = 3, E T'^2 = 15. First step Dirac w.p. 1/4.
    const t = fullySyntheticExpectedCollapseTime(rationals('1/2', '1/2'), 3);
    expect(t.ET.toString()).toBe('13/4'); // 1/4 · 1 + 3/4 · (1 + 3)
    expect(t.ET2.toString()).toBe('67/4'); // 1/4 · 1 + 3/4 · (1 + 6 + 15)
  });

  it('probabilities sum to exactly 1, states are distinct grid points, and E p^(m) = p', () => {
    for (const p of DISTRIBUTIONS) {
      for (const n of [1, 2, 3, 4]) {
        const law = fullySyntheticLaw(p, n, 4);
        for (let m = 0; m <= 4; m++) {
          const atoms = law.states[m]!;
          expect(Rational.sum(atoms.map((a) => a.probability)).equals(ONE)).toBe(true);
          expect(atoms.every((a) => a.probability.sign() > 0)).toBe(true);
          expect(new Set(atoms.map((a) => a.point.join(','))).size).toBe(atoms.length);
          if (m > 0) {
            for (const a of atoms) {
              expect(a.counts!.reduce((x, y) => x + y, 0)).toBe(n);
              expect(a.point.every((x, i) => x.equals(q(a.counts![i]!, n)))).toBe(true);
              // support never grows
              expect(a.counts!.every((c, i) => c === 0 || !p[i]!.isZero())).toBe(true);
            }
          }
          expect(str(law.mean[m]!)).toEqual(str(p));
        }
      }
    }
  });

  it('S_m follows the recursion S_m = 1/n + (1 − 1/n) S_{m−1} exactly (eq. 14, hence eq. 6)', () => {
    for (const p of DISTRIBUTIONS) {
      for (const n of [1, 2, 3, 4, 5]) {
        const law = fullySyntheticLaw(p, n, 5);
        const invN = q(1, n);
        let S = sumOfSquares(p);
        expect(law.S[0]!.equals(S)).toBe(true);
        for (let m = 1; m <= 5; m++) {
          S = invN.add(ONE.sub(invN).mul(S));
          expect(law.S[m]!.toString()).toBe(S.toString());
          // closed form (6): S_m = 1 − (1 − 1/n)^m (1 − S0)
          const closed = ONE.sub(ONE.sub(invN).pow(m).mul(ONE.sub(law.S[0]!)));
          expect(law.S[m]!.equals(closed)).toBe(true);
        }
      }
    }
  });

  it('rho is non-decreasing, S_m ≤ E‖p^(m)‖∞, and E[T] = Σ_{k<M} P(T > k) + E[h(p^(M)); T > M]', () => {
    for (const p of [rationals('1/2', '1/3', '1/6'), rationals('1/3', '2/3'), rationals('1/4', '1/4', '1/4', '1/4')]) {
      for (const n of [2, 3]) {
        const M = 3;
        const law = fullySyntheticLaw(p, n, M);
        for (let m = 1; m <= M; m++) {
          expect(law.rho[m]!.cmp(law.rho[m - 1]!)).toBeGreaterThanOrEqual(0);
          expect(law.S[m]!.cmp(law.meanMax[m]!)).toBeLessThanOrEqual(0);
        }
        // Markov property: the remaining time from a non-Dirac grid point x has mean E[T | p^(0) = x].
        let expected = Rational.ZERO;
        for (let k = 0; k < M; k++) expected = expected.add(ONE.sub(law.rho[k]!));
        for (const atom of law.states[M]!) {
          if (atom.counts!.includes(n)) continue;
          expected = expected.add(atom.probability.mul(fullySyntheticExpectedCollapseTime(atom.point, n).ET));
        }
        expect(fullySyntheticExpectedCollapseTime(p, n).ET.toString()).toBe(expected.toString());
      }
    }
  });

  it('E[T²] ≥ E[T]² and E[T] lies within the bounds (8) of Theorem 1', () => {
    for (const p of DISTRIBUTIONS) {
      for (const n of [2, 3, 4]) {
        const { ET, ET2 } = fullySyntheticExpectedCollapseTime(p, n);
        expect(ET2.cmp(ET.mul(ET))).toBeGreaterThanOrEqual(0);
        const S0 = sumOfSquares(p);
        const support = p.filter((x) => !x.isZero()).length;
        const lower = ONE.add(ONE.sub(S0).div(ONE.sub(q(1, support))).mul(q(n - 1)));
        const upper = ONE.add(ONE.sub(S0).mul(q(n * (n - 1))));
        expect(ET.cmp(lower)).toBeGreaterThanOrEqual(0);
        expect(ET.cmp(upper)).toBeLessThanOrEqual(0);
      }
    }
  });

  it('E[T] = 1 when p is already a Dirac mass, or when n = 1', () => {
    expect(fullySyntheticExpectedCollapseTime(rationals('0', '1', '0'), 3).ET.toString()).toBe('1');
    expect(fullySyntheticExpectedCollapseTime(rationals('1/4', '1/4', '1/2'), 1).ET2.toString()).toBe('1');
  });

  it('fixation probabilities equal p exactly (Proposition 1)', () => {
    for (const p of DISTRIBUTIONS) {
      for (const n of [1, 2, 3, 4]) {
        expect(str(fullySyntheticFixationProbabilities(p, n))).toEqual(str(p));
      }
    }
    expect(fullySyntheticFixationProbabilities(rationals('1/3', '2/3'), 2).map(String)).toEqual(['1/3', '2/3']);
  });

  it('fixation probabilities equal p for random p (property)', () => {
    fc.assert(
      fc.property(distribution, fc.integer({ min: 1, max: 4 }), (p, n) => {
        return fullySyntheticFixationProbabilities(p, n).every((x, i) => x.equals(p[i]!));
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('documented example', () => {
    expect(fullySyntheticLaw([Rational.of(1, 2), Rational.of(1, 2)], 2, 1).S[1]!.toString()).toBe('3/4');
    expect(fullySyntheticExpectedCollapseTime([Rational.of(1, 2), Rational.of(1, 2)], 2).ET.toString()).toBe('2');
  });
});

/** The exact recursion derived in the proof of Theorem 2 (eq. 15 with eq. 16 plugged in). */
function theorem2Recursion(S0: Rational, N: number, n: number, M: number): Rational[] {
  const Np = q(N + n);
  const Np2 = Np.mul(Np);
  const a = q(N + 3 * n).div(Np2);
  const b = q((N - 1) * (N + 2 * n)).div(Np2);
  const beta = q(n * (n - 1)).div(Np2);
  const out = [S0, q(1, N).add(ONE.sub(q(1, N)).mul(S0))];
  for (let m = 2; m <= M; m++) out.push(a.add(b.mul(S0)).add(beta.mul(out[m - 1]!)));
  return out;
}

/** Eq. 9 as printed, for S_{m+1}, m ≥ 1; `sign` = −1 is the printed "− αβ^m/N" in the S0 term, +1 the corrected one. */
function equation9(S0: Rational, N: number, n: number, m: number, sign: -1 | 1): Rational {
  const invN = q(1, N);
  const alpha = q(n, N + n);
  const beta = alpha.mul(ONE.add(invN).mul(alpha).sub(invN));
  const denominator = ONE.add(ONE.add(invN).mul(alpha));
  const betaM = beta.pow(m);
  const first = invN.mul(ONE.add(alpha.mul(q(2))).sub(ONE.sub(invN).mul(alpha).mul(betaM))).div(denominator);
  const bracket = ONE.add(alpha).add(q(sign).mul(alpha).mul(betaM).mul(invN));
  const second = ONE.sub(invN).mul(S0).div(denominator).mul(bracket);
  return first.add(second);
}

describe('Partially Synthetic oracle', () => {
  it('hand case s = 2, N = 2, n = 1, p = (1/2, 1/2)', () => {
    // C = (2,0), (0,2) w.p. 1/4 each: Dirac forever. C = (1,1) w.p. 1/2: p^(1) = (1/2,1/2),
    // then p^(m) = (C + X)/3 ∈ {(2/3,1/3), (1/3,2/3)} for every m ≥ 2.
    const law = partiallySyntheticLaw(rationals('1/2', '1/2'), 2, 1, 3);
    expect(str(law.S)).toEqual(['1/2', '3/4', '7/9', '7/9']);
    expect(str(law.rho)).toEqual(['0', '1/2', '1/2', '1/2']);
    expect(str(law.meanL1FromFirst)).toEqual(['1/2', '0', '1/6', '1/6']);
    expect(str(law.meanL1FromInitial)).toEqual(['0', '1/2', '2/3', '2/3']);
    expect(str(law.meanLambda)).toEqual(['1/4', '1/8', '1/9', '1/9']);
    expect(str(law.meanPi)).toEqual(['1/2', '1/4', '1/6', '1/6']);
    expect(law.states[2]!.map((a) => [a.corpus, a.counts, a.probability.toString()])).toEqual([
      [[2, 0], [3, 0], '1/4'],
      [[1, 1], [2, 1], '1/4'],
      [[1, 1], [1, 2], '1/4'],
      [[0, 2], [0, 3], '1/4'],
    ]);
  });

  it('hand case with fresh real data: s = 2, N = 1, n = 1, p = (1/2, 1/2)', () => {
    // p^(1) = C^(1)/1 is a Dirac mass and X^(2) copies it; a fresh C^(2) disagrees w.p. 1/2.
    const fixed = partiallySyntheticLaw(rationals('1/2', '1/2'), 1, 1, 2);
    const fresh = partiallySyntheticLaw(rationals('1/2', '1/2'), 1, 1, 2, { freshReal: true });
    expect(str(fixed.S)).toEqual(['1/2', '1', '1']);
    expect(str(fresh.S)).toEqual(['1/2', '1', '3/4']);
    expect(str(fresh.meanL1FromFirst)).toEqual(['1', '0', '1/2']);
    expect(str(fresh.rho)).toEqual(['0', '1', '1/2']);
  });

  it('probabilities sum to exactly 1 and E p^(m) = p (fixed and fresh real data)', () => {
    for (const p of DISTRIBUTIONS.slice(0, 5)) {
      for (const [N, n] of [
        [1, 1],
        [2, 3],
        [3, 2],
        [4, 4],
      ] as const) {
        for (const freshReal of [false, true]) {
          const law = partiallySyntheticLaw(p, N, n, 3, { freshReal });
          for (let m = 0; m <= 3; m++) {
            const atoms = law.states[m]!;
            expect(Rational.sum(atoms.map((a) => a.probability)).equals(ONE)).toBe(true);
            expect(atoms.every((a) => a.probability.sign() > 0)).toBe(true);
            expect(new Set(atoms.map((a) => `${a.corpus}|${a.counts}`)).size).toBe(atoms.length);
            expect(str(law.mean[m]!)).toEqual(str(p));
            if (m >= 1) {
              const total = m === 1 ? N : N + n;
              for (const a of atoms) {
                expect(a.counts!.reduce((x, y) => x + y, 0)).toBe(total);
                // with a fixed corpus, p^(m) ≥ C/(N + n) componentwise
                if (!freshReal) expect(a.counts!.every((c, i) => c >= a.corpus![i]!)).toBe(true);
              }
            }
          }
        }
      }
    }
  });

  it('S_1 = 1/N + (1 − 1/N) S0 and S_m follows the exact recursion of the proof of Theorem 2', () => {
    for (const p of DISTRIBUTIONS) {
      for (const [N, n] of [
        [1, 1],
        [1, 3],
        [2, 1],
        [2, 2],
        [3, 2],
        [2, 4],
        [4, 3],
      ] as const) {
        if (p.length === 4 && N + n > 6) continue; // keep the run short
        const law = partiallySyntheticLaw(p, N, n, 4);
        expect(str(law.S)).toEqual(str(theorem2Recursion(sumOfSquares(p), N, n, 4)));
      }
    }
  });

  it('eq. 9 as printed disagrees with the exact S_{m+1} unless n = 1; flipping the sign of αβ^m/N in the S0 term fixes it', () => {
    const p = rationals('1/2', '1/3', '1/6');
    const S0 = sumOfSquares(p);
    for (const [N, n] of [
      [2, 1],
      [3, 1],
      [2, 2],
      [3, 2],
      [2, 3],
      [4, 4],
    ] as const) {
      const law = partiallySyntheticLaw(p, N, n, 5);
      for (let m = 1; m <= 4; m++) {
        const exact = law.S[m + 1]!;
        expect(equation9(S0, N, n, m, 1).toString()).toBe(exact.toString());
        // printed minus exact = −2 (1 − 1/N) S0 α β^m / (N (1 + (1 + 1/N) α)), zero iff β = 0 iff n = 1
        const printed = equation9(S0, N, n, m, -1);
        expect(printed.equals(exact)).toBe(n === 1);
      }
    }
  });

  it('S_m, m ≥ 2, stays strictly below the m → ∞ limit used in the proof of Theorem 2', () => {
    // Proof of Theorem 2: S_m < [ (1 + 2α)/N + (1 − 1/N)(1 + α) S0 ] / (1 + (1 + 1/N) α) for m ≥ 2 when S_1 is below its limit.
    for (const p of DISTRIBUTIONS.slice(0, 5)) {
      for (const [N, n] of [
        [2, 2],
        [3, 2],
        [2, 3],
      ] as const) {
        const law = partiallySyntheticLaw(p, N, n, 4);
        const invN = q(1, N);
        const alpha = q(n, N + n);
        const limit = invN
          .mul(ONE.add(alpha.mul(q(2))))
          .add(ONE.sub(invN).mul(ONE.add(alpha)).mul(law.S[0]!))
          .div(ONE.add(ONE.add(invN).mul(alpha)));
        for (let m = 2; m <= 4; m++) expect(law.S[m]!.cmp(limit)).toBeLessThan(0);
      }
    }
  });

  it('meanLambda and meanPi satisfy the inequalities of the proof of Theorem 4', () => {
    // E λ_{k+1} ≤ 1/4 − (1/4 − E λ_1)(N/(N+n))², E π_k ≤ 2 E λ_k
    for (const p of DISTRIBUTIONS.slice(0, 5)) {
      for (const [N, n] of [
        [1, 1],
        [2, 2],
        [3, 2],
        [2, 4],
      ] as const) {
        const law = partiallySyntheticLaw(p, N, n, 4);
        const quarter = q(1, 4);
        const ratio = q(N, N + n);
        const bound = quarter.sub(quarter.sub(law.meanLambda[1]!).mul(ratio).mul(ratio));
        for (let k = 1; k <= 4; k++) {
          if (k >= 2) expect(law.meanLambda[k]!.cmp(bound)).toBeLessThanOrEqual(0);
          expect(law.meanPi[k]!.cmp(law.meanLambda[k]!.mul(q(2)))).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('p^(m) − p^(1) = n/(N + n) · (X/n − p^(1)) pointwise for a fixed corpus (eq. 17)', () => {
    const law = partiallySyntheticLaw(rationals('1/2', '1/3', '1/6'), 3, 2, 3);
    for (const atom of law.states[3]!) {
      const first = atom.corpus!.map((c) => q(c, 3));
      const synthetic = atom.counts!.map((z, i) => q(z - atom.corpus![i]!, 2));
      const rhs = synthetic.map((x, i) => q(2, 5).mul(x.sub(first[i]!)));
      const lhs = atom.point.map((x, i) => x.sub(first[i]!));
      expect(str(lhs)).toEqual(str(rhs));
    }
  });

  it('documented example', () => {
    expect(partiallySyntheticLaw([Rational.of(1, 2), Rational.of(1, 2)], 2, 1, 2).S[2]!.toString()).toBe('7/9');
  });
});
