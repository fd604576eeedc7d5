/**
 * Rich display of result objects in Jupyter (Deno kernel) and elsewhere.
 *
 * Result objects of the library (simulation results, the exact collapse-time
 * law, safe-size answers, bound tables) carry a non-enumerable method
 * `[Symbol.for('Jupyter.display')]()` returning a promise of a MIME bundle
 * (`text/plain`, an HTML table, an SVG plot where one helps); the Deno
 * Jupyter kernel calls it when a cell evaluates to such an object, and
 * {@link toMimeBundle} calls it for anyone else (Node included).
 *
 * Layering: this module has no imports and is the one sanctioned exception
 * to the layering of DESIGN.md — lower layers (theory, exact, simulation)
 * import it to attach the method, and the method loads the renderer
 * (./jupyter.ts, which pulls in the plotting dependencies) with a dynamic
 * `import()` at display time only, never when the library is loaded.
 *
 * @module
 */

/** `Symbol.for('Jupyter.display')`, the key the Deno Jupyter kernel looks up on a displayed value. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/** A Jupyter MIME bundle: MIME type → content. */
export interface MimeBundle {
  /** Plain-text summary (always present). */
  'text/plain': string;
  /** An HTML table (with the SVG plot inline when there is one). */
  'text/html'?: string;
  /** A standalone SVG plot, when the result has one. */
  'image/svg+xml'?: string;
}

/** What each kind of result needs besides itself to be displayed (inputs the result does not record). */
export interface DisplayContexts {
  simulation: null;
  'exact-collapse-time': { p: ArrayLike<number> };
  'safe-sizes': { epsilon: number; N: number; s: number };
  'paper-safe-size': { epsilon: number; N: number; s: number };
  'collapse-probability-bounds': { m: number; n: number; S0: number; support: number };
  'collapse-time-bounds': { n: number; S0: number; support: number };
  'exact-deviation': { N: number; n: number; s: number };
  'exact-safe-size': { epsilon: number; N: number; s: number };
  'safe-size-comparison': null;
}

/** The kinds of displayable results. */
export type DisplayKind = keyof DisplayContexts;

/**
 * Attaches the display method to `result` (non-enumerable, so JSON, deep
 * equality and spreading are unchanged) and returns `result`.
 * @internal used at the return sites of the result-producing functions.
 */
export function withDisplay<T extends object, K extends DisplayKind>(result: T, kind: K, context: DisplayContexts[K]): T {
  Object.defineProperty(result, JUPYTER_DISPLAY, {
    // The one dynamic import of the core: the renderer and the plotting libraries load only here.
    value: async (): Promise<MimeBundle> => (await import('./jupyter.ts')).renderMimeBundle(kind, result, context),
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return result;
}

/**
 * Whether `value` has a Jupyter display method (a result of the library, or
 * anything following the Deno kernel's `Symbol.for('Jupyter.display')` protocol).
 *
 * @example
 * ```ts
 * import { collapseTimeBounds } from 'model-collapse';
 * hasDisplay(collapseTimeBounds({ n: 10, S0: 0.1, support: 52 })); // => true
 * hasDisplay({ lower: 1, upper: 2 }); // => false
 * ```
 */
export function hasDisplay(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [JUPYTER_DISPLAY]?: unknown })[JUPYTER_DISPLAY] === 'function'
  );
}

/**
 * The MIME bundle that a Jupyter notebook shows for a result of the library:
 * `text/plain`, `text/html` (a table, with the plot inline) and, for results
 * with a picture, `image/svg+xml`. Works in Node and Deno alike; the renderer
 * and the plotting libraries are loaded on the first call.
 *
 * @param result - a result object of the library (e.g. of `simulate`,
 *   `exactCollapseTime`, `safeSyntheticSizes`, `collapseTimeBounds`).
 * @returns a promise of the bundle.
 * @throws {TypeError} (the promise rejects) when `result` has no display method.
 *
 * @example
 * ```ts
 * import { collapseTimeBounds, safeSyntheticSizes } from 'model-collapse';
 * const bundle = await toMimeBundle(collapseTimeBounds({ n: 10, S0: 0.1, support: 52 }));
 * bundle['text/plain']; // => 'E[T] bounds (Theorem 1, eq. 8), n = 10, S0 = 0.1, s̃ = 52: 9.259 ≤ E[T] ≤ 82'
 * bundle['text/html']?.includes('<table'); // => true
 * const sizes = await toMimeBundle(safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 100 }));
 * sizes['image/svg+xml']?.startsWith('<svg'); // => true
 * ```
 */
export async function toMimeBundle(result: object): Promise<MimeBundle> {
  if (!hasDisplay(result)) {
    throw new TypeError(`toMimeBundle: expected a result object of model-collapse (with a [Symbol.for('Jupyter.display')] method), got ${describe(result)}`);
  }
  const bundle = await (result as { [JUPYTER_DISPLAY]: () => MimeBundle | Promise<MimeBundle> })[JUPYTER_DISPLAY]();
  return bundle;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without one' : typeof value;
}
