/**
 * Runs every benchmark (ours and the numpy/scipy reference side by side, ratios
 * printed) and rebuilds docs/performance.md from their output:
 *
 *   npm run bench            # all benchmarks (several minutes)
 *   npm run bench -- --only simulate,samplers
 *
 * Each benchmark's narrative lives in bench/results/performance-<name>.md; its
 * latest printed table is captured in bench/results/<name>.txt.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const root = fileURLToPath(new URL('../', import.meta.url));
const BENCHES: Array<{ name: string; script: string; args: string[]; title: string }> = [
  { name: 'samplers', script: 'bench/samplers.ts', args: ['--write'], title: 'Samplers (binomial, multinomial) against numpy' },
  { name: 'simulation', script: 'bench/simulate.ts', args: [], title: 'Monte Carlo simulation against numpy' },
  { name: 'exact-collapse-time', script: 'bench/exact-collapse-time.ts', args: ['--write-docs'], title: 'Exact collapse-time law against a scipy dense solve' },
  { name: 'exact-deviation', script: 'bench/exact-deviation.ts', args: ['--write-docs'], title: 'Exact deviation and safe size against numpy/scipy' },
  { name: 'text', script: 'bench/text.ts', args: [], title: 'The n-gram model on real text against numpy' },
  { name: 'safe-size-grid', script: 'bench/safe-size-grid.ts', args: [], title: 'The safe synthetic size over a grid of 80 questions' },
];

const only = (() => {
  const at = process.argv.indexOf('--only');
  return at >= 0 ? new Set(process.argv[at + 1].split(',')) : null;
})();

for (const b of BENCHES) {
  if (process.argv.includes('--assemble-only')) break;
  if (only && !only.has(b.name)) continue;
  if (!existsSync(`${root}${b.script}`)) continue;
  process.stderr.write(`running ${b.script}…\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', b.script, ...b.args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${b.script} failed with exit code ${r.status}`);
  }
  process.stdout.write(`\n## ${b.title}\n${r.stdout}`);
  writeFileSync(`${root}bench/results/${b.name}.txt`, r.stdout);
}

const parts: string[] = [
  '# Performance',
  '',
  'Every figure here comes from a benchmark in `bench/` that runs our implementation and a',
  'numpy/scipy reference of the *same* computation side by side in one invocation and prints the',
  'ratio ours / reference (below 1: we are faster). Regenerate with `npm run bench`',
  '(several minutes); the tables below are the latest run, the notes explain the workloads,',
  'the profiles and what was optimised. No test is timed.',
  '',
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), 24 GiB, Node ${process.version}; the numpy/scipy`,
  'versions are printed by each benchmark. The machine is shared: figures move by ±20 % between runs.',
  '',
];
for (const b of BENCHES) {
  const notes = `${root}bench/results/performance-${b.name}.md`;
  const latest = `${root}bench/results/${b.name}.txt`;
  if (!existsSync(notes) && !existsSync(latest)) continue;
  parts.push(`## ${b.title}`, '');
  if (existsSync(latest)) parts.push('Latest run (`npm run bench`):', '', '```', readFileSync(latest, 'utf8').trimEnd(), '```', '');
  if (existsSync(notes)) parts.push(readFileSync(notes, 'utf8').replace(/^## .*\n/, '').trim(), '');
}
writeFileSync(`${root}docs/performance.md`, `${parts.join('\n')}\n`);
process.stderr.write('wrote docs/performance.md\n');
