/**
 * Initial distributions p^(0): uniform, Zipf, from counts, Dirichlet and the
 * paper's (s, s̃, S0)-parametrised family.
 *
 * @module
 */
export { uniform } from './uniform.ts';
export { zipf } from './zipf.ts';
export { fromCounts } from './from-counts.ts';
export { dirichlet, type DirichletOptions } from './dirichlet.ts';
export {
  withDispersion,
  withDispersionDetails,
  type WithDispersionOptions,
  type DispersionDetails,
} from './with-dispersion.ts';
