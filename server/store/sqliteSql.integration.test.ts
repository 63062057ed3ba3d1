import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "./db";
import type { Sql } from "./sql";
import { SqliteSql } from "./sqliteSql";

describe("SqliteSql", () => {
  let dir: string;
  let sql: SqliteSql;
  const count = async () => (await sql.get<{ n: number }>("SELECT count(*) AS n FROM t"))?.n;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-sql-"));
    sql = new SqliteSql(openDb(path.join(dir, "cocrea.db")));
    await sql.run("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  });
  afterEach(() => {
    sql.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers a statement at once when no transaction is open", async () => {
    const answer = sql.run("INSERT INTO t (v) VALUES (?)", ["a"]);
    // Already run: the row is there before the promise is awaited.
    expect(sql.db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(1);
    expect(await answer).toEqual({ changes: 1 });
    expect(await sql.all("SELECT v FROM t")).toEqual([{ v: "a" }]);
  });

  it("makes other statements wait while a transaction awaits, so they neither join nor see it", async () => {
    let release = () => {};
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = sql.transaction(async (t) => {
      await t.run("INSERT INTO t (v) VALUES ('in tx')");
      await paused;
      throw new Error("rolled back");
    });
    const outside = sql.run("INSERT INTO t (v) VALUES ('outside')");
    const seen = count();
    release();
    await expect(tx).rejects.toThrow("rolled back");
    await outside;
    // The outside insert ran after the rollback, on its own: it stays; the transaction's row does not.
    expect(await seen).toBe(1);
    expect(await sql.all("SELECT v FROM t")).toEqual([{ v: "outside" }]);
  });

  it("runs queued statements and transactions in the order they came", async () => {
    const order: string[] = [];
    const first = sql.transaction(async (t) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await t.run("INSERT INTO t (v) VALUES ('first')");
      order.push("first");
    });
    const second = sql.transaction(async (t) => {
      await t.run("INSERT INTO t (v) VALUES ('second')");
      order.push("second");
    });
    const third = sql.run("INSERT INTO t (v) VALUES ('third')").then(() => order.push("third"));
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first", "second", "third"]);
    expect((await sql.all<{ v: string }>("SELECT v FROM t ORDER BY id")).map((r) => r.v)).toEqual([
      "first",
      "second",
      "third",
    ]);
  });

  it("rolls back only a nested transaction's statements when it rejects (a savepoint)", async () => {
    await sql.transaction(async (t) => {
      await t.run("INSERT INTO t (v) VALUES ('kept')");
      await expect(
        t.transaction(async (inner) => {
          await inner.run("INSERT INTO t (v) VALUES ('dropped')");
          throw new Error("inner refused");
        }),
      ).rejects.toThrow("inner refused");
    });
    expect(await sql.all("SELECT v FROM t")).toEqual([{ v: "kept" }]);
  });

  it("refuses a statement that bypasses the transaction's handle instead of waiting for itself forever", async () => {
    await expect(
      sql.transaction(async (t) => {
        await t.run("INSERT INTO t (v) VALUES ('a')");
        await sql.run("INSERT INTO t (v) VALUES ('b')");
      }),
    ).rejects.toThrow(/bypassed its handle/);
    expect(await count()).toBe(0);
  });

  it("refuses the handle once its transaction has ended", async () => {
    const leaked: Sql[] = [];
    await sql.transaction(async (t) => {
      leaked.push(t);
    });
    await expect(leaked[0]?.run("INSERT INTO t (v) VALUES ('late')")).rejects.toThrow(/has ended/);
  });

  it("binds Uint8Arrays as blobs", async () => {
    await sql.run("CREATE TABLE b (data BLOB)");
    await sql.run("INSERT INTO b VALUES (?)", [new Uint8Array([1, 2, 3])]);
    const row = await sql.get<{ data: Buffer }>("SELECT data FROM b");
    expect([...(row?.data ?? [])]).toEqual([1, 2, 3]);
  });

  it("takes the write lock at the start of a transaction, so another process's write cannot void it", async () => {
    // A deferred transaction that read first, then saw another connection commit, would fail its
    // own write at once (SQLITE_BUSY_SNAPSHOT); instances sharing one file rely on IMMEDIATE.
    const other = new SqliteSql(openDb(path.join(dir, "cocrea.db")));
    other.db.pragma("busy_timeout = 10");
    try {
      await sql.transaction(async (t) => {
        await t.all("SELECT v FROM t");
        await expect(other.run("INSERT INTO t (v) VALUES ('other')")).rejects.toThrow(/locked|busy/i);
        await t.run("INSERT INTO t (v) VALUES ('mine')");
      });
      expect(await sql.all("SELECT v FROM t")).toEqual([{ v: "mine" }]);
    } finally {
      other.db.close();
    }
  });
});
