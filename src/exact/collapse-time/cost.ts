/**
 * The cost of the exact collapse-time engine, estimated before any work: the band of Q
 * (entries, LU multiply-adds, half-width), memory and seconds; the refusal error
 * {@link CollapseCostError} and the check every entry point makes; the default iteration cap
 * of the lazy law. Internal to `src/exact/` except for what `./index.ts` re-exports.
 *
 * @module
 */
import { checkInteger, checkOptions } from '../../validate.ts';
import { ExactComputationTooLargeError } from '../too-large.ts';
import { bandShape } from './band.ts';
import { bandExponent, LAW_BUDGET, LU_RATE, MATVEC_RATE, MAX_ENTRIES } from './chain.ts';
import type { Common } from './chain.ts';
import { readTolerance } from './options.ts';

/** Cost of the exact computation, estimated before running it. */
export interface CollapseTimeCost {
  /** Sample size n. */
  n: number;
  /** Stored entries of the band of Q. */
  entries: number;
  /** Multiply-adds of the banded LU factorisation. */
  luOperations: number;
  /** Largest band half-width. */
  halfWidth: number;
  /** Estimated peak memory in bytes (Q and its factorisation, 8 bytes per entry each, plus vectors). */
  bytes: number;
  /** Estimated seconds for E[T] and Var T on this machine class (≈ 2·10⁹ multiply-adds/s). */
  seconds: number;
  /** Whether the entries were counted exactly (n ≤ 10⁶) or from the Gaussian-width formula. */
  exact: boolean;
}

/**
 * Thrown when a requested exact computation would exceed the memory or time limits
 * (an {@link ExactComputationTooLargeError}, hence a {@link ParameterRangeError} on `n`,
 * carrying the refused estimate). Its `estimatedOperations` and `maxOperations` are the
 * estimated seconds and `maxSeconds` at the engine's LU rate (multiply-adds), so
 * `estimatedOperations > maxOperations` exactly when the time limit refused the request.
 *
 * @example
 * ```ts ignore
 * exactCollapseTime([0.5, 0.5], { n: 1e7 }); // throws CollapseCostError
 * ```
 */
export class CollapseCostError extends ExactComputationTooLargeError {
  /** The estimate that was refused. */
  readonly estimate: CollapseTimeCost;
  /**
   * @param parameter - The parameter named by the message (`n`).
   * @param value - Its value.
   * @param allowed - What is allowed (the estimate and the limits).
   * @param estimate - The refused estimate.
   * @param maxSeconds - The time limit in force (default: none).
   */
  constructor(parameter: string, value: unknown, allowed: string, estimate: CollapseTimeCost, maxSeconds: number = Infinity) {
    super('the exact collapse-time computation', estimate.seconds * LU_RATE, maxSeconds * LU_RATE, {
      parameter,
      value,
      allowed,
      estimatedSeconds: estimate.seconds,
    });
    this.name = 'CollapseCostError';
    this.estimate = estimate;
  }
}

/**
 * Estimated cost of {@link exactCollapseTime} at sample size n (the band of Q
 * depends on n and the tolerance only): stored entries, LU multiply-adds,
 * memory and seconds. Exact band counts for n ≤ 10⁶ (O(n log n) to count),
 * the Gaussian-width formula beyond. Used to refuse requests up front.
 *
 * @param n - sample size, integer ≥ 1.
 * @param options - `tolerance` (default 1e-12).
 * @example
 * ```ts
 * const c = exactCollapseTimeCost(10000);
 * c.halfWidth; // => 473
 * c.bytes < 2e8; // => true
 * exactCollapseTimeCost(1e7).seconds > 1e6; // => true
 * ```
 */
export function exactCollapseTimeCost(n: number, options: { tolerance?: number } = {}): CollapseTimeCost {
  checkInteger('n', n, { min: 1 });
  const o = checkOptions<{ tolerance?: number }>('options', options);
  return costOf(n, readTolerance(o.tolerance));
}

/** The estimate at sample size n and a validated tolerance. */
export function costOf(n: number, tolerance: number): CollapseTimeCost {
  if (n <= 2) return { n, entries: n - 1, luOperations: 0, halfWidth: 0, bytes: 64 * n, seconds: 0, exact: true };
  const L = bandExponent(n, tolerance);
  let entries: number;
  let luOps: number;
  let halfWidth: number;
  let exact: boolean;
  if (n <= 1e6) {
    const shape = bandShape(n, L);
    entries = shape.entries;
    luOps = shape.luOps;
    halfWidth = shape.halfWidth;
    exact = true;
  } else {
    // half-width ≈ c·σ_k, σ_k = sqrt(k(n − k)/n); Σσ_k ≈ n^1.5·π/8, Σσ_k² ≈ n²/6.
    const c = Math.sqrt(2 * L) * 1.02;
    entries = 2 * c * Math.pow(n, 1.5) * (Math.PI / 8) + n;
    luOps = (c * c * n * n) / 6;
    halfWidth = Math.ceil((c * Math.sqrt(n)) / 2);
    exact = false;
  }
  const bytes = 16 * entries + 12 * 8 * n;
  const seconds = luOps / LU_RATE + (10 * entries) / MATVEC_RATE + 40e-9 * entries;
  return { n, entries, luOperations: luOps, halfWidth, bytes, seconds, exact };
}

/** What a request adds to the estimate of {@link costOf}, and how the refusal names it. */
export interface Request {
  /** Matrix-vector products beyond the solve (steps of the chain). */
  extraMatvecs: number;
  /** The computation, as the refusal names it ("collapse-time moments"). */
  what: string;
}

/**
 * The estimate of a request; throws {@link CollapseCostError} when it exceeds `maxBytes`,
 * `maxSeconds` or the largest storable band.
 */
export function refuseIfTooCostly(common: Common, { extraMatvecs, what }: Request): CollapseTimeCost {
  const cost = costOf(common.n, common.tolerance);
  const seconds = cost.seconds + (extraMatvecs * cost.entries) / MATVEC_RATE;
  const estimate = { ...cost, seconds };
  const gib = (cost.bytes / 1024 ** 3).toPrecision(3);
  if (cost.bytes > common.maxBytes || seconds > common.maxSeconds || cost.entries > MAX_ENTRIES) {
    throw new CollapseCostError(
      'n',
      common.n,
      `small enough for the exact ${what} (estimated ${gib} GiB and ${seconds.toPrecision(3)} s; ` +
        `limits ${(common.maxBytes / 1024 ** 3).toPrecision(3)} GiB and ${common.maxSeconds} s, ` +
        `raise maxBytes/maxSeconds or use approximateCollapseTime)`,
      estimate,
      common.maxSeconds,
    );
  }
  return estimate;
}

/** Default iteration cap of the lazy law: as many steps as {@link LAW_BUDGET} multiply-adds allow. */
export function defaultIterations(entries: number): number {
  return Math.max(16, Math.floor(LAW_BUDGET / (2 * Math.max(1, entries))));
}
