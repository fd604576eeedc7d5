/** Number formatting for human-readable reports. */

/** Compact rendering: integers as is (with thin grouping), others with `digits` significant digits. */
export function formatNumber(x: number, digits = 4): string {
  if (x === Infinity) return '∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x.toLocaleString('en-US').replace(/,/g, ' ');
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(digits - 1);
  if (x < 1 && x > 0.5 && Number(x.toPrecision(digits)) === 1) return `1 − ${(1 - x).toExponential(1)}`;
  return Number(x.toPrecision(digits)).toString();
}

/** e^logValue rendered without overflow, e.g. "3.2e+1042". */
export function formatFromLog(logValue: number, digits = 3): string {
  if (!Number.isFinite(logValue)) return logValue > 0 ? '∞' : '0';
  const log10 = logValue / Math.LN10;
  if (Math.abs(log10) < 300) return formatNumber(Math.exp(logValue), digits);
  const exponent = Math.floor(log10);
  const mantissa = Math.pow(10, log10 - exponent);
  return `${mantissa.toFixed(digits - 1)}e+${exponent}`;
}

/** Renders a set of integer intervals, e.g. "1–11, 13–40" or "none". */
export function formatIntervals(intervals: ReadonlyArray<{ from: bigint; to: bigint }>, dash = '–'): string {
  if (intervals.length === 0) return dash === '–' ? 'none' : '';
  return intervals.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}${dash}${r.to}`)).join(dash === '–' ? ', ' : ' ');
}

/**
 * An exact safe set in words: 'none', 'every n', 'n ≤ max', or the set itself when it has gaps
 * (`to` may be Infinity).
 */
export function formatSafeSet(intervals: ReadonlyArray<{ from: number; to: number }>): string {
  if (intervals.length === 0) return 'none';
  if (intervals.length === 1 && intervals[0].from === 1) return Number.isFinite(intervals[0].to) ? `n ≤ ${formatNumber(intervals[0].to)}` : 'every n';
  const end = (v: number): string => (Number.isFinite(v) ? formatNumber(v) : '∞');
  return `n ∈ {${intervals.map((x) => (x.from === x.to ? end(x.from) : `${end(x.from)}–${end(x.to)}`)).join(', ')}}`;
}

/** A bigint as a JSON number when exactly representable, else as a decimal string. */
export function jsonInteger(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}
