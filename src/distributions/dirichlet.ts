/**
 * Random initial distributions p^(0) ~ Dirichlet(α), drawn reproducibly from
 * a seeded {@link Rng}.
 *
 * Gamma variates are generated in log space by Marsaglia–Tsang (shape ≥ 1)
 * and the boost Gamma(a) = Gamma(a + 1)·U^(1/a) (shape < 1), on normal
 * variates from Box–Muller, all driven by `rng.uniform()` only; so the draw is
 * a pure function of the generator's state. Working with logarithms means that
 * even for tiny α (where every Gamma(α_i) variate underflows to 0 in double
 * precision) the result is a valid probability vector, never NaN: it is then
 * (close to) a Dirac mass at the coordinate with the largest log-variate, which
 * is the correct limit law — as α → 0 the Dirichlet draw tends to δ_i with
 * probability α_i/α₀.
 *
 * References: G. Marsaglia and W. W. Tsang, "A simple method for generating
 * gamma variables", ACM TOMS 26 (2000) 363–372; L. Devroye, *Non-Uniform
 * Random Variate Generation* (1986), §IX.3.
 *
 * @module
 */
import type { Rng } from '../random/types.ts';
import { checkInteger, checkNumber, checkOptions, checkVocabularySize, ParameterRangeError, ParameterTypeError } from '../validate.ts';

/** Options of {@link dirichlet}. */
export interface DirichletOptions {
  /** Vocabulary size; required when `alpha` is a number, must equal `alpha.length` when it is an array. */
  s?: number;
}

/** @internal Throws unless `rng` looks like an {@link Rng}. */
function checkRng(rng: unknown): Rng {
  if (typeof rng !== 'object' || rng === null || typeof (rng as Rng).uniform !== 'function') {
    throw new ParameterTypeError('rng', rng, 'an Rng (an object with uniform(): number), e.g. createRng(seed)');
  }
  return rng as Rng;
}

/** A standard normal variate (Box–Muller, one of the pair), from two uniforms. */
function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.uniform(); // (0, 1]
  const u2 = rng.uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** log of a Gamma(shape, 1) variate, shape ≥ 1 (Marsaglia–Tsang). */
function logGammaAtLeastOne(shape: number, rng: Rng): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.uniform(); // (0, 1]
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
      return Math.log(d) + Math.log(v);
    }
  }
}

/**
 * The natural logarithm of a Gamma(shape, 1) variate, multiplied by `scale`:
 * `scale · log G`. For shape < 1 it uses log G = log G' + log(U)/shape with
 * G' ~ Gamma(shape + 1), computed as `scale·log G' + log(U)·(scale/shape)` so
 * that no intermediate overflows when `scale ≤ shape` (choose
 * `scale = min(1, smallest shape)`).
 *
 * Consumes `rng.uniform()` draws only. Internal building block of
 * {@link dirichlet}; exported for testing.
 *
 * @param shape - Gamma shape, finite and > 0 (not validated).
 * @param rng - the random source.
 * @param scale - a factor in (0, 1] (default 1).
 * @returns `scale · log G`, a finite number.
 *
 * @internal Not part of the public API (example asserted in test/distributions/dirichlet.test.ts).
 * @example
 * E[log G] = ψ(shape); for shape 1 that is −γ ≈ −0.5772, so the mean of 1e5
 * values of `scaledLogGammaVariate(1, createRng(3))` is within 0.02 of −0.5772.
 */
export function scaledLogGammaVariate(shape: number, rng: Rng, scale = 1): number {
  if (shape >= 1) return scale * logGammaAtLeastOne(shape, rng);
  const boosted = logGammaAtLeastOne(shape + 1, rng);
  const u = 1 - rng.uniform(); // (0, 1]
  return scale * boosted + Math.log(u) * (scale / shape);
}

