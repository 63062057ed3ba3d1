import type { ClosedVoteResponse, VoteDetailResponse, VotesResponse } from "@shared/votes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createCast, joinAs, type TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows, sqlValue } from "../test/storage";
import { createTemplateMeeting } from "./meetings.fixtures";
import {
  cast,
  closeVote,
  openVote,
  passDeadline,
  readVote,
  storedBallots,
  votesPath,
} from "./votes.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let workspaceId: string;
let drafter: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let stranger: TestClient;

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, workspaceId, drafter, commenter, viewer, stranger } = await createCast(srv));
});
afterAll(() => srv.close());

const eventCount = () => countRows(srv.ctx, "events", "workspace_id = ?", [workspaceId]);

describe("POST /api/workspaces/:id/votes", () => {
  it("opens an approve vote with the defaults and announces it on the event stream", async () => {
    const stream = await openEventStream(commenter, workspaceId);
    const vote = await openVote(facilitator, workspaceId, { kind: "approve" });
    expect(vote).toMatchObject({
      kind: "approve",
      status: "open",
      eligibility: "commenter",
      secrecy: "open",
      tallies: "live",
      commitmentId: null,
      meetingId: null,
      options: [],
      ballots: 0,
      // The facilitator, the drafter and the commenter; not the viewer.
      eligible: 3,
      openedBy: { userId: facilitator.user?.id, name: "Fiona Facilitator" },
    });
    const event = await stream.nextEvent();
    stream.close();
    expect(event).toMatchObject({ type: "vote.opened", actorId: facilitator.user?.id, payload: { vote } });
  });

  it("gives prioritise options stable ids and makes a secret vote's tallies wait for the close", async () => {
    const vote = await openVote(facilitator, workspaceId, {
      kind: "prioritise",
      options: ["Open budget", "Open contracting", "Open data"],
      maxChoices: 2,
      secrecy: "secret",
      eligibility: "drafter",
      quorum: 2,
    });
    expect(vote.options).toEqual([
      { id: "o1", label: "Open budget" },
      { id: "o2", label: "Open contracting" },
      { id: "o3", label: "Open data" },
    ]);
    expect(vote).toMatchObject({ maxChoices: 2, tallies: "after_close", quorum: 2, eligible: 2 });
  });

  it.each([
    ["a drafter", () => drafter, 403],
    ["a viewer", () => viewer, 403],
    ["a non-member", () => stranger, 403],
    ["someone signed out", () => anonymous(srv), 401],
  ])("refuses %s, opening nothing", async (_who, client, status) => {
    const events = await eventCount();
    const reply = await client().post(votesPath(workspaceId), { title: "Sneaky", kind: "approve" });
    expect(reply.status).toBe(status);
    expect(await eventCount()).toBe(events);
  });

  it.each([
    ["live tallies on a secret vote", { kind: "approve", secrecy: "secret", tallies: "live" }, "tallies"],
    [
      "K above the number of options",
      { kind: "prioritise", options: ["A", "B"], maxChoices: 3 },
      "maxChoices",
    ],
    ["a single option", { kind: "prioritise", options: ["A"], maxChoices: 1 }, "options"],
    ["a deadline in the past", { kind: "approve", closesAt: "2020-01-01T00:00:00Z" }, "closesAt"],
    ["an unknown kind", { kind: "ranked" }, "kind"],
    ["a zero quorum", { kind: "consent", quorum: 0 }, "quorum"],
  ])("refuses %s with 400 naming the field", async (_what, body, path) => {
    const reply = await facilitator.post(votesPath(workspaceId), { title: "Bad", ...body });
    expect(reply.status).toBe(400);
    expect(reply.error?.code).toBe("invalid_body");
    expect(reply.error?.issues?.map((issue) => issue.path)).toContain(path);
  });
});

