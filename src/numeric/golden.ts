/**
 * Golden-section search for the maximum of a unimodal function on [a, b]: one new
 * evaluation per step (the interval shrinks by 0.618 each time).
 *
 * @module
 */

const GOLDEN = 0.381966011250105; // (3 − √5)/2

/** The best point found and its value. */
export interface GoldenMaximum {
  x: number;
  value: number;
}

/**
 * Maximises `fn` on [a, b] by golden sections (exact for unimodal fn up to the stopping width);
 * stops after `iterations` steps or once b − a ≤ relativeWidth·max(|b|, floor).
 *
 * @example
 * ```ts
 * goldenMaximum((x) => -((x - 0.3) ** 2), 0, 1).x.toFixed(6); // => "0.300000"
 * ```
 */
export function goldenMaximum(
  fn: (x: number) => number,
  a: number,
  b: number,
  options: { iterations?: number; relativeWidth?: number; floor?: number } = {},
): GoldenMaximum {
  const iterations = options.iterations ?? 100;
  const relativeWidth = options.relativeWidth ?? 1e-15;
  const floor = options.floor ?? 1e-300;
  let lo = a;
  let hi = b;
  let m1 = lo + (hi - lo) * GOLDEN;
  let m2 = hi - (hi - lo) * GOLDEN;
  let v1 = fn(m1);
  let v2 = fn(m2);
  for (let it = 0; it < iterations && hi - lo > relativeWidth * Math.max(Math.abs(hi), floor); it++) {
    if (v1 < v2) {
      lo = m1;
      m1 = m2;
      v1 = v2;
      m2 = hi - (hi - lo) * GOLDEN;
      v2 = fn(m2);
    } else {
      hi = m2;
      m2 = m1;
      v2 = v1;
      m1 = lo + (hi - lo) * GOLDEN;
      v1 = fn(m1);
    }
  }
  return v1 >= v2 ? { x: m1, value: v1 } : { x: m2, value: v2 };
}
