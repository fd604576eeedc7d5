/**
 * Recursive training on text (simulateText): exact oracles on tiny corpora,
 * an independent recomputation of every reported average from the kept
 * models, the link to the theory (eq. 6 and Theorem 2 on corpora whose
 * contexts have i.i.d. next tokens), the law of every schedule against the
 * simulator, the text sampling mode, missing contexts, and bad input.
 *
 * Statistical tests use fixed seeds; each `describe` states its family-wise
 * false-alarm rate α (probability that a correct implementation fails for a
 * random seed, up to the normal approximation), split by Bonferroni.
 */
import { describe, expect, it } from 'vitest';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import fc from 'fast-check';
import { simulateText, type TextSimulationResult } from '../../src/text/recursive.ts';
import type { TextSchedule } from '../../src/text/schedules.ts';
import { contextMeanInterval } from '../../src/text/aggregate.ts';
import { fitNgram } from '../../src/text/ngram.ts';
import {
  accumulate,
  accumulateSubsample,
  customSchedule,
  fullySynthetic,
  meanInterval,
  mostRecent,
  partiallySynthetic,
  randomlySampled,
  simulate,
  type Schedule,
} from '../../src/simulation/index.ts';
import { fullySyntheticS } from '../../src/theory/fully-synthetic.ts';
import { partiallySyntheticS } from '../../src/theory/partially-synthetic.ts';
import { createRng } from '../../src/random/rng.ts';
import type { Rng } from '../../src/random/types.ts';
import { ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';

function draw(p: number[], rng: Rng): number {
  let u = rng.uniform();
  for (let k = 0; k < p.length - 1; k++) {
    if (u < p[k]) return k;
    u -= p[k];
  }
  return p.length - 1;
}

function iid(p: number[], T: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: T }, () => draw(p, rng));
}

const sigmaOf = (p: number[]): number => p.reduce((a, x) => a + x * x, 0);

describe('exact values on a tiny corpus', () => {
  // train "aababba" (a = 0, b = 1), held out "abcaa" (c = 2): s = 3, ℓ = 1
  const corpus = { train: [0, 0, 1, 0, 1, 1, 0], heldOut: [0, 1, 2, 0, 0], vocabularySize: 3 };
  // training pairs: a→a, a→b, b→a, a→b, b→b, b→a: p(·|a) = (1/3, 2/3, 0), p(·|b) = (2/3, 1/3, 0)
  // held-out pairs: a→b, b→c, c→a (context c unseen in training), a→a
  const lambda = 0.01;
  const pt = (p: number): number => (1 - lambda) * p + lambda / 3;
  const nllA = (-Math.log(pt(2 / 3)) - Math.log(pt(1 / 3))) / 2;
  const nllB = -Math.log(pt(0));
  const nllC = Math.log(3);

  it('p^(1) metrics and the held-out loss, by hand; a real-only schedule keeps them at every generation', () => {
    const r = simulateText({ corpus, contextLength: 1, generations: 4, seed: 1, schedules: [{ kind: 'partiallySynthetic', synthetic: 0 }, { kind: 'fullySynthetic' }] });
    expect(r.contexts).toBe(2);
    expect(r.trainingPairs).toBe(6);
    expect(r.heldOutPairs).toBe(4);
    expect(r.heldOutUnseenFraction).toBe(0.25);
    const real = r.schedules[0];
    for (let g = 0; g < 4; g++) {
      expect(real.metrics.sigma.weighted.mean[g]).toBeCloseTo(5 / 9, 15);
      expect(real.metrics.sigma.unweighted.mean[g]).toBeCloseTo(5 / 9, 15);
      expect(real.metrics.l1FromFirst.weighted.mean[g]).toBe(0);
      expect(real.metrics.tailLoss.weighted.mean[g]).toBe(0);
      const nll = real.metrics.heldOutNll;
      expect(nll).not.toBeNull();
      expect(nll?.weighted.mean[g]).toBeCloseTo((2 * nllA + nllB + nllC) / 4, 14);
      expect(nll?.unweighted.mean[g]).toBeCloseTo((nllA + nllB + nllC) / 3, 14);
      expect(real.syntheticFraction[g]).toBe(0);
    }
    // generation 1 of the fully synthetic schedule is the same model
    const fully = r.schedules[1];
    expect(fully.metrics.sigma.weighted.mean[0]).toBeCloseTo(5 / 9, 15);
    expect(fully.metrics.heldOutNll?.weighted.mean[0]).toBeCloseTo((2 * nllA + nllB + nllC) / 4, 14);
    expect(Array.from(fully.syntheticFraction)).toEqual([0, 1, 1, 1]);
  });

  it('smoothing λ enters as (1 − λ)p + λ/s', () => {
    const r = simulateText({ corpus, contextLength: 1, generations: 1, seed: 1, smoothing: 0.5, schedules: [{ kind: 'fullySynthetic' }] });
    const q = (p: number): number => 0.5 * p + 0.5 / 3;
    const a = (-Math.log(q(2 / 3)) - Math.log(q(1 / 3))) / 2;
    expect(r.schedules[0].metrics.heldOutNll?.weighted.mean[0]).toBeCloseTo((2 * a - Math.log(q(0)) + Math.log(3)) / 4, 14);
    const one = simulateText({ corpus, contextLength: 1, generations: 1, seed: 1, smoothing: 1, schedules: [{ kind: 'fullySynthetic' }] });
    expect(one.schedules[0].metrics.heldOutNll?.weighted.mean[0]).toBeCloseTo(Math.log(3), 14);
  });

  it('a Dirac context stays a Dirac under Fully Synthetic; without held-out text the loss is null', () => {
    // "aaaab": after a: a (3×), b (1×); the context b has no successor
    const r = simulateText({ corpus: { train: [0, 0, 0, 0, 0], vocabularySize: 2 }, contextLength: 1, generations: 5, seed: 3, schedules: [{ kind: 'fullySynthetic' }] });
    expect(Array.from(r.schedules[0].metrics.sigma.weighted.mean)).toEqual([1, 1, 1, 1, 1]);
    expect(r.schedules[0].metrics.heldOutNll).toBeNull();
    expect(r.heldOutPairs).toBe(0);
  });
});

