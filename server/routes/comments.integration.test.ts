import type { CommentSummaryResponse, Thread, ThreadResponse, ThreadsResponse } from "@shared/comments";
import type { Role } from "@shared/roles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFacilitatedWorkspace,
  createUser,
  createWorkspace,
  joinAs,
  type Reply,
  type TestClient,
} from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";

let srv: TestServer;
let workspaceId: string;
const members = {} as Record<Role, TestClient>;
let stranger: TestClient;

// An anchor as a client sends it: two encoded Yjs relative positions (opaque to the server).
const ANCHOR = { start: "AQLSs6X6DQQB", end: "AQLSs6X6DRIB" };
const textThread = (body = "Which baseline year is this?") => ({
  target: "text",
  field: "commitments/c0ffee12/problem",
  ...ANCHOR,
  quote: "Only 12% of contracts are published",
  body,
});

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator: members.facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
  members.drafter = await joinAs(srv, workspaceId, members.facilitator, "drafter", "government");
  members.commenter = await joinAs(srv, workspaceId, members.facilitator, "commenter", "civil_society");
  members.viewer = await joinAs(srv, workspaceId, members.facilitator, "viewer", "citizen");
  stranger = await createUser(srv);
});
afterAll(() => srv.close());

const threads = (suffix = "") => `/api/workspaces/${workspaceId}/threads${suffix}`;

