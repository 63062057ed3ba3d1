import type {
  CreatedInvitationResponse,
  InvitationPreviewResponse,
  InvitationsResponse,
  MembershipResponse,
} from "@shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../store/ids";
import type { SqlValue } from "../store/sql";
import { anonymous, createUser, createWorkspace, invite, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { sqlValue } from "../test/storage";

let srv: TestServer;
let facilitator: TestClient;
let workspaceId: string;

beforeAll(async () => {
  srv = await startTestServer();
  facilitator = await createUser(srv, { name: "Fiona" });
  workspaceId = (await createWorkspace(facilitator, { name: "Open Lyon", jurisdiction: "Lyon" })).id;
});
afterAll(() => srv.close());

const count = (sql: string, ...params: SqlValue[]) => sqlValue<number>(srv.ctx, sql, params);
const membersOf = (id: string) => count("SELECT count(*) FROM memberships WHERE workspace_id = ?", id);
const usesOf = (id: string) => count("SELECT uses FROM invitations WHERE id = ?", id);
const accept = (client: TestClient, token: string, body: object = {}) =>
  client.post<MembershipResponse>(`/api/invitations/${token}/accept`, body);

describe("POST /api/workspaces/:id/invitations", () => {
  it("answers 201 with a token and a /join link on the site's origin, and stores only the token's hash", async () => {
    const reply = await facilitator.post<CreatedInvitationResponse>(
      `/api/workspaces/${workspaceId}/invitations`,
      {
        role: "drafter",
        sector: "civil_society",
        maxUses: 3,
      },
    );
    expect(reply.status).toBe(201);
    const { invitation } = reply.body;
    expect(invitation).toMatchObject({
      role: "drafter",
      sector: "civil_society",
      maxUses: 3,
      uses: 0,
      revokedAt: null,
    });
    expect(invitation.url).toBe(`${srv.origin}/join/${invitation.token}`);
    const row = (await srv.ctx.sql.get<Record<string, unknown>>("SELECT * FROM invitations WHERE id = ?", [
      invitation.id,
    ])) as Record<string, unknown>;
    expect(row.token_hash).toBe(sha256Hex(invitation.token));
    expect(JSON.stringify(row)).not.toContain(invitation.token);
  });

  it("refuses an expiry in the past with 400 naming expiresAt, and writes nothing", async () => {
    const before = await count("SELECT count(*) FROM invitations");
    const reply = await facilitator.post(`/api/workspaces/${workspaceId}/invitations`, {
      role: "viewer",
      sector: "citizen",
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toMatch(/^expiresAt: /);
    expect(await count("SELECT count(*) FROM invitations")).toBe(before);
  });
});

describe("GET /api/workspaces/:id/invitations", () => {
  it("lists invitations without their tokens", async () => {
    const created = await invite(facilitator, workspaceId, { role: "viewer", sector: "academia" });
    const reply = await facilitator.get<InvitationsResponse>(`/api/workspaces/${workspaceId}/invitations`);
    expect(reply.status).toBe(200);
    const listed = reply.body.invitations.find((i) => i.id === created.id);
    expect(listed).toMatchObject({ role: "viewer", sector: "academia", uses: 0 });
    expect(JSON.stringify(reply.body)).not.toContain(created.token);
    expect(listed).not.toHaveProperty("token");
  });
});

describe("GET /api/invitations/:token", () => {
  it("shows anyone the workspace, role and sector of a usable link", async () => {
    const { token } = await invite(facilitator, workspaceId, { role: "commenter", sector: "private_sector" });
    const reply = await anonymous(srv).get<InvitationPreviewResponse>(`/api/invitations/${token}`);
    expect(reply.status).toBe(200);
    expect(reply.body.invitation).toEqual({
      workspace: { id: workspaceId, name: "Open Lyon", jurisdiction: "Lyon" },
      role: "commenter",
      sector: "private_sector",
      expiresAt: null,
      usable: true,
      unusableReason: null,
    });
  });

  it("answers 404 for a token that was never issued", async () => {
    const reply = await anonymous(srv).get(`/api/invitations/${"x".repeat(43)}`);
    expect(reply.status).toBe(404);
    expect(reply.error?.code).toBe("not_found");
  });
});

describe("POST /api/invitations/:token/accept", () => {
  it("joins with the invitation's role and sector and the given organisation, counting one use", async () => {
    const created = await invite(facilitator, workspaceId, { role: "drafter", sector: "civil_society" });
    const newcomer = await createUser(srv, { name: "Nadia" });
    const reply = await accept(newcomer, created.token, { organization: "  Transparencia Lyon " });
    expect(reply.status).toBe(200);
    expect(reply.body.membership).toMatchObject({
      workspaceId,
      userId: newcomer.user?.id,
      role: "drafter",
      sector: "civil_society",
      organization: "Transparencia Lyon",
    });
    expect(await usesOf(created.id)).toBe(1);
  });

  it("leaves an existing member's membership unchanged, answering 200 with it and using nothing", async () => {
    const first = await invite(facilitator, workspaceId, { role: "viewer", sector: "citizen" });
    const member = await createUser(srv);
    await accept(member, first.token, { organization: "First Org" });
    const second = await invite(facilitator, workspaceId, { role: "facilitator", sector: "government" });
    const reply = await accept(member, second.token, { organization: "Other Org" });
    expect(reply.status).toBe(200);
    expect(reply.body.membership).toMatchObject({
      role: "viewer",
      sector: "citizen",
      organization: "First Org",
    });
    expect(await usesOf(second.id)).toBe(0);
  });

  it("refuses a revoked link with 410 invitation_revoked, and the preview says why", async () => {
    const created = await invite(facilitator, workspaceId, { role: "viewer", sector: "citizen" });
    const revoke = await facilitator.delete(`/api/workspaces/${workspaceId}/invitations/${created.id}`);
    expect(revoke.status).toBe(204);
    const before = await membersOf(workspaceId);
    const reply = await accept(await createUser(srv), created.token);
    expect(reply.status).toBe(410);
    expect(reply.error?.code).toBe("invitation_revoked");
    expect(await membersOf(workspaceId)).toBe(before);
    const preview = await anonymous(srv).get<InvitationPreviewResponse>(`/api/invitations/${created.token}`);
    expect(preview.body.invitation).toMatchObject({ usable: false, unusableReason: "invitation_revoked" });
  });

  it("refuses an expired link with 410 invitation_expired", async () => {
    const created = await invite(facilitator, workspaceId, {
      role: "viewer",
      sector: "citizen",
      expiresAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    });
    const early = await createUser(srv);
    expect((await accept(early, created.token)).status).toBe(200);
    // Time passes: the expiry moves to a moment ago instead of the test waiting an hour.
    await srv.ctx.sql.run("UPDATE invitations SET expires_at = ? WHERE id = ?", [Date.now() - 1, created.id]);
    const before = await membersOf(workspaceId);
    const late = await accept(await createUser(srv), created.token);
    expect(late.status).toBe(410);
    expect(late.error?.code).toBe("invitation_expired");
    expect(await membersOf(workspaceId)).toBe(before);
    expect(await usesOf(created.id)).toBe(1);
    const preview = await anonymous(srv).get<InvitationPreviewResponse>(`/api/invitations/${created.token}`);
    expect(preview.body.invitation.unusableReason).toBe("invitation_expired");
  });

  it("admits exactly maxUses people, then refuses with 410 invitation_used_up", async () => {
    const created = await invite(facilitator, workspaceId, {
      role: "commenter",
      sector: "academia",
      maxUses: 2,
    });
    const people = await Promise.all([createUser(srv), createUser(srv), createUser(srv), createUser(srv)]);
    const before = await membersOf(workspaceId);
    // All at once: the use limit must hold under concurrent accepts.
    const replies = await Promise.all(people.map((person) => accept(person, created.token)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 410, 410]);
    expect(replies.filter((r) => r.status === 410).every((r) => r.error?.code === "invitation_used_up")).toBe(
      true,
    );
    expect(await membersOf(workspaceId)).toBe(before + 2);
    expect(await usesOf(created.id)).toBe(2);
  });

  it("answers 404 for an unknown token and 401 when signed out", async () => {
    const unknown = await accept(await createUser(srv), "y".repeat(43));
    expect(unknown.status).toBe(404);
    const { token } = await invite(facilitator, workspaceId, { role: "viewer", sector: "citizen" });
    const signedOut = await accept(anonymous(srv), token);
    expect(signedOut.status).toBe(401);
  });
});

describe("DELETE /api/workspaces/:id/invitations/:invitationId", () => {
  it("revokes once: revoking again answers 204 and appends no second event", async () => {
    const created = await invite(facilitator, workspaceId, { role: "viewer", sector: "citizen" });
    const path = `/api/workspaces/${workspaceId}/invitations/${created.id}`;
    const revokedEvents = () =>
      count(
        "SELECT count(*) FROM events WHERE type = 'invitation.revoked' AND payload LIKE ?",
        `%${created.id}%`,
      );
    expect((await facilitator.delete(path)).status).toBe(204);
    expect((await facilitator.delete(path)).status).toBe(204);
    expect(await revokedEvents()).toBe(1);
  });

  it("answers 404 for an invitation of another workspace", async () => {
    const other = await createWorkspace(facilitator, { name: "Other" });
    const foreign = await invite(facilitator, other.id, { role: "viewer", sector: "citizen" });
    const reply = await facilitator.delete(`/api/workspaces/${workspaceId}/invitations/${foreign.id}`);
    expect(reply.status).toBe(404);
    expect(
      await count("SELECT count(*) FROM invitations WHERE id = ? AND revoked_at IS NULL", foreign.id),
    ).toBe(1);
  });
});
