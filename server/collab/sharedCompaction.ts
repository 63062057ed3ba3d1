import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { REDIS_PREFIX, type RedisLink } from "../redis/link";
import type { DocumentStore } from "../store/documents";

/** Longer than any compaction takes; only reached when an instance dies holding the lock. */
const LOCK_MS = 30_000;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Compaction for documents that several instances load at once. One instance's copy may not yet
 * hold an update another instance just stored (it is still crossing Redis), and two instances may
 * compact the same document together; either could fold a log row into a snapshot that lacks it.
 * So a compaction takes a per-document lock in Redis (skipping when another instance holds it:
 * that one folds the rows, and the log keeps them meanwhile), and folds storage's own snapshot
 * and log rows into the snapshot with the instance's state: nothing stored is ever dropped.
 */
export function withSharedCompaction(store: DocumentStore, link: RedisLink): DocumentStore {
  return {
    ...store,
    async compact(docName, state) {
      const lockKey = `${REDIS_PREFIX}compacting:${docName}`;
      const token = randomUUID();
      const locked = await link.commands.set(lockKey, token, "PX", LOCK_MS, "NX");
      if (locked !== "OK") return;
      try {
        const stored = await store.load(docName);
        await store.compact(docName, union([stored.snapshot, ...stored.updates, state]), stored.lastSeq);
      } finally {
        await link.commands.eval(RELEASE, 1, lockKey, token).catch((error) => link.failed("unlock", error));
      }
    },
  };
}

/** One snapshot holding every part (re-encoded, so deleted content is collected as Yjs does). */
function union(parts: (Uint8Array | null)[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      for (const part of parts) if (part) Y.applyUpdate(doc, part);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
