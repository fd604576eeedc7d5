/**
 * High-precision decimal arithmetic (decimal.js, 60 significant digits), used
 * where a double cannot decide a comparison exactly: regime boundaries of
 * G_n(s) and near-ties between a bound and epsilon.
 *
 * @module
 */
import { Decimal } from 'decimal.js';

/** decimal.js constructor with 60 significant digits (isolated from the global Decimal config). */
export const Precise: typeof Decimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });

/** A precise decimal value (an instance of {@link Precise}). */
export type PreciseValue = InstanceType<typeof Precise>;

/** π to 60 digits. */
export const PRECISE_PI: PreciseValue = Precise.acos(-1);
/** e to 60 digits. */
export const PRECISE_E: PreciseValue = Precise.exp(1);

/** Converts a bigint or a safe integer to a precise decimal. */
export function preciseInt(value: bigint | number): PreciseValue {
  return new Precise(typeof value === 'bigint' ? value.toString() : value);
}

/** floor of a precise decimal as a bigint. */
export function preciseFloor(value: PreciseValue): bigint {
  return BigInt(value.floor().toFixed(0));
}
