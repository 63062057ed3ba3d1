import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLog } from "../ops/log";
import { type Db, openDb } from "../store/db";
import { createSqliteDocumentStore } from "../store/documents";
import { SqliteSql } from "../store/sqliteSql";
import { waitFor } from "./test/clients";
import { startWalCheckpointer } from "./walCheckpointer";

const PAGE = 4096;
const log = createLog("warn");
const update = new Uint8Array(30).fill(7);

describe("the WAL checkpointer", () => {
  let dir: string;
  let db: Db;
  const walBytes = () => fs.statSync(`${db.name}-wal`).size;
  /** One commit of one page per call. */
  const commit = (n: number) => {
    const store = createSqliteDocumentStore(new SqliteSql(db));
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.append([{ docName: `plan:${i % 3}`, userId: "ana", update }]),
      ),
    );
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-wal-"));
    db = openDb(path.join(dir, "cocrea.db"));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes checkpoints off the main connection, and gives them back when stopped", async () => {
    const checkpointer = startWalCheckpointer(db, log, 3_600_000);
    await commit(1500);
    // SQLite alone would have checkpointed and started the WAL over at 1,000 pages.
    expect(walBytes()).toBeGreaterThan(1500 * PAGE);
    await checkpointer?.stop();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  });

  it("checkpoints from its worker, so each burst of commits starts the WAL over", async () => {
    const checkpointer = startWalCheckpointer(db, log, 20);
    if (!checkpointer) throw new Error("a file database gets a checkpointer");
    let largest = 0;
    for (let round = 0; round < 20; round++) {
      await commit(149);
      // Taken before the burst's last commit, so a complete checkpoint after it always comes.
      const beforeLast = Date.now();
      await commit(1);
      largest = Math.max(largest, walBytes());
      await waitFor(
        () => {
          const last = checkpointer.last;
          return !!last && last.startedAt >= beforeLast && last.checkpointedFrames === last.walFrames;
        },
        10_000,
        "a complete checkpoint after the burst",
      );
    }
    await checkpointer.stop();
    // 3,000 one-page commits (and the migrations' 100-odd pages): without the worker the WAL would
    // hold them all. A burst or two may share a WAL when a commit lands during the checkpoint.
    expect(largest).toBeLessThan(750 * PAGE);
    expect(db.prepare("SELECT count(*) FROM doc_log").pluck().get()).toBe(20 * 150);
  });

  it("keeps the process alive until it has stopped", () => {
    // Nothing else holds the event loop open here, as at the end of a shutdown.
    const script = `
      const { openDb } = await import(${JSON.stringify(path.join(import.meta.dirname, "../store/db.ts"))});
      const { startWalCheckpointer } = await import(${JSON.stringify(path.join(import.meta.dirname, "walCheckpointer.ts"))});
      const { createLog } = await import(${JSON.stringify(path.join(import.meta.dirname, "../ops/log.ts"))});
      const db = openDb(${JSON.stringify(path.join(dir, "child.db"))});
      await startWalCheckpointer(db, createLog("warn")).stop();
      db.close();
      console.log("stopped");`;
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(output.trim()).toBe("stopped");
  });

  it("is not started for an in-memory database", () => {
    const memory = openDb(":memory:");
    expect(startWalCheckpointer(memory, log)).toBeNull();
    memory.close();
  });
});
