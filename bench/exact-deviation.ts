/**
 * Side-by-side benchmark of exactDeviation (src/exact/deviation/) against the
 * straightforward numpy/scipy computation of the same exact quantity
 * (bench/reference/exact_deviation.py: per corpus count, a dense transition matrix
 * from scipy.stats.binom.pmf, vector–matrix products for the generations, a dense
 * solve for the limit), and of exactSafeSyntheticSize (ours only).
 *
 *   npx tsx bench/exact-deviation.ts
 *   npx tsx bench/exact-deviation.ts --write-docs   # also rewrite bench/results/performance-exact-deviation.md
 *
 * Cases: (N, n, s) = (100, 10, 600) with the paper's p = withDispersion({ s: 600,
 * support: 52, S0: 0.1 }) and (1e6, 1e4, 50 257 uniform), 10 generations and the
 * limit; then exactSafeSyntheticSize at ε = 0.1, N = 1e6, s = 50 257; then
 * exactDeviationLimit (the n → ∞ limit) against bench/reference/deviation_limit.py.
 *
 * Timing: ours is the best of several runs after one warm-up run (the cold first
 * call is printed too); numpy's the best of several runs inside one python process
 * (start-up excluded). The python subprocess runs with OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE removed from its environment (they force an older kernel).
 * Ours and python never run at the same time (2 shared cores).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exactDeviation } from '../src/exact/deviation/index.ts';
import { exactSafeSyntheticSize } from '../src/exact/safe-size/index.ts';
import { exactDeviationLimit } from '../src/exact/deviation/limit.ts';
import { zipf } from '../src/distributions/zipf.ts';
import { uniform } from '../src/distributions/uniform.ts';
import { withDispersion } from '../src/distributions/with-dispersion.ts';

interface PythonResult {
  fromFirst: number[];
  fromInitial: number[];
  stationary: { fromFirst: number; fromInitial: number };
  ms: number[];
  numpy: string;
  scipy: string;
}

const GENERATIONS = 10;
const here = new URL('.', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'deviation-bench-'));

function python(p: ArrayLike<number>, N: number, n: number, repeats: number): PythonResult {
  const input = join(dir, `in-${N}-${n}.json`);
  writeFileSync(input, JSON.stringify({ p: Array.from(p), N, n, generations: GENERATIONS, repeats }));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync('python3', [join(here, 'reference/exact_deviation.py'), input], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python reference failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PythonResult;
}

function ours(p: ArrayLike<number>, N: number, n: number, repeats: number): { cold: number; best: number; result: ReturnType<typeof exactDeviation> } {
  let t = performance.now();
  let result = exactDeviation({ p, N, n, generations: GENERATIONS });
  const cold = performance.now() - t;
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    t = performance.now();
    result = exactDeviation({ p, N, n, generations: GENERATIONS });
    best = Math.min(best, performance.now() - t);
  }
  return { cold, best, result };
}

/** Largest relative difference over all reported numbers (absolute below 1e-300). */
function agreement(a: ReturnType<typeof exactDeviation>, b: PythonResult): number {
  let worst = 0;
  const cmp = (x: number, y: number): void => {
    const d = Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
    if (y !== 0 || x !== 0) worst = Math.max(worst, d);
  };
  for (let m = 0; m <= GENERATIONS; m++) {
    cmp(a.fromFirst[m], b.fromFirst[m]);
    cmp(a.fromInitial[m], b.fromInitial[m]);
  }
  const st = a.stationary as { fromFirst: number; fromInitial: number };
  cmp(st.fromFirst, b.stationary.fromFirst);
  cmp(st.fromInitial, b.stationary.fromInitial);
  return worst;
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const lines: string[] = [];
const print = (line: string): void => {
  console.log(line);
  lines.push(line);
};

const cases = [
  { label: '(100, 10, 600), paper p (52 distinct values)', p: withDispersion({ s: 600, support: 52, S0: 0.1 }), N: 100, n: 10 },
  { label: '(10⁶, 10⁴, 50 257), uniform', p: uniform(50_257), N: 1e6, n: 1e4 },
];
print(`exactDeviation: ${GENERATIONS} generations and the limit (fromFirst and fromInitial)`);
print('');
print('| (N, n, s), p | ours (ms) | ours cold (ms) | numpy/scipy (ms) | ratio ours/numpy | max rel. diff | E‖p^(∞) − p^(1)‖₁ | certified error |');
print('|---|---|---|---|---|---|---|---|');
let versions = '';
for (const c of cases) {
  const o = ours(c.p, c.N, c.n, 5);
  const py = python(c.p, c.N, c.n, 3);
  versions = `numpy ${py.numpy}, scipy ${py.scipy}`;
  const pyBest = Math.min(...py.ms);
  print(
    `| ${c.label} | ${fmt(o.best)} | ${fmt(o.cold)} | ${fmt(pyBest)} | ${(o.best / pyBest).toFixed(3)} | ${agreement(o.result, py).toExponential(1)} | ` +
      `${(o.result.stationary as { fromFirst: number }).fromFirst.toPrecision(6)} | ${o.result.errorBound.toExponential(1)} |`,
  );
}
print('');
print('exactSafeSyntheticSize (ours only; distribution-free, worst case over p certified at the boundary)');
print('');
print('| ε, N, s | maxN | ours (ms) | ours cold (ms) | evaluations | multiply-adds | safe for every p? (upper − lower bound) | eq. 11 | Theorem 3 |');
print('|---|---|---|---|---|---|---|---|---|');
{
  const options = { epsilon: 0.1, N: 1e6, s: 50_257 };
  let t = performance.now();
  let r = exactSafeSyntheticSize(options);
  const cold = performance.now() - t;
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    r = exactSafeSyntheticSize(options);
    best = Math.min(best, performance.now() - t);
  }
  const wc = r.worstCase;
  print(
    `| 0.1, 10⁶, 50 257 | ${r.maxN} | ${fmt(best)} | ${fmt(cold)} | ${r.evaluations} | ${r.operations.toExponential(2)} | ` +
      `${wc === null ? '—' : `${wc.safeForEveryP ? 'yes' : 'no'} (${wc.gap.toExponential(1)})`} | ${r.comparison.eq11.maxN} | ${r.comparison.theorem3.maxN ?? 'none'} |`,
  );
}
print('');
print('exactDeviationLimit: the n → ∞ limit of the stationary deviation (Beta mean absolute deviations mixed over Bin(N, p_i))');
print('');
print('| N, p | ours (ms) | ours cold (ms) | numpy/scipy (ms) | ratio ours/numpy | rel. diff | limit |');
print('|---|---|---|---|---|---|---|');
for (const c of [
  // Uniform through `s` (the distribution-free call: no 50 257-entry p to validate and group; python gets the groups too).
  { label: '10⁶, uniform 50 257 (`s`)', N: 1e6, p: uniform(50_257), options: { N: 1e6, s: 50_257 } },
  { label: '10⁶, Zipf 50 257 (exponent 1, `p`)', N: 1e6, p: zipf(50_257, 1), options: { N: 1e6, p: zipf(50_257, 1) } },
]) {
  let t = performance.now();
  let r = exactDeviationLimit(c.options);
  const cold = performance.now() - t;
  let best = Infinity;
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    r = exactDeviationLimit(c.options);
    best = Math.min(best, performance.now() - t);
  }
  const groups = new Map<number, number>();
  for (const x of Array.from(c.p)) if (x > 0) groups.set(x, (groups.get(x) ?? 0) + 1);
  const input = join(dir, `limit-${c.N}.json`);
  writeFileSync(input, JSON.stringify({ values: [...groups.keys()], counts: [...groups.values()], N: c.N, repeats: 3 }));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const py = spawnSync('python3', [join(here, 'reference/deviation_limit.py'), input], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (py.status !== 0) throw new Error(`python reference failed: ${py.stderr}`);
  const ref = JSON.parse(py.stdout) as { value: number; ms: number[] };
  const pyBest = Math.min(...ref.ms);
  print(
    `| ${c.label} | ${fmt(best)} | ${fmt(cold)} | ${fmt(pyBest)} | ${(best / pyBest).toFixed(3)} | ${(Math.abs(r.value - ref.value) / ref.value).toExponential(1)} | ${r.value.toPrecision(6)} |`,
  );
}
print('');
print(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${versions}, ${new Date().toISOString().slice(0, 10)}.`);
rmSync(dir, { recursive: true, force: true });

if (process.argv.includes('--write-docs')) {
  // The narrative with the table block (assembled into docs/performance.md by bench/run.ts).
  const path = new URL('results/performance-exact-deviation.md', import.meta.url).pathname;
  if (!existsSync(path)) {
    console.error(`--write-docs: ${path} not found; table printed only`);
  } else {
    const text = readFileSync(path, 'utf8');
    const start = text.indexOf('<!-- bench:start -->');
    const end = text.indexOf('<!-- bench:end -->');
    if (start >= 0 && end > start) {
      writeFileSync(path, `${text.slice(0, start)}<!-- bench:start -->\n${lines.join('\n')}\n${text.slice(end)}`);
    }
  }
}
