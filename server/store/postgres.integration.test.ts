import { readdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { describeWithPostgres, type PostgresServer, startPostgresServer } from "../test/postgresServer";
import { createStore, type Store } from ".";
import { createPostgresDocumentStore } from "./documentsPostgres";
import { openPostgres } from "./postgresDb";
import type { PostgresSql } from "./postgresSql";

describeWithPostgres("the PostgreSQL store", () => {
  let server: PostgresServer;
  let sql: PostgresSql;
  let store: Store;

  beforeAll(async () => {
    server = await startPostgresServer();
    sql = await openPostgres(await server.createDatabase());
    store = createStore(sql);
    await store.users.insert({
      id: "u1",
      email: "u1@example.org",
      name: "U",
      passwordHash: "x",
      locale: null,
      createdAt: 1,
    });
    await store.workspaces.insert({
      id: "w1",
      slug: "w1",
      name: "W",
      jurisdiction: "J",
      country: null,
      periodStart: null,
      periodEnd: null,
      defaultLocale: "en",
      maxCommitments: 5,
      createdBy: "u1",
      createdAt: 1,
    });
  });
  afterAll(async () => {
    await sql?.close();
    server?.stop();
  });

  it("applies its migrations once, whoever starts first", async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([openPostgres(url), openPostgres(url)]);
    // Every migration file, each recorded once (001_schema.sql is version 1, and so on).
    const files = readdirSync(new URL("./postgres", import.meta.url)).filter((f) => f.endsWith(".sql"));
    expect(files.length).toBeGreaterThan(3);
    expect(await a.all("SELECT version FROM schema_migrations ORDER BY version")).toEqual(
      files.sort().map((file) => ({ version: Number.parseInt(file, 10) })),
    );
    await Promise.all([a.close(), b.close()]);
  });

  it("answers with numbers where SQLite does, and Uint8Arrays as bytes", async () => {
    const event = await store.events.append({
      workspaceId: "w1",
      actorId: "u1",
      type: "invitation.revoked",
      payload: { invitationId: "i1" },
      createdAt: 1_700_000_000_000,
    });
    expect(typeof event.id).toBe("number");
    expect(await store.events.latestId("w1")).toBe(event.id);
    expect((await store.events.after("w1", 0, 10)).map((e) => e.createdAt)).toEqual([
      new Date(1_700_000_000_000).toISOString(),
    ]);
  });

  it("commits a workspace's events in id order: a later append waits for an open earlier one", async () => {
    // Streams deliver "every event after the last delivered"; an id committing after a larger one
    // would be skipped for good.
    const event = (type: "invitation.revoked") => ({
      workspaceId: "w1",
      actorId: "u1",
      type,
      payload: {},
      createdAt: 1,
    });
    let release = () => {};
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstId = 0;
    const first = store.transaction(async (tx) => {
      firstId = (await tx.events.append(event("invitation.revoked"))).id;
      await paused;
    });
    await expect.poll(() => firstId).toBeGreaterThan(0);
    let secondDone = false;
    const second = store.events.append(event("invitation.revoked")).then((e) => {
      secondDone = true;
      return e;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(false);
    release();
    await first;
    expect((await second).id).toBeGreaterThan(firstId);
  });

  it("enforces the same immutability triggers, with the same messages", async () => {
    await expect(sql.run("UPDATE events SET type = 'x'")).rejects.toThrow(/append-only/);
    await expect(sql.run("DELETE FROM events")).rejects.toThrow(/append-only/);
  });

  it("rolls a transaction back when its work rejects, and refuses statements that bypass its handle", async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.memberships.insert({
          workspaceId: "w1",
          userId: "u1",
          role: "facilitator",
          sector: "government",
          organization: null,
          joinedAt: 1,
        });
        throw new Error("refused halfway");
      }),
    ).rejects.toThrow("refused halfway");
    expect(await store.memberships.get("w1", "u1")).toBeNull();
    await expect(store.transaction(async () => store.users.byId("u1"))).rejects.toThrow(
      /bypassed its handle/,
    );
  });

  it("keeps concurrent read-then-write transactions serializable, retrying the loser", async () => {
    await sql.run("CREATE TABLE counter (n INTEGER NOT NULL)");
    await sql.run("INSERT INTO counter VALUES (0)");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        sql.transaction(async (tx) => {
          const row = await tx.get<{ n: number }>("SELECT n FROM counter");
          await tx.run("UPDATE counter SET n = ?", [(row?.n ?? 0) + 1]);
        }),
      ),
    );
    expect(await sql.get("SELECT n FROM counter")).toEqual({ n: 20 });
  });

  it("stores documents whose log two writers append to at once without colliding", async () => {
    const writers = [createPostgresDocumentStore(sql), createPostgresDocumentStore(sql)];
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 40; i++) source.getText("t").insert(i, "x");
    const seqs = await Promise.all(
      updates.map((update, i) =>
        (writers[i % 2] as (typeof writers)[0]).append([{ docName: "plan:p", userId: `u${i % 2}`, update }]),
      ),
    );
    expect(new Set(seqs.flat()).size).toBe(40);
    const stored = await (writers[0] as (typeof writers)[0]).load("plan:p");
    expect(stored.updates).toHaveLength(40);
    const copy = new Y.Doc();
    for (const update of stored.updates) Y.applyUpdate(copy, update);
    expect(copy.getText("t").toString()).toBe("x".repeat(40));

    const documents = writers[0] as (typeof writers)[0];
    const synced = new Uint8Array([1, 2, 3]);
    await documents.compact("plan:p", Y.encodeStateAsUpdate(copy), stored.lastSeq, synced);
    const compacted = await documents.load("plan:p");
    expect(compacted.updates).toEqual([]);
    expect(compacted.lastSeq).toBe(stored.lastSeq);
    expect(Buffer.from(compacted.syncState ?? [])).toEqual(Buffer.from(synced));
    expect((await documents.contributions("plan:p")).map((c) => [c.userId, c.updates])).toEqual([
      ["u0", 20],
      ["u1", 20],
    ]);
  });

  it("never compacts away a row that commits after a row with a higher seq", async () => {
    // Appends to one document run side by side, so a row may commit after a later-drawn one: here
    // another instance's append holds its seq, uncommitted (waiting for its fsync), while this one's
    // commits. A load then compaction that trusted "every row up to the highest seen" would fold
    // the later row only and delete the earlier one with the rest.
    const documents = createPostgresDocumentStore(sql);
    const docName = "plan:late";
    const texts = ["first ", "early ", "late "];
    const updates = texts.map((text) => {
      const doc = new Y.Doc();
      doc.getText("t").insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    });
    const [first, early, late] = updates as [Uint8Array, Uint8Array, Uint8Array];
    await documents.append([{ docName, userId: "u1", update: first }]);
    const id = (await sql.get<{ id: number }>("SELECT id FROM doc_names WHERE name = ?", [docName]))?.id;

    const other = await sql.pool.connect();
    let loadedBeforeCommit = true;
    try {
      await other.query("BEGIN");
      const [drawn] = (
        await other.query<{ seq: number }>(
          "SELECT seq FROM doc_log_append($1::bigint[], $2::text[], $3::bytea[], $4, '{}', '{}', '{}') AS seq",
          [[id], ["u2"], [Buffer.from(early)], Date.now()],
        )
      ).rows;
      const [committed] = await documents.append([{ docName, userId: "u1", update: late }]);
      expect(Number(committed)).toBeGreaterThan(Number(drawn?.seq));

      let loaded = false;
      const loading = documents.load(docName).finally(() => {
        loaded = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      loadedBeforeCommit = loaded;
      await other.query("COMMIT");
      const stored = await loading;
      const copy = new Y.Doc({ gc: false });
      for (const update of stored.updates) Y.applyUpdate(copy, update);
      await documents.compact(docName, Y.encodeStateAsUpdate(copy), stored.lastSeq);
    } finally {
      other.release();
    }

    const after = await documents.load(docName);
    const replica = new Y.Doc();
    if (after.snapshot) Y.applyUpdate(replica, after.snapshot);
    for (const update of after.updates) Y.applyUpdate(replica, update);
    for (const text of texts) expect(replica.getText("t").toString()).toContain(text);
    expect((await documents.contributions(docName)).map((c) => [c.userId, c.updates])).toEqual([
      ["u1", 2],
      ["u2", 1],
    ]);
    // The load waited for the append under way rather than report a position with a hole below it.
    expect(loadedBeforeCommit).toBe(false);
  });

  it("refuses a compaction through a lower seq than the stored snapshot's", async () => {
    const documents = createPostgresDocumentStore(sql);
    const docName = "plan:stale";
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    doc.getText("t").insert(0, "a");
    doc.getText("t").insert(1, "b");
    const [one, two] = updates as [Uint8Array, Uint8Array];
    const [seqOne] = await documents.append([{ docName, userId: "u1", update: one }]);
    const staleState = Y.encodeStateAsUpdate(new Y.Doc());
    await documents.append([{ docName, userId: "u1", update: two }]);
    const stored = await documents.load(docName);
    await documents.compact(docName, Y.encodeStateAsUpdate(doc), stored.lastSeq);
    // Read before the compaction above committed: its state lacks the rows that one deleted.
    await documents.compact(docName, staleState, seqOne as number);
    const after = await documents.load(docName);
    const replica = new Y.Doc();
    if (after.snapshot) Y.applyUpdate(replica, after.snapshot);
    expect(replica.getText("t").toString()).toBe("ab");
    expect(after.lastSeq).toBe(stored.lastSeq);
  });
});
