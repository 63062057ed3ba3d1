import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { CLOSE_CODES } from "@shared/closeCodes";
import { LIMITS } from "@shared/limits";
import { type WebSocket, WebSocketServer } from "ws";
import type { AppContext, DocumentChanges } from "../context";
import type { DocumentStore } from "../store/documents";
import { Connection } from "./Connection";
import { DocumentRegistry } from "./DocumentRegistry";
import { type CommitObserver, type CompactionPolicy, GroupCommit } from "./GroupCommit";
import { PublicLive, type PublicLiveStats, publicLiveTarget } from "./publicLive";
import type { DocumentRelay } from "./relay";
import { withSharedCompaction } from "./sharedCompaction";
import { authorizeUpgrade, docNameFromUrl, isRefusal } from "./upgrade";
import { startWalCheckpointer } from "./walCheckpointer";
import { watchAccess, watchSession } from "./watchAccess";

export interface CollabOptions {
  /** Where documents are stored: SQLite in ctx.db() unless given (a networked database's store). */
  store?: DocumentStore;
  /** Fans document frames out; the context's (in-process, or Redis for several instances) unless given. */
  relay?: DocumentRelay;
  /** Fold a document's log into its snapshot past this many rows or bytes (and on unload). */
  compaction?: Partial<CompactionPolicy>;
  /** Ping interval; a socket that misses a ping is cut off at the next. */
  heartbeatMs?: number;
}

export interface CollabStats {
  /** Documents in memory now (loading, loaded or unloading), and sockets open now. */
  documents: number;
  connections: number;
  /** Since start: document loads started and failed, upgrades refused, readers' updates dropped. */
  loads: number;
  loadFailures: number;
  refusals: number;
  readerUpdatesDropped: number;
  /** Since start: first sync requests answered from storage before their document was built. */
  answeredFromStorage: number;
  /** Since start: group commits, updates they stored, compactions. */
  commits: number;
  updatesStored: number;
  compactions: number;
  /** Since start: WAL checkpoints the worker thread made (see walCheckpointer.ts). */
  checkpoints: number;
  /** The live public draft: readers open now, plans they read, readers refused since start. */
  publicLive: PublicLiveStats;
}

export interface CollabServer extends DocumentChanges {
  /**
   * Closes every socket (4503, so clients retry), waits for server-side changes under way, stores
   * and compacts every document, unloads them. Later changes are refused.
   */
  close(): Promise<void>;
  stats(): CollabStats;
}

/** Counts and times commits for /metrics; logs and counts what failed. */
function observeCommits({ metrics, log }: AppContext): CommitObserver {
  return {
    received: () => metrics.updatesReceived.inc(),
    stored(waitedMs) {
      metrics.updatesStored.inc(waitedMs.length);
      for (const ms of waitedMs) metrics.commitLatency.observe(ms / 1000);
    },
    failed(operation, error, docNames) {
      metrics.databaseErrors.inc({ operation: `collab_${operation}` });
      // A failed append drops the documents (clients reload them); a failed compaction is retried.
      log.error({ err: error, operation, docNames }, `collab: ${operation} failed`);
    },
  };
}

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The HTTP server whose upgrades we take: what @hono/node-server's serve() returns. */
interface UpgradeSource {
  on(event: "upgrade", listener: UpgradeListener): unknown;
  off(event: "upgrade", listener: UpgradeListener): unknown;
}

const DEFAULT_COMPACTION: CompactionPolicy = { afterUpdates: 500, afterBytes: 1024 * 1024 };

/**
 * The collaboration server: the y-websocket protocol on `/collab/<docName>` of `server`. Upgrades
 * to other paths are refused (the socket is destroyed). Wiring only; each concern has its module:
 * upgrade.ts and access.ts decide who may do what (watchAccess.ts keeps it current), Connection.ts
 * owns a socket's limits, DocumentRegistry.ts loads and unloads, CollabDocument.ts speaks the
 * protocol, GroupCommit.ts makes updates durable before relay.ts fans them out, walCheckpointer.ts
 * keeps SQLite's checkpoints off the thread that relays.
 *
 * It also becomes `ctx.documents`, so REST commands change documents through the same registry
 * (never a second copy of a loaded document) and the same durable-before-relay path.
 */
