/** `model-collapse simulate`: Monte Carlo of any schedule, with a progress bar on a terminal. */
import { choiceFlag, intFlag, type FlagSpec, type Flags } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { simulateAsync, METRIC_NAMES, type SimulationResult } from '../../simulation/simulate.ts';
import { accumulate, accumulateSubsample, fullySynthetic, mostRecent, partiallySynthetic, randomlySampled, type Schedule } from '../../theory/schedules.ts';
import { formatNumber } from '../format.ts';
import { DISTRIBUTION_FLAGS, distributionFromFlags } from './distribution.ts';

const SCHEDULES = ['fully', 'partially', 'most-recent', 'random', 'accumulate', 'accumulate-subsample'] as const;

const flags: Record<string, FlagSpec> = {
  schedule: { type: 'string', description: `one of ${SCHEDULES.join(', ')}`, defaultText: 'fully' },
  synthetic: { type: 'string', short: 'n', symbol: 'n', description: 'synthetic samples per generation', defaultText: '10' },
  real: { type: 'string', short: 'N', symbol: 'N', description: 'real samples (partially, accumulate, accumulate-subsample)', defaultText: '100' },
  window: { type: 'string', short: 'K', symbol: 'K', description: 'window of most-recent', defaultText: '5' },
  generations: { type: 'string', short: 'm', symbol: 'M', description: 'generations, integer in [1, 100000]', defaultText: '100' },
  runs: { type: 'string', description: 'independent runs, integer in [1, 100000]', defaultText: '100' },
  seed: { type: 'string', description: 'seed, integer in [0, 2^32 − 1]', defaultText: '1' },
  ...DISTRIBUTION_FLAGS,
  format: { type: 'string', description: 'output: table, json or csv', defaultText: 'table' },
  json: { type: 'boolean', description: 'same as --format json' },
  csv: { type: 'boolean', description: 'same as --format csv' },
};

function scheduleFrom(f: Flags): Schedule {
  const name = choiceFlag(f, 'schedule', SCHEDULES, 'fully');
  const n = intFlag(f, 'synthetic', { min: name === 'partially' ? 0 : 1, max: 1e9 }, 10);
  const N = intFlag(f, 'real', { min: 1, max: 1e9 }, 100);
  switch (name) {
    case 'fully':
      return fullySynthetic({ n });
    case 'partially':
      return partiallySynthetic({ N, n });
    case 'most-recent':
      return mostRecent({ n, K: intFlag(f, 'window', { min: 1, max: n }, Math.min(5, n)) });
    case 'random':
      return randomlySampled({ n });
    case 'accumulate':
      return accumulate({ N, n });
    case 'accumulate-subsample':
      return accumulateSubsample({ N, n });
  }
}

