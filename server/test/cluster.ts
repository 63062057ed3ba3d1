import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CollabServer } from "../collab";
import { startCollabServer } from "../collab/test/server";
import type { Config } from "../config";
import type { ContextOptions } from "../createContext";
import { TestClient } from "./factories";
import { type RedisServer, startRedisServer } from "./redisServer";
import type { TestServer } from "./startTestServer";

/** The site's address as browsers see it, in front of every instance. */
export const PUBLIC_ORIGIN = "http://cocrea.test";

/** One app instance of a test cluster: its server and its collaboration server. */
export interface Instance {
  srv: TestServer;
  collab: CollabServer;
}

export interface TestCluster {
  /** Replaced by a test that stops Redis and starts it again. */
  redis: RedisServer;
  instances: Instance[];
  /** Closes every instance, then Redis, and deletes the shared data folder. */
  close(): Promise<void>;
}

/**
 * `count` real app instances, each on its own loopback port with its own database connection and
 * Redis link, sharing one database (the SQLite file in one data folder, or in the PostgreSQL pass
 * one PostgreSQL database: startTestServer maps the folder to it) and one redis-server of the
 * test's own, as several Cocrea processes behind a load balancer would.
 */
export async function startCluster(
  count: number,
  config: Partial<Omit<Config, "port" | "host" | "dataDir" | "redisUrl">> = {},
  context?: ContextOptions,
): Promise<TestCluster> {
  const redis = await startRedisServer();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-cluster-"));
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const { srv, collab } = await startCollabServer({
      dataDir,
      config: { publicOrigin: PUBLIC_ORIGIN, ...config, redisUrl: redis.url },
      context,
    });
    await srv.ctx.redis?.ready();
    // Browsers send the site's public origin, whichever instance the load balancer picked.
    instances.push({ srv: { ...srv, origin: PUBLIC_ORIGIN }, collab });
  }
  const cluster: TestCluster = {
    redis,
    instances,
    async close() {
      for (const { srv } of instances) await srv.close();
      await cluster.redis.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** The same browser (same session cookie) reaching another instance, as a load balancer may send it. */
export function through(client: TestClient, instance: Instance): TestClient {
  const moved = new TestClient(instance.srv, client.user, client.password);
  moved.cookie = client.cookie;
  return moved;
}
