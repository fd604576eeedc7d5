/**
 * Runs documentation examples. Convention: in a ```ts block, a line
 * `expression; // => expected` asserts that the expression evaluates to
 * `expected` (a JS literal: number, string, array, object, `Float64Array [..]`,
 * bigint). A printed number must equal the result rounded to the printed
 * number of significant digits. `expression; // throws ErrorName` asserts the
 * error class. Other lines run as written; `import … from 'model-collapse'`
 * lines are dropped (the public API is in scope).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ExampleBlock {
  file: string;
  line: number;
  code: string;
}

// `ts ignore` blocks (examples that throw on purpose) are skipped by `deno test --doc` but run here.
const FENCE = /```(?:ts|typescript|js)(?:[ \t]+ignore)?\n([\s\S]*?)```/g;

/** @example blocks of TSDoc comments in a TypeScript source file. */
export function examplesInSource(file: string): ExampleBlock[] {
  const text = readFileSync(file, 'utf8');
  const blocks: ExampleBlock[] = [];
  const commentRe = /\/\*\*([\s\S]*?)\*\//g;
  for (let m = commentRe.exec(text); m; m = commentRe.exec(text)) {
    const body = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n');
    const at = body.indexOf('@example');
    if (at < 0) continue;
    const line = text.slice(0, m.index).split('\n').length;
    for (const f of body.slice(at).matchAll(FENCE)) blocks.push({ file, line, code: f[1] });
  }
  return blocks;
}

/** Fenced ts blocks of a Markdown file that contain at least one assertion. */
export function examplesInMarkdown(file: string): ExampleBlock[] {
  const text = readFileSync(file, 'utf8');
  const blocks: ExampleBlock[] = [];
  for (const f of text.matchAll(FENCE)) {
    if (!/\/\/ (=>|throws)/.test(f[1])) continue;
    blocks.push({ file, line: text.slice(0, f.index).split('\n').length, code: f[1] });
  }
  return blocks;
}

/** All .ts files under a directory. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function significantDigits(literal: string): number {
  const mantissa = literal.replace(/^-/, '').split(/e/i)[0];
  const digits = mantissa.replace('.', '').replace(/^0+/, '');
  return Math.max(1, digits.length);
}

function parseExpected(text: string): unknown {
  const t = text.trim();
  const typed = /^(Float64Array|Int32Array|Uint32Array|Float32Array)\s*(\[[\s\S]*\])$/.exec(t);
  if (typed) return { __typed: typed[1], values: parseExpected(typed[2]) };
  return new Function(`return (${t});`)();
}

/** Deep comparison with the rounding rule for numbers; returns an error message or null. */
export function compare(got: unknown, expected: unknown, path = 'value'): string | null {
  if (typeof expected === 'number') {
    if (typeof got !== 'number') return `${path}: expected a number, got ${typeof got}`;
    if (Object.is(got, expected)) return null;
    if (!Number.isFinite(expected) || !Number.isFinite(got)) return `${path}: expected ${expected}, got ${got}`;
    const digits = significantDigits(String(expected));
    if (Number(got.toPrecision(Math.min(digits, 100))) === expected) return null;
    return `${path}: expected ${expected} (${digits} significant digits), got ${got}`;
  }
  if (typeof expected === 'bigint' || typeof expected === 'string' || typeof expected === 'boolean' || expected === null || expected === undefined) {
    return got === expected ? null : `${path}: expected ${String(expected)}, got ${String(got)}`;
  }
  if (typeof expected === 'object' && expected !== null && '__typed' in expected) {
    const e = expected as { __typed: string; values: unknown[] };
    if (!got || (got as object).constructor?.name !== e.__typed) return `${path}: expected a ${e.__typed}`;
    return compare(Array.from(got as ArrayLike<number>), e.values, path);
  }
  if (Array.isArray(expected)) {
    const arr = ArrayBuffer.isView(got) ? Array.from(got as unknown as ArrayLike<number>) : got;
    if (!Array.isArray(arr) || arr.length !== expected.length) return `${path}: expected an array of length ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const err = compare(arr[i], expected[i], `${path}[${i}]`);
      if (err) return err;
    }
    return null;
  }
  if (typeof expected === 'object') {
    if (typeof got !== 'object' || got === null) return `${path}: expected an object`;
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      const err = compare((got as Record<string, unknown>)[k], v, `${path}.${k}`);
      if (err) return err;
    }
    return null;
  }
  return `${path}: unsupported expected value`;
}

/** Number of assertions in a block. */
export function assertionCount(code: string): number {
  return code.split('\n').filter((l) => /\/\/ (=>|throws)/.test(l)).length;
}

/** Runs one block against the API; throws with the location on the first failure. */
export async function runBlock(block: ExampleBlock, api: Record<string, unknown>): Promise<void> {
  const code = block.code.replace(/^\s*import\s[\s\S]*?from\s+['"]model-collapse(\/[\w-]+)?['"];?[ \t]*$/gm, '');
  const lines = code.split('\n');
  const body = lines
    .map((l) => {
      const eq = /^(\s*)(.*?);?\s*\/\/ => (.+)$/.exec(l);
      if (eq) return `${eq[1]}__check((${eq[2]}), ${JSON.stringify(eq[3])});`;
      const th = /^(\s*)(.*?);?\s*\/\/ throws (\w+)\s*$/.exec(l);
      if (th) return `${th[1]}__throws(() => (${th[2]}), ${JSON.stringify(th[3])});`;
      return l;
    })
    .join('\n');
  const failures: string[] = [];
  const check = (got: unknown, expectedText: string) => {
    const err = compare(got, parseExpected(expectedText));
    if (err) failures.push(`${err} (expected text: ${expectedText})`);
  };
  const throws = (fn: () => unknown, name: string) => {
    try {
      fn();
      failures.push(`expected ${name} to be thrown`);
    } catch (e) {
      if ((e as Error).name !== name && (e as Error).constructor?.name !== name) failures.push(`expected ${name}, got ${(e as Error).name}: ${(e as Error).message}`);
    }
  };
  const names = Object.keys(api);
  const fn = new Function('__check', '__throws', ...names, `return (async () => {\n${body}\n})();`);
  await fn(check, throws, ...names.map((n) => api[n]));
  if (failures.length) throw new Error(`${block.file}:${block.line}: ${failures.join('; ')}`);
}
