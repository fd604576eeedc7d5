/** What every subcommand provides. */
import type { FlagSpec, Flags } from './args.ts';

/** Output channels of a command run (stdout, stderr) and whether stderr is a terminal. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal (progress bars only then). */
  errIsTTY: boolean;
}

/** A subcommand of `model-collapse`. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text body: what it does and examples (flags are appended automatically). */
  help: string;
  flags: Record<string, FlagSpec>;
  /** Runs the command; returns the exit code (0 success). Throws UsageError for bad flags. */
  run(flags: Flags, io: CommandIO): Promise<number> | number;
}
