/**
 * The seeded random source every stochastic function of the library takes.
 *
 * @module
 */

/** A seeded pseudo-random number generator (see `createRng`). */
export interface Rng {
  /** The seed this generator was created with (results record it so a run replays). */
  readonly seed: number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A uniform unsigned 32-bit integer in [0, 2^32). */
  uint32(): number;
  /** An independent copy in the same state (drawing from one does not advance the other). */
  clone(): Rng;
}