export function attachCollab(
  server: UpgradeSource,
  ctx: AppContext,
  options: CollabOptions = {},
): CollabServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxCollabMessageBytes });
  const ownStore = options.store ?? ctx.documentStore;
  // Several instances may hold one document: compaction must then fold what storage holds too.
  const store = ctx.redis ? withSharedCompaction(ownStore, ctx.redis) : ownStore;
  const commits = new GroupCommit(
    store,
    { ...DEFAULT_COMPACTION, ...options.compaction },
    observeCommits(ctx),
  );
  // PostgreSQL checkpoints by itself; SQLite's WAL is checkpointed here, off the commit path.
  const checkpointer = ctx.sql.dialect === "sqlite" ? startWalCheckpointer(ctx.db(), ctx.log) : null;
  const registry = new DocumentRegistry(
    store,
    commits,
    options.relay ?? ctx.documentRelay,
    (error, docName) => ctx.log.error({ err: error, docName }, "collab: catching up from storage failed"),
  );
  const publicLive = new PublicLive(ctx, {
    relay: options.relay ?? ctx.documentRelay,
    store,
    maxReadersPerAddress: ctx.config.maxPublicReadersPerAddress,
    heartbeatMs: options.heartbeatMs,
  });
  const connections = new Set<Connection>();
  const changesUnderWay = new Set<Promise<unknown>>();
  let refusals = 0;
  let closing = false;

  ctx.metrics.sources.sockets = () => connections.size;
  ctx.metrics.sources.documents = () => registry.size;

  async function accept(ws: WebSocket, req: IncomingMessage, docName: string): Promise<void> {
    const conn = new Connection(ws, req.socket);
    connections.add(conn);
    const opened = performance.now();
    ctx.log.info({ socket: conn.id, docName }, "socket opened");
    conn.onClose(() => {
      connections.delete(conn);
      const seconds = Math.round(performance.now() - opened) / 1000;
      ctx.log.info({ socket: conn.id, docName, code: conn.closeCode, seconds }, "socket closed");
    });
    try {
      const outcome = await authorizeUpgrade(req, docName, ctx);
      if (isRefusal(outcome)) {
        refusals++;
        conn.close(outcome.code, outcome.reason);
        return;
      }
      if (!conn.isOpen) return;
      const sessionRefusal = await watchSession(conn, outcome.sessionKey, ctx.liveSessions);
      if (sessionRefusal) {
        refusals++;
        conn.close(sessionRefusal.code, sessionRefusal.reason);
        return;
      }
      conn.grant(outcome);
      watchAccess(conn, outcome.workspaceId, ctx.relay);
      await registry.attach(outcome.docName, conn);
    } catch (error) {
      ctx.log.error({ err: error, socket: conn.id, docName }, "collab: could not open the document");
      conn.close(CLOSE_CODES.unavailable, "the document could not be loaded");
    }
  }

  const onUpgrade: UpgradeListener = (req, socket, head) => {
    const publicTarget = closing ? null : publicLiveTarget(req.url);
    if (publicTarget) {
      publicLive.handleUpgrade(req, socket, head, publicTarget);
      return;
    }
    const docName = docNameFromUrl(req.url);
    if (docName === null || closing) {
      socket.destroy();
      return;
    }
    // The upgrade completes before any check, so a refusal reaches the client as a close code.
    wss.handleUpgrade(req, socket, head, (ws) => void accept(ws, req, docName));
  };
  server.on("upgrade", onUpgrade);

  const heartbeat = setInterval(() => {
    for (const conn of connections) conn.heartbeat();
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  let closed: Promise<void> | null = null;
  async function shutDown(): Promise<void> {
    closing = true;
    server.off("upgrade", onUpgrade);
    clearInterval(heartbeat);
    for (const conn of connections) conn.close(CLOSE_CODES.unavailable, "the server is restarting");
    await publicLive.close();
    await Promise.allSettled(changesUnderWay);
    await registry.drain();
    await commits.settle();
    await checkpointer?.stop();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  const collab: CollabServer = {
    change(docName, userId, edit) {
      if (closing) return Promise.reject(new Error("the collaboration server is closed"));
      const change = registry.change(docName, userId, edit);
      changesUnderWay.add(change);
      void change.catch(() => {}).finally(() => changesUnderWay.delete(change));
      return change;
    },
    close: () => {
      closed ??= shutDown();
      return closed;
    },
    stats: () => ({
      documents: registry.size,
      connections: connections.size,
      ...registry.counts,
      refusals,
      ...commits.counts,
      checkpoints: checkpointer?.counts.checkpoints ?? 0,
      publicLive: publicLive.stats(),
    }),
  };
  ctx.documents = collab;
  return collab;
}
