import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";
import * as Y from "yjs";
import { type CpuUse, startCpuMeter } from "./cpuMeter";
import { LoadClient } from "./loadClient";
import { newVisionParagraph, paragraphText } from "./planText";
import { updateMessage } from "./protocol";
import { sampleMemory } from "./servers";
import { type Percentiles, Samples, summarize } from "./stats";
import type { Target } from "./targets";

/** One edit of a sequential trace: at `pos`, delete `del` characters, then insert `ins`. */
export interface TraceOp {
  pos: number;
  del: number;
  ins: string;
}

export interface Trace {
  ops: TraceOp[];
  startContent: string;
  /** The trace's final text; null when only a prefix of the trace is replayed. */
  endContent: string | null;
}

interface TraceFile {
  startContent: string;
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

/** Reads a josephg/editing-traces sequential trace (gzipped JSON), optionally only its first `limit` ops. */
export function loadTrace(file: string, limit = Number.POSITIVE_INFINITY): Trace {
  const raw = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as TraceFile;
  const ops = raw.txns.flatMap((txn) => txn.patches.map(([pos, del, ins]) => ({ pos, del, ins })));
  const complete = ops.length <= limit;
  return {
    ops: complete ? ops : ops.slice(0, limit),
    startContent: raw.startContent,
    endContent: complete ? raw.endContent : null,
  };
}

export interface ReplayResult {
  ops: number;
  seconds: number;
  /** Per operation, the time from its send to its arrival at the second client (with `window` in flight). */
  latency: Percentiles;
  window: number;
  /** The replayed paragraph's author, and the text the second client ended with. */
  senderId: number;
  finalText: string;
  /** True when both clients hold the trace's end content (or, for a prefix, the same text). */
  matches: boolean;
  rssPeakBytes: number;
  cpu: CpuUse;
}

const STALL_TIMEOUT_MS = 60_000;

/**
 * Replays a trace through the server: one client applies each operation to its replica and sends
 * it as its own update; a second client applies what the server relays. An operation counts as
 * done when the second client has it. Up to `window` operations are in flight at once, so the
 * figure is the server's throughput rather than one round trip per operation.
 */
export async function replayTrace(target: Target, trace: Trace, window: number): Promise<ReplayResult> {
  const { server } = target;
  const memory = sampleMemory(server);
  const senderDoc = new Y.Doc();
  const receiverDoc = new Y.Doc();
  const sender = new LoadClient({ endpoint: target.endpoint(0, 0), doc: senderDoc });
  const receiver = new LoadClient({ endpoint: target.endpoint(0, 1), doc: receiverDoc, applyUpdates: true });
  await Promise.all([sender.synced, receiver.synced]);

  // Every operation's update is made up front, from the synced replica, so that the timed phase
  // measures the server and the network rather than the sender's own CRDT work.
  const messages: Uint8Array[] = [];
  senderDoc.on("update", (update: Uint8Array, origin: unknown) => {
    if (!sender.isRemoteOrigin(origin)) messages.push(updateMessage(update));
  });
  const senderId = senderDoc.clientID;
  const text = newVisionParagraph(senderDoc);
  if (trace.startContent) text.insert(0, trace.startContent);
  const setup = messages.splice(0);
  const { ops } = trace;
  for (const op of ops) {
    senderDoc.transact(() => {
      if (op.del > 0) text.delete(op.pos, op.del);
      if (op.ins) text.insert(op.pos, op.ins);
    });
  }
  if (messages.length !== ops.length) throw new Error("expected one update per trace operation");
  const expected = text.toString();

  // Progress in units the receiver can observe: characters inserted (the sender's clock) plus
  // characters deleted. `progressAfter[i]` is the progress once operation i has arrived.
  const base = Y.getState(senderDoc.store, senderId) - ops.reduce((sum, op) => sum + op.ins.length, 0);
  const progressAfter = new Float64Array(ops.length);
  let cumulative = base;
  ops.forEach((op, i) => {
    cumulative += op.del + op.ins.length;
    progressAfter[i] = cumulative;
  });

  const sentAt = new Float64Array(ops.length);
  const latencies = new Samples();
  let deleted = 0;
  let acked = 0;
  let progress = 0;
  let wake: (() => void) | null = null;
  receiverDoc.on("afterTransaction", (transaction: Y.Transaction) => {
    for (const items of transaction.deleteSet.clients.values()) for (const item of items) deleted += item.len;
    progress = Y.getState(receiverDoc.store, senderId) + deleted;
    const now = performance.now();
    while (acked < ops.length && (progressAfter[acked] ?? 0) <= progress)
      latencies.push(now - (sentAt[acked++] ?? 0));
    wake?.();
  });
  const waitForProgress = () =>
    new Promise<void>((resolve, reject) => {
      const stall = setTimeout(() => reject(new Error(`replay stalled at op ${acked}`)), STALL_TIMEOUT_MS);
      wake = () => {
        clearTimeout(stall);
        wake = null;
        resolve();
      };
    });
  for (const message of setup) sender.sendRaw(message);
  while (progress < base) await waitForProgress();

  const cpuMeter = startCpuMeter(server);
  const started = performance.now();
  let next = 0;
  while (acked < ops.length) {
    // Sends while the window has room, each operation its own message, in one write per batch.
    sender.batch(() => {
      while (next < ops.length && next - acked < window) {
        sentAt[next] = performance.now();
        sender.sendRaw(messages[next++] as Uint8Array);
      }
    });
    await waitForProgress();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMeter.stop();

  const finalText = paragraphText(receiverDoc, senderId);
  const matches = finalText === expected && (trace.endContent === null || expected === trace.endContent);
  sender.close();
  receiver.close();
  return {
    ops: ops.length,
    seconds,
    latency: summarize(latencies.values()),
    window,
    senderId,
    finalText,
    matches,
    rssPeakBytes: memory.stop(),
    cpu,
  };
}

/**
 * Connects a fresh client and times how long the server takes to hand it the whole document
 * (from creating the socket to receiving sync step 2); returns that time and the document's text.
 */
export async function timeLoad(target: Target, senderId: number): Promise<{ ms: number; text: string }> {
  const doc = new Y.Doc();
  const client = new LoadClient({ endpoint: target.endpoint(0, 0), doc });
  try {
    const ms = await client.synced;
    return { ms, text: paragraphText(doc, senderId) };
  } finally {
    client.close();
  }
}
