import { LIMITS } from "@shared/limits";
import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createUser, createWorkspace, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import type { CollabServer } from ".";
import { connectProvider, RawSocket, TcpSocket, waitFor } from "./test/clients";
import { syncPayload, syncStep1Frame, updateFrame } from "./test/frames";
import { startCollabServer } from "./test/server";
import { logRowCount, storedDoc } from "./test/stored";

/** A text insert by a client the server has not seen, in a root type of its own. */
function textUpdate(root: string, text: string, doc = new Y.Doc()): Uint8Array {
  let update: Uint8Array = new Uint8Array(0);
  const capture = (u: Uint8Array) => {
    update = u;
  };
  doc.on("update", capture);
  const target = doc.getText(root);
  target.insert(target.length, text);
  doc.off("update", capture);
  return update;
}

const isSyncStep1 = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 0;
const isSyncStep2 = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 1;

describe("limits on /collab sockets and documents", () => {
  let srv: TestServer;
  let facilitator: TestClient;
  let collab: CollabServer;

  beforeAll(async () => {
    ({ srv, collab } = await startCollabServer());
    facilitator = await createUser(srv);
  });
  afterAll(() => srv.close());

  /** A plan of its own for one test (a fresh workspace). */
  const freshPlan = async (): Promise<string> => {
    const workspace = await createWorkspace(facilitator);
    return planDocName(workspace.id);
  };

  describe("before the document is ready", () => {
    it("queues frames sent with the upgrade request and handles them in order once loaded", async () => {
      const docName = await freshPlan();
      const update = textUpdate("early", "sent before the server answered");
      const socket = new TcpSocket(srv, docName, { as: facilitator }, [
        syncStep1Frame(),
        updateFrame(update),
      ]);
      await waitFor(() => socket.frames.some(isSyncStep2), 5000, "the answer to the early step 1");
      // The step 1 was answered before the update after it was applied: the answer lacks it.
      const answered = new Y.Doc();
      Y.applyUpdate(answered, syncPayload(socket.frames.find(isSyncStep2) as Uint8Array));
      expect(answered.getText("early").toString()).toBe("");
      await waitFor(async () => (await logRowCount(srv.ctx, docName)) === 1, 5000, "the early update stored");
      expect((await storedDoc(srv.ctx, docName)).getText("early").toString()).toBe(
        "sent before the server answered",
      );
      socket.destroy();
    });

    it(`closes a socket that sends more than ${LIMITS.maxPreAuthQueuedMessages} frames before that with 4429`, async () => {
      const docName = await freshPlan();
      const doc = new Y.Doc();
      const frames = Array.from({ length: LIMITS.maxPreAuthQueuedMessages + 1 }, (_, i) =>
        updateFrame(textUpdate("flood", `${i} `, doc)),
      );
      const socket = new TcpSocket(srv, docName, { as: facilitator }, frames);
      expect(await socket.closeCode).toBe(4429);
      expect(await logRowCount(srv.ctx, docName)).toBe(0);
    });
  });

  it(`closes a socket with ${LIMITS.maxPendingRepliesPerSocket}+ sync requests waiting for a commit with 4429`, async () => {
    const docName = await freshPlan();
    const socket = new TcpSocket(srv, docName, { as: facilitator });
    await waitFor(() => socket.frames.length > 0, 5000, "the server's step 1");
    // In one read: an update (its commit comes at the end of the tick), then step 1s that must wait for it.
    const requests = Array.from({ length: LIMITS.maxPendingRepliesPerSocket + 1 }, () => syncStep1Frame());
    socket.send(updateFrame(textUpdate("t", "x")), ...requests);
    expect(await socket.closeCode).toBe(4429);
  });

  it("closes a socket that falls behind by more than the send buffer allows, with a code clients retry", async () => {
    const docName = await freshPlan();
    const seeder = await RawSocket.open(srv, docName, { as: facilitator });
    // Past what a socket may send before its document is ready: wait for the server's step 1.
    await seeder.frame(isSyncStep1);
    seeder.send(updateFrame(textUpdate("bulk", "x".repeat(900_000))));
    await waitFor(async () => (await logRowCount(srv.ctx, docName)) > 0, 5000, "the bulk text stored");
    seeder.close();

    const reader = new TcpSocket(srv, docName, { as: facilitator });
    await waitFor(() => reader.frames.length > 0, 5000, "the server's step 1");
    // Handled in one go, each answer being the whole ~900 kB document: the answers pile up faster
    // than any socket drains them, until the unsent part passes the limit.
    const requests = Math.ceil((2 * LIMITS.maxSendBufferedBytes) / 900_000);
    reader.send(...Array.from({ length: requests }, () => syncStep1Frame()));
    expect(await reader.closeCode).toBe(4529);
    expect(reader.frames.filter(isSyncStep2).length).toBeLessThan(requests);
  });

  it("refuses an update that would take the document past its maximum size with 4413, without applying it", {
    timeout: 90_000,
  }, async () => {
    const docName = await freshPlan();
    const chunk = 1_000_000;
    const fitting = Math.floor(LIMITS.maxDocumentBytes / chunk);
    const doc = new Y.Doc();
    const socket = await RawSocket.open(srv, docName, { as: facilitator });
    // Megabytes are more than a socket may send before its document is ready (4429, tested apart):
    // wait for the server's step 1, which it sends once the document is loaded.
    await socket.frame(isSyncStep1);
    for (let i = 0; i <= fitting; i++) {
      socket.send(updateFrame(textUpdate("big", String(i % 10).repeat(chunk), doc)));
    }
    expect((await socket.closed).code).toBe(4413);
    // What was applied before the refusal is still being written (and compacted): the document
    // unloads once all of it is stored. On PostgreSQL sixteen megabytes take seconds.
    await waitFor(() => collab.stats().documents === 0, 60_000, "everything applied stored");

    const stored = await storedDoc(srv.ctx, docName);
    expect(stored.getText("big").length).toBe(fitting * chunk);
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThanOrEqual(LIMITS.maxDocumentBytes);
    // Still served.
    const late = connectProvider(srv, docName, { as: facilitator });
    await late.synced();
    expect(late.doc.getText("big").length).toBe(fitting * chunk);
    late.destroy();
  });
});
