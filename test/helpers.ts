/** Relative error |a − b|/|b| (absolute when b = 0). */
export function relErr(a: number, b: number): number {
  if (b === 0) return Math.abs(a);
  return Math.abs(a - b) / Math.abs(b);
}
