/**
 * Option validation of the exact collapse-time engine: the options every entry point reads
 * (`n`, `tolerance`, `maxBytes`, `maxSeconds`), the generation `m` and the iteration cap of
 * the lazy law. Each check throws a typed error naming the parameter. Internal to `src/exact/`.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, checkProbabilityVector } from '../../validate.ts';
import type { Common } from './chain.ts';

/** The options every entry point reads. */
interface CommonOptions {
  n: number;
  tolerance?: number;
  maxBytes?: number;
  maxSeconds?: number;
}

/** Default target of the certified relative truncation error. */
export const DEFAULT_TOLERANCE = 1e-12;
/** Default memory limit: 8 GiB. */
export const DEFAULT_MAX_BYTES: number = 8 * 1024 ** 3;
/** Default time limit in seconds. */
export const DEFAULT_MAX_SECONDS = 900;

/** The tolerance option: {@link DEFAULT_TOLERANCE} when omitted, else a number in [1e-15, 1e-3]. */
export function readTolerance(tolerance: unknown): number {
  return tolerance === undefined ? DEFAULT_TOLERANCE : checkNumber('tolerance', tolerance, { min: 1e-15, max: 1e-3 });
}

/** Checks p and the common options `n`, `tolerance`, `maxBytes`, `maxSeconds` (in this order). */
export function readCommon(p: unknown, options: unknown): Common {
  const probabilities = checkProbabilityVector('p', p);
  const o = checkOptions<CommonOptions>('options', options);
  const n = checkInteger('n', o.n, { min: 1 });
  const tolerance = readTolerance(o.tolerance);
  const maxBytes =
    o.maxBytes === undefined ? DEFAULT_MAX_BYTES : checkNumber('maxBytes', o.maxBytes, { min: 0, minExclusive: true });
  const maxSeconds =
    o.maxSeconds === undefined
      ? DEFAULT_MAX_SECONDS
      : checkNumber('maxSeconds', o.maxSeconds, { min: 0, minExclusive: true });
  return { p: probabilities, n, tolerance, maxBytes, maxSeconds };
}

/** A generation m: an integer ≥ 0. */
export function readGeneration(m: unknown): number {
  return checkInteger('m', m, { min: 0 });
}

/** The generation option of the per-token probabilities: omitted or `Infinity` is the limit m → ∞. */
export function readGenerationOrLimit(m: unknown): number {
  return m === undefined || m === Infinity ? Infinity : readGeneration(m);
}

/** The `maxIterations` option of the lazy law: `fallback` when omitted, else an integer ≥ 0. */
export function readMaxIterations(maxIterations: unknown, fallback: number): number {
  return maxIterations === undefined ? fallback : checkInteger('maxIterations', maxIterations, { min: 0 });
}
