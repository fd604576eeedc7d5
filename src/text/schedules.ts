/**
 * Recursive-training schedules on real text. A schedule of the simulator
 * (`src/simulation/schedules.ts`, eq. 5) fixes absolute sample sizes N and
 * n; on text, every context j has its own number N_j of real samples (its
 * next tokens in the training text), so a text schedule gives the synthetic
 * sizes *relative* to the real ones and is turned into one simulator schedule
 * per context (sampling `'contexts'`) or for the whole corpus (sampling
 * `'text'`, N = M training pairs) by {@link textScheduleFor}:
 *
 * | text schedule | simulator schedule for N real samples |
 * |---|---|
 * | `{ kind: 'fullySynthetic', ratio = 1 }` | `fullySynthetic({ n: max(1, round(ratio·N)) })` |
 * | `{ kind: 'partiallySynthetic', synthetic: x }` (or `ratio`) | `partiallySynthetic({ N, n: round(N·x/(1 − x)) })` |
 * | `{ kind: 'mostRecent', K, ratio = 1, warmUp }` | `mostRecent({ n: max(K, round(ratio·N)), K, warmUp })` |
 * | `{ kind: 'randomlySampled', ratio = 1 }` | `randomlySampled({ n: max(1, round(ratio·N)) })` |
 * | `{ kind: 'accumulate', ratio = 1 }` | `accumulate({ N, n: round(ratio·N) })` |
 * | `{ kind: 'accumulateSubsample', ratio = 1, sizeRatio = 1 }` | `accumulateSubsample({ N, n: round(ratio·N), size: max(1, round(sizeRatio·N)) })` |
 * | `{ kind: 'perContext', schedule: (N) => Schedule }` | whatever the function returns |
 *
 * "synthetic x% – real y%" (Figure 5) is the Partially Synthetic schedule of
 * §2.2 in which synthetic samples are the share x of every generation's
 * training set: all N real samples plus n = N·x/y synthetic ones (50/50:
 * n = N; 20/80: n = N/4). round() rounds half up. Real data is always the one
 * training text (`realData: 'reuse'`); the synthetic sample mode is the
 * simulator's default for the schedule unless `syntheticData` says otherwise.
 *
 * @module
 */
