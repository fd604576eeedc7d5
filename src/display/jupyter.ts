/**
 * Renders result objects as Jupyter MIME bundles: a `text/plain` summary, an
 * HTML table (with the plot inline, since notebook front ends show only the
 * richest MIME type of a bundle, and HTML outranks SVG) and, where a picture
 * says more, a standalone `image/svg+xml` plot.
 *
 * Loaded lazily by the display method that ./bundle.ts attaches to results
 * (`await import('./jupyter.ts')` at display time), so the plotting
 * dependencies stay off the core import path. As a leaf loaded on demand, it
 * reuses the paper's closed forms (theory/) to draw the bounds next to exact
 * and simulated values instead of restating them.
 *
 * @module
 */
import type { DisplayContexts, DisplayKind, MimeBundle } from './bundle.ts';
import { linePlot, type LineSeries } from './plot.ts';
import type { SimulationResult, MetricName, MetricTrajectory } from '../simulation/simulate.ts';
import type { Schedule } from '../theory/schedules.ts';
import type { CollapseTimeSummary } from '../simulation/summary.ts';
import type { ExactCollapseTime } from '../exact/collapse-time/index.ts';
import type { ExactDeviation } from '../exact/deviation/index.ts';
import type { ExactSafeSyntheticSize, SafeSizeComparison } from '../exact/safe-size/index.ts';
import type { PaperSafeSyntheticSize, SafeSyntheticSizes } from '../theory/safe-size.ts';
import type { CollapseProbabilityBounds, CollapseTimeBounds } from '../theory/fully-synthetic.ts';
import { collapseProbabilityBounds, collapseTimeBounds } from '../theory/fully-synthetic.ts';
import { logDeviationBound, logDeviationBoundZeta } from '../theory/deviation.ts';

// ---------------------------------------------------------------------------
// Formatting helpers

