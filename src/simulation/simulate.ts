/**
 * Monte Carlo simulation of recursive training (eq. 5) under any
 * {@link Schedule}: per-generation trajectories of σ_m = ‖p^(m)‖₂²,
 * ‖p^(m)‖∞, ‖p^(m) − p^(1)‖₁, ‖p^(m) − p^(0)‖₁, entropy and support size
 * (mean and t confidence interval across runs, optionally every run), and the
 * collapse times T = min{m ≥ 1 : ‖p^(m)‖∞ = 1}.
 *
 * Implementation notes:
 * - every model is kept as integer counts on its support only (indices and
 *   counts of the nonzero entries), so work and memory per generation scale
 *   with the support, which only shrinks in the fully synthetic chain; the
 *   multinomial sampler is called on that compact support;
 * - metrics are computed from the counts in one fused pass (σ and the L1
 *   distance to p^(1) in exact integer arithmetic while the products stay
 *   below 2^53);
 * - a run that reached an absorbing state (a Dirac mass δ_i that every later
 *   generation must reproduce: the fully synthetic chain once collapsed, Most
 *   Recent Models once the whole window is the same δ_i) is not simulated
 *   further: its remaining metrics are filled with the values of δ_i, which
 *   are exactly the values a continued simulation would compute;
 * - run r draws from its own stream ({@link runRng}: MT19937 `init_by_array([seed, r])`);
 * - logarithms (entropy) use a port of fdlibm's log built on IEEE basic
 *   operations only, so results are the same bits under Node and Deno
 *   (`Math.log` differs in the last place between V8 versions).
 *
 * @module
 */
import { nonzeroIndices, sampleMultinomialUnchecked } from '../random/multinomial.ts';
import type { Rng } from '../random/types.ts';
import { compensatedSum } from '../distributions/summation.ts';
import { sigmaUnchecked } from '../distributions/statistics.ts';
import { detLog } from './log.ts';
import {
  checkEnum,
  checkInteger,
  checkNumber,
  checkOptions,
  checkProbabilityVector,
  ParameterRangeError,
  ParameterTypeError,
} from '../validate.ts';
import { MAX_SEED } from '../random/rng.ts';
import { checkSchedule, MAX_TRAINING_SIZE, totalUnchecked, type Schedule } from './schedules.ts';
import { runRngUnchecked, shuffleRange, subsampleCounts } from './seeding.ts';
import { planFor, type Plan } from './plan.ts';
import { criticalT, DEFAULT_CONFIDENCE_LEVEL, summarizeCollapseTimes, type CollapseTimeSummary } from './summary.ts';
import { withDisplay } from '../display/bundle.ts'; // display hook: see src/display/bundle.ts

/** Names of the per-generation metrics. */
export type MetricName = 'sigma' | 'maxProb' | 'l1FromFirst' | 'l1FromInitial' | 'entropy' | 'support' | 'collapsed';

/**
 * All metrics, in the order they are stored:
 * - `sigma`: σ_m = ‖p^(m)‖₂² (its mean estimates S_m of Theorems 1–2);
 * - `maxProb`: ‖p^(m)‖∞;
 * - `l1FromFirst`: ‖p^(m) − p^(1)‖₁ (Theorems 3–4; at m = 0 it is ‖p − p^(1)‖₁);
 * - `l1FromInitial`: ‖p^(m) − p^(0)‖₁ (0 at m = 0);
 * - `entropy`: −Σ p_i log p_i in nats;
 * - `support`: |{i : p_i^(m) > 0}|;
 * - `collapsed`: 1 if ‖p^(m)‖∞ = 1 else 0 (its mean estimates ρ_m of eq. 7).
 */
export const METRIC_NAMES: readonly MetricName[] = [
  'sigma',
  'maxProb',
  'l1FromFirst',
  'l1FromInitial',
  'entropy',
  'support',
  'collapsed',
];

const SIGMA = 0;
const MAXP = 1;
const L1F = 2;
const L1I = 3;
const ENT = 4;
const SUPP = 5;
const COLL = 6;
const NMETRICS = 7;

/** What {@link simulate} keeps of every run besides the summaries. */
export type KeepRuns = boolean | 'metrics' | 'distributions';

/** Default refusal threshold of {@link simulate}'s memory estimate: 1 GiB. */
export const DEFAULT_MEMORY_LIMIT: number = 2 ** 30;

/** Options of {@link simulate}. */
export interface SimulateOptions<M extends MetricName = MetricName> {
  /** The true distribution p = p^(0) over s tokens (validated, renormalised). */
  p: ArrayLike<number>;
  /** The schedule n_t^(m) (see `fullySynthetic`, `mostRecent`, …). */
  schedule: Schedule;
  /** Number of generations G ≥ 1 (m = 1…G are simulated; m = 0 is p). */
  generations: number;
  /** Number of independent runs R ≥ 1 (default 100, as in the paper's figures). */
  runs?: number;
  /** Seed, an integer in [0, 2^32 − 1]: run r uses the stream `runRng(seed, r)`. */
  seed: number;
  /** Metrics to compute (default all of {@link METRIC_NAMES}). */
  metrics?: readonly M[];
  /**
   * `false` (default): summaries only. `true` or `'metrics'`: also every run's
   * trajectory of every metric (`result.metrics.<name>.runs[r][m]`).
   * `'distributions'`: also every p^(m) of every run (`result.distributions[r][m]`,
   * memory runs·(G+1)·s·8 bytes).
   */
  keepRuns?: KeepRuns;
  /** Confidence level of the intervals, in (0, 1); default 0.95. */
  level?: number;
  /** Stop runs that reached an absorbing Dirac mass and fill their metrics exactly (default true). */
  earlyStop?: boolean;
  /** Refuse requests whose memory estimate exceeds this many bytes (default 1 GiB). */
  memoryLimit?: number;
  /** Called with the fraction of work done, in (0, 1], at most about 100 times, and with 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** Cancels the simulation between generations; the runs completed so far are returned (`aborted: true`). */
  signal?: AbortSignal;
}

/** Per-generation summary of one metric (arrays indexed by generation m = 0…generations). */
export interface MetricTrajectory {
  /** Mean over runs. */
  mean: Float64Array;
  /** Lower end of the t confidence interval of the mean (−Infinity with one run). */
  lower: Float64Array;
  /** Upper end of the t confidence interval of the mean (+Infinity with one run). */
  upper: Float64Array;
  /** Standard deviation over runs (denominator R − 1; 0 with one run). */
  sd: Float64Array;
  /** Every run's trajectory, `runs[r][m]`, when `keepRuns` asks for it. */
  runs?: Float64Array[];
}