/** Recomputes every average reported by simulateText from the kept models (runs = 1). */
function checkAgainstModels(r: TextSimulationResult, heldOut: Int32Array, s: number, l: number): void {
  const first = r.model;
  const lambda = r.smoothing;
  const ho = heldOut.length > l ? fitNgram(heldOut, { contextLength: l, vocabularySize: s }) : null;
  for (const sched of r.schedules) {
    const models = sched.models;
    expect(models).toBeDefined();
    if (models === undefined) return;
    expect(models.length).toBe(r.generations);
    for (let g = 0; g < r.generations; g++) {
      const m = models[g];
      const sig: number[] = [];
      const l1: number[] = [];
      const tail: number[] = [];
      const w: number[] = [];
      let missing = 0;
      for (let j = 0; j < m.contextCount; j++) {
        const n = m.contextTotals[j];
        if (n === 0) {
          missing++;
          continue;
        }
        const n1 = models[0].contextTotals[j];
        let s2 = 0;
        let d = 0;
        let supp = 0;
        let lost = 0;
        for (let e = m.offsets[j]; e < m.offsets[j + 1]; e++) {
          const x = m.counts[e] / n;
          const f = models[0].counts[e] / n1;
          s2 += x * x;
          d += Math.abs(x - f);
          if (f > 0) {
            supp++;
            if (x === 0) lost++;
          }
        }
        sig.push(s2);
        l1.push(d);
        tail.push(lost / supp);
        w.push(first.contextTotals[j]);
      }
      expect(sched.missingContexts[g]).toBe(missing);
      const cmp = (series: { mean: Float64Array; lower: Float64Array; upper: Float64Array }, values: number[], weights?: number[]): void => {
        const ci = contextMeanInterval(values, weights === undefined ? {} : { weights });
        expect(series.mean[g]).toBeCloseTo(ci.mean, 12);
        if (Number.isFinite(ci.lower)) {
          expect(series.lower[g]).toBeCloseTo(ci.lower, 10);
          expect(series.upper[g]).toBeCloseTo(ci.upper, 10);
        }
      };
      cmp(sched.metrics.sigma.weighted, sig, w);
      cmp(sched.metrics.sigma.unweighted, sig);
      cmp(sched.metrics.l1FromFirst.weighted, l1, w);
      cmp(sched.metrics.l1FromFirst.unweighted, l1);
      cmp(sched.metrics.tailLoss.weighted, tail, w);
      if (ho !== null) {
        // held-out loss per held-out context, by looking the context up in the generation's model
        const vals: number[] = [];
        const hw: number[] = [];
        for (let h = 0; h < ho.contextCount; h++) {
          const key = Array.from(ho.contexts.subarray(h * l, h * l + l));
          let j = -1;
          for (let q = 0; q < m.contextCount; q++) if (Array.from(m.contexts.subarray(q * l, q * l + l)).join() === key.join()) j = q;
          let sum = 0;
          for (let e = ho.offsets[h]; e < ho.offsets[h + 1]; e++) {
            const y = ho.tokens[e];
            let p = 1 / s;
            if (j >= 0 && m.contextTotals[j] > 0) {
              let c = 0;
              for (let q = m.offsets[j]; q < m.offsets[j + 1]; q++) if (m.tokens[q] === y) c = m.counts[q];
              p = (1 - lambda) * (c / m.contextTotals[j]) + lambda / s;
            }
            sum -= ho.counts[e] * Math.log(p);
          }
          vals.push(sum / ho.contextTotals[h]);
          hw.push(ho.contextTotals[h]);
        }
        const nllSeries = sched.metrics.heldOutNll;
        expect(nllSeries).not.toBeNull();
        if (nllSeries !== null) {
          cmp(nllSeries.weighted, vals, hw);
          cmp(nllSeries.unweighted, vals);
        }
      }
    }
  }
}

