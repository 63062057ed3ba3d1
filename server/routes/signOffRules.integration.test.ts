import { createHash } from "node:crypto";
import {
  canonicalJson,
  type FrozenPlan,
  type ProposalDetailResponse,
  type PublicVersionResponse,
} from "@shared/freeze";
import type { PublicProcessResponse } from "@shared/publication";
import { DEFAULT_SIGN_OFF_RULES, type SignOffRules } from "@shared/signOff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createUser, createWorkspace, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import {
  addMember,
  completePlan,
  decline,
  editStoredPlan,
  freezePath,
  propose,
  sign,
} from "./versions.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let gov: TestClient;
let cso: TestClient;
let cso2: TestClient;
let academic: TestClient;
let workspaceId: string;
let slug: string;

const rulesPath = () => `/api/workspaces/${workspaceId}/signoff-rules`;
const putRules = (client: TestClient, rules: unknown) => client.request("PUT", rulesPath(), { body: rules });

beforeAll(async () => {
  srv = await startTestServer();
  [facilitator, gov, cso, cso2, academic] = await Promise.all([
    createUser(srv, { name: "Fiona Facilitator" }),
    createUser(srv, { name: "Gabriel Government" }),
    createUser(srv, { name: "Celia Civil" }),
    createUser(srv, { name: "Dora Derechos" }),
    createUser(srv, { name: "Ana Academic" }),
  ]);
  const workspace = await createWorkspace(facilitator, { sector: "government", name: "Rules town" });
  workspaceId = workspace.id;
  slug = workspace.slug;
  await addMember(facilitator, workspaceId, gov, "drafter", "government", "Public Works");
  await addMember(facilitator, workspaceId, cso, "drafter", "civil_society", "Red Ciudadana");
  await addMember(facilitator, workspaceId, cso2, "drafter", "civil_society", "Derechos Ya");
  await addMember(facilitator, workspaceId, academic, "drafter", "academia", "City University");
  await editStoredPlan(srv, workspaceId, facilitator.user?.id ?? "", completePlan("rules"));
});
afterAll(() => srv.close());

describe("the forum's sign-off rules", () => {
  it("default to civil society and academia, one signature per side, declines not blocking", async () => {
    const reply = await cso.get<{ rules: SignOffRules }>(rulesPath());
    expect(reply.body.rules).toEqual(DEFAULT_SIGN_OFF_RULES);
  });

  it("are set by facilitators only, with every field checked", async () => {
    const rules = { ...DEFAULT_SIGN_OFF_RULES, nonGovernmentalSectors: ["civil_society"] };
    expect((await putRules(gov, rules)).status).toBe(403);
    expect((await putRules(anonymous(srv), rules)).status).toBe(401);
    for (const bad of [
      { ...rules, nonGovernmentalSectors: ["government"] },
      { ...rules, nonGovernmentalSectors: [] },
      { ...rules, governmentSignatures: 0 },
      { ...rules, nonGovernmentalSignatures: 1.5 },
      { ...rules, declineBlocks: "yes" },
    ]) {
      const reply = await putRules(facilitator, bad);
      expect([reply.status, reply.error?.code], JSON.stringify(bad)).toEqual([400, "invalid_body"]);
    }
    expect((await cso.get<{ rules: SignOffRules }>(rulesPath())).body.rules).toEqual(DEFAULT_SIGN_OFF_RULES);
  });

  it("decide the sign-off of the proposals made under them: academia left out, two signatures, a decline blocks", async () => {
    const strict: SignOffRules = {
      nonGovernmentalSectors: ["civil_society"],
      governmentSignatures: 1,
      nonGovernmentalSignatures: 2,
      declineBlocks: true,
    };
    expect((await putRules(facilitator, strict)).status).toBe(200);
    const proposal = await propose(facilitator, workspaceId);
    expect(proposal.rules).toEqual(strict);
    // Frozen: the rules cannot change while this proposal awaits sign-off.
    const locked = await putRules(facilitator, DEFAULT_SIGN_OFF_RULES);
    expect([locked.status, locked.error?.code]).toEqual([409, "proposal_open"]);

    await sign(gov, workspaceId, proposal.id, proposal.hash);
    const afterAcademia = await sign(academic, workspaceId, proposal.id, proposal.hash);
    expect(afterAcademia.body.proposal.signOff).toMatchObject({ nonGovernmental: { signed: 0, needed: 2 } });
    await sign(cso, workspaceId, proposal.id, proposal.hash);
    const declined = await decline(cso2, workspaceId, proposal.id, {
      hash: proposal.hash,
      reason: "The budget line for milestone 2 is missing",
    });
    expect(declined.body.proposal).toMatchObject({
      status: "open",
      signOff: { blocked: true, complete: false },
    });
    const withdrawn = await facilitator.post(freezePath(workspaceId, `/proposals/${proposal.id}/withdraw`), {
      reason: "Blocked by a decline",
    });
    expect(withdrawn.status).toBe(200);
  });

  it("freeze with the version under its hash, and the declines stay on the version and the public page", async () => {
    const relaxed: SignOffRules = { ...DEFAULT_SIGN_OFF_RULES, nonGovernmentalSectors: ["civil_society"] };
    expect((await putRules(facilitator, relaxed)).status).toBe(200);
    const proposal = await propose(facilitator, workspaceId);
    await decline(cso2, workspaceId, proposal.id, {
      hash: proposal.hash,
      reason: "We asked for a public budget",
    });
    await sign(gov, workspaceId, proposal.id, proposal.hash);
    const official = await sign(cso, workspaceId, proposal.id, proposal.hash);
    expect(official.body.version?.number).toBe(1);
    expect(official.body.version?.declines.map((d) => [d.name, d.organization, d.reason])).toEqual([
      ["Dora Derechos", "Derechos Ya", "We asked for a public budget"],
    ]);

    const detail = await cso.get<ProposalDetailResponse>(
      freezePath(workspaceId, `/proposals/${proposal.id}`),
    );
    const content = detail.body.content as FrozenPlan;
    expect(content.rules).toEqual(relaxed);
    expect(createHash("sha256").update(canonicalJson(content)).digest("hex")).toBe(proposal.hash);

    const visitor = anonymous(srv);
    const version = await visitor.get<PublicVersionResponse>(`/api/public/workspaces/${slug}/versions/1`);
    expect(version.body.version.content.rules).toEqual(relaxed);
    expect(version.body.version.declines[0]?.reason).toBe("We asked for a public budget");
    const page = await visitor.get<PublicProcessResponse>(`/api/public/workspaces/${slug}`);
    expect(page.body.declines).toEqual([
      expect.objectContaining({
        name: "Dora Derechos",
        reason: "We asked for a public budget",
        versionNumber: 1,
      }),
    ]);
    // Not published: only official versions are public; the rules in force are not shown yet.
    expect(page.body).toMatchObject({ published: false, rules: null, forum: [] });
  });
});
