import { acceptInvitationBody, createInvitationBody } from "@shared/api";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/session";
import { requireMember } from "../commands/access";
import {
  acceptInvitation,
  createInvitation,
  previewInvitation,
  revokeInvitation,
} from "../commands/invitations";
import type { AppContext, AppEnv } from "../context";
import { toInvitation } from "../store/invitations";
import { invitationToken, jsonBody, pathParams, recordId, workspaceParams } from "./validate";

const invitationParams = z.strictObject({ id: recordId, invitationId: recordId });
const tokenParams = z.strictObject({ token: invitationToken });

/** Where invitation links point: the configured public origin, else the origin the request came to. */
function siteOrigin(ctx: AppContext, requestUrl: string): string {
  return ctx.config.publicOrigin ?? new URL(requestUrl).origin;
}

/** Invitation links a facilitator manages: /api/workspaces/:id/invitations. */
export function workspaceInvitationRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/:id/invitations", pathParams(workspaceParams), async (c) => {
      const { workspace } = await requireMember(
        ctx.store,
        c.req.valid("param").id,
        requireUser(c).id,
        "facilitator",
      );
      return c.json({ invitations: (await ctx.store.invitations.list(workspace.id)).map(toInvitation) });
    })
    .post("/:id/invitations", pathParams(workspaceParams), jsonBody(createInvitationBody), async (c) => {
      const { id } = c.req.valid("param");
      const { invitation, token } = await createInvitation(ctx, requireUser(c).id, id, c.req.valid("json"));
      const url = `${siteOrigin(ctx, c.req.url)}/join/${token}`;
      return c.json({ invitation: { ...toInvitation(invitation), token, url } }, 201);
    })
    .delete("/:id/invitations/:invitationId", pathParams(invitationParams), async (c) => {
      const { id, invitationId } = c.req.valid("param");
      await revokeInvitation(ctx, requireUser(c).id, id, invitationId);
      return c.body(null, 204);
    });
}

/** What a link holder does: /api/invitations/:token. */
export function invitationLinkRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/:token", pathParams(tokenParams), async (c) =>
      c.json({
        invitation: await previewInvitation(ctx.store, c.req.valid("param").token, c.get("user")?.id ?? null),
      }),
    )
    .post("/:token/accept", pathParams(tokenParams), jsonBody(acceptInvitationBody), async (c) => {
      const user = requireUser(c);
      const { membership } = await acceptInvitation(
        ctx,
        user,
        c.req.valid("param").token,
        c.req.valid("json"),
      );
      return c.json({ membership });
    });
}
