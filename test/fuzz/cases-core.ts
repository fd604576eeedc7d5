/** Fuzz cases of the theory, distributions, random and numeric exports. */
import fc from 'fast-check';
import * as api from '../../src/index.ts';
import { anyNumber, anyValue, type FuzzCase, probLike, rngValue } from './harness.ts';

const options = (keys: string[]) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, k === 'lambda1' ? fc.oneof(anyValue, probLike) : anyValue])), { requiredKeys: [] });

/** Sizes for functions that allocate s-vectors: invalid ones of every kind, valid ones kept small. */
const sizeValue = fc.oneof(
  fc.integer({ min: -3, max: 2000 }),
  fc.constantFrom(0, -0, 1.5, 1e8 + 1, 1e15, Number.NaN, Infinity, '10', null, undefined, 10n),
);
const smallN = fc.oneof(fc.integer({ min: -2, max: 5000 }), fc.constantFrom(1e15, 2 ** 53, -0, 2.5, Number.NaN, '5'));
const fnValue = fc.oneof(
  fc.constant((x: number) => x - 0.3),
  fc.constant((x: number) => Math.exp(x) - 2),
  fc.constant(() => Number.NaN),
  fc.constant((x: number) => x * x + 1),
  anyValue,
);
const stateValue = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((seed) => {
    const r = api.createRng(seed);
    r.uniform();
    return r.getState();
  }),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((seed) => Array.from(api.createRng(seed).getState()).map((x, i) => (i === 630 ? x + 0.5 : x))),
  fc.array(fc.nat(), { maxLength: 640 }),
  anyValue,
);

/** Functions whose TSDoc documents ±Infinity in an accepted result. */
const DOCUMENTED_INFINITY: Record<string, string> = {
  phi: 'φ(0) = Infinity (TSDoc: "Infinity at x = 0")',
  G: 'Infinity when G_n(s) overflows a double (logG gives the value)',
  deviationBound: 'Infinity past the double range (logDeviationBound gives the value)',
  deviationBoundZeta: 'Infinity past the double range (logDeviationBoundZeta gives the value)',
};

