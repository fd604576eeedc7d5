/**
 * The safe set when the exact search would exceed its work limit: a certified bracket
 * instead of a refusal. Certified safe: n ≤ upTo (and n ≥ safeFrom for finite M) by the exact
 * second-moment bound. Certified unsafe: every n where an exact evaluation was unsafe, and
 * every n where the closed-form first-synthetic-generation drift D_2(n) (first-step.ts, a lower
 * bound at every generation) exceeds ε. The gap between is narrowed by exact decisions while
 * the budget lasts (bisection, the deviation's upward trend assumed between decided n, as in the
 * full search); what remains is `undecided`.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import type { IntegerInterval } from '../../theory/safe-size.ts';
import { ExactComputationTooLargeError } from '../deviation/budget.ts';
import { firstStepDeviation } from './first-step.ts';

/** What {@link bracket} needs. */
export interface BracketRequest {
  /** Distinct token values and multiplicities (the uniform p in the distribution-free mode: its unsafe n are unsafe for every p). */
  values: readonly number[];
  counts: readonly number[];
  N: number;
  epsilon: number;
  /** n ≤ upTo is certified safe. */
  upTo: number;
  /** n ≥ safeFrom is certified safe (finite M), else null. */
  safeFrom: number | null;
  /** Largest n considered. */
  maxN: number;
  /** Exact evaluations already made: the unsafe ones are certified unsafe. */
  evaluations: Iterable<{ n: number; safe: boolean }>;
  /** Exact decision at n for the question asked; may throw ExactComputationTooLargeError. */
  decide: (n: number) => 'safe' | 'unsafe' | 'undecided';
  /** Why the full search did not run. */
  reason: string;
}

/** A bracketed answer. */
export interface Bracket {
  intervals: IntegerInterval[];
  undecided: IntegerInterval[];
  scope: string;
}

/** Smallest n in (lo, hi] with test(n) true, on a geometric grid then by bisection (null if none on the grid). */
function firstTrue(lo: number, hi: number, test: (n: number) => boolean): number | null {
  let previous = lo;
  for (let n = lo + 1; n <= hi; n = Math.min(hi, Math.max(n + 1, Math.floor(n * 1.25)))) {
    if (test(n)) {
      let a = previous;
      let b = n;
      while (b - a > 1) {
        const mid = Math.floor(a + (b - a) / 2);
        if (test(mid)) b = mid;
        else a = mid;
      }
      return b;
    }
    previous = n;
    if (n === hi) break;
  }
  return null;
}

/**
 * A certified bracket of the safe set (see the module comment).
 *
 * @example
 * ```ts
 * const b = bracket({ values: [0.5], counts: [2], N: 10, epsilon: 0.1, upTo: 1, safeFrom: null, maxN: 1e6, evaluations: [],
 *   decide: () => 'undecided', reason: 'example' });
 * b.intervals; // => [{ from: 1, to: 1 }]
 * b.undecided; // => [{ from: 2, to: 2 }]
 * ```
 */
