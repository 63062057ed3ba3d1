import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../context";
import type { Log } from "./log";
import type { Metrics } from "./metrics";

export interface RequestLogOptions {
  log: Log;
  metrics: Metrics;
  /** Keep the `X-Request-Id` a trusted proxy sent, so its log and ours share the id. */
  trustProxy: boolean;
}

const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

/**
 * The route pattern that answered (`/api/workspaces/:id/votes/:voteId`), never the raw path: paths
 * carry invitation tokens, and patterns keep the metric's label set small. Middleware is
 * registered for every method ("ALL"); the last route of one method is the handler.
 */
function routePattern(c: Context): string {
  const handler = matchedRoutes(c).findLast((route) => route.method !== "ALL");
  return handler?.path ?? "unmatched";
}

/**
 * One log line and one counted request per HTTP request, with a request id that is also returned
 * as `X-Request-Id` (quote it in a bug report to find the line). Logs the method, the route
 * pattern, the status and the time taken — never headers, cookies, query strings or bodies.
 */
export function requestLog({ log, metrics, trustProxy }: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = trustProxy ? c.req.header("X-Request-Id") : undefined;
    const requestId = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
    const route = routePattern(c);
    const status = c.res.status;
    metrics.httpRequests.inc({ method: c.req.method, route, status });
    const ms = Math.round((performance.now() - started) * 10) / 10;
    // A failing request's error is logged on its own by onError; this line only marks it.
    const level = status >= 500 ? "warn" : "info";
    log[level]({ requestId, method: c.req.method, route, status, ms }, "request");
  };
}
