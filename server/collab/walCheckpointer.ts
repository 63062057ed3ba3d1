import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Log } from "../ops/log";
import type { Db } from "../store/db";

/**
 * While the worker runs, the main connection checkpoints only past this many WAL pages (SQLite's
 * default is 1,000): a backstop (40 MB of WAL) that is not reached while the worker keeps up.
 */
const BACKSTOP_PAGES = 10_000;
const SQLITE_DEFAULT_PAGES = 1000;

/** What one checkpoint found: the WAL's frames, and how many of them are now in the database. */
export interface CheckpointReport {
  /** When its last try started (Date.now()). */
  startedAt: number;
  walFrames: number;
  checkpointedFrames: number;
}

export interface WalCheckpointer {
  /** Checkpoints run (one per tick after commits, however many tries it took). */
  readonly counts: { checkpoints: number };
  /** The latest checkpoint's report; null before the first. */
  readonly last: CheckpointReport | null;
  /** Stops the worker and gives checkpoints back to the main connection. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. With SQLite's automatic checkpoint, the commit that
 * crosses 1,000 WAL pages copies them into the database and fsyncs both files on the thread that
 * relays updates (1–11 ms, several times a second under typing load). Here a worker thread with its
 * own connection checkpoints every `intervalMs` instead (when something was committed). Durability is
 * unchanged: a commit is in the WAL before anything is relayed, checkpointed or not, and checkpoints
 * still fsync (synchronous = NORMAL). The WAL stays bounded: after a complete checkpoint the next
 * commit starts it over; the backstop bounds it should the worker stop, or should commits keep
 * landing during its checkpoints for 10,000 pages (the main connection then checkpoints the rest).
 * Returns null for an in-memory database (no WAL).
 */
export function startWalCheckpointer(db: Db, log: Log, intervalMs = 1000): WalCheckpointer | null {
  if (db.memory) return null;
  const counts = { checkpoints: 0 };
  let last: CheckpointReport | null = null;
  const worker = new Worker(new URL("./walCheckpointWorker.cjs", import.meta.url), {
    // Plain CommonJS: none of the process's loader flags (tsx, --input-type…) apply to it.
    execArgv: [],
    workerData: {
      file: db.name,
      sqlite: createRequire(import.meta.url).resolve("better-sqlite3"),
      intervalMs,
    },
  });
  worker.unref();
  worker.on("message", (report: CheckpointReport) => {
    counts.checkpoints++;
    last = report;
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("error", (error) => {
    log.error({ err: error }, "collab: the WAL checkpointer stopped; the main connection checkpoints again");
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  });
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return {
    counts,
    get last() {
      return last;
    },
    async stop() {
      // Unreferenced, the worker would let the process exit before it closed its connection.
      worker.ref();
      worker.postMessage("stop");
      await exited;
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    },
  };
}
