/**
 * Fuzz cases of the text layer (input checks, tokenizers, corpora, the n-gram
 * model, text schedules, simulateText, estimateCollapse, contextMeanInterval)
 * and of the display entry points (hasDisplay, toMimeBundle).
 *
 * Accepted problems are tiny — texts of ≤ 60 characters, token ids < 8 (or one
 * huge id), ℓ ≤ 5, ≤ 12 generations, ≤ 3 runs, synthetic-to-real ratios ≤ 3 — so
 * every call takes milliseconds: simulateText has a memory check (c·G ≤ 2^26)
 * but no time estimate, so a valid request with ratio 10^6 or 10^5 generations
 * simply takes long (as simulate, docs/reliability.md); huge values appear only
 * where they must be refused. Besides the harness's contract (a finite result or
 * a typed error), each case checks what its result must satisfy: round trips of
 * the tokenizers and of readText, invalidUtf8Offset against TextDecoder, the
 * split sizes, rows of the n-gram model summing to 1, metric ranges, and for
 * the display functions well-formed HTML and SVG without 'NaN' or 'undefined'.
 */
import { rmSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as api from '../../src/index.ts';
import { linePlot } from '../../src/plot.ts';
import { anyNumber, anyValue, type FuzzCase, isDocumentedError, mostly, optionsOf, smallP } from './harness.ts';
import { scheduleArb } from './cases-simulation.ts';
import { markupProblem } from '../markup.ts';

// ---------------------------------------------------------------------------
// Result checks

function fail(message: string): never {
  throw new Error(message);
}

const INTERVAL_KEYS = new Set(['lower', 'upper', 'se']);

/**
 * Full-depth walk (the harness stops at depth 5, above the metric arrays of
 * simulateText and estimateCollapse): NaN nowhere, ±Infinity only in interval
 * bounds (lower/upper, and se with fewer than two contexts), and
 * lower ≤ mean ≤ upper wherever an object has the three.
 */
function checkDeep(x: unknown, path = 'result', key = '', depth = 0): void {
  if (depth > 14) return;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) fail(`${path} = NaN`);
    if (!Number.isFinite(x) && !INTERVAL_KEYS.has(key)) fail(`${path} = ${x}`);
    return;
  }
  if (Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    const a = x as ArrayLike<unknown>;
    for (let i = 0; i < a.length; i++) checkDeep(a[i], `${path}[${i}]`, key, depth + 1);
    return;
  }
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) checkDeep(v, `${path}.${k}`, k, depth + 1);
    if ('mean' in o && 'lower' in o && 'upper' in o) {
      const m = o.mean as ArrayLike<number> | number;
      const lo = o.lower as ArrayLike<number> | number;
      const hi = o.upper as ArrayLike<number> | number;
      const ms = typeof m === 'number' ? [m] : Array.from(m);
      const los = typeof lo === 'number' ? [lo] : Array.from(lo);
      const his = typeof hi === 'number' ? [hi] : Array.from(hi);
      ms.forEach((v, i) => {
        if (!(los[i] <= v && v <= his[i])) fail(`${path}: not lower ≤ mean ≤ upper at ${i}: ${los[i]}, ${v}, ${his[i]}`);
      });
    }
  }
}

/** Checks the interval series of a metric whose per-context values lie in [lo, hi]. */
function checkRange(series: { weighted: { mean: Float64Array; contexts: Int32Array }; unweighted: { mean: Float64Array; contexts: Int32Array } }, lo: number, hi: number, what: string): void {
  for (const [k, s] of Object.entries({ weighted: series.weighted, unweighted: series.unweighted })) {
    for (let g = 0; g < s.mean.length; g++) {
      if (s.contexts[g] > 0 && !(s.mean[g] >= lo - 1e-9 && s.mean[g] <= hi + 1e-9)) fail(`${what}.${k}.mean[${g}] = ${s.mean[g]} outside [${lo}, ${hi}]`);
    }
  }
}

function checkBundle(b: api.MimeBundle): void {
  if (typeof b !== 'object' || b === null) fail(`bundle is ${String(b)}`);
  const text = b['text/plain'];
  if (typeof text !== 'string' || text.length === 0) fail('text/plain is not a non-empty string');
  const html = b['text/html'];
  if (typeof html !== 'string' || !html.startsWith('<div class="model-collapse">') || !html.includes('<table>')) fail(`text/html is not the library's table: ${String(html).slice(0, 80)}`);
  const svg = b['image/svg+xml'];
  const bad = /NaN|undefined|\[object /;
  for (const [k, v] of Object.entries(b)) {
    if (typeof v !== 'string') fail(`${k} is not a string`);
    const hit = bad.exec(v);
    if (hit) fail(`${k} contains '${hit[0]}': …${v.slice(Math.max(0, hit.index - 60), hit.index + 20)}…`);
  }
  const htmlProblem = markupProblem(html, false);
  if (htmlProblem !== null) fail(`text/html: ${htmlProblem}`);
  if (svg !== undefined) {
    const svgProblem = markupProblem(svg, true);
    if (svgProblem !== null) fail(`image/svg+xml: ${svgProblem}`);
    if (!html.includes(svg)) fail('the SVG is not inline in the HTML');
  } else if (html.includes('<svg')) fail('an SVG in the HTML but no image/svg+xml');
}

// ---------------------------------------------------------------------------
// Arbitraries: texts and bytes

const KEY = Symbol.for('Jupyter.display');
const encoder = new TextEncoder();

/** Texts at the edges: empty, one character, one word, whitespace only, BOM, control characters (1 % is accepted), NUL, lone surrogates, astral characters, combining marks, RTL, CJK. */
const EDGE_TEXTS = [
  '', 'a', ' ', '\n\n', 'aaaa', 'ab', 'the cat sat on the mat', 'the', '\uFEFF', '\uFEFFhello', 'a\u0000b', '\u0001\u0002abc',
  `${'x'.repeat(99)}\u0007`, `${'x'.repeat(98)}\u0007`, '\uD83D', 'a\uDE00b', '\uDE00\uD83D', '😀', '😀a😀', '👨‍👩‍👧 family', 'e\u0301e\u0301',
  'Ǆemal İstanbul straße', 'שלום עולם', '日本語のテキスト', "don't stop, whale! 'quoted'", '\t\r\n\v\f', '\u2028\u2029', '\u00A0nbsp\u3000x', '<unk> a <unk>',
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const smallAlphabet = fc.constantFrom('a', 'b', 'c', ' ', ' ', '\n', 'é', '😀', '.', "'");
/** Strings only: edge texts, printable graphemes, any code point, a small alphabet (repeats), and lone surrogates. */
const textString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...EDGE_TEXTS),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'binary-ascii', maxLength: 12 }),
  fc.string({ unit: smallAlphabet, minLength: 1, maxLength: 60 }),
  fc.string({ unit: fc.oneof({ weight: 6, arbitrary: smallAlphabet }, { weight: 1, arbitrary: loneSurrogate }), maxLength: 20 }),
);
/** UTF-8 bytes: encodings of texts (valid), random bytes (mostly invalid), and invalid sequences of every kind. */
const textBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  textString.map((s) => encoder.encode(s)),
  fc.uint8Array({ maxLength: 24 }),
  fc.constantFrom(
    [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80], [0xe2, 0x82], [0x61, 0xff, 0x62], [0xef, 0xbb, 0xbf, 0x61],
    [0xf0, 0x9f, 0x98, 0x80], [0x80], [0xc2, 0xa0], [],
  ).map((b) => new Uint8Array(b)),
  fc.constant(Buffer.from('héllo wörld')),
);
const textLike: fc.Arbitrary<unknown> = fc.oneof({ weight: 6, arbitrary: textString }, { weight: 3, arbitrary: textBytes }, { weight: 1, arbitrary: anyValue });

/** readText's result for a string or valid bytes (BOM removed), or null when it must refuse. */
function expectedText(value: unknown): string | null {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value instanceof Uint8Array) {
    try {
      s = new TextDecoder('utf-8', { fatal: true }).decode(value);
    } catch {
      return null;
    }
    if (s !== new TextDecoder('utf-8').decode(value)) return null;
  } else return null;
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

