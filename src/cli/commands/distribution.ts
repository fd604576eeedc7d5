/** Reads the initial distribution p for CLI commands: --distribution FILE, or (--vocab, --support, --s0). */
import { readFileSync } from 'node:fs';
import { intFlag, numberFlag, stringFlag, UsageError, type FlagSpec, type Flags } from '../args.ts';
import { withDispersion } from '../../distributions/with-dispersion.ts';
import { checkProbabilityVector } from '../../validate.ts';

/** Flags describing p. */
export const DISTRIBUTION_FLAGS: Record<string, FlagSpec> = {
  distribution: { type: 'string', description: 'JSON file with the probability vector p (an array of numbers summing to 1)' },
  vocab: { type: 'string', short: 's', symbol: 's', description: 'vocabulary size (without --distribution), integer ≥ 2', defaultText: '600' },
  support: { type: 'string', symbol: 's̃', description: 'support size of p (without --distribution)', defaultText: '52' },
  s0: { type: 'string', symbol: 'S0', description: '‖p‖₂² (without --distribution), in [1/s̃, 1)', defaultText: '0.1' },
};

/** p from the flags: the file, or withDispersion({ s, support, S0 }) (the paper's shape). */
export function distributionFromFlags(f: Flags): { p: Float64Array; label: string } {
  const file = stringFlag(f, 'distribution');
  if (file !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`--distribution must be a readable JSON file with an array of probabilities; ${(e as Error).message}`);
    }
    try {
      return { p: checkProbabilityVector('p', data), label: `p from ${file}` };
    } catch (e) {
      throw new UsageError(`--distribution: ${(e as Error).message}`);
    }
  }
  const s = intFlag(f, 'vocab', { min: 2, max: 1e7 }, 600);
  const support = intFlag(f, 'support', { min: 1, max: s }, Math.min(52, s));
  const S0 = numberFlag(f, 's0', { min: 1 / support, max: 1 }, Math.max(0.1, 1 / support));
  if (S0 === 1 && support > 1) throw new UsageError(`--s0 must be < 1 when --support is ${support} > 1; received '1'`);
  return { p: withDispersion({ s, support, S0 }), label: `withDispersion(s = ${s}, s̃ = ${support}, S0 = ${S0})` };
}
