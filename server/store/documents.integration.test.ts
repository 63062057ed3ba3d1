import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type Db, openDb } from "./db";
import { createSqliteDocumentStore, type DocumentStore } from "./documents";
import { SqliteSql } from "./sqliteSql";

/** Three successive updates of one document, as a client's edits produce them. */
function edits(): { updates: Uint8Array[]; state: Uint8Array } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = doc.getText("vision");
  text.insert(0, "A city ");
  text.insert(7, "that listens");
  text.delete(0, 2);
  return { updates, state: Y.encodeStateAsUpdate(doc) };
}

const docOf = (updates: Uint8Array[]): Y.Doc => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
};

const textOf = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string => {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText("vision").toString();
};

describe("the SQLite document store", () => {
  let dir: string;
  let db: Db;
  let store: DocumentStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-docs-"));
    db = openDb(path.join(dir, "cocrea.db"));
    store = createSqliteDocumentStore(new SqliteSql(db));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loads a document it never stored as empty", async () => {
    expect(await store.load("plan:new")).toEqual({
      snapshot: null,
      updates: [],
      lastSeq: 0,
      logBytes: 0,
      clients: new Map(),
      syncState: null,
    });
  });

  it("keeps the snapshot as a sync sends it beside the snapshot it was given with, and drops it with a later one", async () => {
    const { updates, state } = edits();
    const [seq] = await store.append([
      { docName: "plan:a", userId: "ana", update: updates[0] as Uint8Array },
    ]);
    const synced = new Uint8Array([1, 2, 3]);
    await store.compact("plan:a", state, seq ?? 0, synced);
    expect(Buffer.from((await store.load("plan:a")).syncState ?? [])).toEqual(Buffer.from(synced));
    const [next] = await store.append([
      { docName: "plan:a", userId: "ana", update: updates[1] as Uint8Array },
    ]);
    // A compaction that gives none must not leave the older one beside its newer snapshot.
    await store.compact("plan:a", state, next ?? 0);
    expect((await store.load("plan:a")).syncState).toBeNull();
  });

  it("appends a group of updates in order and loads them back", async () => {
    const { updates } = edits();
    const seqs = await store.append(updates.map((update) => ({ docName: "plan:a", userId: "ana", update })));
    expect(seqs).toHaveLength(3);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const loaded = await store.load("plan:a");
    expect(loaded.updates.map((u) => [...u])).toEqual(updates.map((u) => [...u]));
    expect(loaded.lastSeq).toBe(seqs[2]);
    expect(textOf(loaded)).toBe("city that listens");
  });

  it("folds the log into a snapshot and keeps each member's counts", async () => {
    const { updates, state } = edits();
    const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array];
    const seqs = await store.append([
      { docName: "plan:a", userId: "ana", update: first },
      { docName: "plan:a", userId: "ben", update: second },
      { docName: "plan:b", userId: "ana", update: third },
    ]);
    const before = await store.contributions("plan:a");
    await store.compact("plan:a", state, seqs[1] ?? 0);

    const loaded = await store.load("plan:a");
    expect(loaded.updates).toEqual([]);
    expect(loaded.lastSeq).toBe(seqs[1]);
    expect(textOf(loaded)).toBe("city that listens");
    expect(await store.contributions("plan:a")).toEqual(before);
    expect(before.map((c) => [c.userId, c.updates, c.bytes])).toEqual([
      ["ana", 1, first.byteLength],
      ["ben", 1, second.byteLength],
    ]);
    // Another document's log is not touched.
    expect((await store.load("plan:b")).updates).toHaveLength(1);
  });

  it("adds later rows to the folded counts", async () => {
    const { updates, state } = edits();
    const [first, second] = updates as [Uint8Array, Uint8Array];
    const [seq] = await store.append([{ docName: "plan:a", userId: "ana", update: first }]);
    await store.compact("plan:a", state, seq ?? 0);
    await store.append([{ docName: "plan:a", userId: "ana", update: second }]);
    const [ana] = await store.contributions("plan:a");
    expect(ana).toMatchObject({ userId: "ana", updates: 2, bytes: first.byteLength + second.byteLength });
  });

  it("never reuses a seq after compaction deleted every row", async () => {
    const { updates, state } = edits();
    const [seq] = await store.append([
      { docName: "plan:a", userId: "ana", update: updates[0] as Uint8Array },
    ]);
    await store.compact("plan:a", state, seq ?? 0);
    const [next] = await store.append([
      { docName: "plan:a", userId: "ana", update: updates[1] as Uint8Array },
    ]);
    expect(next).toBeGreaterThan(seq ?? 0);
    expect((await store.load("plan:a")).updates).toHaveLength(1);
  });

  it("leaves log and snapshot as they were when a compaction fails midway", async () => {
    const { updates, state } = edits();
    const seqs = await store.append(updates.map((update) => ({ docName: "plan:a", userId: "ana", update })));
    db.exec(
      "CREATE TRIGGER fail_delete BEFORE DELETE ON doc_log BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expect(store.compact("plan:a", state, seqs[2] ?? 0)).rejects.toThrow("disk full");
    const loaded = await store.load("plan:a");
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates).toHaveLength(3);
    expect(db.prepare("SELECT count(*) FROM doc_contributions").pluck().get()).toBe(0);
  });
});

