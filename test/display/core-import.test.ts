// The plotting dependencies stay off the core import path of the BUILT package:
// importing dist/index.js loads neither @observablehq/plot nor linkedom; the
// display method loads them (lazily, as a separate chunk) when called.
// Needs `npm run build` first (npm test builds before running vitest).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collapseProbabilityBounds } from '../../src/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'dist');
const hook = new URL('./resolve-hook.mjs', import.meta.url).href;
const PLOTTING = /node_modules\/(@observablehq\/plot|linkedom)\//;

/** Runs `code` as an ES module in a fresh node whose resolve hook reports every module on stderr. */
function run(code: string): { lines: string[]; stdout: string } {
  const script = `import { register } from 'node:module';\nregister(${JSON.stringify(hook)});\n${code}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child exited ${r.status}: ${r.stderr.split("\n").filter((l) => !l.startsWith("RESOLVED ")).join("\n")}`);
  return { lines: r.stderr.split('\n'), stdout: r.stdout };
}

/** Specifiers of the static `import … from '…'` / `export … from '…'` statements of an ES module (no dynamic import()). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s(?:[^'"();]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

describe('the core import path of the built package', () => {
  it('dist/ exists (run `npm run build`)', () => {
    expect(existsSync(join(dist, 'index.js'))).toBe(true);
  });

  it('statically, dist/index.js reaches no plotting module; the renderer is a dynamic import()', () => {
    const seen = new Set<string>();
    const external: string[] = [];
    const dynamic: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) dynamic.push(m[1]);
      for (const spec of staticImports(code)) {
        if (spec.startsWith('.')) visit(join(dirname(file), spec));
        else external.push(spec);
      }
    };
    visit(join(dist, 'index.js'));
    expect(seen.size).toBeGreaterThan(1); // the walker follows chunks
    expect(external.length).toBeGreaterThan(0); // and sees bare imports (@stdlib, decimal.js)
    expect(external.filter((s) => /@observablehq\/plot|linkedom/.test(s))).toEqual([]);
    expect(dynamic.some((s) => /jupyter/.test(s))).toBe(true);
    // The lazily loaded renderer chunk does bring the plotting code in (statically, through its own chunks).
    const renderer = dynamic.find((s) => /jupyter/.test(s)) as string;
    const reached = new Set<string>();
    const walk = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const spec of staticImports(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) walk(join(dist, spec));
        else reached.add(spec);
      }
    };
    walk(join(dist, renderer));
    expect([...reached].some((s) => s === '@observablehq/plot')).toBe(true);
  });

  it('at run time, importing dist/index.js loads no plotting module; displaying a result does, and works', () => {
    const { lines, stdout } = run(`
const m = await import('./dist/index.js');
process.stderr.write('MARK core-loaded\\n');
const r = m.collapseProbabilityBounds(5, { n: 10, S0: 0.1, support: 52 });
const b = await r[Symbol.for('Jupyter.display')]();
const t = await m.toMimeBundle(m.safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 100 }));
console.log(JSON.stringify({ keys: Object.keys(b), svg: b['image/svg+xml'].slice(0, 4), json: JSON.stringify(r), helper: Object.keys(t) }));
`);
    const mark = lines.indexOf('MARK core-loaded');
    expect(mark).toBeGreaterThan(0);
    const before = lines.slice(0, mark).filter((l) => l.startsWith('RESOLVED '));
    const after = lines.slice(mark).filter((l) => l.startsWith('RESOLVED '));
    expect(before.some((l) => l.includes('/dist/index.js'))).toBe(true);
    expect(before.filter((l) => PLOTTING.test(l))).toEqual([]);
    expect(after.some((l) => PLOTTING.test(l))).toBe(true);
    expect(after.some((l) => /\/dist\/jupyter-[\w-]+\.js$/.test(l))).toBe(true);
    const out = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(out.keys).toEqual(['text/plain', 'text/html', 'image/svg+xml']);
    expect(out.svg).toBe('<svg');
    // The method is non-enumerable: the JSON of the built result is that of the plain fields.
    expect(out.json).toBe(JSON.stringify(collapseProbabilityBounds(5, { n: 10, S0: 0.1, support: 52 })));
    expect(out.json).toContain('"lowerVacuous":true');
    // The public helper (re-exported by src/index.ts) works from the build too.
    expect(out.helper).toEqual(['text/plain', 'text/html', 'image/svg+xml']);
  });
});
