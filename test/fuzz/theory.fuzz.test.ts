/**
 * Fuzzing of every public theory function over valid edge inputs and invalid
 * ones: the only allowed outcomes are a result without NaN, or a
 * ParameterRangeError / ParameterTypeError.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as api from '../../src/index.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const edgeNumbers = fc.constantFrom(
  0, -0, 1, -1, 0.5, 2, 1e-300, 5e-324, 1e15, 1e16, 2 ** 53, 2 ** 53 + 2, 1e308, Number.NaN, Infinity, -Infinity, 0.25, 0.2500000001, 1 / 3,
);
const anyNumber = fc.oneof(edgeNumbers, fc.double(), fc.integer({ min: -10, max: 1e7 }), fc.integer({ min: 1, max: 1e15 }));
const anyValue = fc.oneof(anyNumber, anyNumber, fc.anything(), fc.constant(undefined), fc.constant(null), fc.string(), fc.bigInt());
const probLike = fc.oneof(
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 12 }).map((a) => {
    const s = a.reduce((x, y) => x + y, 0);
    return s > 0 ? a.map((x) => x / s) : a;
  }),
  fc.array(anyNumber, { maxLength: 6 }),
  fc.constant([1]),
  fc.constant([0.5, 0.5]),
  fc.constant(new Float64Array([0.25, 0.75])),
  anyValue,
);
const options = (keys: string[]) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, k === 'lambda1' ? fc.oneof(anyValue, probLike) : anyValue])), { requiredKeys: [] });

function containsNaN(x: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (typeof x === 'number') return Number.isNaN(x);
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return Array.from(x as ArrayLike<unknown>).some((v) => containsNaN(v, depth + 1));
  if (x && typeof x === 'object') return Object.values(x).some((v) => containsNaN(v, depth + 1));
  return false;
}

function outcome(call: () => unknown): 'ok' | 'typed-error' {
  try {
    const result = call();
    if (containsNaN(result)) throw new Error(`returned NaN: ${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
    return 'ok';
  } catch (e) {
    if (e instanceof api.ParameterRangeError || e instanceof api.ParameterTypeError) {
      expect(e.message).toMatch(/ must be .*; received /);
      return 'typed-error';
    }
    throw e;
  }
}

const cases: Array<[string, fc.Arbitrary<unknown[]>, (args: unknown[]) => unknown]> = [
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
];

/** Sizes for functions that allocate s-vectors: invalid ones of every kind, valid ones kept small. */
const sizeValue = fc.oneof(
  fc.integer({ min: -3, max: 2000 }),
  fc.constantFrom(0, -0, 1.5, 1e8 + 1, 1e15, Number.NaN, Infinity, '10', null, undefined, 10n),
);
const rngValue = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((seed) => api.createRng(seed)), anyValue);
const smallN = fc.oneof(fc.integer({ min: -2, max: 5000 }), fc.constantFrom(1e15, 2 ** 53, -0, 2.5, Number.NaN, '5'));
const fnValue = fc.oneof(
  fc.constant((x: number) => x - 0.3),
  fc.constant((x: number) => Math.exp(x) - 2),
  fc.constant(() => Number.NaN),
  fc.constant((x: number) => x * x + 1),
  anyValue,
);

cases.push(
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
  ['sampleBinomial', fc.tuple(smallN, anyNumber, rngValue), ([n, p, r]) => api.sampleBinomial(n as number, p as number, r as never)],
  ['sampleMultinomial', fc.tuple(smallN, probLike, rngValue), ([n, p, r]) => api.sampleMultinomial(n as number, p as never, r as never)],
);

/** Valid inputs at the edges, so the fuzzer exercises accepted calls too. */
const validOptions = fc.record({
  n: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1e9 })),
  N: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1e15 })),
  s: fc.oneof(fc.constant(2), fc.integer({ min: 2, max: 1e7 })),
  support: fc.integer({ min: 1, max: 1e7 }),
  t: fc.double({ min: 0, max: 1, noNaN: true }),
  epsilon: fc.oneof(fc.constant(2), fc.double({ min: 1e-12, max: 2, noNaN: true })),
  lambda1: fc.oneof(fc.constant(0), fc.constant(0.25), fc.double({ min: 0, max: 0.25, noNaN: true })),
  m: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1e12 })),
});

describe('fuzz: only documented errors, never NaN (theory, distributions, random)', () => {
  for (const [name, args, call] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(args, (a) => {
          outcome(() => call(a));
        }),
        { seed: 20_261_127, numRuns: RUNS },
      );
    });
  }

  it('valid edge inputs are accepted and give finite or documented-infinite results', () => {
    fc.assert(
      fc.property(validOptions, ({ n, N, s, support, t, epsilon, lambda1, m }) => {
        const S0 = support === 1 ? 1 : 1 / support + t * (1 - 1 / support) * (1 - 1e-12);
        const results = [
          api.fullySyntheticS(m, { n, S0 }),
          api.collapseProbabilityBounds(m, { n, S0, support }),
          api.collapseTimeBounds({ n, S0, support }),
          api.partiallySyntheticS(m, { N, n, S0 }),
          api.partiallySyntheticLimit({ N, n, S0 }),
          api.logG(n, s),
          api.logDeviationBound({ N, n, s }),
          api.logDeviationBoundZeta({ N, n, s, lambda1 }),
          api.zeta({ N, n, lambda1 }),
          api.paperSafeSyntheticSize({ epsilon, N, s }),
        ];
        for (const r of results) expect(containsNaN(r)).toBe(false);
        expect(Number.isFinite(api.logDeviationBound({ N, n, s }))).toBe(true);
      }),
      { seed: 20_261_128, numRuns: RUNS },
    );
  });
});