/** A progress bar on stderr, drawn only on a terminal and only after the first second. */
function progressBar(io: CommandIO): { update(fraction: number): void; done(): void } {
  const start = Date.now();
  let shown = false;
  return {
    update(fraction: number) {
      if (!io.errIsTTY || Date.now() - start < 1000) return;
      shown = true;
      const width = 30;
      const filled = Math.round(fraction * width);
      io.err(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`);
    },
    done() {
      if (shown) io.err('\r\u001b[K');
    },
  };
}

function rowsAt(G: number): number[] {
  const out = new Set<number>([0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000].filter((m) => m <= G));
  out.add(G);
  return [...out].sort((a, b) => a - b);
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Monte Carlo of any schedule: per-generation means with 95% intervals and the collapse time',
  help: `Simulates recursive training (eq. 5) under a schedule and prints, per generation, the mean
and 95% interval over runs of σ_m, ‖p^(m)‖∞, ‖p^(m) − p^(1)‖₁, ‖p^(m) − p‖₁, entropy and support,
then the law of the collapse time T and of the absorption time. Schedules: fully, partially
(fixed real corpus of N), most-recent (window K), random (randomly sampled), accumulate,
accumulate-subsample. A progress bar appears on stderr for runs longer than a second when
stderr is a terminal. Output as a table, --json (every generation) or --csv.

Examples:
  model-collapse simulate --schedule fully -n 10 --generations 200 --runs 1000
  model-collapse simulate --schedule most-recent -n 10 --window 5 --generations 500 --json
  model-collapse simulate --schedule partially -n 10 --real 100 --vocab 600 --support 52 --s0 0.1 --csv`,
  flags,
  async run(f: Flags, io: CommandIO): Promise<number> {
    const schedule = scheduleFrom(f);
    const generations = intFlag(f, 'generations', { min: 1, max: 100_000 }, 100);
    const runs = intFlag(f, 'runs', { min: 1, max: 100_000 }, 100);
    const seed = intFlag(f, 'seed', { min: 0, max: 4294967295 }, 1);
    const format = f.json ? 'json' : f.csv ? 'csv' : choiceFlag(f, 'format', ['table', 'json', 'csv'] as const, 'table');
    const { p, label } = distributionFromFlags(f);
    const bar = progressBar(io);
    let result: SimulationResult;
    try {
      result = await simulateAsync({ p, schedule, generations, runs, seed, onProgress: (x) => bar.update(x) });
    } finally {
      bar.done();
    }
    if (format === 'json') {
      const metrics = Object.fromEntries(
        METRIC_NAMES.map((k) => [k, { mean: Array.from(result.metrics[k].mean), lower: Array.from(result.metrics[k].lower), upper: Array.from(result.metrics[k].upper) }]),
      );
      io.out(
        `${JSON.stringify(
          {
            command: 'simulate',
            parameters: { schedule: result.schedule, generations, runs, seed, s: p.length, support: result.support },
            metrics,
            collapseTimes: result.collapseTimes,
            absorptionTimes: result.absorptionTimes,
            collapse: { observed: result.collapse.observed, censored: result.collapse.censored, meanObserved: result.collapse.meanObserved, median: result.collapse.median },
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    if (format === 'csv') {
      io.out(`generation,${METRIC_NAMES.flatMap((k) => [`${k}_mean`, `${k}_lower`, `${k}_upper`]).join(',')}\n`);
      for (let m = 0; m <= result.generations; m++) {
        io.out(`${m},${METRIC_NAMES.flatMap((k) => [result.metrics[k].mean[m], result.metrics[k].lower[m], result.metrics[k].upper[m]]).join(',')}\n`);
      }
      return 0;
    }
    const fmt = (k: (typeof METRIC_NAMES)[number], m: number) => formatNumber(result.metrics[k].mean[m], 4);
    const lines = [
      `${schedule.kind}: ${runs} runs, ${generations} generations, seed ${seed}; p: ${label}`,
      '',
      '  m        σ_m        ‖p‖∞       ‖p^(m)−p^(1)‖₁  ‖p^(m)−p‖₁  entropy    support',
      ...rowsAt(result.generations).map(
        (m) =>
          `  ${String(m).padEnd(8)} ${fmt('sigma', m).padEnd(10)} ${fmt('maxProb', m).padEnd(10)} ${fmt('l1FromFirst', m).padEnd(15)} ${fmt('l1FromInitial', m).padEnd(11)} ${fmt('entropy', m).padEnd(10)} ${fmt('support', m)}`,
      ),
      '',
      `collapse time T (first Dirac): ${result.collapse.observed}/${result.runs} runs collapsed${
        result.collapse.meanObserved ? `, mean ${formatNumber(result.collapse.meanObserved.mean, 5)} [${formatNumber(result.collapse.meanObserved.lower, 5)}, ${formatNumber(result.collapse.meanObserved.upper, 5)}]` : ''
      }${result.collapse.median !== null ? `, median ${result.collapse.median}` : ''}`,
      `absorption time (stays a Dirac forever): ${result.absorption.observed}/${result.runs} runs absorbed${
        result.absorption.meanObserved ? `, mean ${formatNumber(result.absorption.meanObserved.mean, 5)}` : ''
      }`,
    ];
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
