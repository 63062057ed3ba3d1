import { getPlan, planToJson } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SESSION_COOKIE } from "../auth/lucia";
import { foldForStorage } from "../collab/snapshot";
import { type Cast, createCast } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { completePlan, editStoredPlan } from "./versions.fixtures";

/** A paragraph holding `words`. */
function text(words: string): Y.XmlElement {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  return paragraph;
}

describe("GET /api/workspaces/:id/plan/state", () => {
  let srv: TestServer;
  let cast: Cast;

  beforeAll(async () => {
    srv = await startTestServer();
    cast = await createCast(srv);
    const userId = cast.facilitator.user?.id ?? "";
    await editStoredPlan(srv, cast.workspaceId, userId, completePlan("first"));
    await editStoredPlan(srv, cast.workspaceId, userId, (doc) => {
      getPlan(doc).vision.delete(0, 1);
      getPlan(doc).vision.insert(0, [new Y.XmlElement("paragraph")]);
    });
  });
  afterAll(() => srv.close());

  const stateAs = (cookie: string | null) =>
    fetch(`${srv.url}/api/workspaces/${cast.workspaceId}/plan/state`, {
      headers: cookie ? { Cookie: `${SESSION_COOKIE}=${cookie}` } : {},
    });

  it("gives any member the stored plan as one Yjs update, snapshot and log together", async () => {
    const expected = await srv.ctx.documentStore.load(`plan:${cast.workspaceId}`);
    const stored = new Y.Doc();
    for (const update of [expected.snapshot, ...expected.updates]) if (update) Y.applyUpdate(stored, update);
    for (const member of [cast.viewer, cast.commenter, cast.drafter]) {
      const response = await stateAs(member.cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(response.headers.get("cache-control")).toBe("no-store");
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(await response.arrayBuffer()));
      expect(planToJson(doc)).toEqual(planToJson(stored));
      expect(planToJson(doc).commitments).toHaveLength(1);
    }
  });

  it("never gives deleted text (storage keeps it for the record), from the log or from a snapshot", async () => {
    const secret = "call me on 555-0199";
    const userId = cast.drafter.user?.id ?? "";
    await editStoredPlan(srv, cast.workspaceId, userId, (doc) =>
      getPlan(doc).cocreationSummary.insert(0, [text(secret)]),
    );
    await editStoredPlan(srv, cast.workspaceId, userId, (doc) => getPlan(doc).cocreationSummary.delete(0, 1));
    const docName = `plan:${cast.workspaceId}`;
    const served = async () => Buffer.from(await (await stateAs(cast.viewer.cookie)).arrayBuffer());
    expect(
      Buffer.from(Y.mergeUpdates((await srv.ctx.documentStore.load(docName)).updates)).includes(secret),
    ).toBe(true);
    expect((await served()).includes(secret)).toBe(false);

    // Folded as a compaction folds it: the snapshot keeps the text, the copy sent never has it.
    const stored = await srv.ctx.documentStore.load(docName);
    const folded = foldForStorage(stored);
    await srv.ctx.documentStore.compact(docName, folded.state, stored.lastSeq, folded.syncState);
    expect(Buffer.from(folded.state).includes(secret)).toBe(true);
    const after = await served();
    expect(after.includes(secret)).toBe(false);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(after));
    expect(planToJson(doc).commitments).toHaveLength(1);
  });

  it("refuses strangers and anonymous visitors", async () => {
    expect((await stateAs(cast.stranger.cookie)).status).toBe(403);
    expect((await stateAs(null)).status).toBe(401);
  });
});
