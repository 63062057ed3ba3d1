import type { Workspace } from "@shared/api";
import type { Thread } from "@shared/comments";
import type { DraftResponse, FreezeStatusResponse, VersionDetail, VersionSummary } from "@shared/freeze";
import type { Meeting, MeetingSummary, Minutes } from "@shared/meetings";
import { comparePlans } from "@shared/planCompare";
import type { CocreationRecord, PlanAuthorsResponse } from "@shared/record";
import { type VoteDetailResponse, type VotesResponse, voteOutcome } from "@shared/votes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { DEMO_PASSWORD, DEMO_WORKSPACE, FACILITATOR } from "./people";
import { seedDemo } from "./seed";

describe("npm run demo's seed", () => {
  let srv: TestServer;
  let lucia: TestClient;
  let workspaceId: string;
  const first = { reused: true };
  const second = { reused: false };

  beforeAll(async () => {
    srv = await startTestServer();
    Object.assign(first, await seedDemo(srv.ctx));
    Object.assign(second, await seedDemo(srv.ctx));
    const anonymous = new TestClient(srv);
    const signIn = await anonymous.post("/api/auth/login", {
      email: FACILITATOR.email,
      password: DEMO_PASSWORD,
    });
    expect(signIn.status).toBe(200);
    lucia = anonymous;
    const { body } = await lucia.get<{ workspaces: Workspace[] }>("/api/workspaces");
    const demo = body.workspaces.filter((w) => w.name === DEMO_WORKSPACE);
    expect(demo).toHaveLength(1);
    workspaceId = demo[0]?.id ?? "";
  }, 60_000);
  afterAll(() => srv?.close());

  const api = <T>(path: string) =>
    lucia.get<T>(`/api/workspaces/${workspaceId}${path}`).then((reply) => {
      expect(reply.status, path).toBe(200);
      return reply.body;
    });

  it("creates the workspace once and reuses it on a second run", async () => {
    expect(first.reused).toBe(false);
    expect(second.reused).toBe(true);
    const { body } = await lucia.get<{ workspaces: Workspace[] }>("/api/workspaces");
    expect(body.workspaces).toHaveLength(1);
  });

  it("records who wrote the plan, by sector, as the collaboration server would have", async () => {
    const { authors } = await api<PlanAuthorsResponse>("/record/authors");
    expect(new Set(authors.map((a) => a.sector))).toEqual(new Set(["government", "civil_society"]));
    const { record } = await api<{ record: CocreationRecord }>("/record");
    expect(record.text.total.bySector.map((s) => s.sector)).not.toContain(null);
    expect(record.text.total.bySector.map((s) => s.sector)).toEqual(
      expect.arrayContaining(["government", "civil_society"]),
    );
  });

  it("holds comment threads with replies, reasoned responses and some still awaiting one", async () => {
    const { threads } = await api<{ threads: Thread[] }>("/threads");
    expect(threads.map((t) => t.status).sort()).toEqual([
      "accepted",
      "awaiting",
      "awaiting",
      "partly_accepted",
    ]);
    expect(threads.filter((t) => t.comments.length > 1)).toHaveLength(2);
    expect(threads.some((t) => t.target.kind === "text")).toBe(true);
  });

  it("has official version 1 and later edits that the compare shows", async () => {
    const { versions } = await api<{ versions: VersionSummary[] }>("/versions");
    expect(versions.map((v) => [v.number, v.signatures.length])).toEqual([[1, 2]]);
    const v1 = (await api<{ version: VersionDetail }>("/versions/1")).version;
    const draft = (await api<DraftResponse>("/draft")).content;
    expect(v1.content.plan.commitments).toHaveLength(2);
    expect(draft.plan.commitments).toHaveLength(5);
    const changed = comparePlans(v1.content, draft).filter((field) => field.changed);
    expect(changed.some((field) => field.before !== null && field.after !== null)).toBe(true);
  });

  it("has five commitments in different states: complete, half-written and nearly empty", async () => {
    const { check, proposal } = await api<FreezeStatusResponse>("/freeze");
    expect(proposal).toBeNull();
    const draft = (await api<DraftResponse>("/draft")).content;
    const blockingOf = (n: number) =>
      check.problems.filter((p) => p.severity === "blocking" && p.commitmentNumber === n).map((p) => p.code);
    expect([1, 2, 3].map(blockingOf)).toEqual([[], [], []]);
    expect(blockingOf(4)).toEqual(["no_milestones"]);
    expect(blockingOf(5)).toEqual(
      expect.arrayContaining(["missing_commitment_text", "missing_lead_agency", "no_milestones"]),
    );
    expect(draft.plan.commitments[4]?.title).toBe("Youth council on the open government plan");
  });

  it("has a closed vote with its result on a commitment and an open vote", async () => {
    const { votes } = await api<VotesResponse>("/votes");
    expect(votes.map((v) => [v.kind, v.status]).sort()).toEqual([
      ["approve", "closed"],
      ["prioritise", "open"],
    ]);
    const closed = votes.find((v) => v.status === "closed");
    const detail = await api<VoteDetailResponse>(`/votes/${closed?.id}`);
    expect(detail.vote.commitmentId).not.toBeNull();
    expect(detail.results && voteOutcome("approve", detail.results)).toEqual({ kind: "approved" });
  });

  it("has an ended meeting with its minutes, board and decisions, and the next one", async () => {
    const { meetings } = await api<{ meetings: MeetingSummary[] }>("/meetings");
    expect(meetings.map((m) => m.status).sort()).toEqual(["ended", "not_started"]);
    const ended = meetings.find((m) => m.status === "ended");
    const minutes = (await api<{ minutes: Minutes }>(`/meetings/${ended?.id}/minutes`)).minutes;
    expect(minutes.recordedAt).not.toBeNull();
    expect(minutes.decisions).toHaveLength(2);
    expect(minutes.votes).toHaveLength(1);
    expect(minutes.attendance.flatMap((sector) => sector.people)).toHaveLength(5);
    const { meeting } = await api<{ meeting: Meeting }>(`/meetings/${ended?.id}`);
    const board = meeting.items.find((item) => item.kind === "brainstorm");
    const cards = await api<{ cards: { categoryId: string | null }[] }>(
      `/meetings/${ended?.id}/items/${board?.id}/board`,
    );
    expect(cards.cards).toHaveLength(4);
    expect(cards.cards.filter((card) => card.categoryId !== null)).toHaveLength(3);
  });
});
