import { sign as edSign, generateKeyPairSync } from "node:crypto";
import {
  canonicalJson,
  type FrozenPlan,
  freezePlan,
  type PublicVersionsResponse,
  type VersionsResponse,
} from "@shared/freeze";
import { listCommitments, planToJson } from "@shared/plan";
import type { PublicProcessResponse } from "@shared/publication";
import { sealStatement } from "@shared/seal";
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import * as Y from "yjs";
import { publicKeyFingerprint } from "../seal/signingKey";
import type { Db } from "../store/db";
import { sha256Hex } from "../store/ids";
import { anonymous, createUser, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import {
  completePlan,
  editStoredPlan,
  freezePath,
  officialWorkspace,
  propose,
  sign,
} from "./versions.fixtures";

/**
 * Issue 11, item 7: someone with the database file drops the triggers and changes an official
 * version. Whatever they change — the text, a signature, all of them, or everything consistently,
 * event log included — the version is never again served as official.
 */

let srv: TestServer;
let facilitator: TestClient;
let govDrafter: TestClient;
let csoDrafter: TestClient;
let integrityLog: MockInstance;

beforeAll(async () => {
  srv = await startTestServer();
  [facilitator, govDrafter, csoDrafter] = await Promise.all([
    createUser(srv, { name: "Fiona Facilitator" }),
    createUser(srv, { name: "Gabriel Government" }),
    createUser(srv, { name: "Celia Civil" }),
  ]);
  // Heard, not printed: every refused request logs its INTEGRITY line.
  integrityLog = vi.spyOn(srv.ctx.log, "error").mockImplementation(() => {});
});
afterAll(async () => {
  integrityLog.mockRestore();
  await srv.close();
});

type Official = Awaited<ReturnType<typeof officialWorkspace>>;

const officialVersion = (tag: string) => officialWorkspace(srv, { facilitator, govDrafter, csoDrafter }, tag);

/**
 * Every route that serves the version, for members and for the public. The public list of versions
 * is one: with no sound version it has nothing to name the plan by.
 */
const servingPaths = ({ id, slug }: Official) => ({
  member: [
    freezePath(id, "/versions/1"),
    freezePath(id, "/versions/1/export?format=json"),
    freezePath(id, "/versions/1/export?format=md"),
  ],
  public: [
    `/api/public/workspaces/${slug}/versions`,
    `/api/public/workspaces/${slug}/versions/1`,
    `/api/public/workspaces/${slug}/versions/latest/export?format=json`,
  ],
});

/** Routes that list versions: a failing one is withheld (named by number), the rest still served. */
const listingPaths = ({ id, slug }: Official) => ({
  member: [freezePath(id, "/versions"), freezePath(id, "/dashboard")],
  public: [`/api/public/workspaces/${slug}`],
});

async function statuses(
  official: Official,
  paths = servingPaths(official),
): Promise<[string, number, string | undefined, string][]> {
  const replies: [string, number, string | undefined, string][] = [];
  for (const [client, list] of [
    [facilitator, paths.member],
    [anonymous(srv), paths.public],
  ] as const) {
    for (const path of list) {
      const reply = await client.get(path);
      replies.push([path, reply.status, reply.error?.code, JSON.stringify(reply.body ?? "")]);
    }
  }
  return replies;
}

async function expectServed(official: Official): Promise<void> {
  for (const [path, status] of await statuses(official)) expect(status, path).toBe(200);
  for (const [path, status] of await statuses(official, listingPaths(official)))
    expect(status, path).toBe(200);
}

/** Every serving route answers 500 version_tampered, shows none of `forged`; returns the logged problems. */
async function expectRefused(official: Official, forged?: string): Promise<string[]> {
  integrityLog.mockClear();
  for (const [path, status, code, body] of await statuses(official)) {
    expect([status, code], path).toEqual([500, "version_tampered"]);
    if (forged) expect(body, path).not.toContain(forged);
  }
  for (const [path, status, , body] of await statuses(official, listingPaths(official))) {
    expect(status, path).toBe(200);
    if (forged) expect(body, path).not.toContain(forged);
    const listed = JSON.parse(body) as {
      versions?: unknown[];
      withheld?: number[];
      withheldVersions?: number[];
    };
    if (listed.versions) expect(listed.versions, path).toEqual([]);
    if (!path.endsWith("/dashboard")) expect(listed.withheld ?? listed.withheldVersions, path).toEqual([1]);
  }
  const [fields, message] = integrityLog.mock.calls[0] ?? [];
  expect(message).toMatch(/^INTEGRITY: version 1 of workspace \w+ failed its check/);
  return (fields as { problems: string[] }).problems;
}

/** Runs `change` with `triggers` dropped, as someone with the file would, and puts them back. */
function behindTriggers(db: Db, triggers: string[], change: () => void): void {
  const definitions = triggers.map(
    (name) =>
      db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")
        .pluck()
        .get(name) as string,
  );
  for (const name of triggers) db.exec(`DROP TRIGGER ${name}`);
  try {
    change();
  } finally {
    for (const sql of definitions) db.exec(sql);
  }
}

const ofWorkspace = "proposal_id IN (SELECT id FROM freeze_proposals WHERE workspace_id = ?)";

/**
 * A careful forgery: the commitment's title rewritten in the Yjs snapshot, the canonical content
 * rebuilt from it and hashed, and the version, its proposal and its signatures all made to agree.
 */
function forgeConsistently(db: Db, id: string, title: string): string {
  const row = db.prepare("SELECT content, snapshot FROM plan_versions WHERE workspace_id = ?").get(id) as {
    content: string;
    snapshot: Buffer;
  };
  const frozen = JSON.parse(row.content) as FrozenPlan;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row.snapshot);
  const text = listCommitments(doc)[0]?.text("title");
  text?.delete(0, text.length);
  text?.insert(0, title);
  const content = canonicalJson({ ...frozen, plan: freezePlan(frozen.workspace, planToJson(doc)).plan });
  const snapshot = Buffer.from(Y.encodeStateAsUpdate(doc));
  const hash = sha256Hex(content);
  behindTriggers(db, ["plan_versions_no_update", "freeze_proposals_pinned", "signatures_no_update"], () => {
    db.prepare("UPDATE plan_versions SET content = ?, snapshot = ?, hash = ? WHERE workspace_id = ?").run(
      content,
      snapshot,
      hash,
      id,
    );
    db.prepare("UPDATE freeze_proposals SET content = ?, snapshot = ?, hash = ? WHERE workspace_id = ?").run(
      content,
      snapshot,
      hash,
      id,
    );
    db.prepare(`UPDATE signatures SET hash = ? WHERE ${ofWorkspace}`).run(hash, id);
  });
  return hash;
}

