/** `model-collapse exact`: the exact collapse-time law and the exact deviation. */
import { choiceFlag, intFlag, type FlagSpec, type Flags } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { exactCollapseTime } from '../../exact/collapse-time/index.ts';
import { exactDeviation } from '../../exact/deviation/index.ts';
import { collapseTimeBounds } from '../../theory/fully-synthetic.ts';
import { sigma, supportSize } from '../../distributions/statistics.ts';
import { formatNumber } from '../format.ts';
import { DISTRIBUTION_FLAGS, distributionFromFlags } from './distribution.ts';

const flags: Record<string, FlagSpec> = {
  synthetic: { type: 'string', short: 'n', symbol: 'n', description: 'synthetic samples per generation, integer ≥ 1', defaultText: '10' },
  real: { type: 'string', short: 'N', symbol: 'N', description: 'real samples (Partially Synthetic deviation), integer ≥ 1', defaultText: '100' },
  generations: { type: 'string', short: 'm', symbol: 'M', description: 'generations of the deviation table, integer in [1, 10000]', defaultText: '10' },
  ...DISTRIBUTION_FLAGS,
  format: { type: 'string', description: 'output: table or json', defaultText: 'table' },
  json: { type: 'boolean', description: 'same as --format json' },
};

/** Stable JSON shape of `exact --json` (docs/cli.md). */
export interface ExactJson {
  command: 'exact';
  parameters: { n: number; N: number; generations: number; s: number; support: number; S0: number };
  collapseTime: { mean: number; sd: number; relativeErrorBound: number; bounds: { lower: number; upper: number }; cdf: Array<{ m: number; value: number }> };
  deviation: { fromFirst: number[]; fromInitial: number[]; stationary: { fromFirst: number; fromInitial: number } | null };
}

export const exact: Command = {
  name: 'exact',
  summary: 'the exact collapse-time law (Fully Synthetic) and the exact deviation (Partially Synthetic)',
  help: `Computes what the paper only bounds, exactly (certified truncation error):
the law of the collapse time T under Fully Synthetic training (mean, sd, P(T ≤ m)) beside the
bounds of eq. 8, and E‖p^(m) − p^(1)‖₁, E‖p^(m) − p‖₁ under Partially Synthetic training for
m = 0..M and m → ∞. p is --distribution FILE, or the paper's shape withDispersion(s, s̃, S0).

Examples:
  model-collapse exact --synthetic 10 --real 100
  model-collapse exact -n 1000 --vocab 50257 --support 50257 --s0 1.98975e-5 --real 1e6 --json
  model-collapse exact -n 10 --distribution p.json`,
  flags,
  run(f: Flags, io: CommandIO): number {
    const n = intFlag(f, 'synthetic', { min: 1, max: 1e5 }, 10);
    const N = intFlag(f, 'real', { min: 1, max: 1e9 }, 100);
    const generations = intFlag(f, 'generations', { min: 1, max: 10_000 }, 10);
    const format = f.json ? 'json' : choiceFlag(f, 'format', ['table', 'json'] as const, 'table');
    const { p, label } = distributionFromFlags(f);
    const S0 = sigma(p);
    const support = supportSize(p);
    const law = exactCollapseTime(p, { n });
    const bounds = support === 1 ? { lower: 1, upper: 1 } : collapseTimeBounds({ n, S0: Math.min(S0, 1 - 1e-15), support });
    const ms = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((k) => Math.round((k * law.mean) / 10)).filter((m, i, a) => m >= 1 && a.indexOf(m) === i);
    const dev = exactDeviation({ p, N, n, generations });
    const json: ExactJson = {
      command: 'exact',
      parameters: { n, N, generations, s: p.length, support, S0 },
      collapseTime: { mean: law.mean, sd: law.sd, relativeErrorBound: law.relativeErrorBound, bounds, cdf: ms.map((m) => ({ m, value: law.cdf(m) })) },
      deviation: { fromFirst: Array.from(dev.fromFirst), fromInitial: Array.from(dev.fromInitial), stationary: dev.stationary },
    };
    if (format === 'json') {
      io.out(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `p: ${label} (s = ${formatNumber(p.length)}, s̃ = ${formatNumber(support)}, S0 = ${formatNumber(S0, 6)})`,
      '',
      `Fully Synthetic, n = ${formatNumber(n)}: collapse time T`,
      `  exact E[T] = ${formatNumber(law.mean, 8)}, sd ${formatNumber(law.sd, 6)} (relative error ≤ ${law.relativeErrorBound.toExponential(1)})`,
      `  eq. 8 bounds: [${formatNumber(bounds.lower, 6)}, ${formatNumber(bounds.upper, 6)}]`,
      `  P(T ≤ m): ${json.collapseTime.cdf.map((c) => `m=${c.m}: ${formatNumber(c.value, 4)}`).join('  ')}`,
      '',
      `Partially Synthetic, N = ${formatNumber(N)}, n = ${formatNumber(n)}: exact expected deviation`,
      '  m     E‖p^(m) − p^(1)‖₁   E‖p^(m) − p‖₁',
      ...json.deviation.fromFirst.map((v, m) => `  ${String(m).padEnd(5)} ${formatNumber(v, 6).padEnd(19)} ${formatNumber(json.deviation.fromInitial[m], 6)}`),
      ...(dev.stationary ? [`  ∞     ${formatNumber(dev.stationary.fromFirst, 6).padEnd(19)} ${formatNumber(dev.stationary.fromInitial, 6)}`] : []),
    ];
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
