import { createWorkspaceBody, updateWorkspaceBody } from "@shared/api";
import { Hono } from "hono";
import { requireUser } from "../auth/session";
import { requireMember } from "../commands/access";
import { createWorkspace, updateWorkspace } from "../commands/workspaces";
import type { AppContext, AppEnv } from "../context";
import { jsonBody, pathParams, workspaceParams } from "./validate";

/** Workspaces: /api/workspaces and /api/workspaces/:id. */
export function workspaceRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/", async (c) => c.json({ workspaces: await ctx.store.workspaces.listForUser(requireUser(c).id) }))
    .post("/", jsonBody(createWorkspaceBody), async (c) => {
      const { workspace, membership } = await createWorkspace(ctx, requireUser(c), c.req.valid("json"));
      return c.json({ workspace, membership }, 201);
    })
    .get("/:id", pathParams(workspaceParams), async (c) => {
      const user = requireUser(c);
      return c.json(await requireMember(ctx.store, c.req.valid("param").id, user.id));
    })
    .patch("/:id", pathParams(workspaceParams), jsonBody(updateWorkspaceBody), async (c) => {
      const user = requireUser(c);
      const workspace = await updateWorkspace(ctx, user.id, c.req.valid("param").id, c.req.valid("json"));
      return c.json({ workspace });
    });
}
