/**
 * Safeguarded one-dimensional root finding on a sign-change bracket.
 *
 * {@link findRoot} is Brent's method (inverse quadratic interpolation and
 * secant steps, each accepted only when it stays inside the bracket and shrinks
 * it fast enough, bisection otherwise); {@link bisect} halves the bracket down
 * to adjacent doubles. Both keep, at every step, a bracket `[lo, hi]` on which
 * `f` changes sign, and both return it, so a caller that needs a point on a
 * known side of the root (e.g. `f(x) ≥ 0` for an increasing `f`) takes `hi`
 * or `lo` rather than the estimate.
 *
 * References: R. P. Brent, *Algorithms for Minimization without Derivatives*
 * (1973), ch. 4 (`zeroin`); Press et al., *Numerical Recipes*, §9.3.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';

/** Options of {@link findRoot} and {@link bisect}. */
export interface RootOptions {
  /**
   * Absolute tolerance on the root, ≥ 0 (default 0: stop only on the
   * relative tolerance, or when the bracket ends are adjacent doubles).
   */
  absoluteTolerance?: number;
  /**
   * Relative tolerance on the root, ≥ 2^-52 (default 2^-52, i.e. the bracket
   * shrinks to a few units in the last place of the root).
   */
  relativeTolerance?: number;
  /** Largest number of evaluations of `f` after the two at the ends (default 2000). */
  maxIterations?: number;
}

/** A bracket on which `f` changes sign, returned by {@link findRoot} and {@link bisect}. */
export interface RootResult {
  /** The best estimate: whichever of `lo`, `hi` has the smaller `|f|` (or the exact zero found). */
  root: number;
  /** Left end of the final bracket (`lo ≤ hi`). */
  lo: number;
  /** Right end of the final bracket. */
  hi: number;
  /** `f(lo)`. */
  fLo: number;
  /** `f(hi)`; `fLo` and `fHi` have opposite signs or one of them is 0. */
  fHi: number;
  /** Evaluations of `f` made after the two at the initial ends. */
  iterations: number;
  /** `true` when the tolerance was met (or an exact zero found) within `maxIterations`. */
  converged: boolean;
}

const EPS = Number.EPSILON;

interface ReadOptions {
  absTol: number;
  relTol: number;
  maxIterations: number;
}

function readRootOptions(options: unknown): ReadOptions {
  const o = options === undefined ? {} : checkOptions<RootOptions>('options', options);
  const absTol = o.absoluteTolerance === undefined ? 0 : checkNumber('absoluteTolerance', o.absoluteTolerance, { min: 0 });
  const relTol =
    o.relativeTolerance === undefined ? EPS : checkNumber('relativeTolerance', o.relativeTolerance, { min: EPS, max: 1 });
  const maxIterations = o.maxIterations === undefined ? 2000 : checkInteger('maxIterations', o.maxIterations, { min: 1 });
  return { absTol, relTol, maxIterations };
}

function evaluate(f: (x: number) => number, x: number, lo: number, hi: number): number {
  const y = f(x);
  if (typeof y !== 'number' || Number.isNaN(y)) {
    throw new ParameterRangeError('f', f, `a function returning numbers (not NaN) on [${lo}, ${hi}]; f(${x}) = ${String(y)}`);
  }
  return y;
}

function readBracket(
  f: unknown,
  lo: unknown,
  hi: unknown,
): { fn: (x: number) => number; a: number; b: number; fa: number; fb: number } {
  if (typeof f !== 'function') throw new ParameterTypeError('f', f, 'a function (x: number) => number');
  const fn = f as (x: number) => number;
  const a = checkNumber('lo', lo);
  const b = checkNumber('hi', hi, { min: a });
  const fa = evaluate(fn, a, a, b);
  const fb = evaluate(fn, b, a, b);
  if ((fa > 0 && fb > 0) || (fa < 0 && fb < 0)) {
    throw new ParameterRangeError(
      'hi',
      b,
      `the end of a bracket [lo, hi] on which f changes sign; f(lo) = f(${a}) = ${fa} and f(hi) = ${fb} have the same sign`,
    );
  }
  return { fn, a, b, fa, fb };
}

function result(x1: number, f1: number, x2: number, f2: number, iterations: number, converged: boolean): RootResult {
  const [lo, fLo, hi, fHi] = x1 <= x2 ? [x1, f1, x2, f2] : [x2, f2, x1, f1];
  let root: number;
  if (fLo === 0) root = lo;
  else if (fHi === 0) root = hi;
  else root = Math.abs(fLo) <= Math.abs(fHi) ? lo : hi;
  return { root, lo, hi, fLo, fHi, iterations, converged };
}