// ---------------------------------------------------------------------------
// Arbitraries: tokens, models, schedules

/** Token arrays: small ids (repeats), typed arrays, one huge id, and invalid entries of every kind. */
const tokensArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.nat(4), { minLength: 1, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.array(fc.nat(7), { maxLength: 12 }).map((a) => Int32Array.from(a)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      [], [0], [3], [0, 0, 0], [0, 1], [1, 0, 1, 0, 1], [0, -0, 0], [5, 2 ** 31 - 2, 5], new Int32Array(0), new Int32Array([-1, 0]), new Float64Array([0, 1, 2]),
      new Uint8Array([0, 1, 1]), [0, 1.5], [0, Number.NaN], [0, Infinity], [0, -1], [0, '1'], [0, null], [2 ** 31 - 1], [2 ** 53], 'abc', { length: 2 }, { length: 2 ** 31 },
      new Array(3), [0, 1n],
    ),
  },
  { weight: 1, arbitrary: fc.array(anyNumber, { maxLength: 5 }) },
  { weight: 1, arbitrary: anyValue },
);
const contextLengthArb = often(fc.integer({ min: 0, max: 5 }), fc.oneof(fc.constantFrom(64, 65, -1, -0, 2.5, 1e9, Number.NaN, Infinity, '2'), anyValue));
const vocabularySizeArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 8, 1e4, 2 ** 31 - 1, 2 ** 31, 0, -1, 2.5, Number.NaN, '5') },
  { weight: 1, arbitrary: anyValue },
);
/**
 * An option's value: valid (weight 10) or anything (weight 1). Options have up to
 * 12 fields, so `mostly`'s 3 : 1 would leave almost no accepted call (0.75^12 = 3 %).
 */
function often<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown> = anyValue): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 10, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}
/** Options: absent, an options object (mostly), or not an options object. */
function optionsArb(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: optionsOf(fields) }, { weight: 1, arbitrary: anyValue });
}

/** Small valid token sequences (ids < s ≤ 6, 1–40 tokens) with their ℓ ∈ [0, 4]. */
const modelSpec = fc.record({
  tokens: fc.array(fc.nat(5), { minLength: 1, maxLength: 40 }),
  contextLength: fc.integer({ min: 0, max: 4 }),
  extra: fc.nat(2),
});
/** A fitted model (ℓ + 1 tokens at least), or null when the spec is too short. */
function fitted(spec: { tokens: number[]; contextLength: number; extra: number }): api.NgramModel | null {
  if (spec.tokens.length < spec.contextLength + 1) return null;
  return api.fitNgram(spec.tokens, { contextLength: spec.contextLength, vocabularySize: Math.max(...spec.tokens) + 1 + spec.extra });
}
/** Models: fitted ones, a recursive generation's model (with missing contexts), and what is not a model. */
const modelArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: modelSpec.map((spec) => fitted(spec) ?? api.fitNgram([0, 1], { contextLength: 1 })) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })).map(([l, seed]) => {
      const r = api.simulateText({ corpus: { train: [0, 1, 2, 0, 1, 0, 2, 2, 1, 0, 3, 0], vocabularySize: 4 }, contextLength: l, generations: 6, seed, schedules: [{ kind: 'fullySynthetic', ratio: 0.3 }], keepModels: true });
      return (r.schedules[0].models as api.NgramModel[])[5];
    }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant(JSON.parse(JSON.stringify(api.fitNgram([0, 1, 0], { contextLength: 1 })))),
      fc.constant({ contextLength: 1, offsets: [0, 1], counts: [1] }),
      fc.constant(api.characterTokenizer('ab')),
      anyValue,
    ),
  },
);
/** A context for a model: ℓ valid ids, wrong lengths, out-of-range ids, row indices, junk. */
function contextFor(model: unknown, pick: number[], kind: number): unknown {
  const m = (typeof model === 'object' && model !== null ? model : {}) as Partial<api.NgramModel>;
  const l = typeof m.contextLength === 'number' ? m.contextLength : 1;
  const s = typeof m.vocabularySize === 'number' ? m.vocabularySize : 2;
  const c = typeof m.contextCount === 'number' ? m.contextCount : 1;
  const ids = Array.from({ length: Math.max(0, Math.min(l, 64)) }, (_, i) => pick[i % pick.length] % s);
  switch (kind) {
    case 0:
      return ids;
    case 1: // a context of the model
      return m.contexts instanceof Int32Array && c > 0 ? Array.from(m.contexts.subarray((pick[0] % c) * l, (pick[0] % c) * l + l)) : ids;
    case 2:
      return Int32Array.from(ids);
    case 3:
      return [...ids, 0];
    case 4:
      return ids.length > 0 ? [...ids.slice(1), s] : [s];
    case 5:
      return pick[0] % (c + 1);
    default:
      return [-1, 0.5, Number.NaN, '0', null, -1.5, 1e300][pick[0] % 7];
  }
}
/** Which context contextFor builds: mostly ℓ ids or a context of the model, sometimes a wrong one. */
const contextKind = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1, 1, 2, 5) }, { weight: 1, arbitrary: fc.constantFrom(3, 4, 6) });
const contextArgs = fc.tuple(modelArb, fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), contextKind).map(([m, pick, kind]) => [m, contextFor(m, pick, kind)]);

/** How an option's value is drawn: `often` (valid, sometimes anything) or `validOnly`. */
type Pick = (valid: fc.Arbitrary<unknown>, invalid?: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>;
const validOnly: Pick = (valid) => valid;

/**
 * A simulator schedule for N real samples (perContext), including custom counts
 * that leave contexts (or every context) without training data: missing contexts.
 */
const validPerContextFn: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  (N: number) => api.fullySynthetic({ n: N }),
  (N: number) => api.partiallySynthetic({ N, n: 2 }),
  (N: number) => api.mostRecent({ n: N + 2, K: 3, warmUp: 'printed' }),
  (N: number) => api.randomlySampled({ n: Math.min(N, 5) }),
  (N: number) => api.accumulateSubsample({ N, n: 1, size: 2 }),
  (N: number) => api.customSchedule({ counts: (m, t) => (t === 0 ? (m === 1 ? N : 1) : t === m - 1 ? 2 : 0), window: 1 }),
  (N: number) => (N === 1 ? api.customSchedule({ counts: (m, t) => (m === 1 && t === 0 ? 1 : 0) }) : api.fullySynthetic({ n: N })),
  () => api.customSchedule({ counts: () => 0 }),
  () => api.customSchedule({ counts: (m, t) => (t === 0 && m > 1 ? 1 : 0) }),
);
/** perContext functions whose schedules are refused (fresh real data, not a schedule), and any fuzzed simulator schedule. */
const invalidPerContextFn: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    (N: number) => api.partiallySynthetic({ N, n: N, realData: 'fresh' }),
    () => 42,
    () => ({ kind: 'nope' }),
    42,
  ),
  scheduleArb.map((s) => () => s),
);
const TEXT_KINDS = ['fullySynthetic', 'partiallySynthetic', 'mostRecent', 'randomlySampled', 'accumulate', 'accumulateSubsample', 'perContext'] as const;

