import { run } from './cli/main.ts';

run(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  errIsTTY: Boolean(process.stderr.isTTY),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`model-collapse: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
