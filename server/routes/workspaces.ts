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
    .get("/", (c) => c.json({ workspaces: ctx.store.workspaces.listForUser(requireUser(c).id) }))
    .post("/", jsonBody(createWorkspaceBody), (c) => {
      const { workspace, membership } = createWorkspace(ctx, requireUser(c), c.req.valid("json"));
      return c.json({ workspace, membership }, 201);
    })
    .get("/:id", pathParams(workspaceParams), (c) => {
      const user = requireUser(c);
      return c.json(requireMember(ctx.store, c.req.valid("param").id, user.id));
    })
    .patch("/:id", pathParams(workspaceParams), jsonBody(updateWorkspaceBody), (c) => {
      const user = requireUser(c);
      const workspace = updateWorkspace(ctx, user.id, c.req.valid("param").id, c.req.valid("json"));
      return c.json({ workspace });
    });
}