describe('every reported average equals its recomputation from the kept models (runs = 1)', () => {
  const rng = createRng(5);
  const text = Int32Array.from({ length: 1500 }, () => draw([0.3, 0.3, 0.2, 0.1, 0.05, 0.05], rng));
  const corpus = { train: text.subarray(0, 1300), heldOut: text.subarray(1300), vocabularySize: 6 };
  const schedules: TextSchedule[] = [
    { kind: 'fullySynthetic' },
    { kind: 'partiallySynthetic', synthetic: 0.2 },
    { kind: 'mostRecent', K: 3 },
    { kind: 'randomlySampled', ratio: 0.5 },
    { kind: 'accumulateSubsample', ratio: 0.5 },
  ];
  for (const sampling of ['contexts', 'text'] as const) {
    it(`sampling '${sampling}', ℓ = 2, five schedules`, () => {
      const r = simulateText({ corpus, contextLength: 2, generations: 6, seed: 8, schedules, sampling, keepModels: true });
      checkAgainstModels(r, corpus.heldOut, 6, 2);
      // generation 1 of every schedule with ratio ≥ 1 or real data is the model of eq. 2
      expect(Array.from(r.schedules[0].models?.[0].counts ?? [])).toEqual(Array.from(r.model.counts));
    });
  }

  it('change series are the paired differences from generation 1', () => {
    const r = simulateText({ corpus, contextLength: 1, generations: 4, seed: 2, schedules: [{ kind: 'fullySynthetic' }] });
    const s = r.schedules[0].metrics.sigma;
    expect(s.change.weighted.mean[0]).toBe(0);
    for (let g = 0; g < 4; g++) expect(s.change.weighted.mean[g]).toBeCloseTo(s.weighted.mean[g] - s.weighted.mean[0], 14);
  });
});

/**
 * A corpus whose contexts have i.i.d. next tokens: K marker tokens (ids s…s+K−1),
 * each followed T times by a draw from p — "m_0 y m_0 y … m_1 y …". The marker
 * contexts j have N_j = T real next tokens, i.i.d. from p, in text order.
 */
function markerCorpus(p: number[], K: number, T: number, rng: Rng): Int32Array {
  const s = p.length;
  const out = new Int32Array(2 * K * T);
  let k = 0;
  for (let j = 0; j < K; j++) {
    for (let r = 0; r < T; r++) {
      out[k++] = s + j;
      out[k++] = draw(p, rng);
    }
  }
  return out;
}

