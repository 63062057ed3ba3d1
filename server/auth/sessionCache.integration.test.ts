import type { UserResponse } from "@shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type TestCluster, through } from "../test/cluster";
import { createUser, TestClient } from "../test/factories";
import { describeWithRedis } from "../test/redisServer";
import { startTestServer, type TestServer } from "../test/startTestServer";

// A cache that would keep a session for a minute: anything below that proves an ending dropped it.
const LONG_TTL = { sessionCacheTtlMs: 60_000 };

/** A second browser holding the same session cookie (a copy the sign-out does not clear). */
const sameSession = (client: TestClient, srv: TestServer = client.srv): TestClient => {
  const copy = new TestClient(srv, client.user, client.password);
  copy.cookie = client.cookie;
  return copy;
};

describe("sessions looked up from the cache", () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startTestServer({ context: LONG_TTL });
  });
  afterAll(async () => {
    await srv.close();
  });

  it("refuses a signed-out session on its next request (401), though it was just answered from the cache", async () => {
    const person = await createUser(srv);
    const copy = sameSession(person);
    expect((await copy.get("/api/me")).status).toBe(200);
    expect((await copy.get("/api/me")).status).toBe(200);
    expect((await person.post("/api/auth/logout")).status).toBe(204);
    expect((await copy.get("/api/me")).status).toBe(401);
  });

  it("refuses another device's session at once after a password change", async () => {
    const person = await createUser(srv);
    const phone = await person.signIn();
    expect((await phone.get("/api/me")).status).toBe(200);
    const changed = await person.post("/api/me/password", {
      currentPassword: person.password,
      newPassword: "a different horse battery staple 42",
    });
    expect(changed.status).toBe(204);
    expect((await phone.get("/api/me")).status).toBe(401);
    // This browser got a fresh session with the change.
    expect((await person.get("/api/me")).status).toBe(200);
  });

  it("answers with a changed name on the very next request", async () => {
    const person = await createUser(srv, { name: "Old Name" });
    expect((await person.get<UserResponse>("/api/me")).body.user.name).toBe("Old Name");
    expect((await person.patch("/api/me", { name: "New Name" })).status).toBe(200);
    expect((await person.get<UserResponse>("/api/me")).body.user.name).toBe("New Name");
  });
});

describeWithRedis("sessions looked up from the cache, across instances (Redis)", () => {
  let cluster: TestCluster;
  const instance = (i: number) => {
    const found = cluster.instances[i];
    if (!found) throw new Error(`no instance ${i}`);
    return found;
  };

  beforeAll(async () => {
    cluster = await startCluster(2, {}, LONG_TTL);
  });
  afterAll(async () => {
    await cluster.close();
  });

  it("refuses a session on another instance within a second of its sign-out, though that instance had it cached", async () => {
    const person = await createUser(instance(0).srv);
    const elsewhere = sameSession(through(person, instance(1)), instance(1).srv);
    expect((await elsewhere.get("/api/me")).status).toBe(200);
    expect((await elsewhere.get("/api/me")).status).toBe(200);
    expect((await person.post("/api/auth/logout")).status).toBe(204);
    const start = Date.now();
    let status = 200;
    while (Date.now() - start < 1000) {
      status = (await elsewhere.get("/api/me")).status;
      if (status === 401) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
  });
});
