/**
 * Flag parsing for the CLI on node:util parseArgs. Every user mistake becomes a
 * {@link UsageError} whose message names the flag; the CLI exits with code 2.
 */
import { parseArgs } from 'node:util';

/** A usage mistake (unknown flag, missing or malformed value): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Declaration of one flag. */
export interface FlagSpec {
  /** 'string' flags take a value; 'boolean' flags do not. */
  type: 'string' | 'boolean';
  short?: string;
  /** Paper symbol shown in --help, e.g. 'N'. */
  symbol?: string;
  description: string;
  /** Default shown in --help (already a string). */
  defaultText?: string;
}

/** Parsed flags: string values (unparsed) and booleans. */
export type Flags = Record<string, string | boolean | undefined>;

/** Parses `argv` against `specs`; unknown flags and stray positionals are usage errors. */
export function parseFlags(argv: readonly string[], specs: Record<string, FlagSpec>): Flags {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(specs)) options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message
      .replace(/^Unknown option '(.+?)'.*$/s, "unknown flag '$1'")
      .replace(/^Option '(.+?)' argument missing$/s, "flag '$1' needs a value");
    throw new UsageError(message);
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  return parsed.values as Flags;
}

function raw(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v.trim();
}

function parseNumberText(name: string, text: string): number {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new UsageError(`--${name} must be a number; received '${text}'`);
  }
  return Number(text);
}

/** An integer flag (accepts 1e6 notation) within [min, max]; `fallback` when absent (undefined: required). */
export function intFlag(flags: Flags, name: string, range: { min: number; max?: number }, fallback?: number): number {
  const text = raw(flags, name);
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const v = parseNumberText(name, text);
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(v) || v < range.min || v > max) {
    throw new UsageError(`--${name} must be an integer in [${range.min}, ${max === Number.MAX_SAFE_INTEGER ? '2^53 − 1' : max}]; received '${text}'`);
  }
  return v;
}

/** A real-valued flag within bounds; `fallback` when absent (undefined: required). */
export function numberFlag(
  flags: Flags,
  name: string,
  range: { min?: number; max?: number; minExclusive?: boolean },
  fallback?: number,
): number {
  const text = raw(flags, name);
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const v = parseNumberText(name, text);
  const low = range.min === undefined ? true : range.minExclusive ? v > range.min : v >= range.min;
  const high = range.max === undefined ? true : v <= range.max;
  if (!Number.isFinite(v) || !low || !high) {
    const parts = [];
    if (range.min !== undefined) parts.push(`${range.minExclusive ? '>' : '>='} ${range.min}`);
    if (range.max !== undefined) parts.push(`<= ${range.max}`);
    throw new UsageError(`--${name} must be a number ${parts.join(' and ')}; received '${text}'`);
  }
  return v;
}

/** An optional string flag restricted to `choices`. */
export function choiceFlag<T extends string>(flags: Flags, name: string, choices: readonly T[], fallback: T): T {
  const text = raw(flags, name);
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; received '${text}'`);
  }
  return text as T;
}

/** An optional string flag. */
export function stringFlag(flags: Flags, name: string): string | undefined {
  return raw(flags, name);
}

/** Renders the flags section of a help text. */
export function flagsHelp(specs: Record<string, FlagSpec>): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const left = `  ${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    const symbol = spec.symbol ? `${spec.symbol}: ` : '';
    const def = spec.defaultText ? ` (default ${spec.defaultText})` : '';
    return [left, `${symbol}${spec.description}${def}`] as const;
  });
  rows.push(['  -h, --help', 'show this help'] as const);
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return rows.map(([l, r]) => l.padEnd(width) + r).join('\n');
}
