import { FailureRateLimiter, type LimitDecision } from "./rateLimiter";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export interface LoginThrottleOptions {
  perAccount?: number;
  perAddress?: number;
  windowMs?: number;
  maxKeys?: number;
  now?: () => number;
}

/**
 * Slows password guessing: failed sign-ins are counted per account (guessing one person's
 * password) and per client address (trying many accounts). Either limit refuses further tries,
 * right ones included, until its window ends.
 */
export class LoginThrottle {
  private readonly accounts: FailureRateLimiter;
  private readonly addresses: FailureRateLimiter;

  constructor(options: LoginThrottleOptions = {}) {
    const common = {
      windowMs: options.windowMs ?? FIFTEEN_MINUTES,
      maxKeys: options.maxKeys ?? 10_000,
      now: options.now,
    };
    this.accounts = new FailureRateLimiter({ ...common, limit: options.perAccount ?? 5 });
    this.addresses = new FailureRateLimiter({ ...common, limit: options.perAddress ?? 30 });
  }

  check(email: string, address: string): LimitDecision {
    const decisions = [this.accounts.check(accountKey(email)), this.addresses.check(address)];
    const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
    return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(...waits) };
  }

  recordFailure(email: string, address: string): void {
    this.accounts.recordFailure(accountKey(email));
    this.addresses.recordFailure(address);
  }

  recordSuccess(email: string): void {
    this.accounts.reset(accountKey(email));
  }
}

const accountKey = (email: string): string => email.trim().toLowerCase();