describe("PUT /api/workspaces/:id/votes/:voteId/ballot", () => {
  it("casts and changes a ballot; the member sees their own, with the sector they had when casting", async () => {
    const vote = await openVote(facilitator, workspaceId, { kind: "approve" });
    const first = await cast(commenter, workspaceId, vote.id, { choices: ["yes"] });
    expect(first.status).toBe(200);
    expect(first.body.ballot.choices).toEqual(["yes"]);
    const changed = await cast(commenter, workspaceId, vote.id, { choices: ["no"] });
    expect(changed.body.ballot).toMatchObject({ choices: ["no"], castAt: first.body.ballot.castAt });
    expect(await storedBallots(srv, vote.id)).toEqual([
      { user_id: commenter.user?.id, sector: "civil_society", choices: '["no"]', reason: null },
    ]);
    const detail = await readVote(commenter, workspaceId, vote.id);
    expect(detail.body).toMatchObject({ canVote: true, myBallot: { choices: ["no"] }, vote: { ballots: 1 } });
    expect(detail.body.results?.counts).toEqual({ yes: 0, no: 1, abstain: 0 });
  });

  it("announces each ballot with the turnout and never the choice", async () => {
    const vote = await openVote(facilitator, workspaceId, { kind: "approve" });
    const stream = await openEventStream(viewer, workspaceId);
    await cast(drafter, workspaceId, vote.id, { choices: ["abstain"] });
    const event = await stream.nextEvent();
    stream.close();
    expect(event).toMatchObject({ type: "vote.ballot_cast", actorId: drafter.user?.id });
    expect(event.payload).toEqual({ voteId: vote.id, ballots: 1 });
  });

  describe("refusals, each leaving no ballot and no event behind", () => {
    const refusals: [
      string,
      () => Promise<{ client: TestClient; voteId: string; body: unknown }>,
      number,
      string,
    ][] = [
      [
        "someone signed out",
        async () => ({ client: anonymous(srv), voteId: await approveVote(), body: { choices: ["yes"] } }),
        401,
        "not_signed_in",
      ],
      [
        "a non-member",
        async () => ({ client: stranger, voteId: await approveVote(), body: { choices: ["yes"] } }),
        403,
        "forbidden",
      ],
      [
        "a viewer",
        async () => ({ client: viewer, voteId: await approveVote(), body: { choices: ["yes"] } }),
        403,
        "not_eligible",
      ],
      [
        "a commenter when only drafters and up may vote",
        async () => ({
          client: commenter,
          voteId: await approveVote({ eligibility: "drafter" }),
          body: { choices: ["yes"] },
        }),
        403,
        "not_eligible",
      ],
      [
        "a ballot after the close",
        async () => {
          const voteId = await approveVote();
          expect((await closeVote(facilitator, workspaceId, voteId)).status).toBe(200);
          return { client: commenter, voteId, body: { choices: ["yes"] } };
        },
        409,
        "vote_closed",
      ],
      [
        "a choice the vote does not offer",
        async () => ({ client: commenter, voteId: await approveVote(), body: { choices: ["maybe"] } }),
        400,
        "invalid_ballot",
      ],
      [
        "a prioritise ballot over K",
        async () => ({
          client: commenter,
          voteId: (
            await openVote(facilitator, workspaceId, {
              kind: "prioritise",
              options: ["A", "B", "C"],
              maxChoices: 2,
            })
          ).id,
          body: { choices: ["o1", "o2", "o3"] },
        }),
        400,
        "too_many_choices",
      ],
      [
        "a consent objection without a reason",
        async () => ({
          client: commenter,
          voteId: (await openVote(facilitator, workspaceId, { kind: "consent" })).id,
          body: { choices: ["object"], reason: "   " },
        }),
        400,
        "reason_required",
      ],
      [
        "a body with an unknown field",
        async () => ({
          client: commenter,
          voteId: await approveVote(),
          body: { choices: ["yes"], weight: 10 },
        }),
        400,
        "invalid_body",
      ],
      [
        "a vote that does not exist",
        async () => ({ client: commenter, voteId: "nosuchvote", body: { choices: ["yes"] } }),
        404,
        "not_found",
      ],
    ];

    it.each(refusals)("refuses %s", async (_who, arrange, status, code) => {
      const { client, voteId, body } = await arrange();
      const events = await eventCount();
      const reply = await cast(client, workspaceId, voteId, body);
      expect(reply.status).toBe(status);
      expect(reply.error?.code).toBe(code);
      expect(await storedBallots(srv, voteId)).toEqual([]);
      expect(await eventCount()).toBe(events);
    });
  });

  it("accepts an objection with its reason and shows it in an open vote's results", async () => {
    const { id } = await openVote(facilitator, workspaceId, { kind: "consent" });
    const reply = await cast(drafter, workspaceId, id, { choices: ["object"], reason: "No budget line yet" });
    expect(reply.status).toBe(200);
    const detail = await readVote(viewer, workspaceId, id);
    expect(detail.body.results?.reasons).toEqual(["No budget line yet"]);
    expect(detail.body.ballots).toEqual([
      {
        userId: drafter.user?.id,
        name: "A drafter",
        sector: "academia",
        choices: ["object"],
        reason: "No budget line yet",
      },
    ]);
  });
});

const approveVote = async (body: Record<string, unknown> = {}) =>
  (await openVote(facilitator, workspaceId, { kind: "approve", ...body })).id;

