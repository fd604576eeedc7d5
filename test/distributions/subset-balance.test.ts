import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParameterRangeError, ParameterTypeError, checkProbabilityVector } from '../../src/validate.ts';
import * as subsetBalance from '../../src/distributions/subset-balance.ts';
import { lambdaP, piP, piPUpperBound, type PiResult } from '../../src/distributions/subset-balance.ts';
import { examplesInMarkdown, examplesInSource, runBlock } from '../docs/example-runner.ts';

// ---------------------------------------------------------------------------
// Exact oracle: every double is an integer multiple of 2^-1074, so subset sums of
// doubles are computed exactly as BigInts scaled by 2^1074.
// ---------------------------------------------------------------------------

const U = 2 ** -53; // unit roundoff
const SCALE_BITS = 1074n;
const ONE = 1n << SCALE_BITS;
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** x · 2^1074 exactly, for finite x ≥ 0. */
function scaled(x: number): bigint {
  if (x === 0) return 0n;
  f64[0] = x;
  const bits = u64[0];
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = bits & ((1n << 52n) - 1n);
  if (e === 0) return m; // subnormal: m · 2^-1074
  return (m | (1n << 52n)) << BigInt(e - 1); // (2^52 + m) · 2^(e − 1075) · 2^1074
}

function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  u64[0] = x > 0 ? u64[0] + 1n : u64[0] - 1n;
  return f64[0];
}

/**
 * Brute force over all 2^s subsets of the (validated) vector q, in exact
 * arithmetic, of eq. 12 as written: π = max_A min{q(A), 1 − q(A)},
 * λ = max_A q(A)(1 − q(A)). Returns π·2^1074 and λ·2^2148.
 */
function bruteForce(q: ArrayLike<number>): { pi: bigint; lambda: bigint } {
  const s = q.length;
  const a = Array.from(q, scaled);
  const sums = new Array<bigint>(2 ** s);
  sums[0] = 0n;
  let pi = 0n;
  let lambda = 0n;
  for (let mask = 0; mask < 2 ** s; mask++) {
    if (mask > 0) {
      const low = 31 - Math.clz32(mask & -mask);
      sums[mask] = sums[mask & (mask - 1)] + a[low];
    }
    const t = sums[mask];
    const m = t < ONE - t ? t : ONE - t;
    if (m > pi) pi = m;
    const g = t * (ONE - t);
    if (g > lambda) lambda = g;
  }
  return { pi, lambda };
}

/** |x − exact| ≤ tol, with exact given as a multiple of 2^-1074. */
function within(x: number, exact: bigint, tol: number): boolean {
  const d = scaled(x) - exact;
  return (d < 0n ? -d : d) <= scaled(tol);
}

/** Integer brute force for a grid distribution k/W: max{k(A) : 2k(A) ≤ W}. */
function bruteForceInt(k: readonly number[]): number {
  const W = k.reduce((x, y) => x + y, 0);
  let best = 0;
  for (let mask = 0; mask < 2 ** k.length; mask++) {
    let t = 0;
    for (let i = 0; i < k.length; i++) if (mask & (1 << i)) t += k[i];
    if (2 * t <= W && t > best) best = t;
  }
  return best;
}

/**
 * Rounding tolerance of each exact method against the exact π of eq. 12 on the
 * validated vector q (s entries, k of them non-zero); derivations in the source:
 * - dominant-atom: π(q) ∈ [1 − q_j, 1 − q_j + |1 − Σq|] and |1 − Σq| ≤ (s+1)u;
 * - meet-in-the-middle: every computed subset sum is within γ_{k−1} ≤ k·u of the
 *   true one and min{t, 1 − t} is 1-Lipschitz;
 * - grid: p_i within 16ε = 32u of k_i/D, q = p/Σp with |Σp − 1| ≤ (s+1)u, one rounding of K/D.
 */
