import type { SqliteSql } from "./sqliteSql";

/** A document as stored: its snapshot (null before the first compaction) and the log rows after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Log rows not yet folded into the snapshot, in commit order. */
  updates: Uint8Array[];
  /** The highest seq the document has in storage (0 when it has none). */
  lastSeq: number;
  /** Total bytes of `updates`. */
  logBytes: number;
  /** The member each Yjs client id of the document is bound to (see migration 012). */
  clients: Map<number, string>;
  /**
   * The snapshot as a sync sends it, deleted text collected (migration 044; see snapshot.ts), when
   * the compaction that wrote the snapshot stored one.
   */
  syncState?: Uint8Array | null;
}

/** One Yjs update and the member who sent it. */
export interface NewDocumentUpdate {
  docName: string;
  userId: string;
  update: Uint8Array;
  /** Client ids first used by this update, to bind to `userId` in the same transaction. */
  clients?: readonly number[];
}

/** How much one member wrote into a document, over its whole history. */
export interface DocumentContribution {
  userId: string;
  updates: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
}

/**
 * Storage of collaborative documents: an append-only update log per document, compacted into a
 * snapshot now and then. Asynchronous so a networked database can implement it too.
 */
export interface DocumentStore {
  load(docName: string): Promise<StoredDocument>;
  /** The highest seq the document has in storage (0 when it has none): its state, cheaply. */
  lastSeq(docName: string): Promise<number>;
  /** Appends every update in one transaction (a group commit); resolves with their seqs, in order. */
  append(updates: readonly NewDocumentUpdate[]): Promise<number[]>;
  /**
   * In one transaction: stores `state` as the snapshot, adds the per-member counts of the log rows
   * up to `throughSeq` to the contributions, and deletes those rows. `state` must contain them all.
   * `syncState`, stored beside it (null when not given), must be the same document garbage-collected.
   */
  compact(
    docName: string,
    state: Uint8Array,
    throughSeq: number,
    syncState?: Uint8Array | null,
  ): Promise<void>;
  /** Per-member counts, folded and not yet folded alike. */
  contributions(docName: string): Promise<DocumentContribution[]>;
}

// better-sqlite3 binds Buffers, not plain Uint8Arrays; this wraps without copying.
const blob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The SQLite implementation; statements are prepared once. The log lives in `doc_log`, clustered on
 * (document id, seq), so a group commit writes one page per document it touches (migration 008).
 * It is the collaboration hot path, so it stays synchronous SQL in better-sqlite3's own
 * transactions, run through `exclusive` so that it never lands inside another caller's open
 * transaction; when none is open (nearly always) it runs at once, as before the store was async.
 */