describe("GET /api/workspaces/:id/votes and /votes/:voteId", () => {
  it("lists votes newest first to every member, filtered by meeting", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const meetingVote = await openVote(facilitator, workspaceId, { kind: "approve", meetingId: meeting.id });
    const list = await viewer.get<VotesResponse>(votesPath(workspaceId));
    expect(list.status).toBe(200);
    expect(list.body.votes[0]?.id).toBe(meetingVote.id);
    const ofMeeting = await viewer.get<VotesResponse>(`${votesPath(workspaceId)}?meetingId=${meeting.id}`);
    expect(ofMeeting.body.votes.map((vote) => vote.id)).toEqual([meetingVote.id]);
    expect((await viewer.get(`${votesPath(workspaceId)}?meetingId=bad%20id`)).status).toBe(400);
  });

  it("refuses non-members and people signed out", async () => {
    const voteId = await approveVote();
    expect((await stranger.get(votesPath(workspaceId))).status).toBe(403);
    expect((await readVote(stranger, workspaceId, voteId)).status).toBe(403);
    expect((await anonymous(srv).get(votesPath(workspaceId, voteId))).status).toBe(401);
    expect((await readVote(viewer, workspaceId, "nosuchvote")).status).toBe(404);
  });

  it("shows a viewer everything of an open vote but offers them no ballot", async () => {
    const voteId = await approveVote();
    await cast(commenter, workspaceId, voteId, { choices: ["yes"] });
    const detail = await readVote(viewer, workspaceId, voteId);
    expect(detail.body).toMatchObject({ canVote: false, myBallot: null });
    expect(detail.body.participants).toEqual([
      { userId: commenter.user?.id, name: "A commenter", sector: "civil_society" },
    ]);
    expect(detail.body.ballots).toEqual([
      expect.objectContaining({ userId: commenter.user?.id, choices: ["yes"] }),
    ]);
  });

  it("hides tallies and who voted what while open when configured, from facilitators too", async () => {
    const voteId = await approveVote({ tallies: "after_close" });
    await cast(commenter, workspaceId, voteId, { choices: ["no"] });
    await cast(drafter, workspaceId, voteId, { choices: ["yes"] });
    for (const client of [facilitator, drafter, commenter, viewer]) {
      const { body } = await readVote(client, workspaceId, voteId);
      expect(body.results).toBeNull();
      expect(body.ballots).toBeNull();
      expect(body.vote.ballots).toBe(2);
      expect(body.participants).toHaveLength(2);
    }
    expect((await readVote(commenter, workspaceId, voteId)).body.myBallot?.choices).toEqual(["no"]);
    await closeVote(facilitator, workspaceId, voteId);
    const after = await readVote(viewer, workspaceId, voteId);
    expect(after.body.results?.counts).toEqual({ yes: 1, no: 1, abstain: 0 });
    expect(after.body.ballots?.map((ballot) => [ballot.name, ballot.choices])).toEqual([
      ["A commenter", ["no"]],
      ["A drafter", ["yes"]],
    ]);
  });
});

describe("POST /api/workspaces/:id/votes/:voteId/close", () => {
  it("freezes the result with totals, sectors, turnout and quorum, and announces it", async () => {
    const voteId = await approveVote({ quorum: 3 });
    await cast(commenter, workspaceId, voteId, { choices: ["yes"] });
    await cast(drafter, workspaceId, voteId, { choices: ["no"] });
    const stream = await openEventStream(viewer, workspaceId);
    const reply = await closeVote(facilitator, workspaceId, voteId);
    expect(reply.status).toBe(200);
    const { vote, results } = reply.body as ClosedVoteResponse;
    expect(vote).toMatchObject({ status: "closed", closedBy: facilitator.user?.id, ballots: 2, eligible: 3 });
    expect(results).toMatchObject({ ballots: 2, eligible: 3, quorum: 3, quorumMet: false });
    expect(results.counts).toEqual({ yes: 1, no: 1, abstain: 0 });
    expect(results.bySector.map((row) => [row.sectors, row.ballots, row.eligible])).toEqual([
      [["government"], 0, 1],
      [["civil_society"], 1, 1],
      [["academia"], 1, 1],
    ]);
    const event = await stream.nextEvent();
    stream.close();
    expect(event).toMatchObject({
      type: "vote.closed",
      actorId: facilitator.user?.id,
      payload: { vote, result: results },
    });
  });

  it("keeps the frozen turnout when members join or change role afterwards", async () => {
    const voteId = await approveVote();
    await closeVote(facilitator, workspaceId, voteId);
    await joinAs(srv, workspaceId, facilitator, "commenter", "private_sector");
    const { body } = await readVote(facilitator, workspaceId, voteId);
    expect(body.vote.eligible).toBe(3);
    expect(body.results?.eligible).toBe(3);
    expect(body.results?.bySector.some((row) => row.sectors.includes("private_sector"))).toBe(false);
  });

  it("refuses a second close with 409 and a drafter with 403", async () => {
    const voteId = await approveVote();
    expect((await closeVote(drafter, workspaceId, voteId)).status).toBe(403);
    expect((await closeVote(facilitator, workspaceId, voteId)).status).toBe(200);
    const again = await closeVote(facilitator, workspaceId, voteId);
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe("vote_closed");
  });

  it("has the database refuse any change to a closed vote or its ballots", async () => {
    const voteId = await approveVote();
    await cast(commenter, workspaceId, voteId, { choices: ["yes"] });
    await closeVote(facilitator, workspaceId, voteId);
    const db = srv.ctx.sql;
    await expect(
      db.run("UPDATE ballots SET choices = '[\"no\"]' WHERE vote_id = ?", [voteId]),
    ).rejects.toThrow(/vote_closed/);
    await expect(db.run("DELETE FROM ballots WHERE vote_id = ?", [voteId])).rejects.toThrow(/vote_closed/);
    await expect(
      db.run(
        "INSERT INTO ballots (vote_id, user_id, sector, choices, cast_at, updated_at) VALUES (?, ?, 'citizen', '[\"no\"]', 0, 0)",
        [voteId, drafter.user?.id ?? null],
      ),
    ).rejects.toThrow(/vote_closed/);
    await expect(db.run("UPDATE votes SET result = '{}' WHERE id = ?", [voteId])).rejects.toThrow(
      /vote_closed/,
    );
    await expect(
      db.run("UPDATE votes SET closed_at = NULL, result = NULL WHERE id = ?", [voteId]),
    ).rejects.toThrow(/vote_closed/);
    await expect(db.run("DELETE FROM votes WHERE id = ?", [voteId])).rejects.toThrow(/vote_closed/);
    expect(await storedBallots(srv, voteId)).toHaveLength(1);
  });
});

