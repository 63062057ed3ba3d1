/** The outcome of a check: allowed, or refused until `retryAfterSeconds` have passed. */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts attempts per key (an account at an address, an address) and says when the next may be
 * tried. Asynchronous, so an implementation shared by several server instances (Redis) can
 * follow the in-memory one without changing its callers.
 */
export interface AttemptLimiter {
  /** Whether another attempt for `key` may be tried now. */
  check(key: string): Promise<LimitDecision>;
  /** Counts one attempt (a failed sign-in, a sign-up) for `key`. */
  record(key: string): Promise<void>;
  /** Forgets a key's attempts (after a successful sign-in). */
  reset(key: string): Promise<void>;
}

export interface GrowingDelayOptions {
  /** Attempts per key that need no wait. */
  free: number;
  /** The wait after the first attempt past `free`; it doubles with each further one. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
  /** A key's count is forgotten this long after its last attempt. */
  forgetAfterMs: number;
  /** Most keys kept at once; those idle longest are forgotten first, so memory stays bounded. */
  maxKeys: number;
  now?: () => number;
}

interface Entry {
  attempts: number;
  /** When the next attempt may be made. */
  notBefore: number;
  lastAt: number;
}

/**
 * In-memory growing delays: once `free` attempts are counted, the next must wait `baseDelayMs`
 * after the last, the one after that twice as long, and so on up to `maxDelayMs`. Nothing is ever locked for
 * good: a guesser gets fewer tries per hour the longer they go on. Per process: several instances
 * each count their own share until a shared implementation replaces this one.
 */
export class GrowingDelayLimiter implements AttemptLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: GrowingDelayOptions) {
    this.now = options.now ?? Date.now;
  }

  async check(key: string): Promise<LimitDecision> {
    const entry = this.current(key);
    const wait = entry ? entry.notBefore - this.now() : 0;
    return wait <= 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
  }

  async record(key: string): Promise<void> {
    const now = this.now();
    const entry = this.current(key) ?? this.add(key, now);
    entry.attempts += 1;
    entry.lastAt = now;
    const past = entry.attempts - this.options.free;
    if (past >= 0) {
      const delay = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(past, 30));
      entry.notBefore = now + delay;
    }
    // Move to the end: the map's order is then the order of last use, oldest first.
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private current(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.now() - entry.lastAt < this.options.forgetAfterMs) return entry;
    this.entries.delete(key);
    return null;
  }

  private add(key: string, now: number): Entry {
    if (this.entries.size >= this.options.maxKeys) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const entry = { attempts: 0, notBefore: 0, lastAt: now };
    this.entries.set(key, entry);
    return entry;
  }
}