/** Text schedules with small sizes (valid ones run in milliseconds); with `often`, invalid fields and junk too. */
function textSchedules(v: Pick): fc.Arbitrary<unknown> {
  const schedules = fc
    .tuple(
      fc.constantFrom(...TEXT_KINDS),
      optionsOf({
        ratio: v(fc.oneof(fc.constantFrom(0, 1, 0.5, 1e-9), fc.double({ min: 0, max: 3, noNaN: true })), fc.oneof(fc.constantFrom(-1, 1e6 + 1, Number.NaN, Infinity, '1'), anyValue)),
        synthetic: v(fc.oneof(fc.constantFrom(0, 0.5, 0.2, 0.999), fc.double({ min: 0, max: 0.9, noNaN: true })), fc.oneof(fc.constantFrom(1, -0.1, Number.NaN), anyValue)),
        K: v(fc.integer({ min: 1, max: 4 }), fc.oneof(fc.constantFrom(0, 1e6 + 1, 2.5, Number.NaN), anyValue)),
        warmUp: v(fc.constantFrom('spread', 'printed')),
        sizeRatio: v(fc.oneof(fc.constantFrom(1, 1e-9, 0.5), fc.double({ min: 0.01, max: 3, noNaN: true })), fc.oneof(fc.constantFrom(0, -1, 1e6 + 1, Number.NaN), anyValue)),
        syntheticData: v(fc.constantFrom('reuse', 'fresh')),
        name: v(fc.string({ maxLength: 6 })),
        schedule: v === validOnly ? validPerContextFn : fc.oneof(validPerContextFn, invalidPerContextFn),
      }),
    )
    .map(([kind, o]) => {
      const out: Record<string, unknown> = { ...o, kind };
      if (v === validOnly) {
        // the combinations a valid schedule excludes: both or neither of synthetic and ratio; ratio 0 where samples are needed
        if (kind === 'partiallySynthetic' && out.synthetic !== undefined) delete out.ratio;
        if (kind === 'partiallySynthetic' && out.synthetic === undefined && out.ratio === undefined) out.synthetic = 0.5;
        if ((kind === 'fullySynthetic' || kind === 'randomlySampled') && out.ratio === 0) delete out.ratio;
        if (kind === 'mostRecent' && out.K === undefined) out.K = 2;
        if (kind === 'perContext' && out.schedule === undefined) out.schedule = (N: number) => api.fullySynthetic({ n: N });
      }
      return out;
    });
  if (v === validOnly) return schedules;
  return fc.oneof(
    { weight: 6, arbitrary: schedules },
    { weight: 1, arbitrary: fc.constantFrom<unknown>({ kind: 'partiallySynthetic', synthetic: 0.5, ratio: 1 }, { kind: 'partiallySynthetic' }, { kind: 'fullySynthetic', ratio: 0 }, { kind: 'custom' }, { kind: 'mostRecent' }, null, [], 'fullySynthetic') },
    { weight: 1, arbitrary: anyValue },
  );
}
const textScheduleArb: fc.Arbitrary<unknown> = textSchedules(often);
/** The same with the extreme valid sizes (ratio 10^6, K = 10^6), for the functions that only build schedules. */
const textScheduleEdgeArb: fc.Arbitrary<unknown> = fc.oneof(
  textScheduleArb,
  textSchedules(validOnly),
  fc.constantFrom<unknown>(
    { kind: 'fullySynthetic', ratio: 1e6 }, { kind: 'accumulate', ratio: 1e6 }, { kind: 'mostRecent', K: 1e6, ratio: 1e6 }, { kind: 'partiallySynthetic', ratio: 1e6 },
    { kind: 'partiallySynthetic', synthetic: 1 - 2 ** -53 }, { kind: 'accumulateSubsample', ratio: 1e6, sizeRatio: 1e6 }, { kind: 'randomlySampled', ratio: 5e-324 },
    { kind: 'partiallySynthetic', synthetic: 5e-324 }, { kind: 'fullySynthetic', ratio: 5e-324 },
  ),
);

// ---------------------------------------------------------------------------
// simulateText

/** Tiny valid corpora: strings and bytes of a few characters (repeats), token arrays (ids < 5), token corpora. */
const validCorpus: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀'), minLength: 12, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom('the cat sat on the mat. the dog sat on the log. ', 'a', 'ab', 'aaaa', '😀😀😀', 'abababababab', 'abc') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' '), minLength: 12, maxLength: 40 }).map((s) => encoder.encode(s)) },
  { weight: 3, arbitrary: fc.array(fc.nat(4), { minLength: 12, maxLength: 60 }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        train: fc.array(fc.nat(4), { minLength: 1, maxLength: 50 }),
        heldOut: fc.oneof(fc.constant(undefined), fc.constant([]), fc.array(fc.nat(4), { minLength: 4, maxLength: 20 }), fc.array(fc.nat(4), { minLength: 4, maxLength: 6 }).map((a) => Int32Array.from(a))),
        vocabularySize: fc.constantFrom(5, 6, 2 ** 31 - 1),
      },
      { requiredKeys: ['train', 'vocabularySize'] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([0, 2 ** 31 - 2, 0, 1, 0, 2 ** 31 - 2, 0], { train: [0, 1, 0, 1, 0], heldOut: [1, 1, 0], vocabularySize: 2 ** 31 - 1 }) },
);
const smallCorpus: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: validCorpus },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.record({ train: fc.array(fc.nat(6), { maxLength: 10 }), heldOut: fc.constantFrom<unknown>([5], [-1], 'x', [0.5]), vocabularySize: fc.oneof(fc.constantFrom(5, 0, 2 ** 31), anyValue) }),
      fc.constantFrom<unknown>([], '', '\u0000', new Uint8Array([0xff]), [0, -1], { train: 'ab', vocabularySize: 2 }, { train: [0], vocabularySize: 1 }),
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
function corpusOptionsOf(v: Pick): fc.Arbitrary<unknown> {
  const o = optionsOf({
    tokenizer: v(
      fc.constantFrom<unknown>(
        'character', 'word', api.characterTokenizer('abc é😀'), api.wordTokenizer('a b c'), api.characterTokenizer('ab', { unknownToken: '?' }),
        { encode: () => new Int32Array([1, 0, 1, 1]), vocabulary: ['a', 'b'] }, // a caller's own tokenizer
      ),
      fc.oneof(fc.constantFrom<unknown>('bpe', { encode: 1 }, { encode: () => [0, 1] }, { encode: () => 'ab', vocabulary: ['a'] }, { encode: () => [0, 9], vocabulary: ['a', 'b'] }), anyValue),
    ),
    // (held-out texts shorter than ℓ + 1 tokens are refused: valid problems hold out none or a quarter at least)
    heldOutFraction: v === validOnly ? fc.oneof(fc.constantFrom(0, 0.5, 5e-324), fc.double({ min: 0.25, max: 0.5, noNaN: true })) : often(fc.oneof(fc.constantFrom(0, 0.5, 0.1, 5e-324), fc.double({ min: 0, max: 0.5, noNaN: true })), fc.oneof(fc.constantFrom(-0.1, 0.6, Number.NaN), anyValue)),
    maxVocabulary: v(fc.integer({ min: 2, max: 6 })),
    lowercase: v(fc.boolean()),
    split: v(fc.constantFrom('whitespace', 'words')),
  });
  return v === validOnly ? fc.oneof(fc.constant(undefined), o) : fc.oneof(fc.constant(undefined), o, anyValue);
}
const corpusOptions: fc.Arbitrary<unknown> = corpusOptionsOf(often);

/** simulateText's options: the four required ones always present, the others optional. */
function simulateTextOptionsOf(v: Pick): fc.Arbitrary<unknown> {
  return fc.record(
    {
      corpus: v === validOnly ? validCorpus : smallCorpus,
      contextLength: v === validOnly ? fc.integer({ min: 0, max: 3 }) : contextLengthArb,
      generations: v(fc.integer({ min: 1, max: 12 }), fc.oneof(fc.constantFrom(0, -1, 2.5, 1e5 + 1, 2 ** 31, 1e15, Number.NaN, '3'), anyValue)),
      seed: v(fc.integer({ min: 0, max: api.MAX_SEED }), fc.oneof(fc.constantFrom(-1, api.MAX_SEED + 1, 0.5, Number.NaN), anyValue)),
      schedules: v(fc.array(textSchedules(v), { minLength: 1, maxLength: 3 }), fc.oneof(fc.constantFrom([], {}, 'synthetic'), anyValue)),
      runs: v(fc.integer({ min: 1, max: 3 }), fc.oneof(fc.constantFrom(0, 65536, 2.5, Number.NaN), anyValue)),
      sampling: v(fc.constantFrom('contexts', 'text')),
      smoothing: v(fc.oneof(fc.constantFrom(1, 0.01, 1e-300, 5e-324), fc.double({ min: 1e-6, max: 1, noNaN: true })), fc.oneof(fc.constantFrom(0, -0, 1.5, Number.NaN), anyValue)),
      level: v(fc.oneof(fc.constantFrom(0.95, 1e-9, 1 - 1e-9), fc.double({ min: 0.01, max: 0.99, noNaN: true })), fc.oneof(fc.constantFrom(0, 1, Number.NaN), anyValue)),
      corpusOptions: corpusOptionsOf(v),
      keepModels: v(fc.boolean()),
      onProgress: v(fc.constant(() => undefined)),
    },
    { requiredKeys: ['corpus', 'contextLength', 'generations', 'seed'] },
  );
}
/** Half valid problems (every option valid, drawn at its edges), half fuzzed ones, and junk. */
const simulateTextOptions: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: simulateTextOptionsOf(validOnly) },
  { weight: 6, arbitrary: simulateTextOptionsOf(often) },
  { weight: 1, arbitrary: anyValue },
);

