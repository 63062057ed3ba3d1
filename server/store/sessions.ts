import type { User } from "@shared/api";
import type { Db } from "./db";

export interface SessionRecord {
  /** The SHA-256 (hex) of the session's token, never the token (see auth/adapter.ts). */
  id: string;
  userId: string;
  expiresAt: number;
}

/** Sign-in sessions (Lucia's sessions, stored by our own adapter). */
export interface SessionStore {
  withUser(id: string): { session: SessionRecord; user: User } | null;
  byUser(userId: string): SessionRecord[];
  insert(session: SessionRecord): void;
  setExpiry(id: string, expiresAt: number): void;
  delete(id: string): void;
  deleteByUser(userId: string): void;
  deleteExpired(now: number): void;
}

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: number;
}

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  expiresAt: row.expires_at,
});

export function createSessionStore(db: Db): SessionStore {
  const withUser = db.prepare<[string], SessionRow & { email: string; name: string; locale: string | null }>(
    `SELECT s.id, s.user_id, s.expires_at, u.email, u.name, u.locale
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
  );
  const byUser = db.prepare<[string], SessionRow>(
    "SELECT id, user_id, expires_at FROM sessions WHERE user_id = ?",
  );
  const insert = db.prepare(
    "INSERT INTO sessions (id, user_id, expires_at) VALUES (@id, @userId, @expiresAt)",
  );
  const setExpiry = db.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?");
  const deleteOne = db.prepare("DELETE FROM sessions WHERE id = ?");
  const deleteByUser = db.prepare("DELETE FROM sessions WHERE user_id = ?");
  const deleteExpired = db.prepare("DELETE FROM sessions WHERE expires_at <= ?");

  return {
    withUser(id) {
      const row = withUser.get(id);
      if (!row) return null;
      return {
        session: toSession(row),
        user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale },
      };
    },
    byUser: (userId) => byUser.all(userId).map(toSession),
    insert: (session) => void insert.run(session),
    setExpiry: (id, expiresAt) => void setExpiry.run(expiresAt, id),
    delete: (id) => void deleteOne.run(id),
    deleteByUser: (userId) => void deleteByUser.run(userId),
    deleteExpired: (now) => void deleteExpired.run(now),
  };
}
