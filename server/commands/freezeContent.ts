import { planDocName } from "@shared/plan";
import * as Y from "yjs";
import type { DocumentStore, StoredDocument } from "../store/documents";

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
