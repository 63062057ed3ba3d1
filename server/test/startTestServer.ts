import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../app";
import { type Config, loadConfig } from "../config";
import type { AppContext } from "../context";
import { type ContextOptions, createContext } from "../createContext";
import { testDatabaseFor } from "./testStore";

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The site's origin, as a browser on it would send in `Origin`. */
  origin: string;
  ctx: AppContext;
  server: Server;
  /** Closes connections (streams included), the server and the database, and deletes a fresh data folder. */
  close(): Promise<void>;
}

/** Something attached to the running server, closed before it on teardown. */
export interface Attachment {
  close(): void | Promise<void>;
}

export interface TestServerOptions {
  /**
   * An existing data folder (a database an older release left, one several instances share)
   * instead of a fresh one; it is then the caller's to delete.
   */
  dataDir?: string;
  /** Heartbeat interval of event streams (default 15 s). */
  sseHeartbeatMs?: number;
  context?: ContextOptions;
  /**
   * Settings other than the port and data folder, e.g. `publicOrigin`. `databaseUrl` chooses the
   * database; by default it is the run's store (see testStore.ts): SQLite in the data folder, or in
   * the PostgreSQL pass the PostgreSQL database that stands for the data folder.
   */
  config?: Partial<Omit<Config, "port" | "host" | "dataDir">>;
  /**
   * Extra servers to attach to the HTTP server once it listens, e.g. the collaboration server:
   * `startTestServer({ attach: attachCollab })`.
   */
  attach?: (server: Server, ctx: AppContext) => Attachment;
}

/**
 * Starts the real app on 127.0.0.1 with a random free port and a fresh data folder (and, in the
 * PostgreSQL pass, a fresh PostgreSQL database), as main.ts does (without the client build). Call
 * `close()` in afterAll.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-test-"));
  const databaseUrl =
    options.config && "databaseUrl" in options.config
      ? (options.config.databaseUrl ?? null)
      : await testDatabaseFor(dataDir);
  const config = {
    // Tests sign up many people from 127.0.0.1; the sign-up throttle has tests of its own. Request
    // and socket lines would bury a failing test's output; warnings and errors still show.
    ...loadConfig({
      COCREA_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      COCREA_SIGNUP_FREE_PER_ADDRESS: "100000",
      COCREA_LOG_LEVEL: "warn",
    }),
    databaseUrl,
    ...options.config,
  };
  const ctx = await createContext(config, options.context);
  const app = createApp(ctx, { sseHeartbeatMs: options.sseHeartbeatMs });
  const server = await new Promise<Server>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(listening as Server),
    );
  });
  const attachment = options.attach?.(server, ctx);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    origin: url,
    ctx,
    server,
    async close() {
      await attachment?.close();
      // Event streams never end by themselves; cut them so close() does not wait forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
