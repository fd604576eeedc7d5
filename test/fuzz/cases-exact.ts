/**
 * Fuzz cases of the exact engines and of Rational's static constructors.
 * Accepted problems are kept small; huge sizes appear only where the up-front
 * cost estimate must refuse them (default limits, or a small maxOperations /
 * maxSeconds), so no case can run long.
 */
import fc from 'fast-check';
import * as api from '../../src/index.ts';
import { anyNumber, anyValue, type FuzzCase, mostly, optionsOf, pArb } from './harness.ts';
import { scheduleArb } from './cases-simulation.ts';

/** n: small valid sizes, or huge ones the cost estimate refuses (the limits below never go up). */
const nArb = mostly(fc.integer({ min: 1, max: 40 }), fc.oneof(fc.constantFrom(0, -1, 2.5, -0, 1e7, 1e9, 1e15, 2 ** 53 - 1, 2 ** 53, Number.NaN, Infinity, '3'), anyValue));
/** Limits: absent (defaults), tiny (forcing a refusal) or invalid — never raised. */
const limitArb = fc.oneof(fc.constant(undefined), fc.constantFrom(1e-9, 1, 1e3, 0, -1, Number.NaN, Infinity, '1'), anyValue.filter((x) => typeof x !== 'number' || !(x > 1e3)));
const collapseOptions = optionsOf({
  n: nArb,
  tolerance: mostly(fc.double({ min: 1e-15, max: 1e-3, noNaN: true }), fc.oneof(fc.constantFrom(0, 1e-16, 1e-2, Number.NaN), anyValue)),
  maxBytes: limitArb,
  maxSeconds: limitArb,
  maxIterations: mostly(fc.integer({ min: 0, max: 200 }), fc.oneof(fc.constantFrom(-1, 2.5, Number.NaN), anyValue)),
  m: mostly(fc.integer({ min: 0, max: 40 }), fc.oneof(fc.constantFrom(Infinity, -1, 2.5, 1e6, 1e15, Number.NaN), anyValue)),
});
const mArb = mostly(fc.integer({ min: 0, max: 60 }), fc.oneof(fc.constantFrom(-1, 2.5, 1e4, 1e15, 2 ** 53, Number.NaN, Infinity), anyValue));

const generationsArb = mostly(fc.integer({ min: 1, max: 40 }), fc.oneof(fc.constantFrom(0, -1, 2.5, 1e5, 1e7, 2 ** 31 - 2, 2 ** 31 - 1, 1e15, Number.NaN), anyValue));
/** maxOperations: a small valid budget or invalid values — never the default, so huge horizons are refused fast. */
const opsArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1e3, 1e5, 1e6) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(-1, Number.NaN, Infinity, '1e6'), anyValue.filter((x) => typeof x !== 'number' || !(x > 1e6)).filter((x) => x !== undefined)) });
const S0Arb = mostly(fc.double({ min: 1e-300, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(0, -0, 1 + 1e-12, Number.NaN, Infinity), anyValue));
const rationalArb = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 })).map(([a, b]) => api.Rational.of(Math.min(a, b), b));
const rationalP = fc.oneof(
  fc.constant([api.Rational.ONE]),
  fc.constant([api.Rational.of(1, 2), api.Rational.of(1, 2)]),
  fc.constant([api.Rational.of(1, 3), api.Rational.of(2, 3), api.Rational.ZERO]),
  fc.constant([api.Rational.of(1, 2), api.Rational.of(1, 3)]),
  fc.constant([api.Rational.of(-1, 2), api.Rational.of(3, 2)]),
  fc.array(anyValue, { maxLength: 3 }),
  anyValue,
);

const decimalText = fc.oneof(
  fc.tuple(fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{0,30}$/), fc.constantFrom('', '.'), fc.stringMatching(/^[0-9]{0,30}$/), fc.constantFrom('', 'e', 'E', 'e-', 'e+'), fc.integer({ min: 0, max: 200_000 })).map(
    ([sign, a, dot, b, e, x]) => `${sign}${a}${dot}${b}${e === '' ? '' : `${e}${x}`}`,
  ),
  fc.constantFrom('1/0', '3/4', '-6/8', '0/5', ' 1/3 ', '1e100000', '1e100001', '.', '', 'NaN', 'Infinity', '1/-2', '0x10', '1_000'),
  fc.string(),
  anyValue,
);

