import * as Y from "yjs";
import type { StoredDocument } from "../store/documents";

/**
 * The stored document as one update, to store as its new snapshot: every stored update applied to
 * a document that keeps deleted items (`gc: false`), then encoded whole. Never the live copy, which
 * collects deleted text (so a sync sends only what is in the plan), while storage keeps it, because
 * the record of co-creation counts who wrote text later deleted.
 *
 * Encoded from a document rather than merged as updates (`Y.mergeUpdates`), so that it loads fast
 * (issue #16): merging keeps every logged edit as its own struct, each pointing into the middle of
 * earlier ones, which loading then splits one by one; a document's encoding holds its text as the
 * runs it now is, each pointing at the end of another, and loads without splitting anything.
 */
export function foldStored(stored: Pick<StoredDocument, "snapshot" | "updates">): Uint8Array {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  if (parts.length === 1 && parts[0]) return parts[0];
  const doc = new Y.Doc({ gc: false });
  try {
    Y.transact(doc, () => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    // Whatever Yjs could not place yet (nothing the server stores) is kept as well: the encoding
    // includes pending structs and deletions.
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
