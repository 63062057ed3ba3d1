import type { RedisLink } from "../redis/link";
import { type AttemptLimiter, GrowingDelayLimiter, type LimitDecision } from "./attemptLimiter";
import { RedisGrowingDelayLimiter } from "./redisLimiter";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The numbers, documented in the README's Security section. */
export const LOGIN_THROTTLE = {
  /** Failures of one account from one address before the delays start, and per address across accounts. */
  freePerAccountAtAddress: 5,
  freePerAddress: 30,
  baseDelayMs: 1000,
  maxDelayMs: 15 * MINUTE,
  forgetAfterMs: 24 * HOUR,
} as const;

const delays = {
  baseDelayMs: LOGIN_THROTTLE.baseDelayMs,
  maxDelayMs: LOGIN_THROTTLE.maxDelayMs,
  forgetAfterMs: LOGIN_THROTTLE.forgetAfterMs,
};

export interface LoginThrottleLimiters {
  /** Keyed by account and address together. */
  accountAtAddress: AttemptLimiter;
  /** Keyed by address, whatever the account. */
  address: AttemptLimiter;
}

/** The in-memory limiters with the documented numbers (tests pass others). */
export function memoryLoginLimiters(maxKeys = 10_000, now?: () => number): LoginThrottleLimiters {
  const common = { ...delays, maxKeys, now };
  return {
    accountAtAddress: new GrowingDelayLimiter({ ...common, free: LOGIN_THROTTLE.freePerAccountAtAddress }),
    address: new GrowingDelayLimiter({ ...common, free: LOGIN_THROTTLE.freePerAddress }),
  };
}

/** The same limiters counted in Redis, shared by every instance of a cluster. */
export function redisLoginLimiters(link: RedisLink): LoginThrottleLimiters {
  return {
    accountAtAddress: new RedisGrowingDelayLimiter(link, "login-account-at-address", {
      ...delays,
      free: LOGIN_THROTTLE.freePerAccountAtAddress,
    }),
    address: new RedisGrowingDelayLimiter(link, "login-address", {
      ...delays,
      free: LOGIN_THROTTLE.freePerAddress,
    }),
  };
}

/**
 * Slows password guessing with growing delays, counted per account *at* an address (guessing one
 * person's password from one place) and per address (trying many accounts from one place). There
 * is no limit per account alone: that would let anyone, anywhere, lock the owner out by failing on
 * purpose. A guesser spread over many addresses is met by the password strength rule instead.
 */
export class LoginThrottle {
  constructor(private readonly limiters: LoginThrottleLimiters = memoryLoginLimiters()) {}

  async check(email: string, address: string): Promise<LimitDecision> {
    const decisions = await Promise.all([
      this.limiters.accountAtAddress.check(pairKey(email, address)),
      this.limiters.address.check(address),
    ]);
    const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
    return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(...waits) };
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.limiters.accountAtAddress.record(pairKey(email, address)),
      this.limiters.address.record(address),
    ]);
  }

  /** A right password forgets that account's failures at that address (not the address's own count). */
  async recordSuccess(email: string, address: string): Promise<void> {
    await this.limiters.accountAtAddress.reset(pairKey(email, address));
  }
}

// JSON keeps the two parts apart whatever characters they hold.
const pairKey = (email: string, address: string): string =>
  JSON.stringify([email.trim().toLowerCase(), address]);
