/**
 * Fuzzing of the theory, distributions, random and numeric exports over valid
 * edge inputs and invalid ones (cases in cases-core.ts): the only allowed
 * outcomes are a finite result or a ParameterRangeError / ParameterTypeError.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as api from '../../src/index.ts';
import { coreCases } from './cases-core.ts';
import { RUNS, runCase } from './harness.ts';

function containsNaN(x: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (typeof x === 'number') return Number.isNaN(x);
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return Array.from(x as ArrayLike<unknown>).some((v) => containsNaN(v, depth + 1));
  if (x && typeof x === 'object') return Object.values(x).some((v) => containsNaN(v, depth + 1));
  return false;
}

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
  for (const c of coreCases) {
    it(c.name, () => runCase(c, 20_261_127));
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
