import type { RedisLink } from "../redis/link";
import { REDIS_PREFIX } from "../redis/prefix";

/**
 * The session revocation bus: when a session ends (sign-out, "sign out on every device", a
 * password change through Lucia's invalidateUserSessions, expiry found on use), every server
 * instance must close the sockets and event streams opened with it. Sessions are named by their
 * key, the SHA-256 of the token (what the database holds), never by the token itself.
 *
 * In one process this is a set of listeners; with several instances a Redis pub/sub
 * implementation of the same interface carries the keys between them.
 */
export interface SessionRevocation {
  /** Announces that these sessions ended. Call after the database no longer holds them. */
  publish(sessionKeys: readonly string[]): void;
  /** Calls `listener` with the key of each ended session; returns a function that unsubscribes. */
  subscribe(listener: (sessionKey: string) => void): () => void;
}

/** The bus for a single server process: delivery is synchronous, before `publish` returns. */
export function createInProcessRevocation(): SessionRevocation {
  const listeners = new Set<(sessionKey: string) => void>();
  return {
    publish(sessionKeys) {
      for (const key of sessionKeys) for (const listener of listeners) listener(key);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * The bus for several instances: ended sessions are announced on one Redis channel, with this
 * instance's id so it does not act twice on its own. Local listeners still hear at once, before
 * `publish` returns; other instances hear within one Redis round trip.
 */
export function createRedisRevocation(link: RedisLink): SessionRevocation {
  const local = createInProcessRevocation();
  link.listen(REVOKED_CHANNEL, (message) => {
    const [instanceId, ...keys] = message.toString().split("\n");
    if (instanceId !== link.instanceId) local.publish(keys);
  });
  return {
    publish(sessionKeys) {
      local.publish(sessionKeys);
      link.publish(REVOKED_CHANNEL, [link.instanceId, ...sessionKeys].join("\n"));
    },
    subscribe: local.subscribe,
  };
}

const REVOKED_CHANNEL = `${REDIS_PREFIX}sessions-ended`;
