import type { DocumentContribution, DocumentStore, NewDocumentUpdate, StoredDocument } from "./documents";
import type { Sql } from "./sql";

/**
 * The PostgreSQL document store. The log's seq is one identity for all documents, so instances
 * appending to one document at once never collide. Every append and compaction first takes a
 * transaction-scoped advisory lock per document it touches (in id order, so two never deadlock):
 * a document's rows then commit in seq order, and a compaction through seq N has seen every row
 * up to N that will ever exist.
 */
/** Rows per INSERT: 4 parameters each, well under PostgreSQL's 65,535 per statement. */
const ROWS_PER_STATEMENT = 1000;

export function createPostgresDocumentStore(sql: Sql): DocumentStore {
  // Names never change id and are never deleted: cached once committed.
  const ids = new Map<string, number>();
  const idOf = async (tx: Sql, docName: string): Promise<number | null> => {
    const cached = ids.get(docName);
    if (cached !== undefined) return cached;
    const row = await tx.get<{ id: number }>("SELECT id FROM doc_names WHERE name = ?", [docName]);
    return row?.id ?? null;
  };
  const name = async (docName: string): Promise<number> => {
    const cached = ids.get(docName);
    if (cached !== undefined) return cached;
    await sql.run("INSERT INTO doc_names (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [docName]);
    const id = await idOf(sql, docName);
    if (id === null) throw new Error(`document ${docName} has no id right after naming it`);
    ids.set(docName, id);
    return id;
  };
  const lock = async (tx: Sql, docIds: Iterable<number>): Promise<void> => {
    for (const id of [...new Set(docIds)].sort((a, b) => a - b)) {
      await tx.get("SELECT pg_advisory_xact_lock(?)", [id]);
    }
  };

  return {
    load: (docName) =>
      sql.transaction(async (tx): Promise<StoredDocument> => {
        const snap = await tx.get<{ state: Buffer; through_seq: number }>(
          "SELECT state, through_seq FROM doc_snapshots WHERE doc_name = ?",
          [docName],
        );
        const throughSeq = snap?.through_seq ?? 0;
        const id = await idOf(tx, docName);
        const rows =
          id === null
            ? []
            : await tx.all<{ seq: number; data: Buffer }>(
                "SELECT seq, data FROM doc_log WHERE doc_id = ? AND seq > ? ORDER BY seq",
                [id, throughSeq],
              );
        const clients = await tx.all<{ client_id: number; user_id: string }>(
          "SELECT client_id, user_id FROM doc_clients WHERE doc_name = ?",
          [docName],
        );
        return {
          snapshot: snap ? snap.state : null,
          updates: rows.map((row) => row.data),
          lastSeq: rows.at(-1)?.seq ?? throughSeq,
          logBytes: rows.reduce((sum, row) => sum + row.data.byteLength, 0),
          clients: new Map(clients.map((row) => [row.client_id, row.user_id])),
        };
      }),

    async lastSeq(docName) {
      const id = await idOf(sql, docName);
      const row = await sql.get<{ seq: number }>(
        `SELECT coalesce((SELECT max(seq) FROM doc_log WHERE doc_id = ?),
           (SELECT through_seq FROM doc_snapshots WHERE doc_name = ?), 0) AS seq`,
        [id ?? -1, docName],
      );
      return row?.seq ?? 0;
    },

    async append(updates: readonly NewDocumentUpdate[]) {
      const docIds = new Map<string, number>();
      for (const u of updates) if (!docIds.has(u.docName)) docIds.set(u.docName, await name(u.docName));
      return sql.transaction(async (tx) => {
        await lock(tx, docIds.values());
        const now = Date.now();
        // A few statements per group commit, not one per update: each is a round trip to the
        // database, and a group commit of a busy tick holds hundreds of updates.
        const seqs: number[] = [];
        for (let start = 0; start < updates.length; start += ROWS_PER_STATEMENT) {
          const chunk = updates.slice(start, start + ROWS_PER_STATEMENT);
          const rows = await tx.all<{ seq: number }>(
            `INSERT INTO doc_log (doc_id, user_id, data, created_at) VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")} RETURNING seq`,
            chunk.flatMap((u) => [docIds.get(u.docName) as number, u.userId, u.update, now]),
          );
          // Identities are drawn in the order of the VALUES list; sorted, whatever order RETURNING lists them in.
          seqs.push(...rows.map((row) => Number(row.seq)).sort((x, y) => x - y));
        }
        const bindings = updates.flatMap((u) =>
          (u.clients ?? []).map((client) => [u.docName, client, u.userId, now] as const),
        );
        for (let start = 0; start < bindings.length; start += ROWS_PER_STATEMENT) {
          const chunk = bindings.slice(start, start + ROWS_PER_STATEMENT);
          // First binding wins: the collaboration server never asks to rebind an id (within one
          // statement too: DO NOTHING skips the later duplicate).
          await tx.run(
            `INSERT INTO doc_clients (doc_name, client_id, user_id, bound_at) VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}
             ON CONFLICT (doc_name, client_id) DO NOTHING`,
            chunk.flat(),
          );
        }
        return seqs;
      });
    },

    compact: (docName, state, throughSeq) =>
      sql.transaction(async (tx) => {
        const id = await idOf(tx, docName);
        if (id !== null) await lock(tx, [id]);
        await tx.run(
          `INSERT INTO doc_snapshots (doc_name, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
             updated_at = excluded.updated_at`,
          [docName, state, throughSeq, Date.now()],
        );
        if (id === null) return;
        await tx.run(
          `INSERT INTO doc_contributions (doc_name, user_id, updates, bytes, first_at, last_at)
             SELECT ?, user_id, count(*), sum(octet_length(data)), min(created_at), max(created_at)
             FROM doc_log WHERE doc_id = ? AND seq <= ? GROUP BY user_id
           ON CONFLICT (doc_name, user_id) DO UPDATE SET
             updates = doc_contributions.updates + excluded.updates,
             bytes = doc_contributions.bytes + excluded.bytes,
             first_at = least(doc_contributions.first_at, excluded.first_at),
             last_at = greatest(doc_contributions.last_at, excluded.last_at)`,
          [docName, id, throughSeq],
        );
        await tx.run("DELETE FROM doc_log WHERE doc_id = ? AND seq <= ?", [id, throughSeq]);
      }),

    async contributions(docName) {
      const id = await idOf(sql, docName);
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
