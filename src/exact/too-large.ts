/**
 * The refusal error shared by the exact engines: every request whose estimated cost exceeds
 * its limits is refused up front, before any work, with an {@link ExactComputationTooLargeError}
 * carrying the estimate. The deviation and safe-size engines throw it directly; the
 * collapse-time and second-moment engines throw subclasses (`CollapseCostError`,
 * `SecondMomentsCostError`) that also carry their engine's own estimate.
 *
 * Re-exported by `./deviation/budget.ts` (and from there by the package).
 *
 * @module
 */
import { ParameterRangeError } from '../validate.ts';

/** Throughput used to turn operation counts into seconds (measured on the benchmark machine). */
export const OPERATIONS_PER_SECOND = 4e8;

/**
 * How a subclass states its refusal: the {@link ParameterRangeError} fields (its message is then
 * "`parameter` must be `allowed`; received `value`") and the seconds of its engine's own estimate.
 */
export interface TooLargeRefusal {
  /** The parameter named by the message. */
  parameter: string;
  /** The value received. */
  value: unknown;
  /** What is allowed. */
  allowed: string;
  /** Estimated seconds (default: estimatedOperations / {@link OPERATIONS_PER_SECOND}). */
  estimatedSeconds?: number;
}

/**
 * Thrown when an exact computation would take longer (or more memory) than allowed: a
 * {@link ParameterRangeError} (hence a `RangeError`) carrying the estimate, so the caller can
 * raise the limit knowingly. Every cost refusal of the exact engines is one.
 * Thrown directly, it names `maxOperations` and its message states the estimate, in
 * multiply-adds and seconds, and the limit.
 *
 * @example
 * ```ts ignore
 * exactDeviation({ p: [0.5, 0.5], N: 1e9, n: 1e6 }); // throws ExactComputationTooLargeError
 * ```
 */
export class ExactComputationTooLargeError extends ParameterRangeError {
  /** Estimated multiply-adds. */
  readonly estimatedOperations: number;
  /** The limit in force on the operation count (`Infinity` when the engine sets none). */
  readonly maxOperations: number;
  /** Estimated seconds (at {@link OPERATIONS_PER_SECOND} unless the engine has its own rate). */
  readonly estimatedSeconds: number;
  /**
   * @param what - The refused computation, as the message names it.
   * @param estimatedOperations - Estimated multiply-adds.
   * @param maxOperations - The limit in force.
   * @param refusal - For subclasses: the parameter, value and allowed range the message states instead.
   */
  constructor(what: string, estimatedOperations: number, maxOperations: number, refusal?: TooLargeRefusal) {
    const seconds = refusal?.estimatedSeconds ?? estimatedOperations / OPERATIONS_PER_SECOND;
    const stated = refusal ?? {
      parameter: 'maxOperations',
      value: maxOperations,
      allowed: `at least the ${estimatedOperations.toExponential(2)} multiply-adds of ${what}`,
    };
    super(stated.parameter, stated.value, stated.allowed);
    if (refusal === undefined) {
      this.message =
        `${what} would take about ${estimatedOperations.toExponential(2)} multiply-adds (~${formatSeconds(seconds)} on one core), ` +
        `above maxOperations = ${maxOperations.toExponential(2)}; pass a larger maxOperations to run it anyway`;
    }
    this.name = 'ExactComputationTooLargeError';
    this.estimatedOperations = estimatedOperations;
    this.maxOperations = maxOperations;
    this.estimatedSeconds = seconds;
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds.toPrecision(2)} s`;
  if (seconds < 7200) return `${(seconds / 60).toPrecision(2)} min`;
  if (seconds < 172800) return `${(seconds / 3600).toPrecision(2)} h`;
  return `${(seconds / 86400).toPrecision(2)} days`;
}
