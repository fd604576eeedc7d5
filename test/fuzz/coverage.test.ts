/**
 * Every function exported by the package entry point has a fuzz case, so a
 * function added later cannot be forgotten: this test fails until a case is
 * added to one of cases-core.ts, cases-simulation.ts, cases-exact.ts, cases-text.ts.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import { coreCases } from './cases-core.ts';
import { exactCases } from './cases-exact.ts';
import { simulationCases } from './cases-simulation.ts';
import { textCases } from './cases-text.ts';

const covered = new Set([...coreCases, ...simulationCases, ...exactCases, ...textCases].map((c) => c.name));

/**
 * Classes, with why they have no case of their own: the error classes are only
 * constructed by the library (every fuzz case checks that refusals are instances
 * of them); Rational is fuzzed through its public static constructors below.
 */
const CLASSES: Record<string, string> = {
  ParameterRangeError: 'error class, raised by every refusal',
  ParameterTypeError: 'error class, raised by every refusal',
  CollapseCostError: 'error class of the exact collapse-time engine',
  SecondMomentsCostError: 'error class of the exact second-moment engine',
  MemoryLimitError: 'error class of simulate',
  ExactComputationTooLargeError: 'error class of the exact deviation and safe-size engines (cost refusal)',
  Rational: 'class: its static constructors are fuzzed as Rational.<name>',
};
/**
 * Exported functions without a fuzz case yet, each with the reason; remove a
 * name once its case exists. Any other exported function without a case fails
 * the test.
 */
const PENDING: Record<string, string> = {};

/** TypeScript-private statics of Rational (visible at run time, not part of the API). */
const RATIONAL_PRIVATE = new Set(['make', 'addParts', 'mulParts']);

function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}

describe('fuzz coverage of the public API', () => {
  const entries = Object.entries(api);

  it('every exported function has a fuzz case', () => {
    const functions = entries.filter(([, v]) => typeof v === 'function' && !isClass(v)).map(([k]) => k);
    expect(functions.length).toBeGreaterThan(60);
    expect(functions.filter((k) => !covered.has(k) && !(k in PENDING))).toEqual([]);
  });

  it('every exported class is allowlisted with a reason', () => {
    const classes = entries.filter(([, v]) => isClass(v)).map(([k]) => k);
    expect(classes.filter((k) => !(k in CLASSES))).toEqual([]);
  });

  it("every public static method of Rational has a fuzz case", () => {
    const statics = Object.getOwnPropertyNames(api.Rational).filter(
      (k) => typeof (api.Rational as unknown as Record<string, unknown>)[k] === 'function' && !RATIONAL_PRIVATE.has(k),
    );
    expect(statics.length).toBeGreaterThan(0);
    expect(statics.filter((k) => !covered.has(`Rational.${k}`))).toEqual([]);
  });

  it('pending names are still exported functions without a case (remove them once covered)', () => {
    for (const k of Object.keys(PENDING)) {
      expect([k, typeof (api as Record<string, unknown>)[k]]).toEqual([k, 'function']);
      expect([k, covered.has(k)]).toEqual([k, false]);
    }
  });

  it('non-function exports are constants (numbers, arrays of names, symbols)', () => {
    const others = entries.filter(([, v]) => typeof v !== 'function');
    for (const [k, v] of others) expect([k, typeof v === 'number' || typeof v === 'symbol' || Array.isArray(v)]).toEqual([k, true]);
  });

  it('no fuzz case names a function the API does not export', () => {
    for (const name of covered) {
      const [head, tail] = name.split('.');
      const value = (api as Record<string, unknown>)[head];
      expect([name, tail === undefined ? typeof value : typeof (value as Record<string, unknown>)[tail]]).toEqual([name, 'function']);
    }
  });
});
