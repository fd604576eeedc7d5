/**
 * Checks on real-text input (paper §4.1: the statistical model of §2.1 trained
 * on real text): strings and UTF-8 bytes are accepted, binary data, invalid
 * UTF-8 and unpaired surrogates are rejected with a typed error naming the
 * parameter, what was received and what is allowed; token arrays must hold
 * integers in [0, s).
 *
 * @module
 */
import { checkInteger, ParameterRangeError, ParameterTypeError } from '../validate.ts';

/** Largest number of tokens of one corpus (positions are 32-bit integers). */
export const MAX_CORPUS_TOKENS: number = 2147483647;

/**
 * Share of control characters (U+0001–U+0008, U+000E–U+001F, U+007F) above
 * which a text is taken to be binary data; any U+0000 also marks binary data.
 */
export const BINARY_CONTROL_FRACTION: number = 0.01;

/**
 * Byte offset of the first invalid UTF-8 sequence (RFC 3629: no overlong forms,
 * no surrogates U+D800–U+DFFF, nothing above U+10FFFF), or −1 when valid.
 *
 * @param bytes - The bytes (a `Uint8Array`, e.g. a Node `Buffer`).
 * @returns The offset of the first byte of the first invalid sequence, or −1.
 * @throws {ParameterTypeError} when `bytes` is not a `Uint8Array`.
 *
 * @example
 * ```ts
 * invalidUtf8Offset(new Uint8Array([0x61, 0xc3, 0xa9])); // => -1
 * invalidUtf8Offset(new Uint8Array([0x61, 0xff, 0x62])); // => 1
 * // an overlong encoding of "/":
 * invalidUtf8Offset(new Uint8Array([0xc0, 0xaf])); // => 0
 * ```
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array)) throw new ParameterTypeError('bytes', bytes, 'a Uint8Array of UTF-8 bytes');
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong 3-byte forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // no overlong 4-byte forms
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Reads a text given as a string or as UTF-8 bytes, and rejects what is not
 * text: invalid UTF-8, unpaired UTF-16 surrogates, and binary data (any NUL
 * character, or more than {@link BINARY_CONTROL_FRACTION} of the characters
 * being non-whitespace control characters). A leading byte-order mark is
 * removed.
 *
 * @param name - Parameter name used in error messages.
 * @param value - A string or a `Uint8Array` (e.g. a Node `Buffer`) of UTF-8 bytes.
 * @returns The text as a string.
 * @throws {ParameterTypeError} when `value` is neither a string nor a `Uint8Array`.
 * @throws {ParameterRangeError} for invalid UTF-8, unpaired surrogates or binary data.
 *
 * @example
 * ```ts
 * readText('text', new TextEncoder().encode('héllo')); // => 'héllo'
 * ```
 * ```ts ignore
 * readText('text', new Uint8Array([0x68, 0xff])); // throws ParameterRangeError
 * readText('text', 'a\u0000b'); // throws ParameterRangeError
 * ```
 */
export function readText(name: string, value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Uint8Array) {
    const bad = invalidUtf8Offset(value);
    if (bad >= 0) {
      throw new ParameterRangeError(name, value, `valid UTF-8 text (invalid byte 0x${value[bad].toString(16).padStart(2, '0')} at byte offset ${bad})`);
    }
    text = new TextDecoder('utf-8').decode(value);
  } else {
    throw new ParameterTypeError(name, value, 'a string or a Uint8Array of UTF-8 bytes');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      if (c === 0) throw new ParameterRangeError(name, value, `text, not binary data (NUL character at index ${i})`);
      if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) controls++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const pairOk = c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!pairOk) throw new ParameterRangeError(name, value, `well-formed Unicode text (unpaired surrogate U+${c.toString(16).toUpperCase()} at index ${i})`);
      i++;
    }
  }
  if (controls > BINARY_CONTROL_FRACTION * text.length) {
    throw new ParameterRangeError(
      name,
      value,
      `text, not binary data (${controls} of ${text.length} characters are control characters; at most ${BINARY_CONTROL_FRACTION * 100}% are accepted)`,
    );
  }
  return text;
}

/**
 * Validates a token sequence: integers in [0, s). Returns an `Int32Array`
 * (the input itself when it already is one).
 *
 * @param name - Parameter name used in error messages.
 * @param value - Array-like of integers.
 * @param s - Vocabulary size, or `undefined` to infer it as max + 1.
 * @returns The tokens and the vocabulary size.
 * @throws {ParameterTypeError} / {ParameterRangeError} naming the first bad entry.
 *
 * @example
 * ```ts
 * readTokens('tokens', [0, 2, 1], undefined).s; // => 3
 * ```
 * ```ts ignore
 * readTokens('tokens', [0, 5], 4); // throws ParameterRangeError
 * ```
 */
export function readTokens(name: string, value: unknown, s: number | undefined): { tokens: Int32Array; s: number } {
  if (typeof value !== 'object' || value === null || typeof (value as ArrayLike<number>).length !== 'number' || typeof value === 'string') {
    throw new ParameterTypeError(name, value, 'an array of integer token ids');
  }
  const arr = value as ArrayLike<unknown>;
  if (arr.length > MAX_CORPUS_TOKENS) throw new ParameterRangeError(name, value, `at most ${MAX_CORPUS_TOKENS} tokens`);
  const limit = s === undefined ? MAX_CORPUS_TOKENS : s;
  const allowed = s === undefined ? 'an integer token id >= 0' : `an integer token id in [0, ${s - 1}] (the vocabulary size is ${s})`;
  let max = -1;
  if (arr instanceof Int32Array) {
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i];
      if (x < 0 || x >= limit) throw new ParameterRangeError(`${name}[${i}]`, x, allowed);
      if (x > max) max = x;
    }
    return { tokens: arr, s: s ?? max + 1 };
  }
  const out = new Int32Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== 'number') throw new ParameterTypeError(`${name}[${i}]`, x, allowed);
    if (!Number.isInteger(x) || x < 0 || x >= limit) throw new ParameterRangeError(`${name}[${i}]`, x, allowed);
    out[i] = x;
    if (x > max) max = x;
  }
  return { tokens: out, s: s ?? max + 1 };
}

/** A vocabulary size s ≥ 1 given explicitly (the largest a 32-bit token id allows). */
export function readVocabularySize(name: string, value: unknown): number {
  return checkInteger(name, value, { min: 1, max: MAX_CORPUS_TOKENS });
}

/**
 * The error for a token sequence too short for the context length: a
 * (context, next token) pair needs ℓ + 1 tokens.
 *
 * @internal
 */
export function tooShort(what: string, count: number, contextLength: number): ParameterRangeError {
  return new ParameterRangeError(
    `number of tokens in ${what}`,
    count,
    `at least ℓ + 1 = ${contextLength + 1} (a context of ℓ = ${contextLength} tokens and its next token)`,
  );
}
