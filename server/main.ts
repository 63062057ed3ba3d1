import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { ensureClientBuilt } from "./clientBuild";
import { attachCollab } from "./collab";
import { loadConfig } from "./config";
import { createContext } from "./createContext";
import { serveClient } from "./static";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const config = loadConfig();
const clientDir = process.env.COCREA_SKIP_CLIENT === "1" ? null : ensureClientBuilt(root);
const ctx = createContext(config);
const app = createApp(ctx);
if (clientDir) serveClient(app, clientDir);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  // Tests and the benchmark read this line to find the port when PORT=0.
  console.log(`Cocrea listening on http://localhost:${info.port} (data in ${config.dataDir})`);
});
const collab = attachCollab(server, ctx);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing connections and flushing documents…`);
  await collab.close();
  server.close();
  ctx.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