/** Checks a simulateText result beyond finiteness: sizes, ranges of the metrics, progress. */
function checkTextResult(r: api.TextSimulationResult): void {
  checkDeep(r);
  const G = r.generations;
  for (const s of r.schedules) {
    for (const [k, v] of Object.entries(s.metrics)) {
      if (v === null) continue;
      if (v.weighted.mean.length !== G) fail(`${s.name}: metrics.${k} has ${v.weighted.mean.length} generations, not ${G}`);
    }
    checkRange(s.metrics.l1FromFirst, 0, 2, `${s.name}: l1FromFirst`);
    checkRange(s.metrics.sigma, 0, 1, `${s.name}: sigma`);
    checkRange(s.metrics.tailLoss, 0, 1, `${s.name}: tailLoss`);
    checkRange(s.metrics.tailMass, 0, 1, `${s.name}: tailMass`);
    if (s.metrics.heldOutNll) checkRange(s.metrics.heldOutNll, 0, Infinity, `${s.name}: heldOutNll`);
    for (let g = 0; g < G; g++) {
      if (!(s.syntheticFraction[g] >= 0 && s.syntheticFraction[g] <= 1)) fail(`${s.name}: syntheticFraction[${g}] = ${s.syntheticFraction[g]}`);
      if (!(s.missingContexts[g] >= 0 && s.missingContexts[g] <= r.contexts)) fail(`${s.name}: missingContexts[${g}] = ${s.missingContexts[g]}`);
    }
  }
}

// ---------------------------------------------------------------------------
// estimateCollapse

const weightArb = fc.oneof(fc.constantFrom(1, 0, 3, 1e308, 5e-324, 1e-300, 1e300), fc.double({ min: 0, max: 100, noNaN: true }));
const badWeight = fc.constantFrom<unknown>(-1, Number.NaN, Infinity, '1', null);
function normalised(a: number[], k: number): number[] {
  const s = a.reduce((x, y) => x + y, 0);
  return s > 0 ? a.map((x) => x / s) : a.map((_, i) => (i === k ? 1 : 0));
}

/** A model's outputs (s ≤ 5 tokens, c ≤ 4 contexts, ≤ 4 generations) in every layout; with `often`, invalid parts too. */
function outputsOf(v: Pick): fc.Arbitrary<{ outputs: unknown; layout: string }> {
  const valid = v === validOnly;
  return fc.record({ s: fc.integer({ min: 1, max: 5 }), c: fc.integer({ min: 1, max: 4 }), G: fc.integer({ min: valid ? 1 : 0, max: 4 }) }).chain(({ s, c, G }) => {
    const dense = fc.tuple(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: s, maxLength: s }), fc.nat(s - 1)).map(([a, k]) => normalised(a, k));
    const validRow = fc.oneof(
      { weight: 6, arbitrary: dense },
      { weight: 1, arbitrary: dense.map((a) => Float32Array.from(a)) },
      { weight: 2, arbitrary: fc.nat(s - 1).map((k) => ({ [k]: 1 })) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(s - 1), fc.nat(s - 1)).map(([i, j]) => (i === j ? { [i]: 1 } : { [i]: 0.25, [j]: 0.75 })) },
      { weight: 2, arbitrary: fc.constant(null) },
    );
    const badRow = fc.constantFrom<unknown>(
      new Array(s + 1).fill(1 / (s + 1)), [Number.NaN, ...new Array(s - 1).fill(0)], [2, ...new Array(s - 1).fill(0)], [-0.5, 1.5, ...new Array(Math.max(0, s - 2)).fill(0)].slice(0, s),
      { [s]: 1 }, { '-1': 1 }, { '01': 1 }, { x: 1 }, { 0: Infinity }, { 0: '1' }, undefined, 1, 'row', [1 + 2e-4, ...new Array(s - 1).fill(0)],
    );
    const row = valid ? validRow : fc.oneof({ weight: 12, arbitrary: validRow }, { weight: 1, arbitrary: badRow });
    const flat = fc.tuple(fc.array(dense, { minLength: c, maxLength: c }), fc.boolean()).map(([rows, f32]) => (f32 ? Float32Array.from(rows.flat()) : Float64Array.from(rows.flat())));
    const validGeneration = fc.oneof({ weight: 8, arbitrary: fc.array(row, { minLength: c, maxLength: c }) }, { weight: 2, arbitrary: flat });
    const generation = valid
      ? validGeneration
      : fc.oneof({ weight: 10, arbitrary: validGeneration }, { weight: 1, arbitrary: fc.oneof(fc.array(row, { maxLength: 5 }), fc.constantFrom<unknown>(new Float64Array(c * s + 1), 'gen', null, 3), anyValue) });
    const validHeldOut = fc.oneof(
      fc.array(fc.oneof(fc.array(fc.nat(s - 1), { maxLength: 4 }), fc.constant(null)), { minLength: c, maxLength: c }),
      fc.array(fc.tuple(fc.nat(c - 1), fc.nat(s - 1)), { maxLength: 6 }).map((pairs) => ({ contexts: Int32Array.from(pairs.map((p) => p[0])), tokens: Int32Array.from(pairs.map((p) => p[1])) })),
    );
    const badHeldOut = fc.oneof(fc.constantFrom<unknown>([[s]], { contexts: [c], tokens: [0] }, { contexts: [0], tokens: [] }, [[-1]], [['0']], 'x', [[0.5]]), anyValue);
    return fc.record({
      outputs: fc.record(
        {
          vocabularySize: v(fc.constant(s), fc.oneof(fc.constantFrom(0, s + 1, 2.5, Number.NaN, 1e8 + 1, '3'), anyValue)),
          contextCount: v(fc.constant(c), fc.oneof(fc.constantFrom(0, c + 1, 2.5), anyValue)),
          generations: fc.array(generation, { minLength: G, maxLength: G }),
          weights: v(fc.array(weightArb, { minLength: c, maxLength: c }), fc.oneof(fc.array(fc.oneof(weightArb, badWeight), { minLength: c, maxLength: c }), fc.array(weightArb, { maxLength: 3 }), anyValue)),
          heldOut: v(validHeldOut, badHeldOut),
          contexts: v(fc.array(fc.string({ maxLength: 3 }), { minLength: c, maxLength: c }), fc.oneof(fc.array(fc.string(), { maxLength: 5 }), anyValue)),
        },
        { requiredKeys: ['vocabularySize', 'generations'] },
      ),
      layout: fc.constantFrom('array', 'array', 'array', 'iterable', 'json', 'array-like'),
    });
  });
}
function estimateOptionsOf(v: Pick): fc.Arbitrary<unknown> {
  const o = optionsOf({
    level: v(fc.oneof(fc.constantFrom(0.95, 1e-9, 1 - 1e-9), fc.double({ min: 0.01, max: 0.99, noNaN: true })), fc.oneof(fc.constantFrom(0, 1, Number.NaN), anyValue)),
    smoothing: v(fc.oneof(fc.constantFrom(0, 1, 0.01, 5e-324, 1e-300), fc.double({ min: 0, max: 1, noNaN: true })), fc.oneof(fc.constantFrom(-0.1, 1.5, Number.NaN), anyValue)),
    zeroThreshold: v(fc.oneof(fc.constantFrom(0, 1e-7, 0.5, 1 - 2 ** -53), fc.double({ min: 0, max: 0.99, noNaN: true })), fc.oneof(fc.constantFrom(1, -1, Number.NaN), anyValue)),
    sumTolerance: v(fc.oneof(fc.constantFrom(1e-4, 0.5, 1e-12, 0), fc.double({ min: 1e-12, max: 0.5, noNaN: true })), fc.oneof(fc.constantFrom(0.6, -1, Number.NaN), anyValue)),
  });
  return v === validOnly ? fc.oneof(fc.constant(undefined), o) : fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: o }, { weight: 1, arbitrary: anyValue });
}
/** The outputs in the requested layout (built per call: an iterator is consumed by one call). */
function laidOut({ outputs, layout }: { outputs: unknown; layout: string }): unknown {
  const o = outputs as { generations: unknown[] };
  switch (layout) {
    case 'iterable':
      return { ...o, generations: (function* () { yield* o.generations; })() };
    case 'json':
      try {
        return JSON.stringify(o);
      } catch {
        return o; // a bigint somewhere
      }
    case 'array-like':
      return { ...o, generations: { ...o.generations, length: o.generations.length } };
    default:
      return o;
  }
}

