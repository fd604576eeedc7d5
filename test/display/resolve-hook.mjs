// Node module-resolution hook for test/display/core-import.test.ts: reports every
// resolved module URL on stderr, so a child process can tell which modules it loaded.
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write(`RESOLVED ${result.url}\n`);
  return result;
}
