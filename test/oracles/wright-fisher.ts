/**
 * Exact oracle (test-only): exhaustive enumeration, in {@link Rational}
 * arithmetic, of the Markov chains of Seddik et al. (2024) for tiny parameters
 * (s ≤ 4 tokens, sample sizes ≤ ~6). It is the ground truth every closed form
 * of the library is checked against, so it is deliberately naive: it follows
 * the definitions (eq. 5, Section 2.2) step by step and never uses a formula
 * of the paper. Nothing here imports from `src/theory/`.
 *
 * - Fully Synthetic (Section 3.1): p^(0) = p; p^(m) = X/n, X ~ Multinomial(n, p^(m−1)).
 * - Partially Synthetic (Section 3.2, proofs of Theorems 2 and 4): one real corpus
 *   C ~ Multinomial(N, p) drawn once; p^(1) = C/N; for m ≥ 2,
 *   p^(m) = (C + X^(m))/(N + n) with X^(m) ~ Multinomial(n, p^(m−1)).
 *   With `freshReal: true`, a new corpus C^(m) ~ Multinomial(N, p) is drawn every
 *   generation instead (p^(1) = C^(1)/N, p^(m) = (C^(m) + X^(m))/(N + n)).
 *
 * @module
 */
import { Rational } from '../../src/numeric/rational.ts';
import { checkInteger, checkOptions, ParameterRangeError, ParameterTypeError } from '../../src/validate.ts';

/** A count vector with its exact probability. */
export interface WeightedCounts {
  /** Counts per token (they sum to the sample size). */
  readonly counts: readonly number[];
  /** Exact probability of these counts. */
  readonly probability: Rational;
}

// ---------------------------------------------------------------------------
// Validation

/** A probability vector of Rationals: non-empty, entries ≥ 0, summing to exactly 1. */
function checkRationalProbabilities(name: string, p: unknown): readonly Rational[] {
  const allowed = 'a non-empty array of Rational >= 0 summing to exactly 1';
  if (!Array.isArray(p)) throw new ParameterTypeError(name, p, allowed);
  if (p.length === 0) throw new ParameterRangeError(name, p, allowed);
  p.forEach((x, i) => {
    if (!(x instanceof Rational)) throw new ParameterTypeError(`${name}[${i}]`, x, 'a Rational');
    if (x.sign() < 0) throw new ParameterRangeError(`${name}[${i}]`, x.toString(), 'a Rational >= 0');
  });
  const total = Rational.sum(p as Rational[]);
  if (!total.equals(Rational.ONE)) throw new ParameterRangeError(`sum of ${name}`, total.toString(), 'exactly 1');
  return p as Rational[];
}

function checkCounts(name: string, counts: unknown): readonly number[] {
  if (!Array.isArray(counts)) throw new ParameterTypeError(name, counts, 'an array of integers >= 0');
  counts.forEach((c, i) => checkInteger(`${name}[${i}]`, c, { min: 0 }));
  return counts as number[];
}

// ---------------------------------------------------------------------------
// Building blocks

function factorial(k: number): bigint {
  let f = 1n;
  for (let i = 2; i <= k; i++) f *= BigInt(i);
  return f;
}

/**
 * All count vectors of length `s` with non-negative entries summing to `n`
 * (the weak compositions of n into s parts), in lexicographic order, first
 * entry largest first: there are C(n + s − 1, s − 1) of them.
 *
 * @example
 * ```ts
 * compositions(2, 2); // [[2, 0], [1, 1], [0, 2]]
 * ```
 */
export function compositions(n: number, s: number): number[][] {
  checkInteger('n', n, { min: 0 });
  checkInteger('s', s, { min: 1 });
  const out: number[][] = [];
  const current: number[] = new Array<number>(s).fill(0);
  const fill = (index: number, remaining: number): void => {
    if (index === s - 1) {
      current[index] = remaining;
      out.push(current.slice());
      return;
    }
    for (let c = remaining; c >= 0; c--) {
      current[index] = c;
      fill(index + 1, remaining - c);
    }
  };
  fill(0, n);
  return out;
}

