import type { DocumentContribution, DocumentStore, NewDocumentUpdate, StoredDocument } from "./documents";
import type { Sql, SqlValue } from "./sql";

/**
 * The PostgreSQL document store. The log's seq is one identity for all documents, so instances
 * appending to one document at once never collide. Appending, reading and compacting a document's
 * log are each one statement calling a function of migration 006, so each costs one round trip
 * (a group commit is its own implicit transaction: no BEGIN and COMMIT to wait for).
 *
 * The invariant, stated in full in that migration: appends hold the document's advisory lock
 * shared and draw their seqs only once they hold it; `load` and `compact` hold it exclusively. So
 * appends from several instances commit side by side rather than in turn (their commits share a
 * WAL flush), which means a document's rows may commit out of seq order — but never while the
 * exclusive lock is held. A load therefore returns every row with seq <= its `lastSeq` that will
 * ever exist, and a compaction through that seq deletes only rows it folded. `lastSeq` alone reads
 * no lock: a row with a lower seq may still commit after it, so it is only compared with positions
 * from a load (PlanReads: a kept read is fresh when its load's seq is at least `lastSeq`; a late
 * lower row makes `lastSeq` no larger, and the load that kept the read could not have missed it).
 */
/** node-postgres binds JavaScript arrays as PostgreSQL arrays; the Sql interface has no type for them. */
const asArray = (values: readonly unknown[]): SqlValue => values as unknown as SqlValue;

export function createPostgresDocumentStore(sql: Sql): DocumentStore {
  // Names never change id and are never deleted: cached once committed.
  const ids = new Map<string, number>();
  const idOf = async (docName: string): Promise<number | null> => {
    const cached = ids.get(docName);
    if (cached !== undefined) return cached;
    const row = await sql.get<{ id: number }>("SELECT id FROM doc_names WHERE name = ?", [docName]);
    if (row) ids.set(docName, row.id);
    return row?.id ?? null;
  };
  const name = async (docName: string): Promise<number> => {
    const cached = ids.get(docName);
    if (cached !== undefined) return cached;
    await sql.run("INSERT INTO doc_names (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [docName]);
    const id = await idOf(docName);
    if (id === null) throw new Error(`document ${docName} has no id right after naming it`);
    return id;
  };

  return {
    async load(docName): Promise<StoredDocument> {
      const id = await idOf(docName);
      const rows = await sql.all<{
        is_snapshot: boolean;
        row_seq: number;
        row_data: Buffer;
        row_sync: Buffer | null;
      }>("SELECT is_snapshot, row_seq, row_data, row_sync FROM doc_log_read(?, ?)", [docName, id]);
      const snap = rows[0]?.is_snapshot ? rows[0] : undefined;
      const log = snap ? rows.slice(1) : rows;
      // Read after the log: bindings of every row read are there (each commits with its row).
      const clients = await sql.all<{ client_id: number; user_id: string }>(
        "SELECT client_id, user_id FROM doc_clients WHERE doc_name = ?",
        [docName],
      );
      return {
        snapshot: snap ? snap.row_data : null,
        updates: log.map((row) => row.row_data),
        lastSeq: Number(log.at(-1)?.row_seq ?? snap?.row_seq ?? 0),
        logBytes: log.reduce((sum, row) => sum + row.row_data.byteLength, 0),
        clients: new Map(clients.map((row) => [row.client_id, row.user_id])),
        syncState: snap?.row_sync ?? null,
      };
    },

    async lastSeq(docName) {
      const id = await idOf(docName);
      const row = await sql.get<{ seq: number }>(
        `SELECT coalesce((SELECT max(seq) FROM doc_log WHERE doc_id = ?),
           (SELECT through_seq FROM doc_snapshots WHERE doc_name = ?), 0) AS seq`,
        [id ?? -1, docName],
      );
      return row?.seq ?? 0;
    },

    async append(updates: readonly NewDocumentUpdate[]) {
      if (updates.length === 0) return [];
      const docIds = new Map<string, number>();
      for (const u of updates) if (!docIds.has(u.docName)) docIds.set(u.docName, await name(u.docName));
      const binds = updates.flatMap((u) =>
        (u.clients ?? []).map((client) => [u.docName, client, u.userId] as const),
      );
      const rows = await sql.all<{ seq: number }>(
        "SELECT seq FROM doc_log_append(?::bigint[], ?::text[], ?::bytea[], ?, ?::text[], ?::bigint[], ?::text[]) AS seq",
        [
          asArray(updates.map((u) => docIds.get(u.docName) as number)),
          asArray(updates.map((u) => u.userId)),
          asArray(updates.map((u) => u.update)),
          Date.now(),
          asArray(binds.map((b) => b[0])),
          asArray(binds.map((b) => b[1])),
          asArray(binds.map((b) => b[2])),
        ],
      );
      // Identities are drawn in the order of the arrays; sorted, whatever order the rows come back in.
      return rows.map((row) => Number(row.seq)).sort((x, y) => x - y);
    },

    async compact(docName, state, throughSeq, syncState = null) {
      const id = await idOf(docName);
      await sql.get("SELECT doc_log_compact(?, ?, ?, ?, ?, ?)", [
        docName,
        id,
        state,
        syncState,
        throughSeq,
        Date.now(),
      ]);
    },

    async contributions(docName) {
      const id = await idOf(docName);
      return sql.all<DocumentContribution>(
        `SELECT user_id AS "userId", sum(updates) AS updates, sum(bytes) AS bytes, min(first_at) AS "firstAt",
           max(last_at) AS "lastAt"
         FROM (
           SELECT user_id, updates, bytes, first_at, last_at FROM doc_contributions WHERE doc_name = ?
           UNION ALL
           SELECT user_id, count(*), sum(octet_length(data)), min(created_at), max(created_at)
           FROM doc_log WHERE doc_id = ? GROUP BY user_id
         ) c GROUP BY user_id ORDER BY user_id`,
        [docName, id],
      );
    },
  };
}