async function open(client: TestClient, body: object = textThread()): Promise<Thread> {
  const reply = await client.post<ThreadResponse>(threads(), body);
  if (reply.status !== 201) throw new Error(`opening failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.thread;
}

const firstComment = (thread: Thread) => {
  const comment = thread.comments[0];
  if (!comment) throw new Error("a thread without a comment");
  return comment;
};

describe("POST /api/workspaces/:id/threads", () => {
  it("opens a thread on a passage with its anchor, quote and the author's sector, and announces it", async () => {
    const stream = await openEventStream(members.viewer, workspaceId);
    const thread = await open(members.commenter);
    expect(thread).toMatchObject({
      target: {
        kind: "text",
        commitmentId: "c0ffee12",
        ...ANCHOR,
        quote: "Only 12% of contracts are published",
      },
      status: "awaiting",
      open: true,
      responses: [],
    });
    expect(firstComment(thread)).toMatchObject({
      body: "Which baseline year is this?",
      author: { userId: members.commenter.user?.id, sector: "civil_society" },
      edits: [],
      withdrawnAt: null,
      hidden: null,
    });
    const event = await stream.nextEvent();
    stream.close();
    expect(event).toMatchObject({
      type: "comment.created",
      payload: { threadId: thread.id, commentId: firstComment(thread).id },
    });
  });

  it("opens threads on a commitment as a whole and on the plan, without an anchor", async () => {
    const onCommitment = await open(members.drafter, {
      target: "commitment",
      commitmentId: "c0ffee12",
      body: "Shorten?",
    });
    const onPlan = await open(members.facilitator, { target: "plan", body: "Overall: good." });
    expect(onCommitment.target).toEqual({ kind: "commitment", commitmentId: "c0ffee12" });
    expect(onPlan.target).toEqual({ kind: "plan" });
  });

  it("stores an HTML or script payload as the same plain string and returns it inert", async () => {
    const payload = `<script>alert("x")</script><img src=x onerror="alert(1)"> & "quotes"`;
    const thread = await open(members.commenter, { target: "plan", body: payload });
    const read = await members.viewer.get<ThreadResponse>(threads(`/${thread.id}`));
    expect(read.headers.get("content-type")).toMatch(/^application\/json/);
    expect(firstComment(read.body.thread).body).toBe(payload);
  });

  it.each([
    ["a field path outside the plan's rich fields", { ...textThread(), field: "commitments/c0ffee12/title" }],
    ["an anchor that is not base64", { ...textThread(), start: "<b>not base64</b>" }],
    ["an anchor longer than the limit", { ...textThread(), end: "A".repeat(516) }],
    ["a text thread without its quote", { ...textThread(), quote: undefined }],
    ["a comment over 5,000 characters", { target: "plan", body: "x".repeat(5001) }],
    ["an empty comment", { target: "plan", body: "   " }],
    ["an unknown target", { target: "meeting", body: "Hello" }],
  ])("refuses %s with 400 invalid_body", async (_, body) => {
    const reply = await members.commenter.post(threads(), body);
    expect(reply.status).toBe(400);
    expect(reply.error?.code).toBe("invalid_body");
  });

  it("accepts a comment of exactly 5,000 characters", async () => {
    const thread = await open(members.commenter, { target: "plan", body: "é".repeat(5000) });
    expect(firstComment(thread).body).toHaveLength(5000);
  });
});

describe("permissions of every comment action", () => {
  type Action = (as: TestClient, thread: Thread) => Promise<Reply>;
  const actions: Record<string, Action> = {
    list: (as) => as.get(threads()),
    summary: (as) => as.get(threads("/summary")),
    read: (as, thread) => as.get(threads(`/${thread.id}`)),
    open: (as) => as.post(threads(), { target: "plan", body: "A thought" }),
    reply: (as, thread) => as.post(threads(`/${thread.id}/comments`), { body: "Agreed" }),
    respond: (as, thread) =>
      as.post(threads(`/${thread.id}/responses`), { status: "answered", reason: "See the annex." }),
    hide: (as, thread) =>
      as.post(threads(`/${thread.id}/comments/${firstComment(thread).id}/hide`), { reason: "Insult" }),
  };
  // Who may do what; everyone else is refused with 403 (a stranger is not a member at all).
  const allowed: Record<keyof typeof actions, Role[]> = {
    list: ["facilitator", "drafter", "commenter", "viewer"],
    summary: ["facilitator", "drafter", "commenter", "viewer"],
    read: ["facilitator", "drafter", "commenter", "viewer"],
    open: ["facilitator", "drafter", "commenter"],
    reply: ["facilitator", "drafter", "commenter"],
    respond: ["facilitator", "drafter"],
    hide: ["facilitator"],
  };
  const roles: (Role | "stranger")[] = ["facilitator", "drafter", "commenter", "viewer", "stranger"];
  const cases = Object.keys(actions).flatMap((action) =>
    roles.map((role) => [action, role, role !== "stranger" && allowed[action]?.includes(role)] as const),
  );

  it.each(cases)("%s by a %s: allowed = %s", async (action, role, isAllowed) => {
    const thread = await open(members.commenter, { target: "plan", body: `For ${action} by ${role}` });
    const as = role === "stranger" ? stranger : members[role];
    const reply = await actions[action]?.(as, thread);
    if (isAllowed) expect(reply?.status).toBeLessThan(300);
    else expect([reply?.status, reply?.error?.code]).toEqual([403, "forbidden"]);
  });

  const ownActions: Record<string, Action> = {
    edit: (as, thread) =>
      as.patch(threads(`/${thread.id}/comments/${firstComment(thread).id}`), { body: "Reworded" }),
    withdraw: (as, thread) => as.post(threads(`/${thread.id}/comments/${firstComment(thread).id}/withdraw`)),
  };
  const ownCases = Object.keys(ownActions).flatMap((action) =>
    (["facilitator", "drafter", "commenter"] as const).map((role) => [action, role] as const),
  );

  it.each(ownCases)("%s is refused to a %s who is not the author (403 not_author)", async (action, role) => {
    const author = role === "commenter" ? members.drafter : members.commenter;
    const thread = await open(author, { target: "plan", body: "Mine" });
    const reply = await ownActions[action]?.(members[role], thread);
    expect([reply?.status, reply?.error?.code]).toEqual([403, "not_author"]);
  });

  it.each(Object.keys(ownActions))("%s is refused to a viewer and a stranger (403)", async (action) => {
    const thread = await open(members.commenter, { target: "plan", body: "Mine" });
    for (const as of [members.viewer, stranger]) {
      const reply = await ownActions[action]?.(as, thread);
      expect([reply?.status, reply?.error?.code]).toEqual([403, "forbidden"]);
    }
  });

  it("answers 404 for a thread of another workspace", async () => {
    const elsewhere = await createWorkspace(stranger);
    const thread = await open(members.commenter, { target: "plan", body: "Here" });
    const reply = await stranger.get(`/api/workspaces/${elsewhere.id}/threads/${thread.id}`);
    expect([reply.status, reply.error?.code]).toEqual([404, "not_found"]);
  });
});

describe("reasoned responses", () => {
  it.each([
    ["without a reason", { status: "accepted" }],
    ["with a blank reason", { status: "not_accepted", reason: "   " }],
  ])("refuses a response %s with 400 reason_required and stores nothing", async (_, body) => {
    const thread = await open(members.commenter);
    const reply = await members.drafter.post(threads(`/${thread.id}/responses`), body);
    expect([reply.status, reply.error?.code]).toEqual([400, "reason_required"]);
    const read = await members.viewer.get<ThreadResponse>(threads(`/${thread.id}`));
    expect(read.body.thread.responses).toEqual([]);
  });

  it("refuses an unknown status with 400 invalid_body", async () => {
    const thread = await open(members.commenter);
    const reply = await members.drafter.post(threads(`/${thread.id}/responses`), {
      status: "maybe",
      reason: "Why not",
    });
    expect([reply.status, reply.error?.code]).toEqual([400, "invalid_body"]);
  });

  it("sets the status for everyone and keeps every revision in order", async () => {
    const thread = await open(members.commenter);
    const stream = await openEventStream(members.commenter, workspaceId);
    await members.drafter.post(threads(`/${thread.id}/responses`), {
      status: "not_accepted",
      reason: "Out of scope for this plan.",
    });
    const revised = await members.facilitator.post<ThreadResponse>(threads(`/${thread.id}/responses`), {
      status: "partly_accepted",
      reason: "We add the baseline year, not the target.",
    });
    expect(revised.status).toBe(201);
    const events = [await stream.nextEvent(), await stream.nextEvent()];
    stream.close();
    expect(
      events.map((e) => [e.type, (e.payload as { response: { status: string } }).response.status]),
    ).toEqual([
      ["comment.responded", "not_accepted"],
      ["comment.responded", "partly_accepted"],
    ]);
    const read = await members.viewer.get<ThreadResponse>(threads(`/${thread.id}`));
    expect(read.body.thread.status).toBe("partly_accepted");
    expect(read.body.thread.responses.map((r) => [r.status, r.reason, r.author.sector])).toEqual([
      ["not_accepted", "Out of scope for this plan.", "government"],
      ["partly_accepted", "We add the baseline year, not the target.", "government"],
    ]);
  });
});

describe("editing, withdrawing and hiding", () => {
  it("keeps each earlier text of an edited comment, visible to every member", async () => {
    const thread = await open(members.commenter, { target: "plan", body: "First words" });
    const path = threads(`/${thread.id}/comments/${firstComment(thread).id}`);
    await members.commenter.patch(path, { body: "Second words" });
    await members.commenter.patch(path, { body: "Third words" });
    const read = await members.viewer.get<ThreadResponse>(threads(`/${thread.id}`));
    const comment = firstComment(read.body.thread);
    expect(comment.body).toBe("Third words");
    expect(comment.editedAt).not.toBeNull();
    expect(comment.edits.map((edit) => edit.body)).toEqual(["First words", "Second words"]);
  });

  it("shows a withdrawn comment as withdrawn: its words only to its author and facilitators", async () => {
    const thread = await open(members.commenter, { target: "plan", body: "On second thought" });
    const path = threads(`/${thread.id}/comments/${firstComment(thread).id}`);
    expect((await members.commenter.post(`${path}/withdraw`)).status).toBe(200);
    const seenBy = async (as: TestClient) =>
      firstComment((await as.get<ThreadResponse>(threads(`/${thread.id}`))).body.thread);
    expect(await seenBy(members.viewer)).toMatchObject({ body: null, withdrawnAt: expect.any(String) });
    expect((await seenBy(members.commenter)).body).toBe("On second thought");
    expect((await seenBy(members.facilitator)).body).toBe("On second thought");
    const again = await members.commenter.patch(path, { body: "Back" });
    expect([again.status, again.error?.code]).toEqual([409, "comment_withdrawn"]);
    const read = await members.viewer.get<ThreadResponse>(threads(`/${thread.id}`));
    expect(read.body.thread.open).toBe(false);
  });

  it("lets a facilitator hide an abusive comment with a reason, logged in the event log", async () => {
    const thread = await open(members.commenter, { target: "plan", body: "Something abusive" });
    const path = threads(`/${thread.id}/comments/${firstComment(thread).id}/hide`);
    const noReason = await members.facilitator.post(path, {});
    expect([noReason.status, noReason.error?.code]).toEqual([400, "reason_required"]);
    const stream = await openEventStream(members.viewer, workspaceId);
    expect((await members.facilitator.post(path, { reason: "Personal insult" })).status).toBe(200);
    const event = await stream.nextEvent();
    stream.close();
    expect(event).toMatchObject({
      type: "comment.hidden",
      actorId: members.facilitator.user?.id,
      payload: { threadId: thread.id, reason: "Personal insult" },
    });
    const seen = firstComment(
      (await members.commenter.get<ThreadResponse>(threads(`/${thread.id}`))).body.thread,
    );
    expect(seen).toMatchObject({
      body: null,
      hidden: { reason: "Personal insult", byName: "Fiona Facilitator" },
    });
  });

  it("never hard-deletes: the database refuses DELETE on every comment table", async () => {
    const thread = await open(members.commenter);
    await members.drafter.post(threads(`/${thread.id}/responses`), { status: "answered", reason: "2021." });
    await members.commenter.patch(threads(`/${thread.id}/comments/${firstComment(thread).id}`), {
      body: "B",
    });
    for (const table of ["comment_responses", "comment_edits", "comments", "comment_threads"]) {
      await expect(srv.ctx.sql.run(`DELETE FROM ${table}`), table).rejects.toThrow(
        /never deleted|append-only/,
      );
    }
    await expect(srv.ctx.sql.run("UPDATE comment_responses SET reason = 'x'")).rejects.toThrow(/append-only/);
  });
});

describe("filters and the summary", () => {
  it("filters by state, status, sector and commitment, and counts them in the summary", async () => {
    const own = await startTestServer();
    try {
      const facilitator = await createUser(own);
      const id = (await createWorkspace(facilitator, { sector: "government" })).id;
      const citizen = await joinAs(own, id, facilitator, "commenter", "citizen");
      const academic = await joinAs(own, id, facilitator, "commenter", "academia");
      const path = `/api/workspaces/${id}/threads`;
      const post = async (as: TestClient, body: object) =>
        (await as.post<ThreadResponse>(path, body)).body.thread;
      const a = await post(citizen, { target: "commitment", commitmentId: "c1", body: "A" });
      const b = await post(academic, { ...textThread(), field: "commitments/c1/commitment" });
      const c = await post(academic, { target: "plan", body: "C" });
      await post(citizen, { target: "plan", body: "D" });
      await facilitator.post(`${path}/${a.id}/responses`, { status: "accepted", reason: "Yes." });
      await facilitator.post(`${path}/${b.id}/responses`, { status: "answered", reason: "2021." });
      await academic.post(`${path}/${c.id}/comments/${firstComment(c).id}/withdraw`);

      const ids = async (query: string) =>
        (await facilitator.get<ThreadsResponse>(`${path}${query}`)).body.threads.map(
          (t) => firstComment(t).body,
        );
      expect(await ids("")).toEqual(["A", "Which baseline year is this?", "C", "D"]);
      expect(await ids("?state=open")).toEqual(["A", "Which baseline year is this?", "D"]);
      expect(await ids("?state=awaiting")).toEqual(["D"]);
      expect(await ids("?status=accepted")).toEqual(["A"]);
      expect(await ids("?sector=academia")).toEqual(["Which baseline year is this?", "C"]);
      expect(await ids("?commitmentId=c1")).toEqual(["A", "Which baseline year is this?"]);
      expect((await facilitator.get(`${path}?status=maybe`)).status).toBe(400);

      const { summary } = (await citizen.get<CommentSummaryResponse>(`${path}/summary`)).body;
      expect(summary).toMatchObject({
        threads: 4,
        open: 3,
        awaiting: 1,
        byStatus: { awaiting: 2, accepted: 1, answered: 1, partly_accepted: 0, not_accepted: 0 },
        bySector: { citizen: 2, academia: 2 },
        byCommitment: { c1: 2 },
        responseRate: 2 / 3,
      });
      expect(summary.medianResponseMs).toBeGreaterThanOrEqual(0);
    } finally {
      await own.close();
    }
  });
});

describe("live updates", () => {
  it("delivers the comment events a client missed while disconnected once it reconnects with Last-Event-ID", async () => {
    const first = await openEventStream(members.drafter, workspaceId);
    const thread = await open(members.commenter);
    const seen = await first.nextEvent();
    expect(seen.type).toBe("comment.created");
    first.close();

    // While the drafter is away: a reply, an edit, a response, a withdrawal.
    const commentId = firstComment(thread).id;
    await members.viewer.post(threads(`/${thread.id}/comments`), { body: "refused: viewers read only" });
    await members.facilitator.post(threads(`/${thread.id}/comments`), { body: "Good question" });
    await members.commenter.patch(threads(`/${thread.id}/comments/${commentId}`), { body: "Which year?" });
    await members.facilitator.post(threads(`/${thread.id}/responses`), {
      status: "answered",
      reason: "2021",
    });
    await members.commenter.post(threads(`/${thread.id}/comments/${commentId}/withdraw`));

    const resumed = await openEventStream(members.drafter, workspaceId, { lastEventId: String(seen.id) });
    const missed = [];
    for (let i = 0; i < 4; i++) missed.push(await resumed.nextEvent());
    resumed.close();
    expect(missed.map((event) => event.type)).toEqual([
      "comment.replied",
      "comment.edited",
      "comment.responded",
      "comment.withdrawn",
    ]);
    // Comment events carry no text: the words of a later withdrawn comment must not go to everyone.
    expect(missed[0]?.payload).toEqual({ threadId: thread.id, commentId: expect.any(String) });
    expect(JSON.stringify(missed)).not.toMatch(/Good question|Which year\?/);
  });
});
