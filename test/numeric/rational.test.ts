import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../src/numeric/rational.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';

const SEED = 42;
const R = (num: bigint | number, den: bigint | number = 1n): Rational => Rational.of(num, den);

/** Small rationals (numerator and denominator below 2^20). */
const smallRational = fc
  .tuple(fc.integer({ min: -(2 ** 20), max: 2 ** 20 }), fc.integer({ min: 1, max: 2 ** 20 }))
  .map(([n, d]) => Rational.of(n, d));

/** Rationals with numerator and denominator of up to ~4000 bits. */
const bigRational = fc
  .tuple(
    fc.bigInt({ min: -(2n ** 4000n), max: 2n ** 4000n }),
    fc.bigInt({ min: 1n, max: 2n ** 4000n }),
  )
  .map(([n, d]) => Rational.of(n, d));

/** Rationals with numerator and denominator of up to ~1000 bits (keeps the three-operand axioms fast). */
const mediumRational = fc
  .tuple(
    fc.bigInt({ min: -(2n ** 1000n), max: 2n ** 1000n }),
    fc.bigInt({ min: 1n, max: 2n ** 1000n }),
  )
  .map(([n, d]) => Rational.of(n, d));

const anyRational = fc.oneof(smallRational, mediumRational, bigRational);
const axiomRational = fc.oneof(smallRational, mediumRational);

/** Exact |a − b| ≤ tol·|b|. */
function withinRelative(a: Rational, b: Rational, tol: Rational): boolean {
  return a.sub(b).abs().cmp(tol.mul(b.abs())) <= 0;
}

