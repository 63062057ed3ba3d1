import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { ProviderClient } from "./clients";
import { type ServerProcess, type ServerProcessOptions, startServerProcess } from "./serverProcess";

export interface ServerProcessSuite {
  /** The data folder every process of the suite starts on (a restart finds its database there). */
  dataDir: string;
  /** Clients to close after the suite. */
  clients: ProviderClient[];
  /** Starts the real server on the suite's data folder; the one started last is killed after the suite. */
  start(options?: ServerProcessOptions): Promise<ServerProcess>;
}

/**
 * A suite that runs the real server in a child process on a data folder of its own (`name` names the
 * folder). After the suite its clients are closed, its server killed and the folder deleted.
 */
export function serverProcessSuite(name: string): ServerProcessSuite {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cocrea-${name}-`));
  const clients: ProviderClient[] = [];
  let running: ServerProcess | null = null;
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await running?.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    clients,
    async start(options) {
      running = await startServerProcess(dataDir, options);
      return running;
    },
  };
}
