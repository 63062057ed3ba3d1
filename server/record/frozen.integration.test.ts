import { createHash } from "node:crypto";
import {
  canonicalJson,
  type FrozenPlan,
  type ProposalDetailResponse,
  type VersionResponse,
} from "@shared/freeze";
import { planDocName, planToJson } from "@shared/plan";
import type { RecordResponse } from "@shared/record";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectProvider } from "../collab/test/clients";
import { startCollabServer } from "../collab/test/server";
import { storedDoc } from "../collab/test/stored";
import {
  addMember,
  completePlan,
  decline,
  eventually,
  freezePath,
  propose,
  sign,
} from "../routes/versions.fixtures";
import { anonymous, createUser, createWorkspace, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";

describeEachStore("the frozen record", (database) => {
  let srv: TestServer;
  let workspaceId: string;
  let slug: string;
  let fiona: TestClient;
  let carla: TestClient;
  let adam: TestClient;

  const path = (rest: string) => freezePath(workspaceId, rest);
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

  beforeAll(async () => {
    ({ srv } = await startCollabServer({ config: await database.config() }));
    fiona = await createUser(srv, { name: "Fiona Facilitator" });
    const workspace = await createWorkspace(fiona, { sector: "government", organization: "City Hall" });
    workspaceId = workspace.id;
    slug = workspace.slug;
    carla = await createUser(srv, { name: "Carla Quiet" });
    await addMember(fiona, workspaceId, carla, "drafter", "civil_society", "Open Data Club");
    adam = await createUser(srv, { name: "Adam Named" });
    await addMember(fiona, workspaceId, adam, "drafter", "academia", "University");
    expect(
      (await adam.request("PUT", path("/publication/consent"), { body: { showName: true } })).status,
    ).toBe(200);
    // Fiona writes a complete plan through the collaboration server.
    const writer = connectProvider(srv, planDocName(workspaceId), { as: fiona });
    await writer.synced();
    completePlan("alpha")(writer.doc);
    // Every field stored (the plan is written in several transactions): the live record read next
    // must count the same text the proposal pins.
    const written = JSON.stringify(planToJson(writer.doc));
    await eventually(async () => {
      const doc = await storedDoc(srv.ctx, planDocName(workspaceId));
      const done = JSON.stringify(planToJson(doc)) === written;
      doc.destroy();
      return done;
    }, "the plan stored");
    writer.destroy();
  }, 30_000);
  afterAll(() => srv.close());

  describe("the record frozen with an official version", () => {
    let frozen: FrozenPlan;
    let hash: string;
    let proposalId: string;

    it("is pinned in the proposal as it stood, and covered by the proposal's hash", async () => {
      const live = (await fiona.get<RecordResponse>(path("/record"))).body.record;
      const proposal = await propose(fiona, workspaceId);
      const detail = (await fiona.get<ProposalDetailResponse>(path(`/proposals/${proposal.id}`))).body;
      frozen = detail.content;
      hash = proposal.hash;
      proposalId = proposal.id;
      const { asOf: _frozenAt, ...pinned } = frozen.record ?? { asOf: "" };
      const { asOf: _liveAt, ...current } = live;
      expect(pinned).toEqual(current);
      expect(frozen.record?.text.total.bySector).toEqual([
        { sector: "government", written: live.text.total.written, still: live.text.total.still },
      ]);
      expect(live.text.total.written).toBeGreaterThan(100);
      expect(sha256(canonicalJson(frozen))).toBe(hash);
    });

    it("re-hashes to the official version's hash, and a changed figure would not", async () => {
      const declined = await decline(adam, workspaceId, proposalId, {
        hash,
        reason: "The budget is too small",
      });
      expect(declined.status).toBe(201);
      expect((await sign(fiona, workspaceId, proposalId, hash)).status).toBe(201);
      const official = await sign(carla, workspaceId, proposalId, hash);
      expect(official.body.version?.number).toBe(1);
      const version = (await anonymous(srv).get<VersionResponse>(`/api/public/workspaces/${slug}/versions/1`))
        .body.version;
      expect(version.hash).toBe(hash);
      expect(version.content.record).toEqual(frozen.record);
      expect(sha256(canonicalJson(version.content))).toBe(version.hash);
      const forged = structuredClone(version.content);
      if (forged.record) forged.record.text.total.written += 1;
      expect(sha256(canonicalJson(forged))).not.toBe(version.hash);
    });

    it("stays as it was while the live record moves on, which now tells the sign-off", async () => {
      const live = (await fiona.get<RecordResponse>(path("/record"))).body.record;
      const sorted = live.timeline.map((e) => [e.kind, e.sector, e.organization, e.name]);
      expect(sorted.filter(([kind]) => kind !== "workspace_created")).toEqual([
        ["proposed", null, null, null],
        ["declined", "academia", "University", "Adam Named"],
        ["signed", "government", "City Hall", null],
        ["signed", "civil_society", "Open Data Club", null],
        ["version", null, null, null],
      ]);
      const version = (await fiona.get<VersionResponse>(path("/versions/1"))).body.version;
      expect(version.content.record?.timeline.map((e) => e.kind)).toEqual(["workspace_created"]);
    });
  });
});
