/**
 * The Stirling remainder of log k!, shared by the rejection samplers.
 *
 * @module
 */

/**
 * fc(k) = log k! − [(k + ½)·log(k + 1) − (k + 1) + ½·log 2π] for k = 0…15
 * (the Stirling remainder), computed with mpmath at 40 digits.
 */
const FC_TABLE = new Float64Array([
  0.081061466795327258, 0.041340695955409294, 0.027677925684998339, 0.020790672103765093,
  0.016644691189821192, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
  0.0092554621827127329, 0.0083305634333628713, 0.0075736754879518408, 0.0069428401072095299,
  0.0064089941880042071, 0.0059513701127588477, 0.0055547335519628014, 0.0052076559196096404,
]);

/**
 * Stirling remainder fc(k) = log k! − [(k + ½)·log(k + 1) − (k + 1) + ½·log 2π]
 * for an integer k ≥ 0: table for k < 16, else the
 * asymptotic series 1/(12y) − 1/(360y³) + 1/(1260y⁵) − 1/(1680y⁷) + 1/(1188y⁹)
 * − 691/(360360y¹¹), y = k + 1, whose truncation error (< 1/(156y¹³)) is below
 * 1e-18, i.e. 2e-16 relative, for y ≥ 17. Internal
 * (not re-exported from the package).
 *
 * @param k - An integer ≥ 0 (not checked).
 * @returns fc(k), in (0, 0.0811].
 *
 * @example
 * ```ts
 * stirlingRemainder(0); // => 0.08106146679532726
 * stirlingRemainder(1e6); // => 8.333325000008055e-8
 * ```
 */
export function stirlingRemainder(k: number): number {
  if (k < 16) return FC_TABLE[k];
  const y = k + 1;
  const z = 1 / (y * y);
  return (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z * (1 / 1680 - z * (1 / 1188 - (691 / 360360) * z))))) / y;
}

