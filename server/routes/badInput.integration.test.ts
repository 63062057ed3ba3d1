import type { CreatedInvitationResponse } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, createWorkspace, type RequestOptions, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows } from "../test/storage";

let srv: TestServer;
let facilitator: TestClient;
let workspaceId: string;

beforeAll(async () => {
  srv = await startTestServer();
  facilitator = await createUser(srv);
  workspaceId = (await createWorkspace(facilitator)).id;
});
afterAll(() => srv.close());

const TABLES = ["users", "sessions", "workspaces", "memberships", "invitations", "events"];
const rowCounts = async () =>
  Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(srv.ctx, t)])));

interface BadRequest {
  what: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: (workspaceId: string) => string;
  options: RequestOptions;
  status: number;
  code: string;
  /** The message must say what was wrong, naming the field where there is one. */
  message: RegExp;
}

const ws = (id: string) => `/api/workspaces/${id}`;
const validWorkspace = { name: "Open Town", jurisdiction: "Town" };

const CASES: BadRequest[] = [
  {
    what: "malformed JSON",
    method: "POST",
    path: () => "/api/workspaces",
    options: { rawBody: '{"name": "Open Town", ' },
    status: 400,
    code: "invalid_json",
    message: /not valid JSON/,
  },
  {
    what: "an empty body declared as JSON",
    method: "POST",
    path: () => "/api/auth/signup",
    options: { rawBody: "" },
    status: 400,
    code: "invalid_json",
    message: /not valid JSON/,
  },
  {
    what: "a body that is not declared as JSON",
    method: "POST",
    path: () => "/api/workspaces",
    options: { rawBody: JSON.stringify(validWorkspace), headers: { "Content-Type": "text/plain" } },
    status: 415,
    code: "unsupported_media_type",
    message: /application\/json/,
  },
  {
    what: "a missing field",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: { name: "Open Town" } },
    status: 400,
    code: "invalid_body",
    message: /^jurisdiction: /,
  },
  {
    what: "an over-long field",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: { ...validWorkspace, name: "x".repeat(LIMITS.workspaceNameMaxLength + 1) } },
    status: 400,
    code: "invalid_body",
    message: /^name: .*160/,
  },
  {
    what: "a blank name",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: { ...validWorkspace, name: "   " } },
    status: 400,
    code: "invalid_body",
    message: /^name: /,
  },
  {
    what: "a number sent as a string",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: { ...validWorkspace, maxCommitments: "5" } },
    status: 400,
    code: "invalid_body",
    message: /^maxCommitments: .*number/,
  },
  {
    what: "a fractional use limit",
    method: "POST",
    path: (id) => `${ws(id)}/invitations`,
    options: { body: { role: "viewer", sector: "citizen", maxUses: 1.5 } },
    status: 400,
    code: "invalid_body",
    message: /^maxUses: /,
  },
  {
    what: "a role that does not exist",
    method: "POST",
    path: (id) => `${ws(id)}/invitations`,
    options: { body: { role: "owner", sector: "citizen" } },
    status: 400,
    code: "invalid_body",
    message: /^role: /,
  },
  {
    what: "an unknown key",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: { ...validWorkspace, ownerId: "someone" } },
    status: 400,
    code: "invalid_body",
    message: /^ownerId: /,
  },
  {
    what: "an array instead of an object",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: [validWorkspace] },
    status: 400,
    code: "invalid_body",
    message: /expected object/,
  },
  {
    what: "an invalid email",
    method: "POST",
    path: () => "/api/auth/signup",
    options: { body: { email: "not-an-email", password: "long enough password", name: "X" } },
    status: 400,
    code: "invalid_body",
    message: /^email: /,
  },
  {
    what: "an over-long password",
    method: "POST",
    path: () => "/api/auth/signup",
    options: {
      body: { email: "long@example.org", password: "p".repeat(LIMITS.passwordMaxLength + 1), name: "X" },
    },
    status: 400,
    code: "invalid_body",
    message: /^password: /,
  },
  {
    what: "a body over the size limit",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: { ...validWorkspace, country: "x".repeat(LIMITS.maxJsonBodyBytes) } },
    status: 413,
    code: "body_too_large",
    message: /at most 65536 bytes/,
  },
  {
    what: "an unknown workspace id",
    method: "PATCH",
    path: () => ws("aaaaaaaaaaaaaaaa"),
    options: { body: { name: "Renamed" } },
    status: 404,
    code: "not_found",
    message: /Workspace not found/,
  },
  {
    what: "an unknown member id",
    method: "DELETE",
    path: (id) => `${ws(id)}/members/aaaaaaaaaaaaaaaa`,
    options: {},
    status: 404,
    code: "not_found",
    message: /Member not found/,
  },
  {
    what: "an unknown invitation id",
    method: "DELETE",
    path: (id) => `${ws(id)}/invitations/aaaaaaaaaaaaaaaa`,
    options: {},
    status: 404,
    code: "not_found",
    message: /Invitation not found/,
  },
  {
    what: "an id with characters no id has",
    method: "GET",
    path: () => ws("not%20an%20id!"),
    options: {},
    status: 400,
    code: "invalid_params",
    message: /^id: not a valid id/,
  },
  {
    what: "a route that does not exist",
    method: "POST",
    path: () => "/api/nothing-here",
    options: { body: {} },
    status: 404,
    code: "not_found",
    message: /No route/,
  },
  {
    what: "another site's Origin",
    method: "POST",
    path: () => "/api/workspaces",
    options: { body: validWorkspace, origin: "https://evil.example" },
    status: 403,
    code: "bad_origin",
    message: /another site/,
  },
  {
    what: "an opaque null Origin",
    method: "DELETE",
    path: (id) => `${ws(id)}/members/${facilitator.user?.id}`,
    options: { origin: "null" },
    status: 403,
    code: "bad_origin",
    message: /another site/,
  },
];

