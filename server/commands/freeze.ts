import type { Membership, Workspace } from "@shared/api";
import {
  type CheckedVersions,
  type FreezeStatusResponse,
  type FrozenPlan,
  PLAN_SCHEMA,
  type Proposal,
  type ProposalDetailResponse,
  type ProposalResponse,
  type SelfCheckResult,
  type VersionSummary,
  withConsultationWarnings,
} from "@shared/freeze";
import { planDocName } from "@shared/plan";
import { hasRole } from "@shared/roles";
import { frozenRules, type SignOffRules, signOffState } from "@shared/signOff";
import { syncStateOf } from "../collab/snapshot";
import type { AppContext } from "../context";
import { ApiException, conflict, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import { computeRecord } from "../record";
import type { Store } from "../store";
import type { DocumentStore } from "../store/documents";
import { newId } from "../store/ids";
import type { ProposalRecord, VersionHead } from "../store/versions";
import { type CommandDeps, requireMember } from "./access";
import { unansweredInputs } from "./consultations";

/** What reading official versions needs: the tables and the versions' checks. */
export type VersionDeps = CommandDeps & Pick<AppContext, "officialVersions">;
/**
 * What freeze commands need: the tables, the event relay, the versions, the plan documents'
 * storage and the plan's derived reads.
 */
export type FreezeDeps = VersionDeps & Pick<AppContext, "planReads"> & { documents: DocumentStore };

const rulesOf = (record: ProposalRecord): SignOffRules =>
  frozenRules(JSON.parse(record.content) as FrozenPlan);

const proposalClosed = () =>
  conflict("proposal_closed", "This proposal is no longer open: it was withdrawn or is already official.");

async function findProposal(store: Store, workspaceId: string, proposalId: string): Promise<ProposalRecord> {
  const proposal = await store.versions.proposal(workspaceId, proposalId);
  if (!proposal) throw notFound("Proposal");
  return proposal;
}

/** The proposal as the API shows it, with its signatures and where its sign-off stands. */
async function toProposal(store: Store, record: ProposalRecord): Promise<Proposal> {
  const signatures = await store.versions.signatures(record.id);
  const rules = rulesOf(record);
  return {
    id: record.id,
    workspaceId: record.workspaceId,
    status: record.status,
    hash: record.hash,
    proposedBy: record.proposedBy,
    proposedAt: record.proposedAt,
    warnings: record.warnings,
    signatures,
    rules,
    signOff: signOffState(rules, signatures),
    closedAt: record.closedAt,
    withdrawReason: record.withdrawReason,
    versionNumber: record.status === "official" ? await store.versions.versionOfProposal(record.id) : null,
  };
}

/** The plan pinned with `extras` on the read worker (a large plan never stalls the server), checked. */
async function checkDraft(
  deps: FreezeDeps,
  workspaceId: string,
  extras: Pick<FrozenPlan, "rules" | "record">,
) {
  const { check, ...pinned } = await deps.planReads.pin(workspaceId, extras);
  return {
    pinned,
    check: withConsultationWarnings(check, await unansweredInputs(deps.store, workspaceId)),
  };
}

/** The open proposal (if any) and the self-check of the draft as stored now; any member. */
export async function freezeStatus(
  deps: FreezeDeps,
  userId: string,
  workspaceId: string,
): Promise<FreezeStatusResponse> {
  await requireMember(deps.store, workspaceId, userId);
  const { check } = await deps.planReads.draft(workspaceId);
  const open = await deps.store.versions.openProposal(workspaceId);
  return {
    proposal: open ? await toProposal(deps.store, open) : null,
    check: withConsultationWarnings(check, await unansweredInputs(deps.store, workspaceId)),
  };
}

/**
 * Proposes the draft as the official plan (facilitators): runs the self-check, refuses blocking
 * problems with 422 `self_check_failed`, and pins the plan's Yjs state, canonical JSON and hash,
 * with the forum's rules and the record of co-creation as it stands.
 * One open proposal at a time (409 `proposal_open`). Later edits to the draft do not touch it.
 */
export async function proposeFreeze(
  deps: FreezeDeps,
  actorId: string,
  workspaceId: string,
): Promise<Proposal> {
  await requireMember(deps.store, workspaceId, actorId, "facilitator");
  const rules = await deps.store.signOffRules.get(workspaceId);
  const record = await computeRecord(deps, workspaceId, new Date());
  const { pinned, check } = await checkDraft(deps, workspaceId, { rules, record });
  if (check.blocking > 0) throw selfCheckFailed(check);
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    if (await store.versions.openProposal(workspaceId)) {
      throw conflict(
        "proposal_open",
        "A proposal is already open: withdraw it or finish its sign-off first.",
      );
    }
    const record = await store.versions.insertProposal({
      id: newId(),
      workspaceId,
      proposedBy: actorId,
      proposedAt: now,
      snapshot: pinned.snapshot,
      content: pinned.content,
      hash: pinned.hash,
      warnings: check.problems,
    });
    const proposal = await toProposal(store, record);
    emit(workspaceId, actorId, "freeze.proposed", { proposal });
    return proposal;
  });
}

function selfCheckFailed(check: SelfCheckResult): ApiException {
  const blocking = check.problems.filter((p) => p.severity === "blocking");
  return new ApiException(
    422,
    "self_check_failed",
    `The plan cannot be proposed yet: ${blocking.map((p) => p.code).join(", ")}.`,
    blocking.map((p) => ({
      path: [p.commitmentId, p.field].filter((part) => part !== null).join(".") || "plan",
      message: p.code,
    })),
  );
}

