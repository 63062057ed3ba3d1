import type { User } from "@shared/api";
import type { Sql } from "./sql";

interface UserRow {
  id: string;
  email: string;
  name: string;
  locale: string | null;
}

export interface NewUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  locale: string | null;
  createdAt: number;
}

/** Accounts. Emails are unique regardless of case. */
export interface UserStore {
  insert(user: NewUser): Promise<User>;
  byId(id: string): Promise<User | null>;
  /** The user and their password hash, for signing in. */
  credentialsByEmail(email: string): Promise<{ user: User; passwordHash: string } | null>;
  emailTaken(email: string): Promise<boolean>;
  update(id: string, changes: { name?: string; locale?: string }): Promise<User | null>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, locale: row.locale });

export function createUserStore(sql: Sql): UserStore {
  const byId = async (id: string): Promise<User | null> => {
    const row = await sql.get<UserRow>("SELECT id, email, name, locale FROM users WHERE id = ?", [id]);
    return row ? toUser(row) : null;
  };
  return {
    async insert(user) {
      await sql.run(
        "INSERT INTO users (id, email, name, password_hash, locale, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [user.id, user.email, user.name, user.passwordHash, user.locale, user.createdAt],
      );
      return { id: user.id, email: user.email, name: user.name, locale: user.locale };
    },
    byId,
    async credentialsByEmail(email) {
      const row = await sql.get<UserRow & { password_hash: string }>(
        "SELECT id, email, name, locale, password_hash FROM users WHERE email = ?",
        [email],
      );
      return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
    },
    emailTaken: async (email) =>
      (await sql.get("SELECT 1 FROM users WHERE email = ?", [email])) !== undefined,
    async update(id, changes) {
      await sql.run("UPDATE users SET name = coalesce(?, name), locale = coalesce(?, locale) WHERE id = ?", [
        changes.name ?? null,
        changes.locale ?? null,
        id,
      ]);
      return byId(id);
    },
    async setPasswordHash(id, passwordHash) {
      await sql.run("UPDATE users SET password_hash = ? WHERE id = ?", [passwordHash, id]);
    },
  };
}