describe("serving an official version", () => {
  it("serves a sound version everywhere, and checks it once however often it is read", async () => {
    const official = await officialVersion("sound");
    const checks = vi.spyOn(srv.ctx.store.events, "ofTypes");
    try {
      await expectServed(official);
      expect(checks).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 3; i++) {
        expect((await facilitator.get(freezePath(official.id, "/dashboard"))).status).toBe(200);
      }
      await expectServed(official);
      expect(checks).toHaveBeenCalledTimes(1);
    } finally {
      checks.mockRestore();
    }
  });
});

describe("versions made before seals existed", () => {
  it("are sealed on their first check, when they pass it", async () => {
    const official = await officialVersion("legacy");
    const db = srv.ctx.db();
    // As migration 030 leaves a version that was official before it: a pending seal.
    behindTriggers(db, ["version_seals_once"], () => {
      db.prepare(
        "UPDATE version_seals SET key_fingerprint = NULL, signature = NULL, sealed_at = NULL WHERE workspace_id = ?",
      ).run(official.id);
    });
    await expectServed(official);
    const exported = await facilitator.get<{ seal: { signature: string; keyFingerprint: string } }>(
      freezePath(official.id, "/versions/1/export?format=json"),
    );
    expect(exported.body.seal.keyFingerprint).toBe(srv.ctx.signingKey.fingerprint);
    expect(
      db.prepare("SELECT signature FROM version_seals WHERE workspace_id = ?").pluck().get(official.id),
    ).toBe(exported.body.seal.signature);
    // Sealed once: the seal now refuses to change.
    expect(() =>
      db.prepare("UPDATE version_seals SET sealed_at = 0 WHERE workspace_id = ?").run(official.id),
    ).toThrow(/seal_immutable/);
  });
});

