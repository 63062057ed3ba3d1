import { castBallotBody, openVoteBody } from "@shared/voteBodies";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/session";
import { castBallot, closeVote, listVotes, openVote, readVote, voteCommitments } from "../commands/votes";
import type { AppContext, AppEnv } from "../context";
import { jsonBody, pathParams, queryParams, recordId, workspaceParams } from "./validate";

const voteParams = z.strictObject({ id: recordId, voteId: recordId });
const listQuery = z.strictObject({ meetingId: recordId.optional(), commitmentId: recordId.optional() });

/**
 * A workspace's votes: /api/workspaces/:id/votes (see the README for who sees what).
 * /votes/commitments comes before /votes/:voteId, which would take "commitments" for a vote's id.
 */
export function voteRoutes(ctx: AppContext) {
  const deps = { ...ctx, documents: ctx.documentStore };
  return new Hono<AppEnv>()
    .get("/:id/votes", pathParams(workspaceParams), queryParams(listQuery), async (c) => {
      const votes = await listVotes(ctx, requireUser(c).id, c.req.valid("param").id, c.req.valid("query"));
      return c.json({ votes });
    })
    .post("/:id/votes", pathParams(workspaceParams), jsonBody(openVoteBody), async (c) => {
      const vote = await openVote(deps, requireUser(c).id, c.req.valid("param").id, c.req.valid("json"));
      return c.json({ vote }, 201);
    })
    .get("/:id/votes/commitments", pathParams(workspaceParams), async (c) => {
      const commitments = await voteCommitments(deps, requireUser(c).id, c.req.valid("param").id);
      return c.json({ commitments });
    })
    .get("/:id/votes/:voteId", pathParams(voteParams), async (c) => {
      const { id, voteId } = c.req.valid("param");
      return c.json(await readVote(ctx, requireUser(c).id, id, voteId));
    })
    .put("/:id/votes/:voteId/ballot", pathParams(voteParams), jsonBody(castBallotBody), async (c) => {
      const { id, voteId } = c.req.valid("param");
      const ballot = await castBallot(ctx, requireUser(c).id, id, voteId, c.req.valid("json"));
      return c.json({ ballot });
    })
    .post("/:id/votes/:voteId/close", pathParams(voteParams), async (c) => {
      const { id, voteId } = c.req.valid("param");
      return c.json(await closeVote(ctx, requireUser(c).id, id, voteId));
    });
}