function checkEstimate(r: api.CollapseEstimate): void {
  checkDeep(r);
  checkRange(r.metrics.l1FromFirst, 0, 2, 'l1FromFirst');
  checkRange(r.metrics.sigma, 0, 1, 'sigma');
  checkRange(r.metrics.tailLoss, 0, 1, 'tailLoss');
  checkRange(r.metrics.tailMass, 0, 1, 'tailMass');
  if (r.metrics.heldOutNll) checkRange(r.metrics.heldOutNll, 0, Infinity, 'heldOutNll');
  for (let g = 0; g < r.generations; g++) {
    if (!(r.missingWeight[g] >= 0 && r.missingWeight[g] <= 1)) fail(`missingWeight[${g}] = ${r.missingWeight[g]}`);
  }
}

// ---------------------------------------------------------------------------
// contextMeanInterval

const valuesArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(1e308, -1e308, 1.7e308, 1e200, -1e200, 1e-200, 5e-324, 0, -0, 1), { minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], [Number.NaN], [Infinity, 1], ['1'], [null], new Float64Array([1, 2]), new Float32Array([0.5]), { length: 1, 0: 3 }) },
  { weight: 1, arbitrary: anyValue },
);
const cmiArgs = fc
  .tuple(
    valuesArb,
    fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.constantFrom(3, 4) }),
    fc.array(fc.oneof({ weight: 12, arbitrary: weightArb }, { weight: 1, arbitrary: badWeight }), { maxLength: 12 }),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: fc.oneof(fc.constantFrom(0.95, 0.5, 1e-9, 1 - 1e-9, 1 - 2 ** -53, 5e-324), fc.double({ min: 0.01, max: 0.99, noNaN: true })) },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom(0, 1, Number.NaN, '0.9'), anyValue) },
    ),
  )
  .map(([values, mode, w, level]) => {
    if (mode === 4) return [values, level]; // options that are not an options object
    const n = typeof values === 'object' && values !== null && typeof (values as ArrayLike<unknown>).length === 'number' ? (values as ArrayLike<unknown>).length : 0;
    // 0: no weights; 1, 2: one weight per value; 3: weights of any length
    const weights = mode === 0 ? undefined : mode === 3 ? w : Array.from({ length: n }, (_, i) => (w.length === 0 ? 1 : w[i % w.length]));
    const options = weights === undefined && level === undefined ? undefined : { ...(weights === undefined ? {} : { weights }), ...(level === undefined ? {} : { level }) };
    return [values, options];
  });

// ---------------------------------------------------------------------------
// Display

const S0For = (support: number, t: number): number => (support === 1 ? 1 : 1 / support + t * (1 - 1 / support) * (1 - 1e-12));
const nEdge = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constantFrom(1, 2, 1e3, 1e9, 2 ** 53 - 1));
const supportEdge = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(1, 2, 1e7));
const epsilonEdge = fc.oneof(fc.constantFrom(2, 1, 0.1, 1e-12), fc.double({ min: 1e-6, max: 2, noNaN: true }));
const NEdge = fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(1, 1e15));
const sEdge = fc.oneof(fc.integer({ min: 2, max: 1000 }), fc.constantFrom(2, 1e9));
const seedArb = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const fixedSafe = [{ epsilon: 0.5, N: 100, s: 10 }, { epsilon: 0.5, N: 100, s: 3, p: [0.5, 0.3, 0.2] }, { epsilon: 1.5, N: 10, s: 2 }, { epsilon: 0.01, N: 5, s: 3 }];

/** A displayable result of the library (built in the call), or something that is not one. */
const displaySpec: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ kind: fc.constant('collapseTimeBounds'), n: nEdge, support: supportEdge, t: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('collapseProbabilityBounds'), m: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 1e6, 1e12)), n: nEdge, support: supportEdge, t: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('safeSyntheticSizes'), epsilon: epsilonEdge, N: NEdge, s: sEdge, bound: fc.constantFrom(undefined, 'theorem3', 'theorem4'), lambda1: fc.constantFrom(undefined, 0, 0.25, 0.1) }),
  fc.record({ kind: fc.constant('paperSafeSyntheticSize'), epsilon: epsilonEdge, N: NEdge, s: sEdge }),
  fc.record({ kind: fc.constant('exactCollapseTime'), p: smallP, n: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('exactDeviation'), p: smallP.filter((p) => p.length <= 4), N: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 12 }), generations: fc.integer({ min: 0, max: 8 }), stationary: fc.boolean() }),
  fc.record({ kind: fc.constant('simulate'), p: smallP, schedule: scheduleArb, generations: fc.integer({ min: 1, max: 40 }), runs: fc.integer({ min: 1, max: 5 }), seed: seedArb, metrics: fc.subarray([...api.METRIC_NAMES], { minLength: 1 }), earlyStop: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('exactSafeSyntheticSize', 'compareSafeSyntheticSizes'), which: fc.nat(fixedSafe.length - 1) }),
  fc.record({ kind: fc.constantFrom('spread', 'json'), inner: fc.constantFrom('collapseTimeBounds', 'simulate') }),
  fc.record({ kind: fc.constant('protocol'), value: fc.constantFrom<unknown>(() => ({ 'text/plain': 'x' }), async () => ({ 'text/plain': 'y' }), 5, null) }),
  fc.record({ kind: fc.constant('junk'), value: anyValue }),
);
/** Specs whose value is not a result of the library (no display method, or someone else's). */
const NOT_OURS = new Set(['spread', 'json', 'junk', 'protocol']);
const safeCache = new Map<string, object>();
/** Builds the result a spec describes. */
function displayable(spec: Record<string, unknown>): unknown {
  const num = (k: string) => spec[k] as number;
  switch (spec.kind) {
    case 'collapseTimeBounds':
      return api.collapseTimeBounds({ n: num('n'), S0: S0For(num('support'), num('t')), support: num('support') });
    case 'collapseProbabilityBounds':
      return api.collapseProbabilityBounds(num('m'), { n: num('n'), S0: S0For(num('support'), num('t')), support: num('support') });
    case 'safeSyntheticSizes':
      return api.safeSyntheticSizes({ epsilon: num('epsilon'), N: num('N'), s: num('s'), ...(spec.bound === undefined ? {} : { bound: spec.bound }), ...(spec.lambda1 === undefined ? {} : { lambda1: spec.lambda1 }) } as never);
    case 'paperSafeSyntheticSize':
      return api.paperSafeSyntheticSize({ epsilon: num('epsilon'), N: num('N'), s: num('s') });
    case 'exactCollapseTime':
      return api.exactCollapseTime(spec.p as number[], { n: num('n') });
    case 'exactDeviation':
      return api.exactDeviation({ p: spec.p as number[], N: num('N'), n: num('n'), generations: num('generations'), stationary: spec.stationary as boolean, maxOperations: 1e6 });
    case 'simulate': {
      let schedule = spec.schedule;
      try {
        api.scheduleTotal(schedule as never, 1);
      } catch {
        schedule = api.fullySynthetic({ n: 3 });
      }
      return api.simulate({ p: spec.p as number[], schedule: schedule as never, generations: num('generations'), runs: num('runs'), seed: num('seed'), metrics: spec.metrics as never, earlyStop: spec.earlyStop as boolean });
    }
    case 'exactSafeSyntheticSize':
    case 'compareSafeSyntheticSizes': {
      const key = `${spec.kind}${num('which')}`;
      let r = safeCache.get(key);
      if (r === undefined) {
        const o = fixedSafe[num('which')];
        r = spec.kind === 'exactSafeSyntheticSize' ? api.exactSafeSyntheticSize(o) : api.compareSafeSyntheticSizes(o);
        safeCache.set(key, r);
      }
      return r;
    }
    case 'spread':
    case 'json': {
      const inner = spec.inner === 'simulate' ? api.simulate({ p: [0.5, 0.5], schedule: api.fullySynthetic({ n: 3 }), generations: 3, runs: 2, seed: 1 }) : api.collapseTimeBounds({ n: 10, S0: 0.1, support: 52 });
      return spec.kind === 'spread' ? { ...inner } : JSON.parse(JSON.stringify(inner));
    }
    case 'protocol':
      return { [KEY]: spec.value };
    default:
      return spec.value;
  }
}