/** σ and ‖·−p^(1)‖₁ of the marker contexts, per generation, from the kept models of run 0. */
function markerMetrics(r: TextSimulationResult, s: number, K: number, sched = 0): { sigma: number[][]; l1: number[][] } {
  const models = r.schedules[sched].models as NonNullable<TextSimulationResult['schedules'][number]['models']>;
  const sigma: number[][] = models.map(() => []);
  const l1: number[][] = models.map(() => []);
  const m0 = models[0];
  for (let j = 0; j < m0.contextCount; j++) {
    if (m0.contexts[j] < s) continue; // a token context, not a marker
    models.forEach((m, g) => {
      let s2 = 0;
      let d = 0;
      for (let e = m.offsets[j]; e < m.offsets[j + 1]; e++) {
        const x = m.counts[e] / m.contextTotals[j];
        s2 += x * x;
        d += Math.abs(x - m0.counts[e] / m0.contextTotals[j]);
      }
      sigma[g].push(s2);
      l1[g].push(d);
    });
  }
  expect(sigma[0].length).toBe(K);
  return { sigma, l1 };
}

describe('link to the theory: contexts with i.i.d. next tokens (α = 1e-3 per test)', () => {
  const p = [0.4, 0.3, 0.2, 0.1];
  const S0 = sigmaOf(p);
  const T = 8;
  const K = 1000;
  const G = 8;
  const gens = [1, 2, 3, 5, 8];

  it('Fully Synthetic: the mean σ_m over marker contexts follows eq. 6 with n = N_j = 8', () => {
    const values: number[][] = gens.map(() => []);
    for (let rep = 0; rep < 3; rep++) {
      const rng = createRng(100 + rep);
      const train = markerCorpus(p, K, T, rng);
      const r = simulateText({
        corpus: { train, vocabularySize: p.length + K },
        contextLength: 1,
        generations: G,
        seed: rep,
        schedules: [{ kind: 'fullySynthetic' }],
        keepModels: true,
      });
      const { sigma } = markerMetrics(r, p.length, K);
      gens.forEach((m, i) => values[i].push(...sigma[m - 1]));
    }
    gens.forEach((m, i) => {
      const ci = meanInterval(values[i], { level: 1 - 1e-3 / gens.length });
      const S = fullySyntheticS(m, { n: T, S0 });
      expect(ci.lower, `m = ${m}`).toBeLessThanOrEqual(S);
      expect(ci.upper, `m = ${m}`).toBeGreaterThanOrEqual(S);
    });
  });

  it('synthetic 50% – real 50%: the mean σ_m follows Theorem 2 (sign-corrected) with N = n = 8', () => {
    const values: number[][] = gens.map(() => []);
    for (let rep = 0; rep < 3; rep++) {
      const train = markerCorpus(p, K, T, createRng(200 + rep));
      const r = simulateText({
        corpus: { train, vocabularySize: p.length + K },
        contextLength: 1,
        generations: G,
        seed: rep,
        schedules: [{ kind: 'partiallySynthetic', synthetic: 0.5 }],
        keepModels: true,
      });
      const { sigma } = markerMetrics(r, p.length, K);
      gens.forEach((m, i) => values[i].push(...sigma[m - 1]));
    }
    gens.forEach((m, i) => {
      const ci = meanInterval(values[i], { level: 1 - 1e-3 / gens.length });
      const S = partiallySyntheticS(m, { N: T, n: T, S0 });
      expect(ci.lower, `m = ${m}`).toBeLessThanOrEqual(S);
      expect(ci.upper, `m = ${m}`).toBeGreaterThanOrEqual(S);
    });
  });

  it('conditionally on a fixed corpus (ℓ = 2, any text): E[σ_m | p^(1)] = 1 − (1 − 1/N_j)^(m−1)(1 − σ_1), averaged over contexts', () => {
    const rng = createRng(77);
    const tokens = iid([0.5, 0.25, 0.15, 0.1], 2000, rng);
    const corpus = { train: tokens, vocabularySize: 4 };
    const seeds = 300;
    const per: number[][] = gens.map(() => []);
    let expected: number[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const r = simulateText({ corpus, contextLength: 2, generations: G, seed, schedules: [{ kind: 'fullySynthetic' }] });
      gens.forEach((m, i) => per[i].push(r.schedules[0].metrics.sigma.unweighted.mean[m - 1]));
      if (seed === 0) {
        const model = r.model;
        expected = gens.map((m) => {
          let sum = 0;
          for (let j = 0; j < model.contextCount; j++) {
            const N = model.contextTotals[j];
            let s1 = 0;
            for (let e = model.offsets[j]; e < model.offsets[j + 1]; e++) s1 += (model.counts[e] / N) ** 2;
            sum += m === 1 ? s1 : fullySyntheticS(m - 1, { n: N, S0: s1 });
          }
          return sum / model.contextCount;
        });
      }
    }
    gens.forEach((m, i) => {
      if (m === 1) {
        expect(per[i][0]).toBeCloseTo(expected[i], 13);
        return;
      }
      const ci = meanInterval(per[i], { level: 1 - 1e-3 / (gens.length - 1) });
      expect(ci.lower, `m = ${m}`).toBeLessThanOrEqual(expected[i]);
      expect(ci.upper, `m = ${m}`).toBeGreaterThanOrEqual(expected[i]);
    });
  });
});

