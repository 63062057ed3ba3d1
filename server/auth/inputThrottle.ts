import type { RedisLink } from "../redis/link";
import { type AttemptLimiter, GrowingDelayLimiter, type LimitDecision } from "./attemptLimiter";
import { RedisGrowingDelayLimiter } from "./redisLimiter";

const MINUTE = 60_000;

/**
 * The numbers, documented in the README's Security section: generous for a person (twenty inputs
 * and supports in a burst) and for a shared address (a community centre's one connection), then
 * growing delays, forgotten after an hour.
 */
export const INPUT_THROTTLE = {
  freePerAccount: 20,
  freePerAddress: 200,
  baseDelayMs: 30_000,
  maxDelayMs: 30 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
} as const;

export interface InputThrottleLimiters {
  account: AttemptLimiter;
  address: AttemptLimiter;
}

const delays = {
  baseDelayMs: INPUT_THROTTLE.baseDelayMs,
  maxDelayMs: INPUT_THROTTLE.maxDelayMs,
  forgetAfterMs: INPUT_THROTTLE.forgetAfterMs,
};

/**
 * The in-memory limiters with the documented numbers; `freePerAddress` is configurable
 * (`COCREA_INPUTS_FREE_PER_ADDRESS`: a load test sends every participant's inputs from one address).
 */
export function memoryInputLimiters(
  freePerAddress: number = INPUT_THROTTLE.freePerAddress,
): InputThrottleLimiters {
  return {
    account: new GrowingDelayLimiter({ ...delays, free: INPUT_THROTTLE.freePerAccount, maxKeys: 10_000 }),
    address: new GrowingDelayLimiter({ ...delays, free: freePerAddress, maxKeys: 10_000 }),
  };
}

/** The same limiters counted in Redis, shared by every instance of a cluster. */
export function redisInputLimiters(
  link: RedisLink,
  freePerAddress: number = INPUT_THROTTLE.freePerAddress,
): InputThrottleLimiters {
  return {
    account: new RedisGrowingDelayLimiter(link, "input-account", {
      ...delays,
      free: INPUT_THROTTLE.freePerAccount,
    }),
    address: new RedisGrowingDelayLimiter(link, "input-address", { ...delays, free: freePerAddress }),
  };
}

/**
 * Slows floods of consultation inputs and supports, counted per account and per address: anyone
 * may sign up without an invitation, so one person (or one script behind many accounts at one
 * address) must not bury everyone else's inputs.
 */
export class InputThrottle {
  constructor(private readonly limiters: InputThrottleLimiters = memoryInputLimiters()) {}

  async check(userId: string, address: string): Promise<LimitDecision> {
    const decisions = await Promise.all([
      this.limiters.account.check(userId),
      this.limiters.address.check(address),
    ]);
    const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
    return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(...waits) };
  }

  async record(userId: string, address: string): Promise<void> {
    await Promise.all([this.limiters.account.record(userId), this.limiters.address.record(address)]);
  }
}
