/** The outcome of a check: allowed, or refused until `retryAfterSeconds` have passed. */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** Failures allowed per key within the window. */
  limit: number;
  windowMs: number;
  /** Most keys kept at once; the oldest are forgotten first, so memory stays bounded. */
  maxKeys: number;
  now?: () => number;
}

interface Window {
  failures: number;
  resetAt: number;
}

/**
 * Counts failures per key (an account, a client address) in fixed windows that start at a
 * key's first failure. In memory: with several server instances each counts its own share.
 */
export class FailureRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether another attempt for `key` may be tried now. */
  check(key: string): LimitDecision {
    const window = this.current(key);
    if (!window || window.failures < this.options.limit) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000)),
    };
  }

  recordFailure(key: string): void {
    const window = this.current(key);
    if (window) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= this.options.maxKeys) this.evict();
    this.windows.set(key, { failures: 1, resetAt: this.now() + this.options.windowMs });
  }

  /** Forgets a key's failures (after a successful sign-in). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }

  private current(key: string): Window | null {
    const window = this.windows.get(key);
    if (!window) return null;
    if (window.resetAt > this.now()) return window;
    this.windows.delete(key);
    return null;
  }

  // Maps iterate in insertion order, so the first key is the one whose window started longest ago.
  private evict(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    if (this.windows.size < this.options.maxKeys) return;
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }
}
