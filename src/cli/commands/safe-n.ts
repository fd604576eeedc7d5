/** `model-collapse safe-n`: how much synthetic data can be mixed with N real samples. */
import { choiceFlag, intFlag, numberFlag, type FlagSpec, type Flags } from '../args.ts';
import type { Command, CommandIO } from '../command.ts';
import { paperSafeSyntheticSize, safeSyntheticSizes, type SafeSyntheticSizes } from '../../theory/safe-size.ts';
import { formatIntervals, formatNumber, formatSafeSet, jsonInteger } from '../format.ts';
import { DEFAULT_SAFE_SIZE_OPERATIONS, exactSafeSyntheticSize } from '../../exact/safe-size/index.ts';
import { ExactComputationTooLargeError } from '../../exact/deviation/index.ts';
import { exactDeviationLimit } from '../../exact/deviation/limit.ts';
import { stringFlag, UsageError } from '../args.ts';
import { readFileSync } from 'node:fs';
import { checkProbabilityVector, ParameterRangeError } from '../../validate.ts';

const flags: Record<string, FlagSpec> = {
  epsilon: { type: 'string', symbol: 'ε', description: 'tolerated L1 deviation E‖p^(m) − p^(1)‖₁, in (0, 2]' },
  real: { type: 'string', symbol: 'N', description: 'real samples per context (the fixed corpus), integer ≥ 1' },
  vocab: { type: 'string', symbol: 's', description: 'vocabulary size, integer ≥ 2' },
  distribution: { type: 'string', description: 'JSON file with p (an array of probabilities); without it the exact answer is for the worst p on s tokens' },
  generations: { type: 'string', short: 'm', symbol: 'M', description: 'require the drift ≤ ε only up to generation M (default: every generation)' },
  'max-operations': { type: 'string', description: 'work limit of the exact answer, in estimated multiply-adds (≈ 4·10⁸ per second)', defaultText: '5e9 (≈ 10 s)' },
  lambda1: { type: 'string', symbol: 'λ1', description: 'E max_A p^(1)(A)p^(1)(A^c) in [0, 0.25] for Theorem 4', defaultText: '0.25 (Theorem 4 = Theorem 3)' },
  format: { type: 'string', description: 'output: table, json or csv', defaultText: 'table' },
  json: { type: 'boolean', description: 'same as --format json' },
  csv: { type: 'boolean', description: 'same as --format csv' },
};

/** Stable JSON shape of `safe-n --json` (documented in docs/cli.md). */
export interface SafeNJson {
  command: 'safe-n';
  parameters: { epsilon: number; N: number; s: number; lambda1: number };
  eq11: { bound: number; maxN: number; valid: boolean; reason: string };
  theorem3: { maxN: number | string | null; intervals: Array<[number | string, number | string]> };
  theorem4: { maxN: number | string | null; intervals: Array<[number | string, number | string]> };
  /** The exact answer: largest n whose exact E‖p^(m) − p^(1)‖₁ stays ≤ ε (null: none; "Infinity": every n), or the refusal. */
  exact: {
    maxN: number | string | null;
    /** The whole safe set (it can have gaps: lattice dips, and for finite M a rise then fall in n). */
    intervals: Array<[number, number | string]>;
    distribution: 'given' | 'worst-case' | 'uniform';
    /** 'exact': every n decided; 'bracketed': the n in `undecided` are between the certified bounds of the worst case. */
    status: 'exact' | 'bracketed' | null;
    undecided: Array<[number, number | string]>;
    /** What the answer rests on (the exact engine's `certificate.scope`); null when refused. */
    scope: string | null;
    refused: string | null;
    limit: number | null;
  };
}

function setJson(r: SafeSyntheticSizes): SafeNJson['theorem3'] {
  return {
    maxN: r.exact.maxN === null ? null : jsonInteger(r.exact.maxN),
    intervals: r.exact.intervals.map((i) => [jsonInteger(i.from), jsonInteger(i.to)]),
  };
}

