/**
 * model-collapse — exact, verified numbers for language-model collapse under
 * recursive training on synthetic data (Seddik et al., 2024).
 *
 * @module
 */
export {
  ParameterRangeError,
  ParameterTypeError,
  PROBABILITY_SUM_TOLERANCE,
} from './validate.ts';
export { Rational } from './numeric/rational.ts';

export {
  collapseProbabilityBounds,
  collapseTimeBounds,
  fullySyntheticS,
  limitProbabilities,
  type CollapseBoundOptions,
  type CollapseProbabilityBounds,
  type CollapseTimeBounds,
  type FullySyntheticOptions,
} from './theory/fully-synthetic.ts';
export {
  partiallySyntheticLimit,
  partiallySyntheticS,
  type PartiallySyntheticOptions,
} from './theory/partially-synthetic.ts';
export { G, gRegime, logG, phi, type GRegime } from './theory/concentration.ts';
export { C0, C1 } from './theory/constants.ts';
export {
  deviationBound,
  deviationBoundZeta,
  logDeviationBound,
  logDeviationBoundZeta,
  zeta,
  type DeviationBoundOptions,
  type DeviationBoundZetaOptions,
  type ZetaOptions,
  type ZetaVariant,
} from './theory/deviation.ts';
export {
  paperSafeSyntheticSize,
  safeSyntheticSizes,
  type ExactIntegerInterval,
  type IntegerInterval,
  type PaperSafeSyntheticSize,
  type SafeSyntheticSizes,
  type SafeSyntheticSizesOptions,
} from './theory/safe-size.ts';
export {
  lambdaP,
  piP,
  piPUpperBound,
  type LambdaResult,
  type PiOptions,
  type PiResult,
  type PiUpperBoundOptions,
  type SubsetBalanceMethod,
} from './distributions/subset-balance.ts';

export { findRoot, bisect, type RootOptions, type RootResult } from './numeric/roots.ts';
export {
  dirichlet,
  fromCounts,
  uniform,
  withDispersion,
  withDispersionDetails,
  zipf,
  type DirichletOptions,
  type DispersionDetails,
  type WithDispersionOptions,
} from './distributions/initial.ts';
export {
  entropy,
  isDirac,
  l1Distance,
  maxProb,
  sigma,
  supportSize,
  tvDistance,
  type EntropyOptions,
} from './distributions/statistics.ts';

export { createRng, rngFromState, MAX_SEED, MT19937_STATE_LENGTH, type Mt19937Rng } from './random/rng.ts';
export type { Rng } from './random/types.ts';
export { BINOMIAL_BTRD_THRESHOLD, MAX_BINOMIAL_N, sampleBinomial, sampleBinomialArray } from './random/binomial.ts';
export { MAX_POISSON_LAMBDA, POISSON_PTRS_THRESHOLD, samplePoisson } from './random/poisson.ts';
export {
  MULTINOMIAL_BINOMIAL_FACTOR,
  MULTINOMIAL_SEARCH_FACTOR,
  nonzeroIndices,
  sampleMultinomial,
  type CountsArray,
} from './random/multinomial.ts';

export * from './simulation/index.ts';

export {
  approximateCollapseTime,
  CollapseCostError,
  exactCollapseProbability,
  exactCollapseTime,
  exactCollapseTimeCost,
  fixationProbabilities,
  lossProbabilities,
  tokenCollapseTimes,
  type CollapseProbabilityOptions,
  type CollapseTimeCost,
  type CollapseTimeLawValue,
  type ExactCollapseTime,
  type ExactCollapseTimeOptions,
  type TokenCollapseTimes,
  type TokenProbabilityOptions,
} from './exact/collapse-time/index.ts';

export {
  DEFAULT_MAX_RATIONAL_OPERATIONS,
  DEFAULT_MAX_SECOND_MOMENTS_BYTES,
  DEFAULT_MAX_SECOND_MOMENTS_OPERATIONS,
  exactSecondMoments,
  exactSecondMomentsCost,
  exactSecondMomentsRational,
  SecondMomentsCostError,
  type ExactSecondMoments,
  type ExactSecondMomentsOptions,
  type ExactSecondMomentsRational,
  type ExactSecondMomentsRationalOptions,
  type SecondMomentsCost,
  type SecondMomentsMethod,
} from './exact/second-moments/index.ts';

export { hasDisplay, JUPYTER_DISPLAY, toMimeBundle, type MimeBundle } from './display/bundle.ts';
export * from './text/index.ts';

export {
  exactDeviation,
  ExactComputationTooLargeError,
  type ExactDeviation,
  type ExactDeviationOptions,
} from './exact/deviation/index.ts';
export { exactDeviationLimit, type ExactDeviationLimit, type ExactDeviationLimitOptions } from './exact/deviation/limit.ts';
export {
  compareSafeSyntheticSizes,
  exactSafeSyntheticSize,
  type ExactSafeSyntheticSize,
  type ExactSafeSyntheticSizeOptions,
  type SafeSizeComparison,
  type SafeSizeEvaluation,
} from './exact/safe-size/index.ts';
