/**
 * The arithmetic the exact second-moment engines run in (see
 * `src/exact/second-moments/index.ts`): the recursion generalising Appendix B of
 * the paper (proofs of Theorems 1–2) is written once, generic over a
 * {@link MomentField}, and run in doubles ({@link NUMBER_FIELD}) by the public
 * API and in exact rationals ({@link RATIONAL_FIELD}) by
 * `exactSecondMomentsRational` and the tests (exact equality with the
 * enumeration oracle).
 *
 * @module
 */
import { Rational } from '../../numeric/rational.ts';

/**
 * A commutative field with the few operations the moment recursion needs,
 * plus the law of Bin(n, 1/u) (the count of one source in a Randomly Sampled
 * split, §4.2).
 */
export interface MomentField<T> {
  /** `'number'` (IEEE doubles) or `'rational'` (exact, BigInt). */
  readonly name: 'number' | 'rational';
  readonly zero: T;
  readonly one: T;
  /** The integer k (a safe integer). */
  fromInt(k: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  /** a / b for b ≠ 0. */
  div(a: T, b: T): T;
  isZero(a: T): boolean;
  toNumber(a: T): number;
  /**
   * pmf[k] = P(X = k), k = 0…n, X ~ Bin(n, 1/u) (u ≥ 1 an integer; u = 1: X = n).
   */
  binomialPmf(n: number, u: number): T[];
}

/**
 * P(X = k), k = 0…n, for X ~ Bin(n, 1/u) in doubles: the ratio recurrence
 * started at the mode with weight 1, both directions until the terms
 * underflow, then normalised. Relative error O(n·2^-53) near the mode; the
 * tails are accurate down to the underflow threshold (never 0^0 issues, no
 * overflow for any n).
 */
function binomialPmfNumber(n: number, u: number): number[] {
  const pmf = new Array<number>(n + 1).fill(0);
  if (u === 1) {
    pmf[n] = 1;
    return pmf;
  }
  const r = u - 1; // (1 − q)/q with q = 1/u
  let mode = Math.floor((n + 1) / u);
  if (mode > n) mode = n;
  pmf[mode] = 1;
  for (let k = mode; k < n; k++) {
    const next = (pmf[k] * (n - k)) / ((k + 1) * r);
    if (next === 0) break;
    pmf[k + 1] = next;
  }
  for (let k = mode; k > 0; k--) {
    const prev = (pmf[k] * k * r) / (n - k + 1);
    if (prev === 0) break;
    pmf[k - 1] = prev;
  }
  // sum from the smallest terms (both tails inwards) for accuracy
  let sum = 0;
  let lo = 0;
  let hi = n;
  while (lo <= hi) {
    if (pmf[lo] <= pmf[hi]) sum += pmf[lo++];
    else sum += pmf[hi--];
  }
  for (let k = 0; k <= n; k++) pmf[k] /= sum;
  return pmf;
}

/**
 * IEEE doubles: the arithmetic of `exactSecondMoments` (S_m of Theorems 1–2 generalised).
 *
 * @example
 * ```ts
 * NUMBER_FIELD.binomialPmf(2, 2); // => [0.25, 0.5, 0.25]
 * NUMBER_FIELD.div(NUMBER_FIELD.one, NUMBER_FIELD.fromInt(4)); // => 0.25
 * ```
 */
export const NUMBER_FIELD: MomentField<number> = {
  name: 'number',
  zero: 0,
  one: 1,
  fromInt: (k) => k,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  isZero: (a) => a === 0,
  toNumber: (a) => a,
  binomialPmf: binomialPmfNumber,
};

function binomialPmfRational(n: number, u: number): Rational[] {
  const pmf = new Array<Rational>(n + 1).fill(Rational.ZERO);
  if (u === 1) {
    pmf[n] = Rational.ONE;
    return pmf;
  }
  const U = BigInt(u);
  const r = U - 1n;
  const denominator = U ** BigInt(n);
  let choose = 1n; // C(n, k)
  for (let k = 0; k <= n; k++) {
    pmf[k] = Rational.of(choose * r ** BigInt(n - k), denominator);
    choose = (choose * BigInt(n - k)) / BigInt(k + 1);
  }
  return pmf;
}

/**
 * Exact rationals ({@link Rational}, BigInt): the arithmetic of
 * `exactSecondMomentsRational`, in which Theorems 1–2 are reproduced exactly.
 *
 * @example
 * ```ts
 * RATIONAL_FIELD.binomialPmf(2, 3).map(String); // => ['4/9', '4/9', '1/9']
 * RATIONAL_FIELD.div(RATIONAL_FIELD.one, RATIONAL_FIELD.fromInt(3)).toString(); // => '1/3'
 * ```
 */
export const RATIONAL_FIELD: MomentField<Rational> = {
  name: 'rational',
  zero: Rational.ZERO,
  one: Rational.ONE,
  fromInt: (k) => Rational.of(k),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  isZero: (a) => a.isZero(),
  toNumber: (a) => a.toNumber(),
  binomialPmf: binomialPmfRational,
};
