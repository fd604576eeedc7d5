/**
 * Validation of the options of `exactSecondMoments`, `exactSecondMomentsRational`
 * and `exactSecondMomentsCost`: each reader checks one option and throws a
 * `ParameterRangeError` / `ParameterTypeError` naming it.
 *
 * @module
 */
import { sigmaUnchecked } from '../../distributions/statistics.ts';
import { Rational } from '../../numeric/rational.ts';
import { checkInteger, checkNumber, checkProbabilityVector, ParameterRangeError, ParameterTypeError } from '../../validate.ts';
import { DEFAULT_MAX_SECOND_MOMENTS_BYTES, type Limits } from './cost.ts';

/** `generations` M: an integer in [1, 2^31 − 2]. */
export function readGenerations(o: { generations?: unknown }): number {
  return checkInteger('generations', o.generations, { min: 1, max: 2 ** 31 - 2 });
}

/** `maxOperations` (default `defaultOperations`) and `maxBytes` (default {@link DEFAULT_MAX_SECOND_MOMENTS_BYTES}), both ≥ 0. */
export function readLimits(o: { maxOperations?: unknown; maxBytes?: unknown }, defaultOperations: number): Limits {
  return {
    maxOperations: o.maxOperations === undefined ? defaultOperations : checkNumber('maxOperations', o.maxOperations, { min: 0 }),
    maxBytes: o.maxBytes === undefined ? DEFAULT_MAX_SECOND_MOMENTS_BYTES : checkNumber('maxBytes', o.maxBytes, { min: 0 }),
  };
}

/** `crossMoments`: a boolean, default false. */
export function readCross(o: { crossMoments?: unknown }): boolean {
  if (o.crossMoments === undefined) return false;
  if (typeof o.crossMoments !== 'boolean') throw new ParameterTypeError('crossMoments', o.crossMoments, 'a boolean');
  return o.crossMoments;
}

/**
 * S0 = ‖p‖₂² in (0, 1] from exactly one of `S0` and `p` (a probability vector).
 *
 * @example
 * ```ts
 * readS0({ p: [0.5, 0.5] }); // => 0.5
 * ```
 */
export function readS0(o: { S0?: unknown; p?: unknown }): number {
  if (o.S0 !== undefined && o.p !== undefined) {
    throw new ParameterRangeError('p', o.p, 'undefined when S0 is given (S_m depends on p only through S0 = Σ p_i²; give one of them)');
  }
  if (o.p !== undefined) {
    const p = checkProbabilityVector('p', o.p);
    return Math.min(1, sigmaUnchecked(p));
  }
  if (o.S0 === undefined) throw new ParameterTypeError('S0', o.S0, 'a finite number in (0, 1] (or give p)');
  return checkNumber('S0', o.S0, { min: 0, minExclusive: true, max: 1 });
}

/** S0 as an exact {@link Rational} in (0, 1] from exactly one of `S0` and `p` (Rationals ≥ 0 summing to exactly 1). */
export function readS0Rational(o: { S0?: unknown; p?: unknown }): Rational {
  if (o.S0 !== undefined && o.p !== undefined) {
    throw new ParameterRangeError('p', o.p, 'undefined when S0 is given (give one of them)');
  }
  if (o.p !== undefined) {
    const allowed = 'a non-empty array of Rational >= 0 summing to exactly 1';
    if (!Array.isArray(o.p)) throw new ParameterTypeError('p', o.p, allowed);
    if (o.p.length === 0) throw new ParameterRangeError('p', o.p, allowed);
    let total = Rational.ZERO;
    let S0 = Rational.ZERO;
    o.p.forEach((x: unknown, i: number) => {
      if (!(x instanceof Rational)) throw new ParameterTypeError(`p[${i}]`, x, 'a Rational');
      if (x.sign() < 0) throw new ParameterRangeError(`p[${i}]`, x.toString(), 'a Rational >= 0');
      total = total.add(x);
      S0 = S0.add(x.mul(x));
    });
    if (!total.equals(Rational.ONE)) throw new ParameterRangeError('sum of p', total.toString(), 'exactly 1');
    return S0;
  }
  if (!(o.S0 instanceof Rational)) throw new ParameterTypeError('S0', o.S0, 'a Rational in (0, 1] (or give p)');
  if (o.S0.sign() <= 0 || o.S0.cmp(Rational.ONE) > 0) throw new ParameterRangeError('S0', o.S0.toString(), 'a Rational in (0, 1]');
  return o.S0;
}