const table: Array<[string, fc.Arbitrary<unknown[]>, (args: unknown[]) => unknown]> = [
  ['fullySyntheticS', fc.tuple(anyValue, options(['n', 'S0'])), ([m, o]) => api.fullySyntheticS(m as number, o as never)],
  ['collapseProbabilityBounds', fc.tuple(anyValue, options(['n', 'S0', 'support'])), ([m, o]) => api.collapseProbabilityBounds(m as number, o as never)],
  ['collapseTimeBounds', fc.tuple(options(['n', 'S0', 'support'])), ([o]) => api.collapseTimeBounds(o as never)],
  ['limitProbabilities', fc.tuple(probLike), ([p]) => api.limitProbabilities(p as never)],
  ['partiallySyntheticS', fc.tuple(anyValue, options(['N', 'n', 'S0', 'variant'])), ([m, o]) => api.partiallySyntheticS(m as number, o as never)],
  ['partiallySyntheticLimit', fc.tuple(options(['N', 'n', 'S0'])), ([o]) => api.partiallySyntheticLimit(o as never)],
  ['phi', fc.tuple(anyValue), ([x]) => api.phi(x as number)],
  ['G', fc.tuple(anyValue, anyValue), ([n, s]) => api.G(n as number, s as number)],
  ['logG', fc.tuple(anyValue, anyValue), ([n, s]) => api.logG(n as number, s as number)],
  ['gRegime', fc.tuple(anyValue, anyValue), ([n, s]) => api.gRegime(n as number, s as number)],
  ['piP', fc.tuple(probLike), ([p]) => api.piP(p as never)],
  ['lambdaP', fc.tuple(probLike), ([p]) => api.lambdaP(p as never)],
  ['piPUpperBound', fc.tuple(probLike), ([p]) => api.piPUpperBound(p as never)],
  ['deviationBound', fc.tuple(options(['N', 'n', 's'])), ([o]) => api.deviationBound(o as never)],
  ['logDeviationBound', fc.tuple(options(['N', 'n', 's'])), ([o]) => api.logDeviationBound(o as never)],
  ['zeta', fc.tuple(options(['N', 'n', 'lambda1', 'variant'])), ([o]) => api.zeta(o as never)],
  ['deviationBoundZeta', fc.tuple(options(['N', 'n', 's', 'lambda1', 'variant'])), ([o]) => api.deviationBoundZeta(o as never)],
  ['logDeviationBoundZeta', fc.tuple(options(['N', 'n', 's', 'lambda1', 'variant'])), ([o]) => api.logDeviationBoundZeta(o as never)],
  ['paperSafeSyntheticSize', fc.tuple(options(['epsilon', 'N', 's'])), ([o]) => api.paperSafeSyntheticSize(o as never)],
  ['safeSyntheticSizes', fc.tuple(options(['epsilon', 'N', 's', 'bound', 'lambda1', 'zetaVariant'])), ([o]) => api.safeSyntheticSizes(o as never)],
  ['uniform', fc.tuple(sizeValue), ([s]) => api.uniform(s as number)],
  ['zipf', fc.tuple(sizeValue, anyValue), ([s, e]) => api.zipf(s as number, e as number)],
  ['fromCounts', fc.tuple(fc.oneof(fc.array(anyNumber, { maxLength: 8 }), fc.array(fc.nat(20), { maxLength: 8 }), anyValue)), ([c]) => api.fromCounts(c as never)],
  ['dirichlet', fc.tuple(fc.oneof(anyNumber, fc.array(anyNumber, { maxLength: 6 }), fc.array(fc.double({ min: 1e-300, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 })), rngValue, fc.record({ s: sizeValue }, { requiredKeys: [] })), ([a, r, o]) => api.dirichlet(a as never, r as never, o as never)],
  ['withDispersion', fc.tuple(fc.record({ s: sizeValue, support: sizeValue, S0: anyNumber }, { requiredKeys: [] })), ([o]) => api.withDispersion(o as never)],
  ['withDispersionDetails', fc.tuple(fc.record({ s: sizeValue, support: sizeValue, S0: anyNumber }, { requiredKeys: [] })), ([o]) => api.withDispersionDetails(o as never)],
  ['sigma', fc.tuple(probLike), ([p]) => api.sigma(p as never)],
  ['maxProb', fc.tuple(probLike), ([p]) => api.maxProb(p as never)],
  ['l1Distance', fc.tuple(probLike, probLike), ([p, q]) => api.l1Distance(p as never, q as never)],
  ['tvDistance', fc.tuple(probLike, probLike), ([p, q]) => api.tvDistance(p as never, q as never)],
  ['entropy', fc.tuple(probLike, fc.oneof(fc.constant(undefined), fc.record({ base: fc.oneof(fc.constantFrom('e', 2, 10, '2'), anyValue) }, { requiredKeys: [] }))), ([p, o]) => api.entropy(p as never, o as never)],
  ['supportSize', fc.tuple(probLike), ([p]) => api.supportSize(p as never)],
  ['isDirac', fc.tuple(probLike), ([p]) => api.isDirac(p as never)],
  ['findRoot', fc.tuple(fnValue, anyNumber, anyNumber), ([f, a, b]) => api.findRoot(f as never, a as number, b as number)],
  ['bisect', fc.tuple(fnValue, anyNumber, anyNumber), ([f, a, b]) => api.bisect(f as never, a as number, b as number)],
  ['createRng', fc.tuple(anyValue), ([seed]) => api.createRng(seed as number).uniform()],
  ['rngFromState', fc.tuple(stateValue), ([st]) => api.rngFromState(st as never).uniform()],
  ['sampleBinomial', fc.tuple(smallN, anyNumber, rngValue), ([n, p, r]) => api.sampleBinomial(n as number, p as number, r as never)],
  ['sampleBinomialArray', fc.tuple(smallN, anyNumber, rngValue, fc.oneof(fc.integer({ min: -2, max: 50 }), fc.constantFrom(1e12, 2 ** 31, 2.5, Number.NaN), fc.constant(new Int32Array(5)), fc.constant(new Float64Array(3)), fc.constant(new Uint8Array(4)), anyValue)), ([n, p, r, out]) => api.sampleBinomialArray(n as number, p as number, r as never, out as never)],
  ['samplePoisson', fc.tuple(fc.oneof(anyNumber, fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(api.MAX_POISSON_LAMBDA, api.MAX_POISSON_LAMBDA * 2, 9.99, 10)), rngValue), ([l, r]) => api.samplePoisson(l as number, r as never)],
  ['sampleMultinomial', fc.tuple(smallN, probLike, rngValue), ([n, p, r]) => api.sampleMultinomial(n as number, p as never, r as never)],
  ['nonzeroIndices', fc.tuple(probLike), ([p]) => api.nonzeroIndices(p as never)],
];

export const coreCases: FuzzCase[] = table.map(([name, args, call]) => ({ name, args, call, infinite: DOCUMENTED_INFINITY[name] }));
