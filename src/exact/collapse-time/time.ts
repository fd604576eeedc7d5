/**
 * {@link exactCollapseTime}: the moments of the collapse time from one banded LU
 * (`./moments.ts`) and its law, lazily iterated (`./law.ts`); the trivial chains (n = 1 or a
 * Dirac mass) in closed form. Re-exported by `./index.ts`.
 *
 * @module
 */
import { withDisplay } from '../../display/bundle.ts'; // display hook: see src/display/bundle.ts
import { buildChain, groupTokens } from './chain.ts';
import type { Groups } from './chain.ts';
import { defaultIterations, refuseIfTooCostly } from './cost.ts';
import { LazyLaw } from './law.ts';
import type { CollapseTimeLawValue } from './law.ts';
import { relativeTruncation, solveMoments } from './moments.ts';
import { readCommon, readGeneration, readMaxIterations } from './options.ts';
import type { ExactCollapseTime, ExactCollapseTimeOptions } from './types.ts';

/**
 * The exact law of the collapse time T = min{m ≥ 1 : ‖p^(m)‖∞ = 1} of the
 * Fully Synthetic chain (paper §3.1), which Theorem 1 only bounds
 * (eq. 8: 1 + (1 − S0)(n − 1)/(1 − 1/s̃) ≤ E[T] ≤ 1 + (1 − S0)n(n − 1)).
 *
 * Mean and variance come from one banded, subtraction-free LU of I − Q
 * (Q: transient Wright–Fisher block): E[T] = 1 + π·g, (I − Q)g = a,
 * E[T²] = 1 + π·(2h + g), (I − Q)h = g. The law (`pmf`, `cdf`, `survival`,
 * `at`) is computed lazily by iterating the banded chain, cached, and beyond the
 * iterated horizon computed from the exact eigenvectors of Q with a certified relative
 * error ≤ 1e-10 (`at(m).source === 'spectral'`).
 *
 * Cost: O(n²·ln(1/δ)) time and O(n^1.5·√ln(1/δ)) memory; n = 1 000 takes
 * ~15 ms, n = 10 000 ~1 s, n = 100 000 ~1.5 min and ~4 GiB. Requests above
 * `maxBytes`/`maxSeconds` throw {@link CollapseCostError} with the estimate.
 *
 * Error control: the band drops ≤ δ of each row of Q and the first-generation
 * law π is truncated likewise; `truncationErrorBound` bounds the effect
 * rigorously in exact arithmetic and `relativeErrorBound` ≤ `tolerance`.
 * Rounding is estimated (`roundingErrorEstimate`), not certified.
 *
 * @param p - the initial distribution p^(0) (sums to 1 within 1e-9).
 * @param options - `n`, optional `tolerance`, `maxBytes`, `maxSeconds`, `maxIterations`.
 * @throws ParameterRangeError / ParameterTypeError on invalid input; CollapseCostError when too costly.
 * @example
 * ```ts
 * const r = exactCollapseTime([0.5, 0.5], { n: 2 });
 * r.mean; // => 2
 * r.variance; // => 2
 * exactCollapseTime([1 / 2, 1 / 3, 1 / 6], { n: 4 }).mean; // => 5.09816943380
 * const big = exactCollapseTime([0.5, 0.3, 0.2], { n: 1000 });
 * big.mean; // => 1546.66
 * big.relativeErrorBound < 1e-12; // => true
 * big.cdf(1547); // => 0.6139917351
 * ```
 */
export function exactCollapseTime(p: ArrayLike<number>, options: ExactCollapseTimeOptions): ExactCollapseTime {
  const started = performance.now();
  const common = readCommon(p, options);
  const o = options;
  const groups = groupTokens(common.p);
  const { n } = common;
  if (n === 1 || groups.support === 1) {
    return withDisplay(trivialResult(n, groups, common.tolerance, started), 'exact-collapse-time', { p: common.p });
  }
  const cost = refuseIfTooCostly(common, { extraMatvecs: 0, what: 'collapse-time moments' });
  const maxIterations = readMaxIterations(o.maxIterations, defaultIterations(cost.entries));
  let chain = buildChain(common, groups);
  let mom = solveMoments(chain);
  // The band is sized from a priori estimates; should the a posteriori bound exceed the
  // tolerance, widen the band (smaller δ) and solve again (never observed so far).
  for (let extra = 0; relativeTruncation(mom) > common.tolerance && extra < 3; extra++) {
    chain = buildChain(common, groups, Math.log((10 * relativeTruncation(mom)) / common.tolerance) * (extra + 1));
    mom = solveMoments(chain);
  }
  const variance = Math.max(0, mom.secondMoment - mom.mean * mom.mean);
  const relativeErrorBound = relativeTruncation(mom);
  const law = new LazyLaw(chain, maxIterations);
  return withDisplay({
    n,
    support: groups.support,
    groups: groups.values.length,
    mean: mom.mean,
    secondMoment: mom.secondMoment,
    variance,
    sd: Math.sqrt(variance),
    method: 'banded-gth',
    truncationErrorBound: mom.truncation,
    relativeErrorBound,
    tolerance: common.tolerance,
    roundingErrorEstimate: mom.rounding,
    bandHalfWidth: chain.band.halfWidth,
    bandEntries: chain.band.entries,
    droppedRowMass: chain.band.delta,
    droppedInitialMass: chain.piDropped,
    milliseconds: performance.now() - started,
    pmf: (m: number) => law.at(readGeneration(m)).pmf,
    cdf: (m: number) => law.at(readGeneration(m)).cdf,
    survival: (m: number) => law.at(readGeneration(m)).survival,
    at: (m: number) => law.at(readGeneration(m)),
    horizon: () => law.horizon(),
    maxIterations,
  }, 'exact-collapse-time', { p: common.p });
}

function trivialResult(n: number, groups: Groups, tolerance: number, started: number): ExactCollapseTime {
  return {
    n,
    support: groups.support,
    groups: groups.values.length,
    mean: 1,
    secondMoment: 1,
    variance: 0,
    sd: 0,
    method: 'trivial',
    truncationErrorBound: { mean: 0, secondMoment: 0, variance: 0 },
    relativeErrorBound: 0,
    tolerance,
    roundingErrorEstimate: 0,
    bandHalfWidth: 0,
    bandEntries: 0,
    droppedRowMass: 0,
    droppedInitialMass: 0,
    milliseconds: performance.now() - started,
    pmf: (m: number) => trivialValue(readGeneration(m)).pmf,
    cdf: (m: number) => trivialValue(readGeneration(m)).cdf,
    survival: (m: number) => trivialValue(readGeneration(m)).survival,
    at: (m: number) => trivialValue(readGeneration(m)),
    horizon: () => Infinity,
    maxIterations: 0,
  };
}

function trivialValue(m: number): CollapseTimeLawValue {
  const pmf = m === 1 ? 1 : 0;
  const cdf = m >= 1 ? 1 : 0;
  return {
    m,
    pmf,
    cdf,
    survival: 1 - cdf,
    pmfLower: pmf,
    pmfUpper: pmf,
    cdfLower: cdf,
    cdfUpper: cdf,
    survivalLower: 1 - cdf,
    survivalUpper: 1 - cdf,
    source: 'closed-form',
  };
}
