import { updateMemberBody } from "@shared/api";
import { hasRole } from "@shared/roles";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/session";
import { requireMember } from "../commands/access";
import { removeMember, updateMember } from "../commands/members";
import type { AppContext, AppEnv } from "../context";
import { jsonBody, pathParams, recordId, workspaceParams } from "./validate";

const memberParams = z.strictObject({ id: recordId, userId: recordId });

/** A workspace's members: /api/workspaces/:id/members. */
export function memberRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/:id/members", pathParams(workspaceParams), async (c) => {
      const { membership } = await requireMember(ctx.store, c.req.valid("param").id, requireUser(c).id);
      const members = await ctx.store.memberships.list(membership.workspaceId);
      // Emails are for facilitators, who may need to reach people; other members see names only.
      if (hasRole(membership.role, "facilitator")) return c.json({ members });
      return c.json({ members: members.map(({ email: _email, ...member }) => member) });
    })
    .patch("/:id/members/:userId", pathParams(memberParams), jsonBody(updateMemberBody), async (c) => {
      const { id, userId } = c.req.valid("param");
      const membership = await updateMember(ctx, requireUser(c).id, id, userId, c.req.valid("json"));
      return c.json({ membership });
    })
    .delete("/:id/members/:userId", pathParams(memberParams), async (c) => {
      const { id, userId } = c.req.valid("param");
      await removeMember(ctx, requireUser(c).id, id, userId);
      return c.body(null, 204);
    });
}
