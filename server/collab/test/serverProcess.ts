import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { testDatabaseFor } from "../../test/testStore";
import type { Site } from "./clients";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The real server (server/main.ts) in a child process, as `npm start` runs it without the client. */
export interface ServerProcess {
  port: number;
  site: Site;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when the signal ended it) once it has exited. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** A fixed port (to restart on the same address); a free one by default. */
  port?: number;
  /** More environment variables. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** The command line that runs the real server in a child process, from the repository root. */
export const SERVER_COMMAND = { cwd: ROOT, args: ["--import", "tsx", "server/main.ts"] };

/**
 * Starts server/main.ts with `dataDir` (and, in the PostgreSQL pass, the PostgreSQL database that
 * stands for it, unless `env` names one); resolves once it prints where it listens.
 */
export async function startServerProcess(
  dataDir: string,
  { port: fixedPort = 0, env = {}, timeoutMs = 30_000 }: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const databaseUrl = await testDatabaseFor(dataDir);
  const child = spawn(process.execPath, SERVER_COMMAND.args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...(databaseUrl ? { COCREA_DATABASE_URL: databaseUrl } : {}),
      COCREA_SKIP_CLIENT: "1",
      PORT: String(fixedPort),
      HOST: "127.0.0.1",
      COCREA_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop(child, exited);
    throw error;
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    site: { url, origin: url },
    output: () => output,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await exited;
}
