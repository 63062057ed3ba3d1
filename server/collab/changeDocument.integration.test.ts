import { addCommitment, listCommitments, planDocName, planToJson } from "@shared/plan";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser, createWorkspace, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows, sqlColumn } from "../test/storage";
import { attachCollab, type CollabServer } from ".";
import { connectProvider, type ProviderClient, waitFor } from "./test/clients";
import { startCollabServer } from "./test/server";
import { logRowCount, storedDoc } from "./test/stored";

const authorsOf = (srv: TestServer, docName: string): Promise<string[]> =>
  sqlColumn<string>(
    srv.ctx,
    "SELECT DISTINCT user_id FROM doc_log JOIN doc_names ON doc_names.id = doc_id WHERE name = ? ORDER BY user_id",
    [docName],
  );

const titles = (doc: Parameters<typeof listCommitments>[0]): string[] =>
  listCommitments(doc).map((commitment) => commitment.text("title")?.toString() ?? "");

describe("server-side document changes (ctx.documents.change)", () => {
  let srv: TestServer;
  let collab: CollabServer;
  let facilitator: TestClient;
  let unloadable = "";
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    srv = await startTestServer({
      attach: (server, ctx) => {
        const sqlite = ctx.documentStore;
        // One document whose storage cannot be read, as after a failed disk or network read.
        const store = {
          ...sqlite,
          load: (docName: string) =>
            docName === unloadable ? Promise.reject(new Error("read failed")) : sqlite.load(docName),
        };
        collab = attachCollab(server, ctx, { store });
        return collab;
      },
    });
    facilitator = await createUser(srv);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(() => srv.close());

  const freshPlan = async (): Promise<string> => planDocName((await createWorkspace(facilitator)).id);
  const connect = (docName: string): ProviderClient => {
    const client = connectProvider(srv, docName, { as: facilitator });
    clients.push(client);
    return client;
  };
  const userId = (): string => facilitator.user?.id ?? "";

  it("reaches a connected client and is stored under the member's id before it resolves", async () => {
    const docName = await freshPlan();
    const client = connect(docName);
    await client.synced();

    const id = await srv.ctx.documents.change(docName, userId(), (doc) => {
      const commitment = addCommitment(doc, 5);
      commitment?.text("title")?.insert(0, "From the server");
      return commitment?.id;
    });

    expect(titles(await storedDoc(srv.ctx, docName))).toEqual(["From the server"]);
    expect(await authorsOf(srv, docName)).toEqual([userId()]);
    await waitFor(() => titles(client.doc).length === 1, 5000, "the change relayed");
    expect(listCommitments(client.doc)[0]?.id).toBe(id);
    expect(titles(client.doc)).toEqual(["From the server"]);
  });

  it("loads a document nobody has open and unloads it afterwards, folded into its snapshot", async () => {
    const docName = await freshPlan();
    const loadsBefore = collab.stats().loads;

    await srv.ctx.documents.change(docName, userId(), (doc) =>
      addCommitment(doc, 5)?.text("title")?.insert(0, "Nobody watching"),
    );

    expect(collab.stats().loads).toBe(loadsBefore + 1);
    await waitFor(() => collab.stats().documents === 0, 5000, "the unload");
    expect(await logRowCount(srv.ctx, docName)).toBe(0);
    expect(titles(await storedDoc(srv.ctx, docName))).toEqual(["Nobody watching"]);
    const reader = connect(docName);
    await reader.synced();
    expect(titles(reader.doc)).toEqual(["Nobody watching"]);
  });

  it("merges with client edits made at the same moment", async () => {
    const docName = await freshPlan();
    const writer = connect(docName);
    const watcher = connect(docName);
    await Promise.all([writer.synced(), watcher.synced()]);
    addCommitment(writer.doc, 5)?.text("title")?.insert(0, "Shared");
    await waitFor(() => titles(watcher.doc)[0] === "Shared", 5000, "the first edit relayed");

    // The client types while the server's change is under way; neither has seen the other's.
    const serverChange = srv.ctx.documents.change(docName, userId(), (doc) => {
      listCommitments(doc)[0]?.text("title")?.insert(0, "Server: ");
      addCommitment(doc, 5)?.text("title")?.insert(0, "Second");
    });
    listCommitments(writer.doc)[0]?.text("title")?.insert("Shared".length, " title");
    await serverChange;

    const expected = ["Server: Shared title", "Second"];
    await waitFor(() => titles(writer.doc).join() === expected.join(), 5000, "the change merged");
    // Relayed only once stored: when the watcher has both edits, storage has them too.
    await waitFor(() => titles(watcher.doc).join() === expected.join(), 5000, "both edits relayed");
    expect(planToJson(await storedDoc(srv.ctx, docName))).toEqual(planToJson(writer.doc));
  });

  it("stores nothing and never runs the edit when the document fails to load", async () => {
    unloadable = await freshPlan();
    const failuresBefore = collab.stats().loadFailures;
    let ran = false;

    await expect(
      srv.ctx.documents.change(unloadable, userId(), (doc) => {
        ran = true;
        addCommitment(doc, 5);
      }),
    ).rejects.toThrow("read failed");

    expect(ran).toBe(false);
    expect(collab.stats().loadFailures).toBe(failuresBefore + 1);
    expect(await logRowCount(srv.ctx, unloadable)).toBe(0);
    expect(await countRows(srv.ctx, "doc_snapshots", "doc_name = ?", [unloadable])).toBe(0);
  });
});

describe("server-side changes across a restart", () => {
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

  it("keeps a change in storage for the next server, and refuses changes once closed", async () => {
    const facilitator = await createUser(srv);
    const docName = planDocName((await createWorkspace(facilitator)).id);
    const userId = facilitator.user?.id ?? "";
    await srv.ctx.documents.change(docName, userId, (doc) =>
      addCommitment(doc, 5)?.text("title")?.insert(0, "Survives a restart"),
    );

    await first.close();
    await expect(srv.ctx.documents.change(docName, userId, () => undefined)).rejects.toThrow("closed");

    second = attachCollab(srv.server, srv.ctx);
    expect(srv.ctx.documents).toBe(second);
    const reader = connectProvider(srv, docName, { as: facilitator });
    await reader.synced();
    expect(titles(reader.doc)).toEqual(["Survives a restart"]);
    reader.destroy();
  });
});
