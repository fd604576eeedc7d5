/** `model-collapse bounds`: the quantities of Theorems 1–4 for given parameters. */
import { choiceFlag, intFlag, numberFlag, stringFlag, UsageError, type FlagSpec, type Flags } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { collapseProbabilityBounds, collapseTimeBounds, fullySyntheticS } from '../../theory/fully-synthetic.ts';
import { partiallySyntheticLimit, partiallySyntheticS } from '../../theory/partially-synthetic.ts';
import { logDeviationBound, logDeviationBoundZeta, zeta } from '../../theory/deviation.ts';
import { gRegime, logG } from '../../theory/concentration.ts';
import { formatFromLog, formatNumber } from '../format.ts';
import { withDispersion } from '../../distributions/with-dispersion.ts';
import { exactCollapseProbability, exactCollapseTime } from '../../exact/collapse-time/index.ts';
import { exactDeviation } from '../../exact/deviation/index.ts';

const flags: Record<string, FlagSpec> = {
  synthetic: { type: 'string', short: 'n', symbol: 'n', description: 'synthetic samples per generation, integer ≥ 1' },
  s0: { type: 'string', symbol: 'S0', description: '‖p‖₂² of the initial distribution, in [1/s̃, 1]' },
  support: { type: 'string', symbol: 's̃', description: 'support size of p, integer ≥ 1' },
  real: { type: 'string', short: 'N', symbol: 'N', description: 'real samples (Partially Synthetic), integer ≥ 1', defaultText: '100' },
  vocab: { type: 'string', short: 's', symbol: 's', description: 'vocabulary size, integer ≥ 2', defaultText: 'the support size' },
  lambda1: { type: 'string', symbol: 'λ1', description: 'E max_A p^(1)(A)p^(1)(A^c) for Theorem 4, in [0, 0.25]', defaultText: '0.25' },
  generations: { type: 'string', short: 'm', symbol: 'm', description: 'comma-separated generations to tabulate', defaultText: '1,2,10,100' },
  format: { type: 'string', description: 'output: table or json', defaultText: 'table' },
  json: { type: 'boolean', description: 'same as --format json' },
};

function parseGenerations(text: string | undefined): number[] {
  if (text === undefined) return [1, 2, 10, 100];
  const list = text.split(',').map((x) => x.trim());
  const out: number[] = [];
  for (const item of list) {
    const v = Number(item);
    if (item === '' || !Number.isInteger(v) || v < 0 || v > 1e12) {
      throw new UsageError(`--generations must be a comma-separated list of integers in [0, 1e12]; received '${text}'`);
    }
    out.push(v);
  }
  return out;
}

/** Stable JSON shape of `bounds --json` (docs/cli.md). */
export interface BoundsJson {
  command: 'bounds';
  parameters: { n: number; S0: number; support: number; N: number; s: number; lambda1: number; generations: number[] };
  fullySynthetic: {
    S: Array<{ m: number; value: number }>;
    collapseProbability: Array<{ m: number; lower: number; upper: number; lowerVacuous: boolean }>;
    collapseTime: { lower: number; upper: number };
  };
  partiallySynthetic: { S: Array<{ m: number; value: number }>; limit: number };
  deviation: { gRegime: 1 | 2 | 3; logG: number; theorem3Log: number; zeta: number; theorem4Log: number };
  /** Exact values beside the bounds, for p = withDispersion({ s, support, S0 }) (null when too costly). */
  exact: {
    collapseTime: number | null;
    collapseProbability: Array<{ m: number; value: number }> | null;
    deviationFromFirst: { m2: number; limit: number } | null;
  };
}