/**
 * Exact multinomial probability P(X = counts) for X ~ Multinomial(Σ counts, p):
 * (Σc)! / Π c_i! · Π p_i^{c_i}, with 0^0 = 1.
 *
 * @example
 * ```ts
 * multinomialPmf([1, 1], [Rational.of(1, 2), Rational.of(1, 2)]).toString(); // "1/2"
 * ```
 */
export function multinomialPmf(counts: readonly number[], p: readonly Rational[]): Rational {
  checkCounts('counts', counts);
  checkRationalProbabilities('p', p);
  if (counts.length !== p.length) {
    throw new ParameterRangeError('counts', counts, `an array of the same length as p (${p.length})`);
  }
  return multinomialPmfUnchecked(counts, p);
}

function multinomialPmfUnchecked(counts: readonly number[], p: readonly Rational[]): Rational {
  let n = 0;
  let denominator = 1n;
  let probability = Rational.ONE;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    n += c;
    denominator *= factorial(c);
    probability = probability.mul(p[i].pow(c));
  }
  return probability.mul(Rational.of(factorial(n), denominator));
}

/** The exact law of Multinomial(n, q): every count vector with positive probability. */
function multinomialLaw(n: number, q: readonly Rational[]): WeightedCounts[] {
  const out: WeightedCounts[] = [];
  for (const counts of compositions(n, q.length)) {
    const probability = multinomialPmfUnchecked(counts, q);
    if (!probability.isZero()) out.push({ counts, probability });
  }
  return out;
}

/** `counts / total` as a Rational vector. */
function toDistribution(counts: readonly number[], total: number): Rational[] {
  return counts.map((c) => Rational.of(c, total));
}

function keyOf(counts: readonly number[]): string {
  return counts.join(',');
}

function addCounts(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x + (b[i]));
}

/**
 * σ(q) = ‖q‖²₂ = Σ q_i².
 *
 * @example
 * ```ts
 * sumOfSquares([Rational.of(1, 2), Rational.of(1, 2)]).toString(); // "1/2"
 * ```
 */
export function sumOfSquares(q: readonly Rational[]): Rational {
  return Rational.sum(q.map((x) => x.mul(x)));
}

/**
 * ‖a − b‖₁ = Σ |a_i − b_i|.
 *
 * @example
 * ```ts
 * l1Distance([Rational.ONE, Rational.ZERO], [Rational.of(1, 2), Rational.of(1, 2)]).toString(); // "1"
 * ```
 */
export function l1Distance(a: readonly Rational[], b: readonly Rational[]): Rational {
  if (a.length !== b.length) throw new ParameterRangeError('b', b, `an array of length ${a.length}`);
  return Rational.sum(a.map((x, i) => x.sub(b[i]).abs()));
}

/** q(A) for every subset A ⊆ [s] (bit i of the index ⇔ token i ∈ A). */
function subsetMasses(q: readonly Rational[]): Rational[] {
  const masses: Rational[] = [];
  for (let mask = 0; mask < 2 ** q.length; mask++) {
    let mass = Rational.ZERO;
    for (let i = 0; i < q.length; i++) if (mask & (2 ** i)) mass = mass.add(q[i]);
    masses.push(mass);
  }
  return masses;
}

/**
 * λ(q) = max over subsets A ⊆ [s] of q(A)·(1 − q(A)) (proof of Theorem 4), by brute force over the 2^s subsets.
 *
 * @example
 * ```ts
 * lambdaOf([Rational.of(1, 3), Rational.of(1, 3), Rational.of(1, 3)]).toString(); // "2/9"
 * ```
 */
export function lambdaOf(q: readonly Rational[]): Rational {
  return Rational.max(Rational.ZERO, ...subsetMasses(q).map((m) => m.mul(Rational.ONE.sub(m))));
}

/**
 * π(q) = max over subsets A ⊆ [s] of min(q(A), 1 − q(A)) (eq. 12), by brute force over the 2^s subsets.
 *
 * @example
 * ```ts
 * piOf([Rational.of(1, 3), Rational.of(1, 3), Rational.of(1, 3)]).toString(); // "1/3"
 * ```
 */
