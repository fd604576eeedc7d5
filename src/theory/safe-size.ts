/**
 * How much synthetic data can be mixed with N real samples: eq. 11 as printed,
 * and the exact sets of n allowed by the bounds of Theorems 3 and 4.
 *
 * @module
 */
import { checkEnum, checkInteger, checkNumber, checkOptions, ParameterRangeError } from '../validate.ts';
import { PRECISE_PI, Precise, type PreciseValue } from '../numeric/precise.ts';
import { C0 } from './constants.ts';
import { gRegimeLimits, gRegimeOf, logGInRegime, type GRegime } from './concentration.ts';
import { logDeviationBoundFromPhi, zetaUnchecked, type ZetaVariant } from './deviation.ts';
import { PRECISE_C0, PRECISE_C1 } from './constants.ts';
import { lambdaP } from '../distributions/subset-balance.ts';
import { phi } from './concentration.ts';
import { withDisplay } from '../display/bundle.ts'; // display hook: see src/display/bundle.ts

/** Answer of eq. 11 as printed. */
export interface PaperSafeSyntheticSize {
  /** 2π e^{-2} min[s − 2, ln(√2 π N ε/(6 e s))], the right-hand side of eq. 11 (may be ≤ 0). */
  bound: number;
  /** Largest integer n ≥ 1 with n ≤ bound, or 0 when there is none. */
  maxN: number;
  /**
   * Whether eq. 11 answers at all: maxN ≥ 1 and its derivation's condition
   * C0·maxN/e + 2 ≤ s (regime 1 of eq. 10) holds.
   */
  valid: boolean;
  /** One sentence saying why `valid` is what it is. */
  reason: string;
  /** Theorem 3's bound at maxN (null when maxN = 0): eq. 11 guarantees it is ≤ ε. */
  theorem3BoundAtMaxN: number | null;
}

/** An inclusive range of integers. */
export interface IntegerInterval {
  from: number;
  to: number;
}

/** An inclusive range of integers as bigints (exact beyond 2^53). */
export interface ExactIntegerInterval {
  from: bigint;
  to: bigint;
}

/** The set of n ≥ 1 for which a deviation bound is ≤ ε. */
export interface SafeSyntheticSizes {
  /** Disjoint, increasing, non-adjacent intervals; exact while endpoints are ≤ 2^53 − 1. */
  intervals: IntegerInterval[];
  /** Largest safe n, or null when the set is empty. */
  maxN: number | null;
  /** The same answer with bigint endpoints, exact at any size. */
  exact: { intervals: ExactIntegerInterval[]; maxN: bigint | null };
  /** Which bound was inverted. */
  bound: 'theorem3' | 'theorem4';
  /** λ1 used (theorem4 only). */
  lambda1: number | null;
}

/** Options of {@link safeSyntheticSizes}. */
export interface SafeSyntheticSizesOptions {
  /** Tolerated deviation ε in (0, 2] in L1 (an L1 distance is at most 2). */
  epsilon: number;
  /** Real samples N ≥ 1. */
  N: number;
  /** Vocabulary size s ≥ 2. */
  s: number;
  /** `'theorem3'` (default) or `'theorem4'` (needs `lambda1`). */
  bound?: 'theorem3' | 'theorem4';
  /** λ1 ∈ [0, 1/4] or a first-generation distribution p^(1) (theorem4). */
  lambda1?: number | ArrayLike<number>;
  /** ζ variant for theorem4 (default `'corrected'`, see docs/errata.md E2). */
  zetaVariant?: ZetaVariant;
}

const MAX_N_TOTAL = 1e15;

function readEpsilonNs(o: { epsilon?: unknown; N?: unknown; s?: unknown }): { epsilon: number; N: number; s: number } {
  return {
    epsilon: checkNumber('epsilon', o.epsilon, { min: 0, minExclusive: true, max: 2 }),
    N: checkInteger('N', o.N, { min: 1, max: MAX_N_TOTAL }),
    s: checkInteger('s', o.s, { min: 2, max: 1e9 }),
  };
}

/**
 * Eq. 11 exactly as printed: to keep E‖p^(m) − p^(1)‖₁ below ε in the regime
 * C0·n/e + 2 ≤ s, take n ≤ 2π e^{-2} min[s − 2, ln(√2 π N ε/(6 e s))].
 * It is sufficient (it implies Theorem 3's bound ≤ ε) but conservative; see
 * {@link safeSyntheticSizes} for the exact set Theorem 3 allows.
 *
 * @example
 * ```ts
 * paperSafeSyntheticSize({ epsilon: 0.1, N: 1e6, s: 100 }); // => { bound: 4.76809216418, maxN: 4, valid: true }
 * paperSafeSyntheticSize({ epsilon: 0.1, N: 100, s: 600 }).maxN; // => 0
 * ```
 */
