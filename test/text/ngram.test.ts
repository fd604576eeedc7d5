/**
 * The n-gram model of eq. 2: hand-computed counts on tiny corpora, a naive
 * Map-based oracle on random sequences (fast-check, fixed seed), and the text
 * sampler (chi-square test of its transitions; false-alarm rate stated).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { fitNgram, fitNgramUnchecked, ngramContextIndex, ngramDistribution, sampleText, type NgramModel } from '../../src/text/ngram.ts';
import { characterTokenizer } from '../../src/text/tokenizers.ts';
import { createRng } from '../../src/random/rng.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';

/** Naive oracle: context key → (next token → count), contexts sorted lexicographically. */
function naive(tokens: number[], l: number): { contexts: number[][]; rows: Array<Map<number, number>> } {
  const map = new Map<string, { ctx: number[]; row: Map<number, number> }>();
  for (let t = 0; t + l < tokens.length; t++) {
    const ctx = tokens.slice(t, t + l);
    const key = ctx.join(',');
    let e = map.get(key);
    if (!e) map.set(key, (e = { ctx, row: new Map() }));
    e.row.set(tokens[t + l], (e.row.get(tokens[t + l]) ?? 0) + 1);
  }
  const entries = [...map.values()].sort((a, b) => {
    for (let i = 0; i < l; i++) if (a.ctx[i] !== b.ctx[i]) return a.ctx[i] - b.ctx[i];
    return 0;
  });
  return { contexts: entries.map((e) => e.ctx), rows: entries.map((e) => e.row) };
}

const tok4 = (t: ArrayLike<number>): string => Array.from(t, (x) => 'abcd'[x]).join('');

function rowOf(m: NgramModel, j: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let e = m.offsets[j]; e < m.offsets[j + 1]; e++) out.set(m.tokens[e], m.counts[e]);
  return out;
}