// ---------------------------------------------------------------------------
// readCorpusFile: files in a temporary directory

let fuzzDir: string | null = null;
function dir(): string {
  if (fuzzDir === null) {
    fuzzDir = mkdtempSync(join(tmpdir(), 'model-collapse-fuzz-'));
    mkdirSync(join(fuzzDir, 'a-directory'));
  }
  return fuzzDir;
}
/** Removes the temporary files of readCorpusFile's case (call after the fuzz run). */
let mobyDickSeen: string | null = null;

export function cleanupTextFuzz(): void {
  if (fuzzDir !== null) rmSync(fuzzDir, { recursive: true, force: true });
  fuzzDir = null;
}
/** A path: a file with fuzzed content (text or bytes), a missing file, a directory, or not a path. */
const pathSpec = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('file'), content: fc.oneof(textString, textBytes) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('missing'), name: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('directory') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('value'), value: fc.oneof(fc.constantFrom<unknown>('', null, undefined, 42, new URL('file:///nonexistent-model-collapse')), anyValue.filter((x) => typeof x !== 'string')) }) },
);
/** The bytes written for a file's content (a lone surrogate of a string is written as U+FFFD). */
function bytesOf(content: unknown): Uint8Array {
  return typeof content === 'string' ? encoder.encode(content) : (content as Uint8Array);
}
/** File-system errors readCorpusFile documents ("the file system's error if unreadable"). */
function isFsError(e: unknown, spec: Record<string, unknown>): boolean {
  return (spec.kind === 'missing' || spec.kind === 'directory') && typeof (e as { code?: unknown })?.code === 'string';
}

// ---------------------------------------------------------------------------
// The cases

/** Functions whose TSDoc documents ±Infinity in an accepted result. */
const INTERVALS = 'interval bounds lower/upper are ∓Infinity with one context (contextMeanInterval TSDoc) and at levels whose t quantile rounds to Infinity; se is Infinity with one context; checkDeep allows Infinity only there';

/**
 * Longest time one call may take. Accepted problems are tiny (milliseconds), so
 * this only catches hangs: fitNgram's radix buckets made a one-token corpus with
 * vocabulary 2^31 − 1 take 26 s (fixed). Generous, so that a loaded machine does
 * not fail a case.
 */
const MAX_CALL_MS = 5_000;

/** The call, failing when it (or its promise) takes longer than MAX_CALL_MS. */
function bounded(name: string, call: FuzzCase['call']): FuzzCase['call'] {
  return (args) => {
    const started = performance.now();
    const check = (): void => {
      const ms = performance.now() - started;
      if (ms > MAX_CALL_MS) fail(`${name} took ${ms.toFixed(0)} ms (at most ${MAX_CALL_MS} ms)`);
    };
    let result: unknown;
    try {
      result = call(args);
    } catch (e) {
      check();
      throw e;
    }
    if (result instanceof Promise) {
      return result.then(
        (r: unknown) => {
          check();
          return r;
        },
        (e: unknown) => {
          check();
          throw e;
        },
      );
    }
    check();
    return result;
  };
}

