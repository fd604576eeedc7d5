import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactSafeSyntheticSize } from '../../../src/index.ts';
import { searchWorstDrift, tokenDriftOracle } from '../../oracles/token-drift.ts';

const inSet = (intervals: { from: number; to: number }[], n: number): boolean => intervals.some((iv) => iv.from <= n && n <= iv.to);

/** Random small settings: N, a p on s tokens, a criterion generation, and an n0 near which ε is placed. */
const setting = fc.record({
  N: fc.integer({ min: 3, max: 30 }),
  weights: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 4 }),
  M: fc.constantFrom(null, 2, 3),
  n0: fc.integer({ min: 1, max: 12 }),
  shift: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
});

describe('exactSafeSyntheticSize fuzzed against brute-force drift at every n (independent oracle)', () => {
  it('a given p: the safe set equals {n : D(n) ≤ ε} on n = 1…40', () => {
    fc.assert(
      fc.property(setting, ({ N, weights, M, n0, shift }) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const p = weights.map((w) => w / total);
        const drift = (n: number): number => {
          const f = tokenDriftOracle(N, n, M);
          return p.reduce((acc, x) => acc + f(x), 0);
        };
        const D = Array.from({ length: 41 }, (_, n) => (n === 0 ? 0 : drift(n)));
        const epsilon = D[n0] * (1 + shift);
        if (!(epsilon > 0)) return;
        const r = exactSafeSyntheticSize({ epsilon, N, p, ...(M === null ? {} : { generations: M }) });
        for (let n = 1; n <= 40; n++) {
          if (Math.abs(D[n] - epsilon) <= 1e-9 * epsilon) continue; // a tie within the oracle's rounding
          if (inSet(r.undecided, n)) continue;
          expect(inSet(r.safe.intervals, n), `N = ${N}, p = ${p.join(', ')}, M = ${M}, ε = ${epsilon}, n = ${n}: D = ${D[n]}`).toBe(D[n] <= epsilon);
        }
        expect(r.status).toBe('exact');
      }),
      { seed: 20261208, numRuns: 24 },
    );
  }, 300_000);

  it('the worst p on s ≤ 3 tokens: safe n have no drifting p, unsafe n have one (n = 1…20)', () => {
    fc.assert(
      fc.property(
        fc.record({ N: fc.integer({ min: 3, max: 25 }), s: fc.constantFrom(2, 3), M: fc.constantFrom(null, 2), n0: fc.integer({ min: 1, max: 8 }), shift: fc.double({ min: -0.03, max: 0.03, noNaN: true }) }),
        ({ N, s, M, n0, shift }) => {
          const worst = Array.from({ length: 21 }, (_, n) => (n === 0 ? 0 : searchWorstDrift(tokenDriftOracle(N, n, M), s, n).value));
          const epsilon = worst[n0] * (1 + shift);
          if (!(epsilon > 0)) return;
          const r = exactSafeSyntheticSize({ epsilon, N, s, ...(M === null ? {} : { generations: M }) });
          for (let n = 1; n <= 20; n++) {
            if (inSet(r.undecided, n)) continue;
            if (inSet(r.safe.intervals, n)) expect(worst[n], `N = ${N}, s = ${s}, M = ${M}, ε = ${epsilon}, n = ${n}`).toBeLessThanOrEqual(epsilon * (1 + 1e-12));
            else expect(worst[n], `N = ${N}, s = ${s}, M = ${M}, ε = ${epsilon}, n = ${n}`).toBeGreaterThan(epsilon * (1 - 1e-9));
          }
        },
      ),
      { seed: 8122026, numRuns: 16 },
    );
  }, 300_000);
});
