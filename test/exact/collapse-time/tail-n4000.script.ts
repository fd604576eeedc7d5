/**
 * The n = 4000 check of the spectral tail (too slow for the suite, ~2 min): the law of
 * exactCollapseTime([0.5, 0.3, 0.2], { n: 4000 }) against direct iteration of the per-token
 * chain to m = 3n. Run: npx tsx test/exact/collapse-time/tail-n4000.script.ts
 */
import { exactCollapseProbability, exactCollapseTime } from '../../../src/exact/collapse-time/index.ts';
import { directLaw } from './direct-law.ts';

const p = [0.5, 0.3, 0.2];
const n = 4000;
const ms = [1000, 3000, 4000, 6000, 9000, 12000];
let t = performance.now();
const law = exactCollapseTime(p, { n });
const rows = ms.map((m) => law.at(m));
const libMs = performance.now() - t;
t = performance.now();
const ref = directLaw(p, n, 12000);
const refMs = performance.now() - t;
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
console.log(`library ${libMs.toFixed(0)} ms (horizon ${law.horizon()}), direct iteration ${refMs.toFixed(0)} ms`);
console.log('| m | source | cdf | rel. error cdf | rel. error pmf | rel. error survival | certified rel. width (survival) |');
console.log('|---|---|---|---|---|---|---|');
for (const a of rows) {
  const S = ref.survival[a.m];
  const f = ref.pmf[a.m];
  console.log(
    `| ${a.m} | ${a.source} | ${a.cdf.toPrecision(10)} | ${rel(a.cdf, 1 - S).toExponential(1)} | ${rel(a.pmf, f).toExponential(1)} | ` +
      `${rel(a.survival, S).toExponential(1)} | ${((a.survivalUpper - a.survivalLower) / a.survival).toExponential(1)} |`,
  );
}
console.log('exactCollapseProbability(4000) =', exactCollapseProbability(4000, p, { n }));
