import type { MembershipResponse } from "@shared/api";
import type { Role, Sector } from "@shared/roles";
import type { BallotResponse, Vote, VoteDetailResponse, VoteResponse } from "@shared/votes";
import { createUser, invite, type Reply, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

/** Helpers for the votes integration tests. */

export const votesPath = (workspaceId: string, voteId?: string): string =>
  `/api/workspaces/${workspaceId}/votes${voteId ? `/${voteId}` : ""}`;

/** Opens a vote as `facilitator` and returns it; fails the test on any other answer than 201. */
export async function openVote(
  facilitator: TestClient,
  workspaceId: string,
  body: Record<string, unknown>,
): Promise<Vote> {
  const reply = await facilitator.post<VoteResponse>(votesPath(workspaceId), {
    title: "Adopt the plan?",
    ...body,
  });
  if (reply.status !== 201) throw new Error(`opening failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.vote;
}

export const cast = (
  client: TestClient,
  workspaceId: string,
  voteId: string,
  body: unknown,
): Promise<Reply<BallotResponse>> =>
  client.request<BallotResponse>("PUT", `${votesPath(workspaceId, voteId)}/ballot`, { body });

export const readVote = (client: TestClient, workspaceId: string, voteId: string) =>
  client.get<VoteDetailResponse>(votesPath(workspaceId, voteId));

export const closeVote = (client: TestClient, workspaceId: string, voteId: string) =>
  client.post(`${votesPath(workspaceId, voteId)}/close`);

/**
 * `count` new members of the workspace with this role and sector, through one invitation link.
 * Sign-ups run a few at a time: each hashes a password with argon2.
 */
export async function addMembers(
  srv: TestServer,
  workspaceId: string,
  facilitator: TestClient,
  count: number,
  role: Role,
  sector: Sector,
): Promise<TestClient[]> {
  const { token } = await invite(facilitator, workspaceId, { role, sector, maxUses: count });
  const members: TestClient[] = [];
  const batch = 8;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const joined = await Promise.all(
      Array.from({ length: size }, async (_, i) => {
        const client = await createUser(srv, { name: `${sector} ${role} ${start + i + 1}` });
        const reply = await client.post<MembershipResponse>(`/api/invitations/${token}/accept`, {});
        if (reply.status !== 200) throw new Error(`joining failed: ${reply.status}`);
        return client;
      }),
    );
    members.push(...joined);
  }
  return members;
}

/** The ballots stored for a vote, straight from the database. */
export const storedBallots = (srv: TestServer, voteId: string) =>
  srv.ctx.sql.all<{ user_id: string; sector: Sector; choices: string; reason: string | null }>(
    "SELECT user_id, sector, choices, reason FROM ballots WHERE vote_id = ? ORDER BY user_id",
    [voteId],
  );

/** Moves an open vote's deadline into the past, as if the time had come, without waiting for it. */
export const passDeadline = async (srv: TestServer, voteId: string): Promise<void> => {
  await srv.ctx.sql.run("UPDATE votes SET closes_at = ? WHERE id = ?", [Date.now() - 1000, voteId]);
};
