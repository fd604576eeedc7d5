/**
 * The safe set as disjoint increasing intervals, assembled from the exact evaluations made
 * and the ranges certified by the second-moment bound.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import type { IntegerInterval } from '../../theory/safe-size.ts';
import type { SafeSizeEvaluation } from './types.ts';

/** What {@link assemble} needs. */
export interface AssembleRequest {
  /** The exact evaluations made, by n. */
  cache: Map<number, SafeSizeEvaluation>;
  /** First n of the set. */
  from: number;
  /** Last n decided by evaluations or inference (beyond it only [tailFrom, ∞) when given). */
  last: number;
  /** Every n ≤ upTo is safe (second-moment bound). */
  upTo: number;
  /** Every n ≥ tailFrom is safe (finite M), else null. */
  tailFrom: number | null;
}

/**
 * The safe set as intervals over [from, last] (and [tailFrom, ∞) when given):
 * an evaluated n as decided; else n ≤ upTo or n ≥ tailFrom (certified by the
 * second-moment bound) safe; else the decision of the nearest evaluated n below
 * it (safe if none) — the trend the search assumes between evaluations.
 */
export function assemble(request: AssembleRequest): IntegerInterval[] {
  const { cache, from, last, upTo, tailFrom } = request;
  const evaluatedNs = [...cache.keys()].sort((a, b) => a - b);
  const isSafe = (n: number): boolean => {
    const e = cache.get(n);
    if (e !== undefined) return e.safe;
    if (n <= upTo) return true;
    if (tailFrom !== null && n >= tailFrom) return true;
    let below: boolean | null = null;
    for (const m of evaluatedNs) {
      if (m > n) break;
      if (m > upTo) below = (cache.get(m) as SafeSizeEvaluation).safe;
    }
    return below ?? true;
  };
  const end = tailFrom === null ? last : Math.max(last, tailFrom);
  const points = new Set<number>([from, upTo, upTo + 1, end]);
  for (const n of evaluatedNs) for (const k of [n - 1, n, n + 1]) points.add(k);
  if (tailFrom !== null) {
    points.add(tailFrom - 1);
    points.add(tailFrom);
  }
  const sorted = [...points].filter((n) => n >= from && n <= end).sort((a, b) => a - b);
  const out: IntegerInterval[] = [];
  let current: IntegerInterval | null = null;
  let previous = from - 1;
  for (const n of sorted) {
    if (previous + 1 <= n - 1) current = extend(out, current, previous + 1, n - 1, isSafe(previous + 1));
    current = extend(out, current, n, n, isSafe(n));
    previous = n;
  }
  if (tailFrom !== null && current !== null && current.to === end) current.to = Infinity;
  return out;
}

function extend(out: IntegerInterval[], current: IntegerInterval | null, a: number, b: number, safe: boolean): IntegerInterval | null {
  if (!safe) return null;
  if (current !== null && current.to === a - 1) {
    current.to = b;
    return current;
  }
  const iv = { from: a, to: b };
  out.push(iv);
  return iv;
}
