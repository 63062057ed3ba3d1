/**
 * Runs a one-argument command-line tool: prints what `run` returns and exits 0; prints the usage
 * (no argument) or the message of an expected refusal (`refusals`) on stderr and exits 1. Anything
 * else is a bug and keeps its stack.
 */
export async function runCommand(
  usage: string,
  run: (args: [string]) => string | Promise<string>,
  refusals: (new (...args: never[]) => Error)[],
): Promise<void> {
  const [file, ...extra] = process.argv.slice(2);
  if (!file || extra.length > 0) {
    process.stderr.write(`${usage}\n`);
    process.exit(1);
  }
  try {
    process.stdout.write(`${await run([file])}\n`);
    process.exit(0);
  } catch (error) {
    if (!refusals.some((refusal) => error instanceof refusal)) throw error;
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
