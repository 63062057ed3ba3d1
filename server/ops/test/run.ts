import { spawn } from "node:child_process";
import { SERVER_COMMAND } from "../../collab/test/serverProcess";

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` from the repository root with `env` added to ours; resolves once it exits. One
 * still running after `timeoutMs` is killed (a server that accepted its configuration, say).
 */
export function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Finished> {
  const child = spawn(command, args, {
    cwd: SERVER_COMMAND.cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