describe('every schedule has the law of the simulator with one fixed real corpus (α = 1e-3 overall)', () => {
  // Marker contexts with T = 6 i.i.d. next tokens of p are K independent copies of the
  // simulator's run with realData 'reuse'. Compare mean σ_m and ‖p^(m) − p^(1)‖₁ (two-sample z).
  const p = [0.4, 0.3, 0.2, 0.1];
  const T = 6;
  const K = 1500;
  const G = 6;
  const cases: Array<{ name: string; schedule: Schedule }> = [
    { name: 'fully synthetic n = 6', schedule: fullySynthetic({ n: 6 }) },
    { name: 'partially synthetic N = 6, n = 4', schedule: partiallySynthetic({ N: 6, n: 4 }) },
    { name: 'most recent K = 3 (fresh)', schedule: mostRecent({ n: 6, K: 3 }) },
    { name: 'most recent K = 2 (reuse: prefix)', schedule: mostRecent({ n: 6, K: 2, syntheticData: 'reuse' }) },
    { name: 'most recent K = 3 printed warm-up', schedule: mostRecent({ n: 6, K: 3, warmUp: 'printed' }) },
    { name: 'randomly sampled (fresh)', schedule: randomlySampled({ n: 6 }) },
    { name: 'randomly sampled (reuse)', schedule: randomlySampled({ n: 6, syntheticData: 'reuse' }) },
    { name: 'accumulate N = 6, n = 3', schedule: accumulate({ N: 6, n: 3 }) },
    { name: 'accumulate (fresh)', schedule: accumulate({ N: 6, n: 3, syntheticData: 'fresh' }) },
    { name: 'accumulate-subsample', schedule: accumulateSubsample({ N: 6, n: 4, size: 6 }) },
    {
      name: 'custom: 2 real (6 at m = 1) + 3 from each of the last two models',
      schedule: customSchedule({ counts: (m, t) => (t === 0 ? (m === 1 ? 6 : 2) : m - t <= 2 ? 3 : 0), window: 2 }),
    },
  ];
  const checks = cases.length * (G - 1) * 2;
  const z = normalQuantile(1 - 1e-3 / (2 * checks), 0, 1);
  for (const c of cases) {
    it(c.name, () => {
      const train = markerCorpus(p, K, T, createRng(31));
      const r = simulateText({
        corpus: { train, vocabularySize: p.length + K },
        contextLength: 1,
        generations: G,
        seed: 4,
        schedules: [{ kind: 'perContext', schedule: (N) => (N === T ? c.schedule : fullySynthetic({ n: N })) }],
        keepModels: true,
      });
      const ours = markerMetrics(r, p.length, K);
      const sim = simulate({ p, schedule: c.schedule, generations: G, runs: 4000, seed: 9, metrics: ['sigma', 'l1FromFirst'] });
      for (let m = 2; m <= G; m++) {
        for (const [key, vals] of [['sigma', ours.sigma[m - 1]], ['l1FromFirst', ours.l1[m - 1]]] as const) {
          const a = meanInterval(vals);
          const b = sim.metrics[key];
          const se = Math.sqrt((a.sd * a.sd) / a.n + (b.sd[m] * b.sd[m]) / 4000);
          expect(Math.abs(a.mean - b.mean[m]), `${key} at m = ${m}: ${a.mean} vs ${b.mean[m]}`).toBeLessThanOrEqual(z * se);
        }
      }
    });
  }
});

