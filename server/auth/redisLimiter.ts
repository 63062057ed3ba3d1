import type { RedisLink } from "../redis/link";
import { REDIS_PREFIX } from "../redis/prefix";
import { sha256Hex } from "../store/ids";
import type { AttemptLimiter, GrowingDelayOptions, LimitDecision } from "./attemptLimiter";

// One attempt counted and its wait set in one step, so two instances counting the same key at the
// same moment both count. The key is forgotten `forgetAfterMs` after its last attempt.
const RECORD = `
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local past = attempts - tonumber(ARGV[2])
if past >= 0 then
  local delay = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ math.min(past, 30))
  redis.call('HSET', KEYS[1], 'notBefore', tonumber(ARGV[1]) + delay)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return attempts`;

/**
 * The growing delays of `GrowingDelayLimiter`, counted in Redis so every instance sees every
 * attempt. Keys expire by themselves (no `maxKeys` to bound); they hold a hash of the key, not the
 * email or address. Instances are assumed to keep their clocks in step (NTP), as sessions already do.
 */
export class RedisGrowingDelayLimiter implements AttemptLimiter {
  private readonly now: () => number;

  constructor(
    private readonly link: RedisLink,
    /** Names this limiter's keys apart from the others'. */
    private readonly name: string,
    private readonly options: Omit<GrowingDelayOptions, "maxKeys">,
  ) {
    this.now = options.now ?? Date.now;
  }

  async check(key: string): Promise<LimitDecision> {
    const notBefore = Number(await this.link.commands.hget(this.keyOf(key), "notBefore"));
    const wait = notBefore - this.now();
    return wait <= 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
  }

  async record(key: string): Promise<void> {
    const { free, baseDelayMs, maxDelayMs, forgetAfterMs } = this.options;
    await this.link.commands.eval(
      RECORD,
      1,
      this.keyOf(key),
      this.now(),
      free,
      baseDelayMs,
      maxDelayMs,
      forgetAfterMs,
    );
  }

  async reset(key: string): Promise<void> {
    await this.link.commands.del(this.keyOf(key));
  }

  private keyOf(key: string): string {
    return `${REDIS_PREFIX}limit:${this.name}:${sha256Hex(key)}`;
  }
}
