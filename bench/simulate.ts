/**
 * Benchmark of `simulate` against a numpy reference (bench/reference/simulate.py)
 * implementing the same fully synthetic simulations with the same metrics,
 * run side by side: `npx tsx bench/simulate.ts` (add `--quick` for a smoke run).
 *
 * Each workload runs in a fresh child process for each side, so that peak
 * memory is that workload's: ours = max of process.memoryUsage().rss sampled
 * before, during (from onProgress) and after the simulation; numpy = ru_maxrss.
 * Times are wall-clock of the simulation only (best of `reps`), startup excluded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fullySynthetic, simulate } from '../src/simulation/index.ts';
import { withDispersion } from '../src/distributions/with-dispersion.ts';
import { uniform } from '../src/distributions/uniform.ts';

interface Workload {
  id: string;
  label: string;
  s: number;
  dispersion?: { support: number; S0: number };
  n: number;
  generations: number;
  runs: number;
  untilCollapse?: boolean;
  reps: number;
}

const quick = process.argv.includes('--quick');

const WORKLOADS: Workload[] = [
  { id: 'a', label: '(a) s=600, s̃=52, S0=0.1, n=10, 500 gen × 100 runs', s: 600, dispersion: { support: 52, S0: 0.1 }, n: 10, generations: 500, runs: 100, reps: 5 },
  { id: 'b', label: '(b) same, n=400', s: 600, dispersion: { support: 52, S0: 0.1 }, n: 400, generations: 500, runs: 100, reps: 5 },
  { id: 'c', label: '(c) s=50 257 uniform, n=1e5, 20 gen × 1 run', s: 50257, n: 1e5, generations: 20, runs: 1, reps: 5 },
  { id: 'd', label: '(d) s=256 000 uniform, n=1e6, 5 gen × 1 run', s: 256000, n: 1e6, generations: 5, runs: 1, reps: 5 },
  { id: 'e', label: '(e) until collapse, s=50 257 uniform, n=1000, 20 runs', s: 50257, n: 1000, generations: 20000, runs: 20, untilCollapse: true, reps: 1 },
];

function distribution(w: Workload): Float64Array {
  return w.dispersion ? withDispersion({ s: w.s, support: w.dispersion.support, S0: w.dispersion.S0 }) : uniform(w.s);
}

/** Child mode: run our simulation of one workload, print a JSON line. */
function worker(id: string): void {
  const w = WORKLOADS.find((x) => x.id === id) as Workload;
  const p = distribution(w);
  let peak = process.memoryUsage().rss;
  const sample = (): void => {
    const r = process.memoryUsage().rss;
    if (r > peak) peak = r;
  };
  let best = Infinity;
  let check: Record<string, unknown> = {};
  for (let rep = 0; rep < (quick ? 1 : w.reps); rep++) {
    const t0 = performance.now();
    const res = simulate({
      p,
      schedule: fullySynthetic({ n: w.n }),
      generations: quick ? Math.min(w.generations, 50) : w.generations,
      runs: w.runs,
      seed: 1000 + rep,
      onProgress: sample,
    });
    const ms = performance.now() - t0;
    sample();
    if (ms < best) best = ms;
    check = {
      sigma_mean_1: res.metrics.sigma.mean[1],
      meanT: res.collapse.meanObserved?.mean ?? null,
      collapsed: res.collapse.observed,
      stoppedEarly: res.stoppedEarly,
      ci_width_1: res.metrics.sigma.upper[1] - res.metrics.sigma.lower[1],
    };
  }
  console.log(JSON.stringify({ ms: best, peak_rss: peak, check }));
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
  const self = fileURLToPath(import.meta.url);
  const refScript = fileURLToPath(new URL('./reference/simulate.py', import.meta.url));
  const rows: string[] = [];
  const numpyVersion = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).stdout.trim();
  for (const w of WORKLOADS) {
    const ours = spawnSync(process.execPath, [...process.execArgv, self, '--worker', w.id, ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (ours.status !== 0) throw new Error(`our worker failed on ${w.id}: ${ours.stderr}`);
    const o = JSON.parse(ours.stdout.trim().split('\n').pop() as string);
    const spec = {
      s: w.s,
      n: w.n,
      generations: quick ? Math.min(w.generations, 50) : w.generations,
      runs: w.runs,
      untilCollapse: w.untilCollapse ?? false,
      reps: quick ? 1 : w.reps,
      ...(w.dispersion ? { p: Array.from(distribution(w)) } : {}),
    };
    const file = join(dir, `${w.id}.json`);
    writeFileSync(file, JSON.stringify(spec));
    const ref = spawnSync('python3', [refScript, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (ref.status !== 0) throw new Error(`numpy reference failed on ${w.id}: ${ref.stderr}`);
    const r = JSON.parse(ref.stdout.trim().split('\n').pop() as string);
    const row = `| ${w.label} | ${o.ms.toFixed(1)} | ${r.ms.toFixed(1)} | ${(o.ms / r.ms).toFixed(3)} | ${(o.peak_rss / 2 ** 20).toFixed(0)} MiB | ${(r.maxrss_kb / 1024).toFixed(0)} MiB |`;
    rows.push(row);
    console.error(`${w.id}: ours ${JSON.stringify(o.check)}\n   numpy ${JSON.stringify(r.check)}`);
  }
  console.log(`machine: ${process.platform}, Node ${process.version}, numpy ${numpyVersion}, ${new Date().toISOString().slice(0, 10)}`);
  console.log('| workload | ours (ms) | numpy (ms) | ours/numpy | peak RSS ours | peak RSS numpy |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

const at = process.argv.indexOf('--worker');
if (at >= 0) worker(process.argv[at + 1]);
else main();
