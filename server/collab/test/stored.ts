import * as Y from "yjs";
import type { Db } from "../../store/db";
import { createSqliteDocumentStore, type DocumentStore } from "../../store/documents";
import type { Sql } from "../../store/sql";
import { SqliteSql } from "../../store/sqliteSql";

/** The document as storage holds it now (snapshot plus log), read straight from the database. */
export async function storedDoc(ctx: { documentStore: DocumentStore }, docName: string): Promise<Y.Doc> {
  const stored = await ctx.documentStore.load(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** The document store over a database file the test opened itself. */
export const documentsOf = (db: Db): { documentStore: DocumentStore } => ({
  documentStore: createSqliteDocumentStore(new SqliteSql(db)),
});

/** How many log rows the document has in storage (not yet folded into its snapshot), on either store. */
export async function logRowCount(ctx: { sql: Sql }, docName: string): Promise<number> {
  const row = await ctx.sql.get<{ n: number }>(
    "SELECT count(*) AS n FROM doc_log JOIN doc_names ON doc_names.id = doc_id WHERE name = ?",
    [docName],
  );
  return row?.n ?? 0;
}

/** `{ sql }` over a SQLite database file the test opened itself, for `logRowCount` and the like. */
export const sqlOf = (db: Db): { sql: Sql } => ({ sql: new SqliteSql(db) });
