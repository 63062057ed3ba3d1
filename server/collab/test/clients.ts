import { randomBytes } from "node:crypto";
import net from "node:net";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { SESSION_COOKIE } from "../../auth/lucia";
import type { TestClient } from "../../test/factories";

/** Where a test client connects: the server's base URL and the Origin its pages have. */
export interface Site {
  url: string;
  origin: string;
}

export interface Handshake {
  /** The user whose session cookie is sent; null for none. */
  as: TestClient | null;
  /** The Origin header: the site's own unless given; null sends none (a non-browser client). */
  origin?: string | null;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

export const collabUrl = (site: Site): string => `${site.url.replace(/^http/, "ws")}/collab`;

/** The headers a browser on the site sends with the upgrade: the session cookie and Origin. */
export function handshakeHeaders(site: Site, { as, origin }: Handshake): Record<string, string> {
  const headers: Record<string, string> = {};
  if (as?.cookie) headers.Cookie = `${SESSION_COOKIE}=${as.cookie}`;
  const sentOrigin = origin === undefined ? site.origin : origin;
  if (sentOrigin !== null) headers.Origin = sentOrigin;
  return headers;
}

/** A `ws` WebSocket that sends `headers` with its handshake, usable as WebsocketProvider's polyfill. */
function webSocketWith(headers: Record<string, string>): typeof globalThis.WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  // y-websocket types its polyfill as the DOM WebSocket; `ws` implements the part it uses.
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

/** A stock y-websocket provider on its own Y.Doc, as the browser client uses it. */
export interface ProviderClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves with the close code once the server refuses the socket (a 44xx close). */
  refused: Promise<CloseInfo>;
  /** Every update this client received from the server, in order. */
  received: Uint8Array[];
  synced(): Promise<void>;
  destroy(): void;
}

export function connectProvider(site: Site, docName: string, handshake: Handshake): ProviderClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabUrl(site), docName, doc, {
    WebSocketPolyfill: webSocketWith(handshakeHeaders(site, handshake)),
    // Node has BroadcastChannel: without this, providers in one process would sync around the server.
    disableBc: true,
  });
  const received: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === provider) received.push(update);
  });
  const refused = new Promise<CloseInfo>((resolve) => provider.on("closed", (event) => resolve(event)));
  return {
    doc,
    provider,
    refused,
    received,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) resolve();
        else provider.once("sync", () => resolve());
      }),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A bare socket on /collab, for sending frames no stock client would. */
export class RawSocket {
  readonly frames: Uint8Array[] = [];
  readonly closed: Promise<CloseInfo>;
  private readonly ws: WebSocket;
  private readonly waiters: (() => void)[] = [];

  private constructor(url: string, headers: Record<string, string>) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on("message", (data: Buffer) => {
      this.frames.push(new Uint8Array(data));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.ws.on("error", () => {});
    this.closed = new Promise((resolve) =>
      this.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Connects to `/collab/<path>`; resolves once the upgrade completed. */
  static open(site: Site, path: string, handshake: Handshake): Promise<RawSocket> {
    return RawSocket.openWith(site, path, handshakeHeaders(site, handshake));
  }

  /** Connects with exactly these handshake headers (a `Host` given here replaces the URL's). */
  static async openWith(site: Site, path: string, headers: Record<string, string>): Promise<RawSocket> {
    const socket = new RawSocket(`${collabUrl(site)}/${path}`, headers);
    await new Promise<void>((resolve, reject) => {
      socket.ws.once("open", () => resolve());
      socket.ws.once("unexpected-response", () => reject(new Error("the upgrade was answered with HTTP")));
      socket.ws.once("error", reject);
    });
    return socket;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  sendText(text: string): void {
    this.ws.send(text);
  }

  /** Waits for a received frame that `match` accepts (looking at every frame so far first). */
  async frame(match: (frame: Uint8Array, index: number) => boolean, timeoutMs = 5000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error("no matching frame arrived");
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Polls `check` until it returns true; fails after `timeoutMs` (a bound, not a measurement). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A client frame as RFC 6455 wants it: final, binary, masked. */
function clientFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const header =
    length < 126
      ? Buffer.from([0x82, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 255])
        : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), bigEndian64(length)]);
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([header, mask, masked]);
}

function bigEndian64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/**
 * A WebSocket client written straight onto TCP, for what `ws` will not do: send frames in the same
 * write as the upgrade request (so they arrive before the server has authorized anything), and send
 * many frames in one write (so the server handles them in one go).
 */
export class TcpSocket {
  /** Binary frames received, after the 101 answer. */
  readonly frames: Uint8Array[] = [];
  /** The code of the server's close frame (null when the connection ended without one). */
  readonly closeCode: Promise<number | null>;
  private readonly socket: net.Socket;
  private buffer = Buffer.alloc(0);
  private answered = false;

  constructor(site: Site, path: string, handshake: Handshake, early: Uint8Array[] = []) {
    const { hostname, port } = new URL(site.url);
    const headers = Object.entries(handshakeHeaders(site, handshake)).map(([k, v]) => `${k}: ${v}\r\n`);
    const request =
      `GET /collab/${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\n` +
      `Sec-WebSocket-Version: 13\r\n${headers.join("")}\r\n`;
    this.socket = net.connect(Number(port), hostname);
    this.socket.write(Buffer.concat([Buffer.from(request), ...early.map(clientFrame)]));
    this.closeCode = new Promise((resolve) => {
      this.socket.on("data", (chunk: Buffer) => {
        const code = this.read(chunk);
        if (code !== undefined) {
          resolve(code);
          this.socket.destroy();
        }
      });
      this.socket.on("close", () => resolve(null));
      this.socket.on("error", () => resolve(null));
    });
  }

  /** Sends frames in one write, so the server reads them in one go. */
  send(...frames: Uint8Array[]): void {
    this.socket.write(Buffer.concat(frames.map(clientFrame)));
  }

  /** The server answered the upgrade request with 101. */
  get upgraded(): boolean {
    return this.answered;
  }

  destroy(): void {
    this.socket.destroy();
  }

  /**
   * Parses what arrived: the close code once a close frame is complete, null when the server did
   * not upgrade, undefined while more is to come.
   */
  private read(chunk: Buffer): number | null | undefined {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.answered) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return undefined;
      if (!this.buffer.subarray(0, end).toString().startsWith("HTTP/1.1 101")) return null;
      this.answered = true;
      this.buffer = this.buffer.subarray(end + 4);
    }
    for (;;) {
      if (this.buffer.length < 2) return undefined;
      const opcode = (this.buffer[0] ?? 0) & 0x0f;
      let length = (this.buffer[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return undefined;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return undefined;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return undefined;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 0x8) return payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      if (opcode === 0x2) this.frames.push(new Uint8Array(payload));
    }
  }
}
