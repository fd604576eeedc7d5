/** Fuzz cases of the simulation layer: schedules, simulate/simulateAsync, summaries, seeding. */
import fc from 'fast-check';
import * as api from '../../src/index.ts';
import { anyNumber, anyValue, type FuzzCase, mostly, optionsOf, pArb } from './harness.ts';

/**
 * Invalid values (anything but a mid-size positive integer): valid large sizes make valid requests
 * that simply take long (simulate has a memory estimate, not a time one — docs/reliability.md), so
 * large sizes are drawn only from explicit constants that are refused.
 */
const notMidInteger = anyValue.filter((x) => !(typeof x === 'number' && Number.isInteger(x) && x > 0 && x < 2 ** 31));

const mode = mostly(fc.constantFrom('reuse', 'fresh'));
const size = (max: number) => mostly(fc.integer({ min: 0, max }), fc.oneof(fc.constantFrom(api.MAX_TRAINING_SIZE, api.MAX_TRAINING_SIZE + 1, 2 ** 53, -0, -1, 2.5, Number.NaN, Infinity, '3'), notMidInteger));
const countsFn = fc.constantFrom<((m: number, t: number) => unknown) | unknown>(
  (m: number, t: number) => (t === m - 1 ? 3 : 0),
  (m: number, t: number) => (t === 0 ? 4 : t >= m - 2 ? 2 : 0),
  () => 0,
  () => Number.NaN,
  () => -1,
  () => 2.5,
  () => '3',
  () => 2 ** 40,
  (_m: number, t: number) => (t === 0 ? 5 : 1),
  42,
);
/** Schedule constructors' options: small valid sizes and invalid values. */
const scheduleOptions = optionsOf({
  n: size(40),
  N: size(60),
  K: size(6),
  size: size(80),
  warmUp: mostly(fc.constantFrom('spread', 'printed')),
  realData: mode,
  syntheticData: mode,
  counts: countsFn,
  window: mostly(fc.integer({ min: 1, max: 4 })),
  lastRealGeneration: mostly(fc.integer({ min: 0, max: 5 })),
  name: mostly(fc.string({ maxLength: 5 })),
});

const constructors = {
  fullySynthetic: api.fullySynthetic,
  partiallySynthetic: api.partiallySynthetic,
  mostRecent: api.mostRecent,
  randomlySampled: api.randomlySampled,
  accumulate: api.accumulate,
  accumulateSubsample: api.accumulateSubsample,
  customSchedule: api.customSchedule,
} as const;

/** A schedule built from fuzzed options (falls back to Fully Synthetic n = 3 when the options are refused), or junk. */
export const scheduleArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...(Object.keys(constructors) as (keyof typeof constructors)[])), scheduleOptions).map(([k, o]) => {
    try {
      return (constructors[k] as (o: unknown) => unknown)(o);
    } catch {
      return api.fullySynthetic({ n: 3 });
    }
  }) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom({ kind: 'fullySynthetic', n: 2.5 }, { kind: 'mostRecent', n: 3, K: 5 }, { kind: 'nope' }, { kind: 'custom', counts: 3 }), anyValue) },
);

const generation = mostly(fc.integer({ min: 1, max: 60 }), fc.oneof(fc.constantFrom(0, -0, -1, 1.5, 1e8 + 1, 1e15, 2 ** 31, Number.NaN, Infinity, '3'), anyValue));
const finiteArray = fc.oneof(
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 20 }),
  fc.array(fc.constantFrom(1e308, -1e308, 1.7e308, 5e-324, 0, -0), { minLength: 1, maxLength: 6 }),
  fc.array(anyNumber, { maxLength: 6 }),
  anyValue,
);
const levelOptions = fc.oneof(fc.constant(undefined), optionsOf({ level: mostly(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), fc.oneof(fc.constantFrom(0, 1, -0.5, 1.5, Number.NaN), anyValue)) }));

/** simulate's options: small valid problems, every option fuzzed; huge sizes only where refused up front. */
const simulateOptions = optionsOf({
  p: pArb,
  schedule: scheduleArb,
  generations: mostly(fc.integer({ min: 1, max: 25 }), fc.oneof(fc.constantFrom(0, -1, 2.5, 2 ** 31 - 1, 2 ** 31, 1e8, 1e15, Number.NaN, '5'), notMidInteger)),
  runs: mostly(fc.integer({ min: 1, max: 6 }), fc.oneof(fc.constantFrom(0, -1, 2.5, 2 ** 31 - 1, 2 ** 31, 1e9, Number.NaN), notMidInteger)),
  seed: mostly(fc.integer({ min: 0, max: api.MAX_SEED }), fc.oneof(fc.constantFrom(-1, api.MAX_SEED + 1, 0.5, Number.NaN), anyValue)),
  metrics: mostly(fc.subarray([...api.METRIC_NAMES], { minLength: 1 }), fc.oneof(fc.constantFrom([], ['sigma', 'nope'], 'sigma'), anyValue)),
  keepRuns: mostly(fc.constantFrom(false, true, 'metrics', 'distributions')),
  level: mostly(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true })),
  earlyStop: mostly(fc.boolean()),
  memoryLimit: mostly(fc.constantFrom(1, 1e3, 1e6, 2 ** 30), fc.oneof(fc.constantFrom(-1, Number.NaN, Infinity), anyValue)),
  onProgress: mostly(fc.constant(() => undefined)),
  signal: mostly(fc.constantFrom(new AbortController().signal, AbortSignal.abort())),
});
/** simulate documents one more outcome: it throws the signal's reason when aborted before the first generation. */
function aborted(o: unknown, e: unknown): boolean {
  const signal = (o as { signal?: unknown }).signal;
  return signal instanceof AbortSignal && signal.aborted && e === signal.reason;
}

