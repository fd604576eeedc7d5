/**
 * Fuzzing of the text layer and of the display entry points (cases in
 * cases-text.ts): tiny corpora and models with every option fuzzed, texts and
 * bytes at the edges (empty, BOM, control characters, lone surrogates, invalid
 * UTF-8, astral characters), and the MIME bundles of every kind of result,
 * checked for well-formed HTML and SVG without NaN. Then the failures these
 * fuzzers found, pinned with their minimal inputs (docs/reliability.md,
 * "Failures found and fixed").
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import { linePlot } from '../../src/plot.ts';
import { cleanupTextFuzz, plotCases, textCases } from './cases-text.ts';
import { runCase } from './harness.ts';

describe('fuzz: only documented errors, never NaN (text layer, display)', () => {
  afterAll(cleanupTextFuzz);
  // 10 000 cases of toMimeBundle take about half a minute: above vitest's default timeout.
  for (const c of textCases) it(c.name, () => runCase(c, 20_261_203), 600_000);
  // the plot helper of the model-collapse/plot entry point, which the renderers use
  for (const c of plotCases) it(c.name, () => runCase(c, 20_261_204), 600_000);
});

describe('fuzz regressions (text layer)', () => {
  it('invalidUtf8Offset: undefined threw an untyped TypeError', () => {
    expect(() => api.invalidUtf8Offset(undefined as never)).toThrow(api.ParameterTypeError);
    expect(() => api.invalidUtf8Offset([0xff] as never)).toThrow(/bytes must be a Uint8Array/);
    expect(api.invalidUtf8Offset(new Uint8Array([0x61, 0xff]))).toBe(1);
  });

  it('prepareCorpus: a tokenizer without vocabulary threw an untyped TypeError; ids outside it made a silently invalid corpus', () => {
    expect(() => api.prepareCorpus('ab', { tokenizer: { encode: () => [0, 1] } as never })).toThrow(api.ParameterTypeError);
    // used to return vocabularySize 2 with token 9, which simulateText then counted as a fourth context
    const nine = { encode: () => [0, 9, 1, 0], vocabulary: ['a', 'b'] } as never;
    expect(() => api.prepareCorpus('abab', { tokenizer: nine })).toThrow(/tokenizer\.encode\(text\)\[1\] must be an integer token id in \[0, 1\]/);
    expect(() => api.simulateText({ corpus: 'abab', contextLength: 1, generations: 2, seed: 1, corpusOptions: { tokenizer: nine } })).toThrow(api.ParameterRangeError);
    const own = { kind: 'character', encode: () => new Int32Array([1, 0, 1, 1]), vocabulary: ['a', 'b'] } as never;
    expect(Array.from(api.prepareCorpus('xyzw', { tokenizer: own, heldOutFraction: 0 }).train)).toEqual([1, 0, 1, 1]);
  });

  it('fitNgram: vocabularySize 2^31 − 1 took 26 s and 8 GB of radix buckets for a one-token corpus', () => {
    const started = Date.now();
    const big = api.fitNgram([5, 2 ** 31 - 2, 5, 7], { contextLength: 1, vocabularySize: 2 ** 31 - 1 });
    expect(Array.from(big.contexts)).toEqual([5, 2 ** 31 - 2]);
    expect(api.fitNgram([0], { contextLength: 0, vocabularySize: 2 ** 31 - 1 }).total).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    // the comparison sort gives the radix sort's model, array for array
    const tokens = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5];
    for (const l of [0, 1, 2, 3]) {
      const { vocabularySize: a, ...radix } = api.fitNgram(tokens, { contextLength: l, vocabularySize: 10 });
      const { vocabularySize: b, ...comparison } = api.fitNgram(tokens, { contextLength: l, vocabularySize: 1e6 });
      expect([a, b]).toEqual([10, 1e6]);
      expect(comparison).toEqual(radix);
    }
  });

  it('contextMeanInterval: values or weights near the double range gave NaN or Infinity, denormal weights a zero-width interval', () => {
    // d² overflowed: se = Infinity with two contexts
    const a = api.contextMeanInterval([-1.3407807929942597e154, 0]);
    expect(a.mean).toBe(-1.3407807929942597e154 / 2);
    expect(a.se).toBe(1.3407807929942597e154 / 2);
    expect(a.lower).toBeLessThan(a.mean);
    // the sum overflowed: mean Infinity, lower NaN
    expect(api.contextMeanInterval([1e308, 1e308])).toMatchObject({ mean: 1e308, lower: 1e308, upper: 1e308, se: 0 });
    // Σ w overflowed: mean NaN; Σ (w·d)² underflowed: [mean, mean] although the values differ
    const equal = api.contextMeanInterval([1, 2, 4]);
    const close = (r: api.ContextMeanInterval): void => {
      for (const k of ['mean', 'lower', 'upper', 'se'] as const) expect(Math.abs(r[k] / equal[k] - 1)).toBeLessThan(1e-15);
    };
    close(api.contextMeanInterval([1, 2, 4], { weights: [1e308, 1e308, 1e308] }));
    close(api.contextMeanInterval([1, 2, 4], { weights: [5e-324, 5e-324, 5e-324] }));
    // tiny values are scaled too (their squares underflowed to a zero-width interval)
    const tiny = api.contextMeanInterval([1e-200, 2e-200, 4e-200]);
    expect(tiny.se / 1e-200).toBeCloseTo(equal.se, 12);
    // the normal path is unchanged, bit for bit
    expect(api.contextMeanInterval([1, 2, 3, 4])).toMatchObject({ mean: 2.5, n: 4 });
    expect(api.contextMeanInterval([1, 3], { weights: [3, 1] })).toMatchObject({ mean: 1.5, se: 0.75, n: 2 });
  });

  it('estimateCollapse: weights of 1e308 gave an infinite or silently wrong weighted mean', () => {
    const outputs = (weights: number[]) => ({ vocabularySize: 2, weights, generations: [[[1, 0], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]] });
    const unit = api.estimateCollapse(outputs([1, 1]));
    // was 0 (Σ w = Infinity) instead of 0.75
    expect(api.estimateCollapse(outputs([1e308, 1e308])).metrics.sigma.weighted.mean[0]).toBe(unit.metrics.sigma.weighted.mean[0]);
    expect(api.estimateCollapse(outputs([1e308, 1e308])).metrics).toEqual(unit.metrics);
    expect(api.estimateCollapse(outputs([5e-324, 5e-324])).metrics).toEqual(unit.metrics);
    // was Infinity
    expect(api.estimateCollapse(outputs([0, 1e308])).metrics.l1FromFirst.weighted.mean[1]).toBe(0);
  });

  it('estimateCollapse: smoothing 5e-324 refused a held-out token of probability 0 with "smoothing must be > 0"', () => {
    const r = api.estimateCollapse({ vocabularySize: 3, heldOut: [[2]], generations: [[[0.5, 0.5, 0]]] }, { smoothing: 5e-324 });
    // −log(λ/s), with λ/s below the smallest double
    expect(r.metrics.heldOutNll?.weighted.mean[0]).toBeCloseTo(Math.log(3) - Math.log(5e-324), 12);
    expect(() => api.estimateCollapse({ vocabularySize: 3, heldOut: [[2]], generations: [[[0.5, 0.5, 0]]] }, { smoothing: 0 })).toThrow(/smoothing must be > 0/);
  });

  it('simulateText: smoothing 5e-324 gave a held-out loss of Infinity (λ/s underflowed to 0)', () => {
    const r = api.simulateText({ corpus: { train: [0, 1, 0, 1, 0, 1], heldOut: [0, 0, 1, 2], vocabularySize: 3 }, contextLength: 1, generations: 2, seed: 1, smoothing: 5e-324, schedules: [{ kind: 'fullySynthetic' }] });
    const nll = r.schedules[0].metrics.heldOutNll?.weighted.mean as Float64Array;
    expect(Number.isFinite(nll[0])).toBe(true);
    // the pairs 0 → 0 and 1 → 2 never occur in training: their loss is −log(λ/s)
    expect(nll[0]).toBeGreaterThan((2 / 3) * (Math.log(3) - Math.log(5e-324)) - 1);
  });

  it('simulateText: a perContext schedule whose counts are all 0 gave syntheticFraction NaN (0/0: no context has training data)', () => {
    // every context missing at every generation (a per-context empty training set is allowed: the context is "missing")
    const zero = { kind: 'perContext', schedule: () => api.customSchedule({ counts: () => 0 }) } as const;
    for (const sampling of ['contexts', 'text'] as const) {
      const r = api.simulateText({ corpus: { train: [0, 1, 0, 1, 2], vocabularySize: 3 }, contextLength: 1, generations: 2, seed: 0, sampling, schedules: [zero] });
      expect(Array.from(r.schedules[0].syntheticFraction)).toEqual([0, 0]);
      expect(Array.from(r.schedules[0].missingContexts)).toEqual([r.contexts, r.contexts]);
      expect(r.schedules[0].metrics.sigma.weighted.contexts[0]).toBe(0);
    }
    // no real data at generation 1 only
    const late = { kind: 'perContext', schedule: () => api.customSchedule({ counts: (m, t) => (t === 0 && m > 1 ? 1 : 0) }) } as const;
    const r = api.simulateText({ corpus: 'ababababab', contextLength: 1, generations: 2, seed: 0, schedules: [late], corpusOptions: { heldOutFraction: 0 } });
    expect(Array.from(r.schedules[0].syntheticFraction)).toEqual([0, 0]);
    expect(Array.from(r.schedules[0].missingContexts)).toEqual([2, 0]);
  });

  it('linePlot: a null series threw an untyped TypeError; denormal data a RangeError from d3; a band far outside yDomain "-Infinity" in the SVG', () => {
    const base = { xLabel: 'x', yLabel: 'y' };
    expect(() => linePlot({ ...base, series: [null as never] })).toThrow(api.ParameterTypeError);
    expect(() => linePlot({ ...base, series: [{ name: 'a' } as never] })).toThrow(/series\[0\]\.x must be an array of numbers/);
    expect(() => linePlot({ ...base, series: [{ name: 'a', x: [0, 1], y: [0, 1] }], yDomain: [Number.NaN, 1] })).toThrow(api.ParameterRangeError);
    // d3's ticks fail for an axis narrower than ~1e-307 ("RangeError: Invalid array length")
    for (const y of [[5e-324, 1e-323], [1e-300, 1e-300 + 2e-316]]) expect(linePlot({ ...base, series: [{ name: 'a', x: [0, 1], y }] })).toMatch(/^<svg/);
    // a value 1e307 domain widths away overflowed its pixel coordinate
    const far = linePlot({ ...base, series: [{ name: 'a', x: [0, 1], y: [0, 0], lower: [0, 0], upper: [0, -1.7e308] }], yDomain: [19, 0] });
    expect(far).not.toMatch(/Infinity|NaN/);
  });
});
