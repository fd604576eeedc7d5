/**
 * Exact rational numbers on `BigInt`, the arithmetic of the library's exact
 * oracles (exhaustive enumeration of the paper's Markov chains for tiny
 * parameters) and of any computation where a double would round.
 *
 * @module
 */
import { checkInteger, ParameterRangeError, ParameterTypeError } from '../validate.ts';

const SAFE_INTEGER_TEXT = `a bigint or a safe integer (|x| <= ${Number.MAX_SAFE_INTEGER})`;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function toBigInt(name: string, value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    checkInteger(name, value, { min: -Number.MAX_SAFE_INTEGER });
    return BigInt(value);
  }
  throw new ParameterTypeError(name, value, SAFE_INTEGER_TEXT);
}

function checkRational(name: string, value: unknown): Rational {
  if (!(value instanceof Rational)) throw new ParameterTypeError(name, value, 'a Rational');
  return value;
}

/** Number of bits of a positive bigint (`bitLength(1n) = 1`, `bitLength(8n) = 4`). */
function bitLength(x: bigint): number {
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0] as string, 16)));
}

const POW2_VIEW = new DataView(new ArrayBuffer(8));

/** 2^k exactly, for integer k in [-1022, 1023] (built from its bit pattern). */
function pow2(k: number): number {
  POW2_VIEW.setBigUint64(0, BigInt(k + 1023) << 52n);
  return POW2_VIEW.getFloat64(0);
}

/** x · 2^k, exact whenever the result is representable (steps of at most 2^±1000 keep intermediates normal). */
function scaleByPowerOfTwo(x: number, k: number): number {
  while (k > 1000) {
    x *= pow2(1000);
    k -= 1000;
  }
  while (k < -1000) {
    x *= pow2(-1000);
    k += 1000;
  }
  return x * pow2(k);
}

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION_PATTERN = /^([+-]?\d+)\/([+-]?\d+)$/;

/**
 * An exact rational number `num/den` on `BigInt`. Immutable and always
 * normalised: `gcd(|num|, den) = 1` and `den > 0` (zero is `0/1`), so two
 * equal values have equal fields and `expect(a).toEqual(b)` compares values.
 *
 * @example
 * ```ts
 * Rational.of(1, 2).add(Rational.of(1, 3)).toString(); // "5/6"
 * Rational.of(6, -8).toString(); // "-3/4"
 * ```
 */
export class Rational {
  /** Numerator (carries the sign). */
  readonly num: bigint;
  /** Denominator, always > 0. */
  readonly den: bigint;

  /**
   * The rational 0.
   *
   * @example
   * ```ts
   * Rational.ZERO.toString(); // "0"
   * ```
   */
  static readonly ZERO: Rational = new Rational(0n, 1n);
  /**
   * The rational 1.
   *
   * @example
   * ```ts
   * Rational.ONE.toString(); // "1"
   * ```
   */
  static readonly ONE: Rational = new Rational(1n, 1n);