export function piOf(q: readonly Rational[]): Rational {
  return Rational.max(Rational.ZERO, ...subsetMasses(q).map((m) => Rational.min(m, Rational.ONE.sub(m))));
}

/** Whether q is a Dirac mass (‖q‖∞ = 1). */
function isDirac(q: readonly Rational[]): boolean {
  return q.some((x) => x.equals(Rational.ONE));
}

/** Σ_k w_k · v_k for Rational vectors v_k. */
function weightedVectorSum(s: number, terms: Iterable<{ weight: Rational; vector: readonly Rational[] }>): Rational[] {
  const out: Rational[] = new Array<Rational>(s).fill(Rational.ZERO);
  for (const { weight, vector } of terms) {
    for (let i = 0; i < s; i++) out[i] = out[i].add(weight.mul(vector[i]));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Fully Synthetic

/** One atom of the law of p^(m) in the Fully Synthetic chain. */
export interface FullySyntheticState {
  /** n·p^(m) for m ≥ 1; `null` at m = 0, where p^(0) = p need not be on the grid. */
  readonly counts: readonly number[] | null;
  /** The distribution p^(m) itself. */
  readonly point: readonly Rational[];
  /** P(p^(m) = point). */
  readonly probability: Rational;
}

/** The exact law of the Fully Synthetic chain for generations 0..M. */
export interface FullySyntheticLaw {
  /** `states[m]`: the atoms of the law of p^(m) (distinct points, positive probabilities). */
  readonly states: readonly (readonly FullySyntheticState[])[];
  /** `S[m]` = E σ_m = E Σ_i (p_i^(m))². */
  readonly S: readonly Rational[];
  /** `rho[m]` = P(‖p^(m)‖∞ = 1). */
  readonly rho: readonly Rational[];
  /** `meanMax[m]` = E ‖p^(m)‖∞. */
  readonly meanMax: readonly Rational[];
  /** `meanL1FromInitial[m]` = E ‖p^(m) − p^(0)‖₁. */
  readonly meanL1FromInitial: readonly Rational[];
  /** `mean[m]` = E p^(m) (a vector; equals p by unbiasedness, Section 2.2). */
  readonly mean: readonly (readonly Rational[])[];
}

function checkSampleSize(name: string, value: unknown): number {
  return checkInteger(name, value, { min: 1 });
}

/**
 * The exact law of the Fully Synthetic chain p^(0) = p, p^(m) = X/n with
 * X ~ Multinomial(n, p^(m−1)), for m = 0..generations, with its summaries.
 *
 * @example
 * ```ts
 * fullySyntheticLaw([Rational.of(1, 2), Rational.of(1, 2)], 2, 1).S[1].toString(); // "3/4"
 * ```
 */
export function fullySyntheticLaw(p: readonly Rational[], n: number, generations: number): FullySyntheticLaw {
  checkRationalProbabilities('p', p);
  checkSampleSize('n', n);
  checkInteger('generations', generations, { min: 0 });
  const s = p.length;
  const rowCache = new Map<string, WeightedCounts[]>();
  const row = (counts: readonly number[]): WeightedCounts[] => {
    const key = keyOf(counts);
    let r = rowCache.get(key);
    if (r === undefined) {
      r = multinomialLaw(n, toDistribution(counts, n));
      rowCache.set(key, r);
    }
    return r;
  };

  const states: FullySyntheticState[][] = [[{ counts: null, point: p.slice(), probability: Rational.ONE }]];
  // Law of p^(1): X ~ Multinomial(n, p).
  let law = new Map<string, WeightedCounts>();
  for (const atom of multinomialLaw(n, p)) law.set(keyOf(atom.counts), atom);
  for (let m = 1; m <= generations; m++) {
    states.push(
      [...law.values()].map(({ counts, probability }) => ({ counts, point: toDistribution(counts, n), probability })),
    );
    if (m === generations) break;
    const next = new Map<string, WeightedCounts>();
    for (const { counts, probability } of law.values()) {
      for (const step of row(counts)) {
        const key = keyOf(step.counts);
        const weight = probability.mul(step.probability);
        const previous = next.get(key);
        next.set(key, {
          counts: step.counts,
          probability: previous === undefined ? weight : previous.probability.add(weight),
        });
      }
    }
    law = next;
  }

  const expectation = (m: number, f: (q: readonly Rational[]) => Rational): Rational =>
    Rational.sum((states[m] as FullySyntheticState[]).map((a) => a.probability.mul(f(a.point))));
  const range = [...Array(generations + 1).keys()];
  return {
    states,
    S: range.map((m) => expectation(m, sumOfSquares)),
    rho: range.map((m) => expectation(m, (q) => (isDirac(q) ? Rational.ONE : Rational.ZERO))),
    meanMax: range.map((m) => expectation(m, (q) => Rational.max(q[0], ...q))),
    meanL1FromInitial: range.map((m) => expectation(m, (q) => l1Distance(q, p))),
    mean: range.map((m) =>
      weightedVectorSum(
        s,
        (states[m] as FullySyntheticState[]).map((a) => ({ weight: a.probability, vector: a.point })),
      ),
    ),
  };
}

/**
 * Solves A·X = B exactly by Gauss–Jordan elimination (A square and non-singular,
 * B with any number of columns). Inputs are not modified.
 */
function solveLinearSystem(A: readonly (readonly Rational[])[], B: readonly (readonly Rational[])[]): Rational[][] {
  const size = A.length;
  const a = A.map((r) => r.slice());
  const b = B.map((r) => r.slice());
  for (let col = 0; col < size; col++) {
    let pivot = col;
    while (pivot < size && a[pivot][col].isZero()) pivot++;
    if (pivot === size) throw new Error('singular system in the absorbing-chain oracle');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    const pivotRow = a[col];
    const pivotRhs = b[col];
    const inverse = pivotRow[col].inv();
    for (let j = col; j < size; j++) pivotRow[j] = pivotRow[j].mul(inverse);
    for (let j = 0; j < pivotRhs.length; j++) pivotRhs[j] = pivotRhs[j].mul(inverse);
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const row = a[r];
      const factor = row[col];
      if (factor.isZero()) continue;
      for (let j = col; j < size; j++) row[j] = row[j].sub(factor.mul(pivotRow[j]));
      const rhs = b[r];
      for (let j = 0; j < rhs.length; j++) rhs[j] = rhs[j].sub(factor.mul(pivotRhs[j]));
    }
  }
  return b;
}

/**
 * The absorbing chain on the grid {count vectors}/n: the transient (non-Dirac)
 * states, the matrix I − Q over them, and the first step from p.
 */
function absorbingChain(p: readonly Rational[], n: number): {
  transient: number[][];
  index: Map<string, number>;
  iMinusQ: Rational[][];
  /** For each transient state, its one-step law (to any state). */
  rows: WeightedCounts[][];
  /** The law of the first step p^(1) from p^(0) = p. */
  first: WeightedCounts[];
} {
  const s = p.length;
  const transient = compositions(n, s).filter((c) => !c.includes(n));
  const index = new Map(transient.map((c, i) => [keyOf(c), i] as const));
  const rows = transient.map((c) => multinomialLaw(n, toDistribution(c, n)));
  const iMinusQ = transient.map((_, i) =>
    transient.map((__, j) => (i === j ? Rational.ONE : Rational.ZERO)),
  );
  rows.forEach((r, i) => {
    for (const { counts, probability } of r) {
      const j = index.get(keyOf(counts));
      if (j !== undefined) iMinusQ[i][j] = iMinusQ[i][j].sub(probability);
    }
  });
  return { transient, index, iMinusQ, rows, first: multinomialLaw(n, p) };
}

/** Exact moments of the Fully Synthetic collapse time. */
export interface CollapseTimeMoments {
  /** E[T], T = min{m ≥ 1 : p^(m) is a Dirac mass}. */
  readonly ET: Rational;
  /** E[T²]. */
  readonly ET2: Rational;
}

/**
 * Exact E[T] and E[T²] for the Fully Synthetic collapse time
 * T = min{m ≥ 1 : ‖p^(m)‖∞ = 1}, by solving the absorbing-chain systems
 * (I − Q)h = 1 and (I − Q)g = 2h − 1 over the non-Dirac grid states
 * (h, g: first and second moments of the remaining time), then taking the first
 * step from p^(0) = p (which need not be on the grid; T ≥ 1 even if p is a Dirac mass).
 *
 * @example
 * ```ts
 * fullySyntheticExpectedCollapseTime([Rational.of(1, 2), Rational.of(1, 2)], 2).ET.toString(); // "2"
 * ```
 */
export function fullySyntheticExpectedCollapseTime(p: readonly Rational[], n: number): CollapseTimeMoments {
  checkRationalProbabilities('p', p);
  checkSampleSize('n', n);
  const { transient, index, iMinusQ, first } = absorbingChain(p, n);
  const ones = transient.map(() => [Rational.ONE]);
  const h = transient.length === 0 ? [] : solveLinearSystem(iMinusQ, ones).map((r) => r[0]);
  const two = Rational.of(2);
  const g =
    transient.length === 0
      ? []
      : solveLinearSystem(iMinusQ, h.map((x) => [two.mul(x).sub(Rational.ONE)])).map((r) => r[0]);
  let ET = Rational.ZERO;
  let ET2 = Rational.ZERO;
  for (const { counts, probability } of first) {
    const j = index.get(keyOf(counts));
    const hj = j === undefined ? Rational.ZERO : h[j];
    const gj = j === undefined ? Rational.ZERO : g[j];
    // T = 1 + T', with T' the remaining time from p^(1): E(1+T')² = 1 + 2E T' + E T'².
    ET = ET.add(probability.mul(Rational.ONE.add(hj)));
    ET2 = ET2.add(probability.mul(Rational.ONE.add(two.mul(hj)).add(gj)));
  }
  return { ET, ET2 };
}

/**
 * Exact fixation probabilities P(lim_m p^(m) = δ_i), i = 0..s−1, of the Fully
 * Synthetic chain (absorption probabilities of the grid chain after the first step from p).
 *
 * @example
 * ```ts
 * fullySyntheticFixationProbabilities([Rational.of(1, 3), Rational.of(2, 3)], 2).map(String); // ["1/3", "2/3"]
 * ```
 */
export function fullySyntheticFixationProbabilities(p: readonly Rational[], n: number): Rational[] {
  checkRationalProbabilities('p', p);
  checkSampleSize('n', n);
  const s = p.length;
  const { transient, index, iMinusQ, rows, first } = absorbingChain(p, n);
  const diracIndex = (counts: readonly number[]): number => counts.indexOf(n);
  // R[x][i] = P(x → δ_i) in one step.
  const R = rows.map((r) => {
    const out: Rational[] = new Array<Rational>(s).fill(Rational.ZERO);
    for (const { counts, probability } of r) {
      const i = diracIndex(counts);
      if (i >= 0) out[i] = out[i].add(probability);
    }
    return out;
  });
  const U = transient.length === 0 ? [] : solveLinearSystem(iMinusQ, R);
  const out: Rational[] = new Array<Rational>(s).fill(Rational.ZERO);
  for (const { counts, probability } of first) {
    const j = index.get(keyOf(counts));
    for (let i = 0; i < s; i++) {
      const absorbed =
        j === undefined ? (diracIndex(counts) === i ? Rational.ONE : Rational.ZERO) : U[j][i];
      out[i] = out[i].add(probability.mul(absorbed));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Partially Synthetic

/** Options of {@link partiallySyntheticLaw}. */
export interface PartiallySyntheticOptions {
  /** Draw a new real corpus C^(m) ~ Multinomial(N, p) at every generation instead of reusing C (default false). */
  readonly freshReal?: boolean;
}

/** One atom of the joint law of (p^(1), p^(m)) in the Partially Synthetic chain. */
export interface PartiallySyntheticState {
  /** The first real corpus C (counts out of N): p^(1) = C/N. `null` at m = 0. */
  readonly corpus: readonly number[] | null;
  /** Counts Z with p^(m) = Z/N (m = 1) or Z/(N + n) (m ≥ 2); `null` at m = 0. */
  readonly counts: readonly number[] | null;
  /** p^(m). */
  readonly point: readonly Rational[];
  /** P(C, Z). */
  readonly probability: Rational;
}

/** The exact law of the Partially Synthetic chain for generations 0..M. */
export interface PartiallySyntheticLaw {
  /** `states[m]`: atoms of the joint law of (C, p^(m)); at m = 0 a single atom (p, probability 1). */
  readonly states: readonly (readonly PartiallySyntheticState[])[];
  /** `S[m]` = E Σ_i (p_i^(m))². */
  readonly S: readonly Rational[];
  /** `rho[m]` = P(‖p^(m)‖∞ = 1). */
  readonly rho: readonly Rational[];
  /** `meanL1FromFirst[m]` = E ‖p^(m) − p^(1)‖₁ (at m = 0: E ‖p − p^(1)‖₁). */
  readonly meanL1FromFirst: readonly Rational[];
  /** `meanL1FromInitial[m]` = E ‖p^(m) − p^(0)‖₁. */
  readonly meanL1FromInitial: readonly Rational[];
  /** `meanLambda[m]` = E λ(p^(m)), λ(q) = max_A q(A)(1 − q(A)). */
  readonly meanLambda: readonly Rational[];
  /** `meanPi[m]` = E π(p^(m)), π(q) = max_A min(q(A), 1 − q(A)). */
  readonly meanPi: readonly Rational[];
  /** `mean[m]` = E p^(m) (equals p by unbiasedness). */
  readonly mean: readonly (readonly Rational[])[];
}

/**
 * The exact law of the Partially Synthetic chain for m = 0..generations: a real
 * corpus C ~ Multinomial(N, p) drawn once, p^(1) = C/N and, for m ≥ 2,
 * p^(m) = (C + X^(m))/(N + n) with X^(m) ~ Multinomial(n, p^(m−1)); with
 * `freshReal: true` the corpus is redrawn every generation. The state is
 * (C, Z) with Z the counts of p^(m), atoms with equal state merged.
 *
 * @example
 * ```ts
 * partiallySyntheticLaw([Rational.of(1, 2), Rational.of(1, 2)], 2, 1, 2).S[2].toString(); // "7/9"
 * ```
 */
export function partiallySyntheticLaw(
  p: readonly Rational[],
  N: number,
  n: number,
  generations: number,
  options: PartiallySyntheticOptions = {},
): PartiallySyntheticLaw {
  checkRationalProbabilities('p', p);
  checkSampleSize('N', N);
  checkSampleSize('n', n);
  checkInteger('generations', generations, { min: 0 });
  checkOptions<PartiallySyntheticOptions>('options', options);
  const freshReal = options.freshReal ?? false;
  if (typeof freshReal !== 'boolean') throw new ParameterTypeError('options.freshReal', freshReal, 'a boolean');
  const s = p.length;

  const corpusLaw = multinomialLaw(N, p);
  /**
   * Law of the next counts Z' = C' + X', X ~ Multinomial(n, Z/total), with C' = corpus
   * (fixed real data) or C' ~ Multinomial(N, p) (fresh real data); equal Z' merged.
   */
  const stepCache = new Map<string, WeightedCounts[]>();
  const nextLaw = (corpus: readonly number[], counts: readonly number[], total: number): WeightedCounts[] => {
    const key = `${freshReal ? '' : keyOf(corpus)}|${total}|${keyOf(counts)}`;
    let law = stepCache.get(key);
    if (law === undefined) {
      const merged = new Map<string, WeightedCounts>();
      const synthetic = multinomialLaw(n, toDistribution(counts, total));
      const realDraws: readonly WeightedCounts[] = freshReal ? corpusLaw : [{ counts: corpus, probability: Rational.ONE }];
      for (const real of realDraws) {
        for (const x of synthetic) {
          const next = addCounts(real.counts, x.counts);
          const k = keyOf(next);
          const weight = real.probability.mul(x.probability);
          const previous = merged.get(k);
          merged.set(k, { counts: next, probability: previous === undefined ? weight : previous.probability.add(weight) });
        }
      }
      law = [...merged.values()];
      stepCache.set(key, law);
    }
    return law;
  };

  type Atom = { corpus: readonly number[]; counts: readonly number[]; probability: Rational };
  const states: PartiallySyntheticState[][] = [
    [{ corpus: null, counts: null, point: p.slice(), probability: Rational.ONE }],
  ];
  const firstPoints = new Map<string, Rational[]>();
  let law = new Map<string, Atom>();
  for (const { counts, probability } of corpusLaw) {
    law.set(`${keyOf(counts)}|${keyOf(counts)}`, { corpus: counts, counts, probability });
  }
  for (let m = 1; m <= generations; m++) {
    const total = m === 1 ? N : N + n;
    states.push(
      [...law.values()].map(({ corpus, counts, probability }) => ({
        corpus,
        counts,
        point: toDistribution(counts, total),
        probability,
      })),
    );
    if (m === generations) break;
    const next = new Map<string, Atom>();
    const add = (corpus: readonly number[], counts: readonly number[], weight: Rational): void => {
      const key = `${keyOf(corpus)}|${keyOf(counts)}`;
      const previous = next.get(key);
      next.set(key, { corpus, counts, probability: previous === undefined ? weight : previous.probability.add(weight) });
    };
    for (const { corpus, counts, probability } of law.values()) {
      for (const step of nextLaw(corpus, counts, total)) add(corpus, step.counts, probability.mul(step.probability));
    }
    law = next;
  }

  const firstOf = (corpus: readonly number[]): Rational[] => {
    const key = keyOf(corpus);
    let q = firstPoints.get(key);
    if (q === undefined) {
      q = toDistribution(corpus, N);
      firstPoints.set(key, q);
    }
    return q;
  };
  const range = [...Array(generations + 1).keys()];
  const expectation = (m: number, f: (atom: PartiallySyntheticState) => Rational): Rational =>
    Rational.sum((states[m] as PartiallySyntheticState[]).map((a) => a.probability.mul(f(a))));
  // E‖p − p^(1)‖₁ for m = 0 (p^(1) = C/N with C from the corpus law).
  const l1FirstAtZero = Rational.sum(
    corpusLaw.map(({ counts, probability }) => probability.mul(l1Distance(p, firstOf(counts)))),
  );
  return {
    states,
    S: range.map((m) => expectation(m, (a) => sumOfSquares(a.point))),
    rho: range.map((m) => expectation(m, (a) => (isDirac(a.point) ? Rational.ONE : Rational.ZERO))),
    meanL1FromFirst: range.map((m) =>
      m === 0 ? l1FirstAtZero : expectation(m, (a) => l1Distance(a.point, firstOf(a.corpus as number[]))),
    ),
    meanL1FromInitial: range.map((m) => expectation(m, (a) => l1Distance(a.point, p))),
    meanLambda: range.map((m) => expectation(m, (a) => lambdaOf(a.point))),
    meanPi: range.map((m) => expectation(m, (a) => piOf(a.point))),
    mean: range.map((m) =>
      weightedVectorSum(
        s,
        (states[m] as PartiallySyntheticState[]).map((a) => ({ weight: a.probability, vector: a.point })),
      ),
    ),
  };
}

/**
 * Shorthand for exact probability vectors in tests: `rationals('1/2', '1/3', '1/6')`
 * or `rationals(0.5, 0.25, 0.25)` (numbers are read exactly as doubles).
 *
 * @example
 * ```ts
 * rationals('1/2', '1/2').map(String); // ["1/2", "1/2"]
 * ```
 */
export function rationals(...values: readonly (string | number)[]): Rational[] {
  return values.map((v) => (typeof v === 'number' ? Rational.fromNumber(v) : Rational.parse(v)));
}
