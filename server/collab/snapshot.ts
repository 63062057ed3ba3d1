import * as Y from "yjs";
import type { StoredDocument } from "../store/documents";

/**
 * The stored document as one update, to store as its new snapshot. Merged as updates, never
 * through a Y.Doc: the live copies collect deleted text (so a sync sends only what is in the plan),
 * while storage keeps it, because the record of co-creation counts who wrote text later deleted.
 */
export function foldStored(stored: Pick<StoredDocument, "snapshot" | "updates">): Uint8Array {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  return parts.length === 1 && parts[0] ? parts[0] : Y.mergeUpdates(parts);
}
