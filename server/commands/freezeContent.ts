import { canonicalJson, type FrozenPlan, freezePlan } from "@shared/freeze";
import { planDocName, planToJson } from "@shared/plan";
import * as Y from "yjs";
import type { Store } from "../store";
import type { DocumentStore, StoredDocument } from "../store/documents";
import { sha256Hex } from "../store/ids";

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
  return docFromStorage(await documents.load(planDocName(workspaceId)));
}

/**
 * A stored document as one Y.Doc. `gc: false` keeps deleted items with their content, as storage
 * does, for reading who wrote what was deleted (the record of co-creation).
 */
export function docFromStorage(
  stored: Pick<StoredDocument, "snapshot" | "updates">,
  options: { gc?: boolean } = {},
): Y.Doc {
  const doc = new Y.Doc({ gc: options.gc ?? true });
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
  });
  return doc;
}

/**
 * Pins a plan document: its Yjs state, canonical JSON and the SHA-256 of that JSON. `extras` (the
 * sign-off rules a proposal is decided under, the record of co-creation as it stands) go into the
 * JSON, so the hash covers them too.
 */
export async function pinDraft(
  store: Store,
  workspaceId: string,
  doc: Y.Doc,
  extras: Pick<FrozenPlan, "rules" | "record"> = {},
): Promise<PinnedDraft> {
  const workspace = await store.workspaces.byId(workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} vanished`);
  const frozen: FrozenPlan = { ...freezePlan(workspace, planToJson(doc)), ...extras };
  const content = canonicalJson(frozen);
  return { snapshot: Y.encodeStateAsUpdate(doc), frozen, content, hash: sha256Hex(content) };
}
