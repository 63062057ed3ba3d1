import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sha256Hex } from "./ids";

export type Db = Database.Database;

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface OpenDbOptions {
  /** Applies migrations up to this version only: tests build a database as an older release left it. */
  migrateUpTo?: number;
}

/**
 * Opens the SQLite file (creating its folder), sets WAL and foreign keys, and applies every
 * numbered migration in `migrations/` not yet applied, each in its own transaction.
 */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  // For migrations that hash stored secrets in place (011: session tokens).
  db.function("sha256_hex", { deterministic: true }, (value) => sha256Hex(String(value)));
  migrate(db, options.migrateUpTo ?? Number.POSITIVE_INFINITY);
  return db;
}

function migrate(db: Db, upTo: number): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const applied = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[]);
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort();
  for (const file of files) {
    const version = Number.parseInt(file, 10);
    if (applied.has(version) || version > upTo) continue;
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(
        version,
        Date.now(),
      );
    })();
  }
}