export const bounds: Command = {
  name: 'bounds',
  summary: 'the quantities of Theorems 1–4 (S_m, ρ_m and E[T] bounds, deviation bounds)',
  help: `Evaluates the paper's closed forms and bounds for given parameters:
Theorem 1 (S_m, bounds on ρ_m = P(collapsed by m) and on E[T]), Theorem 2 (S_m with the
sign of eq. 9 corrected), Theorems 3–4 (bounds on E‖p^(m) − p^(1)‖₁; log values are natural logs).

Examples:
  model-collapse bounds --synthetic 10 --s0 0.1 --support 52 --real 100 --vocab 600
  model-collapse bounds -n 400 --s0 0.1 --support 52 --generations 1,50,500 --json`,
  flags,
  run(f: Flags, io: CommandIO): number {
    const n = intFlag(f, 'synthetic', { min: 1, max: 1e9 });
    const support = intFlag(f, 'support', { min: 1, max: 1e9 });
    const S0 = numberFlag(f, 's0', { min: 1 / support, max: 1 });
    if (S0 === 1 && support !== 1) throw new UsageError(`--s0 must be < 1 when --support is ${support} > 1; received '1'`);
    const N = intFlag(f, 'real', { min: 1, max: 1e15 }, 100);
    const s = intFlag(f, 'vocab', { min: Math.max(2, support), max: 1e9 }, Math.max(2, support));
    const lambda1 = numberFlag(f, 'lambda1', { min: 0, max: 0.25 }, 0.25);
    const generations = parseGenerations(stringFlag(f, 'generations'));
    const format = f.json ? 'json' : choiceFlag(f, 'format', ['table', 'json'] as const, 'table');
    const json: BoundsJson = {
      command: 'bounds',
      parameters: { n, S0, support, N, s, lambda1, generations },
      fullySynthetic: {
        S: generations.map((m) => ({ m, value: fullySyntheticS(m, { n, S0 }) })),
        collapseProbability: generations.map((m) => {
          const b = collapseProbabilityBounds(m, { n, S0, support });
          return { m, lower: b.lower, upper: b.upper, lowerVacuous: b.lowerVacuous };
        }),
        collapseTime: collapseTimeBounds({ n, S0, support }),
      },
      partiallySynthetic: {
        S: generations.map((m) => ({ m, value: partiallySyntheticS(m, { N, n, S0 }) })),
        limit: partiallySyntheticLimit({ N, n, S0 }),
      },
      exact: { collapseTime: null, collapseProbability: null, deviationFromFirst: null },
      deviation: {
        gRegime: gRegime(n, s),
        logG: logG(n, s),
        theorem3Log: logDeviationBound({ N, n, s }),
        zeta: zeta({ N, n, lambda1 }),
        theorem4Log: logDeviationBoundZeta({ N, n, s, lambda1 }),
      },
    };
    const p = withDispersion({ s, support, S0 });
    let collapseTime: number | null = null;
    let collapseProbability: Array<{ m: number; value: number }> | null = null;
    let deviationFromFirst: { m2: number; limit: number } | null = null;
    try {
      if (n <= 1e5) {
        collapseTime = exactCollapseTime(p, { n }).mean;
        collapseProbability = generations.filter((m) => m <= 1e5).map((m) => ({ m, value: exactCollapseProbability(m, p, { n }) }));
      }
    } catch {
      collapseTime = null;
      collapseProbability = null;
    }
    try {
      const d = exactDeviation({ p, N, n, generations: 2 });
      deviationFromFirst = { m2: d.fromFirst[2], limit: d.stationary ? d.stationary.fromFirst : d.fromFirst[2] };
    } catch {
      deviationFromFirst = null;
    }
    json.exact = { collapseTime, collapseProbability, deviationFromFirst };
    if (format === 'json') {
      io.out(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    const fs = json.fullySynthetic;
    const exactRho = (m: number) => collapseProbability?.find((r) => r.m === m)?.value;
    const lines = [
      `Parameters: n = ${formatNumber(n)}, S0 = ${S0}, s̃ = ${formatNumber(support)}, N = ${formatNumber(N)}, s = ${formatNumber(s)}`,
      '',
      'Fully Synthetic (Theorem 1)',
      ...generations.map((m, i) => {
        const r = fs.collapseProbability[i];
        const ex = exactRho(m);
        return `  m = ${String(m).padEnd(6)} S_m = ${formatNumber(fs.S[i].value, 6).padEnd(12)} ρ_m ∈ [${formatNumber(r.lower, 4)}, ${formatNumber(r.upper, 4)}]${ex === undefined ? '' : `, exact ${formatNumber(ex, 4)}`}${r.lowerVacuous ? '  (printed lower bound ≤ 0: vacuous)' : ''}`;
      }),
      `  E[T] ∈ [${formatNumber(fs.collapseTime.lower, 6)}, ${formatNumber(fs.collapseTime.upper, 6)}] generations (eq. 8)${collapseTime === null ? '' : `; exact E[T] = ${formatNumber(collapseTime, 6)}`}`,
      '  (exact values for p = withDispersion(s, s̃, S0), the paper\'s shape; S_m of Theorems 1 and 2 is itself exact)',
      '',
      'Partially Synthetic (Theorem 2, eq. 9 sign-corrected)',
      ...generations.map((m, i) => `  m = ${String(m).padEnd(6)} S_m = ${formatNumber(json.partiallySynthetic.S[i].value, 8)}`),
      `  S_∞ = ${formatNumber(json.partiallySynthetic.limit, 8)}`,
      '',
      'Deviation E‖p^(m) − p^(1)‖₁, m ≥ 2 (Theorems 3 and 4)',
      `  G_n(s): regime ${json.deviation.gRegime} of eq. 10, G = ${formatFromLog(json.deviation.logG)}`,
      `  Theorem 3 bound: ${formatFromLog(json.deviation.theorem3Log)}${json.deviation.theorem3Log > Math.LN2 ? '  (vacuous: an L1 distance is at most 2)' : ''}`,
      `  Theorem 4 bound: ${formatFromLog(json.deviation.theorem4Log)}  (λ1 = ${lambda1}, ζ = ${formatNumber(json.deviation.zeta, 6)})`,
      ...(deviationFromFirst ? [`  exact: ${formatNumber(deviationFromFirst.m2, 6)} at m = 2, ${formatNumber(deviationFromFirst.limit, 6)} as m → ∞`] : []),
    ];
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
