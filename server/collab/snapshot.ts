import * as Y from "yjs";
import type { StoredDocument } from "../store/documents";

/** What a compaction stores: the snapshot, and the same document as a sync sends it. */
export interface Folded {
  /** Every stored update, deleted text included: the record. */
  state: Uint8Array;
  /**
   * The same document garbage-collected, as a live copy encodes it for a client that has nothing
   * (sync step 2 to an empty state vector): the first socket of an unloaded document is answered
   * with it straight from storage (issue #16). Null when Yjs could not place every struct.
   */
  syncState: Uint8Array | null;
}

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
  return fold(stored, false).state;
}

/**
 * `foldStored`, and then the same document's deleted items collected (as a `gc: true` document
 * collects them when it applies the snapshot) and encoded again: what a sync may send.
 */
export function foldForStorage(stored: Pick<StoredDocument, "snapshot" | "updates">): Folded {
  return fold(stored, true);
}

function fold(stored: Pick<StoredDocument, "snapshot" | "updates">, withSync: boolean): Folded {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  if (!withSync && parts.length === 1 && parts[0]) return { state: parts[0], syncState: null };
  const doc = new Y.Doc({ gc: false });
  try {
    Y.transact(doc, () => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    // Whatever Yjs could not place yet (nothing the server stores) is kept as well: the encoding
    // includes pending structs and deletions.
    const state = parts.length === 1 && parts[0] ? parts[0] : Y.encodeStateAsUpdate(doc);
    if (!withSync || doc.store.pendingStructs || doc.store.pendingDs) return { state, syncState: null };
    // The same collection Yjs runs when a transaction of a `gc: true` document deletes items,
    // over every deleted item: their content goes (kept as its length), neighbours merge.
    Y.tryGc(Y.createDeleteSetFromStructStore(doc.store), doc.store, () => true);
    return { state, syncState: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}
