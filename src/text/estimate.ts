/**
 * Collapse metrics of any model's next-token distributions (paper §3 and
 * §4.1, Figure 5): given, for each generation m = 1, 2, …, the distributions
 * p^(m)(· | j) of a model over a set of contexts j (e.g. the softmax outputs
 * of a transformer trained recursively), {@link estimateCollapse} computes the
 * metrics of {@link simulateText} — ‖p^(m) − p^(1)‖₁, σ_m, tail loss and the
 * held-out loss — averaged over contexts with confidence intervals over
 * contexts.
 *
 * ## Input layouts
 *
 * JSON (plain objects and arrays; `JSON.parse` output or the JSON text itself):
 *
 * ```json
 * {
 *   "vocabularySize": 3,
 *   "contexts": ["ab", "ba"],
 *   "weights": [10, 5],
 *   "heldOut": [[0, 0, 2], [1]],
 *   "generations": [
 *     [[0.5, 0.25, 0.25], { "0": 1 }],
 *     [[0.6, 0.4, 0], null]
 *   ]
 * }
 * ```
 *
 * - `generations[m − 1][j]`: p^(m)(· | j) as a dense array of s numbers, or a
 *   sparse object `{ "token id": probability }` (absent ids are 0), or `null`
 *   when the model has no distribution for context j at that generation (a
 *   *missing* context: counted, left out of the averages, loss log s).
 * - `weights` (optional): per-context weights of the weighted averages, e.g.
 *   the contexts' frequencies in the real text (default: all 1).
 * - `heldOut` (optional): for each context, the token ids that follow it in
 *   held-out real text (for the held-out loss).
 * - `contexts` (optional): labels, only checked for their number.
 *
 * Typed arrays (large vocabularies): `generations[m − 1]` is one
 * `Float32Array` or `Float64Array` of length c·s, row-major (row j =
 * p^(m)(· | j)), with `contextCount: c`; `heldOut` may be given as pairs
 * `{ contexts: Int32Array, tokens: Int32Array }`. `generations` may be any
 * iterable (e.g. a generator reading one generation at a time): only
 * generation 1 and the current one are held.
 *
 * Rows must be finite, ≥ 0 and sum to 1 within `sumTolerance` (default
 * 1e-4, for float32 softmax outputs); they are renormalised.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { DEFAULT_CONFIDENCE_LEVEL } from '../simulation/summary.ts';
import { scaleExponent, summarizeContexts, timesPowerOfTwo, type ContextSeries } from './aggregate.ts';
import { DEFAULT_SMOOTHING } from './recursive.ts';

/** One context's next-token distribution: dense, sparse `{ id: probability }`, or `null` (no distribution). */
export type DistributionRow = ArrayLike<number> | Readonly<Record<string, number>> | null;

/** One generation's distributions: rows (JSON layout) or one flat c·s typed array. */
export type GenerationDistributions = ArrayLike<DistributionRow> | Float32Array | Float64Array;

/** Held-out next tokens: per context a list of token ids, or (context, token) pairs. */
export type HeldOutTokens = ArrayLike<ArrayLike<number>> | { contexts: ArrayLike<number>; tokens: ArrayLike<number> };

/** A model's outputs over generations (see the module documentation for the layouts). */
export interface ModelOutputs {
  /** Vocabulary size s. */
  vocabularySize: number;
  /** Number of contexts c (required when generations are flat typed arrays). */
  contextCount?: number;
  /** p^(1), p^(2), …: at least one generation. */
  generations: Iterable<GenerationDistributions> | ArrayLike<GenerationDistributions>;
  /** Weights of the weighted averages (≥ 0, one per context; default all 1). */
  weights?: ArrayLike<number>;
  /** Held-out next tokens per context, for the held-out loss. */
  heldOut?: HeldOutTokens;
  /** Context labels (only their number is checked). */
  contexts?: readonly string[];
}

/** Options of {@link estimateCollapse}. */
export interface EstimateCollapseOptions {
  /** Confidence level of the intervals over contexts (default 0.95). */
  level?: number;
  /** λ in [0, 1] of the held-out loss, p̃ = (1 − λ)p + λ/s (default 0.01; 0: none). */
  smoothing?: number;
  /** Probabilities ≤ this count as 0 for the tail loss (default 0; e.g. 1e-7 for softmax outputs). */
  zeroThreshold?: number;
  /** Accepted |Σ_k p(k | j) − 1| (default 1e-4). */
  sumTolerance?: number;
}

