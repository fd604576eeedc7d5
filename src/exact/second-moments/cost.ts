/**
 * The cost of `exactSecondMoments` (S_m of eq. 5 schedules, Theorems 1–2
 * generalised): the estimate's shape, the default limits, the refusal error
 * and the check made before any work. The estimates themselves come from each
 * engine's plan (plan.ts).
 *
 * @module
 */
import { ExactComputationTooLargeError } from '../too-large.ts';

/** Which engine a schedule runs on. */
export type SecondMomentsMethod = 'classes' | 'randomSplit' | 'pool';

/** Cost estimate of {@link exactSecondMoments}, checked before any work. */
export interface SecondMomentsCost {
  /** The engine. */
  method: SecondMomentsMethod;
  /** Estimated multiply-adds (an upper estimate). */
  operations: number;
  /** Estimated peak memory in bytes. */
  bytes: number;
  /** Estimated seconds in double arithmetic ({@link SECOND_MOMENTS_RATE} operations per second). */
  seconds: number;
}

/** Multiply-adds per second assumed by the estimate (measured ≈ 1–3·10⁸ for the generic double engine on the 2-core machine). */
export const SECOND_MOMENTS_RATE = 1e8;
/** Default refusal threshold on the operation count (about 30 s at {@link SECOND_MOMENTS_RATE}). */
export const DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS = 3e9;
/** Default refusal threshold on memory: 1 GiB. */
export const DEFAULT_MAX_SECOND_MOMENTS_BYTES: number = 2 ** 30;
/** Default refusal threshold on the operation count of the exact-rational variant (BigInt arithmetic). */
export const DEFAULT_MAX_RATIONAL_OPERATIONS = 2e6;

/**
 * A request of {@link exactSecondMoments} (S_m of eq. 5 schedules, Theorems 1–2
 * generalised) refused up front because its estimated cost exceeds
 * `maxOperations` or `maxBytes`; `estimate` holds the refused estimate. An
 * {@link ExactComputationTooLargeError} (hence a `ParameterRangeError` naming `generations`):
 * `estimatedOperations` and `estimatedSeconds` are the estimate's, `maxOperations` the limit in force.
 *
 * @example
 * ```ts ignore
 * import { randomlySampled } from 'model-collapse';
 * exactSecondMoments(randomlySampled({ n: 10 }), { S0: 0.1, generations: 1e6 }); // throws SecondMomentsCostError
 * ```
 */
export class SecondMomentsCostError extends ExactComputationTooLargeError {
  /** The refused estimate. */
  readonly estimate: SecondMomentsCost;
  /**
   * @param parameter - The parameter named by the message (`generations`).
   * @param value - Its value.
   * @param allowed - What is allowed (the estimate and the limit).
   * @param estimate - The refused estimate.
   * @param maxOperations - The operation limit in force (default: none).
   */
  constructor(parameter: string, value: unknown, allowed: string, estimate: SecondMomentsCost, maxOperations: number = Infinity) {
    super(`exactSecondMoments (${estimate.method} engine)`, estimate.operations, maxOperations, {
      parameter,
      value,
      allowed,
      estimatedSeconds: estimate.seconds,
    });
    this.name = 'SecondMomentsCostError';
    this.estimate = estimate;
  }
}

/** The refusal thresholds of a request (`maxOperations`, `maxBytes`). */
export interface Limits {
  /** Refuse above this many estimated multiply-adds. */
  maxOperations: number;
  /** Refuse above this many estimated bytes. */
  maxBytes: number;
}

/**
 * A {@link SecondMomentsCost} from an engine's operation and byte estimates
 * (seconds at {@link SECOND_MOMENTS_RATE}).
 *
 * @param method - The engine.
 * @param operations - Estimated multiply-adds.
 * @param bytes - Estimated peak bytes.
 * @returns The estimate.
 *
 * @example
 * ```ts
 * finishCost('pool', 2e8, 1024).seconds; // => 2
 * ```
 */
export function finishCost(method: SecondMomentsMethod, operations: number, bytes: number): SecondMomentsCost {
  return { method, operations, bytes, seconds: operations / SECOND_MOMENTS_RATE };
}

/**
 * Throws {@link SecondMomentsCostError} when `cost` exceeds `limits`.
 *
 * @param cost - The estimate.
 * @param limits - `maxOperations` and `maxBytes`.
 * @param generations - M (named by the error).
 * @throws {SecondMomentsCostError} naming `generations` when the estimate exceeds a limit.
 *
 * @example
 * ```ts ignore
 * refuse(finishCost('pool', 1e10, 0), { maxOperations: 3e9, maxBytes: 2 ** 30 }, 1e5); // throws SecondMomentsCostError
 * ```
 */
export function refuse(cost: SecondMomentsCost, limits: Limits, generations: number): void {
  if (cost.operations > limits.maxOperations) {
    throw new SecondMomentsCostError(
      'generations',
      generations,
      `a horizon whose estimated cost fits maxOperations = ${limits.maxOperations.toExponential(2)}; this request needs about ${cost.operations.toExponential(2)} operations (${cost.method} engine, ≈ ${cost.seconds.toPrecision(3)} s): use fewer generations or raise maxOperations`,
      cost,
      limits.maxOperations,
    );
  }
  if (cost.bytes > limits.maxBytes) {
    throw new SecondMomentsCostError(
      'generations',
      generations,
      `a horizon whose estimated memory fits maxBytes = ${limits.maxBytes}; this request needs about ${Math.ceil(cost.bytes)} bytes (${cost.method} engine): use fewer generations, no crossMoments, or raise maxBytes`,
      cost,
      limits.maxOperations,
    );
  }
}
