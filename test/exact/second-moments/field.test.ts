/**
 * The number field and the rational field of the exact second-moment engines
 * (src/exact/second-moments/field.ts).
 */
import { describe, expect, it } from 'vitest';
import { NUMBER_FIELD, RATIONAL_FIELD } from '../../../src/exact/second-moments/field.ts';
import { Rational } from '../../../src/numeric/rational.ts';
import { relErr } from '../../helpers.ts';

describe('the number field and the rational field', () => {
  it('Bin(n, 1/u) pmf in doubles matches the exact rationals', () => {
    for (const [n, u] of [[1, 1], [5, 1], [10, 2], [10, 7], [30, 3], [200, 50]] as const) {
      const a = NUMBER_FIELD.binomialPmf(n, u);
      const b = RATIONAL_FIELD.binomialPmf(n, u);
      expect(Rational.sum(b).toString()).toBe('1');
      for (let k = 0; k <= n; k++) {
        const want = b[k].toNumber();
        if (want > 1e-300) expect(relErr(a[k], want)).toBeLessThanOrEqual(1e-12);
        else expect(Math.abs(a[k])).toBeLessThanOrEqual(1e-290);
      }
    }
    // no underflow of the whole pmf for large n
    const big = NUMBER_FIELD.binomialPmf(100000, 2);
    expect(big.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});
