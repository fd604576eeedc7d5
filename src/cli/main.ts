/**
 * The `model-collapse` command. Subcommands: `report` (default).
 */
import { parseArgs } from 'node:util';
import { renderReport } from './report.ts';

const USAGE = `Usage: model-collapse <command>

Commands:
  report    A short report of the paper's quantities for two default scenarios (the default command)

Options:
  -h, --help    Show this help
`;

/** Runs the CLI with the given arguments; returns the exit code. */
export function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    err(`model-collapse: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    out(USAGE);
    return 0;
  }
  const command = parsed.positionals[0] ?? 'report';
  if (command === 'report') {
    out(`${renderReport()}\n`);
    return 0;
  }
  err(`model-collapse: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  return 2;
}
