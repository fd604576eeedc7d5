/**
 * Tokenizers for the statistical language model on real text (paper §2.1,
 * §4.1): a character-level tokenizer (the paper's Figure 5 experiment uses a
 * character-level tokenizer, s = 65 on tiny Shakespeare) and a
 * whitespace/word-level tokenizer with a vocabulary cap and an unknown token.
 *
 * A tokenizer is built from a text (its vocabulary is that text's), then
 * encodes any text into token ids 0…s − 1 and decodes ids back.
 *
 * @module
 */
import { checkEnum, checkInteger, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { readText } from './input.ts';

/** Encodes text into token ids in [0, s) and back (s = `vocabulary.length`). */
export interface Tokenizer {
  /** `'character'` (Unicode code points) or `'word'`. */
  readonly kind: 'character' | 'word';
  /** The token strings; token id i is `vocabulary[i]`, s = `vocabulary.length`. */
  readonly vocabulary: readonly string[];
  /** The unknown token's string, or `null` when the tokenizer has none. */
  readonly unknownToken: string | null;
  /** The unknown token's id (0 when present), −1 when the tokenizer has none. */
  readonly unknownId: number;
  /** Token ids of a text (validated as {@link readText} does). */
  encode(text: string | Uint8Array): Int32Array;
  /** The text of token ids: characters concatenated, words joined by single spaces. */
  decode(tokens: ArrayLike<number>): string;
}

/** Options of {@link characterTokenizer}. */
export interface CharacterTokenizerOptions {
  /**
   * A string standing for characters outside the vocabulary when encoding
   * other texts (given id 0). Without it, encoding a character that the
   * building text does not contain throws.
   */
  unknownToken?: string;
}

function readUnknown(value: unknown, fallback: string | null): string | null {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) throw new ParameterTypeError('unknownToken', value, 'a non-empty string');
  return value;
}

function checkIds(tokens: unknown, s: number): ArrayLike<number> {
  if (typeof tokens !== 'object' || tokens === null || typeof (tokens as ArrayLike<number>).length !== 'number') {
    throw new ParameterTypeError('tokens', tokens, 'an array of token ids');
  }
  const t = tokens as ArrayLike<unknown>;
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= s) {
      const allowed = `an integer token id in [0, ${s - 1}]`;
      if (typeof x !== 'number') throw new ParameterTypeError(`tokens[${i}]`, x, allowed);
      throw new ParameterRangeError(`tokens[${i}]`, x, allowed);
    }
  }
  return t as ArrayLike<number>;
}

/**
 * A character-level tokenizer: the vocabulary is the set of distinct Unicode
 * code points of `text`, sorted by code point (as nanoGPT's character-level
 * Shakespeare, the setting of the paper's §4.1), preceded by `unknownToken`
 * (id 0) when one is given.
 *
 * @param text - The text whose characters form the vocabulary (string or UTF-8 bytes).
 * @param options - `unknownToken` (optional).
 * @returns The tokenizer.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid text (binary data,
 *   invalid UTF-8), an empty text, or a bad `unknownToken`; `encode` throws on a
 *   character outside the vocabulary when there is no unknown token.
 *
 * @example
 * ```ts
 * const tok = characterTokenizer('hello');
 * tok.vocabulary; // => ['e', 'h', 'l', 'o']
 * Array.from(tok.encode('hole')); // => [1, 3, 2, 0]
 * tok.decode([2, 0]); // => 'le'
 * ```
 * ```ts ignore
 * const tok = characterTokenizer('hello');
 * tok.encode('hex'); // throws ParameterRangeError
 * ```
 */
export function characterTokenizer(text: string | Uint8Array, options?: CharacterTokenizerOptions): Tokenizer {
  const str = readText('text', text);
  const o = options === undefined ? {} : checkOptions<CharacterTokenizerOptions>('options', options);
  const unknown = readUnknown(o.unknownToken, null);
  const set = new Set<number>();
  for (const ch of str) set.add(ch.codePointAt(0) as number);
  if (set.size === 0) throw new ParameterRangeError('text', str, 'a non-empty text');
  const codes = [...set].sort((a, b) => a - b);
  const vocabulary = codes.map((c) => String.fromCodePoint(c));
  if (unknown !== null) vocabulary.unshift(unknown);
  const shift = unknown === null ? 0 : 1;
  const ids = new Map<number, number>();
  codes.forEach((c, i) => ids.set(c, i + shift));
  const frozen = Object.freeze(vocabulary);
  return {
    kind: 'character',
    vocabulary: frozen,
    unknownToken: unknown,
    unknownId: unknown === null ? -1 : 0,
    encode(input: string | Uint8Array): Int32Array {
      const s = readText('text', input);
      const out = new Int32Array(s.length);
      let k = 0;
      let at = 0;
      for (const ch of s) {
        const id = ids.get(ch.codePointAt(0) as number);
        if (id === undefined) {
          if (unknown === null) {
            throw new ParameterRangeError(
              `text[${at}]`,
              ch,
              'a character of the tokenizer’s vocabulary (build it from a text that contains it, or pass unknownToken)',
            );
          }
          out[k++] = 0;
        } else out[k++] = id;
        at += ch.length;
      }
      return out.slice(0, k);
    },
    decode(tokens: ArrayLike<number>): string {
      const t = checkIds(tokens, frozen.length);
      let s = '';
      for (let i = 0; i < t.length; i++) s += frozen[t[i]];
      return s;
    },
  };
}

