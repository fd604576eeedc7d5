/**
 * The schedules are defined in the theory layer (src/theory/schedules.ts: the
 * n_t^(m) of eq. 5 and §4.2), where both the exact engine and the simulator
 * can use them; re-exported here for the simulation layer.
 *
 * @module
 */
export * from '../theory/schedules.ts';
