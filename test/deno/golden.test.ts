// The same seeded computations under Deno must reproduce the fixtures written under Node, bit for bit.
import assert from 'node:assert/strict';
import { goldenCases } from '../fixtures/golden-cases.ts';

const golden = JSON.parse(await Deno.readTextFile(new URL('../fixtures/golden.json', import.meta.url))) as Record<string, string[]>;

Deno.test('seeded streams, samplers and simulations are bit-identical to the Node fixtures', () => {
  const now = goldenCases();
  assert.deepEqual(Object.keys(now).sort(), Object.keys(golden).sort());
  for (const key of Object.keys(golden)) assert.deepEqual(now[key], golden[key], key);
});
