import { commentBody, hideBody, openThreadBody, respondBody, threadQuery } from "@shared/commentBodies";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/session";
import {
  editComment,
  hideComment,
  listThreads,
  openThread,
  readThread,
  reply,
  respond,
  summarizeThreads,
  withdrawComment,
} from "../commands/comments";
import type { AppContext, AppEnv } from "../context";
import { jsonBody, pathParams, queryParams, recordId, workspaceParams } from "./validate";

const threadParams = z.strictObject({ id: recordId, threadId: recordId });
const commentParams = z.strictObject({ id: recordId, threadId: recordId, commentId: recordId });

/** Comment threads on the plan and their reasoned responses: /api/workspaces/:id/threads (see the README). */
export function commentRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/:id/threads", pathParams(workspaceParams), queryParams(threadQuery), async (c) => {
      const threads = await listThreads(
        ctx,
        requireUser(c).id,
        c.req.valid("param").id,
        c.req.valid("query"),
      );
      return c.json({ threads });
    })
    .post("/:id/threads", pathParams(workspaceParams), jsonBody(openThreadBody), async (c) => {
      const thread = await openThread(ctx, requireUser(c).id, c.req.valid("param").id, c.req.valid("json"));
      return c.json({ thread }, 201);
    })
    .get("/:id/threads/summary", pathParams(workspaceParams), async (c) => {
      const summary = await summarizeThreads(ctx, requireUser(c).id, c.req.valid("param").id);
      return c.json({ summary });
    })
    .get("/:id/threads/:threadId", pathParams(threadParams), async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json({ thread: await readThread(ctx, requireUser(c).id, id, threadId) });
    })
    .post("/:id/threads/:threadId/comments", pathParams(threadParams), jsonBody(commentBody), async (c) => {
      const { id, threadId } = c.req.valid("param");
      const thread = await reply(ctx, requireUser(c).id, id, threadId, c.req.valid("json"));
      return c.json({ thread }, 201);
    })
    .patch(
      "/:id/threads/:threadId/comments/:commentId",
      pathParams(commentParams),
      jsonBody(commentBody),
      async (c) => {
        const { id, ...ids } = c.req.valid("param");
        return c.json({ thread: await editComment(ctx, requireUser(c).id, id, ids, c.req.valid("json")) });
      },
    )
    .post("/:id/threads/:threadId/comments/:commentId/withdraw", pathParams(commentParams), async (c) => {
      const { id, ...ids } = c.req.valid("param");
      return c.json({ thread: await withdrawComment(ctx, requireUser(c).id, id, ids) });
    })
    .post(
      "/:id/threads/:threadId/comments/:commentId/hide",
      pathParams(commentParams),
      jsonBody(hideBody),
      async (c) => {
        const { id, ...ids } = c.req.valid("param");
        return c.json({ thread: await hideComment(ctx, requireUser(c).id, id, ids, c.req.valid("json")) });
      },
    )
    .post("/:id/threads/:threadId/responses", pathParams(threadParams), jsonBody(respondBody), async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json(
        { thread: await respond(ctx, requireUser(c).id, id, threadId, c.req.valid("json")) },
        201,
      );
    });
}
