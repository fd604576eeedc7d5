import { run } from './cli/main.ts';

try {
  process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
} catch (e) {
  process.stderr.write(`model-collapse: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
