import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { closeDatabase, refuseWrites } from "../test/storage";

describe("GET /healthz", () => {
  let srv: TestServer | null = null;
  afterEach(async () => {
    await srv?.close().catch(() => {});
    srv = null;
  });

  const healthz = async (server: TestServer) => {
    const response = await fetch(`${server.url}/healthz`);
    return { status: response.status, body: await response.json(), headers: response.headers };
  };

  it("answers 200 while the database takes writes, with a request id", async () => {
    srv = await startTestServer();
    const { status, body, headers } = await healthz(srv);
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", checks: { database: "ok" } });
    expect(headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 while the database refuses writes, and 200 again once it takes them", async () => {
    srv = await startTestServer();
    await createUser(srv);
    // The database itself refuses every write from here on, as on a read-only file system.
    const acceptWrites = await refuseWrites(srv.ctx);
    const refused = await healthz(srv);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      status: "unavailable",
      reason: "database_unavailable",
      checks: { database: "failed" },
    });
    // The instance really cannot serve writes: a sign-up fails too.
    const signup = await fetch(`${srv.url}/api/auth/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: srv.origin },
      body: JSON.stringify({
        email: "late@example.org",
        password: "correct horse battery staple",
        name: "Late",
      }),
    });
    expect(signup.status).toBe(500);

    await acceptWrites();
    expect((await healthz(srv)).status).toBe(200);
  });

  it("answers 503 once the database is closed", async () => {
    srv = await startTestServer();
    await closeDatabase(srv.ctx);
    const { status, body } = await healthz(srv);
    expect(status).toBe(503);
    expect(body.reason).toBe("database_unavailable");
  });

  it("answers 503 shutting_down once the instance drains, whatever the checks say", async () => {
    srv = await startTestServer();
    srv.ctx.health.drain();
    const { status, body } = await healthz(srv);
    expect(status).toBe(503);
    expect(body).toEqual({ status: "unavailable", reason: "shutting_down", checks: { database: "ok" } });
  });
});
