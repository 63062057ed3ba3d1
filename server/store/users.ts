import type { User } from "@shared/api";
import type { Db } from "./db";

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
  insert(user: NewUser): User;
  byId(id: string): User | null;
  /** The user and their password hash, for signing in. */
  credentialsByEmail(email: string): { user: User; passwordHash: string } | null;
  emailTaken(email: string): boolean;
  update(id: string, changes: { name?: string; locale?: string }): User | null;
  setPasswordHash(id: string, passwordHash: string): void;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, locale: row.locale });

export function createUserStore(db: Db): UserStore {
  const insert = db.prepare(
    "INSERT INTO users (id, email, name, password_hash, locale, created_at) VALUES (@id, @email, @name, @passwordHash, @locale, @createdAt)",
  );
  const byId = db.prepare<[string], UserRow>("SELECT id, email, name, locale FROM users WHERE id = ?");
  const byEmail = db.prepare<[string], UserRow & { password_hash: string }>(
    "SELECT id, email, name, locale, password_hash FROM users WHERE email = ?",
  );
  const emailTaken = db.prepare<[string], number>("SELECT 1 FROM users WHERE email = ?").pluck();
  const update = db.prepare(
    "UPDATE users SET name = coalesce(@name, name), locale = coalesce(@locale, locale) WHERE id = @id",
  );

  const setPasswordHash = db.prepare("UPDATE users SET password_hash = ? WHERE id = ?");

  return {
    insert(user) {
      insert.run(user);
      return { id: user.id, email: user.email, name: user.name, locale: user.locale };
    },
    byId(id) {
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    credentialsByEmail(email) {
      const row = byEmail.get(email);
      return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
    },
    emailTaken: (email) => emailTaken.get(email) !== undefined,
    update(id, changes) {
      update.run({ id, name: changes.name ?? null, locale: changes.locale ?? null });
      return this.byId(id);
    },
    setPasswordHash(id, passwordHash) {
      setPasswordHash.run(passwordHash, id);
    },
  };
}