describe("sampling 'text'", () => {
  it('ℓ = 0: a generated text is n i.i.d. draws, so Fully Synthetic follows eq. 6 (α = 1e-3)', () => {
    const p = [0.5, 0.3, 0.2];
    const N = 6;
    const gens = [2, 4, 6];
    const vals: number[][] = gens.map(() => []);
    for (let rep = 0; rep < 3000; rep++) {
      const train = iid(p, N, createRng(1000 + rep));
      const r = simulateText({ corpus: { train, vocabularySize: 3 }, contextLength: 0, generations: 6, seed: rep, sampling: 'text', schedules: [{ kind: 'fullySynthetic' }] });
      gens.forEach((m, i) => vals[i].push(r.schedules[0].metrics.sigma.weighted.mean[m - 1]));
    }
    gens.forEach((m, i) => {
      const ci = meanInterval(vals[i], { level: 1 - 1e-3 / gens.length });
      const S = fullySyntheticS(m, { n: N, S0: sigmaOf(p) });
      expect(ci.lower).toBeLessThanOrEqual(S);
      expect(ci.upper).toBeGreaterThanOrEqual(S);
    });
  });

  it('contexts that a fully synthetic text never produces are tracked, never come back, and leave the averages', () => {
    // rare contexts: "q" occurs once in a long text of a/b
    const rng = createRng(12);
    const train = Int32Array.from({ length: 400 }, () => (rng.uniform() < 0.5 ? 0 : 1));
    train[200] = 2;
    const r = simulateText({ corpus: { train, vocabularySize: 3 }, contextLength: 2, generations: 12, seed: 5, sampling: 'text', schedules: [{ kind: 'fullySynthetic' }, { kind: 'partiallySynthetic', synthetic: 0.5 }], keepModels: true });
    const fully = r.schedules[0];
    const miss = Array.from(fully.missingContexts);
    expect(miss[0]).toBe(0);
    for (let g = 1; g < miss.length; g++) expect(miss[g]).toBeGreaterThanOrEqual(miss[g - 1]);
    expect(miss[miss.length - 1]).toBeGreaterThan(0);
    for (let g = 0; g < 12; g++) expect(fully.metrics.sigma.weighted.contexts[g]).toBe(r.contexts - miss[g]);
    expect(fully.missingWeight[11]).toBeGreaterThan(0);
    expect(Array.from(r.schedules[1].missingContexts).every((x) => x === 0)).toBe(true);
    expect(Array.from(r.schedules[1].metrics.tailLoss.weighted.mean).every((x) => x === 0)).toBe(true);
  });
});

describe('contexts without training data in the contexts mode', () => {
  it('are counted, weighted, and get the uniform loss log s', () => {
    const text = [0, 1, 0, 1, 1, 0, 0, 2, 0, 1];
    const r = simulateText({
      corpus: { train: text, heldOut: [0, 2, 0], vocabularySize: 3 },
      contextLength: 1,
      generations: 3,
      seed: 1,
      // contexts seen once get no data after generation 1
      schedules: [{ kind: 'perContext', schedule: (N) => (N === 1 ? customSchedule({ counts: (m, t) => (m === 1 && t === 0 ? 1 : 0) }) : fullySynthetic({ n: N })) }],
    });
    // N: context 0 → 5 pairs, 1 → 3, 2 → 1
    expect(Array.from(r.schedules[0].missingContexts)).toEqual([0, 1, 1]);
    expect(r.schedules[0].missingWeight[2]).toBeCloseTo(1 / 9, 15);
    expect(r.schedules[0].metrics.sigma.unweighted.contexts[2]).toBe(2);
    // held-out pairs 0→2, 2→0: at generation 2 the context 2 has no model, its loss is log 3
    const nll = r.schedules[0].metrics.heldOutNll;
    expect(nll?.unweighted.contexts[1]).toBe(2);
  });
});

