import type { User } from "@shared/api";
import type { Sql } from "./sql";

export interface SessionRecord {
  /** The SHA-256 (hex) of the session's token, never the token (see auth/adapter.ts). */
  id: string;
  userId: string;
  expiresAt: number;
}

/** Sign-in sessions (Lucia's sessions, stored by our own adapter). */
export interface SessionStore {
  withUser(id: string): Promise<{ session: SessionRecord; user: User } | null>;
  byUser(userId: string): Promise<SessionRecord[]>;
  insert(session: SessionRecord): Promise<void>;
  setExpiry(id: string, expiresAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  deleteByUser(userId: string): Promise<void>;
  deleteExpired(now: number): Promise<void>;
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

export function createSessionStore(sql: Sql): SessionStore {
  const run = async (text: string, params: (string | number)[]): Promise<void> => {
    await sql.run(text, params);
  };
  return {
    async withUser(id) {
      const row = await sql.get<SessionRow & { email: string; name: string; locale: string | null }>(
        `SELECT s.id, s.user_id, s.expires_at, u.email, u.name, u.locale
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
        [id],
      );
      if (!row) return null;
      return {
        session: toSession(row),
        user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale },
      };
    },
    byUser: async (userId) =>
      (
        await sql.all<SessionRow>("SELECT id, user_id, expires_at FROM sessions WHERE user_id = ?", [userId])
      ).map(toSession),
    insert: (s) =>
      run("INSERT INTO sessions (id, user_id, expires_at) VALUES (?, ?, ?)", [s.id, s.userId, s.expiresAt]),
    setExpiry: (id, expiresAt) => run("UPDATE sessions SET expires_at = ? WHERE id = ?", [expiresAt, id]),
    delete: (id) => run("DELETE FROM sessions WHERE id = ?", [id]),
    deleteByUser: (userId) => run("DELETE FROM sessions WHERE user_id = ?", [userId]),
    deleteExpired: (now) => run("DELETE FROM sessions WHERE expires_at <= ?", [now]),
  };
}
