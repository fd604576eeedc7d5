/**
 * Plans of `exactSecondMoments`: which engine a schedule runs on (eq. 5
 * schedules with deterministic counts, Randomly Sampled Data, Accumulate /
 * Accumulate-subsample), its plan, its cost estimate checked against the
 * limits before any work, and the dispatch to the engine.
 *
 * @module
 */
import { checkSchedule, MAX_TRAINING_SIZE, type Schedule } from '../../theory/schedules.ts';
import { ParameterRangeError } from '../../validate.ts';
import { classLayout, type ClassLayout } from './class-layout.ts';
import { classPlan, entryBound, MAX_CLASS_ENTRIES, type ClassPlan } from './class-plan.ts';
import { classesEngine } from './classes-engine.ts';
import { finishCost, refuse, SecondMomentsCostError, type Limits, type SecondMomentsCost } from './cost.ts';
import type { EngineResult } from './engine.ts';
import type { MomentField } from './field.ts';
import { poolCost, poolEngine, type PoolPlan } from './pool-engine.ts';
import { randomCost, randomEngine, type RandomPlan } from './random-engine.ts';

/** The plan of one of the three engines. */
export type Plan = ClassPlan | RandomPlan | PoolPlan;

/** A request ready to run: the plan, the class layout (class engine only), the checked cost and the normalised schedule. */
export interface Prepared {
  plan: Plan;
  layout: ClassLayout | null;
  cost: SecondMomentsCost;
  schedule: Schedule;
}

/** What {@link prepare} reads. */
export interface PrepareOptions {
  /** The schedule, not yet validated. */
  schedule: unknown;
  /** Last generation M. */
  generations: number;
  /** Whether the full matrix C is requested. */
  cross: boolean;
  /** Refusal thresholds. */
  limits: Limits;
  /** Exact-rational arithmetic (the cross matrix is charged 4× the bytes). */
  rational: boolean;
}

/**
 * Validates the schedule, builds the plan of its engine and estimates the
 * cost, refusing what exceeds `limits` (for a deterministic schedule, first
 * from a bound on its counts, before any count is read).
 *
 * @param options - {@link PrepareOptions}.
 * @returns The {@link Prepared} request.
 * @throws {SecondMomentsCostError} over the limits; `ParameterRangeError` / `ParameterTypeError` for an invalid schedule.
 *
 * @example
 * ```ts
 * import { randomlySampled } from 'model-collapse';
 * const limits = { maxOperations: Infinity, maxBytes: Infinity };
 * prepare({ schedule: randomlySampled({ n: 10 }), generations: 500, cross: false, limits, rational: false }).cost.method; // => 'randomSplit'
 * ```
 */
export function prepare(options: PrepareOptions): Prepared {
  const { generations: M, cross, limits, rational } = options;
  const schedule = checkSchedule(options.schedule);
  const reuseReal = schedule.realData === 'reuse';
  const reuseSynthetic = schedule.syntheticData === 'reuse';
  const crossBytes = cross ? 8 * (M + 1) * (M + 1) * (rational ? 4 : 1) : 0;
  switch (schedule.kind) {
    case 'randomlySampled': {
      const plan: RandomPlan = { kind: 'random', M, n: schedule.n, reuseReal, reuseSynthetic };
      const c = randomCost(plan, cross);
      const cost = finishCost('randomSplit', c.operations, c.bytes + crossBytes);
      refuse(cost, limits, M);
      return { plan, layout: null, cost, schedule };
    }
    case 'accumulate':
    case 'accumulateSubsample': {
      const size = schedule.kind === 'accumulate' ? Infinity : schedule.size;
      const pool = schedule.N + (M - 1) * schedule.n;
      if (Math.min(size, pool) > MAX_TRAINING_SIZE) {
        throw new ParameterRangeError(`schedule total n^(${M})`, Math.min(size, pool), `an integer <= ${MAX_TRAINING_SIZE}`);
      }
      const plan: PoolPlan = { kind: 'pool', M, N: schedule.N, n: schedule.n, size, reuseReal, reuseSynthetic };
      const c = poolCost(plan, cross);
      const cost = finishCost('pool', c.operations, c.bytes + crossBytes);
      refuse(cost, limits, M);
      return { plan, layout: null, cost, schedule };
    }
    default: {
      // deterministic counts: first bound the work of reading them, then build the classes
      const entries = entryBound(schedule, M);
      const pre = finishCost('classes', entries, 40 * entries + crossBytes);
      if (entries > MAX_CLASS_ENTRIES) {
        // beyond what the class plan can hold (JS arrays and Int32 offsets): refuse whatever the limits,
        // exactSecondMomentsCost included (building the plan would abort the process)
        throw new SecondMomentsCostError(
          'generations',
          M,
          `a horizon whose schedule has at most ${MAX_CLASS_ENTRIES} counts n_t^(m) > 0 (this request may have ${entries.toExponential(2)}): use fewer generations or a schedule with a bounded window`,
          pre,
          limits.maxOperations,
        );
      }
      refuse(pre, limits, M);
      const plan = classPlan(schedule, M);
      const layout = classLayout(plan, cross);
      const cost = finishCost('classes', layout.operations + entries, layout.bytes + crossBytes);
      refuse(cost, limits, M);
      return { plan, layout, cost, schedule };
    }
  }
}

/**
 * Runs the engine of a {@link Prepared} request in the field F.
 *
 * @param F - The arithmetic.
 * @param prep - The request.
 * @param S0 - ‖p‖₂² in F.
 * @param cross - Also return the full matrix C.
 * @returns The engine's S, C[1][·] and optional C.
 */
export function run<T>(F: MomentField<T>, prep: Prepared, S0: T, cross: boolean): EngineResult<T> {
  const { plan } = prep;
  switch (plan.kind) {
    case 'classes':
      return classesEngine(F, { plan, layout: prep.layout as ClassLayout, S0, cross });
    case 'random':
      return randomEngine(F, { plan, S0, cross });
    case 'pool':
      return poolEngine(F, { plan, S0, cross });
  }
}