describe('invariants on random corpora and schedules (fast-check, seed 17)', () => {
  const schedule = fc.oneof(
    fc.record({ kind: fc.constant('fullySynthetic' as const), ratio: fc.double({ min: 0.1, max: 2, noNaN: true }) }),
    fc.record({ kind: fc.constant('partiallySynthetic' as const), synthetic: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
    fc.record({ kind: fc.constant('mostRecent' as const), K: fc.integer({ min: 1, max: 4 }), syntheticData: fc.constantFrom('reuse' as const, 'fresh' as const) }),
    fc.record({ kind: fc.constant('randomlySampled' as const), syntheticData: fc.constantFrom('reuse' as const, 'fresh' as const) }),
    fc.record({ kind: fc.constant('accumulate' as const), ratio: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('accumulateSubsample' as const), ratio: fc.double({ min: 0, max: 1, noNaN: true }), sizeRatio: fc.double({ min: 0.2, max: 2, noNaN: true }) }),
  );
  it('metrics stay in range; real data in every training set means no tail loss; no context goes missing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 80 }),
        fc.integer({ min: 0, max: 3 }),
        schedule,
        fc.constantFrom('contexts' as const, 'text' as const),
        fc.integer({ min: 0, max: 1000 }),
        (tokens, l, sched, sampling, seed) => {
          const r = simulateText({ corpus: { train: tokens, heldOut: tokens.slice(0, 8), vocabularySize: 5 }, contextLength: l, generations: 5, seed, sampling, schedules: [sched] });
          const res = r.schedules[0];
          for (let g = 0; g < 5; g++) {
            const l1 = res.metrics.l1FromFirst.weighted.mean[g];
            const sg = res.metrics.sigma.weighted.mean[g];
            const tl = res.metrics.tailLoss.weighted.mean[g];
            expect(l1).toBeGreaterThanOrEqual(0);
            expect(l1).toBeLessThanOrEqual(2 + 1e-12);
            expect(sg).toBeGreaterThanOrEqual(1 / 5 - 1e-12);
            expect(sg).toBeLessThanOrEqual(1 + 1e-12);
            expect(tl).toBeGreaterThanOrEqual(0);
            expect(tl).toBeLessThanOrEqual(1);
            expect(res.syntheticFraction[g]).toBeGreaterThanOrEqual(0);
            expect(res.syntheticFraction[g]).toBeLessThanOrEqual(1);
            expect(res.metrics.heldOutNll?.weighted.mean[g]).toBeGreaterThan(0);
            if (sampling === 'contexts') expect(res.missingContexts[g]).toBe(0);
            if (sched.kind === 'partiallySynthetic' || sched.kind === 'accumulate') expect(tl).toBe(0);
          }
          expect(res.metrics.l1FromFirst.weighted.mean[0]).toBe(0);
        },
      ),
      { seed: 17, numRuns: 150 },
    );
  });
});

