/**
 * The paper's statistical language model on real text (§2.1). With one-hot
 * context embeddings the softmax classifier of eq. 1 is minimised by the
 * empirical conditional frequencies (eq. 2):
 * p̂_{jk} = (1/|C_j|) Σ_{l ∈ C_j} y_{lk}, C_j the training pairs whose context
 * is j — an n-gram model with n = ℓ + 1. {@link fitNgram} computes it from a
 * token sequence; {@link sampleText} generates text from it.
 *
 * Storage is compressed sparse rows over the contexts that occur: context j
 * (row j of `contexts`, contexts sorted lexicographically) has the next tokens
 * `tokens[offsets[j] … offsets[j+1])` (increasing) with their `counts`.
 *
 * @module
 */
import { checkInteger, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { createRng } from '../random/rng.ts';
import type { Rng } from '../random/types.ts';
import { readTokens, readVocabularySize, tooShort } from './input.ts';

/** Largest context length ℓ accepted. */
export const MAX_CONTEXT_LENGTH: number = 64;

/**
 * An n-gram model (n = ℓ + 1): per-context next-token counts, i.e. the
 * minimiser of eq. 1 with one-hot contexts, p(k | j) = counts / contextTotals[j] (eq. 2).
 */
export interface NgramModel {
  /** Context length ℓ (0: one empty context, a unigram model). */
  readonly contextLength: number;
  /** Vocabulary size s (token ids are 0…s − 1). */
  readonly vocabularySize: number;
  /** Number c of distinct contexts with at least one training pair. */
  readonly contextCount: number;
  /** Number of training (context, next token) pairs, M = Σ_j N_j. */
  readonly total: number;
  /** The contexts, row-major c × ℓ, sorted lexicographically. */
  readonly contexts: Int32Array;
  /** Row offsets, length c + 1: context j's entries are offsets[j] … offsets[j+1] − 1. */
  readonly offsets: Int32Array;
  /** Next token of each entry (increasing within a row). */
  readonly tokens: Int32Array;
  /** Count of each entry (how often that token followed the context). */
  readonly counts: Float64Array;
  /** N_j = Σ of row j's counts (0 for a context a recursive generation never produced). */
  readonly contextTotals: Float64Array;
  /**
   * For each entry (context j, token k): the index of the context that follows
   * — j shifted by one with k appended — or −1 if that context has no row.
   */
  readonly successors: Int32Array;
  /** Index of the context at the start of the training text (where {@link sampleText} starts). */
  readonly start: number;
}

/** Options of {@link fitNgram}. */
export interface FitNgramOptions {
  /** Context length ℓ ≥ 0 (ℓ = 0: unigram). */
  contextLength: number;
  /** Vocabulary size s (default: largest token id + 1). */
  vocabularySize?: number;
}

/** A fitted model with the training pairs in text order (entry index of each pair). */
export interface NgramFit {
  model: NgramModel;
  /** Entry index of pair t (context tokens[t…t+ℓ), next token tokens[t+ℓ]), t = 0…M − 1. */
  sequence: Int32Array;
}

/** Stable counting sort of `perm` by `digit(perm[i])` ∈ [0, s). */
function countingPass(perm: Int32Array, out: Int32Array, tokens: Int32Array, shift: number, s: number, bucket: Int32Array): void {
  bucket.fill(0);
  const M = perm.length;
  for (let i = 0; i < M; i++) bucket[tokens[perm[i] + shift] + 1]++;
  for (let b = 1; b <= s; b++) bucket[b] += bucket[b - 1];
  for (let i = 0; i < M; i++) {
    const t = perm[i];
    out[bucket[tokens[t + shift]]++] = t;
  }
}

/** Compares `key[0…ℓ)` with row j of the contexts: negative, 0 or positive. */
function compareRow(key: ArrayLike<number>, keyOffset: number, contexts: Int32Array, j: number, l: number): number {
  const base = j * l;
  for (let i = 0; i < l; i++) {
    const d = key[keyOffset + i] - contexts[base + i];
    if (d !== 0) return d;
  }
  return 0;
}

/** Row index of the context key[keyOffset … keyOffset+ℓ), or −1. */
export function findContext(contexts: Int32Array, c: number, l: number, key: ArrayLike<number>, keyOffset: number): number {
  let lo = 0;
  let hi = c - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const d = compareRow(key, keyOffset, contexts, mid, l);
    if (d === 0) return mid;
    if (d < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return -1;
}

/**
 * {@link fitNgram} on validated tokens, also returning the pairs in text order.
 *
 * @internal
 */
export function fitNgramUnchecked(tokens: Int32Array, l: number, s: number): NgramFit {
  const M = tokens.length - l;
  // LSD radix sort of the pair positions by (context, next token): stable, so
  // positions with equal keys stay in text order.
  let perm = new Int32Array(M);
  let tmp = new Int32Array(M);
  for (let t = 0; t < M; t++) perm[t] = t;
  if (s <= 8 * M + 1024) {
    const bucket = new Int32Array(s + 1);
    for (let shift = l; shift >= 0; shift--) {
      countingPass(perm, tmp, tokens, shift, s, bucket);
      const x = perm;
      perm = tmp;
      tmp = x;
    }
  } else {
    // A vocabulary much larger than the text (ids up to 2^31 − 2): the radix sort's
    // O((ℓ + 1)·s) buckets would dominate (8 GB and ~30 s at s = 2^31 − 1), so sort
    // the positions by comparison instead, ties in text order (the same order).
    const order = Array.from(perm);
    order.sort((a, b) => {
      for (let k = 0; k <= l; k++) {
        const d = tokens[a + k] - tokens[b + k];
        if (d !== 0) return d;
      }
      return a - b;
    });
    perm.set(order);
  }
  // Scan: count contexts and entries.
  const ctxOf = tmp; // reused: context index of each position
  const entryOf = new Int32Array(M);
  let c = 0;
  let L = 0;
  let prev = -1;
  for (let i = 0; i < M; i++) {
    const t = perm[i];
    let newContext = prev < 0;
    if (!newContext) {
      for (let k = 0; k < l; k++) {
        if (tokens[t + k] !== tokens[prev + k]) {
          newContext = true;
          break;
        }
      }
    }
    if (newContext) {
      c++;
      L++;
    } else if (tokens[t + l] !== tokens[prev + l]) L++;
    ctxOf[t] = c - 1;
    entryOf[t] = L - 1;
    prev = t;
  }
  const contexts = new Int32Array(c * l);
  const offsets = new Int32Array(c + 1);
  const next = new Int32Array(L);
  const counts = new Float64Array(L);
  const contextTotals = new Float64Array(c);
  const firstPos = new Int32Array(L).fill(-1);
  for (let i = 0; i < M; i++) {
    const t = perm[i];
    const j = ctxOf[t];
    const e = entryOf[t];
    if (firstPos[e] < 0) {
      firstPos[e] = t;
      next[e] = tokens[t + l];
      if (e === 0 || ctxOf[perm[i - 1]] !== j) {
        offsets[j] = e;
        for (let k = 0; k < l; k++) contexts[j * l + k] = tokens[t + k];
      }
    }
    counts[e]++;
    contextTotals[j]++;
  }
  offsets[c] = L;
  const successors = new Int32Array(L);
  const key = new Int32Array(Math.max(l, 1));
  for (let j = 0; j < c; j++) {
    for (let e = offsets[j]; e < offsets[j + 1]; e++) {
      const t = firstPos[e];
      if (l === 0) successors[e] = 0;
      else if (t + 1 < M) successors[e] = ctxOf[t + 1];
      else {
        for (let k = 0; k + 1 < l; k++) key[k] = contexts[j * l + k + 1];
        key[l - 1] = next[e];
        successors[e] = findContext(contexts, c, l, key, 0);
      }
    }
  }
  const model: NgramModel = {
    contextLength: l,
    vocabularySize: s,
    contextCount: c,
    total: M,
    contexts,
    offsets,
    tokens: next,
    counts,
    contextTotals,
    successors,
    start: ctxOf[0],
  };
  return { model, sequence: entryOf };
}

/**
 * Fits the statistical language model of §2.1 to a token sequence: for every
 * context j of ℓ consecutive tokens that is followed by a token, the counts of
 * the next tokens, whose normalisation is the softmax solution of eq. 1 with
 * one-hot contexts, p̂_{jk} = (1/|C_j|) Σ_{l ∈ C_j} y_{lk} (eq. 2) — an
 * n-gram model with n = ℓ + 1. The training pairs are (tokens[t…t+ℓ), tokens[t+ℓ]),
 * t = 0…T − ℓ − 1. Cost O((ℓ + 1)(T + s)) (a radix sort; a comparison sort,
 * O((ℓ + 1)·T log T), when s > 8T + 1024), memory O(T).
 *
 * @param tokens - Token ids, integers in [0, s), at least ℓ + 1 of them.
 * @param options - `contextLength` ℓ in [0, 64], optional `vocabularySize` s.
 * @returns The model (see {@link NgramModel}).
 * @throws {ParameterRangeError} / {ParameterTypeError} for bad tokens, ℓ, s, or fewer than ℓ + 1 tokens.
 *
 * @example
 * ```ts
 * // "abab a" as ids: a = 0, b = 1, space = 2
 * const m = fitNgram([0, 1, 0, 1, 2, 0], { contextLength: 1 });
 * m.contextCount; // => 3
 * Array.from(m.contexts); // => [0, 1, 2]
 * Array.from(m.contextTotals); // => [2, 2, 1]
 * // after "b": "a" once, " " once (eq. 2: p = 1/2 each)
 * Array.from(ngramDistribution(m, [1]) ?? []); // => [0.5, 0, 0.5]
 * ```
 */
export function fitNgram(tokens: ArrayLike<number>, options: FitNgramOptions): NgramModel {
  const o = checkOptions<FitNgramOptions>('options', options);
  const l = checkInteger('contextLength', o.contextLength, { min: 0, max: MAX_CONTEXT_LENGTH });
  const s = o.vocabularySize === undefined ? undefined : readVocabularySize('vocabularySize', o.vocabularySize);
  const read = readTokens('tokens', tokens, s);
  if (read.tokens.length < l + 1) throw tooShort('tokens', read.tokens.length, l);
  return fitNgramUnchecked(read.tokens, l, read.s).model;
}

function checkModel(model: unknown): NgramModel {
  const m = checkOptions<NgramModel>('model', model);
  if (!(m.offsets instanceof Int32Array) || !(m.counts instanceof Float64Array) || typeof m.contextLength !== 'number') {
    throw new ParameterTypeError('model', model, 'an n-gram model returned by fitNgram');
  }
  return m;
}

function readContext(model: NgramModel, context: unknown): Int32Array {
  const { tokens } = readTokens('context', context, model.vocabularySize);
  if (tokens.length !== model.contextLength) {
    throw new ParameterRangeError('context', context, `an array of ℓ = ${model.contextLength} token ids`);
  }
  return tokens;
}

/**
 * The row index of a context in an n-gram model, or −1 if the training text
 * never has it followed by a token.
 *
 * @param model - A model from {@link fitNgram}.
 * @param context - ℓ token ids.
 * @returns The index j (rows are sorted lexicographically), or −1.
 * @throws {ParameterRangeError} / {ParameterTypeError} for a bad model or a context of the wrong length.
 *
 * @example
 * ```ts
 * const m = fitNgram([0, 1, 0, 1, 2, 0], { contextLength: 2 });
 * ngramContextIndex(m, [1, 0]); // => 1
 * ngramContextIndex(m, [2, 2]); // => -1
 * ```
 */
export function ngramContextIndex(model: NgramModel, context: ArrayLike<number>): number {
  const m = checkModel(model);
  const key = readContext(m, context);
  return findContext(m.contexts, m.contextCount, m.contextLength, key, 0);
}

/**
 * The next-token distribution p(· | j) of eq. 2 for one context, as a dense
 * vector over the s tokens, or `null` for a context the model has no row for
 * (never followed by a token in training, or given no training data by a
 * recursive generation).
 *
 * @param model - A model from {@link fitNgram} (or a generation's model from {@link simulateText}).
 * @param context - ℓ token ids, or a row index j.
 * @returns `Float64Array` of length s summing to 1, or `null`.
 * @throws {ParameterRangeError} / {ParameterTypeError} for a bad model, context or index.
 *
 * @example
 * ```ts
 * const m = fitNgram([0, 0, 1, 0, 0, 0], { contextLength: 1 });
 * // after token 0: 0 three times, 1 once
 * Array.from(ngramDistribution(m, [0]) ?? []); // => [0.75, 0.25]
 * ngramDistribution(m, 1)?.[0]; // => 1
 * ```
 */
export function ngramDistribution(model: NgramModel, context: ArrayLike<number> | number): Float64Array | null {
  const m = checkModel(model);
  const j =
    typeof context === 'number'
      ? checkInteger('context', context, { min: 0, max: m.contextCount - 1 })
      : findContext(m.contexts, m.contextCount, m.contextLength, readContext(m, context), 0);
  if (j < 0 || !(m.contextTotals[j] > 0)) return null;
  const out = new Float64Array(m.vocabularySize);
  const total = m.contextTotals[j];
  for (let e = m.offsets[j]; e < m.offsets[j + 1]; e++) out[m.tokens[e]] = m.counts[e] / total;
  return out;
}

/**
 * Draws (context, next token) pairs from an n-gram model by running it as a
 * text generator: from the current context j, the next token k is drawn from
 * counts(j, ·)/N_j and the context moves to j's successor for k. When the
 * current context has no training data (no row, or N_j = 0 in a recursive
 * generation), a new segment starts at a context drawn with probability
 * N_j/Σ N (the model's context frequencies).
 *
 * @internal
 */
export class PairGenerator {
  private readonly offsets: Int32Array;
  private readonly successors: Int32Array;
  private readonly counts: ArrayLike<number>;
  private readonly ctxTotals: ArrayLike<number>;
  private readonly cdf: Float64Array;
  private readonly ctxCdf: Float64Array;
  private readonly rng: Rng;
  /** Current context, or −1 when the next pair starts a new segment. */
  current: number;
  /** True when the last pair began a new segment. */
  restarted = false;
  /** Context of the last pair. */
  lastContext = -1;

  constructor(model: Pick<NgramModel, 'offsets' | 'successors' | 'contextCount'>, counts: ArrayLike<number>, ctxTotals: ArrayLike<number>, rng: Rng, start: number) {
    this.offsets = model.offsets;
    this.successors = model.successors;
    this.counts = counts;
    this.ctxTotals = ctxTotals;
    this.rng = rng;
    const L = model.offsets[model.contextCount];
    this.cdf = new Float64Array(L);
    for (let j = 0; j < model.contextCount; j++) {
      let acc = 0;
      for (let e = model.offsets[j]; e < model.offsets[j + 1]; e++) {
        acc += counts[e];
        this.cdf[e] = acc;
      }
    }
    this.ctxCdf = new Float64Array(model.contextCount);
    let acc = 0;
    for (let j = 0; j < model.contextCount; j++) {
      acc += ctxTotals[j];
      this.ctxCdf[j] = acc;
    }
    if (!(acc > 0)) throw new ParameterRangeError('model', acc, 'a model with at least one training pair');
    this.current = start >= 0 && ctxTotals[start] > 0 ? start : -1;
  }

  /** Starts a new text at context `start` (or at a random context if it has no data). */
  reset(start: number): void {
    this.current = start >= 0 && this.ctxTotals[start] > 0 ? start : -1;
  }

  /** A context drawn with probability N_j / Σ N. */
  private drawContext(): number {
    const c = this.ctxCdf;
    const u = this.rng.uniform() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The entry index of the next pair. */
  next(): number {
    let j = this.current;
    this.restarted = false;
    if (j < 0 || !(this.ctxTotals[j] > 0)) {
      j = this.drawContext();
      this.restarted = true;
    }
    this.lastContext = j;
    const from = this.offsets[j];
    const to = this.offsets[j + 1];
    const cdf = this.cdf;
    const u = this.rng.uniform() * this.ctxTotals[j];
    let e: number;
    if (to - from <= 16) {
      e = from;
      while (e < to - 1 && cdf[e] <= u) e++;
    } else {
      let lo = from;
      let hi = to - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      e = lo;
    }
    this.current = this.successors[e];
    return e;
  }
}

/** Options of {@link sampleText}. */
export interface SampleTextOptions {
  /** Number of tokens to generate (≥ 1). */
  length: number;
  /** Seed of the generator (integer in [0, 2^32 − 1]), or pass `rng`. */
  seed?: number;
  /** A random source (e.g. `createRng(1)`), instead of `seed`. */
  rng?: Rng;
  /** Starting context (ℓ token ids); default the context at the start of the training text. */
  start?: ArrayLike<number>;
}

/**
 * Generates text from an n-gram model (a synthetic corpus, as a trained model
 * of §2.1 generates the data of the next generation, §2.2). The output starts
 * with the starting context's ℓ tokens; each next token is drawn from
 * p(· | current context) (eq. 2) and the context shifts. If the current
 * context has no next-token distribution (the last context of the training
 * text, or a context a recursive generation never produced), a new segment
 * starts: a context is drawn with probability N_j/M and its ℓ tokens are
 * appended. Exactly `length` tokens are returned (the last segment truncated).
 *
 * @param model - A model from {@link fitNgram} (or a generation's model from {@link simulateText}).
 * @param options - `length`, `seed` or `rng`, optional `start`.
 * @returns `Int32Array` of `length` token ids.
 * @throws {ParameterRangeError} / {ParameterTypeError} for bad options, a start context of the wrong length, or a model without data.
 *
 * @example
 * ```ts
 * // "abcabcabd" as ids a = 0, b = 1, c = 2, d = 3
 * const m = fitNgram([0, 1, 2, 0, 1, 2, 0, 1, 3], { contextLength: 2 });
 * // after "ab": c (2×) or d (1×); after "bc": always a; after "ca": always b
 * const out = sampleText(m, { length: 12, seed: 1 });
 * Array.from(out.subarray(0, 2)); // => [0, 1]
 * out.length; // => 12
 * ```
 */
export function sampleText(model: NgramModel, options: SampleTextOptions): Int32Array {
  const m = checkModel(model);
  const o = checkOptions<SampleTextOptions>('options', options);
  const length = checkInteger('length', o.length, { min: 1, max: 2147483647 });
  let rng: Rng;
  if (o.rng !== undefined) {
    if (typeof o.rng !== 'object' || o.rng === null || typeof (o.rng as Rng).uniform !== 'function') {
      throw new ParameterTypeError('rng', o.rng, 'a random source with a uniform() method (see createRng)');
    }
    rng = o.rng;
  } else if (o.seed !== undefined) rng = createRng(o.seed);
  else throw new ParameterTypeError('seed', undefined, 'an integer in [0, 4294967295] (or pass rng)');
  const l = m.contextLength;
  let start = m.start;
  if (o.start !== undefined) {
    const key = readContext(m, o.start);
    start = findContext(m.contexts, m.contextCount, l, key, 0);
    if (start < 0 || !(m.contextTotals[start] > 0)) {
      throw new ParameterRangeError('start', o.start, 'a context the model has a next-token distribution for');
    }
  }
  const gen = new PairGenerator(m, m.counts, m.contextTotals, rng, start);
  const out = new Int32Array(length);
  let k = 0;
  const emitContext = (j: number): void => {
    for (let i = 0; i < l && k < length; i++) out[k++] = m.contexts[j * l + i];
  };
  if (gen.current >= 0) emitContext(gen.current);
  while (k < length) {
    const e = gen.next();
    if (gen.restarted) {
      // the pair's context starts a new segment
      emitContext(gen.lastContext);
      if (k >= length) break;
    }
    out[k++] = m.tokens[e];
  }
  return out;
}
