/**
 * estimateCollapse: hand-computed values, agreement with simulateText when fed
 * the n-gram's own generations, equivalence of the layouts, and bad input.
 */
import { describe, expect, it } from 'vitest';
import { estimateCollapse, type GenerationDistributions } from '../../src/text/estimate.ts';
import { simulateText } from '../../src/text/recursive.ts';
import { fitNgram, ngramContextIndex } from '../../src/text/ngram.ts';
import { prepareCorpus } from '../../src/text/corpus.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';

describe('estimateCollapse: exact values', () => {
  const outputs = {
    vocabularySize: 4,
    weights: [3, 1],
    heldOut: [[0, 1], [3]],
    generations: [
      [
        [0.5, 0.25, 0.25, 0],
        [0, 0, 0.5, 0.5],
      ],
      [
        [0.5, 0.5, 0, 0],
        [0, 0, 1, 0],
      ],
    ],
  };

  it('metrics by hand (λ = 0.2)', () => {
    const e = estimateCollapse(outputs, { smoothing: 0.2 });
    expect(e.generations).toBe(2);
    expect(e.contexts).toBe(2);
    const { l1FromFirst, sigma, tailLoss, tailMass, heldOutNll } = e.metrics;
    // context 0: l1 = 0 + 0.25 + 0.25 = 0.5, σ = 0.5, lost {2} of 3 (mass 0.25); context 1: l1 = 0.5 + 0.5 = 1, σ = 1, lost {3} of 2 (mass 0.5)
    expect(l1FromFirst.unweighted.mean[1]).toBeCloseTo(0.75, 15);
    expect(l1FromFirst.weighted.mean[1]).toBeCloseTo((3 * 0.5 + 1) / 4, 15);
    expect(sigma.unweighted.mean[0]).toBeCloseTo((0.375 + 0.5) / 2, 15);
    expect(sigma.weighted.mean[1]).toBeCloseTo((3 * 0.5 + 1) / 4, 15);
    expect(tailLoss.weighted.mean[1]).toBeCloseTo((3 / 3 + 0.5) / 4, 15);
    expect(tailMass.unweighted.mean[1]).toBeCloseTo((0.25 + 0.5) / 2, 15);
    const q = (p: number): number => 0.8 * p + 0.05;
    // generation 2: context 0 held out 0, 1 → q(0.5) twice; context 1 held out 3 → q(0)
    const nll0 = -Math.log(q(0.5));
    const nll1 = -Math.log(q(0));
    expect(heldOutNll?.weighted.mean[1]).toBeCloseTo((2 * nll0 + nll1) / 3, 14);
    expect(heldOutNll?.unweighted.mean[1]).toBeCloseTo((nll0 + nll1) / 2, 14);
    // the interval of the unweighted mean of two values: mean ± t_{0.975,1}·|a − b|/2
    const half = 12.706204736174707 * (Math.abs(1 - 0.5) / 2);
    expect(l1FromFirst.unweighted.lower[1]).toBeCloseTo(0.75 - half, 10);
    expect(Array.from(e.missingContexts)).toEqual([0, 0]);
  });

  it('JSON text, sparse rows, typed arrays and iterables give the same numbers', () => {
    const ref = estimateCollapse(outputs);
    const json = estimateCollapse(JSON.stringify(outputs));
    const sparse = estimateCollapse({
      ...outputs,
      generations: [
        [{ 0: 0.5, 1: 0.25, 2: 0.25 }, { 2: 0.5, 3: 0.5 }],
        [{ 0: 0.5, 1: 0.5 }, { 2: 1 }],
      ],
    });
    const flat = (rows: number[][]): Float64Array => Float64Array.from(rows.flat());
    const typed = estimateCollapse({
      vocabularySize: 4,
      contextCount: 2,
      weights: Float64Array.of(3, 1),
      heldOut: { contexts: Int32Array.of(0, 0, 1), tokens: Int32Array.of(0, 1, 3) },
      generations: (function* (): Generator<GenerationDistributions> {
        for (const g of outputs.generations) yield flat(g);
      })(),
    });
    const f32 = estimateCollapse({ ...outputs, contextCount: 2, generations: outputs.generations.map((g) => Float32Array.from(g.flat())) });
    for (const other of [json, sparse, typed, f32]) {
      for (const key of ['l1FromFirst', 'sigma', 'tailLoss', 'tailMass', 'heldOutNll'] as const) {
        const a = ref.metrics[key];
        const b = other.metrics[key];
        expect(Array.from(b?.weighted.mean ?? [])).toEqual(Array.from(a?.weighted.mean ?? []));
        expect(Array.from(b?.unweighted.upper ?? [])).toEqual(Array.from(a?.unweighted.upper ?? []));
      }
    }
  });

  it('null rows are missing contexts: counted, out of the averages, loss log s', () => {
    const e = estimateCollapse({
      vocabularySize: 2,
      heldOut: [[0], [0]],
      generations: [
        [
          [0.5, 0.5],
          [1, 0],
        ],
        [[1, 0], null],
      ],
    }, { smoothing: 0 });
    expect(Array.from(e.missingContexts)).toEqual([0, 1]);
    expect(e.missingWeight[1]).toBe(0.5);
    expect(e.metrics.sigma.unweighted.contexts[1]).toBe(1);
    expect(e.metrics.sigma.unweighted.mean[1]).toBe(1);
    // context 0: −log 1 = 0; context 1 (missing): log 2
    expect(e.metrics.heldOutNll?.weighted.mean[1]).toBeCloseTo(Math.log(2) / 2, 15);
  });

  it('zeroThreshold: tiny probabilities of softmax outputs count as lost', () => {
    const gens = [[[0.6, 0.3999999, 1e-7]], [[0.7, 0.3, 1e-12]]];
    expect(estimateCollapse({ vocabularySize: 3, generations: gens }).metrics.tailLoss.weighted.mean[1]).toBe(0);
    expect(estimateCollapse({ vocabularySize: 3, generations: gens }, { zeroThreshold: 1e-9 }).metrics.tailLoss.weighted.mean[1]).toBeCloseTo(1 / 3, 15);
  });
});

