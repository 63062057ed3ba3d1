import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { sessionMiddleware, signedIn } from "./auth/session";
import type { AppContext, AppEnv } from "./context";
import { ApiException } from "./errors";
import { routeMetrics } from "./ops/metricsEndpoint";
import { requestLog } from "./ops/requestLog";
import { authRoutes } from "./routes/auth";
import { commentRoutes } from "./routes/comments";
import { consultationRoutes, participantRoutes } from "./routes/consultations";
import { dashboardRoutes } from "./routes/dashboard";
import { eventRoutes } from "./routes/events";
import { invitationLinkRoutes, workspaceInvitationRoutes } from "./routes/invitations";
import { meRoutes } from "./routes/me";
import { meetingRoutes } from "./routes/meetings";
import { memberRoutes } from "./routes/members";
import { checkHost, checkOrigin, limitBody, parseJsonBody, securityHeaders } from "./routes/middleware";
import { publicRoutes } from "./routes/public";
import { publicationRoutes } from "./routes/publication";
import { recordRoutes } from "./routes/record";
import { versionRoutes } from "./routes/versions";
import { voteRoutes } from "./routes/votes";
import { workspaceRoutes } from "./routes/workspaces";

export interface AppOptions {
  /** Idle interval of the event stream's heartbeat comment; 15 s unless a test wants it sooner. */
  sseHeartbeatMs?: number;
}

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * The REST API as a Hono app, without listening: main.ts serves it, tests call it on a real port.
 * Every /api answer is JSON; every refusal is `{error: {code, message}}`.
 */
export function createApp(ctx: AppContext, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(requestLog({ log: ctx.log, metrics: ctx.metrics, trustProxy: ctx.config.trustProxy }));
  app.use(securityHeaders(ctx.config));

  // For load balancers and process managers: 200 only when this instance can serve. Before the
  // Host check, as health checks and scrapes address an instance by its own address.
  app.get("/healthz", async (c) => {
    const report = await ctx.health.report();
    c.header("Cache-Control", "no-store");
    return c.json(report, report.status === "ok" ? 200 : 503);
  });
  // On the main port only with a token; otherwise on its own port (main.ts) or nowhere.
  if (ctx.config.metrics.token) routeMetrics(app, ctx.metrics, ctx.config.metrics.token);
  app.use(checkHost(ctx.config));
  app.use("/api/*", checkOrigin(ctx.config), limitBody(), parseJsonBody(), sessionMiddleware(ctx.auth));

  // Only signing up, signing in and out, and previewing an invitation work without a session.
  app.route("/api/auth", authRoutes(ctx));
  app.use("/api/me", signedIn);
  app.use("/api/workspaces", signedIn);
  app.use("/api/workspaces/*", signedIn);
  app.use("/api/invitations/:token/accept", signedIn);

  app.route("/api/me", meRoutes(ctx));
  app.route("/api/workspaces", workspaceRoutes(ctx));
  app.route("/api/workspaces", memberRoutes(ctx));
  app.route("/api/workspaces", workspaceInvitationRoutes(ctx));
  app.route("/api/workspaces", eventRoutes(ctx, { heartbeatMs: options.sseHeartbeatMs ?? 15_000 }));
  app.route("/api/workspaces", voteRoutes(ctx));
  app.route("/api/workspaces", meetingRoutes(ctx));
  app.route("/api/workspaces", versionRoutes(ctx));
  app.route("/api/workspaces", publicationRoutes(ctx));
  // The public process page and the official versions: no session needed.
  app.route("/api/public", publicRoutes(ctx));
  app.route("/api/workspaces", commentRoutes(ctx));
  app.route("/api/workspaces", dashboardRoutes(ctx));
  app.route("/api/workspaces", recordRoutes(ctx));
  app.route("/api/workspaces", consultationRoutes(ctx));
  app.route("/api/consultations", participantRoutes(ctx));
  app.route("/api/invitations", invitationLinkRoutes(ctx));

  app.notFound((c) => c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}.`), 404));

  app.onError((error, c) => {
    if (error instanceof ApiException) {
      const issues = error.issues ? { issues: error.issues } : {};
      return c.json({ error: { code: error.code, message: error.message, ...issues } }, error.status);
    }
    // Hono's own refusals (e.g. a malformed multipart body) keep their status with a generic code.
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody("bad_request", error.message), error.status as ContentfulStatusCode);
    }
    ctx.log.error({ err: error, requestId: c.get("requestId"), method: c.req.method }, "request failed");
    return c.json(errorBody("internal_error", "Something went wrong on the server. Please try again."), 500);
  });

  return app;
}