/** A proposal with its pinned content; any member. */
export async function readProposal(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  proposalId: string,
): Promise<ProposalDetailResponse> {
  await requireMember(deps.store, workspaceId, userId);
  const record = await findProposal(deps.store, workspaceId, proposalId);
  return { proposal: await toProposal(deps.store, record), content: JSON.parse(record.content) };
}

interface Decision {
  hash: string;
  reason?: string;
}

/**
 * Records a drafter's or facilitator's signature (or decline, with `reason`) of the hash they
 * saw: a hash other than the proposal's is 409 `hash_mismatch`, a second decision 409
 * `already_decided`. The signature that completes the joint sign-off under the rules the proposal
 * froze (see `signOffState`) makes the proposal official version n in the same transaction.
 */
export async function decide(
  deps: VersionDeps,
  userId: string,
  workspaceId: string,
  proposalId: string,
  decision: "signed" | "declined",
  body: Decision,
): Promise<ProposalResponse> {
  return commitWithEvents(deps, async (store, emit, now) => {
    const { membership } = await requireMember(store, workspaceId, userId, "drafter");
    const record = await findProposal(store, workspaceId, proposalId);
    if (record.status !== "open") throw proposalClosed();
    if (body.hash !== record.hash) {
      throw conflict(
        "hash_mismatch",
        "The plan you saw is not the one proposed: reload and check the hash again.",
      );
    }
    if ((await store.versions.signatures(proposalId)).some((s) => s.userId === userId)) {
      throw conflict("already_decided", "You have already signed or declined this proposal.");
    }
    const user = await store.users.byId(userId);
    if (!user) throw notFound("User");
    await store.versions.insertSignature({
      proposalId,
      userId,
      decision,
      hash: body.hash,
      name: user.name,
      organization: membership.organization,
      sector: membership.sector,
      role: hasRole(membership.role, "facilitator") ? "facilitator" : "drafter",
      reason: decision === "declined" ? (body.reason ?? "") : null,
      at: now,
    });
    const signature = (await store.versions.signatures(proposalId)).find((s) => s.userId === userId);
    if (!signature) throw new Error(`signature of ${userId} not found right after writing it`);
    emit(workspaceId, userId, decision === "signed" ? "freeze.signed" : "freeze.declined", {
      proposalId,
      signature,
    });
    let version: VersionSummary | null = null;
    if ((await toProposal(store, record)).signOff.complete) {
      if (!(await store.versions.closeProposal(proposalId, "official", now, userId, null)))
        throw proposalClosed();
      const number = await store.versions.publish(workspaceId, proposalId, PLAN_SCHEMA, now);
      const published = (await store.versions.heads(workspaceId)).find((v) => v.number === number);
      if (!published) throw new Error(`version ${number} not found right after publishing it`);
      version = await deps.officialVersions.seal(store, published, now);
      emit(workspaceId, userId, "version.published", { proposalId, version });
    }
    return { proposal: await toProposal(store, await findProposal(store, workspaceId, proposalId)), version };
  });
}

/** Withdraws the open proposal (facilitators); its signatures stay on record. */
export async function withdrawProposal(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  proposalId: string,
  reason: string | null,
): Promise<Proposal> {
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const record = await findProposal(store, workspaceId, proposalId);
    if (!(await store.versions.closeProposal(record.id, "withdrawn", now, actorId, reason)))
      throw proposalClosed();
    emit(workspaceId, actorId, "freeze.withdrawn", { proposalId, reason });
    return toProposal(store, await findProposal(store, workspaceId, proposalId));
  });
}

/** The workspace's official versions, oldest first, each checked (those failing withheld); any member. */
export async function listVersions(
  deps: VersionDeps,
  userId: string,
  workspaceId: string,
): Promise<CheckedVersions> {
  await requireMember(deps.store, workspaceId, userId);
  return deps.officialVersions.list(workspaceId);
}

/** One official version of a workspace, to read through `officialVersions` (which checks it); any member. */
export async function versionHead(
  deps: VersionDeps,
  userId: string,
  workspaceId: string,
  number: number,
): Promise<VersionHead> {
  await requireMember(deps.store, workspaceId, userId);
  const head = (await deps.store.versions.heads(workspaceId)).find((v) => v.number === number);
  if (!head) throw notFound("Version");
  return head;
}

/**
 * The draft as stored now, in the frozen form (for comparing with a version), as the JSON text
 * `{"content": …}` (see PlanReads); any member.
 */
export async function readDraft(deps: FreezeDeps, userId: string, workspaceId: string): Promise<Uint8Array> {
  await requireMember(deps.store, workspaceId, userId);
  return (await deps.planReads.draft(workspaceId)).body;
}

/**
 * The plan's Yjs document as stored now, as one update (any member): the plan page paints it while
 * its socket is still connecting and syncing, then asks the socket only for what is newer.
 */
export async function readPlanState(
  deps: FreezeDeps,
  userId: string,
  workspaceId: string,
): Promise<Uint8Array> {
  return (await readPlanForMember(deps, userId, workspaceId)).state;
}

/** The plan as stored now (see readPlanState), with the workspace and the reader's membership. */
export async function readPlanForMember(
  deps: Pick<FreezeDeps, "store" | "documents">,
  userId: string,
  workspaceId: string,
): Promise<{ workspace: Workspace; membership: Membership; state: Uint8Array }> {
  const { workspace, membership } = await requireMember(deps.store, workspaceId, userId);
  // As the socket sends it: storage keeps deleted text for the record, members never get it.
  const state = syncStateOf(await deps.documents.load(planDocName(workspaceId)));
  return { workspace, membership, state };
}
