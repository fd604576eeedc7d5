/**
 * Options and results of {@link exactSafeSyntheticSize} and {@link compareSafeSyntheticSizes}
 * (re-exported by `./index.ts`).
 *
 * @module
 */
import type { IntegerInterval, PaperSafeSyntheticSize, SafeSyntheticSizes } from '../../theory/safe-size.ts';
import type { WorstCaseBound } from './worst-case.ts';

/** Options of {@link exactSafeSyntheticSize}. */
export interface ExactSafeSyntheticSizeOptions {
  /** Tolerated deviation ε ∈ (0, 2]. */
  epsilon: number;
  /** Real samples N ≥ 1. */
  N: number;
  /** Vocabulary size s ≥ 2 (worst case over every p on s tokens); optional when `p` is given. */
  s?: number;
  /** A given initial distribution p (then the answer is for this p only). */
  p?: ArrayLike<number>;
  /**
   * Keep the deviation ≤ ε at every generation m ≤ generations (an integer ≥ 2).
   * Default: every generation (the supremum over m, which is the m → ∞ limit).
   */
  generations?: number;
  /** Integers evaluated exactly on each side of every boundary found (default 2). */
  scanRadius?: number;
  /**
   * Total work limit in estimated multiply-adds (default {@link DEFAULT_SAFE_SIZE_OPERATIONS}):
   * the call is refused up front, with the estimate, when the evaluations it will need exceed it
   * (about ten near the predicted boundary; for finite M the grid up to the certified tail), and
   * the search stops with an {@link ExactComputationTooLargeError} if it runs out.
   */
  maxOperations?: number;
  /**
   * Evaluate every n of the relevant range exactly when the estimated total work is below
   * this many multiply-adds (default 3e8 as estimated, which over-estimates by 2–5×: a fraction of a second); the answer is then certified for every n.
   */
  exhaustiveBudget?: number;
  /**
   * Distribution-free mode only: certify the answer for every p on s tokens (default true). With
   * `false` the answer is for the uniform p alone (`distribution: 'uniform'`), which is NOT the
   * worst case at finite n: use it only to compare.
   */
  certifyWorstCase?: boolean;
}

/** One exact evaluation made by the search. */
export interface SafeSizeEvaluation {
  n: number;
  /** Exact deviation (computed value); the truth lies in [value − rounding, value + error]. */
  value: number;
  error: number;
  safe: boolean;
}

/** Answer of {@link exactSafeSyntheticSize}. */
export interface ExactSafeSyntheticSize {
  /**
   * Largest safe n: null when no n ≥ 1 is safe, `Infinity` when every large n is. In the
   * distribution-free mode it is safe for EVERY p on s tokens (certified by the worst-case upper
   * bound, see `worstCase`), not only for the uniform p, which is not the worst case at finite n.
   */
  maxN: number | null;
  /** The safe set as disjoint increasing intervals (`to` may be `Infinity`), and its maximum. */
  safe: { intervals: IntegerInterval[]; maxN: number | null };
  /**
   * `'exact'`: every n is decided (safe or unsafe); `'bracketed'`: the n in `undecided` could not
   * be decided — either the exact search exceeded `maxOperations` (`certificate.scope` starts with
   * "bracketed:" and gives the reason), or the worst case over p lies between a p that attains
   * `worstCase.lowerBound` and the certified `worstCase.upperBound` and ε falls between them.
   */
  status: 'exact' | 'bracketed';
  /** The n that are neither certified safe for every p nor shown unsafe by some p (empty when `status` is `'exact'`). */
  undecided: IntegerInterval[];
  /**
   * `'given'`: for the p passed; `'worst-case'`: for every p on s tokens; `'uniform'`: for the
   * uniform p only (`certifyWorstCase: false`).
   */
  distribution: 'given' | 'worst-case' | 'uniform';
  /**
   * Both sides of the worst case over p at the end of the first safe interval, with the p attaining
   * the lower side (null for a given p, and when no boundary was decided for every p, e.g. a bracket).
   */
  worstCase: (WorstCaseBound & { n: number; safeForEveryP: boolean; certifiedMaxN: number | null }) | null;
  /** Generation M of the criterion (null: every generation, i.e. the m → ∞ limit). */
  generations: number | null;
  /** Exact evaluations at and around the boundaries (sorted by n). */
  boundary: SafeSizeEvaluation[];
  /** What is certified and what is inferred. */
  certificate: {
    /** Every n ≤ this is safe by the exact second-moment (Jensen) bound, with no evaluation. */
    jensenSafeUpTo: number;
    /** Every n ≥ this is safe by the same bound (finite M only; null otherwise). */
    jensenSafeFrom: number | null;
    /** Integers whose safety was decided by an exact evaluation: the scan windows. */
    scanned: IntegerInterval[];
    /** Pairs (n, n + 1) among evaluated integers where the deviation decreases. */
    decreases: { n: number; from: number; to: number }[];
    /**
     * The n → ∞ limit of the stationary deviation (see {@link exactDeviationLimit}; for the
     * worst case over p it is the uniform p's, exactly). Every n is safe when it is ≤ ε,
     * under the convex-order property stated in `scope` when the second-moment bound does not suffice.
     */
    limit: { value: number; error: number };
    /** Plain statement of what outside the scanned windows rests on. */
    scope: string;
    /** Every n of the relevant range was evaluated (the set is then certified for every n). */
    exhaustive: boolean;
  };
  /** Same question answered by eq. 11 as printed and by Theorem 3's bound. */
  comparison: { eq11: PaperSafeSyntheticSize; theorem3: SafeSyntheticSizes };
  /** Exact deviation evaluations made. */
  evaluations: number;
  /** Multiply-adds spent. */
  operations: number;
}

/** Side-by-side answers to "how much synthetic data can I add?". */
export interface SafeSizeComparison {
  epsilon: number;
  N: number;
  s: number;
  /** eq. 11 as printed (maxN, 0 when none). */
  eq11: number;
  /** Largest n allowed by Theorem 3's bound (null when none). */
  theorem3: number | null;
  /** Largest n whose exact deviation stays ≤ ε (worst p on s tokens, or the given p); Infinity when every large n is. */
  exact: number | null;
  /** The exact safe set, which can have gaps (then `exact` = Infinity does not mean every n). */
  exactSet: IntegerInterval[];
  /** exact / max(theorem3, eq11): how conservative the paper's answer is. */
  factor: number | null;
  /** `'bracketed'` when some n could not be decided (then `exact` is the largest certified-safe n). */
  status: 'exact' | 'bracketed';
  /** The undecided n of a bracketed answer. */
  undecided: IntegerInterval[];
}