/** Result of {@link simulate}. */
export interface SimulationResult<M extends MetricName = MetricName> {
  /** One trajectory per requested metric. */
  metrics: { [K in M]: MetricTrajectory };
  /** Collapse time T of each run (first m ≥ 1 with ‖p^(m)‖∞ = 1), null when censored (no collapse by `generations`). */
  collapseTimes: (number | null)[];
  /** Token i of the Dirac mass δ_i reached at T, null when censored (Proposition 1). */
  collapseTokens: (number | null)[];
  /**
   * Absorption time of each run: the first generation from which p^(m) stays the
   * same Dirac mass forever (total collapse, Definition 1), null when the run has
   * not reached an absorbing state by the horizon. Equals the collapse time T for
   * Fully Synthetic; differs when older models or real data can restore
   * diversity (Most Recent with K > 1, Randomly Sampled, …).
   */
  absorptionTimes: (number | null)[];
  /** Empirical law of the absorption time (as `collapse` for T). */
  absorption: CollapseTimeSummary;
  /** Empirical law of T (survival, censoring, mean over observed runs). */
  collapse: CollapseTimeSummary;
  /** The seed. */
  seed: number;
  /** Runs summarised (the completed runs; see `aborted`). */
  runs: number;
  /** Runs requested. */
  runsRequested: number;
  /** Last generation covered (arrays have length generations + 1). */
  generations: number;
  /** Generations requested. */
  generationsRequested: number;
  /** Confidence level of the intervals. */
  level: number;
  /** The schedule, normalised (defaults filled in). */
  schedule: Schedule;
  /** n^(m), the training-set size of generation m (index 0: 0, p^(0) is not an empirical distribution). */
  totals: Float64Array;
  /** Vocabulary size s. */
  s: number;
  /** Support size s̃ of p. */
  support: number;
  /** For each run, the generation after which it was not simulated further (absorbed), or null. */
  stoppedAt: (number | null)[];
  /** Number of runs stopped early. */
  stoppedEarly: number;
  /** True when the signal aborted the simulation: the summaries cover the completed runs only. */
  aborted: boolean;
  /** Every run's p^(m) (as probabilities), `distributions[r][m]`, with `keepRuns: 'distributions'`. */
  distributions?: Float64Array[][];
  /** The memory estimate (bytes) the request was checked against. */
  memoryEstimate: number;
}

/** A request refused up front because its memory estimate exceeds the limit. */
export class MemoryLimitError extends ParameterRangeError {
  /** Estimated bytes. */
  readonly estimate: number;
  /** The limit in force. */
  readonly limit: number;
  constructor(parameter: string, value: unknown, estimate: number, limit: number, advice: string) {
    super(
      parameter,
      value,
      `a setting whose memory fits memoryLimit = ${formatBytes(limit)}; this request needs an estimated ${formatBytes(estimate)} (${advice})`,
    );
    this.name = 'MemoryLimitError';
    this.estimate = estimate;
    this.limit = limit;
  }
}

