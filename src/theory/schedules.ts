/**
 * Recursive-training schedules as plain data: the counts n_t^(m) of eq. 5
 * (how many samples of source t train generation m) together with the rule
 * saying whether a source's samples are drawn once and reused by every
 * generation that takes them, or drawn afresh by each generation.
 *
 * ## Sources and the two sampling modes (the definition every engine follows)
 *
 * Source t = 0 is the real data, drawn from the true distribution p = p^(0);
 * source t ≥ 1 is the model p^(t). Generation m ≥ 1 is the empirical
 * distribution of its training set (eq. 5):
 * p^(m) = (1/n^(m)) Σ_{t<m} Σ_{l ≤ n_t^(m)} y_l^(t), n^(m) = Σ_t n_t^(m).
 *
 * - `'reuse'` (a source's samples are a dataset): source t has ONE i.i.d.
 *   sequence y_1^(t), y_2^(t), … ~ p^(t), drawn once per run; generation m
 *   trains on its first n_t^(m) elements. Two generations that both take
 *   samples of source t share min(n_t^(m), n_t^(m')) of them. This is eq. 5
 *   read literally: the samples y_l^(t) carry no index m.
 * - `'fresh'`: generation m draws its own n_t^(m) new i.i.d. samples from
 *   p^(t), independent (given p^(t)) of every other draw.
 *
 * `realData` is the mode of source 0 (`'reuse'` = one fixed real corpus, as in
 * the paper's proofs of Theorems 2–4), `syntheticData` the mode of every
 * source t ≥ 1. The two modes differ only when some source trains more than
 * one generation: for {@link fullySynthetic} they are equivalent, for
 * {@link partiallySynthetic} only `realData` matters.
 *
 * Defaults: `realData: 'reuse'` everywhere (§2.2: "we do not generate samples
 * from p but rather we are given a corpus"); `syntheticData: 'fresh'` for the
 * two §4.2 schedules ({@link mostRecent}, {@link randomlySampled}) — the only
 * reading under which the paper's remark that a Dirac p^(m) "could still
 * regain randomness from models before generation m" is possible — and
 * `'reuse'` for {@link accumulate} / {@link accumulateSubsample} (the data
 * accumulate: that is their definition) and {@link customSchedule}.
 *
 * @module
 */