export const simulationCases: FuzzCase[] = [
  { name: 'fullySynthetic', args: fc.tuple(scheduleOptions), call: ([o]) => api.fullySynthetic(o as never) },
  { name: 'partiallySynthetic', args: fc.tuple(scheduleOptions), call: ([o]) => api.partiallySynthetic(o as never) },
  { name: 'mostRecent', args: fc.tuple(scheduleOptions), call: ([o]) => api.mostRecent(o as never) },
  { name: 'randomlySampled', args: fc.tuple(scheduleOptions), call: ([o]) => api.randomlySampled(o as never) },
  { name: 'accumulate', args: fc.tuple(scheduleOptions), call: ([o]) => api.accumulate(o as never) },
  { name: 'accumulateSubsample', args: fc.tuple(scheduleOptions), call: ([o]) => api.accumulateSubsample(o as never) },
  { name: 'customSchedule', args: fc.tuple(fc.oneof(scheduleOptions, anyValue)), call: ([o]) => api.customSchedule(o as never) },
  { name: 'scheduleCounts', args: fc.tuple(scheduleArb, generation), call: ([s, m]) => api.scheduleCounts(s as never, m as number) },
  { name: 'scheduleTotal', args: fc.tuple(scheduleArb, generation), call: ([s, m]) => api.scheduleTotal(s as never, m as number) },
  {
    name: 'simulate',
    args: fc.tuple(simulateOptions),
    call: ([o]) => {
      try {
        return api.simulate(o as never);
      } catch (e) {
        if (aborted(o, e)) return 'aborted';
        throw e;
      }
    },
    infinite: 'MetricTrajectory.lower/upper are ∓Infinity with one run (documented)',
  },
  {
    name: 'simulateAsync',
    args: fc.tuple(simulateOptions),
    call: ([o]) => {
      try {
        return api.simulateAsync(o as never).catch((e: unknown) => {
          if (aborted(o, e)) return 'aborted';
          throw e;
        });
      } catch (e) {
        if (aborted(o, e)) return 'aborted';
        throw e;
      }
    },
    infinite: 'MetricTrajectory.lower/upper are ∓Infinity with one run (documented)',
    async: true,
  },
  { name: 'meanInterval', args: fc.tuple(finiteArray, levelOptions), call: ([v, o]) => api.meanInterval(v as never, o as never), infinite: 'lower/upper are ∓Infinity for one value; sd overflows for spreads beyond the double range (documented)' },
  { name: 'quantiles', args: fc.tuple(finiteArray, fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), anyValue)), call: ([v, q]) => api.quantiles(v as never, q as never) },
  { name: 'proportionInterval', args: fc.tuple(mostly(fc.integer({ min: 0, max: 100 })), mostly(fc.integer({ min: 1, max: 100 }), fc.oneof(fc.constantFrom(2 ** 53 - 1, 2 ** 53), anyValue)), levelOptions), call: ([k, n, o]) => api.proportionInterval(k as number, n as number, o as never) },
  {
    name: 'summarizeCollapseTimes',
    args: fc.tuple(
      fc.oneof(fc.array(fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(null)), { minLength: 1, maxLength: 20 }), fc.array(fc.oneof(anyNumber, fc.constant(null)), { maxLength: 5 }), anyValue),
      fc.oneof(optionsOf({ horizon: mostly(fc.integer({ min: 1, max: 40 }), fc.oneof(fc.constantFrom(1e8 + 1, 1e15, 2 ** 53 - 1, 0, 2.5), anyValue)), level: mostly(fc.double({ min: 0.01, max: 0.99, noNaN: true })) }), anyValue),
    ),
    call: ([t, o]) => api.summarizeCollapseTimes(t as never, o as never),
    infinite: 'meanObserved.lower/upper are ∓Infinity with one observed run (as meanInterval, documented)',
  },
  { name: 'runRng', args: fc.tuple(mostly(fc.integer({ min: 0, max: api.MAX_SEED })), mostly(fc.integer({ min: 0, max: 2 ** 32 - 1 }))), call: ([s, r]) => api.runRng(s as number, r as number).uniform() },
];
