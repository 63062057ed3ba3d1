import { setTimeout as sleep } from "node:timers/promises";
import { LIMITS } from "@shared/limits";
import { addCommitment, listCommitments, planDocName, planToJson } from "@shared/plan";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocumentStore } from "../store/documents";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { failInserts, sqlValue } from "../test/storage";
import { attachCollab, type CollabServer } from ".";
import { connectProvider, type ProviderClient, RawSocket, TcpSocket, waitFor } from "./test/clients";
import { updateFrame } from "./test/frames";
import { startCollabServer } from "./test/server";
import { logRowCount, storedDoc } from "./test/stored";

const COMPACT_AFTER = 10;
const LOAD_DELAY_MS = 150;

describe("the life of a document on the server", () => {
  let srv: TestServer;
  let collab: CollabServer;
  let store: DocumentStore;
  let facilitator: TestClient;
  let loadsStarted = 0;
  /** Loads wait for it too: a test holds them back while it sends. */
  let loadGate: Promise<void> = Promise.resolve();
  let loadsDone = 0;
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    srv = await startTestServer({
      attach: (server, ctx) => {
        const sqlite = ctx.documentStore;
        // Loads that take a while, as from a networked database: many sockets then arrive mid-load.
        store = {
          ...sqlite,
          load: async (docName) => {
            loadsStarted++;
            await sleep(LOAD_DELAY_MS);
            await loadGate;
            const stored = await sqlite.load(docName);
            loadsDone++;
            return stored;
          },
        };
        collab = attachCollab(server, ctx, { store, compaction: { afterUpdates: COMPACT_AFTER } });
        return collab;
      },
    });
    facilitator = await createUser(srv);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(() => srv.close());

  const freshPlan = async (): Promise<{ docName: string; drafter: TestClient }> => {
    const workspace = await createWorkspace(facilitator);
    const drafter = await joinAs(srv, workspace.id, facilitator, "drafter");
    return { docName: planDocName(workspace.id), drafter };
  };

  const connect = (docName: string, as: TestClient): ProviderClient => {
    const client = connectProvider(srv, docName, { as });
    clients.push(client);
    return client;
  };

  it("loads a document once however many sockets open it at the same moment", async () => {
    const { docName, drafter } = await freshPlan();
    const loadsBefore = collab.stats().loads;
    const many = Array.from({ length: 12 }, (_, i) => connect(docName, i % 2 ? drafter : facilitator));
    await Promise.all(many.map((client) => client.synced()));
    expect(collab.stats().loads).toBe(loadsBefore + 1);

    addCommitment((many[0] as ProviderClient).doc, 5)
      ?.text("title")
      ?.insert(0, "Twelve at once");
    await waitFor(() => many.every((client) => listCommitments(client.doc).length === 1));
    for (const client of many) client.destroy();
  });

  it("unloads a document nobody has open, after folding its log into a snapshot", async () => {
    const { docName, drafter } = await freshPlan();
    const writer = connectProvider(srv, docName, { as: drafter });
    await writer.synced();
    addCommitment(writer.doc, 5)?.text("title")?.insert(0, "Kept across unloads");
    await waitFor(async () => (await logRowCount(srv.ctx, docName)) > 0, 5000, "the edit stored");
    const expected = planToJson(writer.doc);
    const loadsBefore = collab.stats().loads;
    writer.destroy();

    await waitFor(async () => (await logRowCount(srv.ctx, docName)) === 0, 5000, "the log folded on unload");
    await waitFor(() => collab.stats().documents === 0, 5000, "the document unloaded");
    expect(planToJson(await storedDoc(srv.ctx, docName))).toEqual(expected);

    const reader = connect(docName, facilitator);
    await reader.synced();
    expect(planToJson(reader.doc)).toEqual(expected);
    expect(collab.stats().loads).toBe(loadsBefore + 1);
  });

  it("drops a socket that leaves while its document loads, and unloads the document it loaded", async () => {
    const { docName } = await freshPlan();
    await waitFor(() => collab.stats().documents === 0, 5000, "earlier documents unloaded");
    const done = loadsDone;
    const started = loadsStarted;
    const socket = await RawSocket.open(srv, docName, { as: facilitator });
    // The socket is signed in (a query on either store) before its document loads: leave mid-load.
    await waitFor(() => loadsStarted === started + 1, 5000, "the load to start");
    socket.close();
    await socket.closed;
    expect(collab.stats().documents).toBe(1);
    await waitFor(() => loadsDone === done + 1, 5000, "the load to finish");
    await waitFor(() => collab.stats().documents === 0, 5000, "the document unloaded");
    expect(await logRowCount(srv.ctx, docName)).toBe(0);
  });

  it("keeps what a member types while the document loads, beyond what a socket may send unauthorized", async () => {
    const { docName } = await freshPlan();
    let open = () => {};
    loadGate = new Promise((resolve) => {
      open = resolve;
    });
    let socket: RawSocket | null = null;
    try {
      const started = loadsStarted;
      socket = await RawSocket.open(srv, docName, { as: facilitator });
      const sending = socket;
      await waitFor(() => loadsStarted === started + 1, 5000, "the load to start");
      // A keystroke a frame, as a client that typed offline and reconnected goes on typing.
      const typist = new Y.Doc();
      const keystrokes = 4 * LIMITS.maxPreAuthQueuedMessages;
      typist.on("update", (update: Uint8Array) => sending.send(updateFrame(update)));
      for (let i = 0; i < keystrokes; i++) typist.getText("typed").insert(i, "k");
      await sleep(100);
      open();
      await waitFor(
        async () => (await storedDoc(srv.ctx, docName)).getText("typed").length === keystrokes,
        10_000,
        "every keystroke stored",
      );
      expect(socket.isOpen).toBe(true);
    } finally {
      socket?.close();
      open();
      loadGate = Promise.resolve();
    }
  });

  it("compacts the log once it passes the policy, keeping who wrote how much", async () => {
    const { docName, drafter } = await freshPlan();
    const a = connect(docName, facilitator);
    const b = connect(docName, drafter);
    await Promise.all([a.synced(), b.synced()]);
    const sent = new Map<TestClient, number>([
      [facilitator, 0],
      [drafter, 0],
    ]);
    for (const [client, member] of [
      [a, facilitator],
      [b, drafter],
    ] as const) {
      client.doc.on("update", (_update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) sent.set(member, (sent.get(member) ?? 0) + 1);
      });
    }
    const compactionsBefore = collab.stats().compactions;
    addCommitment(a.doc, 5);
    await waitFor(() => listCommitments(b.doc).length === 1);
    for (let i = 0; i < 2 * COMPACT_AFTER; i++) {
      listCommitments(i % 3 ? a.doc : b.doc)[0]
        ?.text("title")
        ?.insert(0, String(i % 10));
    }
    await waitFor(() => listCommitments(b.doc)[0]?.text("title")?.length === 2 * COMPACT_AFTER);
    await waitFor(() => listCommitments(a.doc)[0]?.text("title")?.length === 2 * COMPACT_AFTER);
    await waitFor(() => collab.stats().compactions > compactionsBefore, 5000, "a compaction");
    expect(await logRowCount(srv.ctx, docName)).toBeLessThan(COMPACT_AFTER);

    const counted = new Map((await store.contributions(docName)).map((c) => [c.userId, c.updates]));
    expect(counted.get(facilitator.user?.id ?? "")).toBe(sent.get(facilitator));
    expect(counted.get(drafter.user?.id ?? "")).toBe(sent.get(drafter));
    expect(planToJson(await storedDoc(srv.ctx, docName))).toEqual(planToJson(a.doc));
  });

  it("refuses sockets with 4503 and writes nothing when a stored document does not load", async () => {
    const { docName, drafter } = await freshPlan();
    const writer = connectProvider(srv, docName, { as: drafter });
    await writer.synced();
    addCommitment(writer.doc, 5)?.text("title")?.insert(0, "Must survive a bad load");
    const expected = planToJson(writer.doc);
    writer.destroy();
    await waitFor(async () => collab.stats().documents === 0 && (await logRowCount(srv.ctx, docName)) === 0);

    const snapshot = async () =>
      Buffer.from(
        await sqlValue<Uint8Array>(srv.ctx, "SELECT state FROM doc_snapshots WHERE doc_name = ?", [docName]),
      );
    const good = await snapshot();
    await srv.ctx.sql.run("UPDATE doc_snapshots SET state = ? WHERE doc_name = ?", [
      good.subarray(0, good.length - 7),
      docName,
    ]);
    const broken = await snapshot();
    const failuresBefore = collab.stats().loadFailures;

    const [first, second] = await Promise.all([
      RawSocket.open(srv, docName, { as: facilitator }),
      RawSocket.open(srv, docName, { as: drafter }),
    ]);
    expect((await first.closed).code).toBe(4503);
    expect((await second.closed).code).toBe(4503);
    expect(collab.stats().loadFailures).toBeGreaterThan(failuresBefore);
    expect((await snapshot()).equals(broken)).toBe(true);
    expect(await logRowCount(srv.ctx, docName)).toBe(0);

    // Repaired storage loads again: the failure was not remembered and nothing was overwritten.
    await srv.ctx.sql.run("UPDATE doc_snapshots SET state = ? WHERE doc_name = ?", [good, docName]);
    const reader = connect(docName, facilitator);
    await reader.synced();
    expect(planToJson(reader.doc)).toEqual(expected);
  });

  it("closes a document's sockets with 4503 when storing fails, relays nothing, and recovers", async () => {
    const { docName, drafter } = await freshPlan();
    const writer = connect(docName, drafter);
    const watcher = connect(docName, facilitator);
    await Promise.all([writer.synced(), watcher.synced()]);
    addCommitment(writer.doc, 5)?.text("title")?.insert(0, "Stored");
    await waitFor(() => listCommitments(watcher.doc).length === 1);
    const closes = { writer: 0, watcher: 0 };
    writer.provider.on("connection-close", (event) => {
      if (event?.code === 4503) closes.writer++;
    });
    watcher.provider.on("connection-close", (event) => {
      if (event?.code === 4503) closes.watcher++;
    });

    const repairDisk = await failInserts(srv.ctx, "doc_log", "disk full");
    try {
      listCommitments(writer.doc)[0]?.text("title")?.insert(0, "Not yet ");
      await waitFor(() => closes.writer > 0 && closes.watcher > 0, 5000, "both sockets closed");
      expect(listCommitments(watcher.doc)[0]?.text("title")?.toString()).toBe("Stored");
      expect(
        listCommitments(await storedDoc(srv.ctx, docName))[0]
          ?.text("title")
          ?.toString(),
      ).toBe("Stored");
    } finally {
      await repairDisk();
    }
    // The clients reconnect by themselves; the writer's step 2 brings its edit back.
    await waitFor(
      () => listCommitments(watcher.doc)[0]?.text("title")?.toString() === "Not yet Stored",
      10_000,
      "the edit after recovery",
    );
    await waitFor(async () => (await logRowCount(srv.ctx, docName)) > 0);
    expect(planToJson(await storedDoc(srv.ctx, docName))).toEqual(planToJson(writer.doc));
  });
});

