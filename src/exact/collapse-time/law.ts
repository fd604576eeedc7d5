/**
 * The lazy law of the collapse time: P(T > m) = π·Q^(m−1)a and P(T = m) = π·Q^(m−2)b
 * (a(k) = k/n, b(k) = (k/n)^n), iterated on the band of Q, cached, and continued past the
 * iterated horizon by the certified spectral tail of `spectral.ts`. Internal to `src/exact/`.
 *
 * **One law.** Within the horizon, P(T ≤ m) is the compensated running sum of the pmf while it is
 * ≤ ½ (relatively accurate when tiny) and 1 − P(T > m) beyond; the survival is the other
 * complement, so cdf + survival = 1 to rounding. Beyond the horizon H both come from the spectral
 * representation of the iterates u_(H−1) and e_(H−1).
 *
 * **Slack.** Q̂ (the stored band, rows normalised) differs from Q by rows of zero sum and ℓ1
 * norm ≤ 2δ, so each step moves an iterate x by ≤ 2δ·osc(x̂) componentwise (plus the exact
 * propagation, Q being substochastic): the slack of u_j and e_j is 2δ·Σ_(t<j) osc, accumulated as
 * the chain is iterated. ‖π − π̂‖₁ ≤ 2·(dropped mass of π).
 *
 * @module
 */
import { stepTwo, absorptionAtZero } from './band.ts';
import { neumaierDot, U } from './chain.ts';
import type { Chain } from './chain.ts';
import { eigenbasis, evaluateTail, spectralTail, tailRelativeError } from './spectral.ts';
import type { Eigenbasis, SpectralTail } from './spectral.ts';

/** The law of T at one generation m, with certified bounds. */
export interface CollapseTimeLawValue {
  /** The generation m. */
  m: number;
  /** P(T = m). */
  pmf: number;
  /** P(T ≤ m) = ρ_m (for m ≥ 1). */
  cdf: number;
  /** P(T > m) = 1 − ρ_m. */
  survival: number;
  /** Certified lower bound on P(T = m) (exact arithmetic). */
  pmfLower: number;
  /** Certified upper bound on P(T = m). */
  pmfUpper: number;
  /** Certified lower bound on P(T ≤ m). */
  cdfLower: number;
  /** Certified upper bound on P(T ≤ m). */
  cdfUpper: number;
  /** Certified lower bound on P(T > m). */
  survivalLower: number;
  /** Certified upper bound on P(T > m). */
  survivalUpper: number;
  /**
   * `'iterated'`: m is within the iterated horizon (bounds: the truncation slack, ~1e-20
   * absolute). `'spectral'`: beyond it, from the exact eigenvectors of Q with a certified
   * relative error ≤ 1e-10 for pmf, cdf and survival. `'bound'`: beyond the horizon, but the
   * iteration cap was reached before the spectral fit certified 1e-10: the point values are
   * estimates, guaranteed only to lie within the (honest) bounds. `'closed-form'`: trivial chains.
   */
  source: 'iterated' | 'spectral' | 'bound' | 'closed-form';
}

/** Relative accuracy the spectral tail must certify before the iteration stops. */
export const SPECTRAL_TARGET = 1e-10;

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** max and osc of a non-negative iterate. */
function maxOsc(x: Float64Array): { max: number; osc: number } {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { max, osc: max - Math.min(min, max) };
}

