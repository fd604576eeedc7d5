/**
 * The work budget of the exact engines: default limits, the throughput that turns operation
 * counts into seconds, and the error thrown when a computation would exceed its limit.
 *
 * Re-exported by `./index.ts`.
 *
 * @module
 */

/** Default refusal threshold of the exact engines: 6·10^10 multiply-adds (about a minute or two). */
export const DEFAULT_MAX_OPERATIONS = 6e10;

/** Largest N and n accepted (counts stay exact doubles and N·n < 2^53·10^3). */
export const MAX_EXACT_SAMPLES = 1e12;

export { ExactComputationTooLargeError, OPERATIONS_PER_SECOND } from '../too-large.ts';