const smallN = mostly(fc.integer({ min: 1, max: 60 }), fc.oneof(fc.constantFrom(0, -1, 2.5, 1e9, 1e15, Number.NaN, '5'), anyValue));
const deviationOptions = optionsOf({
  p: pArb,
  N: smallN,
  n: smallN,
  generations: mostly(fc.integer({ min: 0, max: 20 }), fc.oneof(fc.constantFrom(-1, 2.5, 1e9, Number.NaN), anyValue)),
  stationary: fc.oneof(fc.boolean(), anyValue),
  tolerance: mostly(fc.double({ min: 1e-14, max: 1e-4, noNaN: true }), anyValue),
  maxOperations: opsArb,
});
const safeOptions = optionsOf({
  epsilon: mostly(fc.double({ min: 1e-3, max: 2, noNaN: true }), fc.oneof(fc.constantFrom(0, -1, 3, Number.NaN), anyValue)),
  N: smallN,
  s: mostly(fc.integer({ min: 2, max: 30 }), fc.oneof(fc.constantFrom(1, 0, 1e9, 2.5, Number.NaN), anyValue)),
  p: fc.oneof(fc.constant(undefined), pArb),
  generations: mostly(fc.integer({ min: 1, max: 10 }), anyValue),
  maxOperations: opsArb,
});

const limitOptions = optionsOf({
  N: mostly(fc.integer({ min: 1, max: 1e6 }), fc.oneof(fc.constantFrom(0, -1, 2.5, 1e12, 1e13, 2 ** 53, Number.NaN, Infinity, '5'), anyValue)),
  p: fc.oneof(fc.constant(undefined), pArb),
  s: mostly(fc.integer({ min: 2, max: 1e6 }), fc.oneof(fc.constantFrom(1, 0, 1e15, 1e16, 2.5, Number.NaN), anyValue)),
  maxOperations: fc.oneof(fc.constant(undefined), opsArb),
});