describe("closing the collaboration server", () => {
  let srv: TestServer;
  let first: CollabServer;
  let second: CollabServer | null = null;

  beforeAll(async () => {
    ({ srv, collab: first } = await startCollabServer());
  });
  afterAll(async () => {
    await second?.close();
    await srv.close();
  });

  it("stores and compacts every document, closes sockets with 4503, and a new server serves it all", async () => {
    const facilitator = await createUser(srv);
    const plans = await Promise.all([createWorkspace(facilitator), createWorkspace(facilitator)]);
    const clients = plans.map((plan) => connectProvider(srv, planDocName(plan.id), { as: facilitator }));
    await Promise.all(clients.map((client) => client.synced()));
    const codes: number[] = [];
    for (const client of clients) {
      // The first close only: a client retrying while the server is still closing fails again (1006).
      client.provider.once("connection-close", (event) => codes.push(event?.code ?? 0));
      addCommitment(client.doc, 5)?.text("title")?.insert(0, `Plan of ${client.doc.clientID}`);
    }
    const expected = clients.map((client) => planToJson(client.doc));
    for (const plan of plans) {
      await waitFor(
        async () => (await logRowCount(srv.ctx, planDocName(plan.id))) > 0,
        5000,
        "the edits stored",
      );
    }

    await first.close();
    expect(codes.sort()).toEqual([4503, 4503]);
    expect(first.stats()).toMatchObject({ documents: 0, connections: 0 });
    for (const [i, plan] of plans.entries()) {
      const docName = planDocName(plan.id);
      expect(await logRowCount(srv.ctx, docName)).toBe(0);
      expect(planToJson(await storedDoc(srv.ctx, docName))).toEqual(expected[i]);
    }

    // The same HTTP server with a new collaboration server: the providers reconnect by themselves.
    second = attachCollab(srv.server, srv.ctx);
    await waitFor(() => clients.every((client) => client.provider.synced), 10_000, "the reconnection");
    const late = connectProvider(srv, planDocName(plans[0]?.id ?? ""), { as: facilitator });
    await late.synced();
    expect(planToJson(late.doc)).toEqual(expected[0]);
    for (const client of [...clients, late]) client.destroy();
  });
});

describe("the heartbeat", () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startTestServer({ attach: (server, ctx) => attachCollab(server, ctx, { heartbeatMs: 100 }) });
  });
  afterAll(() => srv.close());

  it("cuts off a socket that stops answering pings", async () => {
    const facilitator = await createUser(srv);
    const docName = planDocName((await createWorkspace(facilitator)).id);
    // This client never answers a ping (stock clients do, by the WebSocket protocol).
    const mute = new TcpSocket(srv, docName, { as: facilitator });
    expect(await mute.closeCode).toBeNull();
    expect(mute.upgraded).toBe(true);
  });
});
