/** Exact computations plugged into the figures (none yet: the exact engine fills these in). */
import type { ReproduceHooks } from './hooks.ts';

/** The hooks used by `model-collapse reproduce`. */
export function defaultHooks(): ReproduceHooks {
  return {};
}