const cases: FuzzCase[] = [
  {
    name: 'invalidUtf8Offset',
    args: fc.tuple(fc.oneof({ weight: 5, arbitrary: textBytes }, { weight: 1, arbitrary: fc.constantFrom<unknown>([0xff], [0x61], 'abc', new Uint16Array([0xd800]), new ArrayBuffer(2)) }, { weight: 1, arbitrary: anyValue })),
    call: ([bytes]) => {
      const off = api.invalidUtf8Offset(bytes as Uint8Array);
      const b = bytes as Uint8Array;
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
      } catch {
        valid = false;
      }
      if ((off === -1) !== valid) fail(`invalidUtf8Offset = ${off} but TextDecoder says ${valid ? 'valid' : 'invalid'}`);
      if (off >= 0) {
        new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, off)); // the prefix is valid
        if (off >= b.length) fail(`offset ${off} past the end (${b.length})`);
      }
      return off;
    },
  },
  {
    name: 'readText',
    args: fc.tuple(mostly(fc.constantFrom('text', 'corpus', '')), textLike),
    call: ([name, value]) => {
      const out = api.readText(name as string, value);
      const want = expectedText(value);
      if (want === null || out !== want) fail(`readText returned ${JSON.stringify(out).slice(0, 60)}, expected ${JSON.stringify(want)?.slice(0, 60)}`);
      return out.length;
    },
  },
  {
    name: 'characterTokenizer',
    args: fc.tuple(textLike, optionsArb({ unknownToken: often(fc.constantFrom('?', '<unk>', 'a', '😀', ' ')) }), fc.option(textLike, { nil: null, freq: 2 })),
    call: ([text, options, other]) => {
      const tok = api.characterTokenizer(text as string, options as never);
      const str = api.readText('text', text);
      const ids = tok.encode(str);
      if (tok.decode(ids) !== str) fail('decode(encode(text)) !== text');
      if (new Set(tok.vocabulary).size !== tok.vocabulary.length && tok.unknownToken === null) fail('duplicate vocabulary entries');
      // another text: the same characters in reverse order (null), or any text
      const again = tok.encode(other === null ? [...str].reverse().join('') : (other as string));
      for (const id of again) if (!(id >= 0 && id < tok.vocabulary.length)) fail(`encode gave id ${id}`);
      return [tok.vocabulary.length, ids.length, again.length, tok.unknownId];
    },
  },
  {
    name: 'wordTokenizer',
    args: fc.tuple(
      textLike,
      optionsArb({
        maxVocabulary: often(fc.oneof(fc.integer({ min: 2, max: 8 }), fc.constantFrom(2, 2 ** 31 - 1)), fc.oneof(fc.constantFrom(1, 0, 2 ** 31, 2.5, Number.NaN), anyValue)),
        unknownToken: often(fc.constantFrom('<unk>', 'a', 'the', '😀', 'x y', '')),
        lowercase: often(fc.boolean()),
        split: often(fc.constantFrom('whitespace', 'words'), fc.oneof(fc.constantFrom('bpe', 'Words'), anyValue)),
      }),
      textLike,
    ),
    call: ([text, options, other]) => {
      const tok = api.wordTokenizer(text as string, options as never);
      const s = tok.vocabulary.length;
      const max = (options as { maxVocabulary?: number } | undefined)?.maxVocabulary ?? 10000;
      if (s < 1 || s > max || tok.unknownId !== 0 || tok.vocabulary[0] !== tok.unknownToken) fail(`vocabulary of ${s} (max ${max}), unknown ${tok.unknownId}`);
      const ids = tok.encode(text as string);
      for (const id of ids) if (!(id >= 0 && id < s)) fail(`encode gave id ${id}`);
      const decoded = tok.decode(ids);
      const again = tok.encode(other as string);
      return [s, ids.length, decoded.length, again.length];
    },
  },
  {
    name: 'prepareCorpus',
    args: fc.tuple(textLike, fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: corpusOptions.filter((o) => typeof o === 'object' && o !== null) }, { weight: 1, arbitrary: anyValue })),
    call: ([text, options]) => {
      const c = api.prepareCorpus(text as string, options as never);
      const T = c.train.length + c.heldOut.length;
      const f = (options as { heldOutFraction?: number } | undefined)?.heldOutFraction ?? api.DEFAULT_HELD_OUT_FRACTION;
      if (T < 1 || c.train.length !== Math.floor((1 - f) * T)) fail(`split ${c.train.length} + ${c.heldOut.length} for f = ${f}`);
      for (const a of [c.train, c.heldOut]) for (const id of a) if (!(id >= 0 && id < c.vocabularySize)) fail(`token id ${id} outside [0, ${c.vocabularySize})`);
      return [c.train.length, c.heldOut.length, c.vocabularySize];
    },
  },
  {
    name: 'splitTokens',
    args: fc.tuple(tokensArb, optionsArb({ vocabularySize: vocabularySizeArb, heldOutFraction: often(fc.oneof(fc.constantFrom(0, 0.5, 5e-324), fc.double({ min: 0, max: 0.5, noNaN: true })), fc.oneof(fc.constantFrom(-0.1, 0.6, Number.NaN), anyValue)) })),
    call: ([tokens, options]) => {
      const c = api.splitTokens(tokens as number[], options as never);
      const t = tokens as ArrayLike<number>;
      const all = [...c.train, ...c.heldOut];
      if (all.length !== t.length || all.some((x, i) => x !== (t[i] === 0 ? 0 : t[i]))) fail('train + heldOut is not the token sequence');
      const f = (options as { heldOutFraction?: number } | undefined)?.heldOutFraction ?? api.DEFAULT_HELD_OUT_FRACTION;
      if (c.train.length !== Math.floor((1 - f) * t.length)) fail(`train has ${c.train.length} of ${t.length} tokens for f = ${f}`);
      return [c.train.length, c.heldOut.length, c.vocabularySize];
    },
  },
  {
    name: 'loadMobyDick',
    args: fc.tuple(fc.oneof(fc.constant(undefined), anyValue)),
    call: () =>
      (api.loadMobyDick as (...a: unknown[]) => Promise<string>)().then((text) => {
        // The full validation of the 1.2 MB text once; afterwards the same text must come back.
        if (mobyDickSeen === null) {
          if (text.length !== 1213006 || api.readText('text', text) !== text) fail(`loadMobyDick gave ${text.length} characters`);
          mobyDickSeen = text;
        } else if (text !== mobyDickSeen) fail('loadMobyDick gave a different text on a later call');
        return text.length;
      }),
    async: true,
  },
  {
    name: 'readCorpusFile',
    args: fc.tuple(pathSpec),
    call: ([spec]) => {
      const s = spec as Record<string, unknown>;
      let path: unknown;
      if (s.kind === 'file') {
        path = join(dir(), 'corpus.txt');
        writeFileSync(path as string, bytesOf(s.content));
      } else if (s.kind === 'missing') path = join(dir(), `missing-${s.name as string}`);
      else if (s.kind === 'directory') path = join(dir(), 'a-directory');
      else path = s.value;
      return api.readCorpusFile(path as string).then(
        (text) => {
          const want = expectedText(bytesOf(s.content));
          if (s.kind !== 'file' || want === null || text !== want) fail(`readCorpusFile returned ${JSON.stringify(text).slice(0, 60)}, expected ${JSON.stringify(want)?.slice(0, 60)}`);
          return text.length;
        },
        (e: unknown) => {
          if (isFsError(e, s)) return 'file-system error (documented)';
          throw e;
        },
      );
    },
    async: true,
  },
  {
    name: 'fitNgram',
    args: fc.tuple(tokensArb, fc.oneof({ weight: 6, arbitrary: fc.record({ contextLength: contextLengthArb, vocabularySize: vocabularySizeArb }, { requiredKeys: ['contextLength'] }) }, { weight: 1, arbitrary: anyValue })),
    call: ([tokens, options]) => {
      const m = api.fitNgram(tokens as number[], options as never);
      const t = tokens as ArrayLike<number>;
      if (m.total !== t.length - m.contextLength) fail(`total ${m.total} for ${t.length} tokens and ℓ = ${m.contextLength}`);
      let sum = 0;
      for (let j = 0; j < m.contextCount; j++) {
        let row = 0;
        for (let e = m.offsets[j]; e < m.offsets[j + 1]; e++) row += m.counts[e];
        if (row !== m.contextTotals[j] || row < 1) fail(`row ${j} counts ${row}, total ${m.contextTotals[j]}`);
        sum += row;
      }
      if (sum !== m.total) fail(`counts sum to ${sum}, not ${m.total}`);
      return [m.contextCount, m.total, m.start];
    },
  },
  {
    name: 'ngramContextIndex',
    args: contextArgs,
    call: ([model, context]) => {
      const j = api.ngramContextIndex(model as api.NgramModel, context as number[]);
      const m = model as api.NgramModel;
      if (j >= 0) {
        const row = Array.from(m.contexts.subarray(j * m.contextLength, (j + 1) * m.contextLength));
        if (row.join() !== Array.from(context as ArrayLike<number>).join()) fail(`row ${j} is ${row}, not the context`);
      }
      return j;
    },
  },
  {
    name: 'ngramDistribution',
    args: contextArgs,
    call: ([model, context]) => {
      const p = api.ngramDistribution(model as api.NgramModel, context as number[]);
      if (p !== null) {
        let sum = 0;
        for (const x of p) {
          if (!(x >= 0 && x <= 1)) fail(`probability ${x}`);
          sum += x;
        }
        if (Math.abs(sum - 1) > 1e-12 || p.length !== (model as api.NgramModel).vocabularySize) fail(`distribution sums to ${sum}, length ${p.length}`);
      }
      return p;
    },
  },
  {
    name: 'sampleText',
    args: fc.tuple(
      modelArb,
      fc.oneof(
        {
          weight: 8,
          arbitrary: fc.record(
            {
              length: often(fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constant(1)), fc.oneof(fc.constantFrom(0, -1, 2.5, 2 ** 31, 1e15, Number.NaN, '5'), anyValue)),
              seed: often(seedArb, fc.oneof(fc.constantFrom(-1, 2 ** 32, 0.5), anyValue)),
              // a caller's random source: any object with uniform() (even a constant or NaN one), or not one
              rng: often(fc.oneof(seedArb.map((x) => api.createRng(x)), fc.constantFrom<unknown>({ uniform: () => 0 }, { uniform: () => 1 - 2 ** -53 }, { uniform: () => Number.NaN })), fc.oneof(fc.constantFrom<unknown>({ uniform: 5 }, {}), anyValue)),
            },
            { requiredKeys: ['length', 'seed'] },
          ),
        },
        { weight: 1, arbitrary: fc.oneof(fc.constantFrom<unknown>({ length: 5 }, { seed: 1 }), anyValue) },
      ),
      // start: none, or a context built for the model (see contextFor)
      fc.option(fc.tuple(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), contextKind), { nil: null, freq: 2 }),
    ),
    call: ([model, opts, startSpec]) => {
      const options = startSpec === null || typeof opts !== 'object' || opts === null ? opts : { ...opts, start: contextFor(model, ...(startSpec as [number[], number])) };
      const out = api.sampleText(model as api.NgramModel, options as never);
      const m = model as api.NgramModel;
      if (out.length !== (options as { length: number }).length) fail(`${out.length} tokens, not ${(options as { length: number }).length}`);
      for (const id of out) if (!(id >= 0 && id < m.vocabularySize)) fail(`token ${id}`);
      return out.length;
    },
  },
  { name: 'syntheticMix', args: fc.tuple(mostly(fc.oneof(fc.constantFrom(0, -0, 100, 50, 20, 99.99999999, 5e-324), fc.double({ min: 0, max: 100, noNaN: true })), fc.oneof(fc.constantFrom(-1, 100.000001, Number.NaN, Infinity, '50'), anyValue))), call: ([x]) => api.textScheduleName(api.syntheticMix(x as number)) },
  {
    name: 'figure5Schedules',
    args: fc.tuple(fc.oneof(fc.constant(undefined), anyValue)),
    call: () => {
      const names = (api.figure5Schedules as (...a: unknown[]) => api.TextSchedule[])().map((s) => api.textScheduleName(s));
      if (names.join('|') !== 'synthetic|synthetic 50% – real 50%|synthetic 20% – real 80%') fail(names.join('|'));
      return names.length;
    },
  },
  {
    name: 'textScheduleName',
    args: fc.tuple(textScheduleEdgeArb),
    call: ([s]) => {
      const name = api.textScheduleName(s as never);
      if (typeof name !== 'string') fail(`name ${String(name)}`);
      return name;
    },
  },
  { name: 'textScheduleFor', args: fc.tuple(textScheduleEdgeArb, mostly(fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(1, 2 ** 31 - 1)), fc.oneof(fc.constantFrom(0, -1, 2.5, 2 ** 31, Number.NaN, '3'), anyValue))), call: ([s, N]) => api.scheduleTotal(api.textScheduleFor(s as never, N as number), 2) },
  {
    name: 'simulateText',
    args: fc.tuple(simulateTextOptions),
    call: ([o]) => {
      const r = api.simulateText(o as never);
      checkTextResult(r);
      return r;
    },
    infinite: INTERVALS,
  },
  {
    name: 'estimateCollapse',
    args: fc.oneof(fc.tuple(outputsOf(validOnly), estimateOptionsOf(validOnly)), fc.tuple(outputsOf(often), estimateOptionsOf(often))),
    call: ([spec, options]) => {
      const r = api.estimateCollapse(laidOut(spec as { outputs: unknown; layout: string }) as never, options as never);
      checkEstimate(r);
      return r;
    },
    infinite: INTERVALS,
  },
  {
    name: 'contextMeanInterval',
    args: cmiArgs,
    call: ([values, options]) => {
      const r = api.contextMeanInterval(values as number[], options as never);
      checkDeep(r);
      if (!Number.isFinite(r.mean)) fail(`mean ${r.mean}`);
      if (r.n >= 2 && !(r.se >= 0 && r.se < Infinity)) fail(`se ${r.se} with ${r.n} contexts`);
      const v = Array.from(values as ArrayLike<number>);
      const w = (options as { weights?: number[] } | undefined)?.weights;
      const kept = v.filter((_, i) => w === undefined || w[i] > 0);
      const lo = Math.min(...kept);
      const hi = Math.max(...kept);
      const slack = 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
      if (!(r.mean >= lo - slack && r.mean <= hi + slack)) fail(`mean ${r.mean} outside [${lo}, ${hi}]`);
      return r;
    },
    infinite: INTERVALS,
  },
  {
    name: 'hasDisplay',
    args: fc.tuple(displaySpec),
    call: ([spec]) => {
      const s = spec as Record<string, unknown>;
      let value: unknown;
      try {
        value = displayable(s);
      } catch (e) {
        if (isDocumentedError(e)) return 'typed error building the value';
        throw e;
      }
      const got = api.hasDisplay(value);
      const want = typeof value === 'object' && value !== null && typeof (value as Record<symbol, unknown>)[KEY] === 'function';
      if (got !== want) fail(`hasDisplay = ${got} for ${String(s.kind)}`);
      if (!NOT_OURS.has(s.kind as string) && !got) fail(`hasDisplay = false for a ${String(s.kind)} result`);
      if ((s.kind === 'spread' || s.kind === 'json') && got) fail(`hasDisplay = true for a ${String(s.kind)} copy (the method is non-enumerable)`);
      return got;
    },
  },
  {
    name: 'toMimeBundle',
    args: fc.tuple(displaySpec),
    call: ([spec]) => {
      const s = spec as Record<string, unknown>;
      const value = displayable(s); // typed errors of the producing function are outcomes too
      return api.toMimeBundle(value as object).then(
        (b) => {
          if (s.kind === 'protocol') {
            // someone else's display method: its bundle is passed through unchanged
            if (typeof s.value !== 'function' || typeof b?.['text/plain'] !== 'string') fail('a bundle for a value without a display method');
            return 'protocol';
          }
          if (NOT_OURS.has(s.kind as string)) fail(`a bundle for a ${String(s.kind)} value`);
          checkBundle(b);
          return Object.keys(b).join(',');
        },
        (e: unknown) => {
          // TSDoc: "@throws {TypeError} (the promise rejects) when `result` has no display method".
          if (e instanceof TypeError && !api.hasDisplay(value) && /^toMimeBundle: expected a result object of model-collapse/.test(e.message)) return 'no display method (documented TypeError)';
          throw e;
        },
      );
    },
    async: true,
  },
];