function methodTolerance(r: PiResult, s: number, k: number): number {
  switch (r.method) {
    case 'dominant-atom':
      return (s + 1) * U;
    case 'meet-in-the-middle':
      return k * U;
    case 'grid':
      return (s + 35) * U;
    case 'grid-upper-bound':
      return 0;
  }
}

const normalize = (w: readonly number[]): number[] => {
  const t = w.reduce((x, y) => x + y, 0);
  return w.map((x) => x / t);
};

/** Real-valued weights (not on a grid) in [1e-3, 1]. */
const realWeights = (minLength: number, maxLength: number) =>
  fc.array(fc.double({ min: 1e-3, max: 1, noNaN: true, noDefaultInfinity: true }), { minLength, maxLength });

/** Integer counts, at least one positive. */
const counts = (minLength: number, maxLength: number, max: number) =>
  fc
    .array(fc.integer({ min: 0, max }), { minLength, maxLength })
    .filter((c) => c.some((x) => x > 0));

function zipfVector(s: number, exponent: number): Float64Array {
  const z = new Float64Array(s);
  let total = 0;
  for (let i = 0; i < s; i++) {
    z[i] = (i + 1) ** -exponent;
    total += z[i];
  }
  for (let i = 0; i < s; i++) z[i] /= total;
  return z;
}