/** Options of {@link wordTokenizer}. */
export interface WordTokenizerOptions {
  /** Largest vocabulary size s, unknown token included (≥ 2; default 10 000). */
  maxVocabulary?: number;
  /** The unknown token (id 0), standing for every word outside the vocabulary; default `'<unk>'`. */
  unknownToken?: string;
  /** Lower-case the text before splitting (default false). */
  lowercase?: boolean;
  /**
   * `'whitespace'` (default): tokens are the maximal runs of non-whitespace
   * characters. `'words'`: runs of letters, marks and digits (with inner
   * apostrophes, e.g. "don't"), and every other non-space character as a token
   * of its own (so "whale," is "whale" and ",").
   */
  split?: 'whitespace' | 'words';
}

const WORDS = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const WHITESPACE = /\S+/gu;

/**
 * A word-level tokenizer: the text is split on whitespace (or into words and
 * punctuation, `split: 'words'`); the vocabulary is the unknown token (id 0)
 * followed by the `maxVocabulary − 1` most frequent words of `text`, by
 * decreasing count, ties by first occurrence. Encoding maps every other word
 * (and, if the unknown token's own string occurs as a word, that word) to id 0.
 *
 * @param text - The text whose words form the vocabulary (string or UTF-8 bytes).
 * @param options - `maxVocabulary` (default 10 000), `unknownToken` (default `'<unk>'`), `lowercase`, `split`.
 * @returns The tokenizer.
 * @throws {ParameterRangeError} / {ParameterTypeError} for invalid text, a text without words, or bad options.
 *
 * @example
 * ```ts
 * const tok = wordTokenizer('the whale and the sea and the ship', { maxVocabulary: 3 });
 * tok.vocabulary; // => ['<unk>', 'the', 'and']
 * Array.from(tok.encode('the ship and')); // => [1, 0, 2]
 * tok.decode([1, 2, 0]); // => 'the and <unk>'
 * ```
 */
export function wordTokenizer(text: string | Uint8Array, options?: WordTokenizerOptions): Tokenizer {
  const str = readText('text', text);
  const o = options === undefined ? {} : checkOptions<WordTokenizerOptions>('options', options);
  const maxVocabulary = o.maxVocabulary === undefined ? 10000 : checkInteger('maxVocabulary', o.maxVocabulary, { min: 2, max: 2147483647 });
  const unknown = readUnknown(o.unknownToken, '<unk>') as string;
  if (o.lowercase !== undefined && typeof o.lowercase !== 'boolean') throw new ParameterTypeError('lowercase', o.lowercase, 'a boolean');
  const lowercase = o.lowercase === true;
  const split = o.split === undefined ? 'whitespace' : checkEnum('split', o.split, ['whitespace', 'words'] as const);
  const words = (s: string): string[] => (lowercase ? s.toLowerCase() : s).match(split === 'words' ? WORDS : WHITESPACE) ?? [];
  const all = words(str);
  if (all.length === 0) throw new ParameterRangeError('text', str, 'a text with at least one word');
  const counts = new Map<string, { count: number; first: number }>();
  all.forEach((w, i) => {
    const e = counts.get(w);
    if (e === undefined) counts.set(w, { count: 1, first: i });
    else e.count++;
  });
  counts.delete(unknown);
  const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
  const vocabulary = [unknown, ...ranked.slice(0, maxVocabulary - 1).map((e) => e[0])];
  const ids = new Map<string, number>();
  vocabulary.forEach((w, i) => ids.set(w, i));
  const frozen = Object.freeze(vocabulary);
  return {
    kind: 'word',
    vocabulary: frozen,
    unknownToken: unknown,
    unknownId: 0,
    encode(input: string | Uint8Array): Int32Array {
      const ws = words(readText('text', input));
      const out = new Int32Array(ws.length);
      for (let i = 0; i < ws.length; i++) out[i] = ids.get(ws[i]) ?? 0;
      return out;
    },
    decode(tokens: ArrayLike<number>): string {
      const t = checkIds(tokens, frozen.length);
      const parts: string[] = new Array(t.length);
      for (let i = 0; i < t.length; i++) parts[i] = frozen[t[i]];
      return parts.join(' ');
    },
  };
}
