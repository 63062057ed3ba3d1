import { addCommitment, listCommitments, planDocName, planToJson } from "@shared/plan";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { eventually } from "../routes/versions.fixtures";
import type { DocumentStore } from "../store/documents";
import { createUser, createWorkspace, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";
import { attachCollab, type CollabServer } from ".";
import { connectProvider, RawSocket, waitFor } from "./test/clients";
import { syncPayload, syncStep1Frame } from "./test/frames";

const SECRET = "call me on 555-0199";

/**
 * The first socket of an unloaded document is answered from storage before the document is built
 * (issue #16). The socket's sync step 1 must be waiting when storage is read, so the server reads
 * storage through a gate the test opens once the request is in.
 */
describeEachStore("the first sync of an unloaded document, answered from storage", (database) => {
  let srv: TestServer;
  let collab: CollabServer;
  let facilitator: TestClient;
  let docName: string;
  let gate: Promise<void> | null = null;
  /** What a client had after the first edits, before the secret was deleted. */
  let partial: Uint8Array;

  const gated = (store: DocumentStore): DocumentStore => ({
    ...store,
    async load(name) {
      if (gate) await gate;
      return store.load(name);
    },
  });

  /** The plan as a live copy built from storage holds it (deleted text collected). */
  async function builtFromStorage(): Promise<Y.Doc> {
    const stored = await srv.ctx.documentStore.load(docName);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  /**
   * Once the document is unloaded, closes the gate and opens a socket that will load it (storage is
   * read when the gate opens). Returns the socket, the stats before it, and the gate's opener.
   */
  async function openGated(): Promise<{
    socket: RawSocket;
    before: ReturnType<CollabServer["stats"]>;
    open: () => void;
  }> {
    await waitFor(() => collab.stats().documents === 0, 5000, "the document unloaded");
    const before = collab.stats();
    let release = () => {};
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const socket = await RawSocket.open(srv, docName, { as: facilitator });
    return {
      socket,
      before,
      open: () => {
        gate = null;
        release();
      },
    };
  }

  /** Opens a socket whose sync step 1 waits while storage is read; its answer and whether storage gave it. */
  async function firstAnswer(
    stateVector?: Uint8Array,
  ): Promise<{ update: Uint8Array; fromStorage: boolean }> {
    const { socket, before, open } = await openGated();
    try {
      socket.send(syncStep1Frame(stateVector && new Uint8Array(stateVector)));
      await waitFor(() => collab.stats().loads > before.loads, 5000, "the load started");
      await new Promise((resolve) => setTimeout(resolve, 50));
      open();
      const answer = await socket.frame((frame) => frame[0] === 0 && frame[1] === 1);
      return {
        update: syncPayload(answer),
        fromStorage: collab.stats().answeredFromStorage > before.answeredFromStorage,
      };
    } finally {
      open();
      socket.close();
    }
  }

  beforeAll(async () => {
    let attached: CollabServer | undefined;
    srv = await startTestServer({
      config: await database.config(),
      attach: (server, ctx) => (attached = attachCollab(server, ctx, { store: gated(ctx.documentStore) })),
    });
    if (!attached) throw new Error("the collaboration server was not attached");
    collab = attached;
    facilitator = await createUser(srv);
    docName = planDocName((await createWorkspace(facilitator)).id);
    const writer = connectProvider(srv, docName, { as: facilitator });
    await writer.synced();
    const title = addCommitment(writer.doc, 5)?.text("title");
    title?.insert(0, `Open budgets, ${SECRET}`);
    partial = Y.encodeStateAsUpdate(writer.doc);
    title?.delete("Open budgets".length, SECRET.length + 2);
    title?.insert(title.length, " and open data");
    await eventually(async () => {
      const stored = await builtFromStorage();
      return listCommitments(stored)[0]?.text("title")?.toString() === "Open budgets and open data";
    }, "the edits stored");
    // The writer leaves: the document unloads and its log is folded into a snapshot.
    writer.destroy();
    await eventually(async () => {
      const stored = await srv.ctx.documentStore.load(docName);
      return stored.updates.length === 0 && Boolean(stored.syncState);
    }, "the log folded into a snapshot");
  });

  afterAll(async () => {
    gate = null;
    await srv?.close();
  });

  it("sends a client that has nothing the document a built copy would send, without deleted text", async () => {
    const { update, fromStorage } = await firstAnswer();
    expect(fromStorage).toBe(true);
    expect(Buffer.from(update).includes(SECRET)).toBe(false);
    const received = new Y.Doc();
    Y.applyUpdate(received, update);
    expect(received.store.pendingStructs).toBeNull();
    expect(listCommitments(received)[0]?.text("title")?.toString()).toBe("Open budgets and open data");
    // Item for item what a copy built from the stored snapshot holds: same ids, same deletions.
    expect(Y.encodeStateAsUpdate(received)).toEqual(Y.encodeStateAsUpdate(await builtFromStorage()));
  });

  it("sends a client that has part of the document only the rest, and the deletion of what it has", async () => {
    const client = new Y.Doc();
    Y.applyUpdate(client, partial);
    const whole = await firstAnswer();
    const { update, fromStorage } = await firstAnswer(Y.encodeStateVector(client));
    expect(fromStorage).toBe(true);
    expect(update.byteLength).toBeLessThan(whole.update.byteLength);
    Y.applyUpdate(client, update);
    expect(client.store.pendingStructs).toBeNull();
    expect(listCommitments(client)[0]?.text("title")?.toString()).toBe("Open budgets and open data");
    expect(planToJson(client)).toEqual(planToJson(await builtFromStorage()));
  });

  it("waits for the first frame of a socket that has not sent it when storage answers", async () => {
    const { socket, before, open } = await openGated();
    try {
      await waitFor(() => collab.stats().loads > before.loads, 5000, "the load started");
      // Storage is read before this socket says anything (the load is often quicker than a round
      // trip): on SQLite the read finishes in this very turn, before the server reads the frame.
      open();
      socket.send(syncStep1Frame());
      const answer = await socket.frame((frame) => frame[0] === 0 && frame[1] === 1);
      expect(collab.stats().answeredFromStorage).toBe(before.answeredFromStorage + 1);
      const received = new Y.Doc();
      Y.applyUpdate(received, syncPayload(answer));
      expect(planToJson(received)).toEqual(planToJson(await builtFromStorage()));
    } finally {
      open();
      socket.close();
    }
  });

  it("leaves the answer to the built document when log rows follow the snapshot", async () => {
    // A row stored after the snapshot (as a crash leaves them), made on a copy of what is stored.
    const copy = await builtFromStorage();
    const updates: Uint8Array[] = [];
    copy.on("update", (update: Uint8Array) => updates.push(update));
    const title = listCommitments(copy)[0]?.text("title");
    title?.insert(title.length, " for all");
    const [row] = updates;
    if (!row) throw new Error("the edit made no update");
    await srv.ctx.documentStore.append([
      { docName, userId: facilitator.user?.id ?? "", update: row, clients: [copy.clientID] },
    ]);

    const { update, fromStorage } = await firstAnswer();
    expect(fromStorage).toBe(false);
    const received = new Y.Doc();
    Y.applyUpdate(received, update);
    expect(listCommitments(received)[0]?.text("title")?.toString()).toBe(
      "Open budgets and open data for all",
    );
  });
});
