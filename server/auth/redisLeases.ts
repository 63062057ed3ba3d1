import type { RedisLink } from "../redis/link";
import { REDIS_PREFIX } from "../redis/prefix";
import type { LiveKind, SharedLeaseCounts } from "./liveSessions";

/** An instance counts as alive while its key lasts; it renews the key well before it expires. */
const ALIVE_MS = 15_000;
const RENEW_MS = 5_000;
/** A user's counts are dropped after a day without a socket or stream opened or closed. */
const FORGET_MS = 24 * 60 * 60_000;

const INSTANCE_PREFIX = `${REDIS_PREFIX}instance:`;

// One hash per user and kind: a field per instance, holding how many that instance has open. An
// instance that died (its key expired) no longer counts, so a crash frees its users' places
// within ALIVE_MS instead of never. Counting and adding happen in one step: two instances opening
// the last place at once cannot both get it. (The instance keys are read by name, which a
// standalone Redis or a primary with replicas allows; Redis Cluster would need them in KEYS.)
const TAKE = `
local total = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  if redis.call('EXISTS', ARGV[3] .. fields[i]) == 1 then
    total = total + tonumber(fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

const GIVE_BACK = `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;

/** The per-user caps on sockets and streams, counted over every instance that shares `link`'s Redis. */
export function createRedisLeaseCounts(link: RedisLink): SharedLeaseCounts {
  const aliveKey = `${INSTANCE_PREFIX}${link.instanceId}`;
  const renew = () =>
    link.commands.set(aliveKey, "1", "PX", ALIVE_MS).catch((error) => link.failed("instance_renew", error));
  void renew();
  const renewal = setInterval(renew, RENEW_MS);
  renewal.unref();
  const keyOf = (userId: string, kind: LiveKind) => `${REDIS_PREFIX}leases:${kind}:${userId}`;

  return {
    async take(userId, kind, cap) {
      const taken = await link.commands.eval(
        TAKE,
        1,
        keyOf(userId, kind),
        link.instanceId,
        cap,
        INSTANCE_PREFIX,
        FORGET_MS,
      );
      return taken === 1;
    },
    giveBack(userId, kind) {
      link.commands
        .eval(GIVE_BACK, 1, keyOf(userId, kind), link.instanceId)
        .catch((error) => link.failed("lease_release", error));
    },
    close() {
      clearInterval(renewal);
      // The places this instance held are free at once for the others.
      link.commands.del(aliveKey).catch((error) => link.failed("instance_end", error));
    },
  };
}