function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toPrecision(3)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toPrecision(3)} MiB`;
  if (b >= 2 ** 10) return `${(b / 2 ** 10).toPrecision(3)} KiB`;
  return `${b} B`;
}

// ---------------------------------------------------------------------------
// Logarithm table for Σ x log x over integer counts.

const LOG_TABLE_SIZE = 65536;
let logTable: Float64Array | null = null;
function getLogTable(): Float64Array {
  if (logTable === null) {
    logTable = new Float64Array(LOG_TABLE_SIZE);
    for (let x = 1; x < LOG_TABLE_SIZE; x++) logTable[x] = detLog(x);
  }
  return logTable;
}

// ---------------------------------------------------------------------------
// Context shared by all runs.

const EMPTY_F64 = new Float64Array(0);
const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I32 = new Int32Array(0);

interface Ctx {
  p: Float64Array;
  s: number;
  totalP: number;
  supp0: Int32Array;
  w0: Float64Array; // p on supp0
  G: number;
  R: number;
  seed: number;
  schedule: Schedule;
  totals: Float64Array;
  level: number;
  earlyStop: boolean;
  want: Uint8Array; // metric slots requested
  needEntropy: boolean;
  needL1F: boolean;
  needL1I: boolean;
  keepMetrics: boolean;
  keepDistributions: boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  // dense scratch of length s
  c1: Float64Array; // p^(1) counts (dense), cleared after each run
  acc: Float64Array;
  mark: Uint8Array;
  touched: Int32Array;
  scratch: Float64Array; // compact sampler output (length ≥ s̃)
  logs: Float64Array;
  // per-run state
  n1: number;
  traj: Float64Array[]; // per metric slot, length G+1
  dists: Float64Array[] | null;
  collapseTime: number | null;
  collapseToken: number | null;
  /** First generation of the current run of identical Dirac masses (null if p^(m) is not a Dirac). */
  streakStart: number | null;
  streakToken: number;
  absorptionTime: number | null;
  // accumulators
  count: number;
  mean: Float64Array[];
  m2: Float64Array[];
  keptRuns: Float64Array[][];
  keptDists: Float64Array[][];
  collapseTimes: (number | null)[];
  collapseTokens: (number | null)[];
  absorptionTimes: (number | null)[];
  stoppedAt: (number | null)[];
  // progress
  done: number;
  /** Last whole percentage reported. */
  nextReport: number;
  aborted: boolean;
  partial: { generations: number } | null;
}

/** A model (or a dataset) as counts on its support. */
interface Sparse {
  idx: Int32Array;
  cnt: Float64Array;
  k: number;
  total: number;
}

// ---------------------------------------------------------------------------
// Metrics.

/**
 * Writes the metrics of the empirical distribution cnt/total (support idx,
 * all counts > 0) into traj[·][m]. Also tracks the collapse time.
 */
function measure(ctx: Ctx, m: number, idx: ArrayLike<number>, cnt: ArrayLike<number>, k: number, total: number): void {
  const { p, c1, n1, traj, logs } = ctx;
  let sumSq = 0;
  let max = 0;
  let xlogx = 0;
  let l1f = 0;
  let sumC = 0;
  let l1i = 0;
  let sumP = 0;
  const exactL1 = total * n1 <= 2 ** 53;
  const needEnt = ctx.needEntropy;
  const needL1F = ctx.needL1F && n1 > 0;
  const needL1I = ctx.needL1I;
  if (needEnt && needL1F && needL1I && exactL1) {
    // the common case, without branches in the loop
    const inv = 1 / total;
    for (let j = 0; j < k; j++) {
      const x = cnt[j];
      const i = idx[j];
      sumSq += x * x;
      max = x > max ? x : max;
      xlogx += x * (x < LOG_TABLE_SIZE ? logs[x] : detLog(x));
      const c = c1[i];
      l1f += Math.abs(x * n1 - c * total);
      sumC += c;
      const q = p[i];
      l1i += Math.abs(x * inv - q);
      sumP += q;
    }
  } else {
    for (let j = 0; j < k; j++) {
      const x = cnt[j];
      sumSq += x * x;
      if (x > max) max = x;
      if (needEnt) xlogx += x * (x < LOG_TABLE_SIZE ? logs[x] : detLog(x));
      const i = idx[j];
      if (needL1F) {
        const c = c1[i];
        l1f += exactL1 ? Math.abs(x * n1 - c * total) : Math.abs(x / total - c / n1);
        sumC += c;
      }
      if (needL1I) {
        const q = p[i];
        l1i += Math.abs(x / total - q);
        sumP += q;
      }
    }
  }
  traj[SIGMA][m] = sumSq / (total * total);
  traj[MAXP][m] = max / total;
  const collapsed = max === total;
  traj[COLL][m] = collapsed ? 1 : 0;
  traj[SUPP][m] = k;
  if (needEnt) {
    const h = collapsed ? 0 : detLog(total) - xlogx / total;
    traj[ENT][m] = h > 0 ? h : 0;
  }
  if (needL1F) {
    traj[L1F][m] = exactL1 ? (l1f + total * (n1 - sumC)) / (total * n1) : l1f + (n1 - sumC) / n1;
  }
  if (needL1I) traj[L1I][m] = l1i + (ctx.totalP - sumP);
  if (collapsed && ctx.collapseTime === null) {
    ctx.collapseTime = m;
    ctx.collapseToken = idx[0];
  }
  if (!collapsed) {
    ctx.streakStart = null;
    ctx.streakToken = -1;
  } else if (ctx.streakStart === null || ctx.streakToken !== idx[0]) {
    ctx.streakStart = m;
    ctx.streakToken = idx[0];
  }
  if (ctx.keepDistributions) {
    const d = new Float64Array(ctx.s);
    for (let j = 0; j < k; j++) d[idx[j]] = cnt[j] / total;
    (ctx.dists as Float64Array[])[m] = d;
  }
}

/** Records that the run is absorbed: p stays δ_i from the start of the current Dirac streak on. */
function markAbsorbed(ctx: Ctx): void {
  if (ctx.absorptionTime === null) ctx.absorptionTime = ctx.streakStart;
}

/** Generation-0 metrics of p itself (l1FromFirst[0] is set after generation 1); computed once, copied per run. */
function measureInitial(ctx: Ctx): void {
  if (ctx.initial === null) {
    computeInitial(ctx);
    ctx.initial = ctx.traj.map((t) => t[0]);
  }
  for (let q = 0; q < NMETRICS; q++) ctx.traj[q][0] = ctx.initial[q];
  if (ctx.keepDistributions) (ctx.dists as Float64Array[])[0] = ctx.p;
}

function computeInitial(ctx: Ctx): void {
  const { traj, w0, totalP } = ctx;
  let max = 0;
  for (let j = 0; j < w0.length; j++) if (w0[j] > max) max = w0[j];
  traj[SIGMA][0] = sigmaUnchecked(w0) / (totalP * totalP);
  traj[MAXP][0] = max / totalP;
  traj[COLL][0] = max === totalP ? 1 : 0;
  traj[SUPP][0] = w0.length;
  if (ctx.needEntropy) {
    let h = 0;
    for (let j = 0; j < w0.length; j++) {
      const q = w0[j] / totalP;
      h -= q * detLog(q);
    }
    traj[ENT][0] = h > 0 ? h : 0;
  }
  traj[L1I][0] = 0;
}

/** Records p^(1) (dense counts) for the L1 distance to the first generation. */
function setFirst(ctx: Ctx, model: Sparse): void {
  for (let j = 0; j < model.k; j++) ctx.c1[model.idx[j]] = model.cnt[j];
  ctx.n1 = model.total;
}

function clearFirst(ctx: Ctx, model: Sparse | null): void {
  if (model !== null) for (let j = 0; j < model.k; j++) ctx.c1[model.idx[j]] = 0;
  ctx.n1 = 0;
}

/** After generation 1: ‖p^(0) − p^(1)‖₁ is the same number as ‖p^(1) − p^(0)‖₁. */
function finishGenerationOne(ctx: Ctx): void {
  if (ctx.needL1F) {
    if (ctx.needL1I) ctx.traj[L1F][0] = ctx.traj[L1I][1];
    else {
      // l1FromInitial not requested: compute ‖p − p^(1)‖₁ directly.
      let s = 0;
      for (let i = 0; i < ctx.s; i++) s += Math.abs(ctx.c1[i] / ctx.n1 - ctx.p[i]);
      ctx.traj[L1F][0] = s;
    }
  }
}

/** Copies the metrics of generation m to generations m+1…G (absorbed run). */
function fillFrom(ctx: Ctx, m: number): void {
  for (let q = 0; q < NMETRICS; q++) {
    if (!ctx.want[q]) continue;
    const t = ctx.traj[q];
    t.fill(t[m], m + 1, ctx.G + 1);
  }
  if (ctx.keepDistributions) {
    const d = ctx.dists as Float64Array[];
    for (let g = m + 1; g <= ctx.G; g++) d[g] = d[m];
  }
}

// ---------------------------------------------------------------------------
// Progress, cancellation, accumulation.

/** Called after each simulated (or filled) generation; returns true to stop. */
function tick(ctx: Ctx, units: number): boolean {
  ctx.done += units;
  if (ctx.onProgress !== undefined && ctx.done < ctx.R * ctx.G) {
    const percent = Math.floor((ctx.done * 100) / (ctx.R * ctx.G));
    if (percent > ctx.nextReport) {
      ctx.nextReport = percent;
      ctx.onProgress(ctx.done / (ctx.R * ctx.G));
    }
  }
  if (ctx.signal !== undefined && ctx.signal.aborted) {
    ctx.aborted = true;
    return true;
  }
  return false;
}

function foldRun(ctx: Ctx, upTo: number): void {
  const c = ++ctx.count;
  for (let q = 0; q < NMETRICS; q++) {
    if (!ctx.want[q]) continue;
    const t = ctx.traj[q];
    const mean = ctx.mean[q];
    const m2 = ctx.m2[q];
    for (let g = 0; g <= upTo; g++) {
      const x = t[g];
      const d = x - mean[g];
      mean[g] += d / c;
      m2[g] += d * (x - mean[g]);
    }
    if (ctx.keepMetrics) ctx.keptRuns[q].push(t.slice(0, upTo + 1));
  }
  if (ctx.keepDistributions) ctx.keptDists.push((ctx.dists as Float64Array[]).slice(0, upTo + 1));
}

// ---------------------------------------------------------------------------
// Engines. Each simulates one run (generations 1…G), calling measure() for
// every generation and tick() after it; returns the last generation computed
// (G, or less when aborted) and the generation after which the run was absorbed.

interface RunOutcome {
  last: number;
  stoppedAt: number | null;
}

function compactInto(src: Float64Array, k: number, fromIdx: ArrayLike<number>, idx: Int32Array, cnt: Float64Array): number {
  let kk = 0;
  for (let j = 0; j < k; j++) {
    const x = src[j];
    if (x > 0) {
      idx[kk] = fromIdx[j];
      cnt[kk] = x;
      kk++;
    }
  }
  return kk;
}

/**
 * The chain engine: generation 1 = n1 samples of p, generation m ≥ 2 = n
 * samples of p^(m−1) (Fully Synthetic; Most Recent with K = 1). Double
 * buffers on the shrinking support; absorbed at the first Dirac.
 */
function* runChain(ctx: Ctx, rng: Rng, n1: number, n: number): Generator<void, RunOutcome, void> {
  const cap = ctx.supp0.length;
  let idxA = new Int32Array(cap);
  let cntA = new Float64Array(cap);
  let idxB = new Int32Array(cap);
  let cntB = new Float64Array(cap);
  const scratch = ctx.scratch;
  sampleMultinomialUnchecked(n1, ctx.w0, rng, scratch.subarray(0, cap));
  let k = compactInto(scratch, cap, ctx.supp0, idxA, cntA);
  const first: Sparse = { idx: idxA.slice(0, k), cnt: cntA.slice(0, k), k, total: n1 };
  setFirst(ctx, first);
  let stoppedAt: number | null = null;
  let last = 0;
  try {
    measure(ctx, 1, idxA, cntA, k, n1);
    finishGenerationOne(ctx);
    if (k === 1) markAbsorbed(ctx);
    last = 1;
    if (tick(ctx, 1)) return { last, stoppedAt };
    yield;
    for (let m = 2; m <= ctx.G; m++) {
      if (k === 1 && ctx.earlyStop) {
        stoppedAt = m - 1;
        fillFrom(ctx, m - 1);
        last = ctx.G;
        tick(ctx, ctx.G - m + 1);
        return { last, stoppedAt };
      }
      sampleMultinomialUnchecked(n, cntA.subarray(0, k), rng, scratch.subarray(0, k));
      const kk = compactInto(scratch, k, idxA, idxB, cntB);
      measure(ctx, m, idxB, cntB, kk, n);
      if (kk === 1) markAbsorbed(ctx);
      last = m;
      const ti = idxA;
      const tc = cntA;
      idxA = idxB;
      cntA = cntB;
      idxB = ti;
      cntB = tc;
      k = kk;
      if (tick(ctx, 1)) return { last, stoppedAt };
      yield;
    }
    return { last, stoppedAt };
  } finally {
    clearFirst(ctx, first);
  }
}

/**
 * The pool engine (Accumulate and Accumulate-subsample with both sample
 * modes 'reuse'): the pool P (real corpus plus every model's n samples) is
 * kept as counts on supp(corpus) — it never grows beyond it; generation m is
 * P itself (accumulate) or a uniform subsample without replacement of it.
 */
function* runPool(ctx: Ctx, rng: Rng, N: number, n: number, size: number | null): Generator<void, RunOutcome, void> {
  const cap = ctx.supp0.length;
  const scratch = ctx.scratch;
  sampleMultinomialUnchecked(N, ctx.w0, rng, scratch.subarray(0, cap));
  const poolIdx = new Int32Array(cap);
  const poolCnt = new Float64Array(cap);
  const kp = compactInto(scratch, cap, ctx.supp0, poolIdx, poolCnt);
  const pIdx = poolIdx.subarray(0, kp);
  const pCnt = poolCnt.subarray(0, kp);
  let poolTotal = N;
  const x = new Float64Array(kp); // generation m on the pool's positions
  const mIdx = new Int32Array(kp);
  const mCnt = new Float64Array(kp);
  const draw = new Float64Array(kp);
  let first: Sparse | null = null;
  let last = 0;
  try {
    for (let m = 1; m <= ctx.G; m++) {
      let total: number;
      if (size === null || size >= poolTotal) {
        x.set(pCnt);
        total = poolTotal;
      } else {
        subsampleCounts(pCnt, kp, poolTotal, size, rng, x);
        total = size;
      }
      const k = compactInto(x, kp, pIdx, mIdx, mCnt);
      if (m === 1) {
        first = { idx: mIdx.slice(0, k), cnt: mCnt.slice(0, k), k, total };
        setFirst(ctx, first);
      }
      measure(ctx, m, mIdx, mCnt, k, total);
      if (m === 1) finishGenerationOne(ctx);
      if (kp === 1) markAbsorbed(ctx);
      last = m;
      if (m < ctx.G && n > 0) {
        // model m generates its n samples once; they join the pool.
        sampleMultinomialUnchecked(n, x, rng, draw);
        for (let j = 0; j < kp; j++) pCnt[j] += draw[j];
        poolTotal += n;
      }
      if (tick(ctx, 1)) break;
      yield;
    }
    return { last, stoppedAt: null };
  } finally {
    clearFirst(ctx, first);
  }
}

interface Source extends Sparse {
  /** Reuse dataset ('constant' / 'subset'): counts on its support; dLen = its length (0: not drawn yet). */
  data: Sparse | null;
  /** Reuse sequence ('prefix'): tokens y_1, y_2, … (global indices). */
  tokens: Int32Array | null;
  tLen: number;
}

function sampleCompact(ctx: Ctx, rng: Rng, count: number, src: Sparse): Sparse {
  const out = ctx.scratch.subarray(0, src.k);
  sampleMultinomialUnchecked(count, src.cnt.subarray(0, src.k), rng, out);
  let kk = 0;
  for (let j = 0; j < src.k; j++) if (out[j] > 0) kk++;
  const idx = new Int32Array(kk);
  const cnt = new Float64Array(kk);
  compactInto(out, src.k, src.idx, idx, cnt);
  return { idx, cnt, k: kk, total: count };
}

function addSparse(ctx: Ctx, idx: ArrayLike<number>, cnt: ArrayLike<number>, k: number): void {
  const { acc, mark, touched } = ctx;
  let nt = ctx.nTouched;
  for (let j = 0; j < k; j++) {
    const x = cnt[j];
    if (x === 0) continue;
    const i = idx[j];
    if (mark[i] === 0) {
      mark[i] = 1;
      touched[nt++] = i;
    }
    acc[i] += x;
  }
  ctx.nTouched = nt;
}

interface Ctx {
  nTouched: number;
  /** Generation-0 metrics (the same for every run except l1FromFirst). */
  initial: number[] | null;
}

function contribute(ctx: Ctx, rng: Rng, plan: Plan, t: number, c: number, src: Source): void {
  const mode = t === 0 ? plan.realMode : plan.synthMode;
  if (mode === 'fresh') {
    const out = ctx.scratch.subarray(0, src.k);
    sampleMultinomialUnchecked(c, src.cnt.subarray(0, src.k), rng, out);
    addSparse(ctx, src.idx, out, src.k);
    return;
  }
  if (plan.reuse === 'prefix') {
    if (src.tLen < c) {
      if (src.tokens === null || src.tokens.length < c) {
        const grown = new Int32Array(Math.max(c, src.tokens === null ? 0 : 2 * src.tokens.length));
        if (src.tokens !== null) grown.set(src.tokens.subarray(0, src.tLen));
        src.tokens = grown;
      }
      const from = src.tLen;
      const out = ctx.scratch.subarray(0, src.k);
      sampleMultinomialUnchecked(c - from, src.cnt.subarray(0, src.k), rng, out);
      let pos = from;
      for (let j = 0; j < src.k; j++) {
        const i = src.idx[j];
        for (let r = out[j]; r > 0; r--) src.tokens[pos++] = i;
      }
      shuffleRange(src.tokens, from, c, rng);
      src.tLen = c;
    }
    const tokens = src.tokens as Int32Array;
    const { acc, mark, touched } = ctx;
    let nt = ctx.nTouched;
    for (let l = 0; l < c; l++) {
      const i = tokens[l];
      if (mark[i] === 0) {
        mark[i] = 1;
        touched[nt++] = i;
      }
      acc[i] += 1;
    }
    ctx.nTouched = nt;
    return;
  }
  if (plan.reuse === 'constant') {
    if (src.data === null) src.data = sampleCompact(ctx, rng, c, src);
    else if (src.data.total !== c) throw new Error(`internal: constant reuse of source ${t} with ${c} ≠ ${src.data.total} samples`);
    addSparse(ctx, src.data.idx, src.data.cnt, src.data.k);
    return;
  }
  // 'subset': a uniformly random subset of the source's stored dataset
  if (src.data === null) src.data = sampleCompact(ctx, rng, plan.datasetLength(t), src);
  const d = src.data;
  const out = ctx.scratch.subarray(0, d.k);
  subsampleCounts(d.cnt, d.k, d.total, c, rng, out);
  addSparse(ctx, d.idx, out, d.k);
}

/** The generic engine: any schedule, sources kept as long as the plan's window needs them. */
function* runGeneric(ctx: Ctx, rng: Rng, plan: Plan): Generator<void, RunOutcome, void> {
  if (ctx.acc.length !== ctx.s) {
    ctx.acc = new Float64Array(ctx.s);
    ctx.mark = new Uint8Array(ctx.s);
    ctx.touched = new Int32Array(ctx.s);
  }
  const source0: Source = {
    idx: ctx.supp0,
    cnt: ctx.w0,
    k: ctx.supp0.length,
    total: ctx.totalP,
    data: null,
    tokens: null,
    tLen: 0,
  };
  const sources: (Source | undefined)[] = [source0];
  const reqT: number[] = [];
  const reqK: number[] = [];
  let first: Sparse | null = null;
  let last = 0;
  try {
    for (let m = 1; m <= ctx.G; m++) {
      const nreq = plan.requests(m, rng, reqT, reqK);
      ctx.nTouched = 0;
      let total = 0;
      for (let q = 0; q < nreq; q++) {
        const t = reqT[q];
        const src = sources[t];
        if (src === undefined) throw new Error(`internal: source ${t} requested at generation ${m} but released`);
        contribute(ctx, rng, plan, t, reqK[q], src);
        total += reqK[q];
      }
      const nt = ctx.nTouched;
      const idx = new Int32Array(nt);
      const cnt = new Float64Array(nt);
      for (let j = 0; j < nt; j++) {
        const i = ctx.touched[j];
        idx[j] = i;
        cnt[j] = ctx.acc[i];
        ctx.acc[i] = 0;
        ctx.mark[i] = 0;
      }
      const model: Source = { idx, cnt, k: nt, total, data: null, tokens: null, tLen: 0 };
      sources[m] = model;
      if (m === 1) {
        first = model;
        setFirst(ctx, model);
      }
      measure(ctx, m, idx, cnt, nt, total);
      if (m === 1) finishGenerationOne(ctx);
      last = m;
      // release sources that no later generation can request
      if (plan.window !== Infinity) {
        const old = m + 1 - plan.window - 1;
        if (old >= 1) sources[old] = undefined;
      }
      const isAbsorbed = nt === 1 && ctx.absorptionTime === null && absorbed(plan, sources, m);
      if (isAbsorbed) markAbsorbed(ctx);
      if (ctx.earlyStop && m < ctx.G && (isAbsorbed || (nt === 1 && absorbed(plan, sources, m)))) {
        fillFrom(ctx, m);
        tick(ctx, ctx.G - m + 1);
        return { last: ctx.G, stoppedAt: m };
      }
      if (tick(ctx, 1)) break;
      yield;
    }
    return { last, stoppedAt: null };
  } finally {
    clearFirst(ctx, first);
  }
}

/**
 * True when every source that a generation after m may use is the same Dirac
 * mass δ_i, so every later generation is δ_i: no real data after m and the
 * last `window` models all equal δ_i.
 */
function absorbed(plan: Plan, sources: (Source | undefined)[], m: number): boolean {
  if (plan.window === Infinity || plan.lastReal > m) return false;
  let token = -1;
  for (let t = Math.max(1, m + 1 - plan.window); t <= m; t++) {
    const src = sources[t];
    if (src === undefined || src.k !== 1) return false;
    if (token === -1) token = src.idx[0];
    else if (src.idx[0] !== token) return false;
  }
  return token !== -1;
}

// ---------------------------------------------------------------------------
// Validation, memory estimate, drivers.

interface Prepared {
  ctx: Ctx;
  metricNames: MetricName[];
  memoryEstimate: number;
  engine: (ctx: Ctx, rng: Rng) => Generator<void, RunOutcome, void>;
}

function prepare(options: unknown): Prepared {
  const o = checkOptions<SimulateOptions>('options', options);
  const p = checkProbabilityVector('p', o.p);
  const schedule = checkSchedule(o.schedule);
  const G = checkInteger('generations', o.generations, { min: 1, max: 2 ** 31 - 1 });
  const R = o.runs === undefined ? 100 : checkInteger('runs', o.runs, { min: 1, max: 2 ** 31 - 1 });
  const seed = checkInteger('seed', o.seed, { min: 0, max: MAX_SEED });
  const level = o.level === undefined ? DEFAULT_CONFIDENCE_LEVEL : checkNumber('level', o.level, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
  let metricNames: MetricName[] = METRIC_NAMES.slice();
  if (o.metrics !== undefined) {
    if (!Array.isArray(o.metrics)) throw new ParameterTypeError('metrics', o.metrics, `an array of metric names (${METRIC_NAMES.join(', ')})`);
    if (o.metrics.length === 0) throw new ParameterRangeError('metrics', o.metrics, 'a non-empty array of metric names');
    metricNames = [];
    for (let i = 0; i < o.metrics.length; i++) {
      const name = checkEnum(`metrics[${i}]`, o.metrics[i], METRIC_NAMES);
      if (!metricNames.includes(name)) metricNames.push(name);
    }
  }
  let keep: 'none' | 'metrics' | 'distributions' = 'none';
  if (o.keepRuns !== undefined && o.keepRuns !== false) {
    if (o.keepRuns === true) keep = 'metrics';
    else keep = checkEnum('keepRuns', o.keepRuns, ['metrics', 'distributions'] as const);
  }
  const earlyStop = o.earlyStop === undefined ? true : checkBoolean('earlyStop', o.earlyStop);
  const memoryLimit = o.memoryLimit === undefined ? DEFAULT_MEMORY_LIMIT : checkNumber('memoryLimit', o.memoryLimit, { min: 0 });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new ParameterTypeError('onProgress', o.onProgress, 'a function (fraction: number) => void');
  }
  if (o.signal !== undefined && (typeof o.signal !== 'object' || o.signal === null || typeof (o.signal as AbortSignal).aborted !== 'boolean')) {
    throw new ParameterTypeError('signal', o.signal, 'an AbortSignal');
  }

  // The per-generation summaries alone take 7·3 + 6·metrics doubles per generation: refuse
  // before allocating or looping over G (a huge G would otherwise allocate gigabytes or hang).
  const summaryLowerBound = NMETRICS * (G + 1) * 8 * 3 + 6 * metricNames.length * (G + 1) * 8 + R * 48;
  if (summaryLowerBound > memoryLimit) {
    throw new MemoryLimitError(
      'generations',
      G,
      summaryLowerBound,
      memoryLimit,
      `the per-generation summaries alone take ${formatBytes(summaryLowerBound)} for ${G} generations and ${R} runs; use fewer generations or runs, or raise memoryLimit`,
    );
  }

  // training-set sizes n^(m)
  const totals = new Float64Array(G + 1);
  let maxTotal = 0;
  for (let m = 1; m <= G; m++) {
    const t = totalUnchecked(schedule, m);
    if (t < 1) throw new ParameterRangeError(`schedule total n^(${m})`, t, 'an integer >= 1 (every generation needs training samples)');
    if (t > MAX_TRAINING_SIZE) throw new ParameterRangeError(`schedule total n^(${m})`, t, `an integer <= ${MAX_TRAINING_SIZE}`);
    totals[m] = t;
    if (t > maxTotal) maxTotal = t;
  }

  const s = p.length;
  const supp0 = nonzeroIndices(p);
  const sTilde = supp0.length;
  const w0 = new Float64Array(sTilde);
  for (let j = 0; j < sTilde; j++) w0[j] = p[supp0[j]];

  // Engine selection.
  let engine: (ctx: Ctx, rng: Rng) => Generator<void, RunOutcome, void>;
  let windowModels: number;
  let tokenBytes = 0;
  const sch = schedule;
  if (sch.kind === 'fullySynthetic' || (sch.kind === 'mostRecent' && sch.K === 1)) {
    const n = sch.n;
    engine = (ctx, rng) => runChain(ctx, rng, n, n);
    windowModels = 2;
  } else if ((sch.kind === 'accumulate' || sch.kind === 'accumulateSubsample') && sch.realData === 'reuse' && sch.syntheticData === 'reuse') {
    const size = sch.kind === 'accumulateSubsample' ? sch.size : null;
    const { N, n } = sch;
    engine = (ctx, rng) => runPool(ctx, rng, N, n, size);
    windowModels = 4;
  } else {
    const plan = planFor(sch, G);
    engine = (ctx, rng) => runGeneric(ctx, rng, plan);
    windowModels = plan.window === Infinity ? G + 1 : plan.window + 2;
    if (plan.reuse === 'prefix') tokenBytes = 4 * (windowModels * Math.min(maxTotal, 2 ** 31));
    if (plan.reuse === 'subset' || plan.reuse === 'constant') windowModels *= 2; // datasets
  }

  // Memory estimate (bytes), refused up front when above the limit.
  const nm = metricNames.length;
  const modelBytes = 12 * Math.min(sTilde, maxTotal);
  const engineBytes = s * 29 + sTilde * 40 + windowModels * modelBytes + tokenBytes + LOG_TABLE_SIZE * 8;
  const summaryBytes = NMETRICS * (G + 1) * 8 * 3 + 6 * nm * (G + 1) * 8 + R * 48;
  const keepMetricBytes = keep === 'none' ? 0 : R * nm * (G + 1) * 8;
  const distBytes = keep === 'distributions' ? R * G * s * 8 : 0;
  const memoryEstimate = engineBytes + summaryBytes + keepMetricBytes + distBytes;
  if (memoryEstimate > memoryLimit) {
    if (distBytes > 0 && memoryEstimate - distBytes <= memoryLimit) {
      throw new MemoryLimitError(
        'keepRuns',
        o.keepRuns,
        memoryEstimate,
        memoryLimit,
        `every p^(m) of every run takes runs·generations·s·8 = ${formatBytes(distBytes)}; use keepRuns: 'metrics' (${formatBytes(R * nm * (G + 1) * 8)}) or fewer runs/generations, or raise memoryLimit`,
      );
    }
    if (keepMetricBytes > 0 && memoryEstimate - keepMetricBytes - distBytes <= memoryLimit) {
      throw new MemoryLimitError(
        'keepRuns',
        o.keepRuns,
        memoryEstimate,
        memoryLimit,
        `every run's metric trajectories take runs·metrics·(generations+1)·8 = ${formatBytes(keepMetricBytes)}; use keepRuns: false (summaries only) or fewer metrics, or raise memoryLimit`,
      );
    }
    throw new MemoryLimitError(
      'generations',
      G,
      memoryEstimate,
      memoryLimit,
      `the schedule keeps ${windowModels} models of up to ${Math.min(sTilde, maxTotal)} entries${tokenBytes > 0 ? ' and their sample sequences' : ''}; use fewer generations or a schedule with a bounded window, or raise memoryLimit`,
    );
  }

  const want = new Uint8Array(NMETRICS);
  for (const name of metricNames) want[METRIC_NAMES.indexOf(name)] = 1;
  const ctx: Ctx = {
    p,
    s,
    totalP: compensatedSum(p),
    supp0,
    w0,
    G,
    R,
    seed,
    schedule,
    totals,
    level,
    earlyStop,
    want,
    needEntropy: want[ENT] === 1,
    needL1F: want[L1F] === 1,
    needL1I: want[L1I] === 1,
    keepMetrics: keep !== 'none',
    keepDistributions: keep === 'distributions',
    onProgress: o.onProgress,
    signal: o.signal,
    c1: new Float64Array(s),
    acc: EMPTY_F64,
    mark: EMPTY_U8,
    touched: EMPTY_I32,
    scratch: new Float64Array(Math.max(1, sTilde)),
    logs: getLogTable(),
    n1: 0,
    traj: Array.from({ length: NMETRICS }, () => new Float64Array(G + 1)),
    dists: keep === 'distributions' ? new Array<Float64Array>(G + 1) : null,
    collapseTime: null,
    collapseToken: null,
    streakStart: null,
    streakToken: -1,
    absorptionTime: null,
    count: 0,
    mean: Array.from({ length: NMETRICS }, (_, q) => new Float64Array(want[q] ? G + 1 : 0)),
    m2: Array.from({ length: NMETRICS }, (_, q) => new Float64Array(want[q] ? G + 1 : 0)),
    keptRuns: Array.from({ length: NMETRICS }, () => []),
    keptDists: [],
    collapseTimes: [],
    collapseTokens: [],
    absorptionTimes: [],
    stoppedAt: [],
    done: 0,
    nextReport: 0,
    aborted: false,
    partial: null,
    nTouched: 0,
    initial: null,
  };
  return { ctx, metricNames, memoryEstimate, engine };
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ParameterTypeError(name, value, 'a boolean');
  return value;
}