export function createSqliteDocumentStore(sqlite: SqliteSql): DocumentStore {
  const { db } = sqlite;
  const snapshot = db.prepare<[string], { state: Buffer; sync_state: Buffer | null; through_seq: number }>(
    "SELECT state, sync_state, through_seq FROM doc_snapshots WHERE doc_name = ?",
  );
  const findId = db.prepare<[string], number>("SELECT id FROM doc_names WHERE name = ?").pluck();
  const addName = db.prepare<[string]>("INSERT OR IGNORE INTO doc_names (name) VALUES (?)");
  const logAfter = db.prepare<[number, number], { seq: number; data: Buffer }>(
    "SELECT seq, data FROM doc_log WHERE doc_id = ? AND seq > ? ORDER BY seq",
  );
  const lastSeq = db
    .prepare<[{ id: number; doc: string }], number>(
      `SELECT coalesce((SELECT max(seq) FROM doc_log WHERE doc_id = @id),
         (SELECT through_seq FROM doc_snapshots WHERE doc_name = @doc), 0)`,
    )
    .pluck();
  const insertUpdate = db.prepare<[number, number, string, Buffer, number]>(
    "INSERT INTO doc_log (doc_id, seq, user_id, data, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const upsertSnapshot = db.prepare<[string, Buffer, Buffer | null, number, number]>(
    `INSERT INTO doc_snapshots (doc_name, state, sync_state, through_seq, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, sync_state = excluded.sync_state,
       through_seq = excluded.through_seq, updated_at = excluded.updated_at`,
  );
  const foldContributions = db.prepare<[{ doc: string; id: number; through: number }]>(
    `INSERT INTO doc_contributions (doc_name, user_id, updates, bytes, first_at, last_at)
       SELECT @doc, user_id, count(*), sum(length(data)), min(created_at), max(created_at)
       FROM doc_log WHERE doc_id = @id AND seq <= @through GROUP BY user_id
     ON CONFLICT (doc_name, user_id) DO UPDATE SET updates = updates + excluded.updates,
       bytes = bytes + excluded.bytes, first_at = min(first_at, excluded.first_at),
       last_at = max(last_at, excluded.last_at)`,
  );
  const deleteFolded = db.prepare<[number, number]>("DELETE FROM doc_log WHERE doc_id = ? AND seq <= ?");
  const clients = db.prepare<[string], { client_id: number; user_id: string }>(
    "SELECT client_id, user_id FROM doc_clients WHERE doc_name = ?",
  );
  // First binding wins: the collaboration server never asks to rebind an id.
  const bindClient = db.prepare<[string, number, string, number]>(
    "INSERT OR IGNORE INTO doc_clients (doc_name, client_id, user_id, bound_at) VALUES (?, ?, ?, ?)",
  );
  const contributions = db.prepare<[{ doc: string; id: number | null }], DocumentContribution>(
    `SELECT user_id AS userId, sum(updates) AS updates, sum(bytes) AS bytes, min(first_at) AS firstAt,
       max(last_at) AS lastAt
     FROM (
       SELECT user_id, updates, bytes, first_at, last_at FROM doc_contributions WHERE doc_name = @doc
       UNION ALL
       SELECT user_id, count(*), sum(length(data)), min(created_at), max(created_at)
       FROM doc_log WHERE doc_id = @id GROUP BY user_id
     ) GROUP BY user_id ORDER BY user_id`,
  );

  // Names never change id and are never deleted, so ids are cached once committed (an id read
  // inside a transaction that then rolls back could be handed to another name later).
  const ids = new Map<string, number>();
  const idOf = (docName: string): number | null => {
    const cached = ids.get(docName);
    if (cached !== undefined) return cached;
    const id = findId.get(docName);
    if (id === undefined || db.inTransaction) return id ?? null;
    ids.set(docName, id);
    return id;
  };
  const addNames = db.transaction((names: Iterable<string>) => {
    for (const name of names) addName.run(name);
  });

  const readDocument = db.transaction((docName: string): StoredDocument => {
    const snap = snapshot.get(docName);
    const throughSeq = snap?.through_seq ?? 0;
    const id = idOf(docName);
    const rows = id === null ? [] : logAfter.all(id, throughSeq);
    return {
      snapshot: snap ? snap.state : null,
      updates: rows.map((row) => row.data),
      lastSeq: rows.at(-1)?.seq ?? throughSeq,
      logBytes: rows.reduce((sum, row) => sum + row.data.byteLength, 0),
      clients: new Map(clients.all(docName).map((row) => [row.client_id, row.user_id])),
      syncState: snap?.sync_state ?? null,
    };
  });
  const appendAll = db.transaction((updates: readonly NewDocumentUpdate[]): number[] => {
    const now = Date.now();
    // The last seq of each document in this batch, read once and counted on from there.
    const last = new Map<number, number>();
    return updates.map((u) => {
      const id = idOf(u.docName) as number;
      const seq = (last.get(id) ?? lastSeq.get({ id, doc: u.docName }) ?? 0) + 1;
      last.set(id, seq);
      insertUpdate.run(id, seq, u.userId, blob(u.update), now);
      for (const client of u.clients ?? []) bindClient.run(u.docName, client, u.userId, now);
      return seq;
    });
  });
  const append = (updates: readonly NewDocumentUpdate[]): number[] => {
    // A document's first write names it, in a transaction of its own so its id is cached committed.
    const unnamed = new Set<string>();
    for (const u of updates) if (idOf(u.docName) === null) unnamed.add(u.docName);
    if (unnamed.size > 0) addNames(unnamed);
    // IMMEDIATE: it reads each document's last seq before writing (see the store's `transaction`).
    return appendAll.immediate(updates);
  };
  const compactOne = db.transaction(
    (docName: string, state: Uint8Array, throughSeq: number, syncState: Uint8Array | null) => {
      upsertSnapshot.run(docName, blob(state), syncState ? blob(syncState) : null, throughSeq, Date.now());
      const id = idOf(docName);
      if (id === null) return;
      foldContributions.run({ doc: docName, id, through: throughSeq });
      deleteFolded.run(id, throughSeq);
    },
  );

  return {
    load: (docName) => sqlite.exclusive(() => readDocument(docName)),
    lastSeq: (docName) => sqlite.exclusive(() => lastSeq.get({ id: idOf(docName) ?? -1, doc: docName }) ?? 0),
    append: (updates) => sqlite.exclusive(() => append(updates)),
    compact: (docName, state, throughSeq, syncState = null) =>
      sqlite.exclusive(() => compactOne(docName, state, throughSeq, syncState)),
    contributions: (docName) =>
      sqlite.exclusive(() => contributions.all({ doc: docName, id: idOf(docName) })),
  };
}
