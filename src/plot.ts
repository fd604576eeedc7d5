/**
 * `model-collapse/plot`: SVG figures (optional plotting dependencies live here only).
 *
 * @module
 */
export { linePlot, type LinePlotOptions, type LineSeries } from './display/plot.ts';
