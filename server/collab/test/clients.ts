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
  static async open(site: Site, path: string, handshake: Handshake): Promise<RawSocket> {
    const socket = new RawSocket(`${collabUrl(site)}/${path}`, handshakeHeaders(site, handshake));
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
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
