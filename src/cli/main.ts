/**
 * The `model-collapse` command: dispatches subcommands. Exit codes: 0 success,
 * 2 usage error (message names the flag), 1 computation error.
 */
import { flagsHelp, parseFlags, UsageError } from './args.ts';
import type { Command, CommandIO } from './command.ts';
import { bounds } from './commands/bounds.ts';
import { report } from './commands/report.ts';
import { safeN } from './commands/safe-n.ts';
import { reproduce } from './commands/reproduce.ts';
import { text } from './commands/text.ts';
import { exact } from './commands/exact.ts';
import { simulateCommand } from './commands/simulate.ts';

const COMMANDS: readonly Command[] = [report, safeN, bounds, exact, simulateCommand, reproduce, text];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `Usage: model-collapse <command> [flags]

Numbers for language-model collapse under recursive training on synthetic data
(Seddik et al., 2024). Flags use readable names for the paper's symbols:
--real is N, --synthetic is n, --vocab is s, --support is s̃, --s0 is S0.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Run 'model-collapse <command> --help' for a command's flags and examples.
`;
}

function commandHelp(c: Command): string {
  return `Usage: model-collapse ${c.name} [flags]\n\n${c.help}\n\nFlags:\n${flagsHelp(c.flags)}\n`;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function run(argv: readonly string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return run(['report'], io);
  if (first === '-h' || first === '--help' || first === 'help') {
    io.out(usage());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.out('model-collapse 0.1.0\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.err(`model-collapse: unknown command '${first}'\n\n${usage()}`);
    return 2;
  }
  try {
    const flags = parseFlags(rest, command.flags);
    if (flags.help) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(flags, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`model-collapse ${command.name}: ${e.message}\nRun 'model-collapse ${command.name} --help' for usage.\n`);
      return 2;
    }
    io.err(`model-collapse ${command.name}: ${(e as Error).message}\n`);
    return 1;
  }
}
