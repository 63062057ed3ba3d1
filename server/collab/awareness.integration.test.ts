import { MESSAGE_TYPE, SECTOR_COLORS } from "@shared/collab";
import { LIMITS } from "@shared/limits";
import { planDocName } from "@shared/plan";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { attachCollab } from ".";
import { connectProvider, type ProviderClient, RawSocket, waitFor } from "./test/clients";

/** An awareness frame as a client sends it: one state per client id. */
function awarenessFrame(
  entries: { clientId: number; clock: number; state: unknown; json?: string }[],
): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state, json } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, json ?? JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_TYPE.awareness);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

/** The states in an awareness frame the server sent, by client id. */
function statesIn(frame: Uint8Array): Map<number, unknown> {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const states = new Map<number, unknown>();
  const count = decoding.readVarUint(update);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(update);
    decoding.readVarUint(update);
    states.set(clientId, JSON.parse(decoding.readVarString(update)));
  }
  return states;
}

const isAwareness = (frame: Uint8Array) => frame[0] === MESSAGE_TYPE.awareness;

describe("presence on a plan (awareness)", () => {
  let srv: TestServer;
  let facilitator: TestClient;
  let drafter: TestClient;
  let viewer: TestClient;
  let docName: string;
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    srv = await startTestServer({ attach: attachCollab });
    facilitator = await createUser(srv, { name: "Fatima Facilitator" });
    const workspace = await createWorkspace(facilitator, { sector: "government" });
    docName = planDocName(workspace.id);
    drafter = await joinAs(srv, workspace.id, facilitator, "drafter", "academia");
    viewer = await joinAs(srv, workspace.id, facilitator, "viewer", "citizen");
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await srv.close();
  });

  const connect = (as: TestClient): ProviderClient => {
    const client = connectProvider(srv, docName, { as });
    clients.push(client);
    return client;
  };

  /** What the server holds for every client now, asked for after everything `socket` sent before. */
  const serverStates = async (socket: RawSocket): Promise<Map<number, unknown>> => {
    const seen = socket.frames.length;
    socket.send(new Uint8Array([MESSAGE_TYPE.queryAwareness]));
    return statesIn(await socket.frame((frame, index) => index >= seen && isAwareness(frame)));
  };

  it("shows each client as its authenticated member, whatever name it claims", async () => {
    const impostor = connect(drafter);
    const watcher = connect(facilitator);
    await Promise.all([impostor.synced(), watcher.synced()]);
    impostor.provider.awareness.setLocalState({
      user: { id: facilitator.user?.id, name: "Fatima Facilitator", sector: "government", color: "#000000" },
      cursor: { anchor: 3, head: 5 },
    });
    const seenState = () => watcher.provider.awareness.getStates().get(impostor.doc.clientID);
    await waitFor(() => seenState() !== undefined, 5000, "the impostor's presence");
    expect(seenState()).toEqual({
      user: {
        id: drafter.user?.id,
        name: drafter.user?.name,
        sector: "academia",
        color: SECTOR_COLORS.academia,
      },
      cursor: { anchor: 3, head: 5 },
    });
  });

  it("relays a viewer's presence too", async () => {
    const reader = connect(viewer);
    const watcher = connect(facilitator);
    await Promise.all([reader.synced(), watcher.synced()]);
    reader.provider.awareness.setLocalStateField("user", { name: "someone else" });
    await waitFor(() => watcher.provider.awareness.getStates().has(reader.doc.clientID));
    expect(watcher.provider.awareness.getStates().get(reader.doc.clientID)).toMatchObject({
      user: { id: viewer.user?.id, name: viewer.user?.name, sector: "citizen" },
    });
  });

  it("removes a client's presence for everyone when its socket closes", async () => {
    const leaving = connectProvider(srv, docName, { as: drafter });
    const watcher = connect(facilitator);
    await Promise.all([leaving.synced(), watcher.synced()]);
    leaving.provider.awareness.setLocalStateField("user", {});
    await waitFor(() => watcher.provider.awareness.getStates().has(leaving.doc.clientID));
    const clientId = leaving.doc.clientID;
    // Cut the socket without the goodbye message a provider sends, as a dropped connection would.
    leaving.provider.ws?.close();
    leaving.destroy();
    await waitFor(() => !watcher.provider.awareness.getStates().has(clientId), 5000, "the presence to go");
  });

  it("ignores states a socket sends for a client id another socket holds", async () => {
    const victim = connect(facilitator);
    await victim.synced();
    victim.provider.awareness.setLocalStateField("user", {});
    const spoofer = await RawSocket.open(srv, docName, { as: drafter });
    const victimId = victim.doc.clientID;
    for (let tries = 0; !(await serverStates(spoofer)).has(victimId); tries++) {
      if (tries === 100) throw new Error("the victim's presence never reached the server");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    spoofer.send(
      awarenessFrame([{ clientId: victimId, clock: 1_000_000, state: { user: { name: "Impostor" } } }]),
    );
    spoofer.send(awarenessFrame([{ clientId: victimId, clock: 1_000_001, state: null }]));
    const states = await serverStates(spoofer);
    expect(states.get(victimId)).toMatchObject({ user: { name: facilitator.user?.name } });
    expect(spoofer.isOpen).toBe(true);
    spoofer.close();
  });

  it("closes a socket whose awareness state is over the size limit with 4413", async () => {
    const socket = await RawSocket.open(srv, docName, { as: drafter });
    const big = { note: "x".repeat(LIMITS.maxAwarenessStateBytes) };
    socket.send(awarenessFrame([{ clientId: 424242, clock: 1, state: big }]));
    expect((await socket.closed).code).toBe(4413);
  });

  it("closes a socket whose awareness state is not a JSON object with 4400", async () => {
    for (const json of ["42", "[1,2]", "{not json"]) {
      const socket = await RawSocket.open(srv, docName, { as: drafter });
      socket.send(awarenessFrame([{ clientId: 434343, clock: 1, state: null, json }]));
      expect((await socket.closed).code).toBe(4400);
    }
  });

  it("lets one socket speak for a few client ids at most", async () => {
    const socket = await RawSocket.open(srv, docName, { as: drafter });
    // Joined first (one answered query, after the presence the server sends on joining), so that
    // presence cannot pass for the answer below when the document takes a while to load.
    await serverStates(socket);
    const ids = Array.from({ length: LIMITS.maxAwarenessClientsPerSocket + 3 }, (_, i) => 900_000 + i);
    socket.send(awarenessFrame(ids.map((clientId) => ({ clientId, clock: 1, state: { n: clientId } }))));
    const states = await serverStates(socket);
    expect(ids.filter((id) => states.has(id))).toHaveLength(LIMITS.maxAwarenessClientsPerSocket);
    socket.close();
  });
});