describe("a version changed behind the triggers' back", () => {
  it("is refused when its text was edited and its old hash kept", async () => {
    const official = await officialVersion("text");
    // Checked and cached first: dropping a trigger must throw that result away.
    await expectServed(official);
    const db = srv.ctx.db();
    const content = db
      .prepare("SELECT content FROM plan_versions WHERE workspace_id = ?")
      .pluck()
      .get(official.id);
    behindTriggers(db, ["plan_versions_no_update"], () => {
      db.prepare("UPDATE plan_versions SET content = ? WHERE workspace_id = ?").run(
        (content as string).replace("Title text", "Title fake"),
        official.id,
      );
    });
    expect(await expectRefused(official, "Title fake")).toEqual(["content does not hash to the stored hash"]);
  });

  it("is refused when the civil-society signature was deleted", async () => {
    const official = await officialVersion("cso");
    await expectServed(official);
    const db = srv.ctx.db();
    behindTriggers(db, ["signatures_no_delete"], () => {
      db.prepare(`DELETE FROM signatures WHERE sector = 'civil_society' AND ${ofWorkspace}`).run(official.id);
    });
    expect(await expectRefused(official)).toEqual([
      "the signatures present do not complete the sign-off rule the proposal froze",
    ]);
  });

  it("is refused when every signature was deleted", async () => {
    const official = await officialVersion("none");
    await expectServed(official);
    const db = srv.ctx.db();
    behindTriggers(db, ["signatures_no_delete"], () => {
      db.prepare(`DELETE FROM signatures WHERE ${ofWorkspace}`).run(official.id);
    });
    expect(await expectRefused(official)).toEqual([
      "the signatures present do not complete the sign-off rule the proposal froze",
    ]);
  });

  it("is refused when a signature was added after it became official: the log does not name it", async () => {
    const official = await officialVersion("extra");
    const db = srv.ctx.db();
    // A third signatory, written as decide() would have, after the proposal closed.
    const userId = facilitator.user?.id ?? "";
    behindTriggers(db, ["signatures_open_proposal_and_its_hash"], () => {
      db.prepare(
        `INSERT INTO signatures (proposal_id, user_id, decision, hash, name, sector, role, created_at)
         VALUES (?, ?, 'signed', ?, 'Fiona Facilitator', 'government', 'facilitator', 0)`,
      ).run(official.proposal.id, userId, official.proposal.hash);
    });
    expect(await expectRefused(official)).toEqual([
      "its signatures and declines differ from those the log records",
      "the log records its publication with another number, hash, time or signatories",
    ]);
  });

  it("is refused when content, snapshot, hash, proposal and signatures were rewritten consistently", async () => {
    const official = await officialVersion("rewrite");
    await expectServed(official);
    forgeConsistently(srv.ctx.db(), official.id, "Title forged");
    expect(await expectRefused(official, "Title forged")).toEqual([
      "the log records its proposal with another hash or other rules",
      "its signatures and declines differ from those the log records",
      "the log records its publication with another number, hash, time or signatories",
    ]);
  });

  it("is refused by its seal when the event log was rewritten to match as well", async () => {
    const official = await officialVersion("deep");
    await expectServed(official);
    const db = srv.ctx.db();
    const hash = forgeConsistently(db, official.id, "Title forged");
    behindTriggers(db, ["events_no_update"], () => {
      const set = (type: string, field: string) =>
        db
          .prepare(
            `UPDATE events SET payload = json_set(payload, '${field}', ?) WHERE workspace_id = ? AND type = ?`,
          )
          .run(hash, official.id, type);
      set("freeze.proposed", "$.proposal.hash");
      set("freeze.signed", "$.signature.hash");
      set("version.published", "$.version.hash");
    });
    expect(await expectRefused(official, "Title forged")).toEqual([
      "its seal is not this server's signature of its statement",
    ]);
  });

  it("is refused when it was resealed with another key", async () => {
    const official = await officialVersion("rekey");
    await expectServed(official);
    const db = srv.ctx.db();
    const version = (
      await facilitator.get<{ version: Parameters<typeof sealStatement>[0] }>(
        freezePath(official.id, "/versions/1"),
      )
    ).body.version;
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const signature = edSign(null, Buffer.from(sealStatement(version)), privateKey).toString("base64");
    const fingerprint = publicKeyFingerprint(publicKey);
    behindTriggers(db, ["version_seals_once"], () => {
      db.prepare("UPDATE version_seals SET key_fingerprint = ?, signature = ? WHERE workspace_id = ?").run(
        fingerprint,
        signature,
        official.id,
      );
    });
    expect(await expectRefused(official)).toEqual([
      `it is sealed by another key (${fingerprint}), not this server's`,
    ]);
  });
});

describe("one tampered version among sound ones", () => {
  it("is withheld from every list, named by its number, while the others stay served", async () => {
    const official = await officialVersion("mixed");
    const facilitatorId = facilitator.user?.id ?? "";
    await editStoredPlan(srv, official.id, facilitatorId, completePlan("second"));
    const second = await propose(facilitator, official.id);
    await sign(govDrafter, official.id, second.id, second.hash);
    expect((await sign(csoDrafter, official.id, second.id, second.hash)).status).toBe(201);
    const db = srv.ctx.db();
    behindTriggers(db, ["plan_versions_no_update"], () => {
      db.prepare(
        "UPDATE plan_versions SET content = replace(content, 'Title mixed', 'Title fake') WHERE workspace_id = ? AND number = 1",
      ).run(official.id);
    });

    const members = await facilitator.get<VersionsResponse>(freezePath(official.id, "/versions"));
    expect(members.status).toBe(200);
    expect(members.body.versions.map((version) => version.number)).toEqual([2]);
    expect(members.body.withheld).toEqual([1]);
    const visitor = anonymous(srv);
    const listed = await visitor.get<PublicVersionsResponse>(
      `/api/public/workspaces/${official.slug}/versions`,
    );
    expect([listed.status, listed.body.withheld, listed.body.versions.map((v) => v.number)]).toEqual([
      200,
      [1],
      [2],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain("Title fake");
    const page = await visitor.get<PublicProcessResponse>(`/api/public/workspaces/${official.slug}`);
    expect([page.status, page.body.withheldVersions]).toEqual([200, [1]]);
    expect((await visitor.get(`/api/public/workspaces/${official.slug}/versions/2`)).status).toBe(200);
    const refused = await visitor.get(`/api/public/workspaces/${official.slug}/versions/1`);
    expect([refused.status, refused.error?.code]).toEqual([500, "version_tampered"]);
  });
});
