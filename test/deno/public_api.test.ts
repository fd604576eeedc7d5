// The public API under Deno: imports the TypeScript sources directly, as a Deno user would.
import assert from 'node:assert/strict';
import * as api from '../../src/index.ts';

const close = (a: number, b: number, rel = 1e-12) => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} vs ${b}`);

Deno.test('theory functions give the same numbers as under Node', () => {
  close(api.fullySyntheticS(10, { n: 10, S0: 0.1 }), 1 - Math.pow(0.9, 11));
  assert.deepEqual(api.collapseTimeBounds({ n: 10, S0: 1, support: 1 }), { lower: 1, upper: 1 });
  close(api.partiallySyntheticS(2, { N: 2, n: 3, S0: 7 / 18 }), 329 / 450);
  assert.equal(api.gRegime(1000, 600), 3);
  close(api.phi(0.25), 2 * Math.log(3));
  assert.equal(api.safeSyntheticSizes({ epsilon: 0.1, N: 1e6, s: 100 }).maxN, 7);
  assert.equal(api.safeSyntheticSizes({ epsilon: 1, N: 1e15, s: 2 }).exact.maxN, 159154943091895335768883763372n);
  assert.equal(api.paperSafeSyntheticSize({ epsilon: 0.1, N: 100, s: 600 }).maxN, 0);
  close(api.lambdaP([0.7, 0.2, 0.1]).value, 0.21);
});

Deno.test('bad input throws the typed errors', () => {
  assert.throws(() => api.fullySyntheticS(1, { n: 0, S0: 0.1 }), api.ParameterRangeError);
  assert.throws(() => api.phi('x' as unknown as number), api.ParameterTypeError);
});

Deno.test('Rational arithmetic is exact', () => {
  assert.equal(api.Rational.of(1, 3).add(api.Rational.of(1, 6)).toString(), '1/2');
});

Deno.test('the exact engines give the same numbers as under Node', () => {
  const d = api.exactDeviation({ p: [0.5, 0.5], N: 10, n: 5, generations: 3 });
  close(d.fromFirst[0], 0.24609375);
  close(api.exactDeviationLimit({ N: 2, p: [0.5, 0.5] }).value, 0.1875);
  assert.equal(api.exactSafeSyntheticSize({ epsilon: 0.1, N: 1000, s: 100 }).maxN, 242);
  assert.equal(api.exactSafeSyntheticSize({ epsilon: 0.15, N: 2000, s: 100 }).maxN, Infinity);
  close(api.exactCollapseTime([0.5, 0.5], { n: 2 }).mean, 2);
  assert.throws(() => api.exactDeviation({ p: [0.5, 0.5], N: 1e9, n: 1e6 }), api.ExactComputationTooLargeError);
});