/** A number for people: integers as they are, others to `digits` significant digits; null as '—'. */
export function fmt(x: number | bigint | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '—';
  if (typeof x === 'bigint') return x.toString();
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e15) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An HTML table of plain-text cells (escaped). */
export function htmlTable(head: readonly string[] | null, rows: ReadonlyArray<readonly string[]>, caption?: string): string {
  const cap = caption ? `<caption style="caption-side:top;text-align:left">${escapeHtml(caption)}</caption>` : '';
  const th = head ? `<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>` : '';
  const body = rows.map((r) => `<tr>${r.map((c, i) => (head === null && i === 0 ? `<th style="text-align:left">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('');
  return `<table>${cap}${th}<tbody>${body}</tbody></table>`;
}

function page(title: string, parts: string[]): string {
  return `<div class="model-collapse"><p><strong>${escapeHtml(title)}</strong></p>${parts.join('\n')}</div>`;
}

function bundle(text: string, html: string, svg?: string): MimeBundle {
  const out: MimeBundle = { 'text/plain': text, 'text/html': svg ? `${html}\n<div>${svg}</div>` : html };
  if (svg) out['image/svg+xml'] = svg;
  return out;
}

/** Up to `count` indices 0…last, always including both ends. */
function pick(last: number, count: number): number[] {
  if (last + 1 <= count) return Array.from({ length: last + 1 }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < count; k++) out.add(Math.round((last * k) / (count - 1)));
  return [...out].sort((a, b) => a - b);
}

/** About `count` integers from `from` to `to`, geometrically spaced (all of them when few). */
function geometricIntegers(from: number, to: number, count: number): number[] {
  if (to - from + 1 <= count) return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const out = new Set<number>();
  const r = Math.log(to / from);
  for (let k = 0; k < count; k++) out.add(Math.round(from * Math.exp((r * k) / (count - 1))));
  return [...out].sort((a, b) => a - b);
}

function intervalsText(intervals: ReadonlyArray<{ from: number; to: number }>): string {
  if (intervals.length === 0) return 'none';
  return intervals.map((r) => (r.from === r.to ? fmt(r.from) : `${fmt(r.from)}…${fmt(r.to)}`)).join(', ');
}

// ---------------------------------------------------------------------------
// Simulation

/** `fullySynthetic(n = 10)`, `mostRecent(n = 10, K = 5, fresh real data)`, … */
export function describeSchedule(schedule: Schedule): string {
  const fields: string[] = [];
  for (const [k, v] of Object.entries(schedule)) {
    if (k === 'kind' || k === 'realData' || k === 'syntheticData' || typeof v === 'function' || v === undefined) continue;
    fields.push(`${k} = ${typeof v === 'number' ? fmt(v) : String(v)}`);
  }
  fields.push(`real data ${schedule.realData}`, `synthetic data ${schedule.syntheticData}`);
  return `${schedule.kind}(${fields.join(', ')})`;
}

const METRIC_LABEL: Record<MetricName, string> = {
  sigma: 'σ_m = ‖p^(m)‖₂²',
  maxProb: '‖p^(m)‖∞',
  l1FromFirst: '‖p^(m) − p^(1)‖₁',
  l1FromInitial: '‖p^(m) − p^(0)‖₁',
  entropy: 'entropy (nats)',
  support: 'support size',
  collapsed: 'collapsed (‖p^(m)‖∞ = 1)',
};

function meanCi(t: MetricTrajectory, m: number): string {
  const lo = t.lower[m];
  const hi = t.upper[m];
  if (lo === hi) return fmt(t.mean[m]);
  if (!Number.isFinite(lo)) return fmt(t.mean[m]);
  return `${fmt(t.mean[m])} [${fmt(lo)}, ${fmt(hi)}]`;
}

function collapseLine(name: string, c: CollapseTimeSummary): string {
  const mean = c.meanObserved ? `, mean over those ${fmt(c.meanObserved.mean)}${Number.isFinite(c.meanObserved.lower) ? ` [${fmt(c.meanObserved.lower)}, ${fmt(c.meanObserved.upper)}]` : ''}` : '';
  return `${name}: ${c.observed}/${c.runs} runs by m = ${c.horizon}${mean}, median ${fmt(c.median)}, restricted mean ${fmt(c.restrictedMean)}`;
}

function renderSimulation(r: SimulationResult): MimeBundle {
  const names = Object.keys(r.metrics) as MetricName[];
  const G = r.generations;
  const level = `${fmt(100 * r.level)} %`;
  const title = `Simulation: ${describeSchedule(r.schedule)}; s = ${r.s} (support ${r.support}), ${r.runs} runs, m = 0…${G}, seed ${r.seed}${r.aborted ? ' (aborted)' : ''}`;
  const text = [
    title,
    ...names.map((k) => `  ${METRIC_LABEL[k]} at m = ${G}: ${meanCi(r.metrics[k], G)}`),
    `  ${collapseLine('first Dirac mass T', r.collapse)}`,
    `  ${collapseLine('absorption', r.absorption)}`,
  ].join('\n');
  const rows = pick(G, 11).map((m) => [String(m), fmt(r.totals[m]), ...names.map((k) => meanCi(r.metrics[k], m))]);
  const perGeneration = htmlTable(['m', 'n^(m)', ...names.map((k) => `${METRIC_LABEL[k]}: mean [${level} CI]`)], rows, 'Per generation (mean over runs)');
  const times = htmlTable(
    ['', 'runs reached', 'censored', 'median', `mean over those [${level} CI]`, 'restricted mean'],
    [
      ['first Dirac mass T', r.collapse],
      ['absorption', r.absorption],
    ].map(([label, c]) => {
      const s = c as CollapseTimeSummary;
      return [
        label as string,
        `${s.observed} / ${s.runs}`,
        String(s.censored),
        fmt(s.median),
        s.meanObserved ? `${fmt(s.meanObserved.mean)}${Number.isFinite(s.meanObserved.lower) ? ` [${fmt(s.meanObserved.lower)}, ${fmt(s.meanObserved.upper)}]` : ''}` : '—',
        fmt(s.restrictedMean),
      ];
    }),
    `Collapse and absorption times (horizon m = ${G})`,
  );
  const idx = pick(G, 300);
  const series: LineSeries[] = [];
  const band = (t: MetricTrajectory) => ({
    x: idx,
    y: idx.map((m) => t.mean[m]),
    lower: idx.map((m) => t.lower[m]),
    upper: idx.map((m) => t.upper[m]),
  });
  if (r.metrics.sigma) series.push({ name: `mean σ_m (${level} band)`, ...band(r.metrics.sigma) });
  if (r.metrics.l1FromFirst) {
    const from1 = idx.filter((m) => m >= 1);
    const t = r.metrics.l1FromFirst;
    series.push({ name: `mean ‖p^(m) − p^(1)‖₁ (${level} band)`, x: from1, y: from1.map((m) => t.mean[m]), lower: from1.map((m) => t.lower[m]), upper: from1.map((m) => t.upper[m]) });
  }
  series.push({ name: 'fraction of runs not yet collapsed, P̂(T > m)', x: idx, y: idx.map((m) => r.collapse.survival[m]), style: 'step' });
  const svg = linePlot({
    series,
    title: `${r.schedule.kind}: ${r.runs} runs, s = ${r.s}, support ${r.support}`,
    subtitle: describeSchedule(r.schedule),
    xLabel: 'generation m',
    yLabel: 'mean over runs',
    height: 360,
  });
  return bundle(text, page(title, [perGeneration, times]), svg);
}

// ---------------------------------------------------------------------------
// Exact collapse time

function renderExactCollapseTime(r: ExactCollapseTime, ctx: DisplayContexts['exact-collapse-time']): MimeBundle {
  let S0 = 0;
  for (let i = 0; i < ctx.p.length; i++) S0 += ctx.p[i] * ctx.p[i];
  const b = collapseTimeBounds({ n: r.n, S0: Math.min(1, S0), support: r.support });
  const title = `Exact collapse time T (Fully Synthetic), n = ${r.n}, s̃ = ${r.support}, S0 = ${fmt(S0)}`;
  const text = [
    `${title}: E[T] = ${fmt(r.mean, 6)}, sd(T) = ${fmt(r.sd)}`,
    `  Theorem 1 (eq. 8): ${fmt(b.lower)} ≤ E[T] ≤ ${fmt(b.upper)}; certified relative error ≤ ${fmt(r.relativeErrorBound, 2)}`,
  ].join('\n');
  const summary = htmlTable(null, [
    ['E[T] (exact)', fmt(r.mean, 8)],
    ['sd(T)', fmt(r.sd, 6)],
    ['Var T', fmt(r.variance, 6)],
    ['eq. 8 lower bound', fmt(b.lower, 6)],
    ['eq. 8 upper bound', fmt(b.upper, 6)],
    ['E[T] / lower bound', fmt(r.mean / b.lower)],
    ['certified relative truncation error', fmt(r.relativeErrorBound, 2)],
    ['method', `${r.method}, ${fmt(r.milliseconds, 3)} ms`],
  ]);
  if (r.method === 'trivial') return bundle(text, page(title, [summary]));
  // The law up to about mean + 3 sd (the lazy law iterates the chain that far, once).
  const mMax = Math.max(2, Math.ceil(r.mean + 3 * r.sd));
  const ms = pick(mMax - 1, 160).map((k) => k + 1);
  const cdf = ms.map((m) => r.cdf(m));
  const quantileRows: string[][] = [];
  for (const q of [0.1, 0.25, 0.5, 0.75, 0.9]) {
    const k = cdf.findIndex((c) => c >= q);
    if (k >= 0) quantileRows.push([`${fmt(q)}`, `≈ ${ms[k]}`, fmt(r.cdf(ms[k]))]);
  }
  const quantiles = htmlTable(['q', 'm with P(T ≤ m) ≥ q', 'P(T ≤ m)'], quantileRows, 'Law of T (grid of m)');
  // The O(n²) upper bound is often far to the right of the law: then a log axis shows both.
  const logX = b.upper > 5 * mMax;
  const vertical = (name: string, x: number, color: string, style: LineSeries['style']): LineSeries => ({ name, x: [x, x], y: [0, 1], color, style });
  const svg = linePlot({
    series: [
      { name: 'P(T ≤ m), exact', x: ms, y: cdf, color: '#1f77b4' },
      vertical(`E[T] = ${fmt(r.mean, 6)} (exact)`, r.mean, '#d62728', 'line'),
      vertical(`eq. 8 lower bound ${fmt(b.lower)}`, b.lower, '#2ca02c', 'dashed'),
      vertical(`eq. 8 upper bound ${fmt(b.upper)}`, b.upper, '#ff7f0e', 'dashed'),
    ],
    title: `Collapse time T, n = ${r.n}, s̃ = ${r.support}, S0 = ${fmt(S0)}`,
    subtitle: 'exact law of T, its mean, and the bounds of Theorem 1',
    xLabel: 'generation m',
    yLabel: 'P(T ≤ m)',
    logX,
    yDomain: [0, 1],
    height: 340,
  });
  return bundle(text, page(title, [summary, quantiles]), svg);
}

// ---------------------------------------------------------------------------
// Safe sizes

function renderSafeSizes(r: SafeSyntheticSizes, ctx: DisplayContexts['safe-sizes']): MimeBundle {
  const which = r.bound === 'theorem3' ? 'Theorem 3' : `Theorem 4 (λ1 = ${fmt(r.lambda1)})`;
  const title = `Safe synthetic sizes by ${which}: ε = ${fmt(ctx.epsilon)}, N = ${fmt(ctx.N)}, s = ${fmt(ctx.s)}`;
  const exactMax = r.exact.maxN;
  const text = `${title}: n ∈ ${intervalsText(r.intervals)}${exactMax === null ? ' (no n ≥ 1 keeps the bound ≤ ε)' : `; largest safe n = ${exactMax.toString()}`}`;
  const rows = htmlTable(null, [
    ['bound inverted', which],
    ['largest safe n', exactMax === null ? 'none' : exactMax.toString()],
    ['safe n (intervals)', r.exact.intervals.map((iv) => (iv.from === iv.to ? iv.from.toString() : `${iv.from}…${iv.to}`)).join(', ') || 'none'],
  ]);
  const top = exactMax === null ? 1000 : Math.max(10, Math.min(1e15, Number(exactMax) * 10));
  const ns = geometricIntegers(1, top, 200);
  const logBound = (n: number): number =>
    r.bound === 'theorem4' && r.lambda1 !== null
      ? logDeviationBoundZeta({ N: ctx.N, n, s: ctx.s, lambda1: r.lambda1 })
      : logDeviationBound({ N: ctx.N, n, s: ctx.s });
  const svg = linePlot({
    series: [
      { name: `${which} bound on E‖p^(m) − p^(1)‖₁`, x: ns, y: ns.map((n) => Math.exp(logBound(n))) },
      { name: `ε = ${fmt(ctx.epsilon)}`, x: [1, top], y: [ctx.epsilon, ctx.epsilon], style: 'dashed' },
    ],
    title: `Safe n for ε = ${fmt(ctx.epsilon)}, N = ${fmt(ctx.N)}, s = ${fmt(ctx.s)}`,
    subtitle: `safe: n ∈ ${intervalsText(r.intervals)}`,
    xLabel: 'synthetic samples n',
    yLabel: 'bound',
    logX: true,
    logY: true,
    height: 340,
  });
  return bundle(text, page(title, [rows]), svg);
}

function renderPaperSafeSize(r: PaperSafeSyntheticSize, ctx: DisplayContexts['paper-safe-size']): MimeBundle {
  const title = `Eq. 11 as printed: ε = ${fmt(ctx.epsilon)}, N = ${fmt(ctx.N)}, s = ${fmt(ctx.s)}`;
  const text = `${title}: n ≤ ${fmt(r.bound)}, so maxN = ${r.maxN} (${r.valid ? 'valid' : 'not valid'}: ${r.reason})`;
  return bundle(
    text,
    page(title, [
      htmlTable(null, [
        ['right-hand side of eq. 11', fmt(r.bound, 6)],
        ['largest n', String(r.maxN)],
        ['valid', r.valid ? 'yes' : 'no'],
        ['why', r.reason],
        ["Theorem 3's bound at that n", fmt(r.theorem3BoundAtMaxN)],
      ]),
    ]),
  );
}

// ---------------------------------------------------------------------------
// Theorem 1 bounds

function renderProbabilityBounds(r: CollapseProbabilityBounds, ctx: DisplayContexts['collapse-probability-bounds']): MimeBundle {
  const { m, n, S0, support } = ctx;
  const title = `Bounds on ρ_m = P(‖p^(m)‖∞ = 1) (Theorem 1, eq. 7), m = ${m}, n = ${n}, S0 = ${fmt(S0)}, s̃ = ${support}`;
  const text = `${title}: ${fmt(r.lower)} ≤ ρ_${m} ≤ ${fmt(r.upper)}${r.lowerVacuous ? ` (printed lower bound ${fmt(r.printedLower)} is vacuous)` : ''}`;
  const table = htmlTable(null, [
    ['lower bound (clipped to [0, 1])', fmt(r.lower, 8)],
    ['upper bound (clipped to [0, 1])', fmt(r.upper, 8)],
    ['printed lower bound', fmt(r.printedLower, 8)],
    ['printed upper bound', fmt(r.printedUpper, 8)],
    ['lower bound vacuous', r.lowerVacuous ? 'yes' : 'no'],
  ]);
  const horizon = Math.max(2 * m, Math.ceil(n * Math.log(100 * Math.max(2, n))), 10);
  const ms = pick(horizon, 300);
  const at = ms.map((g) => collapseProbabilityBounds(g, { n, S0, support }));
  const svg = linePlot({
    series: [
      { name: 'upper bound on ρ_m', x: ms, y: at.map((v) => v.upper) },
      { name: 'lower bound on ρ_m', x: ms, y: at.map((v) => v.lower) },
      { name: `m = ${m}`, x: [m, m], y: [0, 1], style: 'dashed', color: '#7f7f7f' },
    ],
    title: `Theorem 1: probability of total collapse by generation m`,
    subtitle: `n = ${n}, S0 = ${fmt(S0)}, s̃ = ${support}`,
    xLabel: 'generation m',
    yLabel: 'ρ_m',
    yDomain: [0, 1],
    height: 320,
  });
  return bundle(text, page(title, [table]), svg);
}

function renderTimeBounds(r: CollapseTimeBounds, ctx: DisplayContexts['collapse-time-bounds']): MimeBundle {
  const title = `E[T] bounds (Theorem 1, eq. 8), n = ${ctx.n}, S0 = ${fmt(ctx.S0)}, s̃ = ${ctx.support}`;
  const text = `${title}: ${fmt(r.lower)} ≤ E[T] ≤ ${fmt(r.upper)}`;
  return bundle(
    text,
    page(title, [
      htmlTable(null, [
        ['lower: 1 + (1 − S0)(n − 1)/(1 − 1/s̃)', fmt(r.lower, 8)],
        ['upper: 1 + (1 − S0)n(n − 1)', fmt(r.upper, 8)],
        ['upper / lower', fmt(r.upper / r.lower)],
      ]),
    ]),
  );
}

// ---------------------------------------------------------------------------
// Exact deviation and exact safe size

function renderExactDeviation(r: ExactDeviation, ctx: DisplayContexts['exact-deviation']): MimeBundle {
  const M = r.fromFirst.length - 1;
  const title = `Exact deviation (Partially Synthetic), N = ${fmt(ctx.N)}, n = ${fmt(ctx.n)}, s = ${fmt(ctx.s)}`;
  const bound = ctx.s >= 2 ? Math.exp(logDeviationBound({ N: ctx.N, n: ctx.n, s: ctx.s })) : null;
  const text = [
    `${title}: E‖p^(${M}) − p^(1)‖₁ = ${fmt(r.fromFirst[M], 6)}${r.stationary ? `, m → ∞: ${fmt(r.stationary.fromFirst, 6)}` : ''}`,
    `  E‖p^(${M}) − p‖₁ = ${fmt(r.fromInitial[M], 6)}${r.stationary ? `, m → ∞: ${fmt(r.stationary.fromInitial, 6)}` : ''}; Theorem 3 bound ${fmt(bound)}; error ≤ ${fmt(r.errorBound, 2)}`,
  ].join('\n');
  const rows = pick(M, 12).map((m) => [String(m), fmt(r.fromFirst[m], 6), fmt(r.fromInitial[m], 6)]);
  if (r.stationary) rows.push(['m → ∞', fmt(r.stationary.fromFirst, 6), fmt(r.stationary.fromInitial, 6)]);
  const table = htmlTable(['m', 'E‖p^(m) − p^(1)‖₁', 'E‖p^(m) − p‖₁'], rows, `Exact expectations (certified error ≤ ${fmt(r.errorBound, 2)}); Theorem 3 bound: ${fmt(bound)}`);
  const ms = pick(M, 400);
  const series: LineSeries[] = [
    { name: 'E‖p^(m) − p^(1)‖₁ (exact)', x: ms.filter((m) => m >= 1), y: ms.filter((m) => m >= 1).map((m) => r.fromFirst[m]) },
    { name: 'E‖p^(m) − p‖₁ (exact)', x: ms.filter((m) => m >= 1), y: ms.filter((m) => m >= 1).map((m) => r.fromInitial[m]) },
  ];
  if (r.stationary) {
    series.push({ name: 'limit m → ∞ of E‖p^(m) − p^(1)‖₁', x: [1, Math.max(2, M)], y: [r.stationary.fromFirst, r.stationary.fromFirst], style: 'dashed', color: '#1f77b4' });
    series.push({ name: 'limit m → ∞ of E‖p^(m) − p‖₁', x: [1, Math.max(2, M)], y: [r.stationary.fromInitial, r.stationary.fromInitial], style: 'dashed', color: '#d62728' });
  }
  const svg = linePlot({
    series,
    title: `Exact deviation, N = ${fmt(ctx.N)}, n = ${fmt(ctx.n)}`,
    subtitle: bound === null ? 'Partially Synthetic' : `Theorem 3 bounds it by ${fmt(bound)}`,
    xLabel: 'generation m',
    yLabel: 'expected L1 distance',
    height: 320,
  });
  return bundle(text, page(title, [table]), svg);
}

interface Answer {
  label: string;
  value: number | null;
  /** Text for an infinite value (default 'every n'). */
  unbounded?: string;
}

/** A horizontal bar chart of "largest safe n" answers on a log scale (0 and null: none; Infinity: every n). */
export function answersSvg(title: string, subtitle: string, answers: readonly Answer[]): string {
  const width = 640;
  const left = 230;
  const right = 120;
  const top = subtitle ? 52 : 34;
  const rowH = 34;
  const height = top + rowH * answers.length + 44;
  const finite = answers.map((a) => a.value).filter((v): v is number => v !== null && Number.isFinite(v) && v >= 1);
  const maxLog = Math.max(1, Math.ceil(Math.log10(Math.max(10, ...finite)) + 0.3));
  const scale = (v: number) => left + ((width - left - right) * Math.log10(Math.max(1, v))) / maxLog;
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(title)}</text>`);
  if (subtitle) parts.push(`<text x="${width / 2}" y="36" text-anchor="middle" font-size="11">${escapeHtml(subtitle)}</text>`);
  const axisY = top + rowH * answers.length + 4;
  parts.push(`<line x1="${left}" y1="${axisY}" x2="${width - right}" y2="${axisY}" stroke="#999"/>`);
  for (let k = 0; k <= maxLog; k++) {
    const x = scale(10 ** k);
    parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${axisY + 4}" stroke="#eee"/>`);
    parts.push(`<text x="${x}" y="${axisY + 16}" text-anchor="middle" font-size="10" fill="#555">${k <= 3 ? 10 ** k : `1e${k}`}</text>`);
  }
  parts.push(`<text x="${(left + width - right) / 2}" y="${axisY + 30}" text-anchor="middle" font-size="11">largest safe n (log scale)</text>`);
  answers.forEach((a, i) => {
    const y = top + rowH * i;
    const color = colors[i % colors.length];
    parts.push(`<text x="${left - 8}" y="${y + rowH / 2 + 4}" text-anchor="end" font-size="12">${escapeHtml(a.label)}</text>`);
    const v = a.value;
    if (v === null || v < 1) {
      parts.push(`<text x="${left + 4}" y="${y + rowH / 2 + 4}" font-size="12" fill="#555">none</text>`);
      return;
    }
    const end = Number.isFinite(v) ? Math.max(left + 2, scale(v)) : width - right + 30;
    parts.push(`<rect x="${left}" y="${y + 7}" width="${end - left}" height="${rowH - 14}" fill="${color}" fill-opacity="0.8"/>`);
    parts.push(`<text x="${end + 6}" y="${y + rowH / 2 + 4}" font-size="12">${Number.isFinite(v) ? fmt(v) : escapeHtml(a.unbounded ?? 'every n')}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">${parts.join('')}</svg>`;
}

function renderExactSafeSize(r: ExactSafeSyntheticSize, ctx: DisplayContexts['exact-safe-size']): MimeBundle {
  const who = r.distribution === 'given' ? 'the given p' : `every p on s = ${fmt(ctx.s)} tokens`;
  const horizon = r.generations === null ? 'every generation' : `generations m ≤ ${r.generations}`;
  const title = `How much synthetic data? ε = ${fmt(ctx.epsilon)}, N = ${fmt(ctx.N)}, s = ${fmt(ctx.s)} (${who}, ${horizon})`;
  const eq11 = r.comparison.eq11.maxN;
  const th3 = r.comparison.theorem3.maxN;
  const gaps = r.safe.intervals.length > 1 || (r.safe.intervals.length === 1 && r.safe.intervals[0].from !== 1);
  const largest = r.maxN === null ? 'none' : r.maxN === Infinity ? (gaps ? 'every large n (the set has gaps)' : 'every n') : gaps ? `${fmt(r.maxN)} (the set has gaps)` : `n ≤ ${fmt(r.maxN)}`;
  const text = [
    title,
    `  eq. 11 as printed: ${eq11 === 0 ? 'none' : `n ≤ ${eq11}`}`,
    `  Theorem 3 inverted: ${th3 === null ? 'none' : `n ≤ ${th3}`}`,
    `  exact deviation: ${largest} (safe n: ${intervalsText(r.safe.intervals)})`,
    ...(r.undecided.length > 0 ? [`  undecided (bracketed): n ∈ ${intervalsText(r.undecided)}`] : []),
    `  with unlimited synthetic data (n → ∞) the deviation tends to ${fmt(r.certificate.limit.value)}`,
  ].join('\n');
  const table = htmlTable(
    ['answer', 'largest safe n', 'safe set'],
    [
      ['eq. 11 as printed', eq11 === 0 ? 'none' : String(eq11), eq11 === 0 ? 'none' : `1…${eq11}`],
      ['Theorem 3 inverted', th3 === null ? 'none' : fmt(th3), intervalsText(r.comparison.theorem3.intervals)],
      ['exact deviation', largest.replace(/^n ≤ /, ''), intervalsText(r.safe.intervals)],
    ],
  );
  const notes = htmlTable(null, [
    ['status', r.status === 'exact' ? 'exact (every n decided)' : `bracketed: undecided n ∈ ${intervalsText(r.undecided)}`],
    ['certified safe by the second-moment bound up to', fmt(r.certificate.jensenSafeUpTo)],
    ['deviation with unlimited synthetic data (n → ∞)', fmt(r.certificate.limit.value)],
    ['exact evaluations', String(r.evaluations)],
    ['exhaustive', r.certificate.exhaustive ? 'yes' : 'no'],
    ['scope', r.certificate.scope],
  ]);
  const svg = answersSvg('Largest safe synthetic sample size n', `ε = ${fmt(ctx.epsilon)}, N = ${fmt(ctx.N)}, s = ${fmt(ctx.s)}`, [
    { label: 'eq. 11 as printed', value: eq11 },
    { label: 'Theorem 3 inverted', value: th3 },
    { label: 'exact deviation', value: r.maxN, unbounded: gaps ? 'every large n' : 'every n' },
  ]);
  return bundle(text, page(title, [table, notes]), svg);
}

function renderComparison(r: SafeSizeComparison): MimeBundle {
  const title = `How much synthetic data? ε = ${fmt(r.epsilon)}, N = ${fmt(r.N)}, s = ${fmt(r.s)}`;
  const gaps = r.exactSet.length > 1 || (r.exactSet.length === 1 && r.exactSet[0].from !== 1);
  const unbounded = gaps ? 'every large n' : 'every n';
  const show = (v: number | null) => (v === null || v === 0 ? 'none' : v === Infinity ? unbounded : fmt(v));
  const text = `${title}: eq. 11 ${show(r.eq11)}, Theorem 3 ${show(r.theorem3)}, exact ${show(r.exact)}${gaps ? ` (safe n: ${intervalsText(r.exactSet)})` : ''}${r.factor !== null ? ` (exact / paper = ${fmt(r.factor)})` : ''}${r.undecided.length > 0 ? `; undecided (bracketed): n ∈ ${intervalsText(r.undecided)}` : ''}`;
  const table = htmlTable(
    ['eq. 11 as printed', 'Theorem 3 inverted', 'exact deviation', 'exact / paper'],
    [[show(r.eq11), show(r.theorem3), show(r.exact), fmt(r.factor)]],
    'Largest safe n',
  );
  const svg = answersSvg('Largest safe synthetic sample size n', `ε = ${fmt(r.epsilon)}, N = ${fmt(r.N)}, s = ${fmt(r.s)}`, [
    { label: 'eq. 11 as printed', value: r.eq11 },
    { label: 'Theorem 3 inverted', value: r.theorem3 },
    { label: 'exact deviation', value: r.exact, unbounded },
  ]);
  return bundle(text, page(title, [table]), svg);
}

// ---------------------------------------------------------------------------
// Dispatch

/**
 * The MIME bundle of a result of the given kind (what the display method that
 * ./bundle.ts attaches returns). Prefer `toMimeBundle(result)`.
 */
export function renderMimeBundle<K extends DisplayKind>(kind: K, result: unknown, context: DisplayContexts[K]): MimeBundle {
  switch (kind) {
    case 'simulation':
      return renderSimulation(result as SimulationResult);
    case 'exact-collapse-time':
      return renderExactCollapseTime(result as ExactCollapseTime, context as DisplayContexts['exact-collapse-time']);
    case 'safe-sizes':
      return renderSafeSizes(result as SafeSyntheticSizes, context as DisplayContexts['safe-sizes']);
    case 'paper-safe-size':
      return renderPaperSafeSize(result as PaperSafeSyntheticSize, context as DisplayContexts['paper-safe-size']);
    case 'collapse-probability-bounds':
      return renderProbabilityBounds(result as CollapseProbabilityBounds, context as DisplayContexts['collapse-probability-bounds']);
    case 'collapse-time-bounds':
      return renderTimeBounds(result as CollapseTimeBounds, context as DisplayContexts['collapse-time-bounds']);
    case 'exact-deviation':
      return renderExactDeviation(result as ExactDeviation, context as DisplayContexts['exact-deviation']);
    case 'exact-safe-size':
      return renderExactSafeSize(result as ExactSafeSyntheticSize, context as DisplayContexts['exact-safe-size']);
    case 'safe-size-comparison':
      return renderComparison(result as SafeSizeComparison);
    default:
      throw new TypeError(`renderMimeBundle: unknown result kind ${String(kind)}`);
  }
}
