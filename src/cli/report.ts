/**
 * The main job (`model-collapse report`, `npm start`): a short human-readable
 * report of the paper's quantities for a default scenario, every number
 * computed by the library.
 */
import {
  collapseProbabilityBounds,
  collapseTimeBounds,
  fullySyntheticS,
} from '../theory/fully-synthetic.ts';
import { partiallySyntheticLimit, partiallySyntheticS } from '../theory/partially-synthetic.ts';
import { logDeviationBound } from '../theory/deviation.ts';
import { paperSafeSyntheticSize, safeSyntheticSizes } from '../theory/safe-size.ts';
import { formatFromLog, formatIntervals, formatNumber, formatSafeSet } from './format.ts';
import { withDispersion } from '../distributions/with-dispersion.ts';
import { uniform } from '../distributions/uniform.ts';
import { approximateCollapseTime, exactCollapseTime } from '../exact/collapse-time/index.ts';
import { simulate } from '../simulation/simulate.ts';
import { exactSafeSyntheticSize } from '../exact/safe-size/index.ts';
import { exactDeviationLimit } from '../exact/deviation/limit.ts';
import { fullySynthetic } from '../simulation/schedules.ts';

/** A scenario of the report. */
export interface ReportScenario {
  label: string;
  /** vocabulary size s */
  s: number;
  /** support size s̃ of p */
  support: number;
  /** S0 = ‖p‖₂² */
  S0: number;
  /** synthetic samples per generation n */
  n: number;
  /** real samples N */
  N: number;
  /** tolerated L1 deviation ε */
  epsilon: number;
  /** Monte Carlo runs for the simulated collapse time */
  runs: number;
}

function medianOf(law: { cdf(m: number): number; mean: number }): string {
  let lo = 1;
  let hi = Math.max(2, Math.ceil(law.mean * 4));
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (law.cdf(mid) >= 0.5) hi = mid;
    else lo = mid + 1;
  }
  return String(lo);
}

/** The paper's Figure 3/6 setting and an LLM-scale one. */
export const DEFAULT_SCENARIOS: readonly ReportScenario[] = [
  { label: "the paper's setting (Figures 3, 4, 6)", s: 600, support: 52, S0: 0.1, n: 10, N: 100, epsilon: 0.1, runs: 1000 },
  { label: 'an LLM-scale context (GPT-2 vocabulary)', s: 50_257, support: 50_257, S0: 1 / 50_257, n: 1000, N: 1_000_000, epsilon: 0.1, runs: 20 },
];

