import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Env, Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { MetricsConfig } from "../config";
import type { Log } from "./log";
import type { Metrics } from "./metrics";

/** GET /metrics on `app` in Prometheus text format, behind the bearer token when there is one. */
export function routeMetrics<E extends Env>(app: Hono<E>, metrics: Metrics, token: string | null): void {
  if (token) app.use("/metrics", bearerAuth({ token }));
  app.get("/metrics", async (c) => {
    const text = await metrics.registry.metrics();
    return c.body(text, 200, { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" });
  });
}

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

/**
 * The metrics' own listener on `config.host:config.port` (127.0.0.1 unless set), for a Prometheus
 * that reaches the instance on a private network while the main port faces the public.
 */
export async function listenForMetrics(
  config: MetricsConfig & { port: number },
  metrics: Metrics,
  log: Log,
): Promise<MetricsListener> {
  const app = new Hono();
  routeMetrics(app, metrics, config.token);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(listening as Server),
    );
    listening.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  log.info({ host: config.host, port }, "metrics listening");
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
