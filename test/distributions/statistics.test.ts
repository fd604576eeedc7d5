import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCounts } from '../../src/distributions/from-counts.ts';
import {
  entropy,
  entropyUnchecked,
  isDirac,
  l1Distance,
  l1DistanceUnchecked,
  l1FromCounts,
  l1FromCountsToProb,
  maxFromCounts,
  maxProb,
  maxProbUnchecked,
  sigma,
  sigmaFromCounts,
  sigmaUnchecked,
  supportSize,
  supportSizeUnchecked,
  tvDistance,
} from '../../src/distributions/statistics.ts';
import { uniform } from '../../src/distributions/uniform.ts';
import { Rational } from '../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { exactL1, exactSumSquares, toDouble, ulp } from './exact.ts';

const SEED = 8675309;
/** Unit roundoff 2^-53. */
const U = 2 ** -53;

/** Non-negative integer counts, not all zero. */
const countsArb = (maxLength = 40): fc.Arbitrary<number[]> =>
  fc
    .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength })
    .filter((c) => c.some((x) => x > 0));

/** Pairs / triples of probability vectors of a common length. */
const vectorsArb = (k: number): fc.Arbitrary<Float64Array[]> =>
  fc.integer({ min: 1, max: 30 }).chain((s) =>
    fc
      .array(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: s, maxLength: s }).filter((c) => c.some((x) => x > 0)),
        { minLength: k, maxLength: k },
      )
      .map((cs) => cs.map((c) => fromCounts(c))),
  );