/** Simulates run r, yielding after each generation; returns false when aborted. */
function* simulateRun(prep: Prepared, r: number): Generator<void, boolean, void> {
  const { ctx, engine } = prep;
  ctx.collapseTime = null;
  ctx.collapseToken = null;
  ctx.streakStart = null;
  ctx.streakToken = -1;
  ctx.absorptionTime = null;
  if (ctx.keepDistributions) ctx.dists = new Array<Float64Array>(ctx.G + 1);
  measureInitial(ctx);
  const rng = runRngUnchecked(ctx.seed, r);
  const { last, stoppedAt } = yield* engine(ctx, rng);
  if (last === ctx.G) {
    foldRun(ctx, ctx.G);
    ctx.collapseTimes.push(ctx.collapseTime);
    ctx.collapseTokens.push(ctx.collapseToken);
    ctx.absorptionTimes.push(ctx.absorptionTime);
    ctx.stoppedAt.push(stoppedAt);
    return !ctx.aborted;
  }
  // aborted inside the run: keep it only if no run has completed
  if (ctx.count === 0 && last >= 1) {
    foldRun(ctx, last);
    ctx.collapseTimes.push(ctx.collapseTime);
    ctx.collapseTokens.push(ctx.collapseToken);
    ctx.absorptionTimes.push(ctx.absorptionTime);
    ctx.stoppedAt.push(null);
    ctx.partial = { generations: last };
  }
  return false;
}

