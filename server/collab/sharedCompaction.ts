import { randomUUID } from "node:crypto";
import type { RedisLink } from "../redis/link";
import { REDIS_PREFIX } from "../redis/prefix";
import type { DocumentStore } from "../store/documents";
import { foldForStorage } from "./snapshot";

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
 * that one folds the rows, and the log keeps them meanwhile), and folds what storage holds under
 * the lock, not the state it was given: nothing stored is ever dropped.
 */
export function withSharedCompaction(store: DocumentStore, link: RedisLink): DocumentStore {
  return {
    ...store,
    // The state given was read before the lock; storage is read again under it.
    async compact(docName) {
      const lockKey = `${REDIS_PREFIX}compacting:${docName}`;
      const token = randomUUID();
      const locked = await link.commands.set(lockKey, token, "PX", LOCK_MS, "NX");
      if (locked !== "OK") return;
      try {
        const stored = await store.load(docName);
        const { state, syncState } = foldForStorage(stored);
        await store.compact(docName, state, stored.lastSeq, syncState);
      } finally {
        await link.commands.eval(RELEASE, 1, lockKey, token).catch((error) => link.failed("unlock", error));
      }
    },
  };
}
