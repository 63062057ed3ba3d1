import type { User } from "@shared/api";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { sha256Hex } from "../store/ids";
import type { SessionRecord, SessionStore } from "../store/sessions";
import type { SessionRevocation } from "./revocation";
import type { SessionCache } from "./sessionCache";

/**
 * The key a session is stored and announced under: the SHA-256 of its token. Only the cookie
 * holds the token, so a copy of the database holds no session anyone could use.
 */
export const sessionKey = (token: string): string => sha256Hex(token);

const toDatabaseSession = (session: SessionRecord, id: string): DatabaseSession => ({
  id,
  userId: session.userId,
  expiresAt: new Date(session.expiresAt),
  attributes: {},
});

const toDatabaseUser = ({ id, ...attributes }: User): DatabaseUser => ({ id, attributes });

/**
 * Lucia's storage interface over our own `sessions` and `users` tables. Lucia names sessions by
 * their token; the table holds `sessionKey(token)`. Every session that ends here — signed out,
 * signed out on every device, expired when used, ended by a password change — is announced on
 * `revocation`, so the sockets and streams opened with it close too, and `cache` (which listens
 * there) stops answering for it.
 */
export function createSessionAdapter(
  sessions: SessionStore,
  revocation: SessionRevocation,
  cache?: SessionCache,
): Adapter {
  const end = (keys: string[]) => {
    if (keys.length > 0) revocation.publish(keys);
  };
  return {
    async getSessionAndUser(token) {
      const key = sessionKey(token);
      const found = cache
        ? await cache.lookup(key, () => sessions.withUser(key))
        : await sessions.withUser(key);
      return found ? [toDatabaseSession(found.session, token), toDatabaseUser(found.user)] : [null, null];
    },
    // The tokens are not stored, so these sessions carry their keys as ids: they list, not sign in.
    async getUserSessions(userId) {
      return (await sessions.byUser(userId)).map((session) => toDatabaseSession(session, session.id));
    },
    async setSession(session) {
      await sessions.insert({
        id: sessionKey(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt.getTime(),
      });
    },
    async updateSessionExpiration(token, expiresAt) {
      const key = sessionKey(token);
      await sessions.setExpiry(key, expiresAt.getTime());
      cache?.forget(key);
    },
    async deleteSession(token) {
      const key = sessionKey(token);
      await sessions.delete(key);
      end([key]);
    },
    async deleteUserSessions(userId) {
      const keys = (await sessions.byUser(userId)).map((session) => session.id);
      await sessions.deleteByUser(userId);
      end(keys);
    },
    // Clears rows only: live access of an expired session is ended by LiveSessions' sweep.
    async deleteExpiredSessions() {
      await sessions.deleteExpired(Date.now());
    },
  };
}
