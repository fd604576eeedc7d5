/** Exact computations plugged into the figures. */
import { exactCollapseTime } from '../../exact/collapse-time/index.ts';
import { exactDeviation } from '../../exact/deviation/index.ts';
import type { ReproduceHooks } from './hooks.ts';

/** The hooks used by `model-collapse reproduce`. */
export function defaultHooks(): ReproduceHooks {
  return {
    exactMeanCollapseTime: (p, n) => exactCollapseTime(p, { n }).mean,
    exactDeviationFromFirst: (p, N, n, generations) => exactDeviation({ p, N, n, generations, stationary: false }).fromFirst,
  };
}
