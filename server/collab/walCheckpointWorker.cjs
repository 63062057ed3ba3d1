// Runs on a worker thread (see walCheckpointer.ts): checkpoints the WAL of workerData.file on its own
// connection, so the checkpoint's copying and fsyncs never block the event loop that relays updates.
// PASSIVE neither waits for nor blocks the writer.
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.sqlite);

// A checkpoint is complete when no commit landed while it ran; only then can the next commit start
// the WAL over. Commits keep coming under load, so an incomplete one is retried at once (the rest
// is a few pages): a few tries usually find a gap.
const TRIES = 10;

const db = new Database(workerData.file);
let checkpointedVersion = null;

function checkpoint() {
  // data_version changes whenever another connection commits: an idle database is left alone.
  const version = db.pragma("data_version", { simple: true });
  if (version === checkpointedVersion) return;
  let result;
  let startedAt;
  // Busy (another checkpoint held the lock) reports -1 frames for both: not complete.
  const complete = () => result.busy === 0 && result.checkpointed >= result.log;
  for (let tried = 0; tried < TRIES; tried++) {
    startedAt = Date.now();
    [result] = db.pragma("wal_checkpoint(PASSIVE)");
    if (complete()) break;
  }
  // An incomplete checkpoint is tried again at the next tick, commits or not.
  if (complete()) checkpointedVersion = version;
  parentPort.postMessage({ startedAt, walFrames: result.log, checkpointedFrames: result.checkpointed });
}

const timer = setInterval(checkpoint, workerData.intervalMs);

parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
