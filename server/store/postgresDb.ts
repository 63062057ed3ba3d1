import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PostgresSql } from "./postgresSql";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "postgres");

/** Any number, the same in every instance: the advisory lock migrations are applied under. */
const MIGRATION_LOCK = 7_306_129_411;

/**
 * Connects to the PostgreSQL database at `url` and applies every numbered migration in
 * `postgres/` not yet applied, each in its own transaction, under an advisory lock, so that
 * instances starting together apply each one once.
 */
export async function openPostgres(url: string): Promise<PostgresSql> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that breaks (PostgreSQL restarted, a network cut) is dropped by the pool and
  // replaced on next use; a query that fails reaches its caller and /healthz. Unheard, this event
  // would end the process.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await migrate(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresSql(pool);
}

async function migrate(client: pg.PoolClient): Promise<void> {
  await client.query(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
  );
  const applied = new Set(
    (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
      (r) => r.version,
    ),
  );
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort();
  for (const file of files) {
    const version = Number.parseInt(file, 10);
    if (applied.has(version)) continue;
    await client.query("BEGIN");
    try {
      await client.query(fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8"));
      await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [
        version,
        Date.now(),
      ]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  }
}
