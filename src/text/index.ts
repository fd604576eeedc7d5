/**
 * The statistical language model on real text (paper §2.1, §4.1): tokenizers,
 * corpora, the n-gram model of eq. 2, recursive training under every schedule
 * of the simulator, and collapse metrics of any model's outputs.
 *
 * @module
 */
export { characterTokenizer, wordTokenizer, type CharacterTokenizerOptions, type Tokenizer, type WordTokenizerOptions } from './tokenizers.ts';
export {
  DEFAULT_HELD_OUT_FRACTION,
  loadMobyDick,
  prepareCorpus,
  readCorpusFile,
  splitTokens,
  type PrepareCorpusOptions,
  type TextCorpus,
  type TokenCorpus,
} from './corpus.ts';
export {
  fitNgram,
  MAX_CONTEXT_LENGTH,
  ngramContextIndex,
  ngramDistribution,
  sampleText,
  type FitNgramOptions,
  type NgramModel,
  type SampleTextOptions,
} from './ngram.ts';
export {
  figure5Schedules,
  syntheticMix,
  textScheduleFor,
  textScheduleName,
  type NormalizedTextSchedule,
  type TextAccumulate,
  type TextAccumulateSubsample,
  type TextFullySynthetic,
  type TextMostRecent,
  type TextPartiallySynthetic,
  type TextPerContext,
  type TextRandomlySampled,
  type TextSchedule,
} from './schedules.ts';
export {
  DEFAULT_SMOOTHING,
  simulateText,
  type SimulateTextOptions,
  type TextScheduleResult,
  type TextSimulationResult,
} from './recursive.ts';
export { contextMeanInterval, type ContextMeanInterval, type ContextSeries, type IntervalSeries } from './aggregate.ts';
export {
  estimateCollapse,
  type CollapseEstimate,
  type DistributionRow,
  type EstimateCollapseOptions,
  type GenerationDistributions,
  type HeldOutTokens,
  type ModelOutputs,
} from './estimate.ts';
export { BINARY_CONTROL_FRACTION, invalidUtf8Offset, MAX_CORPUS_TOKENS, readText } from './input.ts';
