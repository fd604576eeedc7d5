/** The `model-collapse text` command, run in-process (main.ts registers it; test/cli tests the built binary). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags, UsageError } from '../../src/cli/args.ts';
import { text, type TextJson } from '../../src/cli/commands/text.ts';
import { simulateText } from '../../src/text/recursive.ts';
import { loadMobyDick } from '../../src/text/corpus.ts';
import { ParameterRangeError } from '../../src/validate.ts';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await text.run(parseFlags(args, text.flags), { out: (s) => (out += s), err: (s) => (err += s), errIsTTY: false });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mc-text-cli-'));
const small = join(dir, 'small.txt');
writeFileSync(small, 'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness. '.repeat(4));

describe('model-collapse text', () => {
  it('--json has the documented shape: one number per generation in each array', async () => {
    const r = await run('--corpus', small, '--context-length', '2', '--generations', '4', '--mix', '100,50,20,0', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as TextJson;
    expect(json.command).toBe('text');
    expect(json.generations).toEqual([1, 2, 3, 4]);
    expect(json.parameters).toMatchObject({ corpus: small, contextLength: 2, generations: 4, mix: [100, 50, 20, 0], sampling: 'contexts', seed: 1 });
    expect(json.schedules.map((s) => s.name)).toEqual(['synthetic', 'synthetic 50% – real 50%', 'synthetic 20% – real 80%', 'synthetic 0% – real 100%']);
    for (const s of json.schedules) {
      expect(Object.keys(s.metrics).sort()).toEqual(['heldOutNll', 'l1FromFirst', 'sigma', 'tailLoss']);
      for (const v of Object.values(s.metrics)) {
        expect(v).toHaveLength(4);
        for (const x of v) expect(Number.isFinite(x)).toBe(true);
      }
    }
    // real data only: nothing moves
    expect(json.schedules[3].metrics.l1FromFirst).toEqual([0, 0, 0, 0]);
  });

  it('the numbers are simulateText’s frequency-weighted means (Moby Dick by default)', async () => {
    const r = await run('--generations', '2', '--mix', '100', '--json');
    const json = JSON.parse(r.out) as TextJson;
    expect(json.corpus).toMatchObject({ vocabularySize: 89, contexts: 12915, trainingPairs: 1091702, heldOutPairs: 121298 });
    const direct = simulateText({ corpus: await loadMobyDick(), contextLength: 3, generations: 2, seed: 1, schedules: [{ kind: 'fullySynthetic' }] });
    expect(json.schedules[0].metrics.sigma).toEqual(Array.from(direct.schedules[0].metrics.sigma.weighted.mean));
    expect(json.schedules[0].metrics.heldOutNll).toEqual(Array.from(direct.schedules[0].metrics.heldOutNll?.weighted.mean ?? []));
  });

  it('table, csv and --svg outputs', async () => {
    const t = await run('--corpus', small, '--context-length', '1', '--generations', '3', '--sampling', 'text');
    expect(t.out).toContain('‖p^(m) − p^(1)‖₁');
    expect(t.out).toContain('held-out loss (nats/token)');
    expect(t.out).toContain('sampling text');
    const c = await run('--corpus', small, '--context-length', '1', '--generations', '3', '--csv');
    const lines = c.out.trim().split('\n');
    expect(lines[0]).toBe('schedule,generation,l1FromFirst,sigma,tailLoss,heldOutNll');
    expect(lines).toHaveLength(1 + 3 * 3);
    const svg = join(dir, 'fig.svg');
    const s = await run('--corpus', small, '--context-length', '1', '--generations', '3', '--svg', svg, '--tokenizer', 'word');
    expect(s.code).toBe(0);
    const content = readFileSync(svg, 'utf8');
    expect(content.startsWith('<svg')).toBe(true);
    expect(content).toContain('generation m');
    expect(content).toContain('synthetic 20% – real 80%');
  });

  it('usage errors name the flag; bad corpora are computation errors', async () => {
    await expect(run('--mix', '150')).rejects.toThrow(UsageError);
    await expect(run('--mix', '50,x')).rejects.toThrow(/--mix must be a comma-separated list of percentages in \[0, 100\]; received '50,x'/);
    await expect(run('--context-length=-1')).rejects.toThrow(/--context-length must be an integer/);
    await expect(run('--tokenizer', 'bytes')).rejects.toThrow(/--tokenizer must be one of character, word/);
    await expect(run('--held-out', '0')).rejects.toThrow(/--held-out must be a number > 0/);
    const bin = join(dir, 'a.out');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]));
    await expect(run('--corpus', bin)).rejects.toThrow(ParameterRangeError);
    const tiny = join(dir, 'tiny.txt');
    writeFileSync(tiny, 'abc');
    await expect(run('--corpus', tiny, '--context-length', '3')).rejects.toThrow(/number of tokens in the training text must be at least ℓ \+ 1 = 4/);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    await expect(run('--corpus', empty)).rejects.toThrow(/a non-empty text/);
    expect(text.help).toContain('Examples:');
  });
});
