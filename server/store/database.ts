import path from "node:path";
import type { Config } from "../config";
import { type Db, openDb } from "./db";
import { createSqliteDocumentStore, type DocumentStore } from "./documents";
import { createPostgresDocumentStore } from "./documentsPostgres";
import type { Sql } from "./sql";
import { SqliteSql } from "./sqliteSql";

/** The database an instance runs on: SQLite in the data folder, or a shared PostgreSQL. */
export interface Database {
  sql: Sql;
  documentStore: DocumentStore;
  /** SQLite's own connection, for what only SQLite has (WAL checkpoints); null on PostgreSQL. */
  sqlite: Db | null;
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, else `cocrea.db` in `dataDir`, applying migrations
 * either way.
 */
export async function openDatabase(config: Pick<Config, "dataDir" | "databaseUrl">): Promise<Database> {
  if (config.databaseUrl) {
    // Loaded only on PostgreSQL: the embedded process never holds pg (about 3 MB).
    const { openPostgres } = await import("./postgresDb");
    const sql = await openPostgres(config.databaseUrl);
    return { sql, documentStore: createPostgresDocumentStore(sql), sqlite: null, close: () => sql.close() };
  }
  const db = openDb(path.join(config.dataDir, "cocrea.db"));
  const sql = new SqliteSql(db);
  return {
    sql,
    documentStore: createSqliteDocumentStore(sql),
    sqlite: db,
    close: async () => {
      db.close();
    },
  };
}
