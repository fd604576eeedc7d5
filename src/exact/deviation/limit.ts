/**
 * The deviation when the synthetic sample is unlimited: the n → ∞ limit of the
 * stationary exact deviation E‖p^(∞) − p^(1)‖₁ of the Partially Synthetic model.
 *
 * Given its corpus count C_i = c, token i's share follows x' = (c + Bin(n, x))/(N + n).
 * Over n generations this is a Wright–Fisher diffusion with mutation towards c/N
 * (drift −N(x − c/N), variance x(1 − x) per unit time), whose stationary law is
 * Beta(2c, 2(N − c)); so the limit is Σ_i E_{C ~ Bin(N, p_i)} h(C) with h(c) the mean
 * absolute deviation of Beta(2c, 2(N − c)) around its mean c/N:
 *
 *   h(c) = 2a^a b^b / (B(a, b)(a + b)^{a+b+1}), a = 2c, b = 2(N − c)
 *        = sqrt(2/π)·sqrt(c(N − c)/(2N³))·exp(μ(2N) − μ(2c) − μ(2N − 2c)),
 *
 * μ being Binet's function (`stirlerr`). h is concave on 0…N (docs/exact.md), so
 * Σ_i f(p_i) is largest at the uniform p: the worst case over p on s tokens is exact.
 *
 * @module
 */
import { checkInteger, checkNumber, checkOptions } from '../../validate.ts';
import { binomialRow, stirlerr } from './binomial.ts';
import { ExactComputationTooLargeError, MAX_EXACT_SAMPLES } from './budget.ts';
import { readTokenGroups, tokenSpread } from './token-groups.ts';

/** Probabilities below this are dropped from the corpus-count sums (their mass is bounded). */
const CUTOFF = 1e-20;

/**
 * h(c): mean absolute deviation of Beta(2c, 2(N − c)) around its mean c/N (0 at c = 0 and c = N).
 *
 * @example
 * ```ts
 * betaDeviation(5, 1); // => 0.0966367641600
 * betaDeviation(2, 1); // => 0.1875
 * ```
 */
export function betaDeviation(N: number, c: number): number {
  if (c <= 0 || c >= N) return 0;
  const x = c / N;
  const spread = Math.sqrt((x * (1 - x)) / (2 * N));
  return Math.sqrt(2 / Math.PI) * spread * Math.exp(stirlerr(2 * N) - stirlerr(2 * c) - stirlerr(2 * (N - c)));
}

/** Σ_c Bin(N, x)(c)·h(c) and a rigorous bound on the mass dropped (h ≤ 1 there). */
export function tokenLimit(N: number, x: number): { value: number; error: number; operations: number } {
  const row = binomialRow(N, x, 1 - x, CUTOFF);
  let value = 0;
  for (let j = 0; j < row.values.length; j++) value += row.values[j] * betaDeviation(N, row.start + j);
  // Relative rounding of ~1e-15 per term plus the dropped mass (h ≤ 1/2 < 1).
  return { value, error: row.dropped + 4e-16 * row.values.length * value, operations: row.values.length };
}

/** Estimated operations of {@link deviationLimit}: the binomial rows' lengths, 20·sqrt(N x(1 − x)) + 1 per distinct x. */
export function limitOperations(values: readonly number[], N: number): number {
  let estimate = 0;
  for (const x of values) estimate += 20 * Math.sqrt(N * x * (1 - x)) + 1;
  return estimate;
}

/** The rigorous supremum over n and m of the second-moment bound: sqrt((1 − 1/N)/(2N + 1))·Σ sqrt(p_i(1 − p_i)). */
export function secondMomentSupremum(N: number, spread: number): number {
  return Math.sqrt((1 - 1 / N) / (2 * N + 1)) * spread;
}

/** Σ over distinct values (with multiplicities) of the per-token limit. */
export function deviationLimit(values: readonly number[], counts: readonly number[], N: number): { value: number; error: number; operations: number } {
  let value = 0;
  let error = 0;
  let operations = 0;
  for (let g = 0; g < values.length; g++) {
    const t = tokenLimit(N, values[g]);
    value += counts[g] * t.value;
    error += counts[g] * t.error;
    operations += t.operations;
  }
  return { value, error, operations };
}

