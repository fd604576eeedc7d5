import { describe, expect, it } from 'vitest';
import { exactDeviation, exactSafeSyntheticSize, compareSafeSyntheticSizes } from '../../../src/index.ts';
import { searchWorstDrift, tokenDriftOracle } from '../../oracles/token-drift.ts';

/** n ∈ the reported safe set. */
const inSet = (intervals: { from: number; to: number }[], n: number): boolean => intervals.some((iv) => iv.from <= n && n <= iv.to);

const N = 100;
const NS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('distribution-free safe size: an independent worst-case oracle never finds an unsafe p at a safe n', () => {
  // The oracle (test/oracles/token-drift.ts) is written from the model with dense chains and searches p
  // (uniform, sparse, two-level, Dirichlet draws, pairwise exchanges). ε is placed where the uniform p and the
  // worst p disagree: between their drifts at some n, and just below the worst drift.
  for (const M of [null, 2] as const) {
    it(`N = 100, s = 2…8, n = 1…8, ${M === null ? 'every generation' : `M = ${M}`}`, () => {
      let settings = 0;
      let disagreements = 0;
      for (let s = 2; s <= 8; s++) {
        const worst = NS.map((n) => searchWorstDrift(tokenDriftOracle(N, n, M), s, 7 * s + n));
        const uniform = NS.map((n) => s * tokenDriftOracle(N, n, M)(1 / s));
        const epsilons = new Set<number>();
        for (let j = 0; j < NS.length; j++) {
          if (worst[j].value > uniform[j] * (1 + 1e-6)) {
            disagreements++;
            epsilons.add((worst[j].value + uniform[j]) / 2);
            epsilons.add(worst[j].value * (1 - 1e-7));
          }
        }
        // Always one ε inside the n range, so that every s is exercised.
        epsilons.add((worst[3].value + worst[4].value) / 2);
        for (const epsilon of [...epsilons].slice(0, 3)) {
          const r = exactSafeSyntheticSize({ epsilon, N, s, ...(M === null ? {} : { generations: M }) });
          settings++;
          for (let j = 0; j < NS.length; j++) {
            const n = NS[j];
            if (inSet(r.safe.intervals, n)) {
              // Safe for every p: no p the oracle finds drifts more than ε.
              expect(worst[j].value, `s = ${s}, ε = ${epsilon}, n = ${n}: oracle p = ${worst[j].p.join(', ')}`).toBeLessThanOrEqual(epsilon * (1 + 1e-12));
            } else if (!inSet(r.undecided, n)) {
              // Reported unsafe: some p (the oracle's, or uniform) really drifts more than ε.
              expect(Math.max(worst[j].value, uniform[j]), `s = ${s}, ε = ${epsilon}, n = ${n}`).toBeGreaterThan(epsilon * (1 - 1e-12));
            }
          }
          // Bracketed answers are rare and narrow: ε lies between the certified bounds.
          if (r.status === 'bracketed') {
            expect(r.worstCase).not.toBeNull();
          }
        }
      }
      expect(settings).toBeGreaterThan(7);
      // The grid contains settings where the uniform p is not the worst case (the audit's finding).
      if (M === null) expect(disagreements).toBeGreaterThan(0);
    }, 300_000);
  }

  it('the audit case: ε = 0.011, N = 100, s = 2 — n = 2 is unsafe (p = (0.6648, 0.3352) drifts 0.011447)', () => {
    const r = exactSafeSyntheticSize({ epsilon: 0.011, N: 100, s: 2 });
    expect(r.safe.intervals).toEqual([{ from: 1, to: 1 }]);
    expect(r.maxN).toBe(1);
    expect(r.status).toBe('exact');
    const c = compareSafeSyntheticSizes({ epsilon: 0.011, N: 100, s: 2 });
    expect(c.exact).toBe(1);
    expect(c.status).toBe('exact');
    expect(c.undecided).toEqual([]);
    // The p the library reports attains its lower bound (checked by the public exactDeviation).
    const wc = r.worstCase;
    expect(wc).not.toBeNull();
    const d = exactDeviation({ p: [0.6648, 0.3352], N: 100, n: 2 });
    expect(d.stationary?.fromFirst).toBeGreaterThan(0.011);
  });

  it('worstP is a distribution on s tokens that attains lowerBound; upperBound is above every oracle p', () => {
    for (const [s, n, M] of [[2, 2, null], [3, 3, null], [4, 5, null], [5, 4, 3], [8, 6, null]] as const) {
      const f = tokenDriftOracle(N, n, M);
      const worst = searchWorstDrift(f, s, 11);
      // ε just above the worst drift: the boundary is at n, and the certificate is computed there.
      const epsilon = worst.value * (1 + 1e-5);
      const t0 = Date.now();
      const r = exactSafeSyntheticSize({ epsilon, N, s, ...(M === null ? {} : { generations: M }) });
      const wc = r.worstCase;
      expect(wc, `s = ${s}, n = ${n}`).not.toBeNull();
      if (wc === null) continue;
      const p: number[] = [];
      wc.worstP.values.forEach((v, j) => {
        for (let k = 0; k < wc.worstP.counts[j]; k++) p.push(v);
      });
      expect(p.length).toBeLessThanOrEqual(s);
      expect(Math.abs(p.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      expect(wc.n).toBeLessThanOrEqual(n); // the bounds are reported at the end of the first safe interval
      const fWc = tokenDriftOracle(N, wc.n, M);
      const attained = p.reduce((a, x) => a + fWc(x), 0);
      expect(attained).toBeGreaterThanOrEqual(wc.lowerBound * (1 - 1e-9));
      const oracleAtN = searchWorstDrift(fWc, s, 13);
      expect(oracleAtN.value).toBeLessThanOrEqual(wc.upperBound * (1 + 1e-12));
      // Within 1e-3 relative: the bound is nearly attained.
      expect(wc.upperBound / wc.lowerBound - 1).toBeLessThan(1e-3);
      void t0;
    }
  }, 300_000);
});
