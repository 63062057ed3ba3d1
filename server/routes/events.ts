import { LIMITS } from "@shared/limits";
import { Hono } from "hono";
import { z } from "zod";
import { sessionKey } from "../auth/adapter";
import { requireUser } from "../auth/session";
import { requireMember } from "../commands/access";
import type { AppContext, AppEnv } from "../context";
import { ApiException, badRequest, unauthorized } from "../errors";
import { streamWorkspaceEvents } from "../events/stream";
import { pathParams, queryParams, workspaceParams } from "./validate";

const eventId = z.string().regex(/^\d{1,15}$/, "must be an event id (a whole number)");
const eventsQuery = z.strictObject({ after: eventId.optional() });

/**
 * The live event stream: GET /api/workspaces/:id/events (members only). A reconnecting
 * EventSource sends `Last-Event-ID` and gets exactly what it missed; a first connection may ask
 * for history with `?after=<id>`, and otherwise starts with the next event.
 */
export function eventRoutes(ctx: AppContext, options: { heartbeatMs: number }) {
  return new Hono<AppEnv>().get(
    "/:id/events",
    pathParams(workspaceParams),
    queryParams(eventsQuery),
    async (c) => {
      const { workspace } = await requireMember(ctx.store, c.req.valid("param").id, requireUser(c).id);
      const lastEventId = c.req.header("Last-Event-ID");
      if (lastEventId !== undefined && !eventId.safeParse(lastEventId).success) {
        throw badRequest("invalid_params", "Last-Event-ID: must be an event id (a whole number)");
      }
      const after = lastEventId ?? c.req.valid("query").after;
      const afterId = after === undefined ? await ctx.store.events.latestId(workspace.id) : Number(after);
      const lease = await ctx.liveSessions.open("stream", sessionKey(c.get("sessionId") ?? ""));
      if (lease === "session_ended") throw unauthorized();
      if (lease === "too_many") {
        throw new ApiException(
          429,
          "too_many_streams",
          `At most ${LIMITS.maxEventStreamsPerUser} live streams per account: close another tab and try again.`,
        );
      }
      return streamWorkspaceEvents(
        c,
        ctx,
        { workspaceId: workspace.id, userId: requireUser(c).id, afterId, lease },
        { heartbeatMs: options.heartbeatMs },
      );
    },
  );
}