describe('fitNgram: exact counts (eq. 2)', () => {
  it('"abracadabra" with ℓ = 2, by hand', () => {
    const tok = characterTokenizer('abracadabra'); // a b c d r → 0 1 2 3 4
    const m = fitNgram(tok.encode('abracadabra'), { contextLength: 2 });
    // pairs: ab→r, br→a, ra→c, ac→a, ca→d, ad→a, da→b, ab→r, br→a
    const expected: Record<string, Record<string, number>> = {
      ab: { r: 2 },
      ac: { a: 1 },
      ad: { a: 1 },
      br: { a: 2 },
      ca: { d: 1 },
      da: { b: 1 },
      ra: { c: 1 },
    };
    expect(m.contextCount).toBe(7);
    expect(m.total).toBe(9);
    const got: Record<string, Record<string, number>> = {};
    for (let j = 0; j < m.contextCount; j++) {
      const ctx = tok.decode(m.contexts.subarray(2 * j, 2 * j + 2));
      got[ctx] = Object.fromEntries([...rowOf(m, j)].map(([k, v]) => [tok.decode([k]), v]));
    }
    expect(got).toEqual(expected);
    expect(Object.keys(got)).toEqual(Object.keys(expected).sort()); // rows sorted lexicographically
    // successor of (ab, r) is br; of (da, b) is ab; start context is "ab"
    const ab = ngramContextIndex(m, tok.encode('ab'));
    expect(m.successors[m.offsets[ab]]).toBe(ngramContextIndex(m, tok.encode('br')));
    expect(m.start).toBe(ab);
    expect(Array.from(ngramDistribution(m, tok.encode('ab')) as Float64Array)).toEqual([0, 0, 0, 0, 1]);
  });

  it('ℓ = 0 is the unigram model, one empty context', () => {
    const m = fitNgram([2, 0, 2, 2], { contextLength: 0, vocabularySize: 4 });
    expect(m.contextCount).toBe(1);
    expect(m.total).toBe(4);
    expect(Array.from(ngramDistribution(m, []) as Float64Array)).toEqual([0.25, 0, 0.75, 0]);
    expect(Array.from(m.successors)).toEqual([0, 0]);
  });

  it('the last context of the text has no successor row when it never recurs', () => {
    // "abc": pairs ab→c; the context "bc" is never followed by a token
    const m = fitNgram([0, 1, 2], { contextLength: 2 });
    expect(m.contextCount).toBe(1);
    expect(m.successors[0]).toBe(-1);
    expect(ngramDistribution(m, [1, 2])).toBeNull();
    expect(ngramContextIndex(m, [1, 2])).toBe(-1);
  });

  it('matches a naive Map-based oracle, with successors and the text-order sequence (fast-check, seed 3)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 120 }),
        (s, l, raw) => {
          const tokens = raw.map((x) => x % s);
          while (tokens.length < l + 1) tokens.push(0);
          const { model: m, sequence } = fitNgramUnchecked(Int32Array.from(tokens), l, s);
          const ref = naive(tokens, l);
          expect(m.contextCount).toBe(ref.contexts.length);
          expect(m.total).toBe(tokens.length - l);
          for (let j = 0; j < m.contextCount; j++) {
            expect(Array.from(m.contexts.subarray(j * l, j * l + l))).toEqual(ref.contexts[j]);
            const row = rowOf(m, j);
            expect(row).toEqual(ref.rows[j]);
            expect([...row.keys()]).toEqual([...row.keys()].sort((a, b) => a - b));
            expect(m.contextTotals[j]).toBe([...row.values()].reduce((a, b) => a + b, 0));
            for (let e = m.offsets[j]; e < m.offsets[j + 1]; e++) {
              const next = [...ref.contexts[j].slice(1), m.tokens[e]].slice(-l || tokens.length);
              const succ = l === 0 ? 0 : ref.contexts.findIndex((c) => c.join(',') === next.join(','));
              expect(m.successors[e]).toBe(succ);
            }
          }
          for (let t = 0; t < m.total; t++) {
            const e = sequence[t];
            const j = ref.contexts.findIndex((c) => c.join(',') === tokens.slice(t, t + l).join(','));
            expect(e >= m.offsets[j] && e < m.offsets[j + 1]).toBe(true);
            expect(m.tokens[e]).toBe(tokens[t + l]);
          }
          expect(m.start).toBe(ref.contexts.findIndex((c) => c.join(',') === tokens.slice(0, l).join(',')));
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('bad input: typed errors naming the parameter', () => {
    expect(() => fitNgram([0, 1], { contextLength: 2 })).toThrow(/number of tokens in tokens must be at least ℓ \+ 1 = 3 \(a context of ℓ = 2 tokens and its next token\); received 2/);
    expect(() => fitNgram([], { contextLength: 0 })).toThrow(ParameterRangeError);
    expect(() => fitNgram([0, 1], { contextLength: -1 })).toThrow(/contextLength must be an integer >= 0/);
    expect(() => fitNgram([0, 1], { contextLength: 65 })).toThrow(ParameterRangeError);
    expect(() => fitNgram([0, 3], { contextLength: 1, vocabularySize: 3 })).toThrow(/tokens\[1\] must be an integer token id in \[0, 2\]/);
    expect(() => fitNgram('abc' as never, { contextLength: 1 })).toThrow(ParameterTypeError);
    expect(() => fitNgram([0, 1], undefined as never)).toThrow(ParameterTypeError);
    const m = fitNgram([0, 1, 0], { contextLength: 1 });
    expect(() => ngramContextIndex(m, [0, 1])).toThrow(/context must be an array of ℓ = 1 token ids/);
    expect(() => ngramDistribution(m, 5)).toThrow(ParameterRangeError);
    expect(() => ngramDistribution({} as never, 0)).toThrow(ParameterTypeError);
  });
});

describe('sampleText', () => {
  it('is reproducible, starts with the start context, returns exactly `length` tokens', () => {
    const tok = characterTokenizer('the cat sat on the mat');
    const m = fitNgram(tok.encode('the cat sat on the mat'), { contextLength: 2 });
    const a = sampleText(m, { length: 200, seed: 9 });
    expect(a.length).toBe(200);
    expect(Array.from(a)).toEqual(Array.from(sampleText(m, { length: 200, rng: createRng(9) })));
    expect(tok.decode(a.subarray(0, 2))).toBe('th');
    const from = sampleText(m, { length: 5, seed: 1, start: tok.encode('at') });
    expect(tok.decode(from.subarray(0, 2))).toBe('at');
    expect(() => sampleText(m, { length: 5, seed: 1, start: tok.encode('tt') })).toThrow(/start must be a context the model has/);
    expect(() => sampleText(m, { length: 0, seed: 1 })).toThrow(ParameterRangeError);
    expect(() => sampleText(m, { length: 5 })).toThrow(ParameterTypeError);
  });

  it('every generated pair is a pair of the model; dead ends restart a segment at a context of the model', () => {
    // "abcd": contexts ab→c, bc→d; "cd" has no row: every 2 tokens a segment restarts
    const m = fitNgram([0, 1, 2, 3], { contextLength: 2 });
    const out = tok4(sampleText(m, { length: 41, seed: 4 }));
    // segments "abcd" (from the start context or a drawn "ab") or "bcd" (a drawn "bc"); the last may be cut
    expect(out).toMatch(/^abcd(abcd|bcd)*(a|ab|abc|b|bc)?$/);
    expect(out).toContain('abcdbcd'); // both restart contexts occur (probability 1 − 2^-9 or so; fixed seed)
  });

  it('transition frequencies follow eq. 2 (chi-square, α = 1e-4)', () => {
    // ℓ = 1 on a sequence with known conditional counts: after 0 → {0: 1, 1: 2, 2: 3}, after 1 → {0: 1}, after 2 → {0: 1, 2: 1}
    const tokens = [0, 0, 1, 0, 1, 0, 2, 0, 2, 2, 0, 2, 0, 2, 2, 0];
    const m = fitNgram(tokens, { contextLength: 1 });
    const out = sampleText(m, { length: 60000, seed: 21 });
    const counts = [new Float64Array(3), new Float64Array(3), new Float64Array(3)];
    for (let t = 0; t + 1 < out.length; t++) counts[out[t]][out[t + 1]]++;
    let stat = 0;
    let df = 0;
    for (let j = 0; j < 3; j++) {
      const p = ngramDistribution(m, [j]) as Float64Array;
      const n = counts[j].reduce((a, b) => a + b, 0);
      for (let k = 0; k < 3; k++) {
        if (p[k] === 0) {
          expect(counts[j][k]).toBe(0);
          continue;
        }
        stat += (counts[j][k] - n * p[k]) ** 2 / (n * p[k]);
        df++;
      }
      df--;
    }
    expect(1 - chisquareCdf(stat, df)).toBeGreaterThan(1e-4);
  });
});
