import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { InvitationPreviewResponse } from "@shared/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../store/db";
import { sha256Hex } from "../store/ids";
import {
  anonymous,
  TestClient as Client,
  createFacilitatedWorkspace,
  createUser,
  invite,
  type TestClient,
} from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeOnSqliteOnly } from "../test/storage";

describe("a removed member and the invitation links they had", () => {
  let srv: TestServer;
  let facilitator: TestClient;
  let workspaceId: string;

  beforeAll(async () => {
    srv = await startTestServer();
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
  });
  afterAll(() => srv.close());

  const accept = (client: TestClient, token: string) => client.post(`/api/invitations/${token}/accept`, {});
  const remove = (userId: string | undefined) =>
    facilitator.delete(`/api/workspaces/${workspaceId}/members/${userId}`);
  const isMember = async (client: TestClient) =>
    (await client.get(`/api/workspaces/${workspaceId}`)).status === 200;

  it("cannot rejoin with the link they joined with, nor any link made before the removal; a new invitation works", async () => {
    const shared = await invite(facilitator, workspaceId, {
      role: "drafter",
      sector: "civil_society",
      maxUses: 50,
    });
    const other = await invite(facilitator, workspaceId, { role: "viewer", sector: "citizen" });
    const mallory = await createUser(srv, { name: "Mallory" });
    expect((await accept(mallory, shared.token)).status).toBe(200);
    expect((await remove(mallory.user?.id)).status).toBe(204);

    // The attack: open the same links again.
    for (const token of [shared.token, other.token]) {
      const reply = await accept(mallory, token);
      expect(reply.status).toBe(410);
      expect(reply.error?.code).toBe("removed_from_workspace");
      const preview = await mallory.get<InvitationPreviewResponse>(`/api/invitations/${token}`);
      expect(preview.body.invitation).toMatchObject({
        usable: false,
        unusableReason: "removed_from_workspace",
      });
    }
    expect(await isMember(mallory)).toBe(false);
    // Signing in afresh changes nothing: the refusal follows the account.
    expect((await accept(await mallory.signIn(), shared.token)).error?.code).toBe("removed_from_workspace");

    // The links still work for everyone else.
    const anyone = await anonymous(srv).get<InvitationPreviewResponse>(`/api/invitations/${shared.token}`);
    expect(anyone.body.invitation.usable).toBe(true);
    expect((await accept(await createUser(srv), shared.token)).status).toBe(200);

    // The facilitator invites them again on purpose.
    const again = await invite(facilitator, workspaceId, { role: "commenter", sector: "civil_society" });
    expect((await accept(mallory, again.token)).status).toBe(200);
    expect(await isMember(mallory)).toBe(true);

    // Removed a second time: that newer link is now an old one too.
    expect((await remove(mallory.user?.id)).status).toBe(204);
    expect((await accept(mallory, again.token)).error?.code).toBe("removed_from_workspace");
  });

  it("lets someone who left on their own come back with a link they still hold", async () => {
    const link = await invite(facilitator, workspaceId, {
      role: "commenter",
      sector: "academia",
      maxUses: 5,
    });
    const leaver = await createUser(srv);
    expect((await accept(leaver, link.token)).status).toBe(200);
    expect((await leaver.delete(`/api/workspaces/${workspaceId}/members/${leaver.user?.id}`)).status).toBe(
      204,
    );
    expect((await accept(leaver, link.token)).status).toBe(200);
  });
});

describeOnSqliteOnly(
  "an older release's SQLite file, upgraded by the SQLite migrations; PostgreSQL's schema begins at today's",
  "removals an older release made",
  () => {
    let srv: TestServer;
    const token = "old-invitation-token-0000000000000000000000";
    const session = "oldsessiontokenofremovedmember0000000000";

    beforeAll(async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-old-"));
      const db = openDb(path.join(dataDir, "cocrea.db"), { migrateUpTo: 14 });
      const now = Date.now();
      const user = db.prepare(
        "INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, 'x', ?)",
      );
      user.run("ufac", "fac@example.org", "Facilitator", now - 5000);
      user.run("urem", "removed@example.org", "Removed", now - 5000);
      db.prepare(
        `INSERT INTO workspaces (id, slug, name, jurisdiction, created_by, created_at)
       VALUES ('wold', 'old', 'Old', 'Oldtown', 'ufac', ?)`,
      ).run(now - 5000);
      db.prepare(
        `INSERT INTO invitations (id, token_hash, workspace_id, role, sector, created_by, created_at, uses)
       VALUES ('iold', ?, 'wold', 'drafter', 'citizen', 'ufac', ?, 1)`,
      ).run(sha256Hex(token), now - 4000);
      db.prepare("INSERT INTO sessions (id, user_id, expires_at) VALUES (?, 'urem', ?)").run(
        sha256Hex(session),
        now + 86_400_000,
      );
      db.prepare(
        `INSERT INTO events (workspace_id, actor_id, type, payload, created_at)
       VALUES ('wold', 'ufac', 'member.removed', ?, ?)`,
      ).run(JSON.stringify({ userId: "urem", left: false }), now - 3000);
      db.close();
      srv = await startTestServer({ dataDir });
    });
    afterAll(() => srv.close());

    it("are read from the event log by the upgrade: the old link is refused", async () => {
      const removed = new Client(srv);
      removed.cookie = session;
      const reply = await removed.post(`/api/invitations/${token}/accept`, {});
      expect(reply.status).toBe(410);
      expect(reply.error?.code).toBe("removed_from_workspace");
    });
  },
);