function finish<M extends MetricName>(prep: Prepared): SimulationResult<M> {
  const { ctx, metricNames } = prep;
  if (ctx.count === 0) {
    const reason = ctx.signal?.reason;
    throw reason !== undefined ? reason : new Error('simulation aborted before any generation completed');
  }
  const G = ctx.partial === null ? ctx.G : ctx.partial.generations;
  const metrics = {} as { [K in M]: MetricTrajectory };
  for (const name of metricNames) {
    const q = METRIC_NAMES.indexOf(name);
    const mean = ctx.mean[q].slice(0, G + 1);
    const m2 = ctx.m2[q];
    const lower = new Float64Array(G + 1);
    const upper = new Float64Array(G + 1);
    const sd = new Float64Array(G + 1);
    const tc = ctx.count >= 2 ? criticalT(ctx.level, ctx.count - 1) : Infinity;
    for (let g = 0; g <= G; g++) {
      const half = ctx.count < 2 ? Infinity : m2[g] > 0 ? (tc * Math.sqrt(m2[g] / (ctx.count - 1))) / Math.sqrt(ctx.count) : 0;
      lower[g] = half === 0 ? mean[g] : mean[g] - half;
      upper[g] = half === 0 ? mean[g] : mean[g] + half;
      sd[g] = ctx.count < 2 || !(m2[g] > 0) ? 0 : Math.sqrt(m2[g] / (ctx.count - 1));
    }
    const traj: MetricTrajectory = { mean, lower, upper, sd };
    if (ctx.keepMetrics) traj.runs = ctx.keptRuns[q];
    (metrics as Record<string, MetricTrajectory>)[name] = traj;
  }
  const result: SimulationResult<M> = {
    metrics,
    collapseTimes: ctx.collapseTimes,
    collapseTokens: ctx.collapseTokens,
    collapse: summarizeCollapseTimes(ctx.collapseTimes, { horizon: G, level: ctx.level }),
    absorptionTimes: ctx.absorptionTimes,
    absorption: summarizeCollapseTimes(ctx.absorptionTimes, { horizon: G, level: ctx.level }),
    seed: ctx.seed,
    runs: ctx.count,
    runsRequested: ctx.R,
    generations: G,
    generationsRequested: ctx.G,
    level: ctx.level,
    schedule: ctx.schedule,
    totals: ctx.totals.slice(0, G + 1),
    s: ctx.s,
    support: ctx.supp0.length,
    stoppedAt: ctx.stoppedAt,
    stoppedEarly: ctx.stoppedAt.filter((x) => x !== null).length,
    aborted: ctx.aborted,
    memoryEstimate: prep.memoryEstimate,
  };
  if (ctx.keepDistributions) result.distributions = ctx.keptDists;
  return withDisplay(result, 'simulation', null);
}

