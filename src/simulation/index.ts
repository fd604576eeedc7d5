/**
 * Simulation layer: schedules as data, the Monte Carlo simulator and its
 * summaries (re-exported by the package entry point).
 *
 * @module
 */
export {
  accumulate,
  accumulateSubsample,
  customSchedule,
  fullySynthetic,
  MAX_TRAINING_SIZE,
  mostRecent,
  partiallySynthetic,
  randomlySampled,
  scheduleCounts,
  scheduleTotal,
  type AccumulateSchedule,
  type AccumulateSubsampleSchedule,
  type CustomSchedule,
  type CustomScheduleOptions,
  type FullySyntheticSchedule,
  type MostRecentSchedule,
  type PartiallySyntheticSchedule,
  type RandomlySampledSchedule,
  type SampleMode,
  type SampleModeOptions,
  type Schedule,
} from './schedules.ts';
export {
  DEFAULT_MEMORY_LIMIT,
  MemoryLimitError,
  METRIC_NAMES,
  simulate,
  simulateAsync,
  type KeepRuns,
  type MetricName,
  type MetricTrajectory,
  type SimulateOptions,
  type SimulationResult,
} from './simulate.ts';
export {
  DEFAULT_CONFIDENCE_LEVEL,
  meanInterval,
  proportionInterval,
  quantiles,
  summarizeCollapseTimes,
  type CollapseTimeSummary,
  type IntervalOptions,
  type MeanInterval,
  type ProportionInterval,
} from './summary.ts';
export { runRng } from './seeding.ts';