function scenarioReport(sc: ReportScenario): string[] {
  const lines: string[] = [];
  const f = formatNumber;
  lines.push(`## ${sc.label}`);
  lines.push(`   p: ${sc.support === sc.s && Math.abs(sc.S0 - 1 / sc.s) < 1e-15 ? 'uniform' : 'withDispersion (a Zipf law on the support with the given S0)'}`);
  lines.push(`   vocabulary s = ${f(sc.s)}, support s̃ = ${f(sc.support)}, S0 = ‖p‖₂² = ${f(sc.S0)}, synthetic n = ${f(sc.n)}, real N = ${f(sc.N)}, ε = ${sc.epsilon}`);
  lines.push('');
  lines.push('   Fully Synthetic — each generation trained only on n samples of the previous one (Theorem 1)');
  const gens = [1, 10, 100];
  lines.push(`     S_m = E‖p^(m)‖₂² (eq. 6):            ${gens.map((m) => `m=${m}: ${f(fullySyntheticS(m, sc))}`).join('   ')}`);
  const rho = gens.map((m) => {
    const b = collapseProbabilityBounds(m, sc);
    return `m=${m}: [${f(b.lower, 3)}, ${f(b.upper, 3)}]`;
  });
  lines.push(`     P(collapsed by generation m) (eq. 7): ${rho.join('   ')}`);
  const t = collapseTimeBounds(sc);
  lines.push(`     expected collapse time E[T] (eq. 8):  between ${f(t.lower)} and ${f(t.upper)} generations`);
  const p = sc.support === sc.s && Math.abs(sc.S0 - 1 / sc.s) < 1e-15 ? uniform(sc.s) : withDispersion({ s: sc.s, support: sc.support, S0: sc.S0 });
  const exact = exactCollapseTime(p, { n: sc.n });
  lines.push(
    `     exact law of T (this library):       E[T] = ${f(exact.mean, 6)}, sd ${f(exact.sd, 4)}, median ${medianOf(exact)}; P(T ≤ ${f(Math.round(exact.mean))}) = ${f(exact.cdf(Math.round(exact.mean)), 4)}`,
  );
  const sim = simulate({ p, schedule: fullySynthetic({ n: sc.n }), generations: 60 * sc.n, runs: sc.runs, seed: 2024, metrics: ['maxProb'] });
  const mo = sim.collapse.meanObserved;
  if (mo) lines.push(`     simulation (${sc.runs} runs, seed 2024):      mean T = ${f(mo.mean, 5)} [${f(mo.lower, 5)}, ${f(mo.upper, 5)}] (95% CI)`);
  lines.push(`     diffusion approximation:             ${f(approximateCollapseTime(p, { n: sc.n }), 6)}`);
  lines.push('     where it collapses (Proposition 1):   onto token i with probability p_i');
  lines.push('');
  lines.push('   Partially Synthetic — the same N real samples plus n synthetic ones every generation (Theorem 2)');
  lines.push(`     S_1 = ${f(partiallySyntheticS(1, sc), 6)},  S_2 = ${f(partiallySyntheticS(2, sc), 6)},  S_∞ = ${f(partiallySyntheticLimit(sc), 6)}   (eq. 9, sign-corrected: docs/errata.md)`);
  const logDev = logDeviationBound(sc);
  const devNote = logDev > Math.LN2 ? ' — vacuous: an L1 distance never exceeds 2' : '';
  lines.push(`     Theorem 3 bound on E‖p^(m) − p^(1)‖₁: ${formatFromLog(logDev)}${devNote}`);
  lines.push('');
  lines.push(`   How much synthetic data keeps E‖p^(m) − p^(1)‖₁ ≤ ε = ${sc.epsilon}?`);
  const paper = paperSafeSyntheticSize(sc);
  lines.push(`     eq. 11 as printed:       ${paper.maxN === 0 ? 'no synthetic data at all' : `n ≤ ${f(paper.maxN)}`}`);
  const t3 = safeSyntheticSizes({ epsilon: sc.epsilon, N: sc.N, s: sc.s });
  lines.push(`     Theorem 3, inverted exactly: n ∈ {${formatIntervals(t3.exact.intervals)}}`);
  let exactLine: string;
  try {
    const r = exactSafeSyntheticSize({ epsilon: sc.epsilon, N: sc.N, s: sc.s });
    exactLine = formatSafeSet(r.safe.intervals) + (r.undecided.length > 0 ? ` (bracketed: n ∈ {${r.undecided.map((iv) => (iv.from === iv.to ? `${iv.from}` : `${iv.from}–${iv.to}`)).join(', ')}} undecided)` : '');
  } catch (e) {
    exactLine = `not computed (${(e as Error).message.slice(0, 80)}…)`;
  }
  lines.push(`     exact (this library, worst p on s tokens): ${exactLine}`);
  try {
    const limit = exactDeviationLimit({ N: sc.N, s: sc.s }).value;
    lines.push(`     drift with unlimited synthetic data (n → ∞, worst p): ${limit.toPrecision(4)}: every n is safe once ε ≥ this`);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return lines;
}

/** Renders the report for the given scenarios. */
export function renderReport(scenarios: readonly ReportScenario[] = DEFAULT_SCENARIOS): string {
  const out: string[] = [];
  out.push('model-collapse report — Seddik et al. (2024), "How Bad is Training on Synthetic Data?"');
  out.push('Every number below is computed by this library from the paper\'s closed forms, each verified');
  out.push('against exact enumeration of the Markov chain (see docs/theory.md).');
  out.push('');
  for (const sc of scenarios) {
    out.push(...scenarioReport(sc));
    out.push('');
  }
  out.push('Go further: `model-collapse safe-n|bounds|exact|simulate|text --help`, `model-collapse reproduce --out figures`');
  out.push('(the paper\'s figures with exact curves, docs/reproduction.md), and the API in docs/theory.md, docs/exact.md, docs/simulation.md.');
  return out.join('\n');
}
