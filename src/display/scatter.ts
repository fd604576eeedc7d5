/**
 * Faceted scatter plots (e.g. points on the probability simplex, Figure 1).
 *
 * @module
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { checkOptions, ParameterTypeError } from '../validate.ts';
import { appendTitle } from './svg-title.ts';

/** Options of {@link scatterPlot}. */
export interface ScatterPlotOptions {
  points: Array<{ x: number; y: number; facet: string }>;
  /** Facet labels in display order. */
  facets: string[];
  title?: string;
  subtitle?: string;
  /** Draw the 2-simplex (triangle with vertices (0,0), (1,0), (1/2, √3/2)) and hide the axes. */
  simplex?: boolean;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

/**
 * Small multiples of a scatter plot as one SVG string.
 *
 * @example
 * ```ts
 * const svg = scatterPlot({ points: [{ x: 0.5, y: 0.2, facet: 'm = 0' }], facets: ['m = 0'], simplex: true });
 * svg.startsWith('<svg'); // => true
 * ```
 */
export function scatterPlot(options: ScatterPlotOptions): string {
  const o = checkOptions<ScatterPlotOptions>('options', options);
  if (!Array.isArray(o.points)) throw new ParameterTypeError('points', o.points, 'an array of { x, y, facet }');
  if (!Array.isArray(o.facets) || o.facets.length === 0) throw new ParameterTypeError('facets', o.facets, 'a non-empty array of labels');
  const document = parseHTML('<!DOCTYPE html><html><body></body></html>').document as unknown as Document;
  const width = o.width ?? Math.max(640, 190 * o.facets.length);
  const height = o.height ?? (o.simplex ? 260 : 300);
  const triangle = o.facets.flatMap((f) =>
    [
      [0, 0],
      [1, 0],
      [0.5, Math.sqrt(3) / 2],
      [0, 0],
    ].map(([x, y]) => ({ x, y, facet: f })),
  );
  const marks: Plot.Markish[] = [];
  if (o.simplex) marks.push(Plot.line(triangle, { x: 'x', y: 'y', fx: 'facet', stroke: '#999' }));
  marks.push(Plot.dot(o.points, { x: 'x', y: 'y', fx: 'facet', fill: '#d62728', fillOpacity: 0.45, r: 2.5 }));
  const node = Plot.plot({
    document,
    width,
    height,
    marginTop: o.title ? (o.subtitle ? 64 : 48) : 30,
    marginLeft: o.simplex ? 10 : 50,
    marginRight: 10,
    style: { fontFamily: 'DejaVu Sans, Helvetica, Arial, sans-serif', fontSize: '11px', background: 'white' },
    fx: { domain: o.facets, label: null, padding: 0.08 },
    x: o.simplex ? { axis: null, domain: [-0.05, 1.05] } : { label: o.xLabel },
    y: o.simplex ? { axis: null, domain: [-0.05, 0.92] } : { label: o.yLabel },
    marks,
  }) as unknown as Element;
  node.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  appendTitle(node, width, o.title, o.subtitle);
  return node.outerHTML;
}
