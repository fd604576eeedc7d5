/**
 * SVG plots rendered with @observablehq/plot on a linkedom document — the
 * `model-collapse/plot` entry point. Plotting dependencies are imported only
 * here, never by the core entry point.
 *
 * @module
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';

/** One line of a plot, optionally with a shaded band (e.g. a confidence interval). */
export interface LineSeries {
  /** Legend label. */
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Lower and upper edges of a band drawn under the line. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
  /** 'line' (default), 'dashed', 'dots' or 'step'. */
  style?: 'line' | 'dashed' | 'dots' | 'step';
  /** CSS color; defaults to the categorical palette. */
  color?: string;
}

/** Options of {@link linePlot}. */
export interface LinePlotOptions {
  series: LineSeries[];
  title?: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** Fixed y domain [min, max]. */
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

function doc(): Document {
  return parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as Document;
}

function finish(node: Element | SVGSVGElement | HTMLElement): string {
  const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg');
  if (!svg) throw new Error('plot produced no <svg>');
  // A figure (legend + svg) is wrapped in <figure>; inline the legend as SVG text instead.
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return svg.outerHTML;
}

function rows(s: LineSeries, i: number): Array<Record<string, number | string>> {
  if (s.x.length !== s.y.length) throw new ParameterRangeError(`series[${i}].y`, s.y, `an array of the length of x (${s.x.length})`);
  const out: Array<Record<string, number | string>> = [];
  for (let k = 0; k < s.x.length; k++) {
    const row: Record<string, number | string> = { x: s.x[k], y: s.y[k], name: s.name };
    if (s.lower && s.upper) {
      row.lo = s.lower[k];
      row.hi = s.upper[k];
    }
    out.push(row);
  }
  return out;
}

/**
 * A line chart as an SVG string: labelled axes, log scales on request, a
 * legend drawn inside the plot, optional bands.
 *
 * @example
 * ```ts
 * const svg = linePlot({ series: [{ name: 'S_m', x: [0, 1, 2], y: [0.1, 0.19, 0.271] }], xLabel: 'generation m', yLabel: 'S_m' });
 * svg.startsWith('<svg'); // => true
 * svg.includes('generation m'); // => true
 * ```
 */
export function linePlot(options: LinePlotOptions): string {
  const o = checkOptions<LinePlotOptions>('options', options);
  if (!Array.isArray(o.series) || o.series.length === 0) throw new ParameterTypeError('series', o.series, 'a non-empty array of line series');
  const marks: Plot.Markish[] = [];
  const legend: Array<{ name: string; color: string; style: string }> = [];
  o.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const data = rows(s, i).filter((r) => Number.isFinite(r.y as number) && (!o.logY || (r.y as number) > 0) && (!o.logX || (r.x as number) > 0));
    if (s.lower && s.upper) {
      marks.push(Plot.areaY(data.filter((r) => Number.isFinite(r.lo as number) && Number.isFinite(r.hi as number)), { x: 'x', y1: 'lo', y2: 'hi', fill: color, fillOpacity: 0.15 }));
    }
    const style = s.style ?? 'line';
    if (style === 'dots') marks.push(Plot.dot(data, { x: 'x', y: 'y', stroke: color, r: 2.5 }));
    else
      marks.push(
        Plot.line(data, {
          x: 'x',
          y: 'y',
          stroke: color,
          strokeWidth: 1.8,
          strokeDasharray: style === 'dashed' ? '6,4' : undefined,
          curve: style === 'step' ? 'step-after' : 'linear',
        }),
      );
    legend.push({ name: s.name, color, style });
  });
  const width = o.width ?? 640;
  const height = o.height ?? 400;
  // Legend: one row per series in the top-left corner, in frame coordinates.
  legend.forEach((l, i) => {
    const y = 14 + i * 16;
    marks.push(
      Plot.text([l.name], {
        frameAnchor: 'top-left',
        dx: 30,
        dy: y,
        text: (d: string) => d,
        fill: '#222',
        fontSize: 11,
        textAnchor: 'start',
      }),
      Plot.text([l.style === 'dots' ? '●' : l.style === 'dashed' ? '– –' : '——'], {
        frameAnchor: 'top-left',
        dx: 8,
        dy: y,
        text: (d: string) => d,
        fill: l.color,
        fontSize: 11,
        textAnchor: 'start',
      }),
    );
  });
  marks.push(Plot.frame({ stroke: '#ccc' }));
  const node = Plot.plot({
    document: doc(),
    width,
    height,
    marginLeft: 64,
    marginBottom: 44,
    style: { fontFamily: 'DejaVu Sans, Helvetica, Arial, sans-serif', fontSize: '11px', background: 'white' },
    marginTop: o.title ? (o.subtitle ? 52 : 36) : 20,
    x: { label: o.xLabel, type: o.logX ? 'log' : 'linear', labelAnchor: 'center', labelArrow: 'none', grid: true, tickFormat: o.logX ? '~g' : undefined },
    y: { label: o.yLabel, type: o.logY ? 'log' : 'linear', domain: o.yDomain, labelAnchor: 'center', labelArrow: 'none', grid: true, tickFormat: o.logY ? '~g' : undefined },
    marks,
  });
  const svg = (node as unknown as Element).tagName.toLowerCase() === 'svg' ? (node as unknown as Element) : null;
  if (svg && o.title) {
    const d = svg.ownerDocument;
    const add = (text: string, y: number, size: number, weight: string) => {
      const el = d.createElementNS('http://www.w3.org/2000/svg', 'text');
      el.setAttribute('x', String(width / 2));
      el.setAttribute('y', String(y));
      el.setAttribute('text-anchor', 'middle');
      el.setAttribute('font-size', String(size));
      el.setAttribute('font-weight', weight);
      el.textContent = text;
      svg.appendChild(el);
    };
    add(o.title, 18, 14, 'bold');
    if (o.subtitle) add(o.subtitle, 36, 11, 'normal');
  }
  return finish(node as unknown as Element);
}