/** Deterministic LCG in [0, 1) for building fixed instances. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

// ---------------------------------------------------------------------------

describe('identities (exact integer arithmetic on rational distributions k/W)', () => {
  it('π = max{p(A) : p(A) ≤ 1/2} and λ = π(1 − π) (eq. 12, Theorem 4)', () => {
    fc.assert(
      fc.property(counts(1, 12, 1000), (k) => {
        const W = k.reduce((x, y) => x + y, 0);
        let piW = 0; // max_A min{k(A), W − k(A)}
        let below = 0; // max{k(A) : 2k(A) ≤ W}
        let lambdaW2 = 0; // max_A k(A)(W − k(A))
        for (let mask = 0; mask < 2 ** k.length; mask++) {
          let t = 0;
          for (let i = 0; i < k.length; i++) if (mask & (1 << i)) t += k[i];
          piW = Math.max(piW, Math.min(t, W - t));
          if (2 * t <= W) below = Math.max(below, t);
          lambdaW2 = Math.max(lambdaW2, t * (W - t));
        }
        expect(piW).toBe(below);
        expect(lambdaW2).toBe(piW * (W - piW));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('λ = π(1 − π) holds exactly for eq. 12 on floating-point inputs too', () => {
    fc.assert(
      fc.property(realWeights(1, 12), (w) => {
        const q = checkProbabilityVector('p', normalize(w));
        const { pi, lambda } = bruteForce(q);
        expect(lambda).toBe(pi * (ONE - pi));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('piP against brute force over all 2^s subsets (s ≤ 14)', () => {
  it('random real p: exact methods agree with the exact π within their rounding bound', () => {
    fc.assert(
      fc.property(realWeights(1, 14), (w) => {
        const p = normalize(w);
        const q = checkProbabilityVector('p', p);
        const exact = bruteForce(q);
        const r = piP(p);
        expect(['dominant-atom', 'meet-in-the-middle', 'grid']).toContain(r.method);
        expect(r.exact).toBe(true);
        expect(r.value).toBe(r.upper);
        expect(r.lower).toBe(r.upper);
        const tol = methodTolerance(r, q.length, q.filter((x) => x > 0).length);
        expect(within(r.value, exact.pi, tol)).toBe(true);
        expect(r.value).toBeLessThanOrEqual(0.5);
        // λ: g(x) = x(1 − x) is 1-Lipschitz on [0, 1]; one more rounding for the product.
        const l = lambdaP(p);
        expect(l.method).toBe(r.method);
        expect(l.value).toBe(r.value * (1 - r.value));
        const dl = scaled(l.value) * ONE - exact.lambda; // both at scale 2^2148
        const tolL = scaled(tol + U) * ONE;
        expect(dl <= tolL && -dl <= tolL).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('random grid p = counts/N: the grid (or dominant-atom) method equals the integer brute force', () => {
    fc.assert(
      fc.property(counts(1, 14, 60), (c) => {
        const N = c.reduce((x, y) => x + y, 0);
        const p = c.map((x) => x / N);
        const K = bruteForceInt(c);
        const r = piP(p);
        expect(['grid', 'dominant-atom']).toContain(r.method);
        expect(r.exact).toBe(true);
        if (r.method === 'grid') {
          expect(r.value).toBe(K / N); // same rational, same correctly rounded double
        } else {
          // 1 − q_max with q_max = c_max/N up to (s+2)u
          expect(Math.abs(r.value - K / N)).toBeLessThanOrEqual((c.length + 3) * U);
        }
        expect(lambdaP(p).value).toBe(r.value * (1 - r.value));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('piPUpperBound: upper ≥ brute force (no tolerance: the bound is rigorous) ≥ lower, for several budgets', () => {
    fc.assert(
      fc.property(
        realWeights(1, 14),
        fc.constantFrom(1, 100, 1e4, 1e6, 1e8),
        (w, maxBitOperations) => {
          const p = normalize(w);
          const q = checkProbabilityVector('p', p);
          const s = q.length;
          const exact = bruteForce(q);
          const r = piPUpperBound(p, { maxBitOperations });
          expect(r.method).toBe('grid-upper-bound');
          expect(r.value).toBe(r.upper);
          expect(scaled(r.upper) >= exact.pi).toBe(true);
          // lower = min{q(A), 1 − q(A)} with q(A) by compensated summation: ≤ 4u off.
          expect(scaled(r.lower) <= exact.pi + scaled(4 * U)).toBe(true);
          expect(r.lower).toBeLessThanOrEqual(r.upper);
          expect(r.upper).toBeLessThanOrEqual(0.5);
          expect(r.exact).toBe(r.upper - r.lower <= (s + 2) * U);
          if (maxBitOperations === 1e8) {
            // s ≤ 14 items ⇒ D ≥ 2^23 ⇒ F ≤ s/2^23: upper is within s/2^23 + slack of π.
            const gap = scaled(r.upper) - exact.pi;
            expect(gap <= scaled(s / 2 ** 23 + (s + 4) * U)).toBe(true);
          }
          const l = lambdaP(p);
          expect(l.upper).toBeGreaterThanOrEqual(l.lower);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('upper ≥ brute force ≥ lower for every method (real and grid inputs, with zeros)', () => {
    const vector = fc.oneof(
      realWeights(1, 14).map(normalize),
      counts(1, 14, 20).map((c) => {
        const N = c.reduce((x, y) => x + y, 0);
        return c.map((x) => x / N);
      }),
      fc
        .tuple(realWeights(1, 7), fc.array(fc.constant(0), { maxLength: 7 }))
        .map(([w, z]) => [...normalize(w), ...z]),
    );
    fc.assert(
      fc.property(vector, (p) => {
        const q = checkProbabilityVector('p', p);
        const exact = bruteForce(q);
        for (const r of [piP(p), piPUpperBound(p)]) {
          const tol = methodTolerance(r, q.length, q.filter((x) => x > 0).length);
          expect(scaled(r.upper) + scaled(tol) >= exact.pi).toBe(true);
          expect(scaled(r.lower) <= exact.pi + scaled(Math.max(tol, 4 * U))).toBe(true);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('exact cases', () => {
  it('uniform on k atoms: π = ⌊k/2⌋/k, λ = π(1 − π)', () => {
    for (let k = 1; k <= 300; k++) {
      const p = new Array(k).fill(1 / k);
      const r = piP(p);
      expect(r.value).toBe(Math.floor(k / 2) / k);
      expect(r.exact).toBe(true);
      expect(r.method).toBe(k <= 2 ? 'dominant-atom' : 'grid');
      expect(lambdaP(p).value).toBe(r.value * (1 - r.value));
    }
  });

  it('uniform on k atoms also with zeros padding (s ≠ support)', () => {
    const p = [0, 0.2, 0, 0.2, 0.2, 0, 0.2, 0.2];
    expect(piP(p).value).toBe(0.4);
  });

  it('dominant atom: π = 1 − max p_i', () => {
    expect(piP([1])).toEqual({ value: 0, exact: true, lower: 0, upper: 0, method: 'dominant-atom' });
    expect(piP([0.5, 0.5]).value).toBe(0.5);
    expect(piP([0.5, 0.25, 0.25]).value).toBe(0.5);
    expect(piP([0.75, 0.125, 0.125])).toEqual({ value: 0.25, exact: true, lower: 0.25, upper: 0.25, method: 'dominant-atom' });
    expect(piP([0.125, 0.875]).value).toBe(0.125);
    expect(lambdaP([0.75, 0.125, 0.125]).value).toBe(0.1875);
  });

  it('a small example solved by hand: {0.4, 0.35, 0.25} has no pair ≤ 1/2, so π = 0.4', () => {
    expect(piP([0.4, 0.35, 0.25])).toEqual({ value: 0.4, exact: true, lower: 0.4, upper: 0.4, method: 'grid' });
    expect(lambdaP([0.4, 0.35, 0.25]).value).toBe(0.24);
  });

  it('worked example of the docs: counts (5, 3, 2, 2, 1)/13 ⇒ π = 6/13, λ = 42/169', () => {
    const p = [5, 3, 2, 2, 1].map((c) => c / 13);
    const r = piP(p);
    expect(r).toEqual({ value: 6 / 13, exact: true, lower: 6 / 13, upper: 6 / 13, method: 'grid' });
    expect(r.value).toBe(0.46153846153846156);
    const l = lambdaP(p);
    expect(l.value).toBe((6 / 13) * (1 - 6 / 13));
    expect(l.value).toBe(0.2485207100591716);
    expect(Math.abs(l.value - 42 / 169)).toBeLessThanOrEqual(U);
    // the dominant-atom case of the docs
    expect(piP([0.75, 0.125, 0.125]).value).toBe(0.25);
  });

  it('real-valued example of the docs: π/(√2 + e + π)', () => {
    const t = Math.SQRT2 + Math.E + Math.PI;
    const w = [Math.SQRT2, Math.E, Math.PI].map((x) => x / t);
    const r = piP(w);
    expect(r.method).toBe('meet-in-the-middle');
    expect(r.value).toBe(Math.PI / t);
    expect(r.value).toBe(0.4318881809519606);
    const b = piPUpperBound(w);
    expect(b.lower).toBe(Math.PI / t);
    expect(b.upper).toBe(0.4318881928920752);
    expect(b.upper - b.lower).toBeLessThan(3 / 2 ** 25);
    expect(b.exact).toBe(false);
  });

  it('meet-in-the-middle near 1/2: a perfect split whose computed sums both round above 1/2 is not lost', () => {
    // Two groups of 6 atoms, each summing to exactly 1/2 in real arithmetic (found by search);
    // both groups' computed sums round to 1/2 + 2^-53 in the merge order, so using only the
    // computed sums ≤ 1/2 would report 0.49996685…; using 1 − (smallest sum > 1/2) gives 1/2 − 2^-53.
    const p = [
      0.07774155339575373, 0.10263743681425695, 0.07532282576430589, 0.07830963068408892, 0.0784652827627724,
      0.0757291797111975, 0.10546022868948059, 0.08711691663193051, 0.08017406036960892, 0.07874913130071945,
      0.07950618092145305, 0.0807875729544321,
    ];
    const q = checkProbabilityVector('p', p);
    expect(Array.from(q)).toEqual(p); // Σp rounds to 1: no rescaling
    const exact = bruteForce(q);
    expect(exact.pi).toBe(ONE / 2n);
    const r = piP(p);
    expect(r.method).toBe('meet-in-the-middle');
    expect(within(r.value, exact.pi, 12 * U)).toBe(true);
    expect(r.value).toBe(0.4999999999999999);
  });

  it('41 near-equal real atoms (> 40: upper-bound path): π = sum of the 20 largest', () => {
    const w = Array.from({ length: 41 }, (_, i) => 1 + 1e-3 * Math.sin(i + 1));
    const p = normalize(w);
    const q = checkProbabilityVector('p', p);
    const top = Array.from(q).sort((a, b) => b - a).slice(0, 20);
    // any 21 atoms exceed 1/2 and any 20 are below, so π = q(top 20) exactly:
    const exactPi = top.reduce((acc, x) => acc + scaled(x), 0n);
    const smallest21 = Array.from(q).sort((a, b) => a - b).slice(0, 21).reduce((acc, x) => acc + scaled(x), 0n);
    expect(2n * smallest21 > ONE && 2n * exactPi < ONE).toBe(true);
    const r = piP(p);
    expect(r.method).toBe('grid-upper-bound');
    expect(scaled(r.upper) >= exactPi).toBe(true);
    expect(within(r.lower, exactPi, 4 * U)).toBe(true); // the greedy subset is optimal here
    expect(r.upper).toBeLessThan(0.5);
    // 41 items ⇒ D = 2^22 within the 1e8 budget ⇒ upper − π ≤ 41/2^22 + slack
    expect(r.upper - r.lower).toBeLessThanOrEqual(41 / 2 ** 22 + 50 * U);
    expect(r.exact).toBe(false);
    const l = lambdaP(p);
    expect(l.exact).toBe(false);
    expect(l.upper).toBe(nextUp(r.upper * (1 - r.upper)));
    expect(l.lower).toBeLessThanOrEqual(r.lower * (1 - r.lower));
    expect(l.lower).toBeGreaterThan(0);
  });
});

describe('properties (fast-check, seed 42)', () => {
  it('π ≤ 1/2, λ ≤ 1/4, lower ≤ upper, λ = π(1 − π) (outward-rounded when not exact)', () => {
    const vector = fc.oneof(
      realWeights(1, 80).map(normalize),
      counts(1, 200, 1000).map((c) => {
        const N = c.reduce((x, y) => x + y, 0);
        return c.map((x) => x / N);
      }),
    );
    fc.assert(
      fc.property(vector, (p) => {
        const r = piP(p);
        const l = lambdaP(p);
        expect(r.value).toBe(r.upper);
        expect(r.lower).toBeLessThanOrEqual(r.upper);
        expect(r.upper).toBeLessThanOrEqual(0.5);
        expect(r.lower).toBeGreaterThanOrEqual(0);
        expect(l.value).toBe(l.upper);
        expect(l.upper).toBeLessThanOrEqual(0.25);
        expect(l.lower).toBeLessThanOrEqual(l.upper);
        expect(l.exact).toBe(r.exact);
        if (r.exact && r.lower === r.upper) {
          expect(l.value).toBe(r.value * (1 - r.value));
        } else if (!r.exact) {
          expect(l.upper).toBe(Math.min(0.25, nextUp(r.upper * (1 - r.upper))));
        }
        // the exact methods are consistent with the certified bracket
        if (r.method !== 'grid-upper-bound') {
          const b = piPUpperBound(p);
          const tol = (p.length + 35) * U;
          expect(b.upper + tol).toBeGreaterThanOrEqual(r.value);
          expect(b.lower - tol).toBeLessThanOrEqual(r.value);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('π is invariant under permutation and under adding zero atoms', () => {
    fc.assert(
      fc.property(realWeights(2, 30), fc.integer({ min: 0, max: 5 }), (w, zeros) => {
        const p = normalize(w);
        const r = piP(p);
        const rev = piP([...p].reverse());
        const padded = piP([...p, ...new Array(zeros).fill(0)]);
        expect(padded.value).toBe(r.value);
        expect(rev.method).toBe(r.method);
        // a different summation order moves sums by at most k·u
        expect(Math.abs(rev.value - r.value)).toBeLessThanOrEqual(2 * p.length * U);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('larger inputs', () => {
  it('counts/N (s = 600, N = 100) take the grid path and match an independent boolean DP', () => {
    const rnd = lcg(1);
    const c = new Array(600).fill(0);
    for (let i = 0; i < 100; i++) c[Math.floor(rnd() * 600)]++;
    const p = c.map((x) => x / 100);
    const r = piP(p);
    expect(r.method).toBe('grid');
    const reach = new Array(51).fill(false);
    reach[0] = true;
    for (const x of c) for (let t = 50; t >= x; t--) if (reach[t - x]) reach[t] = true;
    expect(r.value).toBe(reach.lastIndexOf(true) / 100);
  });

  it('a grid where ⌊D/2⌋ is unreachable: counts ≡ 0 mod 3 except one 1 (full DP, no early stop)', () => {
    const rnd = lcg(3);
    const c = Array.from({ length: 300 }, () => 3 * (1 + Math.floor(rnd() * 60)));
    c[0] = 1;
    let N = c.reduce((x, y) => x + y, 0);
    while (Math.floor(N / 2) % 3 !== 2) {
      c[1] += 3;
      N += 3;
    }
    const r = piP(c.map((x) => x / N));
    expect(r.method).toBe('grid');
    // reachable sums are ≡ 0 or 1 mod 3, and with 299 multiples of 3 up to 180 all such sums near N/2 are reachable
    expect(r.value).toBe((Math.floor(N / 2) - 1) / N);
  });

  it('counts from a Zipf(1.1) law on s = 50 257 tokens with N ≈ 1e6 take the exact grid path', () => {
    const z = zipfVector(50257, 1.1);
    const c = Array.from(z, (x) => Math.round(x * 1e6));
    const N = c.reduce((x, y) => x + y, 0);
    const p = c.map((x) => x / N);
    const r = piP(p);
    expect(r.method).toBe('grid');
    expect(r.exact).toBe(true);
    expect(r.value).toBe(Math.floor(N / 2) / N);
    // piPUpperBound works on the rescaled vector q = p/fl(Σp), which differs from the grid
    // distribution c/N by |1 − Σp| ≈ 2.4e-13 here (≤ (s+1)u in general): the grid tolerance applies.
    const b = piPUpperBound(p);
    const tol = (p.length + 35) * U;
    expect(b.lower).toBeLessThanOrEqual(r.value + tol + 4 * U);
    expect(b.upper + tol).toBeGreaterThanOrEqual(r.value);
    expect(r.value - b.lower).toBeLessThan(1 / N); // and KK finds a subset within one count
  });

  it('Zipf(1.1) probabilities on s = 50 257 tokens: certified bracket with upper − lower < 1e-14', () => {
    const z = zipfVector(50257, 1.1);
    const r = piP(z);
    expect(r.method).toBe('grid-upper-bound');
    expect(r.upper).toBe(0.5);
    // measured: lower = 0.4999999999999981 (Karmarkar–Karp partition), gap 1.9e-15
    expect(r.upper - r.lower).toBeLessThan(1e-14);
    expect(r.exact).toBe(true); // gap ≤ (s + 2)·2^-53 ≈ 5.6e-12
    const l = lambdaP(z);
    expect(l.upper).toBe(0.25);
    expect(l.lower).toBeGreaterThan(0.25 - 1e-14);
  });

  it('40 real atoms use meet-in-the-middle and agree with the certified bracket', () => {
    const rnd = lcg(7);
    const p = normalize(Array.from({ length: 40 }, () => rnd() + 0.01));
    const r = piP(p);
    expect(r.method).toBe('meet-in-the-middle');
    const b = piPUpperBound(p);
    expect(b.upper).toBeGreaterThanOrEqual(r.value - 40 * U);
    expect(b.lower).toBeLessThanOrEqual(r.value + 40 * U);
    expect(r.value).toBeGreaterThan(b.lower); // MITM improves on Karmarkar–Karp/greedy here
  });
});

describe('input validation (typed errors naming the parameter)', () => {
  const expectError = (fn: () => unknown, cls: typeof ParameterRangeError | typeof ParameterTypeError, parameter: string) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(cls);
      expect((e as ParameterRangeError).parameter).toBe(parameter);
      return;
    }
    throw new Error('expected an error');
  };

  for (const fn of [piP, lambdaP, piPUpperBound] as const) {
    it(`${fn.name}: invalid p`, () => {
      expectError(() => fn([]), ParameterRangeError, 'p');
      expectError(() => fn('abc' as unknown as number[]), ParameterTypeError, 'p');
      expectError(() => fn(null as unknown as number[]), ParameterTypeError, 'p');
      expectError(() => fn([0.5, Number.NaN]), ParameterRangeError, 'p[1]');
      expectError(() => fn([0.5, -0.1, 0.6]), ParameterRangeError, 'p[1]');
      expectError(() => fn([0.5, '0.5' as unknown as number]), ParameterTypeError, 'p[1]');
      expectError(() => fn([0.5, 0.6]), ParameterRangeError, 'sum of p');
    });
    it(`${fn.name}: invalid options`, () => {
      expectError(() => fn([1], null as unknown as undefined), ParameterTypeError, 'options');
      expectError(() => fn([1], 5 as unknown as undefined), ParameterTypeError, 'options');
      expectError(() => fn([1], { maxBitOperations: 0 }), ParameterRangeError, 'options.maxBitOperations');
      expectError(() => fn([1], { maxBitOperations: 1.5 }), ParameterRangeError, 'options.maxBitOperations');
      expectError(() => fn([1], { maxBitOperations: 1e11 }), ParameterRangeError, 'options.maxBitOperations');
      expectError(() => fn([1], { maxBitOperations: '1' as unknown as number }), ParameterTypeError, 'options.maxBitOperations');
    });
  }

  for (const fn of [piP, lambdaP] as const) {
    it(`${fn.name}: invalid options.maxDenominator`, () => {
      expectError(() => fn([1], { maxDenominator: 0 }), ParameterRangeError, 'options.maxDenominator');
      expectError(() => fn([1], { maxDenominator: 2.5 }), ParameterRangeError, 'options.maxDenominator');
      expectError(() => fn([1], { maxDenominator: 1e7 + 1 }), ParameterRangeError, 'options.maxDenominator');
      expectError(() => fn([1], { maxDenominator: Number.NaN }), ParameterRangeError, 'options.maxDenominator');
      expectError(() => fn([1], { maxDenominator: '10' as unknown as number }), ParameterTypeError, 'options.maxDenominator');
    });
  }

  it('maxDenominator decides whether a grid is used', () => {
    const p = [5, 3, 2, 2, 1].map((c) => c / 13);
    expect(piP(p, { maxDenominator: 13 }).method).toBe('grid');
    expect(piP(p, { maxDenominator: 12 }).method).toBe('meet-in-the-middle');
    expect(Math.abs(piP(p, { maxDenominator: 12 }).value - piP(p).value)).toBeLessThanOrEqual(5 * U);
  });

  it('values off the grid by more than 16ε are not read as fractions', () => {
    const p = [0.3, 0.3, 0.4];
    expect(piP(p).method).toBe('grid');
    const q = [0.3 + 1e-13, 0.3, 0.4 - 1e-13];
    expect(piP(q).method).toBe('meet-in-the-middle');
    expect(Math.abs(piP(q).value - (0.4 - 1e-13))).toBeLessThanOrEqual(3 * U);
  });
});
