/**
 * Collapse probabilities: ρ_m = P(‖p^(m)‖∞ = 1) ({@link exactCollapseProbability}, the lazy law
 * of `./law.ts`) and per token, the probabilities of fixation and of loss by generation m
 * ({@link fixationProbabilities}, {@link lossProbabilities}: steps of the banded chain).
 * Re-exported by `./index.ts`.
 *
 * @module
 */
import { absorptionAtZero, stepAffine } from './band.ts';
import { binomialPmf } from './binomial.ts';
import { addTokenRow, buildChain, groupIndex, groupTokens, neumaierDot } from './chain.ts';
import { costOf, defaultIterations, refuseIfTooCostly } from './cost.ts';
import { LazyLaw } from './law.ts';
import { readCommon, readGeneration, readGenerationOrLimit } from './options.ts';
import type { CollapseProbabilityOptions, TokenProbabilityOptions } from './types.ts';

/**
 * ρ_m = P(‖p^(m)‖∞ = 1), the probability that the Fully Synthetic chain has
 * collapsed by generation m (Theorem 1 bounds it, eq. 7), computed exactly
 * by the same lazy law as {@link exactCollapseTime}`(p, { n }).cdf(m)`: steps of the banded
 * chain, ρ_m = Σ_i p_i^n + Σ_{j ≤ m−2} π·Q^j b with b(k) = (k/n)^n (a sum of non-negative
 * terms, absolute truncation error ~1e-20, so a tiny ρ_m is only absolutely accurate), then
 * the certified spectral tail (relative error ≤ 1e-10) past the iteration cap or once certified.
 * ρ_0 is 1 if p is a Dirac mass and 0 otherwise. No linear solve is needed.
 *
 * @param m - generation, integer ≥ 0.
 * @param p - the initial distribution.
 * @param options - `n` (and `tolerance`, `maxBytes`, `maxSeconds`).
 * @example
 * ```ts
 * exactCollapseProbability(1, [0.5, 0.5], { n: 2 }); // => 0.5
 * exactCollapseProbability(3, [0.5, 0.5], { n: 2 }); // => 0.875
 * exactCollapseProbability(0, [1, 0], { n: 5 }); // => 1
 * ```
 */
export function exactCollapseProbability(m: number, p: ArrayLike<number>, options: CollapseProbabilityOptions): number {
  const gen = readGeneration(m);
  const common = readCommon(p, options);
  const groups = groupTokens(common.p);
  const { n } = common;
  if (groups.support === 1) return 1;
  if (gen === 0) return 0;
  if (n === 1) return 1;
  const cap = defaultIterations(costOf(n, common.tolerance).entries);
  refuseIfTooCostly(common, { extraMatvecs: 2 * Math.min(gen, cap), what: 'collapse probability' });
  // the same law as exactCollapseTime(p, { n }).cdf(m): iterated, then the spectral tail
  return new LazyLaw(buildChain(common, groups), cap).at(gen).cdf;
}

/**
 * Per-token collapse probabilities: P(p^(m) = δ_i), the probability that the
 * chain has collapsed onto token i by generation m; with m omitted (or
 * `Infinity`) the limit P(lim p^(m) = δ_i) = p_i of Proposition 1. For finite m
 * it is p_i^n + π_i·f_{m−1} with f_j = Σ_{l<j} Q^l b (b(k) = (k/n)^n) the probability of
 * fixation within j steps, π_i = Bin(n, p_i) on 1..n−1; Σ_i of it is ρ_m.
 *
 * @param p - the initial distribution.
 * @param options - `n`; `m` (integer ≥ 0 or `Infinity`, default `Infinity`).
 * @returns a `Float64Array` of length s.
 * @example
 * ```ts
 * fixationProbabilities([0.5, 0.3, 0.2], { n: 10 }); // => Float64Array [0.5, 0.3, 0.2]
 * fixationProbabilities([0.5, 0.5], { n: 2, m: 1 }); // => Float64Array [0.25, 0.25]
 * fixationProbabilities([0.5, 0.5], { n: 2, m: 2 }); // => Float64Array [0.375, 0.375]
 * ```
 */
