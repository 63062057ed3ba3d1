import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Thread, ThreadResponse } from "@shared/comments";
import type { WorkspaceEvent } from "@shared/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../store/db";
import { createFacilitatedWorkspace, joinAs, type TestClient } from "../test/factories";
import { type EventStream, openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeOnSqliteOnly } from "../test/storage";

// Words that must never reach the event log once their comment is withdrawn or hidden.
const PHONE = "call me on +1 555 0199";
const INSULT = "the drafters are idiots";
const QUOTE = "Only 12% of contracts are published";

/** Reads a stream until the event with id `lastId`, returning every message's raw fields as text. */
async function readUpTo(
  stream: EventStream,
  lastId: number,
): Promise<{ raw: string; events: WorkspaceEvent[] }> {
  const events: WorkspaceEvent[] = [];
  let raw = "";
  while (events.at(-1)?.id !== lastId) {
    const message = await stream.nextMessage();
    if (message === null) throw new Error("the stream ended early");
    raw += JSON.stringify(message);
    if (message.data !== undefined) events.push(JSON.parse(message.data) as WorkspaceEvent);
  }
  return { raw, events };
}

describe("comment text in the event log", () => {
  let srv: TestServer;
  let workspaceId: string;
  let facilitator: TestClient;
  let commenter: TestClient;

  beforeAll(async () => {
    srv = await startTestServer();
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
    commenter = await joinAs(srv, workspaceId, facilitator, "commenter");
  });
  afterAll(() => srv.close());

  it("never carries comment text: a withdrawn and a hidden comment stay unreadable live, on replay and for later joiners", async () => {
    const live = await openEventStream(facilitator, workspaceId);
    const threads = `/api/workspaces/${workspaceId}/threads`;
    const opened = await commenter.post<ThreadResponse>(threads, {
      target: "text",
      field: "vision",
      start: "AQLSs6X6DQQB",
      end: "AQLSs6X6DRIB",
      quote: QUOTE,
      body: PHONE,
    });
    const thread: Thread = opened.body.thread;
    const first = thread.comments[0]?.id;
    const replied = await commenter.post<ThreadResponse>(`${threads}/${thread.id}/comments`, {
      body: INSULT,
    });
    const reply = replied.body.thread.comments[1]?.id;
    expect((await commenter.post(`${threads}/${thread.id}/comments/${first}/withdraw`)).status).toBe(200);
    const hidden = await facilitator.post(`${threads}/${thread.id}/comments/${reply}/hide`, {
      reason: "abusive",
    });
    expect(hidden.status).toBe(200);
    const lastId = await srv.ctx.store.events.latestId(workspaceId);

    const seenLive = await readUpTo(live, lastId);
    live.close();
    const joiner = await joinAs(srv, workspaceId, facilitator, "viewer", "citizen");
    const replay = await openEventStream(joiner, workspaceId, { after: "0" });
    const replayed = await readUpTo(replay, lastId);
    replay.close();

    for (const { raw } of [seenLive, replayed]) {
      expect(raw).not.toContain("555 0199");
      expect(raw).not.toContain("idiots");
      expect(raw).not.toContain("contracts are published");
    }
    const byType = (type: string) => replayed.events.find((event) => event.type === type)?.payload;
    expect(byType("comment.created")).toEqual({ threadId: thread.id, commentId: first });
    expect(byType("comment.replied")).toEqual({ threadId: thread.id, commentId: reply });
    // What the joiner may read comes from the thread itself, which keeps the words from view.
    const read = await joiner.get<ThreadResponse>(`${threads}/${thread.id}`);
    expect(read.body.thread.comments.map((comment) => comment.body)).toEqual([null, null]);
  });
});

describeOnSqliteOnly(
  "an older release's SQLite file, upgraded by the SQLite migrations; PostgreSQL's schema begins at today's",
  "a database written before comment events lost their text",
  () => {
    let srv: TestServer;
    const workspaceId = "ws0ld0000000000a";
    const token = "oldsessiontoken0000000000000000000000000";

    beforeAll(async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-old-"));
      // As the release before migration 013 left it: whole threads and replies in the log.
      const db = openDb(path.join(dataDir, "cocrea.db"), { migrateUpTo: 9 });
      const now = Date.now();
      db.prepare(
        "INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u0ld', 'old@example.org', 'Old', 'x', ?)",
      ).run(now);
      db.prepare(
        `INSERT INTO workspaces (id, slug, name, jurisdiction, created_by, created_at)
       VALUES (?, 'old', 'Old', 'Oldtown', 'u0ld', ?)`,
      ).run(workspaceId, now);
      db.prepare(
        `INSERT INTO memberships (workspace_id, user_id, role, sector, joined_at)
       VALUES (?, 'u0ld', 'facilitator', 'government', ?)`,
      ).run(workspaceId, now);
      db.prepare("INSERT INTO sessions (id, user_id, expires_at) VALUES (?, 'u0ld', ?)").run(
        token,
        now + 86_400_000,
      );
      const append = db.prepare(
        "INSERT INTO events (workspace_id, actor_id, type, payload, created_at) VALUES (?, 'u0ld', ?, ?, ?)",
      );
      const oldThread = {
        id: "t1",
        target: { kind: "text", field: "vision", quote: QUOTE },
        comments: [{ id: "c1", body: PHONE }],
      };
      append.run(workspaceId, "comment.created", JSON.stringify({ thread: oldThread }), now);
      append.run(
        workspaceId,
        "comment.replied",
        JSON.stringify({ threadId: "t1", comment: { id: "c2", body: INSULT } }),
        now,
      );
      db.close();
      srv = await startTestServer({ dataDir });
    });
    afterAll(() => srv.close());

    it("replays them with ids only after the upgrade", async () => {
      const stream = await openEventStream({ srv, cookie: token } as TestClient, workspaceId, { after: "0" });
      expect(stream.status).toBe(200);
      const { raw, events } = await readUpTo(stream, await srv.ctx.store.events.latestId(workspaceId));
      stream.close();
      expect(raw).not.toContain("555 0199");
      expect(raw).not.toContain("idiots");
      expect(raw).not.toContain("contracts are published");
      expect(events.map(({ type, payload }) => ({ type, payload }))).toEqual([
        { type: "comment.created", payload: { threadId: "t1", commentId: "c1" } },
        { type: "comment.replied", payload: { threadId: "t1", commentId: "c2" } },
      ]);
    });
  },
);