export const textCases: FuzzCase[] = cases.map((c) => ({ ...c, call: bounded(c.name, c.call) }));

// ---------------------------------------------------------------------------
// linePlot (entry point model-collapse/plot, outside src/index.ts: not in textCases)

const finiteCoordinate = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, -0, 5e-324, 1e-300, 1e300, 1.7e308, -1.7e308));
const seriesArb = fc.integer({ min: 0, max: 8 }).chain((n) => {
  const coords = (min: number) => fc.array(finiteCoordinate, { minLength: Math.max(n, min), maxLength: Math.max(n, min) });
  return fc.record(
    {
      name: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('<b>&amp;</b>', 'a & b', '"q"', "'", ']]>', '')),
      x: coords(0),
      y: coords(0),
      lower: coords(0),
      upper: coords(0),
      style: fc.constantFrom('line', 'dashed', 'dots', 'step'),
      color: fc.constantFrom('#1f77b4', 'red', 'rgb(0, 0, 0)'),
    },
    { requiredKeys: ['name', 'x', 'y'] },
  );
});
const plotOptionsArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        series: fc.array(fc.oneof({ weight: 12, arbitrary: seriesArb }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom<unknown>(null, {}, { name: 'a', x: [1], y: [1, 2] }, { name: 'a', x: 'ab', y: 'ab' }, { name: 'a', x: [1], y: [1], lower: 3 }), anyValue) }), { minLength: 1, maxLength: 4 }),
        title: fc.string({ maxLength: 12 }),
        subtitle: fc.string({ maxLength: 12 }),
        xLabel: fc.constantFrom('generation m', 'x <&>', ''),
        yLabel: fc.constantFrom('σ_m', 'y'),
        logX: fc.boolean(),
        logY: fc.boolean(),
        yDomain: often(fc.tuple(finiteCoordinate, finiteCoordinate), fc.constantFrom<unknown>([0], [Number.NaN, 1], [0, Infinity], 'ab')),
        width: often(fc.integer({ min: 1, max: 1200 }), fc.constantFrom<unknown>(0, -1, Number.NaN, 1e9)),
        height: often(fc.integer({ min: 1, max: 900 }), fc.constantFrom<unknown>(0, -1, Infinity)),
      },
      { requiredKeys: ['series', 'xLabel', 'yLabel'] },
    ),
  },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom<unknown>({ series: [], xLabel: 'x', yLabel: 'y' }, { xLabel: 'x', yLabel: 'y' }, null), anyValue) },
);

/** linePlot: a typed error or a well-formed SVG without NaN (its data are finite). 30 % of the runs: each call renders a plot (≈ 3 ms). */
export const plotCases: FuzzCase[] = [
  {
    name: 'linePlot (model-collapse/plot)',
    args: fc.tuple(plotOptionsArb),
    call: bounded('linePlot', ([o]) => {
      const svg = linePlot(o as never);
      const problem = markupProblem(svg, true);
      if (problem !== null) fail(`linePlot: ${problem}`);
      const hit = /NaN|undefined|Infinity/.exec(svg);
      if (hit) fail(`linePlot output contains '${hit[0]}': …${svg.slice(Math.max(0, hit.index - 80), hit.index + 20)}…`);
      return svg.length;
    }),
  },
];
