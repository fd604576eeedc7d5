/**
 * The ranges of n certified safe without computing the deviation: the exact second moment
 * gives the rigorous (Jensen) bound A_M(n)·Σ_i sqrt(p_i(1 − p_i)) on the deviation at n,
 * increasing in n for the limit (and up to n ≈ N for finite M), decreasing beyond N for
 * finite M. Also the search's first guess of the crossing, from the same second moment.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { jensenCoefficient } from '../deviation/second-moment.ts';
import { MAX_SEARCH_N, type Problem } from './context.ts';

/** A_M(n)·Σ sqrt(p_i(1 − p_i)): rigorous upper bound on the deviation at n. */
export function jensenBound(problem: Problem, n: number): number {
  return jensenCoefficient(problem.N, n, problem.M) * problem.spread;
}

/** Largest n ≥ 0 with jensenBound(n) ≤ ε when the bound increases in n (M = null), else 0. */
export function jensenSafeUpTo(problem: Problem, limit: number): number {
  if (jensenBound(problem, 1) > problem.epsilon) return 0;
  // A_∞(n) is increasing in n; A_M(n) increases up to n ≈ N at least — use the certified monotone part only.
  let lo = 1;
  let hi = 2;
  const monotoneLimit = problem.M === null ? limit : Math.min(limit, problem.N);
  while (hi <= monotoneLimit && jensenBound(problem, hi) <= problem.epsilon) {
    lo = hi;
    hi *= 2;
  }
  if (hi > monotoneLimit) {
    if (jensenBound(problem, monotoneLimit) <= problem.epsilon) return monotoneLimit;
    hi = monotoneLimit;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (jensenBound(problem, mid) <= problem.epsilon) lo = mid;
    else hi = mid;
  }
  if (problem.M !== null) {
    // For finite M, A_M(n)² = n(1−1/N)(1−β^{M−1})/(1−β)/(N+n)²: both factors n/(N+n)² and
    // (1−β^{M−1})/(1−β) (β increasing in n) increase on n ≤ N, so the bound is monotone there.
    return Math.min(lo, problem.N);
  }
  return lo;
}

/** Smallest n ≥ N from which the finite-M Jensen bound stays ≤ ε (it decreases there). */
export function jensenSafeFrom(problem: Problem): number {
  const { N, M, epsilon, spread } = problem;
  const m = M as number;
  // A_M(n)² ≤ (1 − 1/N)(M − 1)·n/(N + n)², decreasing for n ≥ N.
  const bound = (n: number): number => Math.sqrt(((1 - 1 / N) * (m - 1) * n) / ((N + n) * (N + n))) * spread;
  let lo = N;
  if (bound(lo) <= epsilon) return lo;
  let hi = 2 * N;
  while (bound(hi) > epsilon) {
    lo = hi;
    hi *= 2;
    // Beyond 2^52 the bisection below cannot split [lo, hi] in doubles (and no search goes there).
    if (hi > 2 ** 52) return Infinity;
  }
  while (hi - lo > 1) {
    const mid = Math.floor(lo + (hi - lo) / 2);
    if (bound(mid) <= epsilon) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Guess of the first crossing: the deviation scaled like the root of the stationary second
 * moment, D(n) ≈ L·sqrt(V(n)/V(∞)) with L the n → ∞ limit and V(n)/V(∞) = n(2N + 1)/(N² + 2Nn + n).
 */
export function guessCrossing(problem: Problem): number {
  const { N, epsilon, limit } = problem;
  const r = (epsilon / limit) ** 2;
  if (!(r < 1)) return MAX_SEARCH_N;
  return Math.max(1, Math.min(MAX_SEARCH_N, Math.round((r * N * N) / ((2 * N + 1) * (1 - r)))));
}
