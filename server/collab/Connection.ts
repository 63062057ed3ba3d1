import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import { CLOSE_CODES, type CloseCode } from "@shared/closeCodes";
import { LIMITS } from "@shared/limits";
import WebSocket from "ws";
import type { Access } from "./access";

/**
 * One client socket on /collab. Until the upgrade is authorized and the document loaded, frames
 * wait in a bounded queue: tightly bounded before authorization (LIMITS.maxPreAuthQueued*), more
 * loosely for a member while the document loads (LIMITS.maxLoadingQueued*); sends stop at LIMITS.maxSendBufferedBytes
 * of unsent data; closing takes effect at once for the server, whatever the peer does.
 */
export class Connection {
  /** Names the connection in relayed frames, so it does not get its own back. */
  readonly id = randomUUID();
  /** Awareness client ids this socket speaks for (removed from everyone's view when it closes). */
  readonly awarenessClients = new Set<number>();
  /** Sync step 1 requests awaiting the group commit before they are answered. */
  pendingReplies = 0;
  /** The close code, the server's or the client's, once closed (1006 when the link just dropped). */
  closeCode: number | null = null;

  private granted: Access | null = null;
  private receiver: ((frame: Uint8Array) => void) | null = null;
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];
  private spokeListeners: (() => void)[] = [];
  private answeredPing = true;

  /** `socket` is the upgraded TCP socket under `ws` (held and flushed around batches of sends). */
  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
  ) {
    ws.on("message", (data, isBinary) => this.onFrame(data, isBinary));
    ws.on("pong", () => {
      this.answeredPing = true;
    });
    // ws reports protocol errors (an oversized frame, a bad opcode) here after starting to close
    // the socket itself (1009, 1002…); the listener only keeps the error from crashing the process.
    ws.on("error", () => {});
    ws.on("close", (code) => this.markClosed(code));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Who is on this socket and what they may do; set once the upgrade is authorized. */
  get access(): Access {
    if (!this.granted) throw new Error("the connection has not been authorized");
    return this.granted;
  }

  grant(access: Access): void {
    this.granted = access;
  }

  /** Hands every frame to `receiver` from now on, starting with those queued so far. */
  receive(receiver: (frame: Uint8Array) => void): void {
    this.receiver = receiver;
    const queued = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    for (const frame of queued) {
      if (this.closed) return;
      receiver(frame);
    }
  }

  /** Resolves once the socket has sent a frame or closed (at once if either happened already). */
  spoken(): Promise<void> {
    if (this.closed || this.receiver || this.queue.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.spokeListeners.push(resolve));
  }

  /**
   * Offers the first frame still queued (the socket is authorized, its document not yet loaded) to
   * `answer`; when that returns a reply, the reply is sent and the frame taken off the queue, as if
   * it had been received and answered. Nothing else queued is touched, so order is kept: nothing
   * the socket sent came before that frame. Null when not answered; otherwise resolves once the
   * reply is handed to the kernel (or the socket closed).
   */
  answerFirstQueued(answer: (frame: Uint8Array) => Uint8Array | null): Promise<void> | null {
    const first = this.queue[0];
    if (this.closed || this.receiver || !first) return null;
    const reply = answer(first);
    if (!reply) return null;
    this.queue.shift();
    this.queuedBytes -= first.byteLength;
    return new Promise((resolve) => {
      this.onClose(resolve);
      this.send(reply, () => resolve());
    });
  }

  /** Sends a frame; `written`, if given, is called once ws has written it out (not when it closes first). */
  send(frame: Uint8Array, written?: () => void): void {
    if (this.closed) return;
    // Checked before sending, so one large answer (a big document's sync step 2) still goes out.
    if (this.ws.bufferedAmount > LIMITS.maxSendBufferedBytes) {
      this.close(CLOSE_CODES.tooSlow, "too far behind");
      return;
    }
    this.ws.send(frame, written && (() => written()));
  }

  /**
   * Holds what is sent from now until `flush`, which writes it all at once: one system call for
   * several frames instead of one each (ws writes every frame as soon as it is sent). Calls pair up.
   */
  hold(): void {
    this.socket.cork();
  }

  flush(): void {
    this.socket.uncork();
  }

  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.markClosed(code);
  }

  /** Calls `listener` once the socket closes (at once if it already has). */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** Pings the client; a client that did not answer the previous ping is cut off. */
  heartbeat(): void {
    if (!this.answeredPing) {
      this.ws.terminate();
      return;
    }
    this.answeredPing = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  private onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) {
      this.close(CLOSE_CODES.malformed, "the protocol is binary");
      return;
    }
    const frame = toBytes(data);
    if (this.receiver) {
      this.receiver(frame);
      return;
    }
    const [maxMessages, maxBytes] = this.granted
      ? [LIMITS.maxLoadingQueuedMessages, LIMITS.maxLoadingQueuedBytes]
      : [LIMITS.maxPreAuthQueuedMessages, LIMITS.maxPreAuthQueuedBytes];
    if (this.queue.length >= maxMessages || this.queuedBytes + frame.byteLength > maxBytes) {
      this.close(CLOSE_CODES.tooManyQueued, "too much sent before the document was ready");
      return;
    }
    this.queue.push(frame);
    this.queuedBytes += frame.byteLength;
    this.spoke();
  }

  private spoke(): void {
    if (this.spokeListeners.length === 0) return;
    const listeners = this.spokeListeners;
    this.spokeListeners = [];
    for (const listener of listeners) listener();
  }

  private markClosed(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.closeCode = code;
    this.queue = [];
    this.spoke();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
