import { setTimeout as sleep } from "node:timers/promises";
import { CLOSE_CODES } from "@shared/closeCodes";
import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { type Instance, startCluster, type TestCluster, through } from "../test/cluster";
import { createFacilitatedWorkspace, joinAs, type TestClient } from "../test/factories";
import { describeWithRedis } from "../test/redisServer";
import { collabUrl, connectProvider, type ProviderClient, waitFor } from "./test/clients";
import { storedDoc } from "./test/stored";
import { contains } from "./test/typing";

describeWithRedis("collaboration across instances (Redis)", () => {
  let cluster: TestCluster;
  let instances: Instance[];
  let workspaceId: string;
  let docName: string;
  let facilitator: TestClient;
  let drafters: TestClient[];
  const open: ProviderClient[] = [];

  beforeAll(async () => {
    cluster = await startCluster(3);
    instances = cluster.instances;
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(at(0).srv));
    docName = planDocName(workspaceId);
    drafters = [
      await joinAs(at(0).srv, workspaceId, facilitator, "drafter"),
      await joinAs(at(0).srv, workspaceId, facilitator, "drafter"),
    ];
  });
  afterAll(async () => {
    for (const client of open) client.destroy();
    await cluster.close();
  });

  function at(i: number): Instance {
    const instance = instances[i];
    if (!instance) throw new Error(`no instance ${i}`);
    return instance;
  }

  const connect = async (i: number, as: TestClient): Promise<ProviderClient> => {
    const client = connectProvider(at(i).srv, docName, { as: through(as, at(i)) });
    open.push(client);
    await client.synced();
    return client;
  };

  const text = (client: ProviderClient) => client.doc.getText("cluster").toString();

  it("converges stock y-websocket clients spread over three instances, and carries presence between them", async () => {
    const clients = [
      await connect(0, facilitator),
      await connect(1, drafters[0] as TestClient),
      await connect(2, drafters[1] as TestClient),
    ];
    clients.forEach((client, i) => {
      client.doc.getText("cluster").insert(0, `[${i}]`);
    });
    await waitFor(() =>
      clients.every(
        (client) => text(client).length === 9 && text(client) === text(clients[0] as ProviderClient),
      ),
    );
    for (const i of [0, 1, 2]) expect(text(clients[0] as ProviderClient)).toContain(`[${i}]`);

    clients[0]?.provider.awareness.setLocalStateField("cursor", { at: 3 });
    const presenter = clients[0]?.doc.clientID as number;
    await waitFor(() =>
      clients
        .slice(1)
        .every((client) => client.provider.awareness.getStates().get(presenter)?.cursor?.at === 3),
    );
    // A client that joins another instance later is told who is there, from that instance's copy.
    const late = await connect(2, facilitator);
    await waitFor(() => late.provider.awareness.getStates().get(presenter)?.cursor?.at === 3);
  });

  it("applies remote updates to every loaded copy: a client joining an instance later gets them from it", async () => {
    const watcher = await connect(1, facilitator);
    const writer = await connect(0, drafters[0] as TestClient);
    writer.doc.getText("late").insert(0, "typed on the first instance");
    await waitFor(() => watcher.doc.getText("late").toString() === "typed on the first instance");
    // Instance 1 had the document loaded all along; only its copy answers this client's sync.
    const late = await connect(1, drafters[1] as TestClient);
    expect(late.doc.getText("late").toString()).toBe("typed on the first instance");
  });

  it("keeps a member's client id theirs on every instance: a client moved to another instance goes on writing", async () => {
    const other = await connect(2, facilitator);
    // The second instance has the document loaded before the member first writes (on the first).
    await connect(1, facilitator);
    const moving = await connect(0, drafters[1] as TestClient);
    moving.doc.getText("moving").insert(0, "first instance;");
    await waitFor(() => other.doc.getText("moving").toString() === "first instance;");

    // The load balancer sends its reconnection to the second instance.
    moving.provider.disconnect();
    moving.provider.serverUrl = collabUrl(at(1).srv);
    moving.provider.connect();

    await waitFor(() => moving.provider.synced);
    moving.doc.getText("moving").insert(15, " second instance");
    await waitFor(() => other.doc.getText("moving").toString() === "first instance; second instance");
    expect(moving.provider.wsconnected).toBe(true);
  });

  it("closes a removed member's sockets on every instance (4403)", async () => {
    const member = await joinAs(at(0).srv, workspaceId, facilitator, "commenter");
    const sockets = [await connect(1, member), await connect(2, member)];
    const reply = await facilitator.delete(`/api/workspaces/${workspaceId}/members/${member.user?.id}`);
    expect(reply.status).toBe(204);
    for (const socket of sockets) expect((await socket.refused).code).toBe(CLOSE_CODES.forbidden);
  });

  it("catches up from storage after losing its subscription: an update published meanwhile reaches its clients", async () => {
    const writer = await connect(0, drafters[0] as TestClient);
    const reader = await connect(1, facilitator);
    const redis = at(0).srv.ctx.redis?.commands;
    if (!redis) throw new Error("instances have a Redis link");
    // Every subscription connection drops and cannot come back (connections already open stay signed in).
    await redis.config("SET", "requirepass", "outage");
    await redis.call("CLIENT", "KILL", "TYPE", "pubsub");
    try {
      writer.doc.getText("outage").insert(0, "typed while the others could not hear");
      for (let tries = 0; tries < 100; tries++) {
        const stored = await storedDoc(at(0).srv.ctx, docName);
        if (stored.getText("outage").length > 0) break;
        await sleep(50);
      }
      // Stored and announced, but nobody was subscribed to hear it.
      await sleep(200);
      expect(reader.doc.getText("outage").toString()).toBe("");
    } finally {
      await redis.config("SET", "requirepass", "");
    }
    await waitFor(
      () => reader.doc.getText("outage").toString() === "typed while the others could not hear",
      15_000,
    );
  });

  it("stores every update when each instance unloads and compacts its copy at the same time", async () => {
    const clients = [
      await connect(0, facilitator),
      await connect(1, drafters[0] as TestClient),
      await connect(2, drafters[1] as TestClient),
    ];
    for (let round = 0; round < 20; round++) {
      clients.forEach((client, i) => {
        client.doc.getText("compacted").insert(0, `${i}`);
      });
    }
    await waitFor(() => clients.every((client) => client.doc.getText("compacted").length === 60));
    const expected = Y.encodeStateAsUpdate(clients[0]?.doc as Y.Doc);
    for (const client of open) client.destroy();
    open.length = 0;
    await waitFor(() => instances.every(({ collab }) => collab.stats().documents === 0), 10_000);

    const stored = await storedDoc(at(0).srv.ctx, docName);
    expect(contains(stored, expected)).toBe(true);
    expect(stored.getText("compacted").length).toBe(60);
  });
});