describe("the update log's layout", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-doclog-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes one page to the WAL when a group commit appends to one document", async () => {
    const db = openDb(path.join(dir, "cocrea.db"));
    const store = createSqliteDocumentStore(new SqliteSql(db));
    const { updates } = edits();
    for (const update of updates) await store.append([{ docName: "plan:a", userId: "ana", update }]);
    db.pragma("wal_checkpoint(TRUNCATE)");
    await store.append([{ docName: "plan:a", userId: "ben", update: updates[0] as Uint8Array }]);
    const [{ log }] = db.pragma("wal_checkpoint(PASSIVE)") as [{ log: number }];
    db.close();
    expect(log).toBe(1);
  });

  it("moves the rows of the old log table to the new one, seqs and authors kept (migration 008)", async () => {
    const file = path.join(dir, "cocrea.db");
    const { updates, state } = edits();
    const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array];
    // A database as migrations before 008 left it, with a compacted document and another's log.
    const old = new Database(file);
    old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    const migrations = path.join(import.meta.dirname, "migrations");
    for (const name of fs.readdirSync(migrations).sort()) {
      const version = Number.parseInt(name, 10);
      if (version >= 8) continue;
      old.exec(fs.readFileSync(path.join(migrations, name), "utf8"));
      old.prepare("INSERT INTO schema_migrations VALUES (?, 0)").run(version);
    }
    const insert = old.prepare(
      "INSERT INTO doc_updates (doc_name, user_id, data, created_at) VALUES (?, ?, ?, ?)",
    );
    insert.run("plan:a", "ana", Buffer.from(first), 1);
    insert.run("plan:b", "ben", Buffer.from(first), 2);
    insert.run("plan:a", "ben", Buffer.from(second), 3);
    insert.run("plan:a", "ana", Buffer.from(third), 4);
    old
      .prepare("INSERT INTO doc_snapshots VALUES ('plan:a', ?, 1, 5)")
      .run(Buffer.from(Y.encodeStateAsUpdate(docOf([first]))));
    old.prepare("DELETE FROM doc_updates WHERE seq = 1").run();
    old.close();

    const db = openDb(file);
    const store = createSqliteDocumentStore(new SqliteSql(db));
    const a = await store.load("plan:a");
    expect(a.updates.map((u) => [...u])).toEqual([[...second], [...third]]);
    expect(a.lastSeq).toBe(4);
    expect(textOf(a)).toBe("city that listens");
    expect((await store.load("plan:b")).updates.map((u) => [...u])).toEqual([[...first]]);
    expect((await store.contributions("plan:a")).map((c) => [c.userId, c.updates])).toEqual([
      ["ana", 1],
      ["ben", 1],
    ]);
    expect(await store.append([{ docName: "plan:a", userId: "ana", update: third }])).toEqual([5]);
    await store.compact("plan:a", state, 5);
    expect(await store.load("plan:a")).toMatchObject({ updates: [], lastSeq: 5 });
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'doc_updates'").pluck().get()).toBe(0);
    db.close();
  });
});
