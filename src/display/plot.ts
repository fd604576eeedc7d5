/**
 * SVG plots rendered with @observablehq/plot on a linkedom document — the
 * `model-collapse/plot` entry point. Plotting dependencies are imported only
 * here, never by the core entry point.
 *
 * @module
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { checkNumber, checkOptions, ParameterRangeError, ParameterTypeError } from '../validate.ts';
import { appendTitle } from './svg-title.ts';

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

/** The smallest normal double, 2^−1022. */
const MIN_NORMAL = 2.2250738585072014e-308;
/** Narrowest span of a linear axis: d3's ticks fail (RangeError: Invalid array length) below about 1e-307. */
const MIN_SPAN = 1e-300;

/**
 * The domain of a linear axis: the given one, or the data's (undefined: Plot's
 * own), widened to MIN_SPAN around its middle when narrower but not empty
 * (values that differ only below 1e-300, e.g. denormals).
 */
function tickableDomain(values: number[], given?: [number, number]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of given ?? values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo) || hi - lo >= MIN_SPAN) return given;
  const mid = lo / 2 + hi / 2;
  return [mid - MIN_SPAN / 2, mid + MIN_SPAN / 2];
}

function isArrayLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as ArrayLike<unknown>).length === 'number';
}

/** A series: an object with array-like x and y (and lower/upper when given). */
function checkSeries(s: unknown, i: number): LineSeries {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new ParameterTypeError(`series[${i}]`, s, 'a line series { name, x, y }');
  const o = s as LineSeries;
  for (const k of ['x', 'y', 'lower', 'upper'] as const) {
    if ((k === 'x' || k === 'y' || o[k] !== undefined) && !isArrayLike(o[k])) throw new ParameterTypeError(`series[${i}].${k}`, o[k], 'an array of numbers');
  }
  return o;
}

function rows(s: LineSeries, i: number, clampY: (y: number) => number): Array<Record<string, number | string>> {
  if (s.x.length !== s.y.length) throw new ParameterRangeError(`series[${i}].y`, s.y, `an array of the length of x (${s.x.length})`);
  const out: Array<Record<string, number | string>> = [];
  for (let k = 0; k < s.x.length; k++) {
    const row: Record<string, number | string> = { x: s.x[k], y: clampY(s.y[k]), name: s.name };
    if (s.lower && s.upper) {
      row.lo = clampY(s.lower[k]);
      row.hi = clampY(s.upper[k]);
    }
    out.push(row);
  }
  return out;
}

/**
 * A line chart as an SVG string: labelled axes, log scales on request, a
 * legend drawn inside the plot, optional bands. Points with a non-finite
 * coordinate (or below 2^−1022, 0 included, on a log axis) are left out; a
 * linear axis spans at least 1e-300.
 *
 * @throws {ParameterTypeError} / {ParameterRangeError} for an empty or invalid
 *   `series` (x and y arrays of equal length), `yDomain`, `width` or `height`.
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
  if (o.yDomain !== undefined) {
    if (!Array.isArray(o.yDomain) || o.yDomain.length !== 2) throw new ParameterTypeError('yDomain', o.yDomain, 'an array [min, max] of two finite numbers');
    checkNumber('yDomain[0]', o.yDomain[0]);
    checkNumber('yDomain[1]', o.yDomain[1]);
  }
  if (o.width !== undefined) checkNumber('width', o.width, { min: 0, minExclusive: true, max: 1e5 });
  if (o.height !== undefined) checkNumber('height', o.height, { min: 0, minExclusive: true, max: 1e5 });
  // With a fixed linear yDomain, a value ~1e306 domain widths away overflows its pixel coordinate
  // ("-Infinity" in the SVG path): clamp values 10^6 widths away, which changes nothing inside the frame.
  let clampY = (y: number): number => y;
  if (o.yDomain !== undefined && !o.logY) {
    const [a, b] = o.yDomain;
    const width = Math.abs(b - a) || Math.abs(a) || 1;
    const lo = Math.min(a, b) - 1e6 * width;
    const hi = Math.max(a, b) + 1e6 * width;
    clampY = (y) => (!Number.isFinite(y) ? y : y < lo ? lo : y > hi ? hi : y);
  }
  if (o.logY && o.yDomain !== undefined && !(Math.min(...o.yDomain) >= MIN_NORMAL)) {
    throw new ParameterRangeError('yDomain', o.yDomain, `numbers >= ${MIN_NORMAL} on a log axis`);
  }
  // points with a non-finite coordinate (or below the smallest normal double, 0 included, on a log axis) are left out
  const onAxis = (v: number | string, log: boolean | undefined): boolean => Number.isFinite(v) && (!log || (v as number) >= MIN_NORMAL);
  const xs: number[] = [];
  const ys: number[] = [];
  o.series.forEach((series, i) => {
    const s = checkSeries(series, i);
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const data = rows(s, i, clampY).filter((r) => onAxis(r.x, o.logX) && onAxis(r.y, o.logY));
    for (const r of data) {
      xs.push(r.x as number);
      ys.push(r.y as number);
    }
    if (s.lower && s.upper) {
      const band = data.filter((r) => onAxis(r.lo, o.logY) && onAxis(r.hi, o.logY));
      for (const r of band) ys.push(r.lo as number, r.hi as number);
      marks.push(Plot.areaY(band, { x: 'x', y1: 'lo', y2: 'hi', fill: color, fillOpacity: 0.15 }));
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
    x: { label: o.xLabel, type: o.logX ? 'log' : 'linear', domain: o.logX ? undefined : tickableDomain(xs), labelAnchor: 'center', labelArrow: 'none', grid: true, tickFormat: o.logX ? '~g' : undefined },
    y: { label: o.yLabel, type: o.logY ? 'log' : 'linear', domain: o.logY ? o.yDomain : tickableDomain(ys, o.yDomain), labelAnchor: 'center', labelArrow: 'none', grid: true, tickFormat: o.logY ? '~g' : undefined },
    marks,
  });
  const svg = (node as unknown as Element).tagName.toLowerCase() === 'svg' ? (node as unknown as Element) : null;
  if (svg) appendTitle(svg, width, o.title, o.subtitle);
  return finish(node as unknown as Element);
}
