import * as Y from "yjs";
import type { StoredDocument } from "../store/documents";
import { parseMessage, syncStep2UpdateMessage } from "./protocol";

/**
 * The answer to a socket's first frame read from storage, before its document is built (issue #16:
 * building a large document takes a cold process 50–150 ms, and the first reader need not wait for
 * it). Only sync step 1, and only when storage holds the snapshot as a sync sends it (deleted text
 * collected, see snapshot.ts) with no log row after it: the document about to be built is then that
 * very snapshot, so the answer is what the built document would send — the same text, the same
 * deletions, nothing of what was deleted. Everything committed, so nothing unstored leaves the server.
 * Null otherwise: the frame then waits for the document, as every frame did before.
 */
export function answerFromStorage(stored: StoredDocument, frame: Uint8Array): Uint8Array | null {
  const { syncState } = stored;
  if (!syncState || stored.updates.length > 0) return null;
  let stateVector: Uint8Array;
  try {
    const message = parseMessage(frame);
    if (message.type !== "syncStep1") return null;
    stateVector = message.stateVector;
    // A client that has nothing (a browser without a copy of its own) gets the bytes as stored.
    if (Y.decodeStateVector(stateVector).size === 0) return syncStep2UpdateMessage(syncState);
  } catch {
    // Malformed: left to the document, which closes the socket as it always has.
    return null;
  }
  return syncStep2UpdateMessage(Y.diffUpdate(syncState, stateVector));
}
