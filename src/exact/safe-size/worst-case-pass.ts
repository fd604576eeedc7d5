/**
 * From the uniform p's safe set to the distribution-free one. Every n unsafe for the
 * uniform p is unsafe for the worst p; an n safe for the uniform p is safe for every p
 * only when the worst-case upper bound (worst-case.ts) is ≤ ε there, unsafe when the
 * worst p found drifts more than ε, and undecided in between. The pass decides the ends
 * of every interval (stepping inwards until an n is certified, then bisecting), or every n
 * when the range is small; n ≤ upTo (and n ≥ tailFrom) are certified for every p by the
 * second-moment bound A·sqrt(s − 1).
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import type { IntegerInterval } from '../../theory/safe-size.ts';
import type { WorstCaseBound } from './worst-case.ts';

/** The worst-case decision at one n. */
export interface WorstCaseDecision {
  n: number;
  status: 'safe' | 'unsafe' | 'undecided';
  /** The bounds behind it (null when the uniform p alone is unsafe). */
  bound: WorstCaseBound | null;
}

/** What {@link certifyIntervals} needs. */
export interface CertifyRequest {
  /** The uniform p's safe set. */
  intervals: IntegerInterval[];
  /** n ≤ upTo is safe for every p (second-moment bound). */
  upTo: number;
  /** n ≥ tailFrom is safe for every p (finite M; null otherwise). */
  tailFrom: number | null;
  /** Decide every n of an interval part up to this many integers. */
  everyUpTo: number;
  decide: (n: number) => WorstCaseDecision;
}

/** The distribution-free safe set and the n left undecided. */
export interface CertifiedSet {
  intervals: IntegerInterval[];
  undecided: IntegerInterval[];
  /** Every decision made, by n. */
  decisions: Map<number, WorstCaseDecision>;
}

/** Adds [a, b] to a sorted list of disjoint intervals, merging neighbours. */
function push(list: IntegerInterval[], a: number, b: number): void {
  if (b < a) return;
  const last = list[list.length - 1];
  if (last !== undefined && last.to >= a - 1) last.to = Math.max(last.to, b);
  else list.push({ from: a, to: b });
}

/**
 * Steps from `edge` towards `inner` (direction −1: downwards from a right end) until an n is
 * certified safe, then bisects: returns the certified n nearest the edge (or inner ∓ 1 when
 * none) and the proven-unsafe n nearest to it (null when none was found).
 */
function stepInwards(edge: number, inner: number, direction: -1 | 1, decide: (n: number) => WorstCaseDecision): { safe: number; unsafe: number | null } {
  const beyond = inner + direction; // the n just past the part on the inner side (certified by the caller, or not in the set)
  let notSafe = edge;
  let unsafe: number | null = null;
  const note = (n: number, d: WorstCaseDecision): void => {
    if (d.status === 'unsafe' && (unsafe === null || (direction < 0 ? n < unsafe : n > unsafe))) unsafe = n;
  };
  const first = decide(edge);
  if (first.status === 'safe') return { safe: edge, unsafe: null };
  note(edge, first);
  let safe = beyond;
  for (let step = 1; ; step *= 2) {
    const m = edge + direction * step;
    if (direction < 0 ? m < inner : m > inner) break;
    const d = decide(m);
    if (d.status === 'safe') {
      safe = m;
      break;
    }
    note(m, d);
    notSafe = m;
  }
  while (Math.abs(notSafe - safe) > 1) {
    const mid = Math.floor((notSafe + safe) / 2);
    const d = decide(mid);
    if (d.status === 'safe') safe = mid;
    else {
      note(mid, d);
      notSafe = mid;
    }
  }
  return { safe, unsafe };
}

/** The distribution-free safe set from the uniform p's (see the module comment). */
export function certifyIntervals(request: CertifyRequest): CertifiedSet {
  const { upTo, tailFrom, decide } = request;
  const decisions = new Map<number, WorstCaseDecision>();
  const cached = (n: number): WorstCaseDecision => {
    let d = decisions.get(n);
    if (d === undefined) {
      d = decide(n);
      decisions.set(n, d);
    }
    return d;
  };
  const intervals: IntegerInterval[] = [];
  const undecided: IntegerInterval[] = [];
  for (const iv of request.intervals) {
    const lo = Math.max(iv.from, upTo + 1);
    const hi = tailFrom === null ? iv.to : Math.min(iv.to, tailFrom - 1);
    if (lo > hi) {
      push(intervals, iv.from, iv.to);
      continue;
    }
    // The certified parts of the interval: below lo and above hi.
    if (iv.from < lo) push(intervals, iv.from, lo - 1);
    if (!Number.isFinite(hi)) {
      // [lo, ∞) rests on the n → ∞ limit, which the uniform p attains (proved): nothing to decide here.
      push(intervals, lo, hi);
      continue;
    }
    if (hi - lo + 1 <= request.everyUpTo) {
      for (let n = lo; n <= hi; n++) {
        const d = cached(n);
        if (d.status === 'safe') push(intervals, n, n);
        else if (d.status === 'undecided') push(undecided, n, n);
      }
    } else {
      // Right end (rising side) unless the interval runs into the certified tail; left end when it starts after a gap.
      let a = lo;
      let b = hi;
      const leftEnd = iv.from > upTo + 1 && iv.from === lo;
      const rightEnd = hi === iv.to;
      if (rightEnd) {
        const r = stepInwards(hi, lo, -1, cached);
        if (r.safe < hi) push(undecided, r.safe + 1, (r.unsafe ?? hi + 1) - 1);
        b = r.safe;
      }
      if (leftEnd && b >= a) {
        const r = stepInwards(lo, b, 1, cached);
        if (r.safe > lo) push(undecided, (r.unsafe ?? lo - 1) + 1, r.safe - 1);
        a = r.safe;
      }
      if (b >= a) push(intervals, a, b);
    }
    if (iv.to > hi) push(intervals, hi + 1, iv.to);
  }
  undecided.sort((x, y) => x.from - y.from);
  return { intervals, undecided, decisions };
}
