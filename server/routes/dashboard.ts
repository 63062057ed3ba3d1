import { Hono } from "hono";
import { requireUser } from "../auth/session";
import { readDashboard } from "../commands/dashboard";
import type { AppContext, AppEnv } from "../context";
import { pathParams, workspaceParams } from "./validate";

/** GET /api/workspaces/:id/dashboard: the workspace home's facts (any member). */
export function dashboardRoutes(ctx: AppContext) {
  return new Hono<AppEnv>().get("/:id/dashboard", pathParams(workspaceParams), async (c) =>
    c.json(await readDashboard(ctx, requireUser(c).id, c.req.valid("param").id)),
  );
}
