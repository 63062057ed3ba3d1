import { addCommitment, listCommitments, removeCommitment } from "@shared/plan";
import type { PlanCommitmentsResponse, VotesResponse } from "@shared/votes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createCast, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows } from "../test/storage";
import { createTemplateMeeting } from "./meetings.fixtures";
import { editStoredPlan } from "./versions.fixtures";
import { openVote, votesPath } from "./votes.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let workspaceId: string;
let viewer: TestClient;
let stranger: TestClient;
/** The plan's commitments: two titled, one without a title yet. */
let budget: string;
let contracting: string;
let untitled: string;

const commitmentsPath = () => `${votesPath(workspaceId)}/commitments`;
const eventCount = () => countRows(srv.ctx, "events", "workspace_id = ?", [workspaceId]);

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, workspaceId, viewer, stranger } = await createCast(srv));
  const userId = facilitator.user?.id ?? "";
  await editStoredPlan(srv, workspaceId, userId, (doc) => {
    addCommitment(doc, 10)?.text("title")?.insert(0, "  Open budget portal ");
    addCommitment(doc, 10)?.text("title")?.insert(0, "Open contracting");
    addCommitment(doc, 10);
    // One more, removed again: it must not be offered.
    const removed = addCommitment(doc, 10);
    removed?.text("title")?.insert(0, "Withdrawn idea");
    if (removed) removeCommitment(doc, removed.id)?.release();
  });
  await editStoredPlan(srv, workspaceId, userId, (doc) => {
    [budget = "", contracting = "", untitled = ""] = listCommitments(doc).map((c) => c.id);
  });
});
afterAll(() => srv.close());

describe("GET /api/workspaces/:id/votes/commitments", () => {
  it("gives every member the plan's commitments in order, with their titles as the plan holds them", async () => {
    const reply = await viewer.get<PlanCommitmentsResponse>(commitmentsPath());
    expect(reply.status).toBe(200);
    expect(reply.body.commitments).toEqual([
      { id: budget, title: "Open budget portal" },
      { id: contracting, title: "Open contracting" },
      { id: untitled, title: "" },
    ]);
  });

  it("refuses non-members and people signed out", async () => {
    expect((await stranger.get(commitmentsPath())).status).toBe(403);
    expect((await anonymous(srv).get(commitmentsPath())).status).toBe(401);
  });
});

describe("opening a vote on the plan", () => {
  it("links a vote to a commitment of the plan, and lists the commitment's votes", async () => {
    const vote = await openVote(facilitator, workspaceId, { kind: "approve", commitmentId: contracting });
    expect(vote.commitmentId).toBe(contracting);
    const list = await viewer.get<VotesResponse>(`${votesPath(workspaceId)}?commitmentId=${contracting}`);
    expect(list.body.votes.map((v) => v.id)).toEqual([vote.id]);
  });

  it("labels commitment options with their titles from the plan, beside free options", async () => {
    const vote = await openVote(facilitator, workspaceId, {
      kind: "prioritise",
      options: [{ commitmentId: contracting }, { commitmentId: budget }, "Something else"],
      maxChoices: 2,
    });
    expect(vote.options).toEqual([
      { id: "o1", label: "Open contracting", commitmentId: contracting },
      { id: "o2", label: "Open budget portal", commitmentId: budget },
      { id: "o3", label: "Something else" },
    ]);
  });

  it.each([
    [
      "a commitment the plan does not hold",
      () => ({ kind: "consent", commitmentId: "nosuchcommitment" }),
      422,
      "unknown_commitment",
      "commitmentId",
    ],
    [
      "an option naming a commitment the plan does not hold",
      () => ({
        kind: "prioritise",
        options: [{ commitmentId: budget }, { commitmentId: "gone" }],
        maxChoices: 1,
      }),
      422,
      "unknown_commitment",
      "options.1",
    ],
    [
      "an option naming a commitment without a title",
      () => ({ kind: "prioritise", options: [{ commitmentId: untitled }, "Other"], maxChoices: 1 }),
      422,
      "untitled_commitment",
      "options.0",
    ],
    [
      "the same commitment twice",
      () => ({
        kind: "prioritise",
        options: [{ commitmentId: budget }, { commitmentId: budget }],
        maxChoices: 1,
      }),
      400,
      "invalid_body",
      "options",
    ],
    [
      "a free option reading like a commitment option",
      () => ({
        kind: "prioritise",
        options: [{ commitmentId: budget }, "open budget portal"],
        maxChoices: 1,
      }),
      400,
      "invalid_body",
      "options",
    ],
    [
      "a meeting the workspace does not hold",
      () => ({ kind: "approve", meetingId: "nosuchmeeting" }),
      422,
      "unknown_meeting",
      "meetingId",
    ],
  ])("refuses %s, naming the field and opening nothing", async (_what, body, status, code, path) => {
    const events = await eventCount();
    // The table is built before the plan exists: each body is made when its case runs.
    const reply = await facilitator.post(votesPath(workspaceId), { title: "Bad link", ...body() });
    expect(reply.status).toBe(status);
    expect(reply.error?.code).toBe(code);
    expect(reply.error?.issues?.map((issue) => issue.path)).toContain(path);
    expect(await eventCount()).toBe(events);
  });

  it("refuses a meeting of another workspace", async () => {
    const other = await createCast(srv);
    const meeting = await createTemplateMeeting(other.facilitator, other.workspaceId);
    const reply = await facilitator.post(votesPath(workspaceId), {
      title: "Elsewhere",
      kind: "approve",
      meetingId: meeting.id,
    });
    expect(reply.status).toBe(422);
    expect(reply.error?.code).toBe("unknown_meeting");
  });

  it("checks the role before reading the plan: a viewer naming no real commitment gets 403", async () => {
    const reply = await viewer.post(votesPath(workspaceId), {
      title: "Sneaky",
      kind: "approve",
      commitmentId: "nosuchcommitment",
    });
    expect(reply.status).toBe(403);
  });
});