/**
 * Monte Carlo simulation of recursive training (eq. 5) under a schedule
 * (§2.2 Fully/Partially Synthetic, §4.2 Most Recent Models and Randomly
 * Sampled Data, Accumulate, custom): R independent runs of generations
 * m = 1…G, each p^(m) the empirical distribution of its n^(m) training
 * samples drawn as the schedule says (see `src/theory/schedules.ts` for the
 * exact semantics of each schedule and of the `'reuse'`/`'fresh'` modes).
 *
 * Returns, for each requested metric, the per-generation mean over runs with a
 * two-sided Student-t confidence interval (`level`, default 95 %; (−∞, ∞) with
 * one run, a point with zero variance) — `result.metrics.sigma.mean[m]`,
 * `.lower[m]`, `.upper[m]`, m = 0…G, m = 0 being p itself — and the collapse
 * times T of every run (null when censored at G) with their summary.
 *
 * Run r uses the stream `runRng(seed, r)` (MT19937 `init_by_array([seed, r])`),
 * so results replay bit for bit (Node, Deno), any run can be replayed alone
 * and the first k runs of a simulation equal a simulation with `runs: k`.
 * Memory is O(G·metrics) for the summaries plus O(s + window·s̃) for the
 * models the schedule still needs; per-run trajectories (O(R·G·metrics)) and
 * distributions (O(R·G·s)) are kept only on request, and a request whose estimate exceeds
 * `memoryLimit` is refused before any work with a {@link MemoryLimitError}.
 *
 * This function runs synchronously: `signal` is checked between generations,
 * which catches signals aborted before the call or from `onProgress`; use
 * {@link simulateAsync} to let timers and other events abort it.
 *
 * @param options - See {@link SimulateOptions}.
 * @returns The {@link SimulationResult}.
 * @throws {ParameterRangeError} / {ParameterTypeError} naming the parameter for invalid input.
 * @throws {MemoryLimitError} when the memory estimate exceeds `memoryLimit`.
 * @throws the signal's reason if it aborts before the first generation completed.
 *
 * @example
 * ```ts
 * import { fullySynthetic, fullySyntheticS, withDispersion } from 'model-collapse';
 * const p = withDispersion({ s: 600, support: 52, S0: 0.1 });
 * const result = simulate({ p, schedule: fullySynthetic({ n: 10 }), generations: 50, runs: 100, seed: 1 });
 * result.metrics.sigma.mean[0]; // => 0.1
 * // Theorem 1: S_1 = 1/n + (1 − 1/n)S0, inside the 95 % interval of the simulated mean σ_1
 * fullySyntheticS(1, { n: 10, S0: 0.1 }); // => 0.19
 * result.metrics.sigma.lower[1] < 0.19 && 0.19 < result.metrics.sigma.upper[1]; // => true
 * result.metrics.support.mean[50] < 52; // => true
 * result.collapseTimes.length; // => 100
 * result; // => { runs: 100, generations: 50, aborted: false, seed: 1 }
 * ```
 */