import { checkEnum, checkInteger, checkNumber, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import {
  accumulate,
  accumulateSubsample,
  checkSchedule,
  fullySynthetic,
  mostRecent,
  partiallySynthetic,
  randomlySampled,
  type SampleMode,
  type Schedule,
} from '../simulation/schedules.ts';

/** Options shared by the text schedules. */
interface TextScheduleBase {
  /** Label used in results, tables and figures (default: see {@link textScheduleName}). */
  name?: string;
}

/** Fully Synthetic on text: generation m ≥ 2 trains on n = max(1, round(ratio·N_j)) samples of generation m − 1. */
export interface TextFullySynthetic extends TextScheduleBase {
  kind: 'fullySynthetic';
  /** n/N, synthetic samples per real sample (default 1: as many as the real text has). */
  ratio?: number;
  syntheticData?: SampleMode;
}

/** Partially Synthetic on text: all N_j real samples plus n = round(N_j·x/(1 − x)) synthetic ones. */
export interface TextPartiallySynthetic extends TextScheduleBase {
  kind: 'partiallySynthetic';
  /** Share x ∈ [0, 1) of synthetic samples in the training set (0.5 for "synthetic 50% – real 50%"). */
  synthetic?: number;
  /** Alternatively n/N ≥ 0 (ratio = x/(1 − x)). Give exactly one of `synthetic` and `ratio`. */
  ratio?: number;
  syntheticData?: SampleMode;
}

/** Most Recent Models (§4.2) on text, n = max(K, round(ratio·N_j)). */
export interface TextMostRecent extends TextScheduleBase {
  kind: 'mostRecent';
  K: number;
  ratio?: number;
  warmUp?: 'spread' | 'printed';
  syntheticData?: SampleMode;
}

/** Randomly Sampled Data (§4.2) on text, n = max(1, round(ratio·N_j)). */
export interface TextRandomlySampled extends TextScheduleBase {
  kind: 'randomlySampled';
  ratio?: number;
  syntheticData?: SampleMode;
}

/** Accumulate on text: N_j real samples plus n = round(ratio·N_j) from every earlier model. */
export interface TextAccumulate extends TextScheduleBase {
  kind: 'accumulate';
  ratio?: number;
  syntheticData?: SampleMode;
}

/** Accumulate-subsample on text: a subsample of size max(1, round(sizeRatio·N_j)) of the accumulated pool. */
export interface TextAccumulateSubsample extends TextScheduleBase {
  kind: 'accumulateSubsample';
  ratio?: number;
  sizeRatio?: number;
  syntheticData?: SampleMode;
}

/** Any simulator schedule, built from the number N of real samples (of a context, or of the corpus). */
export interface TextPerContext extends TextScheduleBase {
  kind: 'perContext';
  /** Returns the schedule for N real samples; its real sample mode must be `'reuse'`. */
  schedule: (N: number) => Schedule;
}

/** A recursive-training schedule on text (see the module documentation for the exact sizes). */
export type TextSchedule =
  | TextFullySynthetic
  | TextPartiallySynthetic
  | TextMostRecent
  | TextRandomlySampled
  | TextAccumulate
  | TextAccumulateSubsample
  | TextPerContext;

/** A validated text schedule with its name and its synthetic-to-real ratio filled in. */
export type NormalizedTextSchedule = TextSchedule & { name: string; ratio?: number };

const KINDS = ['fullySynthetic', 'partiallySynthetic', 'mostRecent', 'randomlySampled', 'accumulate', 'accumulateSubsample', 'perContext'] as const;
const MODES = ['reuse', 'fresh'] as const;

function pct(x: number): string {
  return `${Number((100 * x).toPrecision(4))}%`;
}

/**
 * The default label of a text schedule: `'synthetic'` (Fully Synthetic with
 * ratio 1, Figure 5's label), `'synthetic 50% – real 50%'` (Partially
 * Synthetic), `'most recent K = 3'`, …
 *
 * @param schedule - A text schedule (validated).
 * @returns Its label (`schedule.name` when given).
 * @throws {ParameterRangeError} / {ParameterTypeError} for an invalid schedule.
 *
 * @example
 * ```ts
 * textScheduleName({ kind: 'partiallySynthetic', synthetic: 0.2 }); // => 'synthetic 20% – real 80%'
 * textScheduleName({ kind: 'fullySynthetic' }); // => 'synthetic'
 * textScheduleName({ kind: 'mostRecent', K: 3 }); // => 'most recent K = 3'
 * ```
 */
export function textScheduleName(schedule: TextSchedule): string {
  return checkTextSchedule(schedule).name;
}

/**
 * Validates a text schedule and returns a normalised copy (name filled in;
 * for `partiallySynthetic`, `ratio` = x/(1 − x) filled in).
 *
 * @internal
 */
export function checkTextSchedule(value: unknown, name = 'schedule'): NormalizedTextSchedule {
  const o = checkOptions<Record<string, unknown>>(name, value);
  const kind = checkEnum(`${name}.kind`, o.kind, KINDS);
  if (o.name !== undefined && typeof o.name !== 'string') throw new ParameterTypeError(`${name}.name`, o.name, 'a string');
  const ratio = (fallback: number | undefined): number | undefined =>
    o.ratio === undefined ? fallback : checkNumber(`${name}.ratio`, o.ratio, { min: 0, max: 1e6 });
  const mode = (): SampleMode | undefined => (o.syntheticData === undefined ? undefined : checkEnum(`${name}.syntheticData`, o.syntheticData, MODES));
  const withMode = <T extends object>(x: T): T => {
    const m = mode();
    return m === undefined ? x : { ...x, syntheticData: m };
  };
  switch (kind) {
    case 'fullySynthetic': {
      const r = ratio(1) as number;
      if (r === 0) throw new ParameterRangeError(`${name}.ratio`, r, 'a number > 0 (fully synthetic generations need synthetic samples)');
      return withMode({ kind, ratio: r, name: (o.name as string | undefined) ?? (r === 1 ? 'synthetic' : `synthetic (n = ${r}·N)`) });
    }
    case 'partiallySynthetic': {
      let r: number;
      let x: number;
      if (o.synthetic !== undefined && o.ratio !== undefined) {
        throw new ParameterRangeError(`${name}.ratio`, o.ratio, `undefined when ${name}.synthetic is given (give one of them)`);
      }
      if (o.synthetic !== undefined) {
        x = checkNumber(`${name}.synthetic`, o.synthetic, { min: 0, max: 1, maxExclusive: true });
        r = x / (1 - x);
      } else if (o.ratio !== undefined) {
        r = ratio(undefined) as number;
        x = r / (1 + r);
      } else {
        throw new ParameterTypeError(`${name}.synthetic`, undefined, 'the share of synthetic samples in [0, 1) (or give ratio = n/N)');
      }
      const out: NormalizedTextSchedule = { kind, ratio: r, name: (o.name as string | undefined) ?? `synthetic ${pct(x)} – real ${pct(1 - x)}` };
      if (o.synthetic !== undefined) (out as TextPartiallySynthetic).synthetic = x;
      return withMode(out);
    }
    case 'mostRecent': {
      const K = checkInteger(`${name}.K`, o.K, { min: 1, max: 1e6 });
      const warmUp = o.warmUp === undefined ? undefined : checkEnum(`${name}.warmUp`, o.warmUp, ['spread', 'printed'] as const);
      const r = ratio(1) as number;
      const out: TextMostRecent & { name: string } = { kind, K, ratio: r, name: (o.name as string | undefined) ?? `most recent K = ${K}` };
      if (warmUp !== undefined) out.warmUp = warmUp;
      return withMode(out);
    }
    case 'randomlySampled':
    case 'accumulate': {
      const r = ratio(1) as number;
      if (kind === 'randomlySampled' && r === 0) throw new ParameterRangeError(`${name}.ratio`, r, 'a number > 0');
      const label = kind === 'randomlySampled' ? 'randomly sampled' : 'accumulate';
      return withMode({ kind, ratio: r, name: (o.name as string | undefined) ?? label });
    }
    case 'accumulateSubsample': {
      const r = ratio(1) as number;
      const sizeRatio = o.sizeRatio === undefined ? 1 : checkNumber(`${name}.sizeRatio`, o.sizeRatio, { min: 0, minExclusive: true, max: 1e6 });
      return withMode({ kind, ratio: r, sizeRatio, name: (o.name as string | undefined) ?? 'accumulate-subsample' });
    }
    case 'perContext': {
      if (typeof o.schedule !== 'function') throw new ParameterTypeError(`${name}.schedule`, o.schedule, 'a function (N) => Schedule');
      return { kind, schedule: o.schedule as (N: number) => Schedule, name: (o.name as string | undefined) ?? 'custom' };
    }
  }
}

function scaled(ratio: number, N: number, min: number): number {
  return Math.max(min, Math.round(ratio * N));
}

/**
 * The simulator schedule that a text schedule prescribes for N real samples
 * (see the table in the module documentation). For `perContext` the
 * function's result is validated and must use `realData: 'reuse'` (a text has
 * one real corpus; there are no fresh real samples).
 *
 * @param schedule - A text schedule.
 * @param N - Number of real samples (of one context, or of the corpus), an integer ≥ 1.
 * @returns The simulator schedule.
 * @throws {ParameterRangeError} / {ParameterTypeError} for an invalid schedule or N.
 *
 * @example
 * ```ts
 * textScheduleFor({ kind: 'partiallySynthetic', synthetic: 0.2 }, 40); // => { kind: 'partiallySynthetic', N: 40, n: 10 }
 * textScheduleFor({ kind: 'fullySynthetic' }, 7); // => { kind: 'fullySynthetic', n: 7 }
 * textScheduleFor({ kind: 'mostRecent', K: 3 }, 2); // => { kind: 'mostRecent', n: 3, K: 3 }
 * ```
 */
export function textScheduleFor(schedule: TextSchedule, N: number): Schedule {
  const s = checkTextSchedule(schedule);
  const n = checkInteger('N', N, { min: 1, max: 2147483647 });
  return scheduleForUnchecked(s, n);
}

/**
 * {@link textScheduleFor} on a normalised schedule.
 *
 * @internal
 */
export function scheduleForUnchecked(s: NormalizedTextSchedule, N: number): Schedule {
  const modes = (s as { syntheticData?: SampleMode }).syntheticData === undefined ? {} : { syntheticData: (s as { syntheticData: SampleMode }).syntheticData };
  const r = s.ratio as number;
  switch (s.kind) {
    case 'fullySynthetic':
      return fullySynthetic({ n: scaled(r, N, 1), ...modes });
    case 'partiallySynthetic':
      return partiallySynthetic({ N, n: scaled(r, N, 0), ...modes });
    case 'mostRecent':
      return mostRecent({ n: scaled(r, N, s.K), K: s.K, ...(s.warmUp === undefined ? {} : { warmUp: s.warmUp }), ...modes });
    case 'randomlySampled':
      return randomlySampled({ n: scaled(r, N, 1), ...modes });
    case 'accumulate':
      return accumulate({ N, n: scaled(r, N, 0), ...modes });
    case 'accumulateSubsample':
      return accumulateSubsample({ N, n: scaled(r, N, 0), size: scaled(s.sizeRatio ?? 1, N, 1), ...modes });
    case 'perContext': {
      const out = checkSchedule(s.schedule(N));
      if (out.realData !== 'reuse') {
        throw new ParameterRangeError(`schedule(${N}).realData`, out.realData, "'reuse' (a text has one real corpus: there are no fresh real samples)");
      }
      return out;
    }
  }
}

/**
 * The Partially Synthetic schedule "synthetic x% – real (100 − x)%" of
 * Figure 5 (x < 100), or the Fully Synthetic schedule for x = 100: the
 * schedules of the `--mix` flag of `model-collapse text`.
 *
 * @param percent - x, the percentage of synthetic samples in each training set, in [0, 100].
 * @returns A text schedule.
 * @throws {ParameterRangeError} / {ParameterTypeError} for x outside [0, 100].
 *
 * @example
 * ```ts
 * syntheticMix(50); // => { kind: 'partiallySynthetic', synthetic: 0.5 }
 * syntheticMix(100); // => { kind: 'fullySynthetic' }
 * textScheduleName(syntheticMix(0)); // => 'synthetic 0% – real 100%'
 * ```
 */
export function syntheticMix(percent: number): TextSchedule {
  const x = checkNumber('percent', percent, { min: 0, max: 100 });
  return x === 100 ? { kind: 'fullySynthetic' } : { kind: 'partiallySynthetic', synthetic: x / 100 };
}

/**
 * The three schedules of Figure 5: "synthetic" (Fully Synthetic),
 * "synthetic 50% – real 50%" and "synthetic 20% – real 80%" (Partially
 * Synthetic, n = N and n = N/4).
 *
 * @returns A new array of three text schedules.
 *
 * @example
 * ```ts
 * figure5Schedules().map(textScheduleName); // => ['synthetic', 'synthetic 50% – real 50%', 'synthetic 20% – real 80%']
 * ```
 */
export function figure5Schedules(): TextSchedule[] {
  return [syntheticMix(100), syntheticMix(50), syntheticMix(20)];
}