/** Result of {@link estimateCollapse}. Per-generation arrays: entry g is generation g + 1. */
export interface CollapseEstimate {
  generations: number;
  contexts: number;
  vocabularySize: number;
  level: number;
  smoothing: number;
  zeroThreshold: number;
  metrics: {
    l1FromFirst: ContextSeries;
    sigma: ContextSeries;
    tailLoss: ContextSeries;
    tailMass: ContextSeries;
    /** `null` without `heldOut`. */
    heldOutNll: ContextSeries | null;
  };
  /** Number of contexts without a distribution (`null` rows) at each generation. */
  missingContexts: Int32Array;
  /** Their share of the total weight. */
  missingWeight: Float64Array;
}

interface GenView {
  /** Writes row j (normalised) into out; returns false for a missing row. */
  row(j: number, out: Float64Array): boolean;
}

function isTyped(x: unknown): x is Float32Array | Float64Array {
  return x instanceof Float32Array || x instanceof Float64Array;
}

function view(gen: unknown, g: number, c: number | undefined, s: number, tol: number): { view: GenView; c: number } {
  const name = `generations[${g}]`;
  if (isTyped(gen)) {
    if (c === undefined) throw new ParameterTypeError('contextCount', undefined, 'the number of contexts c (required with flat typed-array generations)');
    if (gen.length !== c * s) throw new ParameterRangeError(name, gen, `a typed array of length c·s = ${c}·${s} = ${c * s}`);
    return {
      c,
      view: {
        row(j, out) {
          return readDense(gen, j * s, s, out, `${name} row ${j}`, tol);
        },
      },
    };
  }
  if (typeof gen !== 'object' || gen === null || typeof (gen as ArrayLike<unknown>).length !== 'number' || typeof gen === 'string') {
    throw new ParameterTypeError(name, gen, 'an array of rows (one per context) or a Float32Array/Float64Array of length c·s');
  }
  const rows = gen as ArrayLike<unknown>;
  if (c !== undefined && rows.length !== c) throw new ParameterRangeError(name, gen, `an array of c = ${c} rows (one per context)`);
  return {
    c: rows.length,
    view: {
      row(j, out) {
        const r = rows[j];
        const rn = `${name}[${j}]`;
        if (r === null) return false;
        if (typeof r !== 'object' || r === undefined) throw new ParameterTypeError(rn, r, 'a probability vector (array of s numbers), a sparse object { id: p }, or null');
        if (typeof (r as ArrayLike<number>).length === 'number') {
          const a = r as ArrayLike<number>;
          if (a.length !== s) throw new ParameterRangeError(rn, r, `an array of s = ${s} probabilities`);
          return readDense(a, 0, s, out, rn, tol);
        }
        out.fill(0);
        let sum = 0;
        for (const [key, value] of Object.entries(r as Record<string, unknown>)) {
          const id = Number(key);
          if (!Number.isInteger(id) || id < 0 || id >= s || String(id) !== key) throw new ParameterRangeError(`${rn} key`, key, `a token id in [0, ${s - 1}]`);
          if (typeof value !== 'number' || !(value >= 0 && value < Infinity)) throw new ParameterRangeError(`${rn}[${key}]`, value, 'a finite probability >= 0');
          out[id] = value;
          sum += value;
        }
        return normalise(out, s, sum, rn, tol);
      },
    },
  };
}

function readDense(a: ArrayLike<number>, from: number, s: number, out: Float64Array, name: string, tol: number): boolean {
  let sum = 0;
  for (let k = 0; k < s; k++) {
    const x = a[from + k];
    if (typeof x !== 'number' || !(x >= 0 && x < Infinity)) throw new ParameterRangeError(`${name}[${k}]`, x, 'a finite probability >= 0');
    out[k] = x;
    sum += x;
  }
  return normalise(out, s, sum, name, tol);
}

function normalise(out: Float64Array, s: number, sum: number, name: string, tol: number): boolean {
  if (!(Math.abs(sum - 1) <= tol)) throw new ParameterRangeError(`sum of ${name}`, sum, `1 (within sumTolerance = ${tol})`);
  if (sum !== 1) for (let k = 0; k < s; k++) out[k] /= sum;
  return true;
}