describe("bad input", () => {
  it.each(CASES)("answers $what with $status $code and writes nothing", async (bad) => {
    const before = await rowCounts();
    const reply = await facilitator.request(bad.method, bad.path(workspaceId), bad.options);
    expect(reply.status).toBe(bad.status);
    expect(reply.error?.code).toBe(bad.code);
    expect(reply.error?.message).toMatch(bad.message);
    expect(await rowCounts()).toEqual(before);
  });

  it("lists every problem of a body in `issues`, each with its path", async () => {
    const reply = await facilitator.post("/api/workspaces", { name: 7, extra: true });
    expect(reply.status).toBe(400);
    const { issues } = (reply.body as { error: { issues: { path: string; message: string }[] } }).error;
    expect(issues.map((i) => i.path).sort()).toEqual(["extra", "jurisdiction", "name"]);
    expect(reply.error?.message).toMatch(/\(and 2 more\)$/);
  });

  it("refuses an oversized body that declares no length (sent in chunks)", async () => {
    const before = await rowCounts();
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${srv.url}/api/workspaces`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: `cocrea_session=${facilitator.cookie}` },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("body_too_large");
    expect(await rowCounts()).toEqual(before);
  });

  it("accepts a mutating request without Origin, as non-browser tools send it", async () => {
    const reply = await facilitator.post("/api/workspaces", validWorkspace, { origin: null });
    expect(reply.status).toBe(201);
  });
});

describe("with a configured public origin", () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ config: { publicOrigin: "https://cocrea.example.org" } });
  });
  afterAll(() => proxied.close());

  it("accepts requests from that origin and builds invitation links on it", async () => {
    const user = await createUser(proxied);
    const workspace = await user.post<{ workspace: { id: string } }>("/api/workspaces", validWorkspace, {
      origin: "https://cocrea.example.org",
    });
    expect(workspace.status).toBe(201);
    const reply = await user.post<CreatedInvitationResponse>(
      `/api/workspaces/${workspace.body.workspace.id}/invitations`,
      { role: "viewer", sector: "citizen" },
    );
    expect(reply.body.invitation.url).toBe(`https://cocrea.example.org/join/${reply.body.invitation.token}`);
  });
});
