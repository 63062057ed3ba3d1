import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import * as Y from "yjs";
import {
  EMPTY_STATE_VECTOR,
  EMPTY_UPDATE,
  firstClientOf,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  syncPayload,
  syncStep1,
  syncStep2,
  syncTypeOf,
  updateMessage,
} from "./protocol";

/** Where a load client connects, and as whom. */
export interface Endpoint {
  url: string;
  /** Sent as the Origin header (Cocrea refuses cookie-authenticated upgrades without a matching one). */
  origin?: string;
  cookie?: string;
}

export interface LoadClientOptions {
  endpoint: Endpoint;
  /** The client's replica. Clients without one only count what they receive. */
  doc?: Y.Doc;
  /** Apply every incoming update to `doc` (otherwise only the initial sync step 2 is applied). */
  applyUpdates?: boolean;
  /** Called with each incoming update after the initial sync, and the time it arrived. */
  onUpdate?: (update: Uint8Array, arrivedAt: number) => void;
}

/**
 * Totals over every load client of the run; scenarios read them before and after a window.
 * `echoes` are a client's own updates sent back to it (the reference server does that; Cocrea does
 * not), kept apart so that both servers' deliveries count the same thing.
 */
export const received = { updateMessages: 0, echoes: 0, bytes: 0 };

/**
 * A minimal y-websocket client on a raw `ws` socket: it answers the server's sync step 1, asks for
 * the document with its own step 1, and from then on receives updates. Thousands of these are
 * cheap because a client without a `doc` never decodes an update.
 */
export class LoadClient {
  readonly ws: WebSocket;
  readonly openedAt = performance.now();
  /** When the server's sync step 2 arrived (0 until then). */
  syncedAt = 0;
  closeCode: number | null = null;
  /** Resolves with the time from creating the socket to receiving the server's sync step 2. */
  readonly synced: Promise<number>;
  private readonly options: LoadClientOptions;

  constructor(options: LoadClientOptions) {
    this.options = options;
    const { endpoint } = options;
    this.ws = new WebSocket(endpoint.url, {
      origin: endpoint.origin,
      headers: endpoint.cookie ? { Cookie: endpoint.cookie } : undefined,
      perMessageDeflate: false,
      handshakeTimeout: 60_000,
    });
    this.synced = new Promise<number>((resolve, reject) => {
      this.ws.on("open", () => {
        const doc = this.options.doc;
        this.ws.send(syncStep1(doc ? Y.encodeStateVector(doc) : EMPTY_STATE_VECTOR));
      });
      this.ws.on("message", (data: Buffer) => {
        if (this.onMessage(data)) resolve(this.syncedAt - this.openedAt);
      });
      this.ws.on("error", (error) => reject(error));
      this.ws.on("close", (code) => {
        this.closeCode = code;
        reject(new Error(`socket closed with ${code} before it synced`));
      });
    });
    this.synced.catch(() => {}); // callers that care await it; the rest must not crash the run
  }

  /** Handles one message; returns true when it was the server's sync step 2. */
  private onMessage(message: Buffer): boolean {
    received.bytes += message.length;
    const syncType = syncTypeOf(message);
    const doc = this.options.doc;
    if (syncType === SYNC_UPDATE) {
      const update = syncPayload(message);
      if (doc && firstClientOf(update) === doc.clientID) {
        received.echoes++;
        return false;
      }
      received.updateMessages++;
      if (!this.options.onUpdate && !this.options.applyUpdates) return false;
      this.options.onUpdate?.(update, performance.now());
      if (doc && this.options.applyUpdates) Y.applyUpdate(doc, update, this);
      return false;
    }
    if (syncType === SYNC_STEP_1) {
      const update = doc ? Y.encodeStateAsUpdate(doc, syncPayload(message)) : EMPTY_UPDATE;
      this.sendRaw(syncStep2(update));
      return false;
    }
    if (syncType === SYNC_STEP_2 && this.syncedAt === 0) {
      this.syncedAt = performance.now();
      if (doc) Y.applyUpdate(doc, syncPayload(message), this);
      return true;
    }
    return false;
  }

  /** Sends a local update, as a y-websocket provider does for each transaction. */
  sendUpdate(update: Uint8Array): void {
    this.sendRaw(updateMessage(update));
  }

  /** Sends an already encoded message. */
  sendRaw(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  /**
   * Runs `sends` with the TCP socket corked, so that many small messages leave in one write (each
   * still its own WebSocket message). Used by the trace replay, whose load is throughput.
   */
  batch(sends: () => void): void {
    // `ws` has no cork of its own; its underlying net.Socket (a private field) has one.
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    socket?.cork();
    try {
      sends();
    } finally {
      socket?.uncork();
    }
  }

  /** True for updates this client applied from the network (not typed locally). */
  isRemoteOrigin(origin: unknown): boolean {
    return origin === this;
  }

  close(): void {
    this.ws.terminate();
  }
}

/**
 * Opens `count` clients with at most `concurrency` handshakes in flight (a burst of thousands would
 * only measure the kernel's accept backlog) and waits until each has synced or failed.
 */
export async function openClients(
  count: number,
  create: (index: number) => LoadClient,
  concurrency: number,
): Promise<{ clients: LoadClient[]; setupMs: number[]; failures: string[] }> {
  const clients: LoadClient[] = new Array(count);
  const setupMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const client = create(index);
      clients[index] = client;
      try {
        setupMs.push(await client.synced);
      } catch (error) {
        failures.push(`client ${index}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { clients, setupMs, failures };
}
