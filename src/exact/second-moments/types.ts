/**
 * The options and results of `exactSecondMoments` and
 * `exactSecondMomentsRational` (S_m = E‖p^(m)‖₂² of eq. 5 schedules,
 * Theorems 1–2 generalised), re-exported by the entry (index.ts).
 *
 * @module
 */
import type { Rational } from '../../numeric/rational.ts';
import type { Schedule } from '../../theory/schedules.ts';
import type { SecondMomentsCost } from './cost.ts';

/** Options of {@link exactSecondMoments}: give exactly one of `S0` and `p`. */
export interface ExactSecondMomentsOptions {
  /** S0 = ‖p‖₂² of the true distribution, in (0, 1]. */
  S0?: number;
  /** The true distribution p (only S0 = Σ p_i² is used: S_m depends on p through S0 alone). */
  p?: ArrayLike<number>;
  /** Last generation M ≥ 1. */
  generations: number;
  /** Also return the matrix C[a][b], 0 ≤ a, b ≤ M (memory (M + 1)²·8 bytes; default false). */
  crossMoments?: boolean;
  /** Refuse when the estimated multiply-adds exceed this (default {@link DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS}). */
  maxOperations?: number;
  /** Refuse when the estimated memory exceeds this many bytes (default 1 GiB). */
  maxBytes?: number;
}

/** Result of {@link exactSecondMoments} (arrays indexed by generation m = 0…M). */
export interface ExactSecondMoments {
  /** S[m] = E‖p^(m)‖₂², S[0] = S0. */
  S: Float64Array;
  /** E‖p^(m) − p^(1)‖₂² = S_m − 2C[1][m] + S_1 (index 0: E‖p − p^(1)‖₂² = S_1 − S0). */
  squaredL2FromFirst: Float64Array;
  /** E‖p^(m) − p‖₂² = S_m − S0 (p^(m) is unbiased, C[0][m] = S0). */
  squaredL2FromInitial: Float64Array;
  /** C[a][b] = E Σ_i p_i^(a) p_i^(b) (C[a][a] = S_a), with `crossMoments: true`; otherwise null. */
  cross: Float64Array[] | null;
  /** S0 used. */
  S0: number;
  /** M. */
  generations: number;
  /** The schedule, normalised. */
  schedule: Schedule;
  /** The engine used and its cost estimate. */
  cost: SecondMomentsCost;
}

/** Options of {@link exactSecondMomentsRational}: give exactly one of `S0` and `p`. */
export interface ExactSecondMomentsRationalOptions {
  /** S0 as an exact rational in (0, 1]. */
  S0?: Rational;
  /** p as exact rationals (≥ 0, summing to exactly 1). */
  p?: readonly Rational[];
  /** Last generation M ≥ 1. */
  generations: number;
  /** Also return the matrix C[a][b] (default false). */
  crossMoments?: boolean;
  /** Refuse when the estimated operations exceed this (default {@link DEFAULT_MAX_RATIONAL_OPERATIONS}). */
  maxOperations?: number;
}

/** Result of {@link exactSecondMomentsRational}: the same quantities as {@link ExactSecondMoments}, exact. */
export interface ExactSecondMomentsRational {
  /** S[m] = E‖p^(m)‖₂², m = 0…M. */
  S: Rational[];
  /** E‖p^(m) − p^(1)‖₂². */
  squaredL2FromFirst: Rational[];
  /** E‖p^(m) − p‖₂² = S_m − S0. */
  squaredL2FromInitial: Rational[];
  /** C[a][b] with `crossMoments: true`, else null. */
  cross: Rational[][] | null;
}
