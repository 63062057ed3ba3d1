import type { WorkspaceListResponse, WorkspaceResponse } from "@shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { sqlColumn, sqlValue } from "../test/storage";

let srv: TestServer;
let facilitator: TestClient;
beforeAll(async () => {
  srv = await startTestServer();
  facilitator = await createUser(srv, { locale: "es" });
});
afterAll(() => srv.close());

const eventTypes = (workspaceId: string) =>
  sqlColumn<string>(srv.ctx, "SELECT type FROM events WHERE workspace_id = ? ORDER BY id", [workspaceId]);

describe("POST /api/workspaces", () => {
  it("creates the workspace with OGP Local's defaults and makes the creator a government facilitator", async () => {
    const reply = await facilitator.post<WorkspaceResponse>("/api/workspaces", {
      name: "Ciudad de México Abierta",
      jurisdiction: "Ciudad de México",
    });
    expect(reply.status).toBe(201);
    const { workspace, membership } = reply.body;
    expect(workspace).toMatchObject({
      slug: "ciudad-de-mexico-abierta",
      name: "Ciudad de México Abierta",
      maxCommitments: 5,
      defaultLocale: "es",
      country: null,
    });
    expect(workspace.id).toMatch(/^[a-z2-7]{16}$/);
    expect(membership).toMatchObject({
      role: "facilitator",
      sector: "government",
      userId: facilitator.user?.id,
    });
    expect(await eventTypes(workspace.id)).toEqual(["workspace.created", "member.joined"]);
  });

  it("keeps every optional setting and the creator's chosen sector", async () => {
    const reply = await facilitator.post<WorkspaceResponse>("/api/workspaces", {
      name: "Open Nairobi",
      jurisdiction: "Nairobi County",
      sector: "civil_society",
      organization: "Mzalendo",
      country: "Kenya",
      periodStart: "2025-01-01",
      periodEnd: "2026-12-31",
      defaultLocale: "en",
      maxCommitments: 3,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.workspace).toMatchObject({
      country: "Kenya",
      periodStart: "2025-01-01",
      periodEnd: "2026-12-31",
      defaultLocale: "en",
      maxCommitments: 3,
    });
    expect(reply.body.membership).toMatchObject({ sector: "civil_society", organization: "Mzalendo" });
  });

  it("gives workspaces with the same name different slugs", async () => {
    const first = await createWorkspace(facilitator, { name: "Twin Town" });
    const second = await createWorkspace(facilitator, { name: "Twin Town" });
    expect(first.slug).toBe("twin-town");
    expect(second.slug).toBe("twin-town-2");
  });

  it("refuses a period that ends before it starts", async () => {
    const reply = await facilitator.post("/api/workspaces", {
      name: "Backwards",
      jurisdiction: "Nowhere",
      periodStart: "2026-01-01",
      periodEnd: "2025-01-01",
    });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toMatch(/^periodEnd: /);
  });
});

describe("GET /api/workspaces", () => {
  it("lists only my workspaces, each with my membership", async () => {
    const someone = await createUser(srv);
    const mine = await createWorkspace(someone, { name: "Mine" });
    const theirs = await createWorkspace(facilitator, { name: "Theirs" });
    await joinAs(srv, theirs.id, facilitator, "viewer");
    const invitedTo = await createWorkspace(facilitator, { name: "Invited to" });
    const { token } = (
      await facilitator.post<{ invitation: { token: string } }>(
        `/api/workspaces/${invitedTo.id}/invitations`,
        {
          role: "commenter",
          sector: "academia",
        },
      )
    ).body.invitation;
    await someone.post(`/api/invitations/${token}/accept`, {});

    const reply = await someone.get<WorkspaceListResponse>("/api/workspaces");
    expect(reply.status).toBe(200);
    expect(reply.body.workspaces.map((w) => [w.id, w.membership.role])).toEqual([
      [invitedTo.id, "commenter"],
      [mine.id, "facilitator"],
    ]);
  });
});

describe("GET /api/workspaces/:id", () => {
  it("answers 404 not_found for an id no workspace has", async () => {
    const reply = await facilitator.get("/api/workspaces/aaaaaaaaaaaaaaaa");
    expect(reply.status).toBe(404);
    expect(reply.error?.code).toBe("not_found");
  });
});

describe("PATCH /api/workspaces/:id", () => {
  it("changes settings, records which changed, and clears a field given null", async () => {
    const workspace = await createWorkspace(facilitator, { name: "Before", country: "Chile" });
    const reply = await facilitator.patch<WorkspaceResponse>(`/api/workspaces/${workspace.id}`, {
      name: "After",
      maxCommitments: 8,
      country: null,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.workspace).toMatchObject({
      name: "After",
      maxCommitments: 8,
      country: null,
      slug: workspace.slug,
    });
    const payload = await sqlValue<string>(
      srv.ctx,
      "SELECT payload FROM events WHERE workspace_id = ? AND type = 'workspace.updated'",
      [workspace.id],
    );
    expect(JSON.parse(payload).changed).toEqual(["name", "country", "maxCommitments"]);
  });

  it("appends no event when nothing changes", async () => {
    const workspace = await createWorkspace(facilitator, { name: "Steady" });
    const before = (await eventTypes(workspace.id)).length;
    const reply = await facilitator.patch(`/api/workspaces/${workspace.id}`, { name: "Steady" });
    expect(reply.status).toBe(200);
    expect((await eventTypes(workspace.id)).length).toBe(before);
  });

  it("checks the period against the stored start when only the end changes", async () => {
    const workspace = await createWorkspace(facilitator, { periodStart: "2025-06-01" });
    const reply = await facilitator.patch(`/api/workspaces/${workspace.id}`, { periodEnd: "2025-01-01" });
    expect(reply.status).toBe(400);
    expect(reply.error?.code).toBe("invalid_body");
    expect(reply.error?.message).toMatch(/^periodEnd: /);
    const stored = await sqlValue(srv.ctx, "SELECT period_end FROM workspaces WHERE id = ?", [workspace.id]);
    expect(stored).toBeNull();
  });

  it("refuses a maximum of commitments above the ceiling", async () => {
    const workspace = await createWorkspace(facilitator);
    const reply = await facilitator.patch(`/api/workspaces/${workspace.id}`, { maxCommitments: 21 });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toMatch(/^maxCommitments: /);
  });
});