export function paperSafeSyntheticSize(options: { epsilon: number; N: number; s: number }): PaperSafeSyntheticSize {
  const o = checkOptions<{ epsilon: number; N: number; s: number }>('options', options);
  const { epsilon, N, s } = readEpsilonNs(o);
  const logArgument = Math.log((Math.SQRT2 * Math.PI * N * epsilon) / (6 * Math.E * s));
  const bound = (2 * Math.PI * Math.exp(-2)) * Math.min(s - 2, logArgument);
  const maxN = bound >= 1 ? Math.floor(bound) : 0;
  if (maxN === 0) {
    const why =
      s - 2 < logArgument
        ? `s − 2 = ${s - 2} leaves no n ≥ 1 in regime 1 of eq. 10`
        : `ln(√2πNε/(6es)) = ${logArgument.toPrecision(4)} is below e²/(2π) ≈ 1.18, so no n ≥ 1 qualifies`;
    return withDisplay({ bound, maxN, valid: false, reason: `eq. 11 allows no synthetic data: ${why}.`, theorem3BoundAtMaxN: null }, 'paper-safe-size', { epsilon, N, s });
  }
  const limits = gRegimeLimits(s);
  const inRegime1 = BigInt(maxN) <= limits.regime1Max;
  const theorem3BoundAtMaxN = Math.exp(logDeviationBoundFromPhi(N, maxN, logGInRegime(maxN, s, gRegimeOf(BigInt(maxN), limits)), 2));
  return withDisplay({
    bound,
    maxN,
    valid: inRegime1,
    reason: inRegime1
      ? `n ≤ ${maxN} keeps Theorem 3's bound ≤ ε (it is ${theorem3BoundAtMaxN.toPrecision(4)} at n = ${maxN}).`
      : `maxN = ${maxN} violates the condition C0·n/e + 2 ≤ s under which eq. 11 was derived.`,
    theorem3BoundAtMaxN,
  }, 'paper-safe-size', { epsilon, N, s });
}

/** Bound evaluator: double fast path, 60-digit path near ties. */
interface BoundEvaluator {
  /** true iff bound(n) ≤ ε, decided exactly. */
  safe(n: bigint): boolean;
}

function preciseLogPhi(x: PreciseValue): PreciseValue {
  // φ(x) = ln((1 − x)/x)/(1 − 2x), φ(1/2) = 2.
  const t = new Precise(1).minus(x.mul(2));
  if (t.isZero()) return new Precise(2).ln();
  return new Precise(1).minus(x).div(x).ln().div(t).ln();
}

function makeEvaluator(
  epsilon: number,
  N: number,
  s: number,
  phiOf: ((n: number) => number) | null,
  precisePhiLogOf: ((n: bigint) => PreciseValue) | null,
  limits: { regime1Max: bigint; regime2Max: bigint },
): BoundEvaluator {
  const logEpsilon = Math.log(epsilon);
  const pEps = new Precise(epsilon).ln();
  const pN = new Precise(N).ln();
  const pS = new Precise(s);
  const pLogC1S = PRECISE_C1.mul(pS).ln();
  const pLog2Phi = new Precise(2).ln();
  const preciseLogBound = (n: bigint, regime: GRegime): PreciseValue => {
    const pn = new Precise(n.toString());
    let lg: PreciseValue;
    if (regime === 1) lg = pLogC1S.plus(PRECISE_C0.mul(pn).div(new Precise(1).exp().mul(2)));
    else if (regime === 2) lg = pLogC1S.plus(pS.div(2).mul(PRECISE_C0.mul(pn).div(pS).ln()));
    else lg = s < 200 ? new Precise(2).pow(pS).minus(2).ln() : pS.mul(new Precise(2).ln());
    const logPhi = precisePhiLogOf ? precisePhiLogOf(n) : pLog2Phi;
    return pn.mul(PRECISE_PI).ln().minus(logPhi).div(2).plus(lg).minus(pN);
  };
  return {
    safe(n: bigint): boolean {
      const regime = gRegimeOf(n, limits);
      const x = Number(n);
      const phiValue = phiOf ? phiOf(x) : 2;
      const approx = logDeviationBoundFromPhi(N, x, logGInRegime(x, s, regime), phiValue);
      const margin = 1e-9 * Math.max(1, Math.abs(logEpsilon));
      if (n < 2n ** 52n && Math.abs(approx - logEpsilon) > margin) return approx <= logEpsilon;
      if (approx === -Infinity) return true;
      return preciseLogBound(n, regime).lte(pEps);
    },
  };
}

/** Largest n in [lo, hi] with safe(n), given safe is monotone (true then false) and safe(lo). */
function lastSafe(ev: BoundEvaluator, lo: bigint, hi: bigint): bigint {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = a + (b - a + 1n) / 2n;
    if (ev.safe(mid)) a = mid;
    else b = mid - 1n;
  }
  return a;
}

