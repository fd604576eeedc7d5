/** `model-collapse report`: the main job (`npm start`). */
import type { Command, CommandIO } from '../command.ts';
import { renderReport } from '../report.ts';

export const report: Command = {
  name: 'report',
  summary: 'a concise report on the paper’s setting and an LLM-scale one (the default command)',
  help: `Prints a short human-readable report for two embedded scenarios: the paper's
(s = 600, N = 100) and an LLM-scale one (s = 50 257, N = 10^6, ε = 0.1).

Example:
  model-collapse report`,
  flags: {},
  run(_flags, io: CommandIO): number {
    io.out(`${renderReport()}\n`);
    return 0;
  },
};