/** Options of {@link exactDeviationLimit}. */
export interface ExactDeviationLimitOptions {
  /** Real samples N ≥ 1. */
  N: number;
  /** The initial distribution p; omit it and give `s` for the worst case over every p on s tokens. */
  p?: ArrayLike<number>;
  /** Vocabulary size s ≥ 2 (worst case over p); must equal p.length when both are given. */
  s?: number;
  /** Work limit in multiply-adds (default 1e9): about Σ over distinct p_i of 20·sqrt(N p_i(1 − p_i)) + 1. */
  maxOperations?: number;
}

/** Answer of {@link exactDeviationLimit}. */
export interface ExactDeviationLimit {
  /** lim_{n→∞} E‖p^(∞) − p^(1)‖₁ (the stationary deviation of Theorem 3's setting, unlimited synthetic data). */
  value: number;
  /** Certified bound on |value − exact| (dropped binomial mass and rounding). */
  error: number;
  /** `'given'`: for the p passed; `'worst-case'`: the maximum over every p on s tokens, attained at the uniform p. */
  distribution: 'given' | 'worst-case';
  /** The rigorous second-moment (Jensen) value sqrt((1 − 1/N)/(2N + 1))·Σ sqrt(p_i(1 − p_i)) ≥ value. */
  secondMomentBound: number;
  /** Multiply-adds spent. */
  operations: number;
}

/**
 * How far the model drifts when the synthetic sample is unlimited: the n → ∞ limit
 * of the exact stationary deviation E‖p^(∞) − p^(1)‖₁ of the Partially Synthetic
 * model (Section 4, the quantity of Theorem 3 and eq. 11), for a given p or the
 * worst p on s tokens.
 *
 * Each token's share is a Wright–Fisher chain with immigration from its corpus share
 * c/N; as n → ∞ its stationary law tends to Beta(2c, 2(N − c)), so the limit is
 * Σ_i E_{C ~ Bin(N, p_i)} h(C) with h(c) the Beta law's mean absolute deviation
 * 2a^a b^b/(B(a, b)(a + b)^{a+b+1}) (a = 2c, b = 2(N − c)). h is concave on 0…N, so the
 * uniform p is exactly the worst case. About sqrt(2/π)·Σ sqrt(p_i(1 − p_i)/(2N)):
 * Theorem 3's bound grows without limit in n; the deviation does not.
 *
 * For every finite n and every generation the exact deviation is below this limit
 * (verified numerically, see docs/exact.md); {@link exactSafeSyntheticSize} answers
 * "every n is safe" when the limit is ≤ ε.
 *
 * @param options - `{ N, p? | s?, maxOperations = 1e9 }`.
 * @returns the limit, its certified error and the second-moment bound above it.
 * @throws ParameterRangeError / ParameterTypeError on invalid input;
 *   ExactComputationTooLargeError when the estimate exceeds `maxOperations`.
 *
 * @example
 * ```ts
 * exactDeviationLimit({ N: 2, p: [0.5, 0.5] }).value; // => 0.1875
 * const w = exactDeviationLimit({ N: 2000, s: 100 });
 * w.value; // => 0.124446906249
 * w.distribution; // => 'worst-case'
 * w.secondMomentBound > w.value; // => true
 * ```
 * ```ts ignore
 * exactDeviationLimit({ N: 0, s: 100 }); // throws ParameterRangeError
 * ```
 */
export function exactDeviationLimit(options: ExactDeviationLimitOptions): ExactDeviationLimit {
  const o = checkOptions<ExactDeviationLimitOptions>('options', options);
  const N = checkInteger('N', o.N, { min: 1, max: MAX_EXACT_SAMPLES });
  const { values, counts, distribution } = readTokenGroups(o, 1e15);
  const maxOperations = o.maxOperations === undefined ? 1e9 : checkNumber('maxOperations', o.maxOperations, { min: 0, minExclusive: true });
  const estimate = limitOperations(values, N);
  if (estimate > maxOperations) {
    throw new ExactComputationTooLargeError(`exactDeviationLimit(N = ${N}, ${values.length} distinct p_i)`, estimate, maxOperations);
  }
  const limit = deviationLimit(values, counts, N);
  return { value: limit.value, error: limit.error, distribution, secondMomentBound: secondMomentSupremum(N, tokenSpread(values, counts)), operations: limit.operations };
}