function readHeldOut(value: unknown, c: number, s: number): { off: Int32Array; tokens: Int32Array } {
  const lists: number[][] = Array.from({ length: c }, () => []);
  const token = (x: unknown, name: string): number => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= s) {
      if (typeof x !== 'number') throw new ParameterTypeError(name, x, `a token id in [0, ${s - 1}]`);
      throw new ParameterRangeError(name, x, `a token id in [0, ${s - 1}]`);
    }
    return x;
  };
  if (typeof value !== 'object' || value === null) throw new ParameterTypeError('heldOut', value, 'per-context token lists or { contexts, tokens }');
  if ('contexts' in value && 'tokens' in value) {
    const v = value as { contexts: ArrayLike<unknown>; tokens: ArrayLike<unknown> };
    if (typeof v.contexts?.length !== 'number' || typeof v.tokens?.length !== 'number' || v.contexts.length !== v.tokens.length) {
      throw new ParameterRangeError('heldOut.tokens', v.tokens, 'an array of the length of heldOut.contexts');
    }
    for (let i = 0; i < v.contexts.length; i++) {
      const j = v.contexts[i];
      if (typeof j !== 'number' || !Number.isInteger(j) || j < 0 || j >= c) throw new ParameterRangeError(`heldOut.contexts[${i}]`, j, `a context index in [0, ${c - 1}]`);
      lists[j].push(token(v.tokens[i], `heldOut.tokens[${i}]`));
    }
  } else {
    const v = value as ArrayLike<unknown>;
    if (typeof v.length !== 'number' || v.length !== c) throw new ParameterRangeError('heldOut', value, `an array of c = ${c} token lists (one per context)`);
    for (let j = 0; j < c; j++) {
      const list = v[j] as ArrayLike<unknown> | null | undefined;
      if (list === null || list === undefined) continue;
      if (typeof list !== 'object' || typeof list.length !== 'number') throw new ParameterTypeError(`heldOut[${j}]`, list, 'an array of token ids');
      for (let i = 0; i < list.length; i++) lists[j].push(token(list[i], `heldOut[${j}][${i}]`));
    }
  }
  const off = new Int32Array(c + 1);
  for (let j = 0; j < c; j++) off[j + 1] = off[j] + lists[j].length;
  const tokens = new Int32Array(off[c]);
  for (let j = 0; j < c; j++) tokens.set(lists[j], off[j]);
  return { off, tokens };
}

/**
 * Collapse metrics of a model's next-token distributions over generations —
 * for users whose recursive-training experiment uses their own (e.g.
 * transformer) models. For each generation m and context j:
 * ‖p^(m)_j − p^(1)_j‖₁ (Figure 5, top left), σ_m = ‖p^(m)_j‖₂² (§3), the tail
 * loss (share of p^(1)_j's support — probabilities > `zeroThreshold` — whose
 * probability is ≤ `zeroThreshold` in p^(m)_j) and its p^(1)-mass, and with
 * `heldOut` the held-out loss −log p̃^(m)(y | j), p̃ = (1 − λ)p^(m) + λ/s
 * (Figure 5's validation loss; 1/s for a missing row). Each is averaged over
 * contexts, weighted (by `weights`; for the loss by held-out counts) and
 * unweighted, with t intervals over contexts ({@link contextMeanInterval}).
 * The layouts (JSON rows, sparse rows, `null` for a missing distribution,
 * flat typed arrays) are described in the module documentation and
 * docs/real-text.md.
 *
 * @param outputs - The model outputs (an object, or its JSON text).
 * @param options - `level`, `smoothing` (λ, default 0.01), `zeroThreshold` (default 0), `sumTolerance` (default 1e-4).
 * @returns Per-generation metrics with intervals, and the missing contexts.
 * @throws {ParameterRangeError} / {ParameterTypeError} naming the first bad entry (shape, probabilities, tokens, weights).
 *
 * @example
 * ```ts
 * const est = estimateCollapse({
 *   vocabularySize: 3,
 *   heldOut: [[0, 0, 1], [1]],
 *   generations: [
 *     [[0.5, 0.25, 0.25], { 1: 1 }],
 *     [[0.75, 0.25, 0], { 1: 1 }],
 *   ],
 * }, { smoothing: 0 });
 * // context 0 moved by |0.75 − 0.5| + |0.25 − 0.25| + |0 − 0.25| = 0.5, context 1 not at all:
 * est.metrics.l1FromFirst.unweighted.mean[1]; // => 0.25
 * est.metrics.tailLoss.unweighted.mean[1]; // => 0.16666666666666666
 * // held-out loss of generation 1, per token: (−log 0.5 − log 0.5 − log 0.25 − log 1)/4 = log 2
 * est.metrics.heldOutNll?.weighted.mean[0]; // => 0.6931471805599453
 * ```
 */
