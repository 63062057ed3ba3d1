import {
  canonicalJson,
  type FrozenPlan,
  freezePlan,
  PLAN_SCHEMA,
  type Signature,
  type VersionDetail,
  type VersionSummary,
} from "@shared/freeze";
import { planDocName, planToJson } from "@shared/plan";
import * as Y from "yjs";
import { ApiException } from "../errors";
import type { Store } from "../store";
import type { DocumentStore } from "../store/documents";
import { sha256Hex } from "../store/ids";
import type { VersionRecord } from "../store/versions";

/** The plan's Yjs document as stored now. */
export interface PinnedDraft {
  snapshot: Uint8Array;
  frozen: FrozenPlan;
  content: string;
  hash: string;
}

/**
 * The plan as storage holds it now: its snapshot with every logged update applied. The collab
 * server stores each update before relaying it, so this holds everything any member has seen;
 * an update still in the current group commit (a few milliseconds) counts as coming after.
 */
export async function loadDraftDoc(documents: DocumentStore, workspaceId: string): Promise<Y.Doc> {
  const stored = await documents.load(planDocName(workspaceId));
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/**
 * Pins a plan document: its Yjs state, canonical JSON and the SHA-256 of that JSON. `extras` (the
 * sign-off rules a proposal is decided under) go into the JSON, so the hash covers them too.
 */
export async function pinDraft(
  store: Store,
  workspaceId: string,
  doc: Y.Doc,
  extras: Pick<FrozenPlan, "rules"> = {},
): Promise<PinnedDraft> {
  const workspace = await store.workspaces.byId(workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} vanished`);
  const frozen: FrozenPlan = { ...freezePlan(workspace, planToJson(doc)), ...extras };
  const content = canonicalJson(frozen);
  return { snapshot: Y.encodeStateAsUpdate(doc), frozen, content, hash: sha256Hex(content) };
}

const tampered = (record: VersionRecord, why: string): ApiException => {
  // Loud on purpose: this means someone changed the database behind the application's back.
  console.error(
    `INTEGRITY: version ${record.number} of workspace ${record.workspaceId} failed its check: ${why}`,
  );
  return new ApiException(
    500,
    "version_tampered",
    `Version ${record.number} does not match its recorded hash; it is not served as official.`,
  );
};

/**
 * Why a stored version cannot be trusted, or null when it checks out: its content must hash to
 * its hash, be canonical, match its Yjs snapshot, and every signature must be of that hash.
 */
function integrityProblem(record: VersionRecord, signatures: Signature[]): string | null {
  if (sha256Hex(record.content) !== record.hash) return "content does not hash to the stored hash";
  let frozen: FrozenPlan;
  try {
    frozen = JSON.parse(record.content) as FrozenPlan;
  } catch {
    return "content is not JSON";
  }
  if (canonicalJson(frozen) !== record.content) return "content is not canonical";
  if (frozen.schema !== PLAN_SCHEMA || record.schema !== PLAN_SCHEMA) return "unknown schema";
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, record.snapshot);
    const fromSnapshot = freezePlan(frozen.workspace, planToJson(doc)).plan;
    if (canonicalJson(fromSnapshot) !== canonicalJson(frozen.plan)) return "snapshot differs from content";
  } catch {
    return "snapshot does not decode";
  } finally {
    doc.destroy();
  }
  if (signatures.some((s) => s.decision === "signed" && s.hash !== record.hash)) {
    return "a signature is of another hash";
  }
  return null;
}

function summaryOf(record: VersionRecord, signatures: Signature[]): VersionSummary {
  return {
    number: record.number,
    hash: record.hash,
    schema: record.schema,
    officialAt: record.officialAt,
    proposedAt: record.proposedAt,
    signatures: signatures.filter((s) => s.decision === "signed"),
    declines: signatures.filter((s) => s.decision === "declined"),
  };
}

/** A version as served: checked first; a version failing its check throws 500 version_tampered. */
export async function verifiedVersion(store: Store, record: VersionRecord): Promise<VersionDetail> {
  const signatures = await store.versions.signatures(record.proposalId);
  const problem = integrityProblem(record, signatures);
  if (problem) throw tampered(record, problem);
  return { ...summaryOf(record, signatures), content: JSON.parse(record.content) as FrozenPlan };
}

/** Every official version of a workspace, each checked; one failing check fails the list. */
export async function verifiedVersions(store: Store, workspaceId: string): Promise<VersionSummary[]> {
  return Promise.all(
    (await store.versions.versions(workspaceId)).map(async (record) => {
      const { content: _content, ...summary } = await verifiedVersion(store, record);
      return summary;
    }),
  );
}
