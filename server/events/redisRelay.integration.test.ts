import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { WorkspaceEvent } from "@shared/events";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../collab/test/clients";
import { createLog } from "../ops/log";
import { RedisLink } from "../redis/link";
import { createStore, type Store } from "../store";
import { openDb } from "../store/db";
import { SqliteSql } from "../store/sqliteSql";
import { startCluster, type TestCluster, through } from "../test/cluster";
import { createFacilitatedWorkspace, joinAs } from "../test/factories";
import { describeWithRedis, type RedisServer, startRedisServer } from "../test/redisServer";
import { type EventStream, openEventStream } from "../test/sse";
import { createRedisEventRelay } from "./redisRelay";

const log = createLog("silent");
const links = (redis: RedisServer) => new RedisLink(redis.url, { log, countError: () => {} });

describeWithRedis("the event relay between instances (Redis)", () => {
  let cluster: TestCluster;
  const streams: EventStream[] = [];
  beforeAll(async () => {
    cluster = await startCluster(3);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await cluster.close();
  });

  it("delivers events made through every instance to a stream opened on another, each once, in id order", async () => {
    const [a, b, c] = cluster.instances;
    if (!a || !b || !c) throw new Error("three instances");
    const { facilitator, workspaceId } = await createFacilitatedWorkspace(a.srv);
    const stream = await openEventStream(through(facilitator, c), workspaceId);
    streams.push(stream);
    expect(stream.status).toBe(200);

    // Renames through A and B at once, so their commits and announcements interleave.
    const renames = Array.from({ length: 30 }, (_, i) =>
      through(facilitator, i % 2 ? a : b).patch(`/api/workspaces/${workspaceId}`, { name: `Name ${i}` }),
    );
    expect((await Promise.all(renames)).map((reply) => reply.status)).toEqual(renames.map(() => 200));

    const received: WorkspaceEvent[] = [];
    while (received.length < 30) received.push(await stream.nextEvent());
    const logged = await c.srv.ctx.store.events.after(workspaceId, (received[0]?.id ?? 1) - 1, 100);
    expect(received.map((event) => event.id)).toEqual(logged.map((event) => event.id));
  });

  it("delivers what was committed while the stream's instance had lost its subscription, once it is back", async () => {
    const [a, , c] = cluster.instances;
    if (!a || !c) throw new Error("instances");
    const { facilitator, workspaceId } = await createFacilitatedWorkspace(a.srv);
    const stream = await openEventStream(through(facilitator, c), workspaceId);
    streams.push(stream);
    const redis = a.srv.ctx.redis?.commands;
    if (!redis) throw new Error("instances have a Redis link");
    // Every subscription connection drops and cannot come back (connections already open stay signed in).
    await redis.config("SET", "requirepass", "outage");
    await redis.call("CLIENT", "KILL", "TYPE", "pubsub");
    try {
      const renamed = await facilitator.patch(`/api/workspaces/${workspaceId}`, { name: "Renamed unheard" });
      expect(renamed.status).toBe(200);
    } finally {
      await redis.config("SET", "requirepass", "");
    }
    expect(await stream.nextEvent()).toMatchObject({
      type: "workspace.updated",
      payload: { changed: ["name"] },
    });
  });

  it("ends a removed member's stream on another instance with the removal event", async () => {
    const [a, , c] = cluster.instances;
    if (!a || !c) throw new Error("instances");
    const { facilitator, workspaceId } = await createFacilitatedWorkspace(a.srv);
    const member = await joinAs(a.srv, workspaceId, facilitator, "commenter");
    const stream = await openEventStream(through(member, c), workspaceId);
    streams.push(stream);
    const removed = await facilitator.delete(`/api/workspaces/${workspaceId}/members/${member.user?.id}`);
    expect(removed.status).toBe(204);
    const events = await stream.readToEnd();
    expect(events.at(-1)).toMatchObject({ type: "member.removed", payload: { userId: member.user?.id } });
  });
});

describeWithRedis("createRedisEventRelay", () => {
  let redis: RedisServer;
  let dir: string;
  let store: Store;
  let close: () => void;
  beforeAll(async () => {
    redis = await startRedisServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-relay-"));
    const db = openDb(path.join(dir, "cocrea.db"));
    // Events of a workspace that exists only as an id: the relay reads the log, nothing else.
    db.pragma("foreign_keys = OFF");
    store = createStore(new SqliteSql(db));
    close = () => db.close();
  });
  afterAll(async () => {
    close();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("delivers from the log in commit order when two instances' announcements cross on the way", async () => {
    const workspaceId = "ws-crossing";
    const [here, there] = [links(redis), links(redis)];
    const relay = createRedisEventRelay(here, store.events, log);
    const delivered: number[] = [];
    relay.subscribe(workspaceId, { event: (event) => delivered.push(event.id), closed() {} });
    await relay.ready(workspaceId);

    const append = async () =>
      store.events.append({
        workspaceId,
        actorId: null,
        type: "workspace.updated",
        payload: {},
        createdAt: 0,
      });
    const first = await append();
    const second = await append();
    // The later commit's announcement arrives first; then the earlier one's.
    there.publish(`cocrea:events:${workspaceId}`, `${there.instanceId} ${second.id}`);
    await waitFor(() => delivered.length === 2);
    there.publish(`cocrea:events:${workspaceId}`, `${there.instanceId} ${first.id}`);
    await there.ready();
    await here.ready();
    expect(delivered).toEqual([first.id, second.id]);

    // An announcement of this instance's own comes back from Redis too, and is skipped.
    const third = await append();
    relay.publish(third);
    await waitFor(() => delivered.length === 3);
    await here.ready();
    expect(delivered).toEqual([first.id, second.id, third.id]);
    relay.close();
    here.close();
    there.close();
  });
});
