/**
 * The state of one safe-size search, passed explicitly to every part of it: the problem
 * (token groups, N, M, ε, budget), the work done, the exact evaluations made so far and
 * the settings and certified ranges the search works within.
 *
 * Internal to `src/exact/`.
 *
 * @module
 */
import type { IntegerInterval } from '../../theory/safe-size.ts';
import { MAX_EXACT_SAMPLES } from '../deviation/budget.ts';
import type { SafeSizeEvaluation } from './types.ts';

/** Largest n the search considers. */
export const MAX_SEARCH_N: number = MAX_EXACT_SAMPLES;

export interface Problem {
  /** Per-count results of the latest evaluation at each n (one distinct value only), reused by the worst-case certificate. */
  lastCounts: Map<number, { c: number; lo: number; hi: number }[]>;
  values: number[];
  counts: number[];
  /** n → ∞ limit of the stationary deviation. */
  limit: number;
  /** Σ_i sqrt(p_i(1 − p_i)). */
  spread: number;
  N: number;
  M: number | null;
  epsilon: number;
  maxOperations: number;
}

/** Work accounting of one search. */
export interface Stats {
  evaluations: number;
  /** Multiply-adds actually spent. */
  operations: number;
  /** Sum of the up-front estimates of the evaluations made (what the budget is charged). */
  estimated: number;
}

/** Everything one search shares between its parts. */
export interface SearchContext {
  problem: Problem;
  stats: Stats;
  /** The exact evaluations made, by n. */
  cache: Map<number, SafeSizeEvaluation>;
  /**
   * Whether the search's model of the deviation (model.ts) sets the accuracy of each new
   * evaluation: off until the search proper starts (after the up-front refusal), so a bracket
   * that follows a refusal evaluates without it.
   */
  predictive: boolean;
  /** Vocabulary size s. */
  s: number;
  /** The n → ∞ limit of the stationary deviation, with its certified error. */
  limit: { value: number; error: number };
  /** sup over n and m of the exact second-moment bound (the deviation grows with m). */
  supBound: number;
  /** Integers evaluated exactly on each side of every boundary found. */
  scanRadius: number;
  /** Evaluate the whole relevant range when its estimated work is below this. */
  exhaustiveBudget: number;
  /** Every n ≤ upTo is safe by the second-moment bound. */
  upTo: number;
  /** Every n ≥ safeFrom is safe by the same bound (finite M; null otherwise). */
  safeFrom: number | null;
  /** The scan windows evaluated so far (`certificate.scanned`). */
  scanned: IntegerInterval[];
}

/** The safe set a search found, before the closure scan and the worst-case pass. */
export interface SearchOutcome {
  intervals: IntegerInterval[];
  /** Plain statement of what the set rests on (`certificate.scope`). */
  scope: string;
  /** Every n of the relevant range was evaluated. */
  exhaustive: boolean;
}
