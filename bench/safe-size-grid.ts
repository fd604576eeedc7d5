/**
 * The safe-size question as users ask it: a grid of 80 questions
 * (s ∈ {100, 50 257}, N ∈ {10², 10⁴, 10⁶, 10⁹}, ε ∈ {0.01, 0.05, 0.1, 0.2, 0.5},
 * generations ∈ {10, every}), each answered by `exactSafeSyntheticSize` with the default budget
 * in a fresh process (cold: what a CLI user gets) and then again in the same process (warm).
 * Prints the distribution of times and how many answers are exact or bracketed. There is no
 * numpy/scipy reference for this question (no other implementation answers it); the numpy
 * reference of the exact deviation itself is in bench/exact-deviation.ts.
 *
 *   npx tsx bench/safe-size-grid.ts            # the grid (a few minutes)
 *   npx tsx bench/safe-size-grid.ts --one '{"epsilon":0.1,"N":1e6,"s":50257}'   # one question, JSON out
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

interface Question {
  epsilon: number;
  N: number;
  s: number;
  generations?: number;
}

interface Answer {
  question: Question;
  cold: number;
  warm: number;
  status: string;
  maxN: number | null;
  undecided: Array<[number, number]>;
  bracketRatio: number | null;
  error: string | null;
}

async function one(q: Question): Promise<Answer> {
  const t0 = performance.now();
  const { exactSafeSyntheticSize } = await import('../src/index.ts');
  let status = 'error';
  let maxN: number | null = null;
  let undecided: Array<[number, number]> = [];
  let error: string | null = null;
  let cold = 0;
  let warm = 0;
  try {
    const a = performance.now();
    const r = exactSafeSyntheticSize(q);
    cold = performance.now() - a;
    void t0;
    const b = performance.now();
    exactSafeSyntheticSize(q);
    warm = performance.now() - b;
    status = r.status;
    maxN = r.maxN;
    undecided = r.undecided.map((iv) => [iv.from, iv.to]);
  } catch (e) {
    error = (e as Error).message.slice(0, 200);
  }
  // The bracket's width as b/a − 1 for the first undecided run (a = its start − 1, b = its end + 1).
  const first = undecided[0];
  const bracketRatio = first === undefined ? null : (first[1] + 1) / Math.max(1, first[0] - 1) - 1;
  return { question: q, cold, warm, status, maxN, undecided, bracketRatio, error };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

const at = process.argv.indexOf('--one');
if (at >= 0) {
  const q = JSON.parse(process.argv[at + 1]) as Question;
  process.stdout.write(`${JSON.stringify(await one(q), (_k, v) => (v === Infinity ? 'Infinity' : v))}\n`);
} else {
  const grid: Question[] = [];
  for (const s of [100, 50_257])
    for (const N of [1e2, 1e4, 1e6, 1e9])
      for (const epsilon of [0.01, 0.05, 0.1, 0.2, 0.5])
        for (const generations of [10, undefined]) grid.push({ epsilon, N, s, ...(generations === undefined ? {} : { generations }) });
  const answers: Answer[] = [];
  for (const q of grid) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/safe-size-grid.ts', '--one', JSON.stringify(q)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    const a = JSON.parse(line) as Answer;
    answers.push(a);
    const gen = q.generations === undefined ? 'every' : String(q.generations);
    process.stderr.write(`s=${q.s} N=${q.N} ε=${q.epsilon} M=${gen}: ${a.status} maxN=${a.maxN} cold ${a.cold.toFixed(0)} ms warm ${a.warm.toFixed(0)} ms\n`);
  }
  const cold = answers.map((a) => a.cold).sort((x, y) => x - y);
  const warm = answers.map((a) => a.warm).sort((x, y) => x - y);
  const count = (status: string): number => answers.filter((a) => a.status === status).length;
  const lines: string[] = [];
  lines.push(`| | median | 95th percentile | worst |`);
  lines.push(`|---|---|---|---|`);
  lines.push(`| cold (fresh process, first call) | ${quantile(cold, 0.5).toFixed(0)} ms | ${quantile(cold, 0.95).toFixed(0)} ms | ${cold[cold.length - 1].toFixed(0)} ms |`);
  lines.push(`| warm (same call again) | ${quantile(warm, 0.5).toFixed(0)} ms | ${quantile(warm, 0.95).toFixed(0)} ms | ${warm[warm.length - 1].toFixed(0)} ms |`);
  lines.push('');
  lines.push(`Answers: ${count('exact')} exact, ${count('bracketed')} bracketed, ${count('error')} errors, of ${answers.length}.`);
  const brackets = answers.filter((a) => a.status === 'bracketed');
  if (brackets.length > 0) {
    lines.push('');
    lines.push('| s | N | ε | generations | safe up to | undecided | b/a − 1 | cold |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const a of brackets) {
      const q = a.question;
      lines.push(`| ${q.s} | ${q.N} | ${q.epsilon} | ${q.generations ?? 'every'} | ${a.maxN} | ${a.undecided.map(([x, y]) => `[${x}, ${y}]`).join(' ')} | ${a.bracketRatio?.toPrecision(3) ?? '—'} | ${a.cold.toFixed(0)} ms |`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
