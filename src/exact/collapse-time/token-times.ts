/**
 * {@link tokenCollapseTimes}: per-token expected fixation, loss and absorption times from the
 * solutions g and t of one banded LU (`./moments.ts`), with certified truncation bounds.
 * Re-exported by `./index.ts`.
 *
 * @module
 */
import { addTokenRow, buildChain, complementOf, groupIndex, groupTokens } from './chain.ts';
import { refuseIfTooCostly } from './cost.ts';
import { oscillation, solveMoments } from './moments.ts';
import { readCommon } from './options.ts';
import type { CollapseProbabilityOptions, TokenCollapseTimes } from './types.ts';

/**
 * Per-token times of the Fully Synthetic chain (Proposition 1 refined): for
 * each token, the probability p_i of being the survivor, the expected
 * collapse time given that it survives, the expected generation at which it
 * disappears given that it does, and the expected absorption time of its own
 * count chain. One banded LU as in {@link exactCollapseTime} (the loss times use
 * the same solution, reflected: Q commutes with k ↦ n − k).
 *
 * @param p - the initial distribution.
 * @param options - `n` (and `tolerance`, `maxBytes`, `maxSeconds`).
 * @example
 * ```ts
 * const t = tokenCollapseTimes([0.5, 0.5], { n: 2 });
 * t.expectedFixationTime; // => Float64Array [2, 2]
 * t.expectedLossTime; // => Float64Array [2, 2]
 * tokenCollapseTimes([0.7, 0.3, 0], { n: 3 }).expectedLossTime[2]; // => 0
 * ```
 */
export function tokenCollapseTimes(p: ArrayLike<number>, options: CollapseProbabilityOptions): TokenCollapseTimes {
  const common = readCommon(p, options);
  const { n, p: probs } = common;
  const s = probs.length;
  const groups = groupTokens(probs);
  const fix = new Float64Array(s);
  const loss = new Float64Array(s);
  const absorb = new Float64Array(s);
  const fixation = probs.slice();
  if (n === 1 || groups.support === 1) {
    for (let i = 0; i < s; i++) {
      const x = probs[i];
      fix[i] = x > 0 ? 1 : Infinity;
      loss[i] = x === 0 ? 0 : x === 1 ? Infinity : 1;
      absorb[i] = x === 0 ? 0 : 1;
    }
    return {
      n,
      fixationProbability: fixation,
      expectedFixationTime: fix,
      expectedLossTime: loss,
      expectedAbsorptionTime: absorb,
      relativeErrorBound: 0,
    };
  }
  refuseIfTooCostly(common, { extraMatvecs: 0, what: 'per-token collapse times' });
  const chain = buildChain(common, groups);
  const mom = solveMoments(chain);
  const { size } = chain;
  const scratch = new Float64Array(size);
  const piRow = new Float64Array(size);
  const gFix = new Float64Array(groups.values.length);
  const gLoss = new Float64Array(groups.values.length);
  const gAbs = new Float64Array(groups.values.length);
  const delta = 2 * chain.band.delta;
  let rel = 0;
  const tOsc = oscillation(mom.t);
  const tMax = tOsc.max * mom.tScale;
  for (let gi = 0; gi < groups.values.length; gi++) {
    const x = groups.values[gi];
    piRow.fill(0);
    const dropped = 2 * addTokenRow({ chain, x, out: piRow, scratch });
    let piG = 0;
    let piRG = 0;
    let piT = 0;
    for (let i = 0; i < size; i++) {
      const w = piRow[i];
      if (w === 0) continue;
      piG += w * mom.g[i];
      piRG += w * mom.g[size - 1 - i];
      piT += w * mom.t[i];
    }
    gFix[gi] = 1 + piG / x;
    gAbs[gi] = 1 + piT;
    // |π_i(g − ĝ)| ≤ δ·osc(g)·π_i t + dropped·max g (and the same for Rg; t: δ·osc(t)·π_i t).
    const piTUp = (piT + dropped * tMax) * mom.tScale;
    const err = mom.deltaOscG * piTUp + dropped * mom.gMaxUpper;
    const errT = delta * tOsc.osc * piTUp + dropped * tMax;
    if (x <= 0.5) {
      gLoss[gi] = 1 + piRG / (1 - x);
      rel = Math.max(rel, err / x / gFix[gi], err / (1 - x) / gLoss[gi], errT / gAbs[gi]);
    } else {
      // The loss of i is the fixation of the other tokens together, of probability 1 − x: take it as the
      // sum of the other tokens (1 − x cancels — it is 0 for p = [1, 1e-300], which gave 0/0) and use
      // the binomial row of that probability instead of the reflected row of x.
      const comp = complementOf(groups, gi);
      piRow.fill(0);
      const droppedC = 2 * addTokenRow({ chain, x: comp, out: piRow, scratch });
      let piGc = 0;
      let piTc = 0;
      for (let i = 0; i < size; i++) {
        const w = piRow[i];
        if (w === 0) continue;
        piGc += w * mom.g[i];
        piTc += w * mom.t[i];
      }
      gLoss[gi] = 1 + piGc / comp;
      const errC = mom.deltaOscG * (piTc + droppedC * tMax) * mom.tScale + droppedC * mom.gMaxUpper;
      rel = Math.max(rel, err / x / gFix[gi], errC / comp / gLoss[gi], errT / gAbs[gi]);
    }
  }
  for (let i = 0; i < s; i++) {
    const x = probs[i];
    if (x === 0) {
      fix[i] = Infinity;
      loss[i] = 0;
      absorb[i] = 0;
    } else {
      const gi = groupIndex(groups, x);
      fix[i] = gFix[gi];
      loss[i] = gLoss[gi];
      absorb[i] = gAbs[gi];
    }
  }
  return {
    n,
    fixationProbability: fixation,
    expectedFixationTime: fix,
    expectedLossTime: loss,
    expectedAbsorptionTime: absorb,
    relativeErrorBound: rel,
  };
}