  /** Internal: `num/den` must already be normalised. Use {@link Rational.of}. */
  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
    Object.freeze(this);
  }

  /** Normalises any `num/den` with `den !== 0n`. */
  private static make(num: bigint, den: bigint): Rational {
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (num === 0n) return Rational.ZERO;
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /**
   * a/b + c/d for normalised operands (b, d > 0), normalised with the smaller
   * gcds of Henrici's method (Knuth, TAOCP vol. 2, §4.5.1).
   */
  private static addParts(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
    if (a === 0n) return c === 0n ? Rational.ZERO : new Rational(c, d);
    if (c === 0n) return new Rational(a, b);
    const g = gcd(b, d);
    if (g === 1n) return new Rational(a * d + c * b, b * d);
    const t = a * (d / g) + c * (b / g);
    if (t === 0n) return Rational.ZERO;
    const g2 = gcd(t, g);
    return g2 === 1n ? new Rational(t, (b / g) * d) : new Rational(t / g2, (b / g) * (d / g2));
  }

  /** (a/b)·(c/d) for normalised operands (b, d > 0), cross-cancelling before multiplying. */
  private static mulParts(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
    if (a === 0n || c === 0n) return Rational.ZERO;
    const g1 = gcd(a, d);
    const g2 = gcd(c, b);
    return new Rational((a / g1) * (c / g2), (b / g2) * (d / g1));
  }

  /**
   * The rational `num/den`, normalised.
   *
   * @param num - numerator: a bigint or a safe integer.
   * @param den - denominator (default 1): a non-zero bigint or safe integer.
   * @throws ParameterTypeError if an argument is neither a bigint nor a number;
   *   ParameterRangeError if a number is not a safe integer, or if `den` is 0.
   *
   * @example
   * ```ts
   * Rational.of(6, -8).toString(); // "-3/4"
   * Rational.of(10n ** 30n, 4).toString(); // "250000000000000000000000000000"
   * ```
   */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt('num', num);
    const d = toBigInt('den', den);
    if (d === 0n) throw new ParameterRangeError('den', den, 'a non-zero integer');
    return Rational.make(n, d);
  }

  /**
   * The exact value of a finite double (every double is a dyadic rational).
   *
   * @throws ParameterTypeError if `x` is not a number; ParameterRangeError if it is not finite.
   *
   * @example
   * ```ts
   * Rational.fromNumber(0.375).toString(); // "3/8"
   * Rational.fromNumber(0.1).toString(); // "3602879701896397/36028797018963968"
   * ```
   */
  static fromNumber(x: number): Rational {
    if (typeof x !== 'number') throw new ParameterTypeError('x', x, 'a finite number');
    if (!Number.isFinite(x)) throw new ParameterRangeError('x', x, 'a finite number');
    if (x === 0) return Rational.ZERO;
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const negative = bits >> 63n === 1n;
    const biased = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    // value = mantissa · 2^exponent
    const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
    const exponent = (biased === 0 ? 1 : biased) - 1075;
    const signed = negative ? -mantissa : mantissa;
    return exponent >= 0
      ? Rational.make(signed << BigInt(exponent), 1n)
      : Rational.make(signed, 1n << BigInt(-exponent));
  }

  /**
   * Parses a decimal literal exactly: optional sign, digits with an optional
   * fractional part, optional exponent (`"0.125"`, `"-3"`, `".5"`, `"1e-3"`, `"2.5E+2"`).
   *
   * @throws ParameterTypeError if `text` is not a string; ParameterRangeError if it is not a decimal literal.
   *
   * @example
   * ```ts
   * Rational.fromDecimalString('0.125').toString(); // "1/8"
   * Rational.fromDecimalString('-1.5e-2').toString(); // "-3/200"
   * ```
   */
  static fromDecimalString(text: string): Rational {
    const allowed = 'a decimal literal such as "0.125", "-3", "1.5e-2"';
    if (typeof text !== 'string') throw new ParameterTypeError('text', text, allowed);
    const match = DECIMAL_PATTERN.exec(text.trim());
    const intPart = match?.[2] ?? '';
    const fracPart = match?.[3] ?? '';
    if (match === null || intPart.length + fracPart.length === 0) {
      throw new ParameterRangeError('text', text, allowed);
    }
    const exponentText = match[4];
    const exponent = (exponentText === undefined ? 0 : Number(exponentText)) - fracPart.length;
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100_000) {
      throw new ParameterRangeError('text', text, `${allowed} with an exponent of magnitude <= 100000`);
    }
    let digits = BigInt(intPart + fracPart);
    if (match[1] === '-') digits = -digits;
    return exponent >= 0
      ? Rational.make(digits * 10n ** BigInt(exponent), 1n)
      : Rational.make(digits, 10n ** BigInt(-exponent));
  }

  /**
   * Parses the output of {@link Rational.toString} (`"-3/4"`, `"5"`) or any
   * decimal literal accepted by {@link Rational.fromDecimalString}.
   *
   * @throws ParameterTypeError if `text` is not a string; ParameterRangeError if
   *   it is neither a fraction nor a decimal literal, or has denominator 0.
   *
   * @example
   * ```ts
   * Rational.parse('6/8').toString(); // "3/4"
   * Rational.parse('0.25').toString(); // "1/4"
   * ```
   */
  static parse(text: string): Rational {
    if (typeof text !== 'string') throw new ParameterTypeError('text', text, 'a string such as "3/4" or "0.75"');
    const match = FRACTION_PATTERN.exec(text.trim());
    if (match === null) return Rational.fromDecimalString(text);
    const den = BigInt(match[2] as string);
    if (den === 0n) throw new ParameterRangeError('text', text, 'a fraction with a non-zero denominator');
    return Rational.make(BigInt(match[1] as string), den);
  }

  /**
   * The smallest of one or more rationals.
   *
   * @example
   * ```ts
   * Rational.min(Rational.of(1, 2), Rational.of(1, 3)).toString(); // "1/3"
   * ```
   */
  static min(first: Rational, ...rest: Rational[]): Rational {
    let best = checkRational('first', first);
    rest.forEach((r, i) => {
      if (checkRational(`rest[${i}]`, r).cmp(best) < 0) best = r;
    });
    return best;
  }

  /**
   * The largest of one or more rationals.
   *
   * @example
   * ```ts
   * Rational.max(Rational.of(1, 2), Rational.of(1, 3)).toString(); // "1/2"
   * ```
   */
  static max(first: Rational, ...rest: Rational[]): Rational {
    let best = checkRational('first', first);
    rest.forEach((r, i) => {
      if (checkRational(`rest[${i}]`, r).cmp(best) > 0) best = r;
    });
    return best;
  }

  /**
   * Exact sum of a list of rationals (0 for an empty list).
   *
   * @example
   * ```ts
   * Rational.sum([Rational.of(1, 2), Rational.of(1, 3), Rational.of(1, 6)]).toString(); // "1"
   * ```
   */
  static sum(values: readonly Rational[]): Rational {
    if (!Array.isArray(values)) throw new ParameterTypeError('values', values, 'an array of Rational');
    let total = Rational.ZERO;
    values.forEach((v, i) => {
      total = total.add(checkRational(`values[${i}]`, v));
    });
    return total;
  }

  /**
   * `this + other`.
   *
   * @example
   * ```ts
   * Rational.of(1, 2).add(Rational.of(1, 3)).toString(); // "5/6"
   * ```
   */
  add(other: Rational): Rational {
    checkRational('other', other);
    return Rational.addParts(this.num, this.den, other.num, other.den);
  }

  /**
   * `this − other`.
   *
   * @example
   * ```ts
   * Rational.of(1, 2).sub(Rational.of(1, 3)).toString(); // "1/6"
   * ```
   */
  sub(other: Rational): Rational {
    checkRational('other', other);
    return Rational.addParts(this.num, this.den, -other.num, other.den);
  }

  /**
   * `this · other`.
   *
   * @example
   * ```ts
   * Rational.of(2, 3).mul(Rational.of(9, 4)).toString(); // "3/2"
   * ```
   */
  mul(other: Rational): Rational {
    checkRational('other', other);
    return Rational.mulParts(this.num, this.den, other.num, other.den);
  }

  /**
   * `this / divisor`.
   *
   * @throws ParameterRangeError if `divisor` is zero.
   *
   * @example
   * ```ts
   * Rational.of(2, 3).div(Rational.of(4, 9)).toString(); // "3/2"
   * ```
   */
  div(divisor: Rational): Rational {
    checkRational('divisor', divisor);
    if (divisor.num === 0n) throw new ParameterRangeError('divisor', divisor.toString(), 'a non-zero Rational');
    return divisor.num < 0n
      ? Rational.mulParts(this.num, this.den, -divisor.den, -divisor.num)
      : Rational.mulParts(this.num, this.den, divisor.den, divisor.num);
  }

  /**
   * `−this`.
   *
   * @example
   * ```ts
   * Rational.of(3, 4).neg().toString(); // "-3/4"
   * ```
   */
  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  /**
   * `|this|`.
   *
   * @example
   * ```ts
   * Rational.of(-3, 4).abs().toString(); // "3/4"
   * ```
   */
  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  /**
   * `1 / this`.
   *
   * @throws ParameterRangeError if `this` is zero.
   *
   * @example
   * ```ts
   * Rational.of(-3, 4).inv().toString(); // "-4/3"
   * ```
   */
  inv(): Rational {
    if (this.num === 0n) throw new ParameterRangeError('this', '0', 'a non-zero Rational');
    return this.num < 0n ? new Rational(-this.den, -this.num) : new Rational(this.den, this.num);
  }

  /**
   * `this^k` for an integer `k` (negative allowed for a non-zero base; `x^0 = 1`, including `0^0`).
   *
   * @throws ParameterTypeError / ParameterRangeError if `k` is not a safe integer;
   *   ParameterRangeError if `this` is zero and `k < 0`.
   *
   * @example
   * ```ts
   * Rational.of(2, 3).pow(3).toString(); // "8/27"
   * Rational.of(2, 3).pow(-2).toString(); // "9/4"
   * ```
   */
  pow(k: number): Rational {
    checkInteger('k', k, { min: -Number.MAX_SAFE_INTEGER });
    if (k === 0) return Rational.ONE;
    if (k < 0) {
      if (this.num === 0n) throw new ParameterRangeError('k', k, 'an integer >= 0 when the base is 0');
      return this.inv().pow(-k);
    }
    // gcd(num, den) = 1 implies gcd(num^k, den^k) = 1: already normalised.
    const e = BigInt(k);
    return new Rational(this.num ** e, this.den ** e);
  }

  /**
   * Three-way comparison: −1 if `this < other`, 0 if equal, 1 if `this > other`.
   *
   * @example
   * ```ts
   * Rational.of(1, 3).cmp(Rational.of(1, 2)); // -1
   * ```
   */
  cmp(other: Rational): -1 | 0 | 1 {
    checkRational('other', other);
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  /**
   * Exact equality of values.
   *
   * @example
   * ```ts
   * Rational.of(2, 4).equals(Rational.of(1, 2)); // true
   * ```
   */
  equals(other: Rational): boolean {
    checkRational('other', other);
    return this.num === other.num && this.den === other.den;
  }

  /**
   * Whether the value is 0.
   *
   * @example
   * ```ts
   * Rational.of(0, 5).isZero(); // true
   * ```
   */
  isZero(): boolean {
    return this.num === 0n;
  }

  /**
   * The sign: −1, 0 or 1.
   *
   * @example
   * ```ts
   * Rational.of(-3, 4).sign(); // -1
   * ```
   */
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  /**
   * The double nearest to the exact value (round-to-nearest, ties-to-even),
   * so the relative error is at most 2^-53 in the normal range, whatever the
   * sizes of numerator and denominator (no intermediate overflow: the quotient
   * is formed in BigInt at 53 significant bits, then scaled by a power of two).
   * Values beyond the double range give ±Infinity, below it ±0 or a subnormal,
   * as IEEE-754 rounding would.
   *
   * @example
   * ```ts
   * Rational.of(1, 3).toNumber(); // 0.3333333333333333
   * Rational.of(10n ** 400n, 3n * 10n ** 399n + 1n).toNumber(); // 3.3333333333333335
   * ```
   */
  toNumber(): number {
    if (this.num === 0n) return 0;
    const negative = this.num < 0n;
    const a = negative ? -this.num : this.num;
    const b = this.den;
    // E = floor(log2(a / b)): 2^E <= a/b < 2^(E+1).
    let e = bitLength(a) - bitLength(b);
    const atLeast = e >= 0 ? a >= b << BigInt(e) : a << BigInt(-e) >= b;
    if (!atLeast) e -= 1;
    if (e > 1023) return negative ? -Infinity : Infinity;
    // Keep 53 significant bits in the normal range; fixed absolute precision 2^-1074 below it.
    const shift = e >= -1022 ? 52 - e : 1074;
    const scaledNum = shift >= 0 ? a << BigInt(shift) : a;
    const scaledDen = shift >= 0 ? b : b << BigInt(-shift);
    let q = scaledNum / scaledDen;
    const twiceRemainder = 2n * (scaledNum - q * scaledDen);
    if (twiceRemainder > scaledDen || (twiceRemainder === scaledDen && (q & 1n) === 1n)) q += 1n;
    // q <= 2^53 is exact as a double; the scaling is exact unless it overflows to Infinity.
    const magnitude = scaleByPowerOfTwo(Number(q), -shift);
    return negative ? -magnitude : magnitude;
  }

  /**
   * `"num/den"`, or just `"num"` when the denominator is 1.
   *
   * @example
   * ```ts
   * Rational.of(3, 4).toString(); // "3/4"
   * Rational.of(-4, 2).toString(); // "-2"
   * ```
   */
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }

  /**
   * JSON form: the {@link Rational.toString} text (BigInt is not JSON-serialisable).
   *
   * @example
   * ```ts
   * JSON.stringify({ x: Rational.of(3, 4) }); // '{"x":"3/4"}'
   * ```
   */
  toJSON(): string {
    return this.toString();
  }
}
