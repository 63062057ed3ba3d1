import { setTimeout as sleep } from "node:timers/promises";
import { CLOSE_CODES } from "@shared/closeCodes";
import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectProvider, type ProviderClient, RawSocket } from "../collab/test/clients";
import { createLog } from "../ops/log";
import { RedisLink } from "../redis/link";
import { startCluster, type TestCluster, through } from "../test/cluster";
import { createFacilitatedWorkspace, createUser, joinAs, TEST_PASSWORD, TestClient } from "../test/factories";
import { describeWithRedis, type RedisServer, startRedisServer } from "../test/redisServer";
import { type EventStream, openEventStream } from "../test/sse";
import { RedisGrowingDelayLimiter } from "./redisLimiter";

// Behind a proxy the tests speak for: the sign-up test comes from an address of its own.
const CAPS = { maxSocketsPerUser: 3, maxStreamsPerUser: 2, signupFreePerAddress: 8, trustProxy: true };

describeWithRedis("sessions, throttles and caps across instances (Redis)", () => {
  let cluster: TestCluster;
  let workspaceId: string;
  let facilitator: TestClient;
  const providers: ProviderClient[] = [];
  const sockets: RawSocket[] = [];
  const streams: EventStream[] = [];
  const instance = (i: number) => {
    const found = cluster.instances[i];
    if (!found) throw new Error(`no instance ${i}`);
    return found;
  };

  beforeAll(async () => {
    cluster = await startCluster(3, CAPS);
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(instance(0).srv));
  });
  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    for (const socket of sockets) socket.close();
    for (const stream of streams) stream.close();
    await cluster.close();
  });

  it("closes a session's socket (4401) and stream on other instances within a second of its sign-out", async () => {
    const drafter = await joinAs(instance(0).srv, workspaceId, facilitator, "drafter");
    const socket = connectProvider(instance(1).srv, planDocName(workspaceId), {
      as: through(drafter, instance(1)),
    });
    providers.push(socket);
    await socket.synced();
    const stream = await openEventStream(through(drafter, instance(2)), workspaceId);
    streams.push(stream);
    expect(stream.status).toBe(200);

    const start = Date.now();
    const closed = socket.refused.then(({ code }) => ({ code, ms: Date.now() - start }));
    const ended = stream.readToEnd().then(() => Date.now() - start);
    expect((await drafter.post("/api/auth/logout")).status).toBe(204);
    const { code, ms } = await closed;
    expect(code).toBe(CLOSE_CODES.notSignedIn);
    expect(ms).toBeLessThan(1000);
    expect(await ended).toBeLessThan(1000);
  });

  it("counts failed sign-ins on every instance: after five through two instances, a third refuses the next (429)", async () => {
    const member = await createUser(instance(0).srv);
    const email = member.user?.email ?? "";
    for (let i = 0; i < 5; i++) {
      const reply = await new TestClient(instance(i % 2).srv).post("/api/auth/login", {
        email,
        password: "wrong password, surely",
      });
      expect(reply.status).toBe(401);
    }
    const refused = await new TestClient(instance(2).srv).post("/api/auth/login", {
      email,
      password: TEST_PASSWORD,
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it(`caps one account's sockets over every instance: ${CAPS.maxSocketsPerUser} spread over three, the next closed with 4420`, async () => {
    const member = await joinAs(instance(0).srv, workspaceId, facilitator, "viewer");
    const open = async (i: number) => {
      const socket = await RawSocket.open(instance(i).srv, planDocName(workspaceId), {
        as: through(member, instance(i)),
      });
      sockets.push(socket);
      return socket;
    };
    const accepted = [await open(0), await open(1), await open(2)];
    await Promise.all(accepted.map((socket) => socket.frame(() => true)));
    const extra = await open(1);
    expect((await extra.closed).code).toBe(CLOSE_CODES.tooManySockets);
    expect(accepted.every((socket) => socket.isOpen)).toBe(true);

    // A place freed on one instance can be taken on another.
    accepted[0]?.close();
    await accepted[0]?.closed;
    // The place is given back after the server saw the close: retry briefly rather than guess a delay.
    let taken = false;
    for (let tries = 0; !taken && tries < 20; tries++) {
      const again = await open(2);
      taken = await Promise.race([again.closed.then(() => false), again.frame(() => true).then(() => true)]);
      if (!taken) await sleep(50);
    }
    expect(taken).toBe(true);
  });

  it("stops counting the places an instance held once it is gone (its liveness key expired)", async () => {
    const member = await joinAs(instance(0).srv, workspaceId, facilitator, "viewer");
    const open = async (i: number) => {
      const socket = await RawSocket.open(instance(i).srv, planDocName(workspaceId), {
        as: through(member, instance(i)),
      });
      sockets.push(socket);
      return Promise.race([socket.closed.then(() => false), socket.frame(() => true).then(() => true)]);
    };
    for (let i = 0; i < CAPS.maxSocketsPerUser; i++) expect(await open(2)).toBe(true);
    expect(await open(0)).toBe(false);
    // What a crash leaves: the instance's key is no longer renewed and expires.
    const redis = instance(0).srv.ctx.redis;
    await redis?.commands.del(`cocrea:instance:${instance(2).srv.ctx.redis?.instanceId}`);
    expect(await open(0)).toBe(true);
  });

  it(`caps one account's event streams over every instance (${CAPS.maxStreamsPerUser}), and frees a place when one closes`, async () => {
    const member = await joinAs(instance(0).srv, workspaceId, facilitator, "viewer");
    for (const i of [0, 1]) {
      const stream = await openEventStream(through(member, instance(i)), workspaceId);
      streams.push(stream);
      expect(stream.status).toBe(200);
    }
    const refused = await openEventStream(through(member, instance(2)), workspaceId);
    expect(refused.status).toBe(429);
    expect(refused.error?.code).toBe("too_many_streams");

    streams.at(-1)?.close();
    let status = 0;
    for (let tries = 0; status !== 200 && tries < 20; tries++) {
      const again = await openEventStream(through(member, instance(2)), workspaceId);
      streams.push(again);
      status = again.status;
      if (status !== 200) await sleep(50);
    }
    expect(status).toBe(200);
  });

  it(`counts sign-ups from one address on every instance: ${CAPS.signupFreePerAddress} spread over three, the next refused (429)`, async () => {
    const signUp = (i: number) =>
      new TestClient(instance(i % 3).srv).post(
        "/api/auth/signup",
        { email: `signup-${i}-${Date.now()}@example.org`, name: "Someone", password: TEST_PASSWORD },
        { headers: { "X-Forwarded-For": "203.0.113.7" } },
      );
    const statuses: number[] = [];
    for (let i = 0; i <= CAPS.signupFreePerAddress; i++) statuses.push((await signUp(i)).status);
    // Each instance alone would have let all of them through.
    expect(statuses).toEqual([...Array(CAPS.signupFreePerAddress).fill(201), 429]);
  });
});

describeWithRedis("RedisGrowingDelayLimiter", () => {
  let redis: RedisServer;
  const links: RedisLink[] = [];
  const link = () => {
    const made = new RedisLink(redis.url, { log: createLog("silent"), countError: () => {} });
    links.push(made);
    return made;
  };
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const made of links) made.close();
    await redis.stop();
  });

  it("makes each attempt past the free ones wait twice as long, whichever instance counted them", async () => {
    let now = 1_000_000;
    const options = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000, now: () => now };
    const instances = [
      new RedisGrowingDelayLimiter(link(), "t", options),
      new RedisGrowingDelayLimiter(link(), "t", options),
    ];
    for (let i = 0; i < 3; i++) {
      expect(await instances[i % 2]?.check("a")).toEqual({ allowed: true });
      await instances[i % 2]?.record("a");
    }
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = await instances[i % 2]?.check("a");
      waits.push(decision?.allowed === false ? decision.retryAfterSeconds : 0);
      now += (waits.at(-1) ?? 0) * 1000;
      await instances[(i + 1) % 2]?.record("a");
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
    // Another key, and another limiter's name, are counted apart.
    expect(await instances[0]?.check("b")).toEqual({ allowed: true });
    expect(await new RedisGrowingDelayLimiter(link(), "other", options).check("a")).toEqual({
      allowed: true,
    });
    await instances[1]?.reset("a");
    expect(await instances[0]?.check("a")).toEqual({ allowed: true });
  });

  it("forgets a key once it has been idle for the forget period (the key expires in Redis)", async () => {
    const limiter = new RedisGrowingDelayLimiter(link(), "forget", {
      free: 0,
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
      forgetAfterMs: 300,
    });
    await limiter.record("a");
    expect((await limiter.check("a")).allowed).toBe(false);
    await sleep(400);
    expect(await limiter.check("a")).toEqual({ allowed: true });
  });
});
