/**
 * Reading p for the exact engines: its distinct non-zero values with their multiplicities
 * (the work is one token per value), the spread factor of the second-moment bounds, and the
 * `p` / `s` pair shared by the entry points.
 *
 * Internal to `src/exact/` (not re-exported from the package).
 *
 * @module
 */
import { checkInteger, checkProbabilityVector, ParameterRangeError, ParameterTypeError } from '../../validate.ts';

/**
 * Distinct non-zero values of p with their multiplicities (sorted by value).
 *
 * @example
 * ```ts
 * groupTokens(new Float64Array([0.25, 0.5, 0, 0.25])); // => { values: [0.25, 0.5], counts: [2, 1] }
 * ```
 */
export function groupTokens(p: Float64Array): { values: number[]; counts: number[] } {
  const map = new Map<number, number>();
  for (let i = 0; i < p.length; i++) {
    const x = p[i];
    if (x === 0) continue;
    map.set(x, (map.get(x) ?? 0) + 1);
  }
  const values = [...map.keys()].sort((a, b) => a - b);
  return { values, counts: values.map((v) => map.get(v) as number) };
}

/**
 * Σ_i sqrt(p_i(1 − p_i)) over distinct values with multiplicities: the factor of every
 * second-moment (Jensen) bound on the deviation.
 *
 * @example
 * ```ts
 * tokenSpread([0.5], [2]); // => 1
 * ```
 */
export function tokenSpread(values: readonly number[], counts: readonly number[]): number {
  let spread = 0;
  for (let g = 0; g < values.length; g++) spread += counts[g] * Math.sqrt(values[g] * (1 - values[g]));
  return spread;
}

/** A given p (grouped by distinct value) or the uniform p on s tokens, whose answers bound every p. */
export interface TokenGroups {
  values: number[];
  counts: number[];
  s: number;
  distribution: 'given' | 'worst-case';
}

/**
 * Reads the `p` / `s` pair shared by the exact entry points: p when given (s, if also given,
 * must be its length), else the uniform p on s ∈ [2, maxS] tokens.
 *
 * @example
 * ```ts
 * readTokenGroups({ s: 4 }, 1e9).counts; // => [4]
 * readTokenGroups({ p: [0.5, 0.25, 0.25] }, 1e9).values; // => [0.25, 0.5]
 * ```
 */
export function readTokenGroups(o: { p?: ArrayLike<number>; s?: number }, maxS: number): TokenGroups {
  if (o.p !== undefined) {
    const p = checkProbabilityVector('p', o.p);
    if (o.s !== undefined) {
      checkInteger('s', o.s, { min: 1 });
      if (o.s !== p.length) throw new ParameterRangeError('s', o.s, `the length of p (${p.length}) when both are given`);
    }
    return { ...groupTokens(p), s: p.length, distribution: 'given' };
  }
  if (o.s === undefined) throw new ParameterTypeError('s', o.s, 'an integer >= 2 (or pass p)');
  const s = checkInteger('s', o.s, { min: 2, max: maxS });
  return { values: [1 / s], counts: [s], s, distribution: 'worst-case' };
}