/**
 * The exact set of integers n ≥ 1 for which Theorem 3's bound
 * (1/N)·sqrt(πn/2)·G_n(s) — or Theorem 4's (1/N)·sqrt(nπ/φ(ζ))·G_n(s) — is ≤ ε,
 * so that E‖p^(m) − p^(1)‖₁ < ε at every generation m ≥ 2.
 *
 * G_n(s) is piecewise (eq. 10) and drops from regime 2 into regime 3, so the
 * set can be a union of intervals. Inside each regime the bound increases
 * with n, so the set is found exactly by bisection on integers in each regime
 * (no scan, no cap), with regime boundaries and near-ties decided in 60-digit
 * arithmetic. Works for N up to 10^15 and s up to 10^9.
 *
 * @example
 * ```ts
 * safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 100 }); // => { intervals: [{ from: 1, to: 7 }], maxN: 7 }
 * safeSyntheticSizes({ epsilon: 2, N: 60000, s: 12 }).intervals; // => [{ from: 1, to: 11 }, { from: 13, to: 546 }]
 * safeSyntheticSizes({ epsilon: 1, N: 1e15, s: 2 }).exact.maxN; // => 159154943091895335768883763372n
 * ```
 */
export function safeSyntheticSizes(options: SafeSyntheticSizesOptions): SafeSyntheticSizes {
  const o = checkOptions<SafeSyntheticSizesOptions>('options', options);
  const { epsilon, N, s } = readEpsilonNs(o);
  const bound = o.bound === undefined ? 'theorem3' : checkEnum('bound', o.bound, ['theorem3', 'theorem4'] as const);
  const variant: ZetaVariant =
    o.zetaVariant === undefined ? 'corrected' : checkEnum('zetaVariant', o.zetaVariant, ['corrected', 'printed'] as const);
  let lambda1: number | null = null;
  let phiOf: ((n: number) => number) | null = null;
  let precisePhiLogOf: ((n: bigint) => PreciseValue) | null = null;
  if (bound === 'theorem4') {
    if (o.lambda1 === undefined) throw new ParameterRangeError('lambda1', undefined, "given when bound is 'theorem4'");
    const l1 =
      typeof o.lambda1 === 'number'
        ? checkNumber('lambda1', o.lambda1, { min: 0, max: 0.25 })
        : lambdaP(o.lambda1 as ArrayLike<number>).upper;
    lambda1 = l1;
    phiOf = (n: number) => phi(zetaUnchecked(N, n, l1, variant));
    precisePhiLogOf = (n: bigint) => preciseLogPhi(preciseZeta(N, n, l1, variant));
  }
  const limits = gRegimeLimits(s);
  const ev = makeEvaluator(epsilon, N, s, phiOf, precisePhiLogOf, limits);
  const pieces: ExactIntegerInterval[] = [];
  const regimeStarts: Array<[bigint, bigint | null]> = [];
  if (limits.regime1Max >= 1n) regimeStarts.push([1n, limits.regime1Max]);
  const start2 = limits.regime1Max + 1n > 1n ? limits.regime1Max + 1n : 1n;
  if (limits.regime2Max >= start2) regimeStarts.push([start2, limits.regime2Max]);
  const start3 = limits.regime2Max + 1n > 1n ? limits.regime2Max + 1n : 1n;
  regimeStarts.push([start3, null]);
  for (const [lo, hiOrNull] of regimeStarts) {
    if (!ev.safe(lo)) continue;
    let hi = hiOrNull;
    if (hi === null) {
      // The bound grows without limit in regime 3: double until unsafe.
      let step = 1n;
      while (ev.safe(lo + step)) step *= 2n;
      hi = lo + step - 1n;
    }
    pieces.push({ from: lo, to: lastSafe(ev, lo, hi) });
  }
  const merged: ExactIntegerInterval[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.to + 1n >= piece.from) last.to = piece.to > last.to ? piece.to : last.to;
    else merged.push({ ...piece });
  }
  const exactMax = merged.length === 0 ? null : merged[merged.length - 1].to;
  return withDisplay({
    intervals: merged.map((r) => ({ from: Number(r.from), to: Number(r.to) })),
    maxN: exactMax === null ? null : Number(exactMax),
    exact: { intervals: merged, maxN: exactMax },
    bound,
    lambda1,
  }, 'safe-sizes', { epsilon, N, s });
}

function preciseZeta(N: number, n: bigint, lambda1: number, variant: ZetaVariant): PreciseValue {
  const pN = new Precise(N);
  const w = pN.div(pN.plus(n.toString()));
  const l = new Precise(lambda1);
  const half = new Precise(0.5);
  if (variant === 'printed') return half.minus(half.minus(l.mul(2)).mul(w).mul(w));
  const one = new Precise(1);
  const z = w.mul(w).mul(l).mul(2).plus(one.minus(w).mul(one.plus(w.mul(3))).div(2));
  return z.gt(half) ? half : z;
}

/** @internal exported for tests: the double-precision regime-1 threshold C0/e. */
export const REGIME1_SLOPE: number = C0 / Math.E;