describe('estimateCollapse on the n-gram generations equals simulateText', () => {
  it('ℓ = 2 on a held-out text whose contexts all occur in training', () => {
    const text = 'she sells sea shells by the sea shore, the shells she sells are sea shells for sure. '.repeat(6) + 'she sells sea shells';
    const corpus = prepareCorpus(text, { heldOutFraction: 0.05 });
    const r = simulateText({ corpus, contextLength: 2, generations: 5, seed: 6, keepModels: true, schedules: [{ kind: 'fullySynthetic' }, { kind: 'mostRecent', K: 2 }] });
    expect(r.heldOutUnseenFraction).toBe(0);
    const model = r.model;
    const s = r.vocabularySize;
    const ho = fitNgram(corpus.heldOut, { contextLength: 2, vocabularySize: s });
    const heldOut: number[][] = Array.from({ length: model.contextCount }, () => []);
    for (let h = 0; h < ho.contextCount; h++) {
      const j = ngramContextIndex(model, ho.contexts.subarray(2 * h, 2 * h + 2));
      for (let e = ho.offsets[h]; e < ho.offsets[h + 1]; e++) for (let k = 0; k < ho.counts[e]; k++) heldOut[j].push(ho.tokens[e]);
    }
    for (const sched of r.schedules) {
      const generations = (sched.models ?? []).map((m) => {
        const flat = new Float64Array(m.contextCount * s);
        for (let j = 0; j < m.contextCount; j++) for (let e = m.offsets[j]; e < m.offsets[j + 1]; e++) flat[j * s + m.tokens[e]] = m.counts[e] / m.contextTotals[j];
        return flat;
      });
      const est = estimateCollapse({ vocabularySize: s, contextCount: model.contextCount, weights: model.contextTotals, heldOut, generations });
      for (const key of ['l1FromFirst', 'sigma', 'tailLoss', 'tailMass', 'heldOutNll'] as const) {
        const a = sched.metrics[key];
        const b = est.metrics[key];
        for (let g = 0; g < 5; g++) {
          for (const w of ['weighted', 'unweighted'] as const) {
            expect(b?.[w].mean[g], `${sched.name} ${key} ${w} ${g}`).toBeCloseTo(a?.[w].mean[g] as number, 12);
            expect(b?.[w].upper[g], `${sched.name} ${key} ${w} ${g}`).toBeCloseTo(a?.[w].upper[g] as number, 9);
          }
        }
      }
    }
  });
});

describe('estimateCollapse: bad input', () => {
  const ok = { vocabularySize: 2, generations: [[[0.5, 0.5]]] };
  it('names the offending entry', () => {
    expect(() => estimateCollapse({ ...ok, generations: [[[0.5, 0.6]]] })).toThrow(/sum of generations\[0\]\[0\] must be 1 \(within sumTolerance = 0.0001\); received 1.1/);
    expect(() => estimateCollapse({ ...ok, generations: [[[0.5, -0.5, 1]]] })).toThrow(/generations\[0\]\[0\] must be an array of s = 2 probabilities/);
    expect(() => estimateCollapse({ ...ok, generations: [[[1.5, -0.5]]] })).toThrow(/generations\[0\]\[0\]\[1\] must be a finite probability >= 0/);
    expect(() => estimateCollapse({ ...ok, generations: [[{ 2: 1 }]] })).toThrow(/key must be a token id in \[0, 1\]/);
    expect(() => estimateCollapse({ ...ok, generations: [] })).toThrow(/generations must be at least one generation/);
    expect(() => estimateCollapse({ ...ok, generations: [[[0.5, 0.5]], [[1, 0], [0, 1]]] })).toThrow(/generations\[1\] must be an array of c = 1 rows/);
    expect(() => estimateCollapse({ vocabularySize: 2, generations: [Float64Array.of(0.5, 0.5)] })).toThrow(/contextCount must be the number of contexts/);
    expect(() => estimateCollapse({ vocabularySize: 2, contextCount: 2, generations: [Float64Array.of(0.5, 0.5)] })).toThrow(/a typed array of length c·s = 2·2 = 4/);
    expect(() => estimateCollapse({ ...ok, weights: [1, 2] })).toThrow(/weights must be an array of c = 1 numbers/);
    expect(() => estimateCollapse({ ...ok, heldOut: [[2]] })).toThrow(/heldOut\[0\]\[0\] must be a token id in \[0, 1\]/);
    expect(() => estimateCollapse({ ...ok, heldOut: [[0], [1]] })).toThrow(/heldOut must be an array of c = 1 token lists/);
    expect(() => estimateCollapse({ ...ok, generations: [[[1, 0]]], heldOut: [[1]] }, { smoothing: 0 })).toThrow(/smoothing must be > 0: generation 1 gives probability 0 to held-out token 1/);
    expect(() => estimateCollapse('{"vocabularySize": 2,')).toThrow(/outputs must be valid JSON/);
    expect(() => estimateCollapse({ ...ok, vocabularySize: 0 })).toThrow(ParameterRangeError);
    expect(() => estimateCollapse({ ...ok, generations: 5 as never })).toThrow(ParameterTypeError);
    expect(() => estimateCollapse({ ...ok, generations: [[['a', 'b']]] as never })).toThrow(ParameterRangeError);
    expect(() => estimateCollapse(ok, { level: 1 })).toThrow(ParameterRangeError);
  });
});
