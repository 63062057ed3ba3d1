import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type Db, openDb } from "./db";
import { createSqliteDocumentStore, type DocumentStore } from "./documents";

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
    store = createSqliteDocumentStore(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loads a document it never stored as empty", async () => {
    expect(await store.load("plan:new")).toEqual({ snapshot: null, updates: [], lastSeq: 0, logBytes: 0 });
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
      "CREATE TRIGGER fail_delete BEFORE DELETE ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expect(store.compact("plan:a", state, seqs[2] ?? 0)).rejects.toThrow("disk full");
    const loaded = await store.load("plan:a");
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates).toHaveLength(3);
    expect(db.prepare("SELECT count(*) FROM doc_contributions").pluck().get()).toBe(0);
  });
});
