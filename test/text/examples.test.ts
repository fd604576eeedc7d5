/**
 * The @example blocks of src/text/** and the ```ts blocks of docs/real-text.md,
 * run against the public API plus the text layer's exports (test/docs/examples.test.ts
 * runs them against the public API once src/index.ts re-exports src/text).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import * as api from '../../src/index.ts';
import * as text from '../../src/text/index.ts';
import { assertionCount, examplesInMarkdown, examplesInSource, runBlock, sourceFiles } from '../docs/example-runner.ts';

const root = new URL('../../', import.meta.url).pathname;
const blocks = [
  ...sourceFiles(`${root}src/text`).flatMap(examplesInSource),
  ...(existsSync(`${root}docs/real-text.md`) ? examplesInMarkdown(`${root}docs/real-text.md`) : []),
];
const scope = { ...(text as unknown as Record<string, unknown>), ...(api as unknown as Record<string, unknown>) };

describe('text-layer documentation examples', () => {
  for (const block of blocks) {
    it(`${block.file.replace(root, '')}:${block.line}`, async () => {
      const own = block.file.endsWith('.ts') ? ((await import(block.file)) as Record<string, unknown>) : {};
      await runBlock(block, { ...own, ...scope });
    }, 60_000);
  }
});

describe('text-layer exports', () => {
  it('every function exported by src/text/index.ts has a TSDoc @example with an asserted value', () => {
    const byName = new Map<string, string>();
    for (const file of sourceFiles(`${root}src/text`)) {
      const t = readFileSync(file, 'utf8');
      for (const m of t.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export (?:async )?function (\w+)/g)) byName.set(m[2], m[1]);
    }
    const missing: string[] = [];
    for (const [name, value] of Object.entries(text)) {
      if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue;
      const doc = byName.get(name);
      if (!doc || !doc.includes('@example') || assertionCount(doc) === 0) missing.push(name);
    }
    expect(missing).toEqual([]);
  });

  it('no name collides with an existing export of the public API', () => {
    const clash = Object.keys(text).filter((k) => k in api && (api as Record<string, unknown>)[k] !== (text as Record<string, unknown>)[k]);
    expect(clash).toEqual([]);
  });
});
