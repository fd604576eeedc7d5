/**
 * Fuzzing of the simulation layer (cases in cases-simulation.ts): schedules,
 * simulate / simulateAsync on small problems with every option fuzzed (huge
 * generations or runs must be refused up front by the memory estimate),
 * summaries and seeding.
 */
import { describe, it } from 'vitest';
import { simulationCases } from './cases-simulation.ts';
import { runCase } from './harness.ts';

describe('fuzz: only documented errors, never NaN (simulation)', () => {
  for (const c of simulationCases) it(c.name, () => runCase(c, 20_261_201));
});
