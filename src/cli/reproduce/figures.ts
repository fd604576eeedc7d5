/**
 * Data and SVG for the paper's Figures 1–4 and 6, recomputed by the library.
 * Each builder is deterministic given its seed and returns the SVG files, the
 * Markdown lines of the report and the numbers compared with the paper.
 */
import { linePlot, type LineSeries } from '../../display/plot.ts';
import { scatterPlot } from '../../display/scatter.ts';
import { simulate } from '../../simulation/simulate.ts';
import { fullySynthetic, mostRecent, partiallySynthetic, randomlySampled } from '../../simulation/schedules.ts';
import { withDispersion } from '../../distributions/with-dispersion.ts';
import { dirichlet } from '../../distributions/dirichlet.ts';
import { createRng } from '../../random/rng.ts';
import { sampleMultinomial } from '../../random/multinomial.ts';
import { collapseTimeBounds } from '../../theory/fully-synthetic.ts';
import { partiallySyntheticS } from '../../theory/partially-synthetic.ts';
import { deviationBound } from '../../theory/deviation.ts';
import { formatNumber } from '../format.ts';
import type { ReproduceHooks } from './hooks.ts';

/** Output of one figure. */
export interface FigureOutput {
  id: string;
  files: Array<{ name: string; svg: string }>;
  markdown: string[];
}

