/**
 * Fuzzing of the exact engines and of Rational's static constructors (cases
 * in cases-exact.ts): small accepted problems; huge ones only where the
 * up-front cost estimate must refuse them with a typed error.
 */
import { describe, it } from 'vitest';
import { exactCases } from './cases-exact.ts';
import { runCase } from './harness.ts';

describe('fuzz: only documented errors, never NaN (exact engines, Rational)', () => {
  // 10 000 safe-size searches take one to two minutes: above vitest's default timeout.
  for (const c of exactCases) it(c.name, () => runCase(c, 20_261_202), 600_000);
});