/**
 * Brent's method: a root of `f` in the bracket `[lo, hi]`, where `f(lo)` and
 * `f(hi)` have opposite signs (or one is 0). Superlinear on smooth `f`, never
 * slower than a small multiple of bisection, and the returned bracket always
 * contains a sign change of `f` — for a monotone `f` it contains the root.
 *
 * Stops when the bracket is narrower than about
 * `2·(relativeTolerance·|root| + absoluteTolerance/2)`, or when an exact zero
 * is hit. Non-finite values of `f` (±Infinity) are allowed; steps from them are
 * bisections.
 *
 * @param f - the function; must not return NaN on `[lo, hi]`.
 * @param lo - left end of the bracket (finite).
 * @param hi - right end of the bracket (finite, ≥ `lo`).
 * @param options - tolerances and the evaluation budget.
 * @returns the final bracket and the best estimate.
 * @throws ParameterRangeError when `f` has the same sign at both ends, returns NaN, or an option is out of range.
 * @throws ParameterTypeError when `f` is not a function.
 *
 * @example
 * ```ts
 * const r = findRoot((x) => x * x - 2, 0, 2);
 * r.root; // => 1.414213562373095
 * r.converged; // => true
 * r.lo <= Math.SQRT2 && Math.SQRT2 <= r.hi; // => true
 * ```
 */
export function findRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options?: RootOptions,
): RootResult {
  const { absTol, relTol, maxIterations } = readRootOptions(options);
  const { fn, a: a0, b: b0, fa: fa0, fb: fb0 } = readBracket(f, lo, hi);
  if (fa0 === 0) return result(a0, fa0, a0, fa0, 0, true);
  if (fb0 === 0) return result(b0, fb0, b0, fb0, 0, true);

  // Brent's zeroin (Numerical Recipes 3rd ed. §9.3 layout): b is the current
  // estimate, [b, c] the bracket, a the previous b.
  let a = a0;
  let b = b0;
  let c = b0;
  let fa = fa0;
  let fb = fb0;
  let fc = fb0;
  let d = b - a;
  let e = d;
  for (let iter = 0; ; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    // Floor at the smallest subnormal so that a root at 0 cannot stall the steps.
    const tol1 = Math.max(2 * relTol * Math.abs(b) + 0.5 * absTol, Number.MIN_VALUE);
    const gap = c - b;
    const xm = Number.isFinite(gap) ? 0.5 * gap : 0.5 * c - 0.5 * b;
    if (Math.abs(xm) <= tol1 || fb === 0) return result(b, fb, c, fc, iter, true);
    if (iter >= maxIterations) return result(b, fb, c, fc, iter, false);
    const finite = Number.isFinite(fa) && Number.isFinite(fb) && Number.isFinite(fc);
    if (finite && Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        // Secant step.
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        // Inverse quadratic interpolation.
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      const min1 = 3 * xm * q - Math.abs(tol1 * q);
      const min2 = Math.abs(e * q);
      if (2 * p < Math.min(min1, min2) && Number.isFinite(p / q)) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm >= 0 ? tol1 : -tol1;
    fb = evaluate(fn, b, a0, b0);
  }
}

/**
 * Bisection on the bracket `[lo, hi]`: halves it until it is narrower than
 * `relativeTolerance·|midpoint| + absoluteTolerance` or, with the default
 * tolerances, until `lo` and `hi` are adjacent doubles. Slow (one bit per
 * evaluation) but uses only the sign of `f`, so it is exact for a monotone
 * predicate: the returned `lo`/`hi` are the last points known on each side.
 *
 * @param f - the function; must not return NaN on `[lo, hi]`.
 * @param lo - left end (finite).
 * @param hi - right end (finite, ≥ `lo`).
 * @param options - tolerances (default: run to adjacent doubles) and the evaluation budget.
 * @returns the final bracket and the best estimate.
 * @throws ParameterRangeError when `f` has the same sign at both ends or returns NaN.
 * @throws ParameterTypeError when `f` is not a function.
 *
 * @example
 * ```ts
 * const r = bisect((x) => x * x * x - 8, 0, 5);
 * r.root; // => 2
 * r.fLo <= 0 && r.fHi >= 0; // => true
 * ```
 */
export function bisect(f: (x: number) => number, lo: number, hi: number, options?: RootOptions): RootResult {
  const o = options === undefined ? {} : checkOptions<RootOptions>('options', options);
  const read = readRootOptions(o);
  const { absTol, maxIterations } = read;
  // Unlike findRoot, bisection defaults to running to adjacent doubles.
  const relTol = o.relativeTolerance === undefined ? 0 : read.relTol;
  const { fn, a: a0, b: b0, fa: fa0, fb: fb0 } = readBracket(f, lo, hi);
  if (fa0 === 0) return result(a0, fa0, a0, fa0, 0, true);
  if (fb0 === 0) return result(b0, fb0, b0, fb0, 0, true);
  let a = a0;
  let b = b0;
  let fa = fa0;
  let fb = fb0;
  for (let iter = 0; ; iter++) {
    const width = b - a;
    const mid = Number.isFinite(width) ? a + 0.5 * width : 0.5 * a + 0.5 * b;
    if (mid <= a || mid >= b || width <= relTol * Math.abs(mid) + absTol) return result(a, fa, b, fb, iter, true);
    if (iter >= maxIterations) return result(a, fa, b, fb, iter, false);
    const fm = evaluate(fn, mid, a0, b0);
    if (fm === 0) return result(mid, fm, mid, fm, iter + 1, true);
    if (fm > 0 === fa > 0) {
      a = mid;
      fa = fm;
    } else {
      b = mid;
      fb = fm;
    }
  }
}
