import type { User } from "@shared/api";
import type { SessionRecord } from "../store/sessions";
import type { SessionRevocation } from "./revocation";

type Found = { session: SessionRecord; user: User } | null;

/** How long a looked-up session is reused without reading the database again. */
export const SESSION_CACHE_TTL_MS = 2000;
const MAX_ENTRIES = 20_000;

/**
 * The sessions looked up in the last `ttlMs`, by key, so that a person sending several requests in
 * a row (a busy last minute of a consultation) costs one read of the session and its user, not one
 * per request. Only sessions found are kept, never an unknown key.
 *
 * Revocation takes effect at once, here and on every instance: every session that ends is
 * announced on the revocation bus (sign-out, sign-out everywhere, a password change, expiry found
 * on use), which drops it from every instance's cache; a lookup that was reading the database
 * while a session ended is not kept (the epoch), so it cannot bring the ended session back. The
 * TTL bounds what the bus cannot carry: a name or language changed on another instance shows
 * there within `ttlMs`, and a bus message lost with a Redis connection is outlived within `ttlMs`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { found: Found; until: number }>();
  /** Bumped by every ending and change: a lookup that saw it change keeps nothing. */
  private epoch = 0;
  private readonly unsubscribe: () => void;

  constructor(
    revocation: SessionRevocation,
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = revocation.subscribe((key) => this.forget(key));
  }

  /** The session `key` and its user, from the cache or from `load`. */
  async lookup(key: string, load: () => Promise<Found>): Promise<Found> {
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.found;
    if (cached) this.entries.delete(key);
    const epoch = this.epoch;
    const found = await load();
    if (found && epoch === this.epoch && this.ttlMs > 0) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { found, until: now + this.ttlMs });
    }
    return found;
  }

  /** The session ended (or changed): the next lookup reads the database. */
  forget(key: string): void {
    this.epoch++;
    this.entries.delete(key);
  }

  /** The user's name or language changed: drop their sessions' copies of it. */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const [key, entry] of this.entries) if (entry.found?.user.id === userId) this.entries.delete(key);
  }

  close(): void {
    this.unsubscribe();
    this.entries.clear();
  }
}
