/**
 * Test oracles independent of the code under test: double-double (≈ 106-bit)
 * accumulation of sums and sums of squares, and an exact rational evaluation.
 */
import { Rational } from '../../src/numeric/rational.ts';

const SPLITTER = 134217729; // 2^27 + 1 (Dekker)

function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** Σ x_i in double-double, rounded to a double at the end. */
export function ddSum(x: ArrayLike<number>): number {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < x.length; i++) {
    const [s, e] = twoSum(hi, x[i]);
    hi = s;
    lo += e;
  }
  return hi + lo;
}

/** Σ x_i² in double-double (each product exact up to underflow), rounded at the end. */
export function ddSumSquares(x: ArrayLike<number>): number {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < x.length; i++) {
    const [p, pe] = twoProduct(x[i], x[i]);
    const [s, e] = twoSum(hi, p);
    hi = s;
    lo += e + pe;
  }
  return hi + lo;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * The double nearest to a rational (round half to even), computed here from
 * `num`/`den` so that the oracles do not depend on `Rational.toNumber`.
 */
export function toDouble(r: Rational): number {
  if (r.num === 0n) return 0;
  const negative = r.num < 0n;
  const a = negative ? -r.num : r.num;
  const b = r.den;
  let e = bitLength(a) - bitLength(b);
  const atLeast = e >= 0 ? a >= b << BigInt(e) : a << BigInt(-e) >= b;
  if (!atLeast) e -= 1;
  if (e > 1023) return negative ? -Infinity : Infinity;
  const shift = e >= -1022 ? 52 - e : 1074;
  const num = shift >= 0 ? a << BigInt(shift) : a;
  const den = shift >= 0 ? b : b << BigInt(-shift);
  let q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  let m = Number(q);
  let k = -shift;
  // scale by 2^k in steps that stay exact
  while (k > 0) {
    const step = Math.min(k, 1000);
    m *= 2 ** step;
    k -= step;
  }
  while (k < 0) {
    const step = Math.max(k, -1000);
    m *= 2 ** step;
    k -= step;
  }
  return negative ? -m : m;
}

/** Exact Σ x_i² of doubles, correctly rounded. */
export function exactSumSquares(x: ArrayLike<number>): number {
  let total = Rational.ZERO;
  for (let i = 0; i < x.length; i++) {
    const r = Rational.fromNumber(x[i]);
    total = total.add(r.mul(r));
  }
  return toDouble(total);
}

/** Exact Σ |x_i − y_i| of doubles, correctly rounded. */
export function exactL1(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let total = Rational.ZERO;
  for (let i = 0; i < x.length; i++) total = total.add(Rational.fromNumber(x[i]).sub(Rational.fromNumber(y[i])).abs());
  return toDouble(total);
}

/** Exact Σ x_i of doubles, correctly rounded. */
export function exactSum(x: ArrayLike<number>): number {
  let total = Rational.ZERO;
  for (let i = 0; i < x.length; i++) total = total.add(Rational.fromNumber(x[i]));
  return toDouble(total);
}

/** Unit in the last place of x (the spacing of doubles at |x|). */
export function ulp(x: number): number {
  const a = Math.abs(x);
  if (a < 2.2250738585072014e-308) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const exponent = (view.getUint16(0) >> 4) - 1023;
  return 2 ** (exponent - 52);
}