describe("a deadline", () => {
  it("closes the vote at the first read after it, once, at the deadline, with its event", async () => {
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const voteId = await approveVote({ closesAt });
    await cast(commenter, workspaceId, voteId, { choices: ["yes"] });
    await passDeadline(srv, voteId);
    const stream = await openEventStream(viewer, workspaceId);
    const [first, second] = await Promise.all([
      viewer.get<VotesResponse>(votesPath(workspaceId)),
      readVote(drafter, workspaceId, voteId),
    ]);
    expect(first.body.votes.find((vote) => vote.id === voteId)?.status).toBe("closed");
    expect(second.body).toMatchObject({ canVote: false, vote: { status: "closed", closedBy: null } });
    expect(second.body.results?.counts.yes).toBe(1);
    const deadline = await sqlValue<number>(srv.ctx, "SELECT closes_at FROM votes WHERE id = ?", [voteId]);
    expect(second.body.vote.closedAt).toBe(new Date(deadline).toISOString());
    const event = await stream.nextEvent();
    stream.close();
    expect(event).toMatchObject({ type: "vote.closed", actorId: null, payload: { vote: { id: voteId } } });
    // Only this vote's closing names its id.
    const closings = await countRows(srv.ctx, "events", "type = 'vote.closed' AND payload LIKE ?", [
      `%"${voteId}"%`,
    ]);
    expect(closings).toBe(1);
  });

  it("refuses a ballot cast after it with 409, closing the vote first", async () => {
    const voteId = await approveVote({ closesAt: new Date(Date.now() + 3_600_000).toISOString() });
    await passDeadline(srv, voteId);
    const reply = await cast(commenter, workspaceId, voteId, { choices: ["yes"] });
    expect(reply.status).toBe(409);
    expect(reply.error?.code).toBe("vote_closed");
    const { body } = await readVote(facilitator, workspaceId, voteId);
    expect(body.vote.status).toBe("closed");
    expect(body.results?.ballots).toBe(0);
  });
});

describe("one ballot per member", () => {
  it("is enforced by the database even when the application is bypassed", async () => {
    const voteId = await approveVote();
    await cast(commenter, workspaceId, voteId, { choices: ["yes"] });
    // SQLite's "UNIQUE constraint failed", PostgreSQL's "violates unique constraint".
    await expect(
      srv.ctx.sql.run(
        "INSERT INTO ballots (vote_id, user_id, sector, choices, cast_at, updated_at) VALUES (?, ?, 'citizen', '[\"no\"]', 0, 0)",
        [voteId, commenter.user?.id ?? null],
      ),
    ).rejects.toThrow(/UNIQUE constraint failed|violates unique constraint/);
  });

  it("holds when one member sends many ballots at once from two sessions", async () => {
    const voteId = await approveVote();
    const second = await commenter.signIn();
    const choices = ["yes", "no", "abstain"];
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        cast(i % 2 ? second : commenter, workspaceId, voteId, { choices: [choices[i % 3]] }),
      ),
    );
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    expect(await storedBallots(srv, voteId)).toHaveLength(1);
    const detail = (await readVote(facilitator, workspaceId, voteId)).body as VoteDetailResponse;
    expect(detail.vote.ballots).toBe(1);
    expect(Object.values(detail.results?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
