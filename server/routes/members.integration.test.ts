import type { MembershipResponse, MembersResponse, WorkspaceResponse } from "@shared/api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows, sqlValue } from "../test/storage";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

const roleOf = (workspaceId: string, userId: string | undefined) =>
  sqlValue<string | undefined>(
    srv.ctx,
    "SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?",
    [workspaceId, userId ?? null],
  );
const eventCount = (workspaceId: string) => countRows(srv.ctx, "events", "workspace_id = ?", [workspaceId]);

describe("GET /api/workspaces/:id/members", () => {
  it("shows every member's name, organisation, sector and role; emails only to facilitators", async () => {
    const facilitator = await createUser(srv, { name: "Fiona" });
    const { id } = await createWorkspace(facilitator, { sector: "government", organization: "City Hall" });
    const drafter = await joinAs(srv, id, facilitator, "drafter", "academia");

    const asFacilitator = await facilitator.get<MembersResponse>(`/api/workspaces/${id}/members`);
    expect(asFacilitator.body.members).toEqual([
      expect.objectContaining({
        name: "Fiona",
        organization: "City Hall",
        sector: "government",
        role: "facilitator",
        email: facilitator.user?.email,
      }),
      expect.objectContaining({
        name: "A drafter",
        sector: "academia",
        role: "drafter",
        email: drafter.user?.email,
      }),
    ]);

    const asDrafter = await drafter.get<MembersResponse>(`/api/workspaces/${id}/members`);
    expect(asDrafter.body.members.map((m) => m.name)).toEqual(["Fiona", "A drafter"]);
    expect(JSON.stringify(asDrafter.body)).not.toMatch(/@/);
  });
});

describe("the last-facilitator rule", () => {
  let facilitator: TestClient;
  let workspaceId: string;

  beforeEach(async () => {
    facilitator = await createUser(srv);
    workspaceId = (await createWorkspace(facilitator)).id;
  });

  const member = (client: TestClient) => `/api/workspaces/${workspaceId}/members/${client.user?.id}`;

  it("refuses to demote the only facilitator with 409 last_facilitator, changing nothing", async () => {
    const events = await eventCount(workspaceId);
    const reply = await facilitator.patch(member(facilitator), { role: "drafter" });
    expect(reply.status).toBe(409);
    expect(reply.error?.code).toBe("last_facilitator");
    expect(await roleOf(workspaceId, facilitator.user?.id)).toBe("facilitator");
    expect(await eventCount(workspaceId)).toBe(events);
  });

  it("refuses to let the only facilitator leave", async () => {
    const reply = await facilitator.delete(member(facilitator));
    expect(reply.status).toBe(409);
    expect(reply.error?.code).toBe("last_facilitator");
    expect(await roleOf(workspaceId, facilitator.user?.id)).toBe("facilitator");
  });

  it("refuses to let one facilitator remove the other when that would leave none", async () => {
    const second = await joinAs(srv, workspaceId, facilitator, "facilitator", "civil_society");
    expect((await second.delete(member(facilitator))).status).toBe(204);
    const reply = await second.delete(member(second));
    expect(reply.status).toBe(409);
    expect(await roleOf(workspaceId, second.user?.id)).toBe("facilitator");
  });

  it("allows demoting or leaving once another facilitator exists", async () => {
    const second = await joinAs(srv, workspaceId, facilitator, "facilitator", "civil_society");
    const demoted = await facilitator.patch<MembershipResponse>(member(facilitator), { role: "drafter" });
    expect(demoted.status).toBe(200);
    expect(demoted.body.membership.role).toBe("drafter");
    // Now the second is the only facilitator and the first cannot act as one any more.
    expect((await facilitator.patch(member(second), { role: "viewer" })).status).toBe(403);
    expect((await second.patch(member(second), { role: "viewer" })).status).toBe(409);
    expect((await facilitator.delete(member(facilitator))).status).toBe(204);
    expect(await roleOf(workspaceId, facilitator.user?.id)).toBeUndefined();
  });
});

describe("PATCH /api/workspaces/:id/members/:userId", () => {
  it("changes the role and sector, and the member sees the new role at once", async () => {
    const facilitator = await createUser(srv);
    const { id } = await createWorkspace(facilitator);
    const viewer = await joinAs(srv, id, facilitator, "viewer", "citizen");
    const reply = await facilitator.patch<MembershipResponse>(
      `/api/workspaces/${id}/members/${viewer.user?.id}`,
      {
        role: "drafter",
        sector: "civil_society",
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.membership).toMatchObject({ role: "drafter", sector: "civil_society" });
    const seen = await viewer.get<WorkspaceResponse>(`/api/workspaces/${id}`);
    expect(seen.body.membership).toMatchObject({ role: "drafter", sector: "civil_society" });
  });

  it("answers 404 for someone who is not a member", async () => {
    const facilitator = await createUser(srv);
    const { id } = await createWorkspace(facilitator);
    const stranger = await createUser(srv);
    const reply = await facilitator.patch(`/api/workspaces/${id}/members/${stranger.user?.id}`, {
      role: "viewer",
    });
    expect(reply.status).toBe(404);
    expect(reply.error?.code).toBe("not_found");
  });

  it("refuses a body with neither role nor sector", async () => {
    const facilitator = await createUser(srv);
    const { id } = await createWorkspace(facilitator);
    const reply = await facilitator.patch(`/api/workspaces/${id}/members/${facilitator.user?.id}`, {});
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toMatch(/give role or sector/);
  });
});

describe("DELETE /api/workspaces/:id/members/:userId", () => {
  it("removes the member, who then gets 403 on the workspace", async () => {
    const facilitator = await createUser(srv);
    const { id } = await createWorkspace(facilitator);
    const drafter = await joinAs(srv, id, facilitator, "drafter");
    expect((await facilitator.delete(`/api/workspaces/${id}/members/${drafter.user?.id}`)).status).toBe(204);
    const after = await drafter.get(`/api/workspaces/${id}`);
    expect(after.status).toBe(403);
    const list = await drafter.get<{ workspaces: unknown[] }>("/api/workspaces");
    expect(list.body.workspaces).toEqual([]);
  });
});
