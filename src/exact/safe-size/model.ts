/**
 * The search's model of the deviation near its evaluations: D(n) ≈ κ(n)·J(n) with J the
 * exact second-moment bound and κ = E|X|/sqrt(E X²) (≈ sqrt(2/π) for Gaussian-like counts)
 * varying slowly. It guides the steps of the search and the accuracy of each evaluation;
 * nothing certified rests on it.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { MAX_SEARCH_N, type SearchContext } from './context.ts';
import { jensenBound } from './second-moment-range.ts';

/** κ(n), interpolated linearly in ln n between the two evaluations nearest n. */
export function kappaAt(ctx: SearchContext, n: number): number {
  const { cache, problem } = ctx;
  const pts = [...cache.values()].filter((e) => e.value > 0).sort((a, b) => Math.abs(a.n - n) - Math.abs(b.n - n));
  if (pts.length === 0) return Math.sqrt(2 / Math.PI);
  const k1 = pts[0].value / jensenBound(problem, pts[0].n);
  if (pts.length === 1 || pts[1].n === pts[0].n) return k1;
  const k2 = pts[1].value / jensenBound(problem, pts[1].n);
  const t = (Math.log(n) - Math.log(pts[0].n)) / (Math.log(pts[1].n) - Math.log(pts[0].n));
  const k = k1 + (k2 - k1) * Math.max(-1, Math.min(2, t));
  return k > 0 ? k : k1;
}

/** Predicted deviation at n (null before any evaluation). */
export function predictValue(ctx: SearchContext, n: number): number | null {
  if (ctx.cache.size === 0) return null;
  return kappaAt(ctx, n) * jensenBound(ctx.problem, n);
}

/** Predicted crossing near `near` on the rising (or falling) side of the model. */
export function predict(ctx: SearchContext, near: number, rising = true): number | null {
  if (ctx.cache.size === 0) return null;
  const { epsilon } = ctx.problem;
  // Solve κ(n)·J(n) = ε by bisection in ln n around `near` (the model is monotone locally).
  let a = Math.log(Math.max(1, near / 4));
  let b = Math.log(Math.min(MAX_SEARCH_N, near * 4));
  const g = (t: number): number => (predictValue(ctx, Math.exp(t)) as number) - epsilon;
  if (rising ? g(a) > 0 || g(b) < 0 : g(a) < 0 || g(b) > 0) return null;
  for (let it = 0; it < 60; it++) {
    const m = 0.5 * (a + b);
    if ((g(m) <= 0) === rising) a = m;
    else b = m;
  }
  return Math.exp(0.5 * (a + b));
}