export function bracket(request: BracketRequest): Bracket {
  const { values, counts, N, epsilon, upTo, safeFrom, maxN, decide } = request;
  const lower = (n: number): number => firstStepDeviation(values, counts, N, n);
  const hiLimit = safeFrom !== null ? Math.min(maxN, safeFrom - 1) : maxN;
  let a = upTo;
  let bEval: number | null = null;
  let cEval: number | null = null;
  for (const e of request.evaluations) {
    if (e.safe || e.n <= a || e.n > hiLimit) continue;
    if (bEval === null || e.n < bEval) bEval = e.n;
    if (cEval === null || e.n > cEval) cEval = e.n;
  }
  const bLow = firstTrue(a, Math.min(hiLimit, bEval ?? hiLimit), (n) => lower(n) > epsilon);
  let b: number | null = bLow === null ? bEval : bEval === null ? bLow : Math.min(bLow, bEval);
  let exhausted = false;
  /** The exact decision at n, or null once the budget is spent. */
  const attempt = (n: number): 'safe' | 'unsafe' | 'undecided' | null => {
    try {
      return decide(n);
    } catch (error) {
      if (!(error instanceof ExactComputationTooLargeError)) throw error;
      exhausted = true;
      return null;
    }
  };
  if (b === null) {
    // No certified unsafe n yet: probe upwards with exact decisions (doubling) while the budget lasts.
    for (let n = Math.max(2 * a, a + 1); n <= hiLimit; n = 2 * n) {
      const d = attempt(n);
      if (d === 'safe') a = n;
      else {
        if (d === 'unsafe') b = n;
        break;
      }
    }
  }
  // Narrow with exact decisions while the budget lasts.
  if (b !== null) {
    let hi: number = b;
    while (hi - a > 1) {
      const mid: number = a >= 1 ? Math.max(a + 1, Math.min(hi - 1, Math.floor(Math.sqrt(a * hi)))) : Math.floor((a + hi) / 2);
      const d = attempt(mid);
      if (d === 'safe') a = mid;
      else if (d === 'unsafe') hi = mid;
      else break;
    }
    b = hi;
  }
  const intervals: IntegerInterval[] = a >= 1 ? [{ from: 1, to: a }] : [];
  const undecided: IntegerInterval[] = [];
  let unsafeTo: number | null = null;
  /** Start of the safe tail: the certified one, or lower once exact decisions moved it. */
  let tail: number | null = safeFrom;
  // Past the last n considered and below the certified tail nothing is decided either.
  const lastOpen = safeFrom !== null ? safeFrom - 1 : Infinity;
  if (b === null) {
    if (a + 1 <= lastOpen) undecided.push({ from: a + 1, to: lastOpen });
  } else {
    if (a + 1 <= b - 1) undecided.push({ from: a + 1, to: b - 1 });
    if (safeFrom !== null) {
      // The falling side: the largest certified-unsafe n below the certified tail.
      let c = Math.max(b, cEval ?? b);
      for (let n = hiLimit; n > c; n = Math.min(n - 1, Math.floor(n / 1.25))) {
        if (lower(n) > epsilon) {
          c = n;
          break;
        }
      }
      // Narrow the falling side too, while the budget lasts (the deviation falls with n there: a safe
      // n is taken to stay safe up to the certified tail).
      if (Number.isFinite(safeFrom)) {
        let hi = safeFrom;
        while (hi - c > 1 && !exhausted) {
          const mid = Math.max(c + 1, Math.min(hi - 1, Math.floor(Math.sqrt(c * hi))));
          const d = attempt(mid);
          if (d === 'safe') hi = mid;
          else if (d === 'unsafe') c = mid;
          else break;
        }
        tail = hi;
      }
      unsafeTo = c;
      const end = (tail ?? Infinity) - 1;
      if (c + 1 <= end) undecided.push({ from: c + 1, to: end });
    }
  }
  if (tail !== null && Number.isFinite(tail)) intervals.push({ from: tail, to: Infinity });
  const scope =
    `bracketed: the exact search exceeds the work limit (${request.reason.replace(/\s+/g, ' ')}). ` +
    `n ≤ ${upTo} ${safeFrom !== null && Number.isFinite(safeFrom) ? `and n ≥ ${safeFrom} are` : 'is'} certified safe by the exact second-moment bound` +
    (tail !== null && safeFrom !== null && tail < safeFrom ? `, n ≥ ${tail} by exact evaluations on the falling side (the deviation taken to fall with n up to ${safeFrom})` : '') +
    (a > upTo ? `, and n ≤ ${a} by exact evaluations (the deviation's upward trend assumed between them)` : '') +
    (b !== null
      ? `; n = ${b}${unsafeTo !== null && unsafeTo > b ? ` to ${unsafeTo}` : ''} is certified unsafe (an exact evaluation, or the closed-form drift of the first synthetic generation, a lower bound at every generation, above ε)`
      : '; no n was certified unsafe') +
    `; the n in between are undecided${exhausted ? ' (the budget ran out while narrowing)' : ''}. Pass a larger maxOperations to narrow the bracket.`;
  return { intervals, undecided, scope };
}
