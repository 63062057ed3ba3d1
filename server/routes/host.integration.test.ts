import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachCollab } from "../collab";
import { RawSocket } from "../collab/test/clients";
import { createUser, createWorkspace, type TestClient } from "../test/factories";
import { rawRequest } from "../test/rawRequest";
import { startTestServer, type TestServer } from "../test/startTestServer";

const PUBLIC_ORIGIN = "https://cocrea.example.org";

const requestWithHost = (srv: TestServer, method: string, path: string, headers: Record<string, string>) =>
  rawRequest(srv, {
    method,
    path,
    headers,
    ...(method === "POST" && { body: { email: "a@example.org", password: "x" } }),
  });

describe("with COCREA_PUBLIC_ORIGIN set", () => {
  let srv: TestServer;
  let member: TestClient;
  let port: string;

  beforeAll(async () => {
    srv = await startTestServer({ config: { publicOrigin: PUBLIC_ORIGIN }, attach: attachCollab });
    port = new URL(srv.url).port;
    member = await createUser(srv);
  });
  afterAll(() => srv.close());

  it("refuses a DNS-rebinding page's requests (a foreign Host) with 421 bad_host, reads and writes alike", async () => {
    const rebound = `rebind.attacker.example:${port}`;
    for (const [method, path] of [
      ["GET", "/api/me"],
      ["GET", "/"],
      ["POST", "/api/auth/login"],
    ] as const) {
      const reply = await requestWithHost(srv, method, path, {
        Host: rebound,
        Origin: `http://${rebound}`,
        Cookie: `cocrea_session=${member.cookie}`,
      });
      expect(reply.status, `${method} ${path}`).toBe(421);
      expect(JSON.parse(reply.text)).toMatchObject({ error: { code: "bad_host" } });
    }
    for (const host of ["cocrea.example.org.attacker.example", "[::2]"]) {
      expect((await requestWithHost(srv, "GET", "/api/me", { Host: host })).status, host).toBe(421);
    }
  });

  it("serves the public host and loopback names", async () => {
    for (const host of [
      "cocrea.example.org",
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      "[::1]",
      "LOCALHOST",
    ]) {
      const reply = await requestWithHost(srv, "GET", "/api/me", {
        Host: host,
        Cookie: `cocrea_session=${member.cookie}`,
      });
      expect(reply.status, host).toBe(200);
    }
  });

  it("refuses a collaboration socket upgraded with a foreign Host, even with a matching Origin and a member's cookie", async () => {
    const workspace = await createWorkspace(member);
    const rebound = `rebind.attacker.example:${port}`;
    const socket = await RawSocket.open(srv, planDocName(workspace.id), { as: member, origin: null });
    const allowed = await Promise.race([socket.closed, new Promise((r) => setTimeout(() => r("open"), 300))]);
    expect(allowed).toBe("open");
    socket.close();
    // RawSocket sends the handshake's headers; ws lets an explicit Host replace the URL's.
    const refused = await RawSocket.openWith(srv, planDocName(workspace.id), {
      Host: rebound,
      Origin: `http://${rebound}`,
      Cookie: `cocrea_session=${member.cookie}`,
    });
    expect(await refused.closed).toEqual({ code: 4406, reason: "unknown host" });
  });

  it("names the site's own WebSocket origin in connect-src, not any ws: or wss: host", async () => {
    const reply = await requestWithHost(srv, "GET", "/api/me", { Host: "cocrea.example.org" });
    const csp = String(reply.headers["content-security-policy"]);
    const connect = csp.split(";").find((d) => d.trim().startsWith("connect-src"));
    expect(connect?.trim()).toBe("connect-src 'self' wss://cocrea.example.org");
  });
});

describe("without COCREA_PUBLIC_ORIGIN", () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(() => srv.close());

  it("serves any Host (nothing to compare it with) and limits connect-src to 'self'", async () => {
    const reply = await requestWithHost(srv, "GET", "/api/me", { Host: "cocrea.internal:8080" });
    expect(reply.status).toBe(401);
    const connect = String(reply.headers["content-security-policy"])
      .split(";")
      .find((d) => d.trim().startsWith("connect-src"));
    expect(connect?.trim()).toBe("connect-src 'self'");
  });
});