/** Settings shared by the builders. */
export interface FigureSettings {
  runs: number;
  seed: number;
  hooks: ReproduceHooks;
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * Figure 1: p^(m) on the simplex (s = 3, 81 contexts, n = 1000 samples in all,
 * so ⌊1000/81⌋ = 12 per context) at m = 0, 10, 20, 30, 40.
 */
export function figure1(set: FigureSettings): FigureOutput {
  const contexts = 81;
  const n = Math.floor(1000 / contexts);
  const rng = createRng(set.seed);
  const points: Array<{ x: number; y: number; facet: string }> = [];
  const shown = [0, 10, 20, 30, 40];
  let collapsedAt40 = 0;
  for (let c = 0; c < contexts; c++) {
    let p = dirichlet(1, rng, { s: 3 });
    for (let m = 0; m <= 40; m++) {
      if (m > 0) {
        const counts = sampleMultinomial(n, p, rng);
        p = Float64Array.from(counts, (k) => k / n);
      }
      if (shown.includes(m)) {
        // Barycentric → Cartesian: vertices (0,0), (1,0), (1/2, √3/2).
        points.push({ x: p[1] + p[2] / 2, y: (Math.sqrt(3) / 2) * p[2], facet: `m = ${m}` });
      }
    }
    if (Math.max(p[0], p[1], p[2]) === 1) collapsedAt40++;
  }
  const svg = scatterPlot({
    points,
    facets: shown.map((m) => `m = ${m}`),
    title: 'Figure 1 — Fully Synthetic, s = 3, 81 contexts, n = 1000 samples (12 per context)',
    subtitle: 'each dot is one context’s p^(m) on the probability simplex (vertices = Dirac masses)',
    simplex: true,
  });
  return {
    id: '1',
    files: [{ name: 'figure-1.svg', svg }],
    markdown: [
      '## Figure 1 — convergence to the vertices of the simplex',
      '',
      '![Figure 1](figure-1.svg)',
      '',
      `81 contexts with p^(0) ~ Dirichlet(1, 1, 1), seed ${set.seed}. We read the caption’s n = 1000 as the sample size of the`,
      'whole corpus, shared by the c = 81 contexts (⌊1000/81⌋ = 12 samples per context, in line with §3.1’s remark that "the',
      'number of samples n per context would be fairly small"): with 1000 samples per context the expected collapse time',
      'would be about 2 000 generations and the points would barely move in 40, unlike the paper’s panels.',
      `By m = 40, ${collapsedAt40} of the 81 contexts are exactly a Dirac mass (a vertex); the paper shows the same convergence.`,
      '',
    ],
  };
}

const FIGURE2_P = [
  { S0: 0.01, support: 181 },
  { S0: 0.1, support: 29 },
  { S0: 0.5, support: 10 },
  { S0: 0.7, support: 9 },
];

/** Figure 2: mean collapse time E[T] against n, with eq. 8's lower bound and the exact value. */
export function figure2(set: FigureSettings): FigureOutput {
  const ns = [10, 50, 100, 150, 200, 250, 300, 350, 400];
  const series: LineSeries[] = [];
  const rows: string[] = ['| S0 | s̃ | n | simulated mean T (95% CI) | eq. 8 lower | exact E[T] | eq. 8 upper |', '|---|---|---|---|---|---|---|'];
  FIGURE2_P.forEach(({ S0, support }, k) => {
    const p = withDispersion({ s: 600, support, S0 });
    const mean: number[] = [];
    const lower: number[] = [];
    const exact: number[] = [];
    for (const n of ns) {
      const sim = simulate({ p, schedule: fullySynthetic({ n }), generations: 40 * n, runs: set.runs, seed: set.seed + 1000 * k + n, metrics: ['maxProb'] });
      const summary = sim.collapse.meanObserved;
      const m = summary ? summary.mean : Number.NaN;
      mean.push(m);
      const b = collapseTimeBounds({ n, S0, support });
      lower.push(b.lower);
      const ex = set.hooks.exactMeanCollapseTime?.(p, n) ?? null;
      exact.push(ex ?? Number.NaN);
      rows.push(
        `| ${S0} | ${support} | ${n} | ${summary ? `${formatNumber(summary.mean, 4)} [${formatNumber(summary.lower, 4)}, ${formatNumber(summary.upper, 4)}]` : '—'}${sim.collapse.censored ? ` (${sim.collapse.censored} censored)` : ''} | ${formatNumber(b.lower, 4)} | ${ex === null ? '—' : formatNumber(ex, 6)} | ${formatNumber(b.upper, 4)} |`,
      );
    }
    const label = `S0 = ${S0}, s̃ = ${support}`;
    series.push({ name: `${label}: simulation (${set.runs} runs)`, x: ns, y: mean, style: 'dots' });
    if (exact.some((v) => Number.isFinite(v))) series.push({ name: `${label}: exact E[T]`, x: ns, y: exact, style: 'line' });
    series.push({ name: `${label}: eq. 8 lower bound`, x: ns, y: lower, style: 'dashed' });
  });
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
  const perDist = series.length / FIGURE2_P.length;
  series.forEach((s, i) => (s.color = colors[Math.floor(i / perDist)]));
  const svg = linePlot({
    series,
    title: 'Figure 2 — Fully Synthetic: mean collapse time E[T] against n',
    subtitle: 'dots: simulation; solid: exact E[T]; dashed: lower bound of eq. 8 (s = 600)',
    xLabel: 'synthetic samples per generation n',
    yLabel: 'collapse time T (generations)',
    height: 480,
  });
  return {
    id: '2',
    files: [{ name: 'figure-2.svg', svg }],
    markdown: [
      '## Figure 2 — collapse time against n',
      '',
      '![Figure 2](figure-2.svg)',
      '',
      `${set.runs} runs per point (seed ${set.seed}), initial distributions from \`withDispersion\` with the paper’s (S0, s̃).`,
      'The paper plots the simulated mean and the lower bound of eq. 8 and remarks that E[T] looks O(n), far below the',
      'O(n²) upper bound. The exact value (solid line) confirms it: it is linear in n with a slope set by p.',
      '',
      ...rows,
      '',
    ],
  };
}

/**
 * Figures 3 and 4: σ_m and ‖p^(m) − p^(1)‖₁ of Partially Synthetic cases against
 * Theorems 2–3, as two SVGs and a report section (heading, plots, notes, table).
 */
function partialFigure(
  set: FigureSettings,
  id: string,
  title: string,
  cases: Array<{ label: string; p: Float64Array; S0: number; n: number; N: number }>,
  heading: string,
  notes: string[],
): FigureOutput {
  const gens = 50;
  const sigmaSeries: LineSeries[] = [];
  const devSeries: LineSeries[] = [];
  const rows = ['| case | simulated mean σ_50 | S_50 (Theorem 2) | simulated mean ‖p^(50) − p^(1)‖₁ (95% CI) | exact | Theorem 3 bound |', '|---|---|---|---|---|---|'];
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
  cases.forEach((c, k) => {
    const sim = simulate({ p: c.p, schedule: partiallySynthetic({ N: c.N, n: c.n }), generations: gens, runs: set.runs, seed: set.seed + 7 * k, metrics: ['sigma', 'l1FromFirst'] });
    const m = range(0, gens);
    const S = m.map((g) => partiallySyntheticS(g, { N: c.N, n: c.n, S0: c.S0 }));
    const sg = sim.metrics.sigma;
    const dv = sim.metrics.l1FromFirst;
    sigmaSeries.push({ name: `${c.label}: simulation`, x: m, y: sg.mean, lower: sg.lower, upper: sg.upper, color: colors[k] });
    sigmaSeries.push({ name: `${c.label}: S_m (Theorem 2)`, x: m, y: S, style: 'dashed', color: colors[k] });
    const dm = range(1, gens);
    devSeries.push({ name: `${c.label}: simulation`, x: dm, y: Array.from(dm, (g) => dv.mean[g]), lower: Array.from(dm, (g) => dv.lower[g]), upper: Array.from(dm, (g) => dv.upper[g]), color: colors[k] });
    const exact = set.hooks.exactDeviationFromFirst?.(c.p, c.N, c.n, gens) ?? null;
    if (exact) devSeries.push({ name: `${c.label}: exact E‖p^(m) − p^(1)‖₁`, x: dm, y: Array.from(dm, (g) => exact[g]), style: 'dashed', color: colors[k] });
    const bound = deviationBound({ N: c.N, n: c.n, s: c.p.length });
    rows.push(
      `| ${c.label} | ${formatNumber(sg.mean[gens], 5)} | ${formatNumber(S[gens], 5)} | ${formatNumber(dv.mean[gens], 4)} [${formatNumber(dv.lower[gens], 4)}, ${formatNumber(dv.upper[gens], 4)}] | ${exact ? formatNumber(exact[gens], 5) : '—'} | ${formatNumber(bound, 3)} |`,
    );
  });
  const sigma = linePlot({ series: sigmaSeries, title: `Figure ${id} — ${title}: σ_m = ‖p^(m)‖₂²`, subtitle: 'solid: simulated mean with 95% band; dashed: S_m of Theorem 2 (sign-corrected)', xLabel: 'generation m', yLabel: 'σ_m', logY: true, height: 440 });
  const deviation = linePlot({ series: devSeries, title: `Figure ${id} — ${title}: ‖p^(m) − p^(1)‖₁`, subtitle: 'solid: simulated mean with 95% band; dashed: exact expectation', xLabel: 'generation m', yLabel: '‖p^(m) − p^(1)‖₁', height: 440 });
  return {
    id,
    files: [
      { name: `figure-${id}-sigma.svg`, svg: sigma },
      { name: `figure-${id}-deviation.svg`, svg: deviation },
    ],
    markdown: [
      `## Figure ${id} — ${heading}`,
      '',
      `![Figure ${id}, σ_m](figure-${id}-sigma.svg)`,
      `![Figure ${id}, deviation](figure-${id}-deviation.svg)`,
      '',
      ...notes,
      '',
      ...rows,
      '',
    ],
  };
}

/** Figure 3: Partially Synthetic, N = 100, n ∈ {1, 10, 100, 500}, p with s̃ = 52, S0 = 0.1. */
export function figure3(set: FigureSettings): FigureOutput {
  const p = withDispersion({ s: 600, support: 52, S0: 0.1 });
  const cases = [1, 10, 100, 500].map((n) => ({ label: `n = ${n}`, p, S0: 0.1, n, N: 100 }));
  return partialFigure(set, '3', 'Partially Synthetic, N = 100', cases, 'Partially Synthetic with different n', [
    `N = 100 real samples, s = 600, s̃ = 52, S0 = 0.1, 50 generations, ${set.runs} runs (seed ${set.seed}). As in the paper,`,
    'σ_m stays near S0 whatever n while the drift ‖p^(m) − p^(1)‖₁ grows with n. The dashed σ curves are the',
    '*corrected* eq. 9 (the printed one differs by a term of order αβ^m/N, invisible at this scale). The Theorem 3',
    'bound is orders of magnitude above 2, the largest possible L1 distance.',
  ]);
}

/** Figure 4: Partially Synthetic, n = 10, N = 100, four initial distributions. */
export function figure4(set: FigureSettings): FigureOutput {
  const cases = [
    { S0: 0.01, support: 484 },
    { S0: 0.1, support: 52 },
    { S0: 0.5, support: 22 },
    { S0: 0.7, support: 16 },
  ].map(({ S0, support }) => ({ label: `S0 = ${S0}, s̃ = ${support}`, p: withDispersion({ s: 600, support, S0 }), S0, n: 10, N: 100 }));
  return partialFigure(set, '4', 'Partially Synthetic, n = 10, N = 100', cases, 'Partially Synthetic with different initial distributions', [
    `n = 10, N = 100, s = 600, 50 generations, ${set.runs} runs (seed ${set.seed}). As the paper observes, the drift decreases as S0`,
    'grows (a concentrated p has less room to move), which Theorem 4 captures through ζ.',
  ]);
}

/** Figure 6: Most Recent Models (K = 1, 5, 10) and Randomly Sampled Data, n = 10, 500 generations. */
export function figure6(set: FigureSettings): FigureOutput {
  const p = withDispersion({ s: 600, support: 52, S0: 0.1 });
  const gens = 500;
  const variants = [
    { label: 'window K = 1 (Fully Synthetic)', paper: 17, schedule: mostRecent({ n: 10, K: 1 }) },
    { label: 'window K = 5', paper: 95, schedule: mostRecent({ n: 10, K: 5 }) },
    { label: 'window K = 10', paper: 216, schedule: mostRecent({ n: 10, K: 10 }) },
    { label: 'randomly sampled (window m)', paper: 98, schedule: randomlySampled({ n: 10 }) },
    { label: 'K = 5, fresh real draws', paper: 95, schedule: mostRecent({ n: 10, K: 5, realData: 'fresh' }) },
    { label: 'K = 10, fresh real draws', paper: 216, schedule: mostRecent({ n: 10, K: 10, realData: 'fresh' }) },
    { label: 'K = 5, warm-up as printed (⌊n/K⌋ = 2 samples per model)', paper: 95, schedule: mostRecent({ n: 10, K: 5, warmUp: 'printed' }) },
    { label: 'K = 10, warm-up as printed (⌊n/K⌋ = 1 sample at m = 1)', paper: 216, schedule: mostRecent({ n: 10, K: 10, warmUp: 'printed' }) },
    { label: 'randomly sampled, fresh real draws', paper: 98, schedule: randomlySampled({ n: 10, realData: 'fresh' }) },
    { label: 'randomly sampled, pooled (syntheticData: reuse)', paper: 98, schedule: randomlySampled({ n: 10, syntheticData: 'reuse' }) },
  ];
  const plotted = 4;
  const sigmaSeries: LineSeries[] = [];
  const devSeries: LineSeries[] = [];
  const survivalSeries: LineSeries[] = [];
  const rows = [
    '| schedule | paper: mean T | first Dirac T: mean over collapsed runs (95% CI) | runs with a Dirac by m = 500 | absorption time: mean (95% CI) | runs absorbed by m = 500 |',
    '|---|---|---|---|---|---|',
  ];
  const m = range(0, gens);
  const fmtMean = (mo: { mean: number; lower: number; upper: number } | null) =>
    mo ? `${formatNumber(mo.mean, 4)} [${formatNumber(mo.lower, 4)}, ${formatNumber(mo.upper, 4)}]` : '—';
  variants.forEach((v, k) => {
    const sim = simulate({ p, schedule: v.schedule, generations: gens, runs: set.runs, seed: set.seed + 11 * k, metrics: ['sigma', 'l1FromFirst'] });
    if (k < plotted) {
      sigmaSeries.push({ name: v.label, x: m, y: sim.metrics.sigma.mean });
      devSeries.push({ name: v.label, x: m.slice(1), y: Array.from(sim.metrics.l1FromFirst.mean).slice(1) });
      survivalSeries.push({ name: v.label, x: m, y: sim.collapse.survival, style: 'step' });
    }
    rows.push(
      `| ${v.label} | ${v.paper} | ${fmtMean(sim.collapse.meanObserved)} | ${sim.collapse.observed} / ${sim.runs} | ${fmtMean(sim.absorption.meanObserved)} | ${sim.absorption.observed} / ${sim.runs} |`,
    );
  });
  return {
    id: '6',
    files: [
      { name: 'figure-6-sigma.svg', svg: linePlot({ series: sigmaSeries, title: 'Figure 6 — mean σ_m', subtitle: `n = 10, s = 600, s̃ = 52, S0 = 0.1, ${set.runs} runs`, xLabel: 'generation m', yLabel: 'mean σ_m', height: 420 }) },
      { name: 'figure-6-deviation.svg', svg: linePlot({ series: devSeries, title: 'Figure 6 — mean ‖p^(m) − p^(1)‖₁', subtitle: `n = 10, ${set.runs} runs`, xLabel: 'generation m', yLabel: 'mean ‖p^(m) − p^(1)‖₁', height: 420 }) },
      { name: 'figure-6-collapse-time.svg', svg: linePlot({ series: survivalSeries, title: 'Figure 6 — law of the collapse time T', subtitle: 'fraction of runs not yet collapsed, P̂(T > m)', xLabel: 'generation m', yLabel: 'P̂(T > m)', yDomain: [0, 1], height: 420 }) },
    ],
    markdown: [
      '## Figure 6 — Most Recent Models and Randomly Sampled Data',
      '',
      '![Figure 6, σ_m](figure-6-sigma.svg)',
      '![Figure 6, deviation](figure-6-deviation.svg)',
      '![Figure 6, collapse time](figure-6-collapse-time.svg)',
      '',
      `n = 10, s = 600, s̃ = 52, S0 = 0.1, 500 generations, ${set.runs} runs (seed ${set.seed}). Synthetic samples are fresh draws`,
      'from each model (our default for these schedules: only then can a Dirac p^(m) "regain randomness from models before',
      'generation m", as §4.2 says); real data is a fixed corpus. The last row reads "mixed in a pool" literally (each model’s',
      'samples drawn once and reused).',
      '',
      ...rows,
      '',
      'How to read this. The paper’s T is the first generation at which p^(m) is a Dirac mass (our `collapseTimes`); with a',
      'window K > 1 a Dirac p^(m) can still regain diversity from older models, so we also report the absorption time (first',
      'generation from which p^(m) stays the same Dirac forever, `absorptionTimes`), which is what Definition 1 calls total',
      'collapse. The paper’s means (17, 95, 216, 98) are first-Dirac times: our 95% intervals contain 17 and 95, and 216 with',
      'fresh real draws (191 [169, 213] with a fixed real corpus). This needs every generation to train on n samples split',
      'over the min(m, K) available models (`warmUp: \'spread\'`, our default): the split printed in §4.2, ⌊n/K⌋ per model',
      'from the start, gives p^(1) from ⌊10/10⌋ = 1 real sample when K = 10, a Dirac mass at m = 1 in every run (row',
      '"warm-up as printed"); see docs/errata.md, E3. For Randomly Sampled Data the paper saw one run (of 100) reach a',
      'Dirac mass and reports its T = 98; we see 0 to 13 runs depending on whether real and synthetic samples are fresh',
      'or reused, and a mean first-Dirac time over those few runs with a wide interval — the paper’s single value has no',
      'interval to compare with. No run can be absorbed there: the real corpus stays eligible at every generation.',
      'Our initial distribution is `withDispersion({ s: 600, support: 52, S0: 0.1 })`; the paper does not give its own.',
      '',
    ],
  };
}