/** The exact answer in words: none, every n (with the limit), n ≤ maxN, or the set when it has gaps. */
function exactText(exact: SafeNJson['exact']): string {
  if (exact.refused) return `not computed — ${exact.refused}`;
  const text = formatSafeSet(exact.intervals.map(([from, to]) => ({ from, to: to === 'Infinity' ? Infinity : (to as number) })));
  if (exact.undecided.length > 0) {
    const undecided = exact.undecided.map(([a, b]) => (a === b ? formatNumber(a) : `${formatNumber(a)}–${typeof b === 'number' ? formatNumber(b) : '∞'}`)).join(', ');
    return `${text}; undecided: n ∈ {${undecided}} (neither certified safe nor unsafe: a larger --max-operations narrows it; --json has the reason)`;
  }
  return text === 'every n' ? `every n (the drift stays below ε however much synthetic data: its n → ∞ limit is ${formatNumber(exact.limit as number)})` : text;
}

export const safeN: Command = {
  name: 'safe-n',
  summary: 'how many synthetic samples n keep the drift below ε (eq. 11, Theorems 3–4)',
  help: `Answers "how much synthetic data can I add to my N real samples?" in the Partially
Synthetic setting (the same N real samples plus n synthetic ones at every generation),
for a tolerated drift E‖p^(m) − p^(1)‖₁ ≤ ε at every generation:

  eq. 11     the paper's closed-form answer (sufficient, conservative)
  Theorem 3  every n whose Theorem 3 bound is ≤ ε, computed exactly (may be several intervals)
  Theorem 4  the same with Theorem 4's sharper bound, given λ1
  exact      the largest n whose exact expected drift stays ≤ ε (this library), and the drift's
             limit with unlimited synthetic data; a search beyond --max-operations is refused
             with an approximate answer

Examples:
  model-collapse safe-n --epsilon 0.1 --real 1e6 --vocab 100
  model-collapse safe-n --epsilon 0.1 --real 1e12 --vocab 50257 --json
  model-collapse safe-n --epsilon 0.1 --real 1e6 --vocab 50257 -m 10 --max-operations 1e11`,
  flags,
  run(f: Flags, io: CommandIO): number {
    const epsilon = numberFlag(f, 'epsilon', { min: 0, minExclusive: true, max: 2 });
    const N = intFlag(f, 'real', { min: 1, max: 1e15 });
    const s = intFlag(f, 'vocab', { min: 2, max: 1e9 });
    const lambda1 = numberFlag(f, 'lambda1', { min: 0, max: 0.25 }, 0.25);
    const format = f.json ? 'json' : f.csv ? 'csv' : choiceFlag(f, 'format', ['table', 'json', 'csv'] as const, 'table');
    const paper = paperSafeSyntheticSize({ epsilon, N, s });
    const t3 = safeSyntheticSizes({ epsilon, N, s });
    const t4 = safeSyntheticSizes({ epsilon, N, s, bound: 'theorem4', lambda1 });
    const file = stringFlag(f, 'distribution');
    let p: Float64Array | undefined;
    if (file !== undefined) {
      try {
        p = checkProbabilityVector('p', JSON.parse(readFileSync(file, 'utf8')));
      } catch (e) {
        throw new UsageError(`--distribution must be a readable JSON array of probabilities; ${(e as Error).message}`);
      }
      if (p.length !== s) throw new UsageError(`--distribution must have --vocab = ${s} entries; it has ${p.length}`);
    }
    const generationsText = stringFlag(f, 'generations');
    const generations = generationsText === undefined ? undefined : intFlag(f, 'generations', { min: 1, max: 1e6 });
    const maxOperations = numberFlag(f, 'max-operations', { min: 0, minExclusive: true }, DEFAULT_SAFE_SIZE_OPERATIONS);
    let exact: SafeNJson['exact'];
    try {
      const r = exactSafeSyntheticSize({ epsilon, N, s, maxOperations, ...(p ? { p } : {}), ...(generations ? { generations } : {}) });
      exact = {
        maxN: r.maxN === null ? null : Number.isFinite(r.maxN) ? r.maxN : 'Infinity',
        intervals: r.safe.intervals.map((iv) => [iv.from, Number.isFinite(iv.to) ? iv.to : 'Infinity']),
        distribution: r.distribution,
        status: r.status,
        undecided: r.undecided.map((iv) => [iv.from, Number.isFinite(iv.to) ? iv.to : 'Infinity']),
        scope: r.certificate.scope,
        refused: null,
        limit: r.certificate.limit.value,
      };
    } catch (e) {
      // Beyond the exact engine's limits (cost or size) the other answers still stand: report the refusal.
      if (!(e instanceof ExactComputationTooLargeError || e instanceof ParameterRangeError)) throw e;
      let limit: number | null = null;
      try {
        limit = exactDeviationLimit({ N, ...(p ? { p } : { s }) }).value;
      } catch (inner) {
        if (!(inner instanceof ExactComputationTooLargeError || inner instanceof ParameterRangeError)) throw inner;
      }
      exact = { maxN: null, intervals: [], distribution: p ? 'given' : 'worst-case', status: null, undecided: [], scope: null, refused: e.message, limit };
    }
    if (format === 'json') {
      const json: SafeNJson = {
        command: 'safe-n',
        parameters: { epsilon, N, s, lambda1 },
        eq11: { bound: paper.bound, maxN: paper.maxN, valid: paper.valid, reason: paper.reason },
        theorem3: setJson(t3),
        theorem4: setJson(t4),
        exact,
      };
      io.out(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    if (format === 'csv') {
      io.out('method,maxN,safe_set\n');
      io.out(`eq11,${paper.maxN},"${paper.maxN === 0 ? '' : `1-${paper.maxN}`}"\n`);
      io.out(`theorem3,${t3.exact.maxN ?? ''},"${formatIntervals(t3.exact.intervals, '-')}"\n`);
      io.out(`theorem4,${t4.exact.maxN ?? ''},"${formatIntervals(t4.exact.intervals, '-')}"\n`);
      io.out(`exact,${exact.maxN ?? ''},"${exact.intervals.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(' ')}"\n`);
      return 0;
    }
    const lines = [
      `Safe synthetic sample sizes n for ε = ${epsilon}, N = ${formatNumber(N)} real samples, s = ${formatNumber(s)} tokens`,
      '',
      `  eq. 11 (paper):  ${paper.maxN === 0 ? 'none' : `n ≤ ${formatNumber(paper.maxN)}`}`,
      `                   ${paper.reason}`,
      `  Theorem 3:       n ∈ {${formatIntervals(t3.exact.intervals)}}`,
      `                   every n whose Theorem 3 bound (1/N)·sqrt(πn/2)·G_n(s) is ≤ ε; eq. 11 is the part of it its derivation reaches.`,
      `  Theorem 4:       n ∈ {${formatIntervals(t4.exact.intervals)}}   (λ1 = ${lambda1})`,
      `                   ${lambda1 === 0.25 ? 'with λ1 = 1/4 Theorem 4 equals Theorem 3; pass --lambda1 for a concentrated p^(1).' : 'uses ζ as derived in the proof (docs/errata.md, E2).'}`,
      `  exact:           ${exactText(exact)}`,
      `                   the largest n whose exact expected drift E‖p^(m) − p^(1)‖₁ stays ≤ ε ${exact.distribution === 'given' ? 'for the given p' : 'for every p on s tokens (worst case, certified)'}${generations ? ` up to generation ${generations}` : ' at every generation'}.`,
      '',
      'eq. 11 and Theorems 3–4 are guarantees from loose upper bounds; the exact answer is what the model actually allows.',
    ];
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
