/**
 * Shared machinery of the fuzz tests: arbitraries over valid edge inputs and
 * invalid ones, and the outcome check. The only allowed outcomes of a call are
 * a result without NaN (and without ±Infinity unless the function documents
 * it), or a ParameterRangeError / ParameterTypeError (including their
 * subclasses MemoryLimitError and ExactComputationTooLargeError, whose
 * subclasses are CollapseCostError and SecondMomentsCostError)
 * whose message names the parameter, the value and what is allowed (a direct
 * ExactComputationTooLargeError states the estimate and the limit instead).
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import * as api from '../../src/index.ts';

/** Cases per function: FUZZ_RUNS (default 300 in `npm test`; `npm run test:fuzz` sets 10 000). */
export const RUNS: number = Number(process.env.FUZZ_RUNS ?? 300);

/** One fuzzed public function. */
export interface FuzzCase {
  /** Exported name (the coverage test checks every exported function has a case). */
  name: string;
  /** Arguments. */
  args: fc.Arbitrary<unknown[]>;
  /** The call (may return a promise). */
  call: (args: unknown[]) => unknown;
  /**
   * Where the function documents ±Infinity in an accepted result (e.g. the
   * interval of a single run). Absent: any non-finite number fails the case.
   */
  infinite?: string;
  /** The call returns a promise. */
  async?: boolean;
  /** Multiplier of RUNS for expensive functions (default 1); the figure reported in docs/reliability.md. */
  share?: number;
}

export const edgeNumbers: fc.Arbitrary<number> = fc.constantFrom(
  0, -0, 1, -1, 0.5, 2, 1e-300, 5e-324, 1e15, 1e16, 2 ** 53, 2 ** 53 + 2, 1e308, Number.NaN, Infinity, -Infinity, 0.25, 0.2500000001, 1 / 3,
);
export const anyNumber: fc.Arbitrary<number> = fc.oneof(edgeNumbers, fc.double(), fc.integer({ min: -10, max: 1e7 }), fc.integer({ min: 1, max: 1e15 }));
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  anyNumber,
  anyNumber,
  fc.anything(),
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.bigInt(),
);
/** Probability vectors: normalised, one atom, denormal atoms, unnormalised within tolerance, and invalid ones. */
export const probLike: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 0, maxLength: 12 }).map((a) => {
    const s = a.reduce((x, y) => x + y, 0);
    return s > 0 ? a.map((x) => x / s) : a;
  }),
  fc.array(anyNumber, { maxLength: 6 }),
  fc.constant([1]),
  fc.constant([0.5, 0.5]),
  fc.constant(new Float64Array([0.25, 0.75])),
  anyValue,
);
/** Valid probability vectors of 1–6 atoms at the edges (for the expensive functions). */
export const smallP: fc.Arbitrary<number[]> = fc.oneof<fc.Arbitrary<number[]>[]>(
  fc.constant<number[]>([1]),
  fc.constant<number[]>([0, 1, 0]),
  fc.constant<number[]>([0.5, 0.5]),
  fc.constant<number[]>([1 - 1e-300, 1e-300]),
  fc.constant<number[]>([1 - 5e-324 * 4, 5e-324, 5e-324, 5e-324, 5e-324]),
  fc.constant<number[]>([0.3, 0.3, 0.4 + 5e-10]), // unnormalised within tolerance
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }).map((a) => {
    const s = a.reduce((x, y) => x + y, 0);
    return s > 0 ? a.map((x) => x / s) : [1];
  }),
);
/** Invalid probability vectors. */
export const badP: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom([], [0.5, 0.6], [-0.5, 1.5], [Number.NaN, 1], [Infinity], [0.5, '0.5'], '0.5', null, { length: 2 }, [0.4, 0.4]),
  anyValue,
);
export const pArb: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: smallP }, { weight: 1, arbitrary: badP });

/** A valid small value (weight 3) or anything (weight 1). */
export function mostly<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown> = anyValue): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

/** Options record whose keys are each present or absent. */
export function optionsOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

export const rngValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((seed) => api.createRng(seed)) },
  { weight: 1, arbitrary: anyValue },
);

/** First non-finite number found in a result (depth-limited walk), as a path, or null. */
export function nonFinite(x: unknown, allowInfinity: boolean, path = '', depth = 0): string | null {
  if (depth > 5) return null;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return `${path} = NaN`;
    if (!allowInfinity && !Number.isFinite(x)) return `${path} = ${x}`;
    return null;
  }
  if (Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView))) {
    const a = x as ArrayLike<unknown>;
    const n = Math.min(a.length, 10_000);
    for (let i = 0; i < n; i++) {
      const r = nonFinite(a[i], allowInfinity, `${path}[${i}]`, depth + 1);
      if (r !== null) return r;
    }
    return null;
  }
  if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      const r = nonFinite(v, allowInfinity, `${path}.${k}`, depth + 1);
      if (r !== null) return r;
    }
  }
  return null;
}

/** Errors a documented refusal may raise. */
export function isDocumentedError(e: unknown): boolean {
  return e instanceof api.ParameterRangeError || e instanceof api.ParameterTypeError || e instanceof api.ExactComputationTooLargeError;
}

function check(result: unknown, allowInfinity: boolean): 'ok' {
  const bad = nonFinite(result, allowInfinity, 'result');
  if (bad !== null) throw new Error(`returned a non-finite number: ${bad}`);
  return 'ok';
}

function onError(e: unknown): 'typed-error' {
  if (isDocumentedError(e)) {
    // Direct cost refusals (deviation, safe size) state the estimate and the limit instead of a parameter's
    // allowed range; their subclasses (CollapseCostError, SecondMomentsCostError) name the parameter.
    if (e instanceof api.ExactComputationTooLargeError && e.name === 'ExactComputationTooLargeError') {
      expect((e as Error).message).toMatch(/would take about .* above maxOperations/);
    } else expect((e as Error).message).toMatch(/ must be [^]*; received /);
    return 'typed-error';
  }
  throw e;
}

/** Runs one call: a finite result or a typed error; anything else fails. */
export function outcome(call: () => unknown, allowInfinity = false): 'ok' | 'typed-error' | Promise<'ok' | 'typed-error'> {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    return onError(e);
  }
  if (result instanceof Promise) return result.then((r) => check(r, allowInfinity), onError);
  return check(result, allowInfinity);
}

/** Number of cases a FuzzCase runs. */
export function runsOf(c: FuzzCase): number {
  return Math.max(1, Math.round(RUNS * (c.share ?? 1)));
}

/** Runs one case with fast-check (fixed seed). */
export function runCase(c: FuzzCase, seed: number): Promise<void> | void {
  const numRuns = runsOf(c);
  const allow = c.infinite !== undefined;
  if (c.async === true) {
    return fc.assert(
      fc.asyncProperty(c.args, async (a) => {
        await outcome(() => c.call(a), allow);
      }),
      { seed, numRuns },
    );
  }
  fc.assert(
    fc.property(c.args, (a) => {
      outcome(() => c.call(a), allow);
    }),
    { seed, numRuns },
  );
}
