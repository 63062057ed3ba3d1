import net from "node:net";
import { CLOSE_CODES } from "@shared/closeCodes";
import { meetingDocName } from "@shared/collab";
import { addCommitment, getPlan, listCommitments, planDocName, planToJson } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import { countRows } from "../test/storage";
import type { CollabServer } from ".";
import { connectProvider, type Handshake, type ProviderClient, RawSocket, waitFor } from "./test/clients";
import { startCollabServer } from "./test/server";
import { storedDoc } from "./test/stored";

describe("who may open a document on /collab", () => {
  let srv: TestServer;
  let collab: CollabServer;
  let facilitator: TestClient;
  let drafter: TestClient;
  let commenter: TestClient;
  let viewer: TestClient;
  let outsider: TestClient;
  let workspaceId: string;
  let docName: string;
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    ({ srv, collab } = await startCollabServer());
    facilitator = await createUser(srv);
    workspaceId = (await createWorkspace(facilitator)).id;
    docName = planDocName(workspaceId);
    drafter = await joinAs(srv, workspaceId, facilitator, "drafter", "academia");
    commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "citizen");
    viewer = await joinAs(srv, workspaceId, facilitator, "viewer", "private_sector");
    outsider = await createUser(srv);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await srv.close();
  });

  const connect = (name: string, handshake: Handshake): ProviderClient => {
    const client = connectProvider(srv, name, handshake);
    clients.push(client);
    return client;
  };

  describe("refusals reach the stock client as close codes it does not retry", () => {
    const cases: [string, () => [string, Handshake], number][] = [
      ["refuses a socket without a session with 4401", () => [docName, { as: anonymous(srv) }], 4401],
      ["refuses a signed-in non-member with 4403", () => [docName, { as: outsider }], 4403],
      [
        "refuses an unknown workspace with 4404",
        () => [planDocName("nosuchworkspace"), { as: drafter }],
        4404,
      ],
      [
        "refuses another site's Origin with 4406",
        () => [docName, { as: drafter, origin: "https://evil.example" }],
        4406,
      ],
      ["refuses the opaque Origin null with 4406", () => [docName, { as: drafter, origin: "null" }], 4406],
      ["refuses a name that is no document name with 4404", () => ["notes:abc", { as: drafter }], 4404],
      ["refuses a plan name without an id with 4404", () => ["plan:", { as: drafter }], 4404],
      [
        "refuses meeting documents (not open yet) with 4404",
        () => [meetingDocName("m1"), { as: drafter }],
        4404,
      ],
    ];
    it.each(cases)("%s", async (_title, make, code) => {
      const [name, handshake] = make();
      const refusalsBefore = collab.stats().refusals;
      const client = connectProvider(srv, name, handshake);
      try {
        const refusal = await client.refused;
        expect(refusal.code).toBe(code);
        expect(client.provider.shouldConnect).toBe(false);
        expect(collab.stats().refusals).toBe(refusalsBefore + 1);
      } finally {
        client.destroy();
      }
    });

    it("names each refusal code in shared/closeCodes.ts", () => {
      expect(CLOSE_CODES).toMatchObject({
        notSignedIn: 4401,
        forbidden: 4403,
        notFound: 4404,
        badOrigin: 4406,
      });
    });
  });

  it("admits a client that sends no Origin (not a browser) when it has a member's session", async () => {
    const client = connect(docName, { as: drafter, origin: null });
    await client.synced();
    expect(client.provider.wsconnected).toBe(true);
  });

  it("destroys an upgrade to any other path without answering it", async () => {
    const { port } = new URL(srv.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    socket.write(
      "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    const answer = await new Promise<string>((resolve) => {
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk.toString();
      });
      socket.on("close", () => resolve(received));
    });
    expect(answer).toBe("");
  });

  it("refuses before loading anything: a refused socket's frames are never read", async () => {
    const loadsBefore = collab.stats().loads;
    const socket = await RawSocket.open(srv, planDocName("nosuchworkspace"), { as: drafter });
    socket.send(new Uint8Array([0, 2, 0]));
    expect((await socket.closed).code).toBe(4404);
    expect(collab.stats().loads).toBe(loadsBefore);
  });

  describe("read-only members", () => {
    it("lets viewers and commenters read the live text but drops their edits", async () => {
      const writer = connect(docName, { as: drafter });
      const other = connect(docName, { as: facilitator });
      const reader = connect(docName, { as: viewer });
      const critic = connect(docName, { as: commenter });
      await Promise.all([writer, other, reader, critic].map((c) => c.synced()));

      addCommitment(writer.doc, 5)?.text("title")?.insert(0, "Open budgets");
      await waitFor(() => [reader, critic, other].every((c) => listCommitments(c.doc).length === 1));

      const droppedBefore = collab.stats().readerUpdatesDropped;
      listCommitments(reader.doc)[0]?.text("title")?.insert(0, "VIEWER WAS HERE ");
      getPlan(critic.doc).commitmentArray.delete(0, 1);
      addCommitment(critic.doc, 5);
      // Each local edit goes out as one update message, and the server counts each one it drops.
      await waitFor(() => collab.stats().readerUpdatesDropped >= droppedBefore + 3, 5000, "dropped updates");

      // A later edit by a writer reaches everyone: the readers' edits were handled before it.
      listCommitments(writer.doc)[0]?.text("title")?.insert(0, "Participatory ");
      await waitFor(
        () => listCommitments(other.doc)[0]?.text("title")?.toString() === "Participatory Open budgets",
      );
      await waitFor(
        () => listCommitments(reader.doc)[0]?.text("title")?.toString().includes("Participatory") === true,
      );

      expect(planToJson(other.doc)).toEqual(planToJson(writer.doc));
      expect(listCommitments(writer.doc)).toHaveLength(1);
      const stored = await storedDoc(srv.ctx, docName);
      expect(planToJson(stored)).toEqual(planToJson(writer.doc));
      const rowsByReaders = await countRows(srv.ctx, "doc_log", "user_id IN (?, ?)", [
        viewer.user?.id ?? null,
        commenter.user?.id ?? null,
      ]);
      expect(rowsByReaders).toBe(0);
    });

    it("closes a demoted drafter's socket with 4509, and the reconnected client can only read", async () => {
      const demoted = await joinAs(srv, workspaceId, facilitator, "drafter");
      const client = connect(docName, { as: demoted });
      const watcher = connect(docName, { as: facilitator });
      await Promise.all([client.synced(), watcher.synced()]);
      const codes: number[] = [];
      client.provider.on("connection-close", (event) => codes.push(event?.code ?? 0));

      const reply = await facilitator.patch(`/api/workspaces/${workspaceId}/members/${demoted.user?.id}`, {
        role: "viewer",
      });
      expect(reply.status).toBe(200);
      await waitFor(() => codes.includes(4509), 5000, "the socket closed");
      await waitFor(() => client.provider.synced, 5000, "the reconnection");

      const droppedBefore = collab.stats().readerUpdatesDropped;
      addCommitment(client.doc, 5);
      await waitFor(() => collab.stats().readerUpdatesDropped > droppedBefore, 5000, "the edit dropped");
      expect(listCommitments(client.doc)).toHaveLength(2);
      expect(listCommitments(watcher.doc)).toHaveLength(1);
    });

    it("closes a removed member's socket with 4403 for good", async () => {
      const removed = await joinAs(srv, workspaceId, facilitator, "drafter");
      const client = connect(docName, { as: removed });
      await client.synced();
      const reply = await facilitator.delete(`/api/workspaces/${workspaceId}/members/${removed.user?.id}`);
      expect(reply.status).toBe(204);
      expect((await client.refused).code).toBe(4403);
    });

    it("still answers a reader's sync request, so a late viewer gets the whole plan", async () => {
      const late = connect(docName, { as: viewer });
      await late.synced();
      await waitFor(() => listCommitments(late.doc).length === 1);
      expect(listCommitments(late.doc)[0]?.text("title")?.toString()).toContain("Open budgets");
    });
  });
});
