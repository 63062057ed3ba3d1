import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { ensureClientBuilt } from "./clientBuild";
import { attachCollab } from "./collab";
import { type Config, ConfigError, loadConfig } from "./config";
import { createContext } from "./createContext";
import { listenForMetrics, type MetricsListener } from "./ops/metricsEndpoint";
import { serveClient } from "./static";

/** How long a graceful stop may take before the process exits anyway (systemd waits 90 s). */
const STOP_DEADLINE_MS = 30_000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Plain text on stderr: whoever starts the server reads this, before any log collector.
    process.stderr.write(`Cocrea cannot start. ${error.message}\n`);
    process.exit(1);
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const config = readConfig();
const clientDir = config.skipClient ? null : ensureClientBuilt(root);
const ctx = await createContext(config);
const { log } = ctx;
const app = createApp(ctx);
if (clientDir) {
  // Loaded only by a process that serves pages: the page renderer brings React's server renderer,
  // the router and the client's reading view (about 30 MB).
  const { servePrerenderedPages } = await import("./prerender/planPage");
  // Before the static files: the plan page comes with the plan in it for its members.
  servePrerenderedPages(app, ctx, clientDir);
  serveClient(app, clientDir);
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  // Tests and the benchmark read this message to find the port when PORT=0.
  log.info({ port: info.port, dataDir: config.dataDir }, `Cocrea listening on http://localhost:${info.port}`);
}) as Server;
server.once("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EADDRINUSE") throw error;
  // One sentence for whoever started it (often `npm run demo` a second time), not a stack trace.
  process.stderr.write(
    `Cocrea cannot start: port ${config.port} is already in use (is Cocrea already running?). Stop the other program, or choose another port with PORT=…\n`,
  );
  process.exit(1);
});
const collab = attachCollab(server, ctx);
let metricsListener: MetricsListener | null = null;
if (config.metrics.port !== null) {
  metricsListener = await listenForMetrics(
    { ...config.metrics, port: config.metrics.port },
    ctx.metrics,
    log,
  ).catch((error: unknown) => {
    log.fatal({ err: error }, "the metrics port could not be opened");
    process.exit(1);
  });
}

/**
 * Graceful stop (SIGTERM from systemd or a deploy, SIGINT from a terminal): report unavailable so
 * the load balancer moves on, stop accepting connections, close collaboration sockets with the
 * retryable 4503 after committing and compacting every document, end event streams (browsers
 * resume them elsewhere with Last-Event-ID), close the database, exit 0.
 */
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const started = performance.now();
  log.info({ signal }, "stopping: closing connections and storing documents");
  setTimeout(() => {
    log.error({ deadlineMs: STOP_DEADLINE_MS }, "stopping took too long; exiting anyway");
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  ctx.health.drain();
  server.close();
  const documents = collab.stats().documents;
  await collab.close();
  ctx.relay.close();
  server.closeAllConnections();
  await metricsListener?.close();
  await ctx.close();
  log.info({ documents, ms: Math.round(performance.now() - started) }, "stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
