import { describe, expect, it } from 'vitest';
import {
  collapseProbabilityBounds,
  collapseTimeBounds,
  exactCollapseTime,
  fullySynthetic,
  partiallySynthetic,
  paperSafeSyntheticSize,
  safeSyntheticSizes,
  simulate,
  simulateAsync,
  withDispersion,
} from '../../src/index.ts';
import { exactDeviation } from '../../src/exact/deviation/index.ts';
import { compareSafeSyntheticSizes, exactSafeSyntheticSize } from '../../src/exact/safe-size/index.ts';
import { hasDisplay, JUPYTER_DISPLAY, toMimeBundle, type MimeBundle } from '../../src/display/bundle.ts';
import { answersSvg, escapeHtml, fmt, htmlTable } from '../../src/display/jupyter.ts';
import { markupProblem } from '../markup.ts';

const KEY = Symbol.for('Jupyter.display');

/** Well-formedness of an SVG document (see test/markup.ts): null or the first problem. */
const svgProblem = (svg: string): string | null => markupProblem(svg, true);

function expectValidBundle(b: MimeBundle, withSvg: boolean): void {
  expect(typeof b['text/plain']).toBe('string');
  expect(b['text/plain'].length).toBeGreaterThan(20);
  const html = b['text/html'] as string;
  expect(html).toMatch(/<table>[\s\S]*<tr>[\s\S]*<\/tr>[\s\S]*<\/table>/);
  if (withSvg) {
    const svg = b['image/svg+xml'] as string;
    expect(svgProblem(svg)).toBeNull();
    expect(svg.length).toBeGreaterThan(1000);
    // Notebook front ends show only the richest type (HTML): the plot must be inside it too.
    expect(html).toContain(svg);
  } else {
    expect(b['image/svg+xml']).toBeUndefined();
    expect(html).not.toContain('<svg');
  }
}

describe('the SVG checker itself', () => {
  it('accepts a small document and rejects broken ones', () => {
    const ok = '<svg xmlns="http://www.w3.org/2000/svg" width="10"><g><text x="1">a &amp; b</text></g><rect x="0"/></svg>';
    expect(svgProblem(ok)).toBeNull();
    expect(svgProblem(ok.replace('</g>', ''))).not.toBeNull();
    expect(svgProblem(ok.replace('x="1"', 'x=1'))).not.toBeNull();
    expect(svgProblem(ok.replace('a &amp; b', 'a & b'))).not.toBeNull();
    expect(svgProblem(ok.replace(' xmlns="http://www.w3.org/2000/svg"', ''))).not.toBeNull();
  });
});

