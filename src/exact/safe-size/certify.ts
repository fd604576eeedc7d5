/**
 * The worst-case pass wiring of the distribution-free mode: the search runs at the uniform p
 * (its unsafe n are unsafe for every p); each n it finds safe is then decided for every p on
 * s tokens by the certified upper bound of worst-case.ts (reusing the per-count bounds of the
 * evaluation at n) against the most drifting p found, and worst-case-pass.ts certifies the
 * uniform p's intervals with these decisions.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import type { IntegerInterval } from '../../theory/safe-size.ts';
import { cutoffsFor, estimateTokenOperations, iterationsFor } from '../deviation/cost.ts';
import { jensenCoefficient } from '../deviation/second-moment.ts';
import type { Problem, SearchContext } from './context.ts';
import type { CountDeviations } from './count-deviations.ts';
import { safeAt } from './evaluate.ts';
import type { ExactSafeSyntheticSize } from './types.ts';
import { worstCaseBound, type WorstCaseBound } from './worst-case.ts';
import { certifyIntervals, type WorstCaseDecision } from './worst-case-pass.ts';

/** Per-count bounds already computed by the evaluation at n, as a contiguous block. */
function reuseFor(problem: Problem, n: number): CountDeviations | null {
  const list = problem.lastCounts.get(n);
  if (list === undefined || list.length === 0) return null;
  const from = Math.min(...list.map((e) => e.c));
  const to = Math.max(...list.map((e) => e.c));
  const lo = new Float64Array(to - from + 1).fill(NaN);
  const hi = new Float64Array(to - from + 1).fill(NaN);
  for (const e of list) {
    lo[e.c - from] = e.lo;
    hi[e.c - from] = e.hi;
  }
  return { from, lo, hi, operations: 0 };
}

/** Both sides of the worst case over p at n, to an accuracy set by the margin ε − `knownValue`. */
function boundAt(ctx: SearchContext, n: number, knownValue: number): WorstCaseBound {
  const { problem, stats, s } = ctx;
  const { N, M, epsilon, maxOperations } = problem;
  // Per-token accuracy: a fraction of the margin ε − D(n) for the most drifting p known (fine near 1/s, coarse elsewhere).
  const margin = Math.max(Math.abs(epsilon - knownValue), epsilon * 1e-12);
  const target = (0.25 * margin) / s;
  const tau = Math.max(1e-300, 0.1 * target);
  const iterations = iterationsFor(N, n, 1 / s, tau);
  const cutoffs = cutoffsFor(tau, n, Math.max(iterations, M ?? 0));
  const bound = worstCaseBound({
    N,
    n,
    M,
    s,
    tolerance: tau,
    cutoffs,
    coarseTolerance: (c) => Math.max(tau, 1e-3 * jensenCoefficient(N, n, M) * Math.sqrt((c / N) * (1 - c / N))),
    estimateCount: (c) => estimateTokenOperations(N, n, c / N, M ?? 0, M === null, tau) / Math.max(1, Math.min(N + 1, 20 * Math.sqrt(c) + 101)),
    reuse: reuseFor(problem, n),
    budget: Math.max(0, maxOperations - stats.estimated),
    targetGapPerToken: target,
  });
  stats.operations += bound.operations;
  stats.estimated += bound.operations;
  return bound;
}

/** The decision at n for every p on s tokens. */
export function decide(ctx: SearchContext, n: number): WorstCaseDecision {
  const { epsilon } = ctx.problem;
  const e = safeAt(ctx, n);
  if (!e.safe) return { n, status: 'unsafe', bound: null };
  let bound = boundAt(ctx, n, e.value);
  // Undecided: tighten to the margin left by the worst p found, a few times.
  for (let attempt = 0; attempt < 3 && bound.upperBound > epsilon && bound.lowerBound <= epsilon; attempt++) {
    const tighter = boundAt(ctx, n, bound.lowerBound);
    if (tighter.upperBound - tighter.lowerBound >= bound.upperBound - bound.lowerBound) break;
    bound = tighter;
  }
  if (bound.upperBound <= epsilon) return { n, status: 'safe', bound };
  if (bound.lowerBound > epsilon) return { n, status: 'unsafe', bound };
  return { n, status: 'undecided', bound };
}

/** The decision at n for the question asked: for every p on s tokens when `everyP`, else for the search's p alone. */
export function decideAt(ctx: SearchContext, n: number, everyP: boolean): 'safe' | 'unsafe' | 'undecided' {
  return everyP ? decide(ctx, n).status : safeAt(ctx, n).safe ? 'safe' : 'unsafe';
}

/** The distribution-free answer: the uniform p's set certified for every p, and the bounds to report. */
export interface CertifiedWorstCase {
  intervals: IntegerInterval[];
  undecided: IntegerInterval[];
  worstCase: ExactSafeSyntheticSize['worstCase'];
}

/**
 * Certifies the uniform p's safe set (an outer bound) for every p on s tokens, and picks the
 * bounds to report: at the end of the first safe interval (how much synthetic data can be
 * added before the first unsafe n), else at the largest decided n below it.
 */
export function certifyWorstCase(ctx: SearchContext, found: { intervals: IntegerInterval[]; exhaustive: boolean }): CertifiedWorstCase {
  const { problem, upTo, safeFrom } = ctx;
  const certified = certifyIntervals({
    intervals: found.intervals,
    upTo,
    tailFrom: problem.M === null ? null : Number.isFinite(safeFrom as number) ? (safeFrom as number) : null,
    everyUpTo: found.exhaustive ? 400 : 0,
    decide: (n) => decide(ctx, n),
  });
  const intervals = certified.intervals;
  const top = intervals.length === 0 ? null : intervals[intervals.length - 1].to;
  const firstEnd = intervals.length === 0 ? 0 : intervals[0].to;
  let reported: WorstCaseDecision | null = null;
  for (const d of certified.decisions.values()) {
    if (d.bound === null || d.n > firstEnd) continue;
    if (reported === null || d.n > reported.n) reported = d;
  }
  if (reported === null) for (const d of certified.decisions.values()) if (d.bound !== null && (reported === null || d.n < reported.n)) reported = d;
  let worstCase: ExactSafeSyntheticSize['worstCase'] = null;
  if (reported !== null && reported.bound !== null) {
    worstCase = { ...reported.bound, n: reported.n, safeForEveryP: reported.status === 'safe', certifiedMaxN: top };
  }
  return { intervals, undecided: certified.undecided, worstCase };
}
