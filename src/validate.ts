/**
 * Argument checks shared by every public function.
 *
 * Every check throws a {@link ParameterRangeError} (a `RangeError`) or a
 * {@link ParameterTypeError} (a `TypeError`) whose message names the parameter,
 * the value received and what is allowed, e.g.
 * `n must be an integer >= 1; received 2.5`.
 *
 * @module
 */

/** A value of the right type outside the allowed range (e.g. `n = 0`, `S0 = 1.5`). */
export class ParameterRangeError extends RangeError {
  /** Name of the offending parameter, as in the function's signature (e.g. `"S0"`). */
  readonly parameter: string;
  /** The value received. */
  readonly value: unknown;
  /** Human-readable description of what is allowed. */
  readonly allowed: string;
  constructor(parameter: string, value: unknown, allowed: string) {
    super(`${parameter} must be ${allowed}; received ${describeValue(value)}`);
    this.name = 'ParameterRangeError';
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

/** A value of the wrong type (e.g. a string where a number is expected). */
export class ParameterTypeError extends TypeError {
  /** Name of the offending parameter. */
  readonly parameter: string;
  /** The value received. */
  readonly value: unknown;
  /** Human-readable description of what is allowed. */
  readonly allowed: string;
  constructor(parameter: string, value: unknown, allowed: string) {
    super(`${parameter} must be ${allowed}; received ${describeValue(value)}`);
    this.name = 'ParameterTypeError';
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

/** Short, safe rendering of any value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '-0';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** Bounds for {@link checkNumber}. */
export interface NumberBounds {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

function rangeText(bounds: NumberBounds, kind: string): string {
  const parts: string[] = [];
  if (bounds.min !== undefined) parts.push(`${bounds.minExclusive ? '>' : '>='} ${bounds.min}`);
  if (bounds.max !== undefined) parts.push(`${bounds.maxExclusive ? '<' : '<='} ${bounds.max}`);
  return parts.length === 0 ? kind : `${kind} ${parts.join(' and ')}`;
}

/** A finite number within `bounds`; `-0` is read as `0`. */
export function checkNumber(name: string, value: unknown, bounds: NumberBounds = {}): number {
  if (typeof value !== 'number') throw new ParameterTypeError(name, value, rangeText(bounds, 'a finite number'));
  if (!Number.isFinite(value)) throw new ParameterRangeError(name, value, rangeText(bounds, 'a finite number'));
  const { min, max, minExclusive, maxExclusive } = bounds;
  const tooSmall = min !== undefined && (minExclusive ? value <= min : value < min);
  const tooLarge = max !== undefined && (maxExclusive ? value >= max : value > max);
  if (tooSmall || tooLarge) throw new ParameterRangeError(name, value, rangeText(bounds, 'a finite number'));
  return value === 0 ? 0 : value;
}

/** An integer within `[min, max]` (default `max` = `Number.MAX_SAFE_INTEGER`). */
export function checkInteger(
  name: string,
  value: unknown,
  bounds: { min?: number; max?: number } = {},
): number {
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  // The message is built only on failure: this check sits on hot paths.
  if (typeof value === 'number' && Number.isInteger(value) && (bounds.min === undefined || value >= bounds.min) && value <= max) {
    return value === 0 ? 0 : value;
  }
  const text = rangeText({ min: bounds.min, max: bounds.max }, bounds.max === undefined ? 'a safe integer' : 'an integer');
  if (typeof value !== 'number') throw new ParameterTypeError(name, value, text);
  throw new ParameterRangeError(name, value, text);
}

/** A plain options object (not null, not an array). */
export function checkOptions<T extends object>(name: string, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParameterTypeError(name, value, 'an options object');
  }
  return value as T;
}

/** One of the listed string values. */
export function checkEnum<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const text = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
    if (typeof value !== 'string') throw new ParameterTypeError(name, value, text);
    throw new ParameterRangeError(name, value, text);
  }
  return value as T;
}

/**
 * Tolerance on |Σ p_i − 1| accepted for probability vectors: 1e-9 absolute,
 * plus s·2^-52 for the rounding of long sums.
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/**
 * A probability vector: array-like of finite numbers >= 0 summing to 1 within
 * {@link PROBABILITY_SUM_TOLERANCE} (+ s·2^-52). Returns a `Float64Array` copy
 * rescaled to sum to 1 exactly up to rounding.
 */
export function checkProbabilityVector(name: string, value: unknown): Float64Array {
  const allowed = 'a non-empty array of finite numbers >= 0 summing to 1';
  if (typeof value !== 'object' || value === null || typeof (value as ArrayLike<number>).length !== 'number') {
    throw new ParameterTypeError(name, value, allowed);
  }
  const arr = value as ArrayLike<unknown>;
  const s = arr.length;
  if (s === 0) throw new ParameterRangeError(name, value, allowed);
  const out = new Float64Array(s);
  // Neumaier-compensated sum: a plain sum is off by ~1e-10 at s = 1e7, which would skew the rescaling.
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < s; i++) {
    const x = arr[i];
    if (typeof x !== 'number') throw new ParameterTypeError(`${name}[${i}]`, x, 'a finite number >= 0');
    if (!Number.isFinite(x) || x < 0) throw new ParameterRangeError(`${name}[${i}]`, x, 'a finite number >= 0');
    out[i] = x === 0 ? 0 : x;
    const t = sum + x;
    compensation += Math.abs(sum) >= x ? sum - t + x : x - t + sum;
    sum = t;
  }
  sum += compensation;
  if (!(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE + s * Number.EPSILON)) {
    throw new ParameterRangeError(`sum of ${name}`, sum, `1 (within ${PROBABILITY_SUM_TOLERANCE})`);
  }
  if (sum !== 1) for (let i = 0; i < s; i++) out[i] /= sum;
  return out;
}

/**
 * Largest vocabulary for functions that allocate a vector of s doubles:
 * 10^8 tokens (800 MB per vector). Closed forms that take s as a number accept more.
 */
export const MAX_VOCABULARY: number = 1e8;

/** A vocabulary size s in [min, MAX_VOCABULARY] for functions that allocate s-vectors. */
export function checkVocabularySize(name: string, value: unknown, min = 1): number {
  return checkInteger(name, value, { min, max: MAX_VOCABULARY });
}