describe('MIME bundles of results', () => {
  const p = withDispersion({ s: 600, support: 52, S0: 0.1 });

  it('simulate: text, per-generation table, collapse table and a plot', async () => {
    const r = simulate({ p, schedule: fullySynthetic({ n: 10 }), generations: 50, runs: 40, seed: 1 });
    const b = await toMimeBundle(r);
    expectValidBundle(b, true);
    expect(b['text/plain']).toContain('fullySynthetic(n = 10');
    expect(b['text/plain']).toContain('40 runs');
    expect(b['text/plain']).toContain(`σ_m = ‖p^(m)‖₂² at m = 50: ${fmt(r.metrics.sigma.mean[50])}`);
    expect(b['text/html']).toContain('<td>50</td>');
    expect(b['text/html']).toContain(`${r.collapse.observed} / 40`);
    expect(b['image/svg+xml']).toContain('generation m');
  });

  it('simulateAsync and a partially synthetic schedule with a subset of metrics', async () => {
    const r = await simulateAsync({ p, schedule: partiallySynthetic({ N: 100, n: 10 }), generations: 20, runs: 10, seed: 2, metrics: ['l1FromFirst'] });
    const b = await toMimeBundle(r);
    expectValidBundle(b, true);
    expect(b['text/plain']).toContain('‖p^(m) − p^(1)‖₁ at m = 20');
    expect(b['text/plain']).not.toContain('σ_m');
  });

  it('exactCollapseTime: E[T] between the bounds of Theorem 1, with the law plotted', async () => {
    const r = exactCollapseTime([0.5, 0.3, 0.2], { n: 50 });
    const bounds = collapseTimeBounds({ n: 50, S0: 0.38, support: 3 });
    const b = await toMimeBundle(r);
    expectValidBundle(b, true);
    expect(b['text/plain']).toContain(`E[T] = ${fmt(r.mean, 6)}`);
    expect(b['text/plain']).toContain(`${fmt(bounds.lower)} ≤ E[T] ≤ ${fmt(bounds.upper)}`);
    expect(b['image/svg+xml']).toContain('P(T ≤ m)');
    // The trivial chain (one token) has nothing to plot.
    expectValidBundle(await toMimeBundle(exactCollapseTime([1, 0], { n: 5 })), false);
  });

  it('safeSyntheticSizes and paperSafeSyntheticSize', async () => {
    const sizes = await toMimeBundle(safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 100 }));
    expectValidBundle(sizes, true);
    expect(sizes['text/plain']).toContain('n ∈ 1…7; largest safe n = 7');
    const none = await toMimeBundle(safeSyntheticSizes({ epsilon: 0.001, N: 10, s: 100 }));
    expect(none['text/plain']).toContain('no n ≥ 1');
    const theorem4 = await toMimeBundle(safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 100, bound: 'theorem4', lambda1: 0.1 }));
    expect(theorem4['text/plain']).toContain('Theorem 4 (λ1 = 0.1)');
    const paper = await toMimeBundle(paperSafeSyntheticSize({ epsilon: 0.1, N: 1e6, s: 100 }));
    expectValidBundle(paper, false);
    expect(paper['text/plain']).toContain('maxN = 4');
  });

  it('collapseProbabilityBounds (with a plot over m) and collapseTimeBounds', async () => {
    const rho = await toMimeBundle(collapseProbabilityBounds(5, { n: 10, S0: 0.1, support: 52 }));
    expectValidBundle(rho, true);
    expect(rho['text/plain']).toContain('0 ≤ ρ_5 ≤ 0.4581');
    expect(rho['text/plain']).toContain('vacuous');
    const T = await toMimeBundle(collapseTimeBounds({ n: 10, S0: 0.1, support: 52 }));
    expectValidBundle(T, false);
    expect(T['text/plain']).toContain('9.259 ≤ E[T] ≤ 82');
    const dirac = await toMimeBundle(collapseTimeBounds({ n: 10, S0: 1, support: 1 }));
    expect(dirac['text/plain']).toContain('1 ≤ E[T] ≤ 1');
  });

  it('exactDeviation, exactSafeSyntheticSize and compareSafeSyntheticSizes', async () => {
    const d = exactDeviation({ p: [0.5, 0.5], N: 10, n: 5, generations: 3 });
    const db = await toMimeBundle(d);
    expectValidBundle(db, true);
    expect(db['text/plain']).toContain(`E‖p^(3) − p^(1)‖₁ = ${fmt(d.fromFirst[3], 6)}`);
    const safe = exactSafeSyntheticSize({ epsilon: 0.5, N: 100, s: 10 });
    const sb = await toMimeBundle(safe);
    expectValidBundle(sb, true);
    expect(sb['text/plain']).toContain('exact deviation:');
    expect(sb['text/plain']).toContain(`(n → ∞) the deviation tends to ${fmt(safe.certificate.limit.value)}`);
    expect(sb['text/html']).toContain('deviation with unlimited synthetic data');
    // A safe set with a gap (finite M: the drift rises, then falls with n) is never shown as "every n".
    const gap = await toMimeBundle(exactSafeSyntheticSize({ epsilon: 0.1, N: 1000, s: 100, generations: 2 }));
    expect(gap['text/plain']).toContain('exact deviation: every large n (the set has gaps) (safe n: 1…257, 3878…∞)');
    expect(gap['image/svg+xml']).toContain('>every large n<');
    const gapCmp = await toMimeBundle(compareSafeSyntheticSizes({ epsilon: 0.1, N: 1000, s: 100, generations: 2 }));
    expect(gapCmp['text/plain']).toContain('exact every large n (safe n: 1…257, 3878…∞)');
    const cmp = compareSafeSyntheticSizes({ epsilon: 0.5, N: 100, s: 10 });
    const cb = await toMimeBundle(cmp);
    expectValidBundle(cb, true);
    expect(cb['text/plain']).toContain(`exact ${cmp.exact === Infinity ? 'every n' : fmt(cmp.exact)}`);
  });
});