export function simulate<M extends MetricName = MetricName>(options: SimulateOptions<M>): SimulationResult<M> {
  const prep = prepare(options);
  const { ctx } = prep;
  if (ctx.signal?.aborted) ctx.aborted = true;
  for (let r = 0; r < ctx.R && !ctx.aborted; r++) {
    const it = simulateRun(prep, r);
    let step = it.next();
    while (!step.done) step = it.next();
    if (!step.value) break;
  }
  if (!ctx.aborted && ctx.onProgress !== undefined) ctx.onProgress(1);
  return finish<M>(prep);
}

/**
 * {@link simulate} that yields to the event loop (about every 10 ms of work,
 * between runs or generations), so that an `AbortSignal` aborted by a timer,
 * a user action or another task stops it; the result is the same object,
 * bit for bit, as `simulate` gives for the same options (when not aborted).
 *
 * @param options - See {@link SimulateOptions}.
 * @returns A promise of the {@link SimulationResult} (with `aborted: true` and
 *   the completed runs when the signal fired).
 * @throws as {@link simulate} (the promise rejects).
 *
 * @example
 * ```ts
 * import { mostRecent } from 'model-collapse';
 * const p = [0.5, 0.3, 0.2];
 * const a = await simulateAsync({ p, schedule: mostRecent({ n: 10, K: 2 }), generations: 20, runs: 5, seed: 3 });
 * const b = simulate({ p, schedule: mostRecent({ n: 10, K: 2 }), generations: 20, runs: 5, seed: 3 });
 * a.metrics.sigma.mean[20] === b.metrics.sigma.mean[20]; // => true
 * ```
 */
export async function simulateAsync<M extends MetricName = MetricName>(
  options: SimulateOptions<M>,
): Promise<SimulationResult<M>> {
  const prep = prepare(options);
  const { ctx } = prep;
  let lastYield = Date.now();
  if (ctx.signal?.aborted) ctx.aborted = true;
  for (let r = 0; r < ctx.R && !ctx.aborted; r++) {
    const it = simulateRun(prep, r);
    let step = it.next();
    while (!step.done) {
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastYield = Date.now();
      }
      step = it.next();
    }
    if (!step.value) break;
  }
  if (!ctx.aborted && ctx.onProgress !== undefined) ctx.onProgress(1);
  return finish<M>(prep);
}

/** Work between two yields of {@link simulateAsync} to the event loop (ms). */
const YIELD_EVERY_MS = 10;
