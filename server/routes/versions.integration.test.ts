import type {
  FreezeStatusResponse,
  ProposalDetailResponse,
  PublicVersionResponse,
  PublicVersionsResponse,
  VersionResponse,
  VersionsResponse,
} from "@shared/freeze";
import { addCommitment, listCommitments } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createUser, createWorkspace, type TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";
import {
  addMember,
  completePlan,
  decline,
  editStoredPlan,
  freezePath,
  propose,
  sign,
} from "./versions.fixtures";

describeEachStore("official versions", (database) => {
  let srv: TestServer;
  let facilitator: TestClient;
  let govDrafter: TestClient;
  let csoDrafter: TestClient;
  let academic: TestClient;
  let commenter: TestClient;
  let stranger: TestClient;

  beforeAll(async () => {
    srv = await startTestServer({ config: await database.config() });
    [facilitator, govDrafter, csoDrafter, academic, commenter, stranger] = await Promise.all([
      createUser(srv, { name: "Fiona Facilitator" }),
      createUser(srv, { name: "Gabriel Government" }),
      createUser(srv, { name: "Celia Civil" }),
      createUser(srv, { name: "Ana Academic" }),
      createUser(srv, { name: "Carl Commenter" }),
      createUser(srv, { name: "Sam Stranger" }),
    ]);
  });
  afterAll(() => srv.close());

  /** A workspace with a complete plan and the cast: a government facilitator and drafters of each kind. */
  async function workspaceWithPlan(...tags: string[]): Promise<{ id: string; slug: string }> {
    const workspace = await createWorkspace(facilitator, {
      sector: "government",
      name: `Plan ${tags.join(" ")}`,
    });
    await addMember(facilitator, workspace.id, govDrafter, "drafter", "government", "Public Works");
    await addMember(facilitator, workspace.id, csoDrafter, "drafter", "civil_society", "Red Ciudadana");
    await addMember(facilitator, workspace.id, academic, "drafter", "academia");
    await addMember(facilitator, workspace.id, commenter, "commenter", "civil_society");
    await editStoredPlan(srv, workspace.id, facilitator.user?.id ?? "", completePlan(...tags));
    return { id: workspace.id, slug: workspace.slug };
  }

  describe("GET /api/workspaces/:id/freeze", () => {
    it("reports an empty plan as blocked and a complete one as clean", async () => {
      const empty = await createWorkspace(facilitator);
      const blocked = await facilitator.get<FreezeStatusResponse>(freezePath(empty.id, "/freeze"));
      expect(blocked.status).toBe(200);
      expect(blocked.body.proposal).toBeNull();
      expect(blocked.body.check.problems.map((p) => p.code)).toContain("no_commitments");
      expect(blocked.body.check.blocking).toBeGreaterThan(0);

      const { id } = await workspaceWithPlan("clean");
      const clean = await commenter.get<FreezeStatusResponse>(freezePath(id, "/freeze"));
      expect(clean.body.check).toEqual({ problems: [], blocking: 0, warnings: 0 });
    });

    it("refuses people outside the workspace", async () => {
      const { id } = await workspaceWithPlan("outsiders");
      expect((await stranger.get(freezePath(id, "/freeze"))).status).toBe(403);
      expect((await anonymous(srv).get(freezePath(id, "/freeze"))).status).toBe(401);
    });
  });

  describe("POST /api/workspaces/:id/proposals", () => {
    it("refuses a plan with an empty commitment with 422 naming it, and one over the maximum", async () => {
      const workspace = await createWorkspace(facilitator, { maxCommitments: 1 });
      await editStoredPlan(srv, workspace.id, "u", (doc) => {
        completePlan("a")(doc);
        addCommitment(doc, 20);
      });
      const reply = await facilitator.post(freezePath(workspace.id, "/proposals"));
      expect(reply.status).toBe(422);
      expect(reply.error?.code).toBe("self_check_failed");
      const messages = reply.error?.issues?.map((issue) => issue.message);
      expect(messages).toEqual(expect.arrayContaining(["too_many_commitments", "empty_commitment"]));
    });

    it("pins the plan for a facilitator, once: a second proposal is 409 while the first is open", async () => {
      const { id } = await workspaceWithPlan("pinned");
      const stream = await openEventStream(csoDrafter, id);
      const proposal = await propose(facilitator, id);
      expect(proposal).toMatchObject({
        status: "open",
        rules: { nonGovernmentalSectors: ["civil_society", "academia"], declineBlocks: false },
        signOff: {
          government: { signed: 0, needed: 1 },
          nonGovernmental: { signed: 0, needed: 1 },
          complete: false,
        },
      });
      expect(proposal.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await stream.nextEvent()).toMatchObject({ type: "freeze.proposed", payload: { proposal } });
      stream.close();
      const again = await facilitator.post(freezePath(id, "/proposals"));
      expect([again.status, again.error?.code]).toEqual([409, "proposal_open"]);
    });

    it.each([
      ["a drafter", () => govDrafter, 403],
      ["a commenter", () => commenter, 403],
      ["a stranger", () => stranger, 403],
      ["someone signed out", () => anonymous(srv), 401],
    ])("refuses %s with %i", async (_who, client, status) => {
      const { id } = await workspaceWithPlan("refused");
      expect((await client().post(freezePath(id, "/proposals"))).status).toBe(status);
    });
  });

  describe("joint sign-off", () => {
    it("keeps a proposal signed by government alone unofficial", async () => {
      const { id } = await workspaceWithPlan("gov-alone");
      const proposal = await propose(facilitator, id);
      const first = await sign(govDrafter, id, proposal.id, proposal.hash);
      const second = await sign(facilitator, id, proposal.id, proposal.hash);
      expect(first.status).toBe(201);
      expect(second.body).toMatchObject({
        proposal: { status: "open", signOff: { government: { signed: 2 }, nonGovernmental: { signed: 0 } } },
        version: null,
      });
      const versions = await facilitator.get<VersionsResponse>(freezePath(id, "/versions"));
      expect(versions.body.versions).toEqual([]);
    });

    it("keeps a proposal signed by civil society (and academia) alone unofficial", async () => {
      const { id } = await workspaceWithPlan("cso-alone");
      const proposal = await propose(facilitator, id);
      await sign(academic, id, proposal.id, proposal.hash);
      const reply = await sign(csoDrafter, id, proposal.id, proposal.hash);
      expect(reply.body).toMatchObject({
        proposal: { status: "open", signOff: { government: { signed: 0 }, nonGovernmental: { signed: 2 } } },
        version: null,
      });
    });

    it("makes it official version 1 when both have signed, recording who signed as they were then", async () => {
      const { id } = await workspaceWithPlan("both");
      const proposal = await propose(facilitator, id);
      await sign(govDrafter, id, proposal.id, proposal.hash);
      const stream = await openEventStream(commenter, id);
      const reply = await sign(csoDrafter, id, proposal.id, proposal.hash);
      expect(reply.status).toBe(201);
      expect(reply.body.proposal).toMatchObject({
        status: "official",
        versionNumber: 1,
        signOff: { complete: true },
      });
      expect(reply.body.version).toMatchObject({ number: 1, hash: proposal.hash });
      expect(reply.body.version?.signatures.map((s) => [s.name, s.organization, s.sector, s.role])).toEqual([
        ["Gabriel Government", "Public Works", "government", "drafter"],
        ["Celia Civil", "Red Ciudadana", "civil_society", "drafter"],
      ]);
      expect((await stream.nextEvent()).type).toBe("freeze.signed");
      expect(await stream.nextEvent()).toMatchObject({
        type: "version.published",
        payload: { version: { number: 1 } },
      });
      stream.close();

      const late = await sign(academic, id, proposal.id, proposal.hash);
      expect([late.status, late.error?.code]).toEqual([409, "proposal_closed"]);

      // Drafting continues: the next proposal becomes version 2.
      await editStoredPlan(srv, id, "u", (doc) =>
        listCommitments(doc)[0]?.text("title")?.insert(0, "Revised "),
      );
      const next = await propose(facilitator, id);
      expect(next.hash).not.toBe(proposal.hash);
      await sign(facilitator, id, next.id, next.hash);
      const v2 = await sign(csoDrafter, id, next.id, next.hash);
      expect(v2.body.version?.number).toBe(2);
    });

    it("refuses a wrong hash (409), a second decision (409) and commenters (403)", async () => {
      const { id } = await workspaceWithPlan("refusals");
      const proposal = await propose(facilitator, id);
      const wrong = await sign(govDrafter, id, proposal.id, "0".repeat(64));
      expect([wrong.status, wrong.error?.code]).toEqual([409, "hash_mismatch"]);
      expect((await sign(govDrafter, id, proposal.id, proposal.hash)).status).toBe(201);
      const twice = await decline(govDrafter, id, proposal.id, {
        hash: proposal.hash,
        reason: "changed my mind",
      });
      expect([twice.status, twice.error?.code]).toEqual([409, "already_decided"]);
      expect((await sign(commenter, id, proposal.id, proposal.hash)).status).toBe(403);
      expect((await sign(stranger, id, proposal.id, proposal.hash)).status).toBe(403);
      expect((await sign(csoDrafter, id, proposal.id, "not a hash")).error?.code).toBe("invalid_body");
    });

    it("records a decline with its reason, which a decline needs", async () => {
      const { id } = await workspaceWithPlan("declined");
      const proposal = await propose(facilitator, id);
      const noReason = await decline(csoDrafter, id, proposal.id, { hash: proposal.hash });
      expect([noReason.status, noReason.error?.code]).toEqual([400, "invalid_body"]);
      const reply = await decline(csoDrafter, id, proposal.id, {
        hash: proposal.hash,
        reason: "Milestone 2 has no budget",
      });
      expect(reply.status).toBe(201);
      expect(reply.body.proposal.signatures).toEqual([
        expect.objectContaining({
          decision: "declined",
          reason: "Milestone 2 has no budget",
          sector: "civil_society",
        }),
      ]);
      expect(reply.body.proposal.signOff).toMatchObject({ nonGovernmental: { signed: 0 }, blocked: false });
    });

    it("lets a facilitator withdraw the proposal, after which nobody can sign it and a new one may be made", async () => {
      const { id } = await workspaceWithPlan("withdrawn");
      const proposal = await propose(facilitator, id);
      const byDrafter = await govDrafter.post(freezePath(id, `/proposals/${proposal.id}/withdraw`), {});
      expect(byDrafter.status).toBe(403);
      const reply = await facilitator.post<{ proposal: { status: string } }>(
        freezePath(id, `/proposals/${proposal.id}/withdraw`),
        { reason: "Wait for the forum" },
      );
      expect(reply.body.proposal).toMatchObject({
        status: "withdrawn",
        withdrawReason: "Wait for the forum",
      });
      const late = await sign(govDrafter, id, proposal.id, proposal.hash);
      expect([late.status, late.error?.code]).toEqual([409, "proposal_closed"]);
      expect((await propose(facilitator, id)).id).not.toBe(proposal.id);
    });
  });

  describe("what a proposal pins", () => {
    it("keeps the proposed content and hash while the draft changes during sign-off", async () => {
      const { id } = await workspaceWithPlan("pin");
      const proposal = await propose(facilitator, id);
      const before = await commenter.get<ProposalDetailResponse>(freezePath(id, `/proposals/${proposal.id}`));
      await editStoredPlan(srv, id, "u", (doc) =>
        listCommitments(doc)[0]?.text("title")?.insert(0, "Edited "),
      );
      await sign(govDrafter, id, proposal.id, proposal.hash);
      await sign(csoDrafter, id, proposal.id, proposal.hash);
      const version = await commenter.get<VersionResponse>(freezePath(id, "/versions/1"));
      expect(version.body.version.hash).toBe(proposal.hash);
      expect(version.body.version.content).toEqual(before.body.content);
      expect(version.body.version.content.plan.commitments[0]?.title).toBe("Title pin");
      const draft = await commenter.get<{ content: { plan: { commitments: { title: string }[] } } }>(
        freezePath(id, "/draft"),
      );
      expect(draft.body.content.plan.commitments[0]?.title).toBe("Edited Title pin");
    });
  });

  describe("GET /api/public/workspaces/:slug/versions", () => {
    it("shows nothing for a workspace whose plan is not official yet, even with an open proposal", async () => {
      const { id, slug } = await workspaceWithPlan("unpublished");
      await propose(facilitator, id);
      const reply = await anonymous(srv).get(`/api/public/workspaces/${slug}/versions`);
      expect([reply.status, reply.error?.code]).toEqual([404, "not_found"]);
      expect((await anonymous(srv).get(`/api/public/workspaces/${slug}/versions/latest`)).status).toBe(404);
    });

    it("serves the official versions without a session, and nothing of the draft or open proposals", async () => {
      const { id, slug } = await workspaceWithPlan("public");
      const proposal = await propose(facilitator, id);
      await sign(govDrafter, id, proposal.id, proposal.hash);
      await sign(csoDrafter, id, proposal.id, proposal.hash);
      await editStoredPlan(srv, id, "u", (doc) =>
        listCommitments(doc)[0]?.text("title")?.insert(0, "SECRETDRAFT "),
      );
      await propose(facilitator, id);

      const visitor = anonymous(srv);
      const list = await visitor.get<PublicVersionsResponse>(`/api/public/workspaces/${slug}/versions`);
      expect(list.status).toBe(200);
      expect(list.body.workspace).toEqual({ slug, name: "Plan public", jurisdiction: "Springfield" });
      expect(list.body.versions.map((v) => [v.number, v.hash])).toEqual([[1, proposal.hash]]);
      const latest = await visitor.get<PublicVersionResponse>(
        `/api/public/workspaces/${slug}/versions/latest`,
      );
      expect(latest.body.version.number).toBe(1);
      expect(latest.body.version.signatures.map((s) => s.name)).toEqual([
        "Gabriel Government",
        "Celia Civil",
      ]);
      const everything = JSON.stringify([list.body, latest.body]);
      expect(everything).not.toContain("SECRETDRAFT");
      // No account details beyond what was signed: no user emails.
      expect(everything).not.toContain("@example.org");
      expect((await visitor.get(`/api/public/workspaces/${slug}/versions/2`)).status).toBe(404);
      expect((await visitor.get(`/api/public/workspaces/${slug}/versions/1/export?format=md`)).status).toBe(
        200,
      );
      expect((await visitor.get("/api/public/workspaces/Not_A_Slug/versions")).error?.code).toBe(
        "invalid_params",
      );
    });
  });
});