describe('Rational construction and normalisation', () => {
  it('normalises sign and common factors', () => {
    const r = Rational.of(6, -8);
    expect(r.num).toBe(-3n);
    expect(r.den).toBe(4n);
    expect(r.toString()).toBe('-3/4');
    expect(Rational.of(0, -7).num).toBe(0n);
    expect(Rational.of(0, -7).den).toBe(1n);
    expect(Rational.of(-12n, -18n).toString()).toBe('2/3');
  });

  it('keeps every instance normalised (property)', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt().filter((d) => d !== 0n), (n, d) => {
        const r = Rational.of(n, d);
        let [a, b] = [r.num < 0n ? -r.num : r.num, r.den];
        while (b !== 0n) [a, b] = [b, a % b];
        return r.den > 0n && (r.num === 0n ? r.den === 1n : a === 1n) && r.num * d === n * r.den;
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('is immutable', () => {
    const r = Rational.of(1, 2);
    expect(Object.isFrozen(r)).toBe(true);
    expect(() => {
      (r as unknown as { num: bigint }).num = 5n;
    }).toThrow(TypeError);
    expect(r.num).toBe(1n);
  });

  it('has ZERO and ONE', () => {
    expect(Rational.ZERO.toString()).toBe('0');
    expect(Rational.ONE.toString()).toBe('1');
    expect(Rational.ZERO.isZero()).toBe(true);
    expect(Rational.ONE.isZero()).toBe(false);
  });

  it('validates arguments of Rational.of', () => {
    expect(() => Rational.of(1, 0)).toThrow(ParameterRangeError);
    expect(() => Rational.of(1n, 0n)).toThrow(/den must be a non-zero integer; received 0n/);
    expect(() => Rational.of(0.5)).toThrow(ParameterRangeError);
    expect(() => Rational.of(0.5)).toThrow(/^num must be /);
    expect(() => Rational.of(2 ** 53)).toThrow(ParameterRangeError);
    expect(() => Rational.of(-(2 ** 53))).toThrow(ParameterRangeError);
    expect(() => Rational.of(1, Number.NaN)).toThrow(/^den /);
    expect(() => Rational.of('1' as unknown as number)).toThrow(ParameterTypeError);
    expect(() => Rational.of(1, null as unknown as number)).toThrow(ParameterTypeError);
    expect(Rational.of(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER).toString()).toBe('-1');
  });

  it('rejects non-Rational operands, naming the parameter', () => {
    const half = R(1, 2);
    expect(() => half.add(0.5 as unknown as Rational)).toThrow(ParameterTypeError);
    expect(() => half.add(0.5 as unknown as Rational)).toThrow(/^other must be a Rational/);
    expect(() => half.mul({ num: 1n, den: 2n } as unknown as Rational)).toThrow(ParameterTypeError);
    expect(() => half.div(1 as unknown as Rational)).toThrow(/^divisor must be a Rational/);
    expect(() => Rational.sum([half, 1 as unknown as Rational])).toThrow(/^values\[1\]/);
    expect(() => Rational.max(half, 2 as unknown as Rational)).toThrow(/^rest\[0\]/);
  });
});

describe('Rational documented examples', () => {
  it('class example', () => {
    expect(Rational.of(1, 2).add(Rational.of(1, 3)).toString()).toBe('5/6');
    expect(Rational.of(6, -8).toString()).toBe('-3/4');
  });
  it('of', () => {
    expect(Rational.of(10n ** 30n, 4).toString()).toBe('250000000000000000000000000000');
  });
  it('fromNumber', () => {
    expect(Rational.fromNumber(0.375).toString()).toBe('3/8');
    expect(Rational.fromNumber(0.1).toString()).toBe('3602879701896397/36028797018963968');
  });
  it('fromDecimalString', () => {
    expect(Rational.fromDecimalString('0.125').toString()).toBe('1/8');
    expect(Rational.fromDecimalString('-1.5e-2').toString()).toBe('-3/200');
  });
  it('parse', () => {
    expect(Rational.parse('6/8').toString()).toBe('3/4');
    expect(Rational.parse('0.25').toString()).toBe('1/4');
  });
  it('min, max, sum', () => {
    expect(Rational.min(Rational.of(1, 2), Rational.of(1, 3)).toString()).toBe('1/3');
    expect(Rational.max(Rational.of(1, 2), Rational.of(1, 3)).toString()).toBe('1/2');
    expect(Rational.sum([Rational.of(1, 2), Rational.of(1, 3), Rational.of(1, 6)]).toString()).toBe('1');
  });
  it('arithmetic', () => {
    expect(Rational.of(1, 2).sub(Rational.of(1, 3)).toString()).toBe('1/6');
    expect(Rational.of(2, 3).mul(Rational.of(9, 4)).toString()).toBe('3/2');
    expect(Rational.of(2, 3).div(Rational.of(4, 9)).toString()).toBe('3/2');
    expect(Rational.of(3, 4).neg().toString()).toBe('-3/4');
    expect(Rational.of(-3, 4).abs().toString()).toBe('3/4');
    expect(Rational.of(-3, 4).inv().toString()).toBe('-4/3');
    expect(Rational.of(2, 3).pow(3).toString()).toBe('8/27');
    expect(Rational.of(2, 3).pow(-2).toString()).toBe('9/4');
  });
  it('comparisons', () => {
    expect(Rational.of(1, 3).cmp(Rational.of(1, 2))).toBe(-1);
    expect(Rational.of(2, 4).equals(Rational.of(1, 2))).toBe(true);
    expect(Rational.of(0, 5).isZero()).toBe(true);
    expect(Rational.of(-3, 4).sign()).toBe(-1);
  });
  it('toNumber and toString', () => {
    expect(Rational.of(1, 3).toNumber()).toBe(0.3333333333333333);
    expect(Rational.of(10n ** 400n, 3n * 10n ** 399n + 1n).toNumber()).toBe(3.3333333333333335);
    expect(Rational.of(3, 4).toString()).toBe('3/4');
    expect(Rational.of(-4, 2).toString()).toBe('-2');
  });
});

describe('Rational arithmetic', () => {
  it('satisfies the field axioms (property)', () => {
    fc.assert(
      fc.property(axiomRational, axiomRational, axiomRational, (a, b, c) => {
        const ok =
          a.add(b).equals(b.add(a)) &&
          a.mul(b).equals(b.mul(a)) &&
          a.add(b).add(c).equals(a.add(b.add(c))) &&
          a.mul(b).mul(c).equals(a.mul(b.mul(c))) &&
          a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c))) &&
          a.add(Rational.ZERO).equals(a) &&
          a.mul(Rational.ONE).equals(a) &&
          a.add(a.neg()).isZero() &&
          a.sub(b).equals(a.add(b.neg())) &&
          (a.isZero() || (a.mul(a.inv()).equals(Rational.ONE) && b.div(a).mul(a).equals(b)));
        return ok;
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('orders consistently with subtraction (property)', () => {
    fc.assert(
      fc.property(anyRational, anyRational, anyRational, (a, b, c) => {
        const cmp = a.cmp(b);
        return (
          cmp === a.sub(b).sign() &&
          b.cmp(a) === -cmp &&
          (cmp === 0) === a.equals(b) &&
          // translation invariance
          a.add(c).cmp(b.add(c)) === cmp &&
          a.abs().sign() >= 0 &&
          a.abs().equals(a.sign() < 0 ? a.neg() : a) &&
          Rational.min(a, b).cmp(Rational.max(a, b)) <= 0 &&
          (Rational.min(a, b).equals(a) || Rational.min(a, b).equals(b))
        );
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('computes integer powers (property)', () => {
    fc.assert(
      fc.property(smallRational, fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), (a, j, k) => {
        if (a.isZero() && (j < 0 || k < 0)) return true;
        let direct = Rational.ONE;
        for (let i = 0; i < Math.abs(k); i++) direct = direct.mul(a);
        if (k < 0) direct = direct.inv();
        return a.pow(k).equals(direct) && a.pow(j).mul(a.pow(k)).equals(a.pow(j + k));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('treats 0^0 as 1 and rejects 0^-1, non-integer exponents and division by zero', () => {
    expect(Rational.ZERO.pow(0).equals(Rational.ONE)).toBe(true);
    expect(Rational.ZERO.pow(3).isZero()).toBe(true);
    expect(() => Rational.ZERO.pow(-1)).toThrow(ParameterRangeError);
    expect(() => R(1, 2).pow(0.5)).toThrow(ParameterRangeError);
    expect(() => R(1, 2).pow(0.5)).toThrow(/^k must be /);
    expect(() => R(1, 2).pow('2' as unknown as number)).toThrow(ParameterTypeError);
    expect(() => R(1, 2).div(Rational.ZERO)).toThrow(ParameterRangeError);
    expect(() => R(1, 2).div(Rational.ZERO)).toThrow(/^divisor must be a non-zero Rational; received "0"/);
    expect(() => Rational.ZERO.inv()).toThrow(ParameterRangeError);
  });

  it('neg/abs/sign of zero and of negatives', () => {
    expect(Rational.ZERO.neg().equals(Rational.ZERO)).toBe(true);
    expect(Rational.ZERO.sign()).toBe(0);
    expect(R(5, 7).sign()).toBe(1);
    expect(R(-5, 7).abs().equals(R(5, 7))).toBe(true);
    expect(R(-5, 7).inv().toString()).toBe('-7/5');
  });
});

describe('Rational parsing', () => {
  it('parses decimal literals exactly', () => {
    expect(Rational.fromDecimalString('-3').toString()).toBe('-3');
    expect(Rational.fromDecimalString('.5').toString()).toBe('1/2');
    expect(Rational.fromDecimalString('5.').toString()).toBe('5');
    expect(Rational.fromDecimalString('+2.5E+2').toString()).toBe('250');
    expect(Rational.fromDecimalString('1e-3').toString()).toBe('1/1000');
    expect(Rational.fromDecimalString(' 0.1 ').toString()).toBe('1/10');
    expect(Rational.fromDecimalString('0.000').toString()).toBe('0');
    expect(Rational.fromDecimalString('123456789012345678901234567890.5').toString()).toBe(
      '246913578024691357802469135781/2',
    );
  });

  it('rejects malformed decimal strings', () => {
    for (const bad of ['', '.', '+', '1/2', 'abc', '1e', 'e5', '1.2.3', '0x10', 'NaN', '1e100001']) {
      expect(() => Rational.fromDecimalString(bad), bad).toThrow(ParameterRangeError);
    }
    expect(() => Rational.fromDecimalString(0.5 as unknown as string)).toThrow(ParameterTypeError);
    expect(() => Rational.fromDecimalString('abc')).toThrow(/^text must be a decimal literal/);
  });

  it('parse round-trips toString (property)', () => {
    fc.assert(
      fc.property(anyRational, (a) => Rational.parse(a.toString()).equals(a)),
      { seed: SEED, numRuns: 300 },
    );
    expect(() => Rational.parse('1/0')).toThrow(ParameterRangeError);
    expect(() => Rational.parse('1/x')).toThrow(ParameterRangeError);
    expect(Rational.parse('3/-6').toString()).toBe('-1/2');
  });

  it('fromDecimalString agrees with the decimal value of the printed double (property)', () => {
    // A double's shortest decimal representation, parsed exactly, rounds back to the same double.
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        return Rational.fromDecimalString(String(x)).toNumber() === (x === 0 ? 0 : x);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('Rational.fromNumber', () => {
  it('is the exact binary value of a double', () => {
    expect(Rational.fromNumber(-0).toString()).toBe('0');
    expect(Rational.fromNumber(3).toString()).toBe('3');
    expect(Rational.fromNumber(-2.5).toString()).toBe('-5/2');
    expect(Rational.fromNumber(2 ** 60).num).toBe(2n ** 60n);
    expect(Rational.fromNumber(Number.MAX_VALUE).num).toBe(2n ** 1024n - 2n ** 971n);
    expect(Rational.fromNumber(Number.MIN_VALUE).equals(R(1n, 2n ** 1074n))).toBe(true);
    expect(Rational.fromNumber(2 ** -1022).equals(R(1n, 2n ** 1022n))).toBe(true);
    expect(() => Rational.fromNumber(Number.POSITIVE_INFINITY)).toThrow(ParameterRangeError);
    expect(() => Rational.fromNumber(Number.NaN)).toThrow(/^x must be a finite number/);
    expect(() => Rational.fromNumber('1' as unknown as number)).toThrow(ParameterTypeError);
  });

  it('round-trips every double through toNumber (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        return Object.is(Rational.fromNumber(x).toNumber(), x === 0 ? 0 : x);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});

describe('Rational.toNumber', () => {
  it('equals the correctly rounded Number division for safe-integer operands (property)', () => {
    // Number(a) and Number(b) are exact, and IEEE division rounds a/b correctly.
    const safe = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(safe, safe.filter((d) => d !== 0), (a, b) => {
        const expected = a / b;
        return Rational.of(a, b).toNumber() === (expected === 0 ? 0 : expected);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('is exact for small integers, halves and powers of two', () => {
    expect(R(0).toNumber()).toBe(0);
    expect(Object.is(R(0).toNumber(), 0)).toBe(true);
    expect(R(-7).toNumber()).toBe(-7);
    expect(R(1, 2).toNumber()).toBe(0.5);
    expect(R(-3, 8).toNumber()).toBe(-0.375);
    expect(R(2n ** 100n).toNumber()).toBe(2 ** 100);
    expect(R(1n, 2n ** 100n).toNumber()).toBe(2 ** -100);
  });

  it('is within 2^-53 relative error for thousands-of-bits operands (exact check, property)', () => {
    const tol = R(1n, 2n ** 53n);
    fc.assert(
      fc.property(bigRational, (r) => {
        const x = r.toNumber();
        if (!Number.isFinite(x) || (x !== 0 && Math.abs(x) < 2 ** -1022)) {
          // outside the normal range: check against the range limits instead
          return Number.isFinite(x)
            ? r.abs().cmp(R(1n, 2n ** 1022n)) < 0
            : r.abs().cmp(Rational.fromNumber(Number.MAX_VALUE)) > 0;
        }
        if (x === 0) return r.isZero() || r.abs().cmp(R(1n, 2n ** 1075n)) <= 0;
        return withinRelative(Rational.fromNumber(x), r, tol);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('is within 2^-53 relative error for ratios of huge numbers near 1 (exact check, property)', () => {
    const tol = R(1n, 2n ** 53n);
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 3000n, max: 2n ** 3001n }), fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }), (d, delta) => {
        const r = R(d + delta, d);
        const x = r.toNumber();
        return Number.isFinite(x) && withinRelative(Rational.fromNumber(x), r, tol);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('scales exactly by powers of two (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: -900, max: 900 }),
        (a, b, k) => {
          const r = k >= 0 ? R(BigInt(a) << BigInt(k), b) : R(a, BigInt(b) << BigInt(-k));
          return r.toNumber() === (a / b) * 2 ** k;
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('does not overflow for huge numerator and denominator', () => {
    const big = 10n ** 400n;
    expect(R(big + 1n, big).toNumber()).toBe(1);
    expect(R(3n * big + 1n, big).toNumber()).toBe(3);
    expect(R(big, 3n * big + 1n).toNumber()).toBe(1 / 3);
    expect(R(-(big * 7n + 1n), big * 2n).toNumber()).toBe(-3.5);
    expect(R(3n ** 2000n, 3n ** 1999n * 2n + 1n).toNumber()).toBe(1.5);
  });

  it('rounds half to even and uses the bits beyond the round bit', () => {
    const one = 2n ** 3000n;
    // 1 + 2^-53 is halfway between 1 and 1 + 2^-52: ties to even → 1
    expect(R(one + 2n ** 2947n, one).toNumber()).toBe(1);
    // anything above the tie rounds up, however far below
    expect(R(one + 2n ** 2947n + 1n, one).toNumber()).toBe(1 + 2 ** -52);
    // 1 + 3·2^-53 is halfway between 1 + 2^-52 (odd) and 1 + 2^-51 (even) → 1 + 2^-51
    expect(R(one + 3n * 2n ** 2947n, one).toNumber()).toBe(1 + 2 ** -51);
    expect(R(one + 3n * 2n ** 2947n - 1n, one).toNumber()).toBe(1 + 2 ** -52);
    expect(R(-(one + 2n ** 2947n + 1n), one).toNumber()).toBe(-(1 + 2 ** -52));
  });

  it('handles the subnormal range and overflow like IEEE rounding', () => {
    expect(R(1n, 2n ** 1074n).toNumber()).toBe(Number.MIN_VALUE);
    expect(R(-1n, 2n ** 1074n).toNumber()).toBe(-Number.MIN_VALUE);
    expect(R(1n, 2n ** 1075n).toNumber()).toBe(0); // tie → even (0)
    expect(R(3n, 2n ** 1076n).toNumber()).toBe(Number.MIN_VALUE); // 0.75 · 2^-1074
    expect(R(3n, 2n ** 1075n).toNumber()).toBe(2 * Number.MIN_VALUE); // 1.5 · 2^-1074 → tie → 2
    expect(R(1n, 2n ** 5000n).toNumber()).toBe(0);
    expect(R(2n ** 52n - 1n, 2n ** 1074n).toNumber()).toBe(2 ** -1022 - Number.MIN_VALUE);
    expect(R(2n ** 1023n).toNumber()).toBe(2 ** 1023);
    expect(R(2n ** 1024n - 2n ** 971n).toNumber()).toBe(Number.MAX_VALUE);
    expect(R(2n ** 1024n - 2n ** 970n - 1n).toNumber()).toBe(Number.MAX_VALUE);
    expect(R(2n ** 1024n - 2n ** 970n).toNumber()).toBe(Number.POSITIVE_INFINITY); // tie → even → 2^1024
    expect(R(-(2n ** 1024n)).toNumber()).toBe(Number.NEGATIVE_INFINITY);
    expect(R(10n ** 5000n, 3n).toNumber()).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Rational serialisation', () => {
  it('toString and toJSON', () => {
    expect(R(7).toString()).toBe('7');
    expect(R(-1, 3).toString()).toBe('-1/3');
    expect(JSON.stringify({ x: R(3, 4) })).toBe('{"x":"3/4"}');
  });
});
