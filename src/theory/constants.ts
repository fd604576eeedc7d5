/**
 * Constants of Lemma 1 (Mardia et al., 2020) as used in eq. 10 and eq. 13.
 *
 * @module
 */
import { PRECISE_E, PRECISE_PI, Precise, type PreciseValue } from '../numeric/precise.ts';

/** C0 = e³/(2π) ≈ 3.1967 (eq. 10). */
export const C0: number = Math.exp(3) / (2 * Math.PI);
/** C1 = 6e/π^{3/2} ≈ 2.9290 (eq. 10). */
export const C1: number = (6 * Math.E) / Math.pow(Math.PI, 1.5);
/** ln C1. */
export const LOG_C1: number = Math.log(C1);

/** C0 to 60 digits. */
export const PRECISE_C0: PreciseValue = PRECISE_E.pow(3).div(PRECISE_PI.mul(2));
/** C1 to 60 digits. */
export const PRECISE_C1: PreciseValue = PRECISE_E.mul(6).div(PRECISE_PI.pow(new Precise(1.5)));
