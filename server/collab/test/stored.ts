import * as Y from "yjs";
import type { Db } from "../../store/db";
import { createSqliteDocumentStore, type DocumentStore } from "../../store/documents";
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

/** How many log rows the document has in storage (not yet folded into its snapshot). */
export const logRowCount = (db: Db, docName: string): number =>
  db
    .prepare("SELECT count(*) FROM doc_log JOIN doc_names ON doc_names.id = doc_id WHERE name = ?")
    .pluck()
    .get(docName) as number;
