/**
 * The steps of the safe-size search, on a {@link SearchContext}: locating a boundary between
 * a safe and an unsafe n (model-guided steps safeguarded by bisection), scanning windows of
 * integers exactly, and the geometric grid of the finite-M search.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import { ExactComputationTooLargeError } from '../deviation/budget.ts';
import type { SearchContext } from './context.ts';
import { safeAt } from './evaluate.ts';
import { predict } from './model.ts';
import { guessCrossing } from './second-moment-range.ts';

/**
 * Boundary between a safe `lo` and the first unsafe n above it (null if none up to `limit`).
 * Bracketing from a Gaussian guess, then steps predicted by the model D ≈ κ(n)·J(n) (see
 * `kappaAt`), safeguarded by bisection.
 */
export function firstCrossingUp(ctx: SearchContext, lo: number, limit: number): { lo: number; hi: number } | null {
  const guess = Math.max(lo + 1, Math.min(limit, guessCrossing(ctx.problem)));
  let hi = Infinity;
  let n = guess;
  // Bracket.
  for (;;) {
    const e = safeAt(ctx, n);
    if (e.safe) {
      lo = Math.max(lo, n);
      if (n >= limit) return null;
      n = Math.min(limit, Math.max(n + 1, Math.ceil(predict(ctx, n) ?? 2 * n)));
    } else {
      hi = n;
      break;
    }
  }
  return refine(ctx, lo, hi, true);
}

/** Narrows a bracket (lo, hi) with hi − lo ≥ 1 to adjacent integers; `rising`: lo safe, hi unsafe. */
export function refine(ctx: SearchContext, lo: number, hi: number, rising: boolean): { lo: number; hi: number } {
  let stalls = 0;
  while (hi - lo > 1) {
    let n = predict(ctx, rising ? lo : hi, rising) ?? (lo + hi) / 2;
    if (stalls >= 2) n = (lo + hi) / 2;
    n = Math.round(n);
    if (n <= lo) n = lo + 1;
    if (n >= hi) n = hi - 1;
    const before = hi - lo;
    const e = safeAt(ctx, n);
    if (e.safe === rising) lo = n;
    else hi = n;
    stalls = hi - lo > before / 2 ? stalls + 1 : 0;
  }
  return { lo, hi };
}

/** Evaluates every n in [a, b] ∩ [1, ∞) and records the window in `ctx.scanned`. */
export function scan(ctx: SearchContext, a: number, b: number): void {
  const from = Math.max(1, a);
  if (b < from) return;
  for (let n = from; n <= b; n++) safeAt(ctx, n);
  ctx.scanned.push({ from, to: b });
}

/** {@link scan}, reporting false instead of throwing when the budget runs out. */
export function tryScan(ctx: SearchContext, a: number, b: number): boolean {
  try {
    scan(ctx, a, b);
    return true;
  } catch (error) {
    if (error instanceof ExactComputationTooLargeError) return false;
    throw error;
  }
}

/** Next point of the finite-M grid: ratio 1.1 up to 4N (where lattice effects live), 1.25 beyond. */
export function nextGridPoint(n: number, N: number): number {
  return Math.max(n + 1, Math.floor(n * (n < 4 * N ? 1.1 : 1.25)));
}