export function estimateCollapse(outputs: ModelOutputs | string, options?: EstimateCollapseOptions): CollapseEstimate {
  let input: unknown = outputs;
  if (typeof outputs === 'string') {
    try {
      input = JSON.parse(outputs);
    } catch (e) {
      throw new ParameterRangeError('outputs', outputs, `valid JSON (${(e as Error).message})`);
    }
  }
  const o = checkOptions<ModelOutputs>('outputs', input);
  const opts = options === undefined ? {} : checkOptions<EstimateCollapseOptions>('options', options);
  const level = opts.level === undefined ? DEFAULT_CONFIDENCE_LEVEL : checkNumber('level', opts.level, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  const lambda = opts.smoothing === undefined ? DEFAULT_SMOOTHING : checkNumber('smoothing', opts.smoothing, { min: 0, max: 1 });
  const zero = opts.zeroThreshold === undefined ? 0 : checkNumber('zeroThreshold', opts.zeroThreshold, { min: 0, max: 1, maxExclusive: true });
  const tol = opts.sumTolerance === undefined ? 1e-4 : checkNumber('sumTolerance', opts.sumTolerance, { min: 0, max: 0.5 });
  const s = checkInteger('vocabularySize', o.vocabularySize, { min: 1, max: 1e8 });
  let c = o.contextCount === undefined ? undefined : checkInteger('contextCount', o.contextCount, { min: 1, max: 1e8 });
  const gens = o.generations as unknown;
  if (typeof gens !== 'object' || gens === null) throw new ParameterTypeError('generations', gens, 'an array (or iterable) of generations, generation 1 first');
  const iterable: Iterable<unknown> =
    Symbol.iterator in gens ? (gens as Iterable<unknown>) : typeof (gens as ArrayLike<unknown>).length === 'number' ? Array.from(gens as ArrayLike<unknown>) : (() => {
          throw new ParameterTypeError('generations', gens, 'an array (or iterable) of generations, generation 1 first');
        })();
  if (o.contexts !== undefined && (!Array.isArray(o.contexts) || (c !== undefined && o.contexts.length !== c))) {
    throw new ParameterRangeError('contexts', o.contexts, `an array of ${c ?? 'c'} labels`);
  }
  // Values per (context, generation), grown per generation.
  const cols: { l1: Float64Array; sigma: Float64Array; tail: Float64Array; mass: Float64Array; both: Int32Array; model: Int32Array; nll: Float64Array | null }[] = [];
  let first: GenView | null = null;
  let held: { off: Int32Array; tokens: Int32Array } | null = null;
  let weights: Float64Array | null = null;
  const missing: number[] = [];
  const missingW: number[] = [];
  let a = new Float64Array(0);
  let b = new Float64Array(0);
  let g = 0;
  for (const gen of iterable) {
    const v = view(gen, g, c, s, tol);
    if (g === 0) {
      c = v.c;
      if (c === 0) throw new ParameterRangeError('generations[0]', gen, 'at least one context');
      if (o.contexts !== undefined && o.contexts.length !== c) throw new ParameterRangeError('contexts', o.contexts, `an array of c = ${c} labels`);
      first = v.view;
      a = new Float64Array(s);
      b = new Float64Array(s);
      weights = new Float64Array(c).fill(1);
      if (o.weights !== undefined) {
        const w = o.weights as ArrayLike<unknown>;
        if (typeof w !== 'object' || w === null || w.length !== c) throw new ParameterRangeError('weights', w, `an array of c = ${c} numbers >= 0`);
        for (let j = 0; j < c; j++) {
          const x = w[j];
          if (typeof x !== 'number' || !(x >= 0 && x < Infinity)) throw new ParameterRangeError(`weights[${j}]`, x, 'a finite number >= 0');
          weights[j] = x;
        }
        // Weights enter only through ratios: scale them by a power of two (exactly) when
        // near the ends of the double range, so that their sums neither overflow nor underflow.
        const k = scaleExponent(weights.reduce((a, x) => Math.max(a, x), 0));
        if (k !== 0) for (let j = 0; j < c; j++) weights[j] = timesPowerOfTwo(weights[j], -k);
      }
      if (o.heldOut !== undefined) held = readHeldOut(o.heldOut, c, s);
    }
    const cc = c as number;
    const col = {
      l1: new Float64Array(cc),
      sigma: new Float64Array(cc),
      tail: new Float64Array(cc),
      mass: new Float64Array(cc),
      both: new Int32Array(cc),
      model: new Int32Array(cc),
      nll: held === null ? null : new Float64Array(cc),
    };
    let miss = 0;
    let missW = 0;
    let totalW = 0;
    for (let j = 0; j < cc; j++) {
      totalW += (weights as Float64Array)[j];
      const present = v.view.row(j, a);
      const hasFirst = present && (first as GenView).row(j, b);
      if (!present) {
        miss++;
        missW += (weights as Float64Array)[j];
      } else {
        let sq = 0;
        for (let k = 0; k < s; k++) sq += a[k] * a[k];
        col.sigma[j] = sq;
        col.model[j] = 1;
        if (hasFirst) {
          let l1 = 0;
          let supp = 0;
          let lost = 0;
          let mass = 0;
          for (let k = 0; k < s; k++) {
            l1 += Math.abs(a[k] - b[k]);
            if (b[k] > zero) {
              supp++;
              if (a[k] <= zero) {
                lost++;
                mass += b[k];
              }
            }
          }
          col.l1[j] = l1;
          col.tail[j] = supp === 0 ? 0 : lost / supp;
          col.mass[j] = mass;
          col.both[j] = 1;
        }
      }
      if (held !== null && col.nll !== null && held.off[j + 1] > held.off[j]) {
        let sum = 0;
        for (let q = held.off[j]; q < held.off[j + 1]; q++) {
          const y = held.tokens[q];
          if (present && lambda > 0 && lambda / s < 2.2250738585072014e-308) {
            // λ/s underflows for a denormal λ (5e-324): add (1 − λ)p and λ/s in log space
            const lb = Math.log(lambda) - Math.log(s);
            const la = a[y] > 0 ? Math.log1p(-lambda) + Math.log(a[y]) : -Infinity;
            const hi = Math.max(la, lb);
            sum -= hi + Math.log1p(Math.exp(Math.min(la, lb) - hi));
            continue;
          }
          const p = present ? (1 - lambda) * a[y] + lambda / s : 1 / s;
          if (!(p > 0)) {
            throw new ParameterRangeError(
              'smoothing',
              lambda,
              `> 0: generation ${g + 1} gives probability 0 to held-out token ${y} after context ${j} (its loss would be infinite)`,
            );
          }
          sum -= Math.log(p);
        }
        col.nll[j] = sum / (held.off[j + 1] - held.off[j]);
      }
    }
    cols.push(col);
    missing.push(miss);
    missingW.push(totalW > 0 ? missW / totalW : 0);
    g++;
  }
  if (g === 0 || c === undefined) throw new ParameterRangeError('generations', gens, 'at least one generation');
  const G = g;
  const C = c;
  const pack = (key: 'l1' | 'sigma' | 'tail' | 'mass' | 'both' | 'model'): Float64Array => {
    const out = new Float64Array(C * G);
    for (let gg = 0; gg < G; gg++) {
      const col = cols[gg][key];
      for (let j = 0; j < C; j++) out[j * G + gg] = col[j];
    }
    return out;
  };
  const w = weights as Float64Array;
  const both = pack('both');
  const model = pack('model');
  const metrics: CollapseEstimate['metrics'] = {
    l1FromFirst: summarizeContexts(pack('l1'), both, C, G, w, level),
    sigma: summarizeContexts(pack('sigma'), model, C, G, w, level),
    tailLoss: summarizeContexts(pack('tail'), both, C, G, w, level),
    tailMass: summarizeContexts(pack('mass'), both, C, G, w, level),
    heldOutNll: null,
  };
  if (held !== null) {
    const h = held;
    const units: number[] = [];
    for (let j = 0; j < C; j++) if (h.off[j + 1] > h.off[j]) units.push(j);
    if (units.length > 0) {
      const U = units.length;
      const vals = new Float64Array(U * G);
      const hw = new Float64Array(U);
      units.forEach((j, u) => {
        hw[u] = h.off[j + 1] - h.off[j];
        for (let gg = 0; gg < G; gg++) vals[u * G + gg] = (cols[gg].nll as Float64Array)[j];
      });
      metrics.heldOutNll = summarizeContexts(vals, new Int32Array(U * G).fill(1), U, G, hw, level);
    }
  }
  return {
    generations: G,
    contexts: C,
    vocabularySize: s,
    level,
    smoothing: lambda,
    zeroThreshold: zero,
    metrics,
    missingContexts: Int32Array.from(missing),
    missingWeight: Float64Array.from(missingW),
  };
}
