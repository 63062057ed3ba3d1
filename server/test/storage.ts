import { describe, it } from "vitest";
import type { AppContext } from "../context";
import type { PostgresSql } from "../store/postgresSql";
import type { Sql, SqlValue } from "../store/sql";
import { onPostgres } from "./testStore";

/**
 * Reading and changing storage behind the app's back, on whichever store the run uses (see
 * testStore.ts): through `ctx.sql`, with SQL both dialects accept.
 */

/** The first column of the first row `text` returns (a count, one field), or undefined. */
export async function sqlValue<T>(
  ctx: { sql: Sql },
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T> {
  const row = await ctx.sql.get<Record<string, unknown>>(text, params);
  return (row === undefined ? undefined : Object.values(row)[0]) as T;
}

/** The first column of every row `text` returns, in order. */
export async function sqlColumn<T>(
  ctx: { sql: Sql },
  text: string,
  params: readonly SqlValue[] = [],
): Promise<T[]> {
  const rows = await ctx.sql.all<Record<string, unknown>>(text, params);
  return rows.map((row) => Object.values(row)[0] as T);
}

/** Rows of a table, counted. */
export const countRows = (
  ctx: { sql: Sql },
  table: string,
  where = "TRUE",
  params: readonly SqlValue[] = [],
) => sqlValue<number>(ctx, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);

const skippedOnPostgres = (reason: string, name: string) => `${name} [SQLite only: ${reason}]`;

/**
 * `it` for a test of what only the SQLite store has (a database file, a pragma, WAL). Skipped, with
 * the reason in its title, in the PostgreSQL pass.
 */
export function itOnSqliteOnly(
  reason: string,
  name: string,
  fn: () => Promise<void> | void,
  timeout?: number,
): void {
  if (onPostgres) it.skip(skippedOnPostgres(reason, name), fn, timeout);
  else it(name, fn, timeout);
}

/** `describe` for a suite of what only the SQLite store has; skipped, with the reason, in the PostgreSQL pass. */
export function describeOnSqliteOnly(reason: string, name: string, body: () => void): void {
  if (onPostgres) describe.skip(skippedOnPostgres(reason, name), body);
  else describe(name, body);
}

/**
 * Makes every insert into `table` fail with `message`, as a full disk or a lost database would;
 * resolves with what undoes it. A trigger, in the dialect of the run's store.
 */
export async function failInserts(
  ctx: { sql: Sql },
  table: string,
  message: string,
): Promise<() => Promise<void>> {
  const name = `fail_${table}`;
  if (ctx.sql.dialect === "sqlite") {
    await ctx.sql.run(
      `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    );
    return async () => void (await ctx.sql.run(`DROP TRIGGER ${name}`));
  }
  await ctx.sql.run(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
  );
  await ctx.sql.run(
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await ctx.sql.run(`DROP TRIGGER ${name} ON ${table}`);
    await ctx.sql.run(`DROP FUNCTION ${name}()`);
  };
}

/**
 * Makes the database refuse every write from now on, as a read-only file system or a failed-over
 * read-only PostgreSQL would; resolves with what undoes it. SQLite: `query_only`. PostgreSQL: the
 * database turned read-only for new sessions, and the app's open connections cut, so its pool
 * reconnects into read-only sessions.
 */
export async function refuseWrites(ctx: AppContext): Promise<() => Promise<void>> {
  if (ctx.sql.dialect === "sqlite") {
    ctx.db().pragma("query_only = ON");
    return async () => void ctx.db().pragma("query_only = OFF");
  }
  const readOnly = async (on: boolean) => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: ctx.config.databaseUrl ?? "" });
    await client.connect();
    try {
      // This session too began read-only once the database was made so.
      await client.query("SET default_transaction_read_only = off");
      await client.query(
        on
          ? "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = on', current_database()); END $$"
          : "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET default_transaction_read_only', current_database()); END $$",
      );
      await client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
    } finally {
      await client.end();
    }
  };
  await readOnly(true);
  return () => readOnly(false);
}

/** Closes the app's database connection(s) under it, as a crashed database would leave it. */
export async function closeDatabase(ctx: AppContext): Promise<void> {
  if (ctx.sql.dialect === "sqlite") ctx.db().close();
  else await (ctx.sql as PostgresSql).close();
}