export function fixationProbabilities(p: ArrayLike<number>, options: TokenProbabilityOptions): Float64Array {
  return tokenProbabilities(p, options, 'fixed');
}

/**
 * Per-token loss probabilities: P(p_i^(m) = 0), the probability that token i
 * has disappeared by generation m; with m omitted (or `Infinity`) the limit
 * 1 − p_i (Proposition 1). For finite m it is (1 − p_i)^n + π_i·(R f_{m−1}) with R
 * the reflection k ↦ n − k (loss of i is fixation of the other tokens
 * together, and Q commutes with R).
 *
 * @param p - the initial distribution.
 * @param options - `n`; `m` (integer ≥ 0 or `Infinity`, default `Infinity`).
 * @returns a `Float64Array` of length s.
 * @example
 * ```ts
 * lossProbabilities([0.5, 0.3, 0.2], { n: 10 }); // => Float64Array [0.5, 0.7, 0.8]
 * lossProbabilities([0.5, 0.5], { n: 2, m: 1 }); // => Float64Array [0.25, 0.25]
 * lossProbabilities([0.5, 0.5, 0], { n: 3, m: 0 }); // => Float64Array [0, 0, 1]
 * ```
 */
export function lossProbabilities(p: ArrayLike<number>, options: TokenProbabilityOptions): Float64Array {
  return tokenProbabilities(p, options, 'lost');
}

function tokenProbabilities(p: unknown, options: unknown, kind: 'fixed' | 'lost'): Float64Array {
  const common = readCommon(p, options);
  const gen = readGenerationOrLimit((options as TokenProbabilityOptions).m);
  const { n, p: probs } = common;
  const s = probs.length;
  const out = new Float64Array(s);
  const direct = (x: number): number => (kind === 'fixed' ? x : 1 - x);
  if (gen === Infinity) {
    for (let i = 0; i < s; i++) out[i] = direct(probs[i]);
    return out;
  }
  if (gen === 0) {
    for (let i = 0; i < s; i++) out[i] = kind === 'fixed' ? (probs[i] === 1 ? 1 : 0) : probs[i] === 0 ? 1 : 0;
    return out;
  }
  const groups = groupTokens(probs);
  if (n === 1 || groups.support === 1) {
    // p^(1) is already a Dirac mass: token i is chosen with probability p_i.
    for (let i = 0; i < s; i++) out[i] = direct(probs[i]);
    return out;
  }
  refuseIfTooCostly(common, { extraMatvecs: gen, what: 'per-token collapse probabilities' });
  const chain = buildChain(common, groups);
  const { size, band } = chain;
  // f_{gen−1}: cumulative fixation within gen − 1 steps, from each transient state.
  const b = new Float64Array(size);
  for (let i = 0; i < size; i++) b[i] = absorptionAtZero(n, n - i - 1);
  let f = new Float64Array(size);
  let next = new Float64Array(size);
  for (let j = 0; j < gen - 1; j++) {
    stepAffine(band, f, b, next);
    [f, next] = [next, f];
  }
  const scratch = new Float64Array(size);
  const perGroup = new Float64Array(groups.values.length);
  const piRow = new Float64Array(size);
  for (let gi = 0; gi < groups.values.length; gi++) {
    const x = groups.values[gi];
    const xs = kind === 'fixed' ? x : 1 - x; // the law of n − X_i is Bin(n, 1 − p_i)
    piRow.fill(0);
    if (xs > 0 && xs < 1) addTokenRow({ chain, x: xs, out: piRow, scratch });
    const atN = binomialPmf(n, n, xs, 1 - xs);
    perGroup[gi] = Math.min(1, atN + neumaierDot(piRow, f));
  }
  for (let i = 0; i < s; i++) {
    const x = probs[i];
    if (x === 0) out[i] = kind === 'fixed' ? 0 : 1;
    else if (x === 1) out[i] = kind === 'fixed' ? 1 : 0;
    else out[i] = perGroup[groupIndex(groups, x)];
  }
  return out;
}