export class LazyLaw {
  readonly chain: Chain;
  readonly maxIterations: number;
  /** Steps done: u = Q̂^j a, e = Q̂^j b. */
  private j = 0;
  private u: Float64Array;
  private e: Float64Array;
  private nu: Float64Array;
  private ne: Float64Array;
  /** Accumulated slack of u_j and e_j (see module doc). */
  private slackU = 0;
  private slackE = 0;
  /** Per m ≤ horizon: survival, pmf, running pmf sum, and their slacks. */
  private surv: Float64Array;
  private pmfs: Float64Array;
  private sums: Float64Array;
  private survSlack: Float64Array;
  private pmfSlack: Float64Array;
  private sumSlack: Float64Array;
  private cdfSum = 0;
  private cdfComp = 0;
  private cumPmfSlack = 0;
  private readonly piErr: number;
  private basis: Eigenbasis | null = null;
  /** The spectral tails of u_j, e_j at step `tailStep`. */
  private tail: { u: SpectralTail; e: SpectralTail; step: number; certified: boolean } | null = null;
  private nextCheck: number;

  constructor(chain: Chain, maxIterations: number) {
    this.chain = chain;
    this.maxIterations = maxIterations;
    const { size, n, pi } = chain;
    this.u = new Float64Array(size);
    this.e = new Float64Array(size);
    this.nu = new Float64Array(size);
    this.ne = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const k = i + 1;
      this.u[i] = k / n;
      this.e[i] = absorptionAtZero(n, n - k);
    }
    this.piErr = 2 * chain.piDropped;
    const len = 64;
    this.surv = new Float64Array(len);
    this.pmfs = new Float64Array(len);
    this.sums = new Float64Array(len);
    this.survSlack = new Float64Array(len);
    this.pmfSlack = new Float64Array(len);
    this.sumSlack = new Float64Array(len);
    this.surv[0] = 1;
    this.pmfs[1] = chain.pmfOne;
    this.sums[1] = chain.pmfOne;
    this.cdfSum = chain.pmfOne;
    this.surv[1] = neumaierDot(pi, this.u);
    this.survSlack[1] = this.piErr;
    this.nextCheck = Math.max(8, Math.ceil(n / 32));
  }

  horizon(): number {
    return this.j + 1;
  }

  private grow(m: number): void {
    if (m < this.surv.length) return;
    let len = this.surv.length;
    while (len <= m) len *= 2;
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(len);
      b.set(a);
      return b;
    };
    this.surv = grow(this.surv);
    this.pmfs = grow(this.pmfs);
    this.sums = grow(this.sums);
    this.survSlack = grow(this.survSlack);
    this.pmfSlack = grow(this.pmfSlack);
    this.sumSlack = grow(this.sumSlack);
  }

  /** One step: records pmf(j + 2) = π·e_j, advances to j + 1 and records survival(j + 2) = π·u_(j+1). */
  private step(): void {
    const { pi, band } = this.chain;
    const m = this.j + 2;
    this.grow(m);
    const pmf = neumaierDot(pi, this.e);
    const eStat = maxOsc(this.e);
    const uStat = maxOsc(this.u);
    this.pmfs[m] = pmf;
    this.pmfSlack[m] = this.piErr * (eStat.max + this.slackE) + this.slackE;
    this.cumPmfSlack += this.pmfSlack[m];
    const prev = this.cdfSum;
    const z = prev + pmf;
    this.cdfComp += Math.abs(prev) >= Math.abs(pmf) ? prev - z + pmf : pmf - z + prev;
    this.cdfSum = z;
    this.sums[m] = z + this.cdfComp;
    this.sumSlack[m] = this.cumPmfSlack;
    const d = 2 * band.delta;
    this.slackU += d * uStat.osc;
    this.slackE += d * eStat.osc;
    stepTwo(band, this.u, this.e, this.nu, this.ne);
    [this.u, this.nu] = [this.nu, this.u];
    [this.e, this.ne] = [this.ne, this.e];
    this.j++;
    this.surv[m] = neumaierDot(pi, this.u);
    this.survSlack[m] = this.piErr * (maxOsc(this.u).max + this.slackU) + this.slackU;
  }

  /** Fits the current iterates by the eigenbasis. */
  private fit(): { u: SpectralTail; e: SpectralTail; step: number; certified: boolean } {
    if (this.tail !== null && this.tail.step === this.j) return this.tail;
    const { n, pi } = this.chain;
    if (this.basis === null) this.basis = eigenbasis(n, Math.min(40, n));
    const tu = spectralTail(this.basis, this.u, this.slackU, pi, this.piErr);
    const te = spectralTail(this.basis, this.e, this.slackE, pi, this.piErr);
    const certified = tailRelativeError(tu) <= SPECTRAL_TARGET && tailRelativeError(te) <= SPECTRAL_TARGET;
    this.tail = { u: tu, e: te, step: this.j, certified };
    return this.tail;
  }

  private advanceTo(m: number): void {
    while (this.j + 1 < m && this.j < this.maxIterations && !(this.tail?.certified ?? false)) {
      this.step();
      if (this.j >= this.nextCheck) {
        this.nextCheck = this.j + Math.max(16, Math.ceil(this.chain.n / 64));
        this.fit();
      }
    }
  }

  at(m: number): CollapseTimeLawValue {
    this.advanceTo(m);
    const H = this.j + 1;
    if (m <= H) return this.iterated(m);
    return this.spectral(m);
  }

  private iterated(m: number): CollapseTimeLawValue {
    const pmf = this.pmfs[m];
    const pmfSlack = m <= 1 ? 0 : this.pmfSlack[m];
    const sum = m === 0 ? 0 : this.sums[m];
    const survIt = this.surv[m];
    const survSlack = m === 0 ? 0 : this.survSlack[m];
    let cdf: number;
    let survival: number;
    let cdfSlack: number;
    if (sum <= 0.5) {
      cdf = sum;
      survival = 1 - sum;
      // two routes to the truth: the pmf sum, and 1 − P(T > m) (|1 − surv − sum| absorbs the
      // rounding between the two recurrences)
      cdfSlack = m <= 1 ? 0 : Math.min(this.sumSlack[m], survSlack + Math.abs(1 - survIt - sum) + 4 * U);
    } else {
      survival = survIt;
      cdf = 1 - survIt;
      cdfSlack = Math.min(survSlack, this.sumSlack[m] + Math.abs(1 - survIt - sum) + 4 * U);
    }
    const out = (v: number, s: number): [number, number, number] => {
      const lo = Math.max(0, v - s);
      const hi = Math.min(1, v + s);
      return [clamp(v, lo, hi), lo, hi];
    };
    const [p, pLo, pHi] = out(pmf, pmfSlack);
    const [c, cLo, cHi] = out(cdf, cdfSlack);
    const [s, sLo, sHi] = out(survival, cdfSlack);
    return {
      m,
      pmf: p,
      cdf: c,
      survival: s,
      pmfLower: pLo,
      pmfUpper: pHi,
      cdfLower: cLo,
      cdfUpper: cHi,
      survivalLower: sLo,
      survivalUpper: sHi,
      source: 'iterated',
    };
  }

  private spectral(m: number): CollapseTimeLawValue {
    const t = this.fit();
    const j = t.step;
    const s = evaluateTail(t.u, m - 1 - j);
    const e = evaluateTail(t.e, m - 2 - j);
    const sLo = Math.max(0, s.value - s.bound);
    const sHi = Math.min(1, s.value + s.bound);
    const eLo = Math.max(0, e.value - e.bound);
    const eHi = Math.min(1, e.value + e.bound);
    const survival = clamp(s.value, sLo, sHi);
    const pmf = clamp(e.value, eLo, eHi);
    const good = t.certified && s.bound <= SPECTRAL_TARGET * s.value && e.bound <= SPECTRAL_TARGET * e.value;
    return {
      m,
      pmf,
      cdf: 1 - survival,
      survival,
      pmfLower: eLo,
      pmfUpper: eHi,
      cdfLower: 1 - sHi,
      cdfUpper: 1 - sLo,
      survivalLower: sLo,
      survivalUpper: sHi,
      source: good ? 'spectral' : 'bound',
    };
  }
}