describe('streams, options and bad input', () => {
  const corpus = 'It was the best of times, it was the worst of times, it was the age of wisdom.';

  it('a schedule’s results depend only on its position, the seed and the runs', () => {
    const a = simulateText({ corpus, contextLength: 2, generations: 4, seed: 3, schedules: [{ kind: 'fullySynthetic' }, { kind: 'mostRecent', K: 2 }] });
    const b = simulateText({ corpus, contextLength: 2, generations: 4, seed: 3, schedules: [{ kind: 'fullySynthetic' }, { kind: 'accumulate' }] });
    expect(Array.from(a.schedules[0].metrics.l1FromFirst.weighted.mean)).toEqual(Array.from(b.schedules[0].metrics.l1FromFirst.weighted.mean));
    const c = simulateText({ corpus, contextLength: 2, generations: 4, seed: 4, schedules: [{ kind: 'fullySynthetic' }] });
    expect(Array.from(c.schedules[0].metrics.l1FromFirst.weighted.mean)).not.toEqual(Array.from(a.schedules[0].metrics.l1FromFirst.weighted.mean));
    const runs = simulateText({ corpus, contextLength: 2, generations: 4, seed: 3, runs: 5, schedules: [{ kind: 'fullySynthetic' }] });
    expect(runs.runs).toBe(5);
    const progress: number[] = [];
    simulateText({ corpus, contextLength: 2, generations: 4, seed: 3, runs: 3, onProgress: (f) => progress.push(f) });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);
  });

  it('a run with fewer generations is a prefix of one with more (both sampling modes)', () => {
    for (const sampling of ['contexts', 'text'] as const) {
      const schedules: TextSchedule[] = [{ kind: 'fullySynthetic' }, { kind: 'randomlySampled' }, { kind: 'accumulateSubsample', ratio: 0.5 }];
      const short = simulateText({ corpus, contextLength: 2, generations: 3, seed: 7, sampling, schedules });
      const long = simulateText({ corpus, contextLength: 2, generations: 6, seed: 7, sampling, schedules });
      for (let i = 0; i < schedules.length; i++) {
        for (const key of ['l1FromFirst', 'sigma', 'heldOutNll'] as const) {
          expect(Array.from(long.schedules[i].metrics[key]?.weighted.mean ?? []).slice(0, 3)).toEqual(Array.from(short.schedules[i].metrics[key]?.weighted.mean ?? []));
        }
      }
    }
  });

  it('word tokens via corpusOptions', () => {
    const r = simulateText({ corpus, contextLength: 1, generations: 2, seed: 1, corpusOptions: { tokenizer: 'word', heldOutFraction: 0.2, lowercase: true } });
    expect(r.vocabularySize).toBeGreaterThan(5);
  });

  it('rejects bad input with typed errors naming the parameter', () => {
    const base = { corpus, contextLength: 2, generations: 3, seed: 1 };
    expect(() => simulateText({ ...base, corpus: '' })).toThrow(/text must be a non-empty text/);
    expect(() => simulateText({ ...base, corpus: 'ab', contextLength: 2 })).toThrow(/number of tokens in the training text must be at least ℓ \+ 1 = 3/);
    expect(() => simulateText({ ...base, contextLength: 500 })).toThrow(/contextLength must be an integer >= 0 and <= 64/);
    expect(() => simulateText({ ...base, corpus: 'abcdefghijklmnopqrstu', contextLength: 3, corpusOptions: { heldOutFraction: 0.1 } })).toThrow(
      /number of tokens in the held-out text must be at least ℓ \+ 1 = 4.*received 3/,
    );
    expect(() => simulateText({ ...base, corpus: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]) })).toThrow(/not binary data/);
    expect(() => simulateText({ ...base, corpus: new Uint8Array([0x61, 0x62, 0xfe]) })).toThrow(/valid UTF-8 text \(invalid byte 0xfe at byte offset 2\)/);
    expect(() => simulateText({ ...base, corpus: { train: [0, 1, 2], vocabularySize: 2 } })).toThrow(/corpus.train\[2\] must be an integer token id in \[0, 1\]/);
    expect(() => simulateText({ ...base, corpus: 42 as never })).toThrow(ParameterTypeError);
    expect(() => simulateText({ ...base, generations: 0 })).toThrow(/generations must be an integer >= 1/);
    expect(() => simulateText({ ...base, seed: -1 })).toThrow(ParameterRangeError);
    expect(() => simulateText({ ...base, smoothing: 0 })).toThrow(/smoothing must be a finite number > 0 and <= 1/);
    expect(() => simulateText({ ...base, sampling: 'pairs' as never })).toThrow(ParameterRangeError);
    expect(() => simulateText({ ...base, schedules: [] })).toThrow(ParameterTypeError);
    expect(() => simulateText({ ...base, schedules: [{ kind: 'fullySynthetic', ratio: 0 }] })).toThrow(/schedules\[0\].ratio must be a number > 0/);
    expect(() => simulateText({ ...base, schedules: [{ kind: 'partiallySynthetic', synthetic: 1 }] })).toThrow(/schedules\[0\].synthetic must be a finite number >= 0 and < 1/);
    expect(() => simulateText({ ...base, schedules: [{ kind: 'partiallySynthetic' } as never] })).toThrow(ParameterTypeError);
    expect(() => simulateText({ ...base, schedules: [{ kind: 'everything' } as never] })).toThrow(/schedules\[0\].kind must be one of/);
    expect(() =>
      simulateText({ ...base, schedules: [{ kind: 'perContext', schedule: (N) => partiallySynthetic({ N, n: N, realData: 'fresh' }) }] }),
    ).toThrow(/realData must be 'reuse' \(a text has one real corpus/);
    expect(() => simulateText({ ...base, schedules: [{ kind: 'perContext', schedule: () => ({ kind: 'nope' }) as never }] })).toThrow(ParameterRangeError);
  });
});
