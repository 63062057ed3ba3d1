import type { CreatedInvitationResponse } from "@shared/api";
import type { EventType } from "@shared/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateWorkspace } from "../commands/workspaces";
import { createUser, createWorkspace, invite, joinAs, type TestClient } from "../test/factories";
import { type EventStream, openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";

describeEachStore("the event stream", (database) => {
  let srv: TestServer;
  let facilitator: TestClient;
  let workspaceId: string;
  const open: EventStream[] = [];

  beforeAll(async () => {
    // A short heartbeat so the heartbeat test needs no long wait.
    srv = await startTestServer({ sseHeartbeatMs: 200, config: await database.config() });
    facilitator = await createUser(srv, { name: "Fiona" });
    workspaceId = (await createWorkspace(facilitator)).id;
  });
  afterAll(async () => {
    for (const stream of open) stream.close();
    await srv.close();
  });

  async function stream(client: TestClient, options?: { lastEventId?: string; after?: string }) {
    const opened = await openEventStream(client, workspaceId, options);
    open.push(opened);
    return opened;
  }

  const logIds = (afterId: number) =>
    srv.ctx.sql.all<{ id: number; type: EventType }>(
      "SELECT id, type FROM events WHERE workspace_id = ? AND id > ? ORDER BY id",
      [workspaceId, afterId],
    );

  const renameWorkspace = (name: string) => facilitator.patch(`/api/workspaces/${workspaceId}`, { name });

  describe("GET /api/workspaces/:id/events", () => {
    it("answers a member with an event stream that starts at the next event", async () => {
      const live = await stream(facilitator);
      expect(live.status).toBe(200);
      expect(live.headers.get("content-type")).toMatch(/^text\/event-stream/);
      await renameWorkspace("Live one");
      const event = await live.nextEvent();
      expect(event).toMatchObject({ type: "workspace.updated", workspaceId, actorId: facilitator.user?.id });
      expect(event.payload).toMatchObject({ workspace: { name: "Live one" }, changed: ["name"] });
      live.close();
    });

    it("after a reconnect with Last-Event-ID delivers exactly the missed events, in order, then live ones", async () => {
      const first = await stream(facilitator);
      await renameWorkspace("Seen before the drop");
      const lastSeen = await first.nextEvent();
      first.close();

      // While disconnected: someone joins, changes role, and an invitation is made.
      const drafter = await joinAs(srv, workspaceId, facilitator, "viewer");
      await facilitator.patch(`/api/workspaces/${workspaceId}/members/${drafter.user?.id}`, {
        role: "drafter",
      });
      await invite(facilitator, workspaceId, { role: "viewer", sector: "citizen" });
      const missed = await logIds(lastSeen.id);
      expect(missed.map((e) => e.type)).toEqual([
        "invitation.created",
        "member.joined",
        "member.updated",
        "invitation.created",
      ]);

      const resumed = await stream(facilitator, { lastEventId: String(lastSeen.id) });
      for (const expected of missed) {
        const event = await resumed.nextEvent();
        expect([event.id, event.type]).toEqual([expected.id, expected.type]);
      }
      // Nothing else was waiting: the next event is a new one, not a repeat.
      await renameWorkspace("After the reconnect");
      const next = await resumed.nextEvent();
      expect(next.type).toBe("workspace.updated");
      expect(next.id).toBe(Math.max(...missed.map((e) => e.id)) + 1);
      resumed.close();
    });

    it("replays the whole history with ?after=0, and Last-Event-ID wins over ?after", async () => {
      const history = await logIds(0);
      const replay = await stream(facilitator, { after: "0" });
      const replayed = [];
      for (let i = 0; i < history.length; i++) replayed.push((await replay.nextEvent()).id);
      expect(replayed).toEqual(history.map((e) => e.id));
      replay.close();

      const lastTwo = history.slice(-2);
      const resumed = await stream(facilitator, { lastEventId: String(lastTwo[0]?.id), after: "0" });
      expect((await resumed.nextEvent()).id).toBe(lastTwo[1]?.id);
      resumed.close();
    });

    it("sends an event committed between subscribing and reading the log once, not twice", async () => {
      const relay = srv.ctx.relay;
      const subscribe = relay.subscribe;
      // Commit a change at the worst moment: the stream has subscribed but not yet read the log.
      // The change's transaction is under way while the stream reads the log: the read waits for it.
      let gap: Promise<unknown> = Promise.resolve();
      relay.subscribe = (id, subscriber) => {
        const unsubscribe = subscribe(id, subscriber);
        gap = updateWorkspace(srv.ctx, facilitator.user?.id ?? "", workspaceId, { name: "In the gap" });
        return unsubscribe;
      };
      let racing: EventStream;
      try {
        racing = await stream(facilitator);
        await gap;
      } finally {
        relay.subscribe = subscribe;
      }
      const inTheGap = await racing.nextEvent();
      expect(inTheGap.payload).toMatchObject({ workspace: { name: "In the gap" } });
      await renameWorkspace("After the gap");
      const next = await racing.nextEvent();
      expect(next.id).toBe(inTheGap.id + 1);
      racing.close();
    });

    it("sends every member each change, without invitation tokens", async () => {
      const viewer = await joinAs(srv, workspaceId, facilitator, "viewer");
      const streams = [await stream(facilitator), await stream(viewer)];
      const created = await facilitator.post<CreatedInvitationResponse>(
        `/api/workspaces/${workspaceId}/invitations`,
        {
          role: "commenter",
          sector: "academia",
        },
      );
      for (const s of streams) {
        const event = await s.nextEvent();
        expect(event.type).toBe("invitation.created");
        expect(event.payload).toMatchObject({ invitationId: created.body.invitation.id, role: "commenter" });
        expect(JSON.stringify(event)).not.toContain(created.body.invitation.token);
        s.close();
      }
    });

    it("tells a removed member of their removal and then ends their stream", async () => {
      const commenter = await joinAs(srv, workspaceId, facilitator, "commenter");
      const theirs = await stream(commenter);
      const removal = await facilitator.delete(
        `/api/workspaces/${workspaceId}/members/${commenter.user?.id}`,
      );
      expect(removal.status).toBe(204);
      // Later changes must not reach them; the stream has ended before this one.
      await renameWorkspace("After the removal");
      const received = await theirs.readToEnd();
      expect(received.map((e) => [e.type, e.payload.userId])).toEqual([
        ["member.removed", commenter.user?.id],
      ]);
      const again = await stream(commenter);
      expect(again.status).toBe(403);
    });

    it("sends a heartbeat comment while idle", async () => {
      const idle = await stream(facilitator);
      const comments: string[] = [];
      while (!comments.includes("heartbeat")) {
        const message = await idle.nextMessage();
        if (!message) throw new Error("stream ended");
        comments.push(...message.comments);
      }
      expect(comments).toContain("heartbeat");
      idle.close();
    });

    it("refuses a malformed Last-Event-ID with 400 invalid_params", async () => {
      const refused = await stream(facilitator, { lastEventId: "yesterday" });
      expect(refused.status).toBe(400);
      expect(refused.error?.code).toBe("invalid_params");
    });

    it("refuses an outsider with 403 and an unknown workspace with 404", async () => {
      const outsider = await createUser(srv);
      expect((await stream(outsider)).status).toBe(403);
      const unknown = await openEventStream(facilitator, "aaaaaaaaaaaaaaaa");
      expect(unknown.status).toBe(404);
    });
  });
});