describe('the display method', () => {
  const results: Array<[string, object]> = [
    ['simulate', simulate({ p: [0.5, 0.5], schedule: fullySynthetic({ n: 4 }), generations: 3, runs: 2, seed: 1 })],
    ['exactCollapseTime', exactCollapseTime([0.5, 0.5], { n: 4 })],
    ['safeSyntheticSizes', safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 100 })],
    ['paperSafeSyntheticSize', paperSafeSyntheticSize({ epsilon: 0.1, N: 1e6, s: 100 })],
    ['collapseProbabilityBounds', collapseProbabilityBounds(5, { n: 10, S0: 0.1, support: 52 })],
    ['collapseTimeBounds', collapseTimeBounds({ n: 10, S0: 0.1, support: 52 })],
    ['exactDeviation', exactDeviation({ p: [0.5, 0.5], N: 10, n: 5, generations: 2 })],
  ];

  for (const [name, r] of results) {
    it(`${name}: is there, async, and non-enumerable`, async () => {
      expect(hasDisplay(r)).toBe(true);
      const d = Object.getOwnPropertyDescriptor(r, KEY);
      expect(d?.enumerable).toBe(false);
      expect(typeof d?.value).toBe('function');
      expect(Object.keys(r)).not.toContain(String(KEY));
      expect(Object.getOwnPropertySymbols({ ...r })).toEqual([]);
      expect(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain('Jupyter');
      const out = (r as Record<symbol, () => unknown>)[KEY]();
      expect(out).toBeInstanceOf(Promise);
      expect(Object.keys((await out) as MimeBundle)).toContain('text/plain');
    });
  }

  it('deep equality with a plain object is unchanged', () => {
    expect(collapseTimeBounds({ n: 10, S0: 1, support: 1 })).toEqual({ lower: 1, upper: 1 });
    expect(collapseTimeBounds({ n: 10, S0: 1, support: 1 })).toStrictEqual({ lower: 1, upper: 1 });
  });

  it('JUPYTER_DISPLAY is the Deno kernel key; plain objects have no display', async () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for('Jupyter.display'));
    expect(hasDisplay({ lower: 1 })).toBe(false);
    expect(hasDisplay(null)).toBe(false);
    await expect(toMimeBundle({ lower: 1 })).rejects.toThrow(TypeError);
  });
});

describe('rendering helpers', () => {
  it('fmt, escapeHtml, htmlTable', () => {
    expect(fmt(9.258823529411764)).toBe('9.259');
    expect(fmt(82)).toBe('82');
    expect(fmt(null)).toBe('—');
    expect(fmt(Infinity)).toBe('∞');
    expect(fmt(1.23e-7)).toBe('1.23e-7');
    expect(fmt(159154943091895335768883763372n)).toBe('159154943091895335768883763372');
    expect(escapeHtml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
    expect(htmlTable(['x'], [['<1>']])).toBe('<table><thead><tr><th>x</th></tr></thead><tbody><tr><td>&lt;1&gt;</td></tr></tbody></table>');
  });

  it('answersSvg draws "none", finite and unbounded answers', () => {
    const svg = answersSvg('t', 's', [
      { label: 'a', value: 0 },
      { label: 'b', value: 120 },
      { label: 'c', value: Infinity },
    ]);
    expect(svgProblem(svg)).toBeNull();
    expect(svg).toContain('>none<');
    expect(svg).toContain('>120<');
    expect(svg).toContain('>every n<');
    expect(svg.match(/<rect /g)?.length).toBe(3); // background + two bars
  });
});