import { checkEnum, checkInteger, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';

/** How the samples of one source are obtained by the generations that use it (see the module doc). */
export type SampleMode = 'reuse' | 'fresh';

/** Largest number of training samples of one generation, n^(m) ≤ 2^31 − 1 (counts are stored as 32-bit integers when kept). */
export const MAX_TRAINING_SIZE: number = 2147483647;

interface ScheduleModes {
  /** Mode of the real data (source t = 0): `'reuse'` = one fixed corpus, `'fresh'` = new draws from p. */
  realData: SampleMode;
  /** Mode of the synthetic data (sources t ≥ 1). */
  syntheticData: SampleMode;
}

/**
 * Fully Synthetic (§2.2): n_t^(m) = n·1{t = m − 1}; p^(1) is the empirical
 * distribution of n real samples, p^(m) that of n samples of p^(m−1).
 * Theorem 1: S_1 = 1/n + (1 − 1/n)S0. Every source trains exactly one
 * generation, so both sample modes give the same process.
 */
export interface FullySyntheticSchedule extends ScheduleModes {
  readonly kind: 'fullySynthetic';
  /** Samples per generation, n ≥ 1. */
  n: number;
}

/**
 * Partially Synthetic (§2.2, proofs of Theorems 2–4): n_0^(m) = N for every
 * m ≥ 1, n_{m−1}^(m) = n for m ≥ 2. With `realData: 'reuse'` (default) the
 * same corpus C of N real samples trains every generation:
 * p^(1) = C/N, p^(m) = (C + X^(m))/(N + n), X^(m) ~ Mult(n, p^(m−1)).
 */
export interface PartiallySyntheticSchedule extends ScheduleModes {
  readonly kind: 'partiallySynthetic';
  /** Real samples per generation, N ≥ 1. */
  N: number;
  /** Synthetic samples of the previous model per generation (m ≥ 2), n ≥ 0. */
  n: number;
}

/**
 * Most Recent Models (§4.2): each generation trains on the last min(m, K)
 * sources (t = 0 is the real data). `warmUp: 'spread'` (default):
 * n_t^(m) = ⌊n/min(m, K)⌋ for max(0, m − K) ≤ t ≤ m − 1, so every generation
 * trains on about n samples, as in the paper's Figure 6 (docs/errata.md, E3);
 * `warmUp: 'printed'`: n_t^(m) = ⌊n/K⌋ as printed in §4.2, so generations
 * m < K train on only m·⌊n/K⌋ samples (with n = K, p^(1) is one sample: a
 * Dirac mass). Both agree from m = K on. K = 1 is Fully Synthetic.
 */
export interface MostRecentSchedule extends ScheduleModes {
  readonly kind: 'mostRecent';
  /** Total samples per generation before the split, n ≥ K. */
  n: number;
  /** Window size K ≥ 1. */
  K: number;
  /** How generations m < K split their samples (see above). */
  warmUp: 'spread' | 'printed';
}

/**
 * Randomly Sampled Data (§4.2): n_t^(m) = #{i ≤ n : g_i = t} with g_1…g_n
 * i.i.d. uniform on {0, …, m − 1} (t = 0 the real data), drawn anew for every
 * generation; n^(m) = n.
 */
export interface RandomlySampledSchedule extends ScheduleModes {
  readonly kind: 'randomlySampled';
  /** Samples per generation, n ≥ 1. */
  n: number;
}

/**
 * Accumulate (Gerstgrasser et al. 2024): n_0^(m) = N, n_t^(m) = n for
 * 1 ≤ t ≤ m − 1; with the default `'reuse'` modes generation m trains on the
 * real corpus plus the n samples that each earlier model generated once:
 * n^(m) = N + (m − 1)n.
 */
export interface AccumulateSchedule extends ScheduleModes {
  readonly kind: 'accumulate';
  /** Real samples, N ≥ 1. */
  N: number;
  /** Samples generated by each model, n ≥ 0. */
  n: number;
}

/**
 * Accumulate-subsample: the pool of {@link AccumulateSchedule} (N real
 * samples plus n samples generated once by each model t = 1…m − 1), of which
 * generation m trains on `size` samples drawn uniformly WITHOUT replacement
 * (all of it while the pool is smaller): n^(m) = min(size, N + (m − 1)n).
 * The split over sources is then multivariate hypergeometric. With the
 * default `'reuse'` modes the subsample is taken from the stored samples (a
 * uniformly random subset of each source's dataset, not a prefix); with
 * `'fresh'` modes the per-source counts are drawn the same way but the
 * samples themselves are new draws from each source.
 */
export interface AccumulateSubsampleSchedule extends ScheduleModes {
  readonly kind: 'accumulateSubsample';
  /** Real samples, N ≥ 1. */
  N: number;
  /** Samples generated by each model, n ≥ 0. */
  n: number;
  /** Training-set size, ≥ 1 (default N). */
  size: number;
}

/**
 * Any deterministic n_t^(m): `counts(m, t)` for m ≥ 1 and 0 ≤ t ≤ m − 1.
 * Declaring `window` (n_t^(m) = 0 for 1 ≤ t < m − window) and
 * `lastRealGeneration` (n_0^(m) = 0 for m > lastRealGeneration) lets the
 * simulator free old models and stop runs that reached an absorbing Dirac
 * mass; the declarations are trusted (the simulator does not query `counts`
 * outside them; {@link scheduleCounts} checks them).
 */
export interface CustomSchedule extends ScheduleModes {
  readonly kind: 'custom';
  /** n_t^(m), a non-negative integer, deterministic; Σ_t n_t^(m) ≥ 1 for every m. */
  counts: (m: number, t: number) => number;
  /** Largest lag m − t (t ≥ 1) with n_t^(m) > 0, or undefined for no bound. */
  window?: number;
  /** Last generation that uses real data, or undefined for no bound. */
  lastRealGeneration?: number;
  /** Optional label, kept in results. */
  name?: string;
}

/** A recursive-training schedule (plain data; see the module documentation for the exact semantics). */
export type Schedule =
  | FullySyntheticSchedule
  | PartiallySyntheticSchedule
  | MostRecentSchedule
  | RandomlySampledSchedule
  | AccumulateSchedule
  | AccumulateSubsampleSchedule
  | CustomSchedule;

/** The sample-mode options every schedule constructor accepts. */
export interface SampleModeOptions {
  /** Mode of the real data (source 0); default `'reuse'` (one fixed corpus). */
  realData?: SampleMode;
  /**
   * Mode of the synthetic data (sources t ≥ 1); default `'fresh'` for
   * `mostRecent` and `randomlySampled`, `'reuse'` for the others.
   */
  syntheticData?: SampleMode;
}

const MODES = ['reuse', 'fresh'] as const;

function modes(o: SampleModeOptions, syntheticDefault: SampleMode = 'reuse'): ScheduleModes {
  return {
    realData: o.realData === undefined ? 'reuse' : checkEnum('realData', o.realData, MODES),
    syntheticData: o.syntheticData === undefined ? syntheticDefault : checkEnum('syntheticData', o.syntheticData, MODES),
  };
}

function size(name: string, value: unknown, min: number): number {
  return checkInteger(name, value, { min, max: MAX_TRAINING_SIZE });
}

/**
 * The Fully Synthetic schedule (§2.2, Theorem 1): n_t^(m) = n·1{t = m − 1}.
 *
 * @param options - `n` ≥ 1 samples per generation (and the sample modes, which make no difference here).
 * @returns The schedule as plain data.
 * @throws {ParameterRangeError} if `n` is not an integer in [1, 2^31 − 1].
 *
 * @example
 * ```ts
 * fullySynthetic({ n: 10 }); // => { kind: 'fullySynthetic', n: 10 }
 * scheduleCounts(fullySynthetic({ n: 10 }), 3); // => Float64Array [0, 0, 10]
 * ```
 */
export function fullySynthetic(options: { n: number } & SampleModeOptions): FullySyntheticSchedule {
  const o = checkOptions<{ n: number } & SampleModeOptions>('options', options);
  return { kind: 'fullySynthetic', n: size('n', o.n, 1), ...modes(o) };
}

/**
 * The Partially Synthetic schedule (§2.2, Theorems 2–4): every generation
 * trains on the N real samples plus (from m = 2 on) n samples of the previous
 * model. Default `realData: 'reuse'`: one fixed corpus C, so
 * p^(m) = (C + X^(m))/(N + n) with X^(m) ~ Mult(n, p^(m−1)), as in the proofs.
 *
 * @param options - `N` ≥ 1 real samples, `n` ≥ 0 synthetic samples, sample modes.
 * @returns The schedule as plain data.
 * @throws {ParameterRangeError} for `N` or `n` out of range or an unknown mode.
 *
 * @example
 * ```ts
 * const sched = partiallySynthetic({ N: 100, n: 10 });
 * sched.realData; // => 'reuse'
 * scheduleTotal(sched, 1); // => 100
 * scheduleTotal(sched, 2); // => 110
 * ```
 */
export function partiallySynthetic(options: { N: number; n: number } & SampleModeOptions): PartiallySyntheticSchedule {
  const o = checkOptions<{ N: number; n: number } & SampleModeOptions>('options', options);
  return { kind: 'partiallySynthetic', N: size('N', o.N, 1), n: size('n', o.n, 0), ...modes(o) };
}

/**
 * Most Recent Models (§4.2): n_t^(m) = ⌊n/K⌋·1{max(0, m − K) ≤ t ≤ m − 1}.
 * Default `syntheticData: 'fresh'`: each of the generations t + 1, …, t + K
 * draws its own ⌊n/K⌋ samples of model t. This is the reading the paper's
 * §4.2 remark requires ("even if p^(m) is some Dirac mass, p^(m+1) could still
 * regain randomness from models before generation m"): with `'reuse'` (model t
 * generates ⌊n/K⌋ samples once, shared by those K generations) the samples of
 * models m − K + 1…m − 1 that train p^(m+1) are part of p^(m)'s training set,
 * so a Dirac p^(m) (m ≥ K) could never be left. Real data: one corpus of
 * ⌊n/K⌋ samples shared by generations 1…K (§2.2: "we are given a corpus").
 *
 * @param options - `n` ≥ K, window `K` ≥ 1, sample modes.
 * @returns The schedule as plain data.
 * @throws {ParameterRangeError} for K < 1, n < K, or an unknown mode.
 *
 * @example
 * ```ts
 * const sched = mostRecent({ n: 10, K: 2 });
 * scheduleCounts(sched, 1); // => Float64Array [10]
 * scheduleCounts(sched, 4); // => Float64Array [0, 0, 5, 5]
 * scheduleCounts(mostRecent({ n: 10, K: 2, warmUp: 'printed' }), 1); // => Float64Array [5]
 * ```
 */
export function mostRecent(
  options: { n: number; K: number; warmUp?: 'spread' | 'printed' } & SampleModeOptions,
): MostRecentSchedule {
  const o = checkOptions<{ n: number; K: number; warmUp?: 'spread' | 'printed' } & SampleModeOptions>('options', options);
  const K = size('K', o.K, 1);
  const n = size('n', o.n, 1);
  if (n < K) throw new ParameterRangeError('n', n, `an integer >= K = ${K} (each of the K models contributes ⌊n/K⌋ >= 1 samples)`);
  const warmUp = o.warmUp === undefined ? 'spread' : checkEnum('warmUp', o.warmUp, ['spread', 'printed'] as const);
  return { kind: 'mostRecent', n, K, warmUp, ...modes(o, 'fresh') };
}

/** n_t^(m) of a Most Recent schedule for any t in its window. */
export function mostRecentShare(s: MostRecentSchedule, m: number): number {
  return Math.floor(s.n / (s.warmUp === 'spread' ? Math.min(m, s.K) : s.K));
}

/**
 * Randomly Sampled Data (§4.2): n_t^(m) = #{i : g_i = t}, g_1…g_n i.i.d.
 * uniform on {0, …, m − 1}. Default `syntheticData: 'fresh'` (each synthetic
 * sample is a new draw from model g_i, as for {@link mostRecent}), and
 * `realData: 'reuse'`: the real samples are the first n_0^(m) of one corpus.
 * With `realData: 'fresh'` too, p^(m) ~ Mult(n, (1/m)Σ_{t<m} p^(t))/n.
 * With `syntheticData: 'reuse'`, each model's samples form one sequence of
 * which generation m takes the first n_t^(m) (a literal "pool").
 *
 * @param options - `n` ≥ 1, sample modes.
 * @returns The schedule as plain data.
 * @throws {ParameterRangeError} if `n` is out of range or a mode is unknown.
 *
 * @example
 * ```ts
 * const sched = randomlySampled({ n: 10 });
 * scheduleTotal(sched, 7); // => 10
 * scheduleCounts(sched, 7); // => null
 * ```
 */
export function randomlySampled(options: { n: number } & SampleModeOptions): RandomlySampledSchedule {
  const o = checkOptions<{ n: number } & SampleModeOptions>('options', options);
  return { kind: 'randomlySampled', n: size('n', o.n, 1), ...modes(o, 'fresh') };
}

/**
 * Accumulate (Gerstgrasser et al. 2024): generation m trains on the N real
 * samples and the n samples generated by each model t = 1, …, m − 1:
 * n_0^(m) = N, n_t^(m) = n. With the default `'reuse'` modes these are the same
 * samples at every generation (the data accumulate).
 *
 * @param options - `N` ≥ 1, `n` ≥ 0, sample modes.
 * @returns The schedule as plain data.
 * @throws {ParameterRangeError} for out-of-range sizes or an unknown mode.
 *
 * @example
 * ```ts
 * scheduleCounts(accumulate({ N: 100, n: 10 }), 3); // => Float64Array [100, 10, 10]
 * ```
 */
export function accumulate(options: { N: number; n: number } & SampleModeOptions): AccumulateSchedule {
  const o = checkOptions<{ N: number; n: number } & SampleModeOptions>('options', options);
  return { kind: 'accumulate', N: size('N', o.N, 1), n: size('n', o.n, 0), ...modes(o) };
}

/**
 * Accumulate-subsample: the pool of {@link accumulate} (N real samples plus n
 * samples generated once by each model), of which generation m trains on
 * min(size, N + (m − 1)n) samples drawn uniformly without replacement.
 * Default `size` = N, the size of the first training set.
 *
 * @param options - `N` ≥ 1, `n` ≥ 0, `size` ≥ 1 (default N), sample modes.
 * @returns The schedule as plain data.
 * @throws {ParameterRangeError} for out-of-range sizes or an unknown mode.
 *
 * @example
 * ```ts
 * const sched = accumulateSubsample({ N: 100, n: 50, size: 120 });
 * scheduleTotal(sched, 1); // => 100
 * scheduleTotal(sched, 5); // => 120
 * ```
 */
export function accumulateSubsample(
  options: { N: number; n: number; size?: number } & SampleModeOptions,
): AccumulateSubsampleSchedule {
  const o = checkOptions<{ N: number; n: number; size?: number } & SampleModeOptions>('options', options);
  const N = size('N', o.N, 1);
  return {
    kind: 'accumulateSubsample',
    N,
    n: size('n', o.n, 0),
    size: o.size === undefined ? N : size('size', o.size, 1),
    ...modes(o),
  };
}

/** Options of {@link customSchedule}. */
export interface CustomScheduleOptions extends SampleModeOptions {
  /** n_t^(m) for m ≥ 1, 0 ≤ t ≤ m − 1: a deterministic non-negative integer. */
  counts: (m: number, t: number) => number;
  /** Largest lag m − t (t ≥ 1) with n_t^(m) > 0; lets old models be freed. */
  window?: number;
  /** Last generation m with n_0^(m) > 0; with `window`, lets absorbed runs stop early. */
  lastRealGeneration?: number;
  /** A label kept in results. */
  name?: string;
}

/**
 * Any schedule n_t^(m) of eq. 5, given as a function `counts(m, t)`. With the
 * default `'reuse'` modes generation m takes the first n_t^(m) samples of
 * source t's single sequence; with `'fresh'`, new draws. The simulator checks
 * every count it queries (a non-negative integer, n^(m) ≥ 1); it queries only
 * t = 0 (up to `lastRealGeneration`) and the declared `window`.
 *
 * @param options - `counts`, optional `window`, `lastRealGeneration`, `name`, sample modes.
 * @returns The schedule as plain data.
 * @throws {ParameterTypeError} if `counts` is not a function.
 * @throws {ParameterRangeError} for an invalid `window`, `lastRealGeneration` or mode.
 *
 * @example
 * ```ts
 * // the last two models, 5 samples each, and 10 real samples at every generation:
 * const sched = customSchedule({ counts: (m, t) => (t === 0 ? 10 : t >= m - 2 ? 5 : 0), window: 2 });
 * scheduleCounts(sched, 4); // => Float64Array [10, 0, 5, 5]
 * scheduleTotal(sched, 1); // => 10
 * ```
 */
export function customSchedule(options: CustomScheduleOptions): CustomSchedule {
  const o = checkOptions<CustomScheduleOptions>('options', options);
  if (typeof o.counts !== 'function') throw new ParameterTypeError('counts', o.counts, 'a function (m, t) => n_t^(m)');
  const out: CustomSchedule = { kind: 'custom', counts: o.counts, ...modes(o) };
  if (o.window !== undefined) out.window = checkInteger('window', o.window, { min: 1 });
  if (o.lastRealGeneration !== undefined) out.lastRealGeneration = checkInteger('lastRealGeneration', o.lastRealGeneration, { min: 0 });
  if (o.name !== undefined) {
    if (typeof o.name !== 'string') throw new ParameterTypeError('name', o.name, 'a string');
    out.name = o.name;
  }
  return out;
}

const KINDS = [
  'fullySynthetic',
  'partiallySynthetic',
  'mostRecent',
  'randomlySampled',
  'accumulate',
  'accumulateSubsample',
  'custom',
] as const;

/**
 * Validates a schedule given as plain data (e.g. hand-written or parsed from
 * JSON) and returns a normalised copy with defaults filled in.
 *
 * @internal used by the simulator; the constructors already return valid schedules.
 */
export function checkSchedule(value: unknown): Schedule {
  const o = checkOptions<Record<string, unknown>>('schedule', value);
  const kind = checkEnum('schedule.kind', o.kind, KINDS);
  switch (kind) {
    case 'fullySynthetic':
      return fullySynthetic(o as never);
    case 'partiallySynthetic':
      return partiallySynthetic(o as never);
    case 'mostRecent':
      return mostRecent(o as never);
    case 'randomlySampled':
      return randomlySampled(o as never);
    case 'accumulate':
      return accumulate(o as never);
    case 'accumulateSubsample':
      return accumulateSubsample(o as never);
    case 'custom':
      return customSchedule(o as never);
  }
}

/**
 * Checks one count returned by a custom schedule.
 *
 * @internal
 */
export function checkCustomCount(schedule: CustomSchedule, m: number, t: number, value: unknown): number {
  const name = `counts(${m}, ${t})`;
  if (typeof value !== 'number') throw new ParameterTypeError(name, value, 'a non-negative integer');
  if (!Number.isInteger(value) || value < 0 || value > MAX_TRAINING_SIZE) {
    throw new ParameterRangeError(name, value, `an integer in [0, ${MAX_TRAINING_SIZE}]`);
  }
  if (value > 0) {
    if (t === 0 && schedule.lastRealGeneration !== undefined && m > schedule.lastRealGeneration) {
      throw new ParameterRangeError(name, value, `0 (the schedule declares lastRealGeneration = ${schedule.lastRealGeneration})`);
    }
    if (t >= 1 && schedule.window !== undefined && m - t > schedule.window) {
      throw new ParameterRangeError(name, value, `0 (the schedule declares window = ${schedule.window})`);
    }
  }
  return value;
}

/** Largest m of {@link scheduleCounts}: its result is a vector of m doubles (800 MB at 10^8). */
const MAX_COUNTS_GENERATION = 1e8;

/**
 * The counts n_t^(m), t = 0…m − 1, of eq. 5 for a schedule whose counts are
 * deterministic, or `null` for the schedules whose counts are random
 * ({@link randomlySampled}, and {@link accumulateSubsample} once the pool
 * exceeds `size`).
 *
 * @param schedule - A schedule.
 * @param m - Generation, an integer in [1, 10^8] (the result is a vector of m doubles).
 * @returns A `Float64Array` of length m (index t), or `null`.
 * @throws {ParameterRangeError} / {ParameterTypeError} for an invalid schedule or m.
 *
 * @example
 * ```ts
 * scheduleCounts(partiallySynthetic({ N: 100, n: 10 }), 3); // => Float64Array [100, 0, 10]
 * scheduleCounts(mostRecent({ n: 9, K: 3 }), 2); // => Float64Array [4, 4]
 * scheduleCounts(mostRecent({ n: 9, K: 3, warmUp: 'printed' }), 2); // => Float64Array [3, 3]
 * ```
 */
export function scheduleCounts(schedule: Schedule, m: number): Float64Array | null {
  const s = checkSchedule(schedule);
  const gen = checkInteger('m', m, { min: 1, max: MAX_COUNTS_GENERATION });
  const out = new Float64Array(gen);
  switch (s.kind) {
    case 'fullySynthetic':
      out[gen - 1] = s.n;
      return out;
    case 'partiallySynthetic':
      out[0] = s.N;
      if (gen >= 2) out[gen - 1] = s.n;
      return out;
    case 'mostRecent': {
      const c = mostRecentShare(s, gen);
      for (let t = Math.max(0, gen - s.K); t < gen; t++) out[t] = c;
      return out;
    }
    case 'randomlySampled':
      return null;
    case 'accumulate':
      out[0] = s.N;
      for (let t = 1; t < gen; t++) out[t] = s.n;
      return out;
    case 'accumulateSubsample':
      if (s.N + (gen - 1) * s.n > s.size) return null;
      out[0] = s.N;
      for (let t = 1; t < gen; t++) out[t] = s.n;
      return out;
    case 'custom':
      for (let t = 0; t < gen; t++) out[t] = checkCustomCount(s, gen, t, s.counts(gen, t));
      return out;
  }
}

/**
 * The training-set size n^(m) = Σ_t n_t^(m) of generation m (deterministic for
 * every schedule, including the random splits).
 *
 * @param schedule - A schedule.
 * @param m - Generation, an integer ≥ 1.
 * @returns n^(m).
 * @throws {ParameterRangeError} / {ParameterTypeError} for an invalid schedule or m (for a custom
 *   schedule, at most 10^8 counts are queried: m ≤ 10^8 without `window`).
 *
 * @example
 * ```ts
 * scheduleTotal(mostRecent({ n: 10, K: 3 }), 2); // => 10
 * scheduleTotal(mostRecent({ n: 10, K: 3, warmUp: 'printed' }), 2); // => 6
 * scheduleTotal(mostRecent({ n: 10, K: 3 }), 9); // => 9
 * scheduleTotal(accumulate({ N: 100, n: 10 }), 4); // => 130
 * ```
 */
export function scheduleTotal(schedule: Schedule, m: number): number {
  const s = checkSchedule(schedule);
  const gen = checkInteger('m', m, { min: 1 });
  if (s.kind === 'custom') {
    // a custom schedule is queried once per source in its window: refuse (not hang on) 10^15 queries
    const queries = 1 + Math.min(s.window ?? Infinity, gen - 1);
    if (queries > MAX_COUNTS_GENERATION) {
      throw new ParameterRangeError('m', gen, `an integer <= ${MAX_COUNTS_GENERATION} for a custom schedule without window (n^(m) queries counts(m, t) for every t)`);
    }
  }
  return totalUnchecked(s, gen);
}

/**
 * n^(m) for a validated schedule (custom schedules: the counts are checked).
 *
 * @internal
 */
export function totalUnchecked(s: Schedule, m: number): number {
  switch (s.kind) {
    case 'fullySynthetic':
    case 'randomlySampled':
      return s.n;
    case 'partiallySynthetic':
      return m === 1 ? s.N : s.N + s.n;
    case 'mostRecent':
      return Math.min(m, s.K) * mostRecentShare(s, m);
    case 'accumulate':
      return s.N + (m - 1) * s.n;
    case 'accumulateSubsample':
      return Math.min(s.size, s.N + (m - 1) * s.n);
    case 'custom': {
      // only the counts the declarations allow to be nonzero are queried
      let total = 0;
      if (s.lastRealGeneration === undefined || m <= s.lastRealGeneration) total += checkCustomCount(s, m, 0, s.counts(m, 0));
      const from = s.window === undefined ? 1 : Math.max(1, m - s.window);
      for (let t = from; t < m; t++) total += checkCustomCount(s, m, t, s.counts(m, t));
      return total;
    }
  }
}
