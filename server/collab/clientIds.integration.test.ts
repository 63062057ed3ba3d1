import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows } from "../test/storage";
import { attachCollab } from ".";
import { connectProvider, type ProviderClient, RawSocket, waitFor } from "./test/clients";
import { syncStep1Frame, updateFrame } from "./test/frames";
import { storedDoc } from "./test/stored";

describe("client ids bound to their member", () => {
  let srv: TestServer;
  let facilitator: TestClient;
  let impostor: TestClient;
  let docName: string;
  let writer: ProviderClient;

  beforeAll(async () => {
    srv = await startTestServer({ attach: attachCollab });
    facilitator = await createUser(srv);
    const workspaceId = (await createWorkspace(facilitator)).id;
    impostor = await joinAs(srv, workspaceId, facilitator, "drafter");
    docName = planDocName(workspaceId);
    writer = connectProvider(srv, docName, { as: facilitator });
    await writer.synced();
    writer.doc.getXmlFragment("vision").insert(0, [new Y.XmlText("Fiona wrote this")]);
    await waitFor(async () => (await bindings()).length === 1, 5000, "the writer's client id bound");
  });
  afterAll(async () => {
    writer.destroy();
    await srv.close();
  });

  const bindings = () =>
    srv.ctx.sql.all<{ clientId: number; userId: string }>(
      'SELECT client_id AS "clientId", user_id AS "userId" FROM doc_clients WHERE doc_name = ? ORDER BY bound_at, client_id',
      [docName],
    );
  const rowsBy = (client: TestClient) =>
    countRows(srv.ctx, "doc_log", "user_id = ?", [client.user?.id ?? null]);

  it("binds the client id a socket first writes with to its authenticated member, in storage", async () => {
    expect(await bindings()).toEqual([{ clientId: writer.doc.clientID, userId: facilitator.user?.id }]);
  });

  it("refuses with 4400 an update whose new items carry another member's client id, storing nothing", async () => {
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(writer.doc));
    forged.clientID = writer.doc.clientID;
    const before = Y.encodeStateVector(forged);
    forged.getXmlFragment("vision").insert(1, [new Y.XmlText("words put in Fiona's mouth")]);
    const socket = await RawSocket.open(srv, docName, { as: impostor });
    socket.send(updateFrame(Y.encodeStateAsUpdate(forged, before)));
    socket.send(syncStep1Frame());
    expect((await socket.closed).code).toBe(4400);
    expect(await rowsBy(impostor)).toBe(0);
    const stored = await storedDoc(srv.ctx, docName);
    expect(stored.getXmlFragment("vision").toString()).not.toContain("Fiona's mouth");
    expect(await bindings()).toHaveLength(1);
  });

  it("binds a new client id in storage also when its first update was dropped as unplaceable", async () => {
    // A reconnecting client's live update that builds on what this server never stored is parked
    // by Yjs and dropped; the client then sends everything, which must be stored with its binding.
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(writer.doc));
    const base = Y.encodeStateVector(late);
    late.getText("late").insert(0, "written offline");
    const afterOffline = Y.encodeStateVector(late);
    late.getText("late").insert(0, "and then ");
    const socket = await RawSocket.open(srv, docName, { as: impostor });
    socket.send(updateFrame(Y.encodeStateAsUpdate(late, afterOffline)));
    socket.send(updateFrame(Y.encodeStateAsUpdate(late, base)));
    await waitFor(async () => (await rowsBy(impostor)) === 1, 5000, "the whole difference stored");
    socket.close();
    expect(await bindings()).toContainEqual({ clientId: late.clientID, userId: impostor.user?.id });
  });

  it("accepts the same member's own new client ids, and their edits to others' text", async () => {
    const own = connectProvider(srv, docName, { as: impostor });
    await own.synced();
    const text = own.doc.getXmlFragment("vision").get(0) as Y.XmlText;
    text.delete(0, 6);
    text.insert(0, "Ines ");
    await waitFor(async () => (await bindings()).length === 3, 5000, "the impostor's own id bound");
    expect(await bindings()).toContainEqual({ clientId: own.doc.clientID, userId: impostor.user?.id });
    own.destroy();
  });
});
