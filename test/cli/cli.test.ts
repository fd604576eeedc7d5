/** End-to-end tests of the built CLI (dist/cli.js, built by `npm test` before vitest runs). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exactDeviationLimit } from '../../src/exact/deviation/limit.ts';

const root = new URL('../../', import.meta.url).pathname;
const cli = `${root}dist/cli.js`;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('model-collapse CLI', () => {
  it('is built', () => {
    expect(existsSync(cli)).toBe(true);
  });

  it('lists the commands with --help and maps flags to the paper’s symbols', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    for (const c of ['report', 'safe-n', 'bounds']) expect(r.out).toContain(c);
    expect(r.out).toContain('--real is N');
  });

  it('every subcommand has --help with examples', () => {
    for (const c of ['report', 'safe-n', 'bounds', 'exact', 'simulate', 'reproduce', 'text']) {
      const r = run(c, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: model-collapse ${c}`);
      expect(r.out).toContain('Example');
    }
  });

  it('report is the default command', () => {
    const r = run();
    expect(r.code).toBe(0);
    expect(r.out).toContain("the paper's setting");
    expect(r.out).toContain('LLM-scale');
    // The LLM-scale scenario (N = 10⁶, s = 50 257): the drift with unlimited synthetic data.
    expect(r.out).toContain(`drift with unlimited synthetic data (n → ∞, worst p): ${exactDeviationLimit({ N: 1e6, s: 50_257 }).value.toPrecision(4)}`);
  });

  it('safe-n prints the three answers; --json is stable and parseable', () => {
    const table = run('safe-n', '--epsilon', '0.1', '--real', '1e6', '--vocab', '100');
    expect(table.code).toBe(0);
    expect(table.out).toContain('n ≤ 4');
    expect(table.out).toContain('n ∈ {1–7}');
    const json = JSON.parse(run('safe-n', '--epsilon', '0.1', '--real', '1e6', '--vocab', '100', '--json').out);
    expect(json).toMatchObject({
      command: 'safe-n',
      parameters: { epsilon: 0.1, N: 1e6, s: 100, lambda1: 0.25 },
      eq11: { maxN: 4, valid: true },
      theorem3: { maxN: 7, intervals: [[1, 7]] },
    });
    const big = JSON.parse(run('safe-n', '--epsilon', '1', '--real', '1e15', '--vocab', '2', '--json').out);
    expect(big.theorem3.maxN).toBe('159154943091895335768883763372');
    expect(big.exact.refused).toMatch(/N must be/); // beyond the exact engine's range: reported, not fatal
    expect(big.exact.limit).toBeNull();
    const near = JSON.parse(run('safe-n', '--epsilon', '0.124', '--real', '2000', '--vocab', '100', '--json').out);
    // Just below the limit the crossing is far out: beyond the default budget, a certified bracket with the reason.
    expect(near.exact.refused).toBeNull();
    expect(near.exact.status).toBe('bracketed');
    expect(near.exact.scope).toMatch(/approximate answer: maxN ≈ 1\.38e\+5/);
    expect(near.exact.limit).toBe(exactDeviationLimit({ N: 2000, s: 100 }).value);
    const csv = run('safe-n', '--epsilon', '2', '--real', '60000', '--vocab', '12', '--csv');
    expect(csv.out.split('\n')[2]).toBe('theorem3,546,"1-11 13-546"');
  });

  it('bounds prints Theorems 1–4; --json has the documented shape', () => {
    const r = run('bounds', '--synthetic', '10', '--s0', '0.1', '--support', '52', '--real', '100', '--vocab', '600');
    expect(r.code).toBe(0);
    expect(r.out).toContain('E[T] ∈ [9.25882, 82]');
    expect(r.out).toContain('vacuous');
    const json = JSON.parse(run('bounds', '-n', '10', '--s0', '0.1', '--support', '52', '--generations', '0,5', '--json').out);
    expect(json.fullySynthetic.S[0]).toEqual({ m: 0, value: 0.1 });
    expect(json.fullySynthetic.S[1].m).toBe(5);
    expect(json.fullySynthetic.S[1].value).toBeCloseTo(1 - 0.9 * 0.9 ** 5, 14);
    expect(json.fullySynthetic.collapseTime).toEqual({ lower: 1 + (0.9 * 9 * 52) / 51, upper: 82 });
    expect(json.deviation.gRegime).toBe(1);
  });

  it('safe-n includes the exact answer (worst case over p), far above the paper’s', () => {
    const json = JSON.parse(run('safe-n', '--epsilon', '0.1', '--real', '1000', '--vocab', '100', '--json').out);
    expect(json.eq11.maxN).toBe(0);
    expect(json.exact).toEqual({ maxN: 242, intervals: [[1, 242]], distribution: 'worst-case', status: 'exact', undecided: [], scope: expect.any(String), refused: null, limit: exactDeviationLimit({ N: 1000, s: 100 }).value });
    const table = run('safe-n', '--epsilon', '0.1', '--real', '1000', '--vocab', '100');
    expect(table.out).toContain('exact:           n ≤ 242');
    // Above the n → ∞ limit (0.1244) but below the second-moment bound (0.157): every n, from the limit.
    const every = run('safe-n', '--epsilon', '0.15', '--real', '2000', '--vocab', '100');
    expect(every.out).toContain('every n (the drift stays below ε however much synthetic data: its n → ∞ limit is 0.1244)');
    // For a finite M the safe set has a gap (the drift rises, then falls with n): shown as a set, never as "every n".
    const gap = run('safe-n', '--epsilon', '0.1', '--real', '1000', '--vocab', '100', '-m', '2');
    expect(gap.out).toContain('exact:           n ∈ {1–257, 3 878–∞}');
    expect(run('safe-n', '--epsilon', '0.1', '--real', '1000', '--vocab', '100', '-m', '2', '--csv').out).toContain('exact,Infinity,"1-257 3878-Infinity"');
    const gapJson = JSON.parse(run('safe-n', '--epsilon', '0.1', '--real', '1000', '--vocab', '100', '-m', '2', '--json').out);
    expect(gapJson.exact.intervals).toEqual([[1, 257], [3878, 'Infinity']]);
    // --max-operations bounds the exact search; a bad value is a usage error naming the flag.
    const tight = JSON.parse(run('safe-n', '--epsilon', '0.1', '--real', '1000', '--vocab', '100', '--max-operations', '1e3', '--json').out);
    expect(tight.exact.status).toBe('bracketed');
    expect(tight.exact.scope).toMatch(/maxOperations = 1\.00e\+3/);
    const bad = run('safe-n', '--epsilon', '0.1', '--real', '1000', '--vocab', '100', '--max-operations=0');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--max-operations must be a number > 0/);
  });

  it('exact prints the exact collapse-time law and deviation; --json is stable', () => {
    const r = run('exact', '-n', '10', '--real', '100');
    expect(r.code).toBe(0);
    expect(r.out).toContain('exact E[T] = 17.456242');
    const json = JSON.parse(run('exact', '-n', '2', '--vocab', '2', '--support', '2', '--s0', '0.5', '--real', '3', '--generations', '3', '--json').out);
    expect(json.collapseTime.mean).toBeCloseTo(2, 12); // p = (1/2, 1/2), n = 2: E[T] = 2 exactly
    expect(json.deviation.fromFirst.length).toBe(4);
    expect(json.deviation.fromFirst[1]).toBe(0);
  });

  it('simulate runs any schedule; --json has every generation; bad schedule exits 2', () => {
    const r = run('simulate', '--schedule', 'fully', '-n', '10', '--generations', '50', '--runs', '200', '--seed', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/collapse time T \(first Dirac\): \d+\/200 runs collapsed, mean /);
    expect(r.err).toBe(''); // no progress bar when stderr is not a terminal
    const json = JSON.parse(run('simulate', '--schedule', 'partially', '-n', '10', '--real', '100', '--generations', '5', '--runs', '20', '--json').out);
    expect(json.metrics.sigma.mean.length).toBe(6);
    expect(json.collapseTimes.length).toBe(20);
    const bad = run('simulate', '--schedule', 'bogus');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--schedule must be one of/);
  });

  it('reproduce writes the figures and a report whose image links resolve', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-repro-'));
    const out = join(dir, 'figures');
    const report = join(dir, 'reproduction.md');
    const r = run('reproduce', '--figure', '6', '--runs', '10', '--seed', '3', '--out', out, '--report', report);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['figure-6-collapse-time.svg', 'figure-6-deviation.svg', 'figure-6-sigma.svg']);
    const md = readFileSync(report, 'utf8');
    const links = [...md.matchAll(/\]\(([^)]+\.svg)\)/g)].map((m) => m[1]);
    expect(links.length).toBe(3);
    for (const l of links) expect(existsSync(join(dir, l))).toBe(true);
    expect(md).toContain('| window K = 1 (Fully Synthetic) | 17 |');
    expect(readFileSync(join(out, 'figure-6-sigma.svg'), 'utf8').startsWith('<svg')).toBe(true);
  });

  it('reproduce refuses a bad --figure with exit 2 and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-repro-'));
    const r = run('reproduce', '--figure', '5', '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--figure must be one of 1, 2, 3, 4, 6, all; received '5'/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('usage errors exit 2, name the flag and write nothing to stdout', () => {
    const cases: Array<[string[], RegExp]> = [
      [['safe-n', '--epsilon', '0.1', '--real', 'abc', '--vocab', '100'], /--real must be a number; received 'abc'/],
      [['safe-n', '--epsilon', '3', '--real', '10', '--vocab', '100'], /--epsilon must be a number > 0 and <= 2; received '3'/],
      [['safe-n', '--real', '10', '--vocab', '100'], /--epsilon is required/],
      [['safe-n', '--epsilon', '0.1', '--real', '1.5', '--vocab', '100'], /--real must be an integer/],
      [['bounds', '--bogus'], /unknown flag '--bogus'/],
      [['bounds', '-n', '10', '--s0', '0.001', '--support', '52'], /--s0 must be a number >= 0.019/],
      [['bounds', '-n', '10', '--s0', '0.1', '--support', '52', '--generations', '1,x'], /--generations must be/],
      [['bounds', '-n', '10', '--s0', '0.1', '--support', '52', '--format', 'xml'], /--format must be one of table, json/],
      [['nonsense'], /unknown command 'nonsense'/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });
});