/**
 * A random probability vector p ~ Dirichlet(α) — a random initial
 * distribution p^(0) (the paper's Figure 1 starts from "some random
 * distribution over tokens").
 *
 * `alpha` is either a number (symmetric Dirichlet(α, …, α) on `options.s`
 * tokens) or a vector of concentrations α_i ≥ 0, not all 0 (α_i = 0 gives
 * p_i = 0 exactly). E[p_i] = α_i/α₀ and Var p_i = α_i(α₀ − α_i)/(α₀²(α₀ + 1)),
 * α₀ = Σα_i; E‖p‖₂² = Σα_i(α_i + 1)/(α₀(α₀ + 1)), which is (α + 1)/(sα + 1)
 * in the symmetric case.
 *
 * Reproducible: the result is a function of `alpha` and the state of `rng`
 * only, and it advances `rng` (pass `rng.clone()` to keep the generator).
 * Never NaN, for any accepted α (see the module notes on tiny α).
 *
 * @param alpha - concentration: a finite number > 0 (with `options.s`), or an
 *   array-like of finite numbers ≥ 0 with at least one > 0.
 * @param rng - the seeded random source (see `createRng`).
 * @param options - `{ s }`: the vocabulary size when `alpha` is a number.
 * @returns a `Float64Array` of length s summing to 1.
 * @throws ParameterTypeError when `rng` is not an Rng, or `alpha`/`s` have the wrong type.
 * @throws ParameterRangeError when an α is negative or non-finite, all are 0,
 *   `s` is missing for a scalar α, or `s` disagrees with `alpha.length`.
 *
 * @example
 * ```ts
 * import { createRng, isDirac } from 'model-collapse';
 * const p = dirichlet(0.5, createRng(42), { s: 600 });
 * p.length; // => 600
 * Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12; // => true
 * // same seed, same draw:
 * dirichlet([1, 2, 3], createRng(7)).join() === dirichlet([1, 2, 3], createRng(7)).join(); // => true
 * // tiny α: (numerically) a Dirac mass, never NaN
 * isDirac(dirichlet(1e-300, createRng(1), { s: 5 })); // => true
 * ```
 */
export function dirichlet(alpha: number | ArrayLike<number>, rng: Rng, options?: DirichletOptions): Float64Array {
  const r = checkRng(rng);
  const o = options === undefined ? {} : checkOptions<DirichletOptions>('options', options);
  let shapes: Float64Array;
  if (typeof alpha === 'number') {
    const a = checkNumber('alpha', alpha, { min: 0, minExclusive: true });
    if (o.s === undefined) {
      throw new ParameterRangeError('options.s', undefined, 'an integer >= 1 (required when alpha is a number)');
    }
    const s = checkVocabularySize('options.s', o.s);
    shapes = new Float64Array(s).fill(a);
  } else {
    const allowed = 'a number > 0 or a non-empty array of finite numbers >= 0, not all 0';
    if (typeof alpha !== 'object' || alpha === null || typeof alpha.length !== 'number') {
      throw new ParameterTypeError('alpha', alpha, allowed);
    }
    const s = alpha.length;
    if (s === 0) throw new ParameterRangeError('alpha', alpha, allowed);
    if (o.s !== undefined) {
      checkInteger('options.s', o.s, { min: s, max: s });
    }
    shapes = new Float64Array(s);
    let positive = false;
    for (let i = 0; i < s; i++) {
      const x: unknown = alpha[i];
      if (typeof x !== 'number') throw new ParameterTypeError(`alpha[${i}]`, x, 'a finite number >= 0');
      if (!Number.isFinite(x) || x < 0) throw new ParameterRangeError(`alpha[${i}]`, x, 'a finite number >= 0');
      shapes[i] = x === 0 ? 0 : x;
      if (x > 0) positive = true;
    }
    if (!positive) throw new ParameterRangeError('alpha', alpha, allowed);
  }

  const s = shapes.length;
  // scale = min(1, smallest positive α): scale·log G never overflows.
  let scale = 1;
  for (let i = 0; i < s; i++) if (shapes[i] > 0 && shapes[i] < scale) scale = shapes[i];
  const out = new Float64Array(s);
  let max = -Infinity;
  for (let i = 0; i < s; i++) {
    const a = shapes[i];
    const y = a === 0 ? -Infinity : scaledLogGammaVariate(a, r, scale);
    out[i] = y;
    if (y > max) max = y;
  }
  // p_i ∝ exp(log G_i − max log G): the largest term is exactly 1, so the sum is ≥ 1.
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < s; i++) {
    const w = out[i] === -Infinity ? 0 : Math.exp((out[i] - max) / scale);
    out[i] = w;
    const t = sum + w;
    comp += sum >= w ? sum - t + w : w - t + sum;
    sum = t;
  }
  const total = sum + comp;
  for (let i = 0; i < s; i++) out[i] /= total;
  return out;
}
