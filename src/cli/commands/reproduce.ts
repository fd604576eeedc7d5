/** `model-collapse reproduce`: regenerates the paper's figures with a Markdown report. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { choiceFlag, intFlag, stringFlag, type FlagSpec, type Flags } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { defaultHooks } from '../reproduce/default-hooks.ts';

const flags: Record<string, FlagSpec> = {
  figure: { type: 'string', description: 'which figure: 1, 2, 3, 4, 6 or all', defaultText: 'all' },
  out: { type: 'string', description: 'output directory for the SVG files and reproduction.md', defaultText: 'figures' },
  runs: { type: 'string', description: 'Monte Carlo runs per setting, integer in [2, 10000]', defaultText: '100 (as in the paper)' },
  seed: { type: 'string', description: 'seed of every simulation, integer in [0, 2^32 − 1]', defaultText: '2024' },
  report: { type: 'string', description: 'path of the Markdown report (image links are made relative to it)', defaultText: '<out>/reproduction.md' },
};

export const reproduce: Command = {
  name: 'reproduce',
  summary: 'regenerates the paper’s Figures 1–4 and 6 (SVG) with a report comparing our numbers to the paper’s',
  help: `Regenerates the paper's Figures 1, 2, 3, 4 and 6 as SVG files, plus reproduction.md, which
puts our numbers beside the paper's, overlays the exact curves where the paper only had bounds
and says where and why they differ. Deterministic for a given --seed.

Examples:
  model-collapse reproduce --out figures
  model-collapse reproduce --figure 6 --runs 200 --seed 7 --out /tmp/fig6`,
  flags,
  async run(f: Flags, io: CommandIO): Promise<number> {
    const which = choiceFlag(f, 'figure', ['1', '2', '3', '4', '6', 'all'] as const, 'all');
    const runs = intFlag(f, 'runs', { min: 2, max: 10_000 }, 100);
    const seed = intFlag(f, 'seed', { min: 0, max: 4294967295 }, 2024);
    const out = resolve(stringFlag(f, 'out') ?? 'figures');
    const { buildFigures } = await import('../reproduce/build.ts');
    const result = buildFigures(which === 'all' ? ['1', '2', '3', '4', '6'] : [which], { runs, seed, hooks: defaultHooks() }, (msg) => {
      if (io.errIsTTY) io.err(`${msg}\n`);
    });
    const reportPath = resolve(stringFlag(f, 'report') ?? join(out, 'reproduction.md'));
    mkdirSync(out, { recursive: true });
    mkdirSync(dirname(reportPath), { recursive: true });
    for (const file of result.files) writeFileSync(join(out, file.name), file.svg);
    const rel = relative(dirname(reportPath), out).split('\\').join('/');
    const markdown = rel === '' ? result.markdown : result.markdown.replace(/\]\((figure-[\w-]+\.svg)\)/g, `](${rel}/$1)`);
    writeFileSync(reportPath, markdown);
    io.out(`Wrote ${result.files.length} SVG file(s) to ${out} and the report to ${reportPath}\n`);
    return 0;
  },
};
