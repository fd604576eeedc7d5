/** Text input checks, tokenizers and corpus preparation: exact expectations and bad input. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { invalidUtf8Offset, readText, readTokens } from '../../src/text/input.ts';
import { characterTokenizer, wordTokenizer } from '../../src/text/tokenizers.ts';
import { loadMobyDick, prepareCorpus, readCorpusFile, splitTokens } from '../../src/text/corpus.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('readText', () => {
  it('accepts strings and UTF-8 bytes, strips a byte-order mark', () => {
    expect(readText('text', 'héllo wörld')).toBe('héllo wörld');
    expect(readText('text', new TextEncoder().encode('\uFEFFa🐋b'))).toBe('a🐋b');
    expect(readText('text', 'tab\tnew\nline\r\nform\fvertical\v')).toBe('tab\tnew\nline\r\nform\fvertical\v');
  });

  it('reports the byte offset of invalid UTF-8', () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0x62], -1],
      [[0xe2, 0x80, 0x94], -1], // em dash
      [[0xf0, 0x9f, 0x90, 0x8b], -1], // whale emoji
      [[0x61, 0x80], 1], // lone continuation byte
      [[0xc3], 0], // truncated
      [[0xe2, 0x80], 0], // truncated
      [[0xc0, 0xaf], 0], // overlong
      [[0xe0, 0x80, 0xaf], 0], // overlong 3-byte
      [[0xed, 0xa0, 0x80], 0], // surrogate U+D800
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x61, 0x62, 0xff], 2],
    ];
    for (const [bytes, off] of cases) expect(invalidUtf8Offset(new Uint8Array(bytes)), JSON.stringify(bytes)).toBe(off);
    expect(() => readText('text', new Uint8Array([0x61, 0xff]))).toThrow(/valid UTF-8 text \(invalid byte 0xff at byte offset 1\)/);
  });

  it('agrees with TextDecoder(fatal) on random bytes (fast-check, seed 7)', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let ok = true;
        try {
          fatal.decode(bytes);
        } catch {
          ok = false;
        }
        return (invalidUtf8Offset(bytes) === -1) === ok;
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('rejects binary data and unpaired surrogates with typed errors', () => {
    expect(() => readText('text', 'ab\u0000cd')).toThrow(ParameterRangeError);
    expect(() => readText('text', 'ab\u0000cd')).toThrow(/NUL character at index 2/);
    const controls = 'x'.repeat(90) + '\u0001'.repeat(10);
    expect(() => readText('text', controls)).toThrow(/10 of 100 characters are control characters/);
    expect(readText('text', 'x'.repeat(199) + '\u0001')).toHaveLength(200); // 0.5 %: accepted
    expect(() => readText('text', 'a\uD800b')).toThrow(/unpaired surrogate U\+D800 at index 1/);
    expect(() => readText('text', 'a\uDC00')).toThrow(ParameterRangeError);
    expect(() => readText('text', 42)).toThrow(ParameterTypeError);
    expect(() => readText('text', [104, 105])).toThrow(ParameterTypeError);
  });

  it('readTokens validates ids and infers s', () => {
    expect(readTokens('t', [3, 0, 1], undefined).s).toBe(4);
    expect(() => readTokens('t', [0, 1.5], 3)).toThrow(/t\[1\] must be an integer token id in \[0, 2\]/);
    expect(() => readTokens('t', Int32Array.of(0, -1), undefined)).toThrow(ParameterRangeError);
    expect(() => readTokens('t', ['a'], undefined)).toThrow(ParameterTypeError);
    expect(() => readTokens('t', 'abc', undefined)).toThrow(ParameterTypeError);
  });
});

describe('tokenizers', () => {
  it('character: sorted code points, surrogate pairs are one token, round trip', () => {
    const tok = characterTokenizer('b🐋a b');
    expect(tok.vocabulary).toEqual([' ', 'a', 'b', '🐋']);
    expect(Array.from(tok.encode('ab 🐋'))).toEqual([1, 2, 0, 3]);
    expect(tok.decode(tok.encode('🐋🐋 ab'))).toBe('🐋🐋 ab');
    expect(tok.unknownId).toBe(-1);
    expect(() => tok.encode('abc')).toThrow(/text\[2\] must be a character of the tokenizer’s vocabulary/);
    expect(() => tok.decode([4])).toThrow(ParameterRangeError);
  });

  it('character with an unknown token', () => {
    const tok = characterTokenizer('ab', { unknownToken: '?' });
    expect(tok.vocabulary).toEqual(['?', 'a', 'b']);
    expect(Array.from(tok.encode('abc'))).toEqual([1, 2, 0]);
    expect(tok.decode([1, 0])).toBe('a?');
    expect(() => characterTokenizer('ab', { unknownToken: '' })).toThrow(ParameterTypeError);
  });

  it('word: frequency order with first-occurrence ties, cap, unknown token, split modes', () => {
    const text = 'b a c a b d, d. e';
    const tok = wordTokenizer(text, { maxVocabulary: 4 });
    // counts: b 2, a 2, c 1, d, 1, d. 1, e 1 → ties by first occurrence: b, a, then c
    expect(tok.vocabulary).toEqual(['<unk>', 'b', 'a', 'c']);
    expect(Array.from(tok.encode('a b c e zz'))).toEqual([2, 1, 3, 0, 0]);
    const words = wordTokenizer("The whale's tail, the WHALE.", { split: 'words', lowercase: true });
    expect(words.vocabulary).toEqual(['<unk>', 'the', "whale's", 'tail', ',', 'whale', '.']);
    expect(words.decode(words.encode('the tail.'))).toBe('the tail .');
    const own = wordTokenizer('x <unk> y', { unknownToken: '<unk>' });
    expect(Array.from(own.encode('<unk> x'))).toEqual([0, 1]);
    expect(() => wordTokenizer('   \n ')).toThrow(/a text with at least one word/);
    expect(() => wordTokenizer('a b', { maxVocabulary: 1 })).toThrow(ParameterRangeError);
    expect(() => wordTokenizer('a b', { split: 'chars' as never })).toThrow(ParameterRangeError);
  });

  it('every text round-trips through the character tokenizer (fast-check, seed 11)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (s) => {
        if (s.includes('\u0000') || /[\u0001-\u0008\u000e-\u001f\u007f]/.test(s)) return true;
        const tok = characterTokenizer(s);
        return tok.decode(tok.encode(s)) === s;
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('corpora', () => {
  it('prepareCorpus: vocabulary from the whole text, the last ⌈f·T⌉ tokens held out', () => {
    const c = prepareCorpus('abcdefghij');
    expect(c.train.length).toBe(9);
    expect(Array.from(c.heldOut)).toEqual([9]);
    const w = prepareCorpus('one two three four', { tokenizer: 'word', heldOutFraction: 0.5 });
    expect(w.tokenizer.decode(w.heldOut)).toBe('three four');
    expect(w.vocabularySize).toBe(5);
    const none = prepareCorpus('abc', { heldOutFraction: 0 });
    expect(none.heldOut.length).toBe(0);
    expect(() => prepareCorpus('')).toThrow(/a non-empty text/);
    expect(() => prepareCorpus('abc', { heldOutFraction: 0.6 })).toThrow(/heldOutFraction must be a finite number >= 0 and <= 0.5/);
    expect(() => prepareCorpus('abc', { tokenizer: 'bytes' as never })).toThrow(ParameterTypeError);
    expect(() => prepareCorpus(new Uint8Array([0x61, 0xc3]))).toThrow(/invalid byte 0xc3 at byte offset 1/);
  });

  it('splitTokens', () => {
    const c = splitTokens([2, 0, 1, 1], { heldOutFraction: 0.25, vocabularySize: 5 });
    expect(Array.from(c.train)).toEqual([2, 0, 1]);
    expect(c.vocabularySize).toBe(5);
    expect(() => splitTokens([])).toThrow(ParameterRangeError);
  });

  it('readCorpusFile reads UTF-8 files and rejects binary ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-text-'));
    writeFileSync(join(dir, 'ok.txt'), 'Call me Ishmael.\n');
    writeFileSync(join(dir, 'bin.dat'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9])); // "café" in Latin-1
    expect(await readCorpusFile(join(dir, 'ok.txt'))).toBe('Call me Ishmael.\n');
    await expect(readCorpusFile(join(dir, 'bin.dat'))).rejects.toThrow(/not binary data \(NUL character/);
    await expect(readCorpusFile(join(dir, 'latin1.txt'))).rejects.toThrow(/valid UTF-8 text \(invalid byte 0xe9 at byte offset 3\)/);
    await expect(readCorpusFile(join(dir, 'missing.txt'))).rejects.toThrow(/ENOENT/);
  });

  it('loadMobyDick: the whole book, 89 distinct characters', async () => {
    const text = await loadMobyDick();
    expect(text.length).toBe(1213006);
    expect(new Set(text).size).toBe(89);
    expect(text).toContain('Call me Ishmael.');
    expect(text.trimEnd().endsWith('only found another orphan.')).toBe(true);
  });
});