describe('sigma = ‖p‖₂² (paper §3)', () => {
  it('hand-computed values', () => {
    expect(sigma([0.5, 0.25, 0.25])).toBe(0.375);
    expect(sigma([0, 1, 0])).toBe(1);
    expect(sigma(uniform(4))).toBe(0.25);
    expect(sigma([0.5, 0.5])).toBe(0.5);
    expect(sigmaUnchecked([0.5, 0.25, 0.25])).toBe(0.375);
  });

  it('exact rational oracle on dyadic vectors summing exactly to 1: relative error ≤ 3u (u = 2^-53)', () => {
    // each square is rounded once (≤ u relative), the compensated sum adds ≤ u(1 + O(n·u)) relative,
    // and the oracle is itself rounded once (≤ u)
    fc.assert(
      fc.property(countsArb(), fc.integer({ min: 0, max: 20 }), (c, shift) => {
        // entries c_i / 2^k with Σ = 1 exactly: pad the last entry so the total is a power of two
        const total = c.reduce((a, b) => a + b, 0);
        const pow = 2 ** (Math.ceil(Math.log2(total)) + shift);
        const counts = [...c, pow - total];
        const p = counts.map((x) => x / pow);
        const exact = Rational.sum(counts.map((x) => Rational.of(BigInt(x) ** 2n))).div(Rational.of(BigInt(pow) ** 2n));
        const e = toDouble(exact);
        expect(Math.abs(sigma(p) - e)).toBeLessThanOrEqual(3.01 * U * e);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('compensated: relative error ≤ 3u of the exact Σ p_i² on arbitrary doubles (2u + the oracle’s rounding)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }), (x) => {
        const exact = exactSumSquares(x);
        expect(Math.abs(sigmaUnchecked(x) - exact)).toBeLessThanOrEqual(3.01 * U * exact);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('compensated on s = 1e7: uniform(1e7) gives s·fl(1/s)² to 1 ulp (a naive sum is ~1e-10 off)', () => {
    const s = 1e7;
    const p = uniform(s);
    const x = Rational.fromNumber(1 / s);
    const exact = toDouble(x.mul(x).mul(Rational.of(s)));
    const got = sigmaUnchecked(p);
    expect(Math.abs(got - exact)).toBeLessThanOrEqual(ulp(exact));
    // the naive left-to-right sum really is worse here, so the test above has teeth
    let naive = 0;
    for (let i = 0; i < s; i++) naive += p[i] * p[i];
    expect(Math.abs(naive - exact)).toBeGreaterThan(100 * ulp(exact));
  });

  it('checked σ is that of p/Σp with Σp exact to rounding, also for s = 1e7 (where a plain sum is ~1e-10 off)', () => {
    const s = 1e7;
    const x = Rational.fromNumber(1 / s);
    const exact = toDouble(x.mul(x).mul(Rational.of(s)).div(x.mul(Rational.of(s)).mul(x.mul(Rational.of(s)))));
    expect(Math.abs(sigma(uniform(s)) - exact)).toBeLessThanOrEqual(8 * U * exact);
    expect(Math.abs(maxProb(uniform(s)) - 1e-7)).toBeLessThanOrEqual(8 * U * 1e-7);
  });

  it('vectors summing to 1 only up to rounding: σ(p) = Σp²/(Σp)² to ≤ 8u (rational oracle)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }), (w) => {
        let naive = 0;
        for (const v of w) naive += v;
        const p = w.map((v) => v / naive);
        let t = Rational.ZERO;
        let sq = Rational.ZERO;
        for (const v of p) {
          const r = Rational.fromNumber(v);
          t = t.add(r);
          sq = sq.add(r.mul(r));
        }
        const exact = toDouble(sq.div(t.mul(t)));
        expect(Math.abs(sigma(p) - exact)).toBeLessThanOrEqual(8 * U * exact);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('property: 1/support ≤ σ ≤ 1, σ = 1 iff Dirac, σ ≤ ‖p‖∞', () => {
    fc.assert(
      fc.property(countsArb(), (c) => {
        const p = fromCounts(c);
        const k = supportSize(p);
        const sg = sigma(p);
        expect(sg).toBeGreaterThanOrEqual((1 / k) * (1 - 4e-16));
        expect(sg).toBeLessThanOrEqual(1);
        expect(sg === 1).toBe(isDirac(p));
        expect(sg).toBeLessThanOrEqual(maxProb(p) * (1 + 4e-16));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('maxProb, supportSize, isDirac', () => {
  it('hand-computed values', () => {
    expect(maxProb([0.2, 0.5, 0.3])).toBe(0.5);
    expect(maxProbUnchecked([0.2, 0.5, 0.3])).toBe(0.5);
    expect(maxProbUnchecked([])).toBe(-Infinity);
    expect(supportSize([0.5, 0, 0.5, 0])).toBe(2);
    expect(supportSizeUnchecked([0, 3, 0, 1])).toBe(2);
    expect(isDirac([0, 1, 0])).toBe(true);
    expect(isDirac([1])).toBe(true);
    expect(isDirac([0.5, 0.5])).toBe(false);
    expect(isDirac([1 - 1e-12, 1e-12])).toBe(false);
  });

  it('a Dirac mass given with rounding slack is renormalised to exactly 1', () => {
    expect(maxProb([0, 1 - 1e-12, 0])).toBe(1);
    expect(isDirac([0, 1 - 1e-12, 0])).toBe(true);
  });
});

describe('l1Distance and tvDistance (paper §3 and footnote)', () => {
  it('hand-computed values', () => {
    expect(l1Distance([0.5, 0.5, 0], [0.25, 0.25, 0.5])).toBe(1);
    expect(tvDistance([0.5, 0.5, 0], [0.25, 0.25, 0.5])).toBe(0.5);
    expect(l1Distance([1, 0], [0, 1])).toBe(2);
    expect(tvDistance([1, 0], [0, 1])).toBe(1);
    expect(l1DistanceUnchecked([0.5, 0.5, 0], [0.25, 0.25, 0.5])).toBe(1);
  });

  it('exact rational oracle: within 1 ulp of the correctly rounded Σ|p_i − q_i|', () => {
    fc.assert(
      fc.property(vectorsArb(2), ([p, q]) => {
        const exact = exactL1(p, q);
        expect(Math.abs(l1DistanceUnchecked(p, q) - exact)).toBeLessThanOrEqual(ulp(exact));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('properties: symmetric (bitwise), zero on the diagonal, triangle inequality, 0 ≤ tv ≤ 1, tv = l1/2', () => {
    fc.assert(
      fc.property(vectorsArb(3), ([p, q, r]) => {
        expect(l1Distance(p, q)).toBe(l1Distance(q, p));
        expect(l1Distance(p, p)).toBe(0);
        expect(l1Distance(p, r)).toBeLessThanOrEqual(l1Distance(p, q) + l1Distance(q, r) + 4e-16);
        const tv = tvDistance(p, q);
        expect(tv).toBeGreaterThanOrEqual(0);
        expect(tv).toBeLessThanOrEqual(1);
        expect(tv).toBe(l1Distance(p, q) / 2);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('tv = max_A |p(A) − q(A)| (attained at A = {i : p_i > q_i}), exactly in rationals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((s) =>
          fc.tuple(
            fc.array(fc.integer({ min: 0, max: 50 }), { minLength: s, maxLength: s }).filter((c) => c.some((x) => x > 0)),
            fc.array(fc.integer({ min: 0, max: 50 }), { minLength: s, maxLength: s }).filter((c) => c.some((x) => x > 0)),
          ),
        ),
        ([a, b]) => {
          const ta = a.reduce((x, y) => x + y, 0);
          const tb = b.reduce((x, y) => x + y, 0);
          const pa = a.map((x) => Rational.of(x, ta));
          const pb = b.map((x) => Rational.of(x, tb));
          let best = Rational.ZERO;
          for (let mask = 0; mask < 1 << a.length; mask++) {
            let d = Rational.ZERO;
            for (let i = 0; i < a.length; i++) if (mask & (1 << i)) d = d.add(pa[i].sub(pb[i]));
            best = Rational.max(best, d.abs());
          }
          // the counts kernel is exact here (ta·tb ≤ 2^52), so equality is to the correctly rounded value
          expect(l1FromCounts(a, ta, b, tb) / 2).toBe(toDouble(best));
          expect(Math.abs(tvDistance(fromCounts(a), fromCounts(b)) - toDouble(best))).toBeLessThanOrEqual(4 * ulp(1));
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('entropy', () => {
  it('hand-computed values, 0·log 0 = 0, both bases', () => {
    expect(entropy([0.5, 0.5])).toBe(Math.LN2);
    expect(entropy([0.5, 0.5], { base: 2 })).toBe(1);
    expect(Math.abs(entropy([0.25, 0.25, 0.5], { base: 2 }) - 1.5)).toBeLessThanOrEqual(ulp(1.5));
    expect(entropy([0, 1])).toBe(0);
    expect(Object.is(entropy([1]), 0)).toBe(true);
    expect(entropy([0.5, 0, 0.5], { base: 'e' })).toBe(Math.LN2);
    expect(entropyUnchecked([0.5, 0.5], 2)).toBe(1);
    // −Σ p_i ln p_i for the doubles 0.1, 0.2, 0.7 normalised by their sum (mpmath, 50 digits: 0.80181855254333734562…)
    expect(Math.abs(entropy([0.1, 0.2, 0.7]) - 0.8018185525433373)).toBeLessThanOrEqual(4 * U);
    // uniform on 8 tokens: 3 bits
    expect(Math.abs(entropy(uniform(8), { base: 2 }) - 3)).toBeLessThanOrEqual(2 * ulp(3));
  });

  it('properties: 0 ≤ H ≤ log support (equality iff uniform on the support), H ≥ −log σ (Jensen), H = 0 iff Dirac', () => {
    fc.assert(
      fc.property(countsArb(), (c) => {
        const p = fromCounts(c);
        const h = entropy(p);
        const k = supportSize(p);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(Math.log(k) + 1e-14);
        expect(h).toBeGreaterThanOrEqual(-Math.log(sigma(p)) - 1e-14);
        expect(h === 0).toBe(isDirac(p));
        const positive = c.filter((x) => x > 0);
        if (positive.every((x) => x === positive[0])) expect(Math.abs(h - Math.log(k))).toBeLessThan(1e-14);
        else expect(h).toBeLessThan(Math.log(k));
        expect(Math.abs(entropy(p, { base: 2 }) - h / Math.LN2)).toBeLessThanOrEqual(2 * ulp(h / Math.LN2));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('counts kernels (simulator hot path)', () => {
  it('documented values', () => {
    expect(sigmaFromCounts(Int32Array.of(2, 1, 1), 4)).toBe(0.375);
    expect(maxFromCounts([0, 10, 0], 10)).toBe(1);
    expect(maxFromCounts([3, 7], 10)).toBe(0.7);
    expect(l1FromCounts([3, 1, 0], 4, [1, 1, 2], 4)).toBe(1);
    expect(l1FromCounts([1, 0], 1, [1, 2], 3)).toBe(4 / 3);
    expect(l1FromCountsToProb([2, 2, 0], 4, [0.25, 0.25, 0.5])).toBe(1);
  });

  it('sigmaFromCounts and l1FromCounts are correctly rounded for integer counts (rational oracle)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((s) =>
          fc.tuple(
            fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: s, maxLength: s }).filter((c) => c.some((x) => x > 0)),
            fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: s, maxLength: s }).filter((c) => c.some((x) => x > 0)),
          ),
        ),
        ([a, b]) => {
          const ta = a.reduce((x, y) => x + y, 0);
          const tb = b.reduce((x, y) => x + y, 0);
          const sq = Rational.sum(a.map((x) => Rational.of(BigInt(x) ** 2n))).div(Rational.of(BigInt(ta) ** 2n));
          expect(sigmaFromCounts(Float64Array.from(a), ta)).toBe(toDouble(sq));
          const l1 = Rational.sum(a.map((x, i) => Rational.of(x, ta).sub(Rational.of(b[i], tb)).abs()));
          expect(l1FromCounts(a, ta, Int32Array.from(b), tb)).toBe(toDouble(l1));
          expect(maxFromCounts(a, ta)).toBe(Math.max(...a) / ta);
          expect(maxFromCounts(a, ta) === 1).toBe(a.some((x) => x === ta));
          // the probability-vector versions agree to rounding
          // p̂_i = p_i(1 ± u)(1 ± u) (division, rescaling); relative error of σ(p̂/Σp̂) ≤ 2·5u + 4u = 14u,
          // + u for the oracle's rounding
          expect(Math.abs(sigma(fromCounts(a)) - toDouble(sq))).toBeLessThanOrEqual(15 * U * toDouble(sq));
          const pb = fromCounts(b);
          // absolute: u·Σ(a_i/ta + pb_i) = 2u from the roundings of the entries (pb_i twice: 3u),
          // + 2u·l1 from subtraction and sum, + u·l1 for the oracle's rounding
          expect(Math.abs(l1FromCountsToProb(a, ta, pb) - toDouble(l1))).toBeLessThanOrEqual(3 * U + 3 * U * toDouble(l1));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('l1FromCounts falls back to floating point for huge totals and non-integer counts', () => {
    const a = [2 ** 40, 2 ** 40];
    const b = [2 ** 41, 0];
    // totals 2^41 · 2^41 > 2^52: floating-point path; exact answer 1
    expect(l1FromCounts(a, 2 ** 41, b, 2 ** 41)).toBe(1);
    expect(l1FromCounts([0.5, 1.5], 2, [1, 1], 2)).toBe(0.5);
  });
});

describe('invalid input → typed errors naming the parameter', () => {
  it('probability vectors', () => {
    expect(() => sigma('abc' as unknown as number[])).toThrow(ParameterTypeError);
    expect(() => sigma(null as unknown as number[])).toThrow(/^p must be/);
    expect(() => sigma([])).toThrow(ParameterRangeError);
    expect(() => sigma([0.5, 0.6])).toThrow(/^sum of p must be 1/);
    expect(() => maxProb([-0.1, 1.1])).toThrow(/^p\[0\] must be a finite number >= 0; received -0.1/);
    expect(() => supportSize([Number.NaN, 1])).toThrow(ParameterRangeError);
    expect(() => isDirac([1, '0' as unknown as number])).toThrow(ParameterTypeError);
    expect(() => entropy([0.3, 0.3])).toThrow(ParameterRangeError);
  });

  it('pairs: the second vector is named q, lengths must match', () => {
    expect(() => l1Distance([1, 0], [0.5, 0.5, 0])).toThrow(/^q must be a probability vector of the same length as p \(2\)/);
    expect(() => tvDistance([1, 0], [2, 0])).toThrow(/^sum of q/);
    expect(() => l1Distance([1, 0], undefined as unknown as number[])).toThrow(ParameterTypeError);
  });

  it('entropy options', () => {
    expect(() => entropy([1], { base: 10 as unknown as 2 })).toThrow(/^base must be "e" or 2; received 10/);
    expect(() => entropy([1], { base: '2' as unknown as 2 })).toThrow(ParameterRangeError);
    expect(() => entropy([1], { base: true as unknown as 2 })).toThrow(ParameterTypeError);
    expect(() => entropy([1], null as unknown as object)).toThrow(/^options must be an options object/);
  });
});
