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
