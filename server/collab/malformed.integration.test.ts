import { LIMITS } from "@shared/limits";
import { addCommitment, listCommitments, planDocName, planToJson } from "@shared/plan";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows } from "../test/storage";
import { attachCollab } from ".";
import { connectProvider, type ProviderClient, RawSocket, waitFor } from "./test/clients";
import { craftUpdate, seededRandom, syncStep1Frame, syncStep2Frame, updateFrame } from "./test/frames";
import { logRowCount, storedDoc } from "./test/stored";

const isSyncStep1 = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 0;
const isSyncStep2 = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 1;

/** A valid update from a client the server has never seen, in a root type the plan does not use. */
function freshUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("scratch").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe("malformed input on /collab", () => {
  let srv: TestServer;
  let facilitator: TestClient;
  let attacker: TestClient;
  let workspaceId: string;
  let docName: string;
  let writer: ProviderClient;
  let observer: ProviderClient;
  let interruptions = 0;
  let edits = 0;

  beforeAll(async () => {
    srv = await startTestServer({ attach: attachCollab });
    facilitator = await createUser(srv);
    workspaceId = (await createWorkspace(facilitator)).id;
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    // The attacker may write: a reader's updates are dropped before any of this is looked at.
    attacker = await joinAs(srv, workspaceId, facilitator, "drafter");
    docName = planDocName(workspaceId);
    writer = connectProvider(srv, docName, { as: facilitator });
    observer = connectProvider(srv, docName, { as: drafter });
    for (const client of [writer, observer]) client.provider.on("connection-close", () => interruptions++);
    await Promise.all([writer.synced(), observer.synced()]);
    addCommitment(writer.doc, 5)?.text("title")?.insert(0, "Open data");
    await waitFor(() => listCommitments(observer.doc).length === 1);
  });

  // After every attack: the server is up, the others were not disturbed and still collaborate, and
  // storage holds exactly what everyone sees.
  afterEach(async () => {
    const title = listCommitments(writer.doc)[0]?.text("title");
    title?.insert(title.length, ` ${++edits}`);
    await waitFor(
      () => listCommitments(observer.doc)[0]?.text("title")?.toString() === title?.toString(),
      5000,
      "the writer's edit at the observer",
    );
    expect(interruptions).toBe(0);
    const latecomer = connectProvider(srv, docName, { as: attacker });
    await latecomer.synced();
    const stored = await storedDoc(srv.ctx, docName);
    const same = (a: Y.Doc, b: Y.Doc) => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
    expect(same(stored, latecomer.doc)).toBe(true);
    await waitFor(() => same(writer.doc, latecomer.doc) && same(observer.doc, latecomer.doc));
    latecomer.destroy();
    expect(planToJson(stored)).toEqual(planToJson(writer.doc));
    expect(listCommitments(stored)[0]?.text("title")?.toString()).toMatch(/^Open data( \d+)*$/);
  });

  afterAll(async () => {
    writer.destroy();
    observer.destroy();
    await srv.close();
  });

  /** Log rows the attacker's sockets got stored: none may, where every attack must be refused. */
  const rowsByAttacker = () => countRows(srv.ctx, "doc_log", "user_id = ?", [attacker.user?.id ?? null]);

  /**
   * Sends `frames` on a fresh socket of the attacker, then a sync step 1 the server answers only
   * after handling everything before it. Resolves with the close code, or null if the socket lived.
   */
  async function attack(...frames: Uint8Array[]): Promise<{ code: number | null; socket: RawSocket }> {
    return attackAs(attacker, ...frames);
  }

  async function attackAs(
    as: TestClient,
    ...frames: Uint8Array[]
  ): Promise<{ code: number | null; socket: RawSocket }> {
    const socket = await RawSocket.open(srv, docName, { as });
    for (const frame of frames) socket.send(frame);
    socket.send(syncStep1Frame());
    const code = await Promise.race([
      socket.closed.then((info) => info.code),
      socket.frame(isSyncStep2).then(() => null),
    ]);
    socket.close();
    return { code, socket };
  }

  it("closes a socket that sends an unknown message type with 4400", async () => {
    const unknown = [[7], [2, 0, 0], [0, 9, 0], [], [1], [0, 2]];
    for (const frame of unknown) {
      expect((await attack(new Uint8Array(frame))).code, `frame [${frame}]`).toBe(4400);
    }
    expect(await rowsByAttacker()).toBe(0);
  });

  it("closes a socket that sends random bytes with 4400", async () => {
    const random = seededRandom(20240611);
    for (let i = 0; i < 40; i++) {
      const frame = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () =>
        Math.floor(random() * 256),
      );
      expect((await attack(frame)).code, `frame [${frame}]`).toBe(4400);
    }
    expect(await rowsByAttacker()).toBe(0);
  });

  it("closes a socket that sends a truncated frame with 4400", async () => {
    const frame = updateFrame(freshUpdate("truncated on the wire"));
    for (const cut of [1, 2, 3, Math.floor(frame.length / 2), frame.length - 1]) {
      expect((await attack(frame.subarray(0, cut))).code, `cut at ${cut}`).toBe(4400);
    }
    expect(await rowsByAttacker()).toBe(0);
  });

  it("closes a socket that sends a truncated update in a well-formed frame with 4400", async () => {
    const update = freshUpdate("truncated update");
    for (let cut = 1; cut < update.length; cut++) {
      expect((await attack(updateFrame(update.subarray(0, cut)))).code, `cut at ${cut}`).toBe(4400);
    }
    expect(await rowsByAttacker()).toBe(0);
  });

  it("closes a socket whose update decodes but would break Yjs midway with 4400, applying none of it", async () => {
    // Yjs integrates the item, then throws on the empty deletion range: applied as is, half of it
    // would land. The item that refers to its own future makes Yjs throw while placing it.
    const halfApplied = craftUpdate({
      item: { client: 61, clock: 0, text: "first half" },
      deletion: { client: 62, clock: 0, length: 0 },
    });
    const ownFuture = craftUpdate({
      item: { client: 77, clock: 0, text: "x", origin: { client: 77, clock: 5 } },
    });
    for (const frame of [updateFrame(halfApplied), updateFrame(ownFuture), syncStep2Frame(ownFuture)]) {
      expect((await attack(frame)).code).toBe(4400);
    }
    expect(await rowsByAttacker()).toBe(0);
  });

  it("drops an update that builds on history the server never saw, and asks its sender to resync", async () => {
    const rowsBefore = await logRowCount(srv.ctx, docName);
    for (const update of [
      craftUpdate({ item: { client: 88, clock: 10, text: "after a gap" } }),
      craftUpdate({ deletion: { client: 99, clock: 0, length: 3 } }),
    ]) {
      const { code, socket } = await attack(updateFrame(update));
      expect(code).toBeNull();
      // One step 1 on joining, one more asking for the missing history.
      expect(socket.frames.filter(isSyncStep1)).toHaveLength(2);
    }
    expect(await logRowCount(srv.ctx, docName)).toBe(rowsBefore);
  });

  it("stays consistent when real updates arrive corrupted", async () => {
    // A corruption that still decodes as a placeable update is, to any server, a valid edit by a
    // writer: it is stored and relayed like one, and everyone (storage included) agrees on it.
    const corrupter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const random = seededRandom(7);
    const original = freshUpdate("a sentence someone typed");
    const outcomes: (number | null)[] = [];
    for (let i = 0; i < 40; i++) {
      const corrupted = Uint8Array.from(original);
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
        corrupted[Math.floor(random() * corrupted.length)] = Math.floor(random() * 256);
      }
      outcomes.push((await attackAs(corrupter, updateFrame(corrupted))).code);
    }
    expect(outcomes.every((code) => code === 4400 || code === null)).toBe(true);
    expect(outcomes.filter((code) => code === 4400).length).toBeGreaterThan(20);
  });

  it("closes a socket that sends a text frame with 4400", async () => {
    const socket = await RawSocket.open(srv, docName, { as: attacker });
    socket.sendText("hello");
    expect((await socket.closed).code).toBe(4400);
  });

  it("closes a socket that sends a frame over the size limit with 1009 (message too big)", async () => {
    const frame = updateFrame(new Uint8Array(LIMITS.maxCollabMessageBytes));
    expect((await attack(frame)).code).toBe(1009);
  });
});
