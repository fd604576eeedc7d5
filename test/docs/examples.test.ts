import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import * as api from '../../src/index.ts';
import { assertionCount, compare, examplesInMarkdown, examplesInSource, runBlock, sourceFiles } from './example-runner.ts';

const root = new URL('../../', import.meta.url).pathname;
const sourceBlocks = sourceFiles(`${root}src`).flatMap(examplesInSource);
const docs = readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const markdownBlocks = ['README.md', ...docs].flatMap((f) => examplesInMarkdown(`${root}${f}`));

describe('documentation examples', () => {
  it('the runner itself rejects wrong values (so a passing example means something)', () => {
    expect(compare(0.68618940391, 0.6862)).toBeNull();
    expect(compare(0.6861, 0.6862)).not.toBeNull();
    expect(compare(82.00000001, 82)).toBeNull();
    expect(compare(24877.8, 24877)).not.toBeNull();
    expect(compare(new Float64Array([1, 2]), { __typed: 'Float64Array', values: [1, 2] })).toBeNull();
    expect(compare({ a: 1, b: 2 }, { a: 1, b: 3 })).not.toBeNull();
  });

  for (const block of [...sourceBlocks, ...markdownBlocks]) {
    it(`${block.file.replace(root, '')}:${block.line}`, async () => {
      // A source example sees the public API plus its own module's exports (internal helpers included).
      const own = block.file.endsWith('.ts') ? ((await import(block.file)) as Record<string, unknown>) : {};
      await runBlock(block, { ...own, ...(api as unknown as Record<string, unknown>) });
    });
  }

  it('every exported function of the public API has a TSDoc @example with an asserted value', () => {
    const byName = new Map<string, string>();
    for (const file of sourceFiles(`${root}src`)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export (?:async )?function (\w+)/g)) byName.set(m[2], m[1]);
    }
    const missing: string[] = [];
    for (const [name, value] of Object.entries(api)) {
      if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue;
      const doc = byName.get(name);
      if (!doc || !doc.includes('@example') || assertionCount(doc) === 0) missing.push(name);
    }
    expect(missing).toEqual([]);
  });
});