export const exactCases: FuzzCase[] = [
  { name: 'exactDeviation', args: fc.tuple(deviationOptions), call: ([o]) => api.exactDeviation(o as never) },
  // Small budgets only (the default, 5e9, allows ~10 s searches): larger searches must be refused up front or when the budget runs out.
  { name: 'exactSafeSyntheticSize', args: fc.tuple(safeOptions), call: ([o]) => api.exactSafeSyntheticSize(o as never), infinite: 'maxN and an interval end are Infinity when every large n is safe' },
  { name: 'compareSafeSyntheticSizes', args: fc.tuple(safeOptions), call: ([o]) => api.compareSafeSyntheticSizes(o as never), infinite: 'exact (and factor) are Infinity when every large n is safe' },
  { name: 'exactDeviationLimit', args: fc.tuple(limitOptions), call: ([o]) => api.exactDeviationLimit(o as never) },
  { name: 'exactCollapseTime', args: fc.tuple(pArb, collapseOptions, mArb), call: ([p, o, m]) => {
    const r = api.exactCollapseTime(p as never, o as never);
    return [r.mean, r.variance, r.relativeErrorBound, r.at(m as number), r.horizon()];
  }, infinite: 'horizon() is Infinity for the trivial chain (n = 1 or one atom: T = 1 surely)' },
  { name: 'exactCollapseTimeCost', args: fc.tuple(nArb, fc.oneof(fc.constant(undefined), collapseOptions)), call: ([n, o]) => api.exactCollapseTimeCost(n as number, o as never) },
  { name: 'exactCollapseProbability', args: fc.tuple(mArb, pArb, collapseOptions), call: ([m, p, o]) => api.exactCollapseProbability(m as number, p as never, o as never) },
  { name: 'fixationProbabilities', args: fc.tuple(pArb, collapseOptions), call: ([p, o]) => api.fixationProbabilities(p as never, o as never) },
  { name: 'lossProbabilities', args: fc.tuple(pArb, collapseOptions), call: ([p, o]) => api.lossProbabilities(p as never, o as never) },
  { name: 'tokenCollapseTimes', args: fc.tuple(pArb, collapseOptions), call: ([p, o]) => api.tokenCollapseTimes(p as never, o as never), infinite: 'expectedFixationTime is Infinity for a token of probability 0, expectedLossTime for a token of probability 1 (documented)' },
  { name: 'approximateCollapseTime', args: fc.tuple(pArb, fc.oneof(optionsOf({ n: mostly(fc.integer({ min: 1, max: api.MAX_TRAINING_SIZE })) }), anyValue)), call: ([p, o]) => api.approximateCollapseTime(p as never, o as never) },
  {
    name: 'exactSecondMoments',
    args: fc.tuple(scheduleArb, optionsOf({ S0: S0Arb, p: pArb, generations: generationsArb, crossMoments: mostly(fc.boolean()), maxOperations: opsArb, maxBytes: mostly(fc.constantFrom(1, 1e6, 2 ** 30)) })),
    call: ([s, o]) => api.exactSecondMoments(s as never, { maxOperations: 1e6, ...(o as object) } as never),
  },
  {
    name: 'exactSecondMomentsRational',
    args: fc.tuple(scheduleArb, optionsOf({ S0: mostly(rationalArb), p: rationalP, generations: mostly(fc.integer({ min: 1, max: 6 }), fc.oneof(fc.constantFrom(0, 1e7, 2 ** 31 - 1, 2.5), anyValue)), crossMoments: mostly(fc.boolean()), maxOperations: fc.oneof(fc.constantFrom(1e2, 1e3, 3e3), fc.constantFrom(-1, Number.NaN, '1')) })),
    call: ([s, o]) => {
      const r = api.exactSecondMomentsRational(s as never, { maxOperations: 3e3, ...(o as object) } as never);
      return r.S.map((x) => x.toNumber());
    },
  },
  {
    name: 'exactSecondMomentsCost',
    args: fc.tuple(scheduleArb, fc.oneof(optionsOf({ generations: mostly(fc.integer({ min: 1, max: 1000 }), fc.oneof(fc.constantFrom(0, 2 ** 31 - 2, 2 ** 31 - 1, 1e8, 1e15, 2.5), anyValue)), crossMoments: mostly(fc.boolean()) }), anyValue)),
    call: ([s, o]) => api.exactSecondMomentsCost(s as never, o as never),
  },
  { name: 'Rational.of', args: fc.tuple(fc.oneof(anyValue, fc.bigInt()), fc.oneof(fc.constant(undefined), anyValue, fc.bigInt())), call: ([a, b]) => api.Rational.of(a as never, b as never).toString() },
  { name: 'Rational.fromNumber', args: fc.tuple(fc.oneof(anyNumber, fc.double(), anyValue)), call: ([x]) => {
    const r = api.Rational.fromNumber(x as number);
    if (r.toNumber() !== (x as number) && !(x === 0)) throw new Error(`fromNumber(${x}) round-trips to ${r.toNumber()}`);
    return r.toString().length;
  } },
  { name: 'Rational.fromDecimalString', args: fc.tuple(decimalText), call: ([t]) => api.Rational.fromDecimalString(t as string).sign() },
  { name: 'Rational.parse', args: fc.tuple(decimalText), call: ([t]) => api.Rational.parse(t as string).sign() },
  { name: 'Rational.min', args: fc.array(fc.oneof(rationalArb, rationalArb, anyValue), { maxLength: 4 }), call: (a) => (api.Rational.min as (...x: unknown[]) => api.Rational)(...a).toString() },
  { name: 'Rational.max', args: fc.array(fc.oneof(rationalArb, rationalArb, anyValue), { maxLength: 4 }), call: (a) => (api.Rational.max as (...x: unknown[]) => api.Rational)(...a).toString() },
  { name: 'Rational.sum', args: fc.tuple(fc.oneof(fc.array(fc.oneof(rationalArb, rationalArb, rationalArb, anyValue), { maxLength: 5 }), anyValue)), call: ([a]) => api.Rational.sum(a as never).toString() },
];
