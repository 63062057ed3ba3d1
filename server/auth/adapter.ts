import type { User } from "@shared/api";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { SessionRecord, SessionStore } from "../store/sessions";

const toDatabaseSession = (session: SessionRecord): DatabaseSession => ({
  id: session.id,
  userId: session.userId,
  expiresAt: new Date(session.expiresAt),
  attributes: {},
});

const toDatabaseUser = ({ id, ...attributes }: User): DatabaseUser => ({ id, attributes });

/** Lucia's storage interface over our own `sessions` and `users` tables. */
export function createSessionAdapter(sessions: SessionStore): Adapter {
  return {
    async getSessionAndUser(sessionId) {
      const found = sessions.withUser(sessionId);
      return found ? [toDatabaseSession(found.session), toDatabaseUser(found.user)] : [null, null];
    },
    async getUserSessions(userId) {
      return sessions.byUser(userId).map(toDatabaseSession);
    },
    async setSession(session) {
      sessions.insert({ id: session.id, userId: session.userId, expiresAt: session.expiresAt.getTime() });
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      sessions.setExpiry(sessionId, expiresAt.getTime());
    },
    async deleteSession(sessionId) {
      sessions.delete(sessionId);
    },
    async deleteUserSessions(userId) {
      sessions.deleteByUser(userId);
    },
    async deleteExpiredSessions() {
      sessions.deleteExpired(Date.now());
    },
  };
}
