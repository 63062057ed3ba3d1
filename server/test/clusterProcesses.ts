import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ServerProcess, startServerProcess } from "../collab/test/serverProcess";
import { PUBLIC_ORIGIN } from "./cluster";
import { type RedisServer, startRedisServer } from "./redisServer";
import type { TestServer } from "./startTestServer";
import { testDatabaseFor } from "./testStore";

/**
 * Real server processes (server/main.ts) sharing one database and one Redis, as in production: the
 * SQLite file of one data folder, or in the PostgreSQL pass one PostgreSQL database.
 */
export interface ProcessCluster {
  redis: RedisServer;
  dataDir: string;
  /** The shared PostgreSQL database in the PostgreSQL pass; null on SQLite (cocrea.db in `dataDir`). */
  databaseUrl: string | null;
  /** Each instance's process; one killed in a test stays in the list. */
  processes: ServerProcess[];
  /** Instance `i` as the factories and socket helpers address it (browsers send the public origin). */
  site(i: number): TestServer;
  /** Starts instance `i` again on its port (after a kill). */
  restart(i: number): Promise<void>;
  close(): Promise<void>;
}

export async function startProcessCluster(count: number): Promise<ProcessCluster> {
  const redis = await startRedisServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-processes-"));
  // startServerProcess puts each instance on the database that stands for the folder.
  const databaseUrl = await testDatabaseFor(dataDir);
  const env = {
    COCREA_REDIS_URL: redis.url,
    COCREA_PUBLIC_ORIGIN: PUBLIC_ORIGIN,
    // The log stays at info: the start is read from its "listening" line.
    COCREA_SIGNUP_FREE_PER_ADDRESS: "100000",
  };
  const processes: ServerProcess[] = [];
  // One after another: the first applies the migrations.
  for (let i = 0; i < count; i++) processes.push(await startServerProcess(dataDir, { env }));
  const at = (i: number): ServerProcess => {
    const found = processes[i];
    if (!found) throw new Error(`no instance ${i}`);
    return found;
  };
  return {
    redis,
    dataDir,
    databaseUrl,
    processes,
    // The factories and socket helpers use only the base URL and the origin.
    site: (i) => ({ url: at(i).site.url, origin: PUBLIC_ORIGIN }) as TestServer,
    async restart(i) {
      processes[i] = await startServerProcess(dataDir, { env, port: at(i).port });
    },
    async close() {
      await Promise.all(processes.map((process) => process.kill("SIGKILL")));
      await redis.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
