import type { Proposal, ProposalResponse } from "@shared/freeze";
import { addCommitment, appendParagraphs, type Commitment, OGP_VALUES, planDocName } from "@shared/plan";
import type { Role, Sector } from "@shared/roles";
import * as Y from "yjs";
import { createWorkspace, invite, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

/** Helpers for the versions integration tests. */

export const freezePath = (workspaceId: string, rest = ""): string => `/api/workspaces/${workspaceId}${rest}`;

/** Every field of a commitment filled in, each value containing `tag` so exports can be searched for it. */
export function fillCommitment(commitment: Commitment, tag: string): void {
  const set = (text: Y.Text | null, value: string) => text?.insert(0, value);
  set(commitment.text("title"), `Title ${tag}`);
  set(commitment.text("leadAgency"), `Agency ${tag}`);
  set(commitment.text("contactPerson"), `Contact ${tag}`);
  set(commitment.text("governmentActors"), `GovActors ${tag}`);
  set(commitment.text("nonGovernmentActors"), `CsoActors ${tag}`);
  set(commitment.text("budget"), `Budget ${tag}`);
  commitment.setDate("startDate", "2025-01-01");
  commitment.setDate("endDate", "2026-12-31");
  commitment.policyArea = "open_data";
  commitment.sdg = 16;
  appendParagraphs(commitment.richText("problem") as Y.XmlFragment, [`Problem ${tag}`]);
  appendParagraphs(commitment.richText("commitment") as Y.XmlFragment, [`Commitment ${tag}`]);
  appendParagraphs(commitment.richText("contribution") as Y.XmlFragment, [`Contribution ${tag}`]);
  for (const value of OGP_VALUES) {
    commitment.setChecked(value, true);
    set(commitment.justification(value), `Why ${value} ${tag}`);
  }
  const milestone = commitment.addMilestone();
  set(milestone?.text("description") ?? null, `MilestoneDesc ${tag}`);
  set(milestone?.text("output") ?? null, `MilestoneOutput ${tag}`);
  set(milestone?.text("responsible") ?? null, `MilestoneResp ${tag}`);
  milestone?.setDate("startDate", "2025-02-01");
  milestone?.setDate("endDate", "2025-06-30");
}

/**
 * Changes a workspace's stored plan document as a collab client would have (one update in the
 * log, by `userId`). Only for servers without the collab server attached, whose memory it bypasses.
 */
export async function editStoredPlan(
  srv: TestServer,
  workspaceId: string,
  userId: string,
  edit: (doc: Y.Doc) => void,
): Promise<void> {
  const documents = srv.ctx.documentStore;
  const docName = planDocName(workspaceId);
  const stored = await documents.load(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  edit(doc);
  await documents.append([{ docName, userId, update: Y.encodeStateAsUpdate(doc, before) }]);
  doc.destroy();
}

/** A plan with vision, summary and one complete commitment per tag. */
export const completePlan =
  (...tags: string[]) =>
  (doc: Y.Doc): void => {
    appendParagraphs(doc.getXmlFragment("vision"), [`Vision ${tags.join(" ")}`]);
    appendParagraphs(doc.getXmlFragment("cocreationSummary"), [`Summary ${tags.join(" ")}`]);
    for (const tag of tags) {
      const commitment = addCommitment(doc, 20);
      if (commitment) fillCommitment(commitment, tag);
    }
  };

/** Proposes as `facilitator`; fails the test on any other answer than 201. */
export async function propose(facilitator: TestClient, workspaceId: string): Promise<Proposal> {
  const reply = await facilitator.post<ProposalResponse>(freezePath(workspaceId, "/proposals"));
  if (reply.status !== 201)
    throw new Error(`proposing failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.proposal;
}

export const sign = (client: TestClient, workspaceId: string, proposalId: string, hash: string) =>
  client.post<ProposalResponse>(freezePath(workspaceId, `/proposals/${proposalId}/signatures`), { hash });

export const decline = (client: TestClient, workspaceId: string, proposalId: string, body: unknown) =>
  client.post<ProposalResponse>(freezePath(workspaceId, `/proposals/${proposalId}/declines`), body);

/** Adds an existing user to a workspace through an invitation with this role and sector. */
export async function addMember(
  facilitator: TestClient,
  workspaceId: string,
  member: TestClient,
  role: Role,
  sector: Sector,
  organization?: string,
): Promise<void> {
  const { token } = await invite(facilitator, workspaceId, { role, sector });
  const reply = await member.post(`/api/invitations/${token}/accept`, organization ? { organization } : {});
  if (reply.status !== 200) throw new Error(`joining failed: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** Polls an asynchronous check until it holds (e.g. what the collab server has stored). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The cast that makes a plan official: a government facilitator and one drafter per side. */
export interface SignOffCast {
  facilitator: TestClient;
  govDrafter: TestClient;
  csoDrafter: TestClient;
}

/**
 * A workspace (facilitated by a government member) whose stored plan, one complete commitment
 * titled "Title <tag>", is official version 1, signed by a government and a civil-society drafter.
 */
export async function officialWorkspace(
  srv: TestServer,
  { facilitator, govDrafter, csoDrafter }: SignOffCast,
  tag: string,
): Promise<{ id: string; slug: string; proposal: Proposal }> {
  const workspace = await createWorkspace(facilitator, { sector: "government", name: `Official ${tag}` });
  await addMember(facilitator, workspace.id, govDrafter, "drafter", "government");
  await addMember(facilitator, workspace.id, csoDrafter, "drafter", "civil_society", "Red Ciudadana");
  await editStoredPlan(srv, workspace.id, facilitator.user?.id ?? "", completePlan(tag));
  const proposal = await propose(facilitator, workspace.id);
  await sign(govDrafter, workspace.id, proposal.id, proposal.hash);
  await sign(csoDrafter, workspace.id, proposal.id, proposal.hash);
  return { id: workspace.id, slug: workspace.slug, proposal };
}
