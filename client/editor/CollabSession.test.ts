import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";
import { Doc as YDoc } from "yjs";
import { CollabSession, type CollabStatus } from "./CollabSession";

// The stock y-websocket server (1.x line): the session must work with the plain protocol.
const reference = createRequire(import.meta.url)("y-websocket-server-ref/bin/utils") as {
  setupWSConnection(conn: WebSocket, req: http.IncomingMessage, opts: { docName: string }): void;
  docs: Map<string, Y.Doc>;
};

/** A stock server that can be stopped and started again on the same port, keeping its documents. */
class StockServer {
  private http: http.Server | null = null;
  private readonly sockets = new Set<WebSocket>();
  port = 0;

  async start(): Promise<void> {
    const wss = new WebSocketServer({ noServer: true });
    const server = http.createServer();
    server.on("upgrade", (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on("close", () => this.sockets.delete(ws));
        reference.setupWSConnection(ws, req, { docName: decodeURIComponent(req.url?.slice(1) ?? "") });
      }),
    );
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.http = server;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise((resolve) => this.http?.close(resolve));
    this.http = null;
  }

  text(docName: string): string {
    return reference.docs.get(docName)?.getText("t").toString() ?? "";
  }
}

let server: StockServer;
const sessions: CollabSession[] = [];
let docCounter = 0;

/** A session on `docName` at the stock server, or at another server of this test on `port`. */
function open(docName: string, canWrite = true, port = server.port): CollabSession {
  const session = new CollabSession({
    serverUrl: `ws://127.0.0.1:${port}`,
    docName,
    canWrite,
    storageName: null,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    confirmDelayMs: 20,
  });
  sessions.push(session);
  return session;
}

const waitFor = (session: CollabSession, predicate: (status: CollabStatus) => boolean) =>
  vi.waitFor(() => expect(predicate(session.getStatus())).toBe(true), { timeout: 10_000, interval: 10 });

beforeEach(async () => {
  server = new StockServer();
  await server.start();
});

afterEach(async () => {
  for (const session of sessions.splice(0)) session.destroy();
  await server.stop();
});

describe("CollabSession against a stock y-websocket server", () => {
  it("reports synced only once the server holds every edit", async () => {
    const name = `doc-${++docCounter}`;
    const session = open(name);
    await waitFor(session, (s) => s.connection === "synced");
    const text = session.doc.getText("t");
    text.insert(0, "Open budgets");
    expect(session.getStatus()).toMatchObject({ connection: "syncing", unsyncedChanges: true });
    await waitFor(session, (s) => s.connection === "synced" && !s.unsyncedChanges);
    expect(server.text(name)).toBe("Open budgets");
  });

  it("counts a deletion as unsynced although it leaves the state vector unchanged", async () => {
    const name = `doc-${++docCounter}`;
    const session = open(name);
    const text = session.doc.getText("t");
    text.insert(0, "Open budgets for all");
    await waitFor(session, (s) => s.connection === "synced" && !s.unsyncedChanges);
    await server.stop();
    await waitFor(session, (s) => s.connection === "offline");
    text.delete(12, 8);
    expect(session.getStatus()).toMatchObject({ connection: "offline", unsyncedChanges: true });
    await server.start();
    await waitFor(session, (s) => s.connection === "synced" && !s.unsyncedChanges);
    expect(server.text(name)).toBe("Open budgets");
  });

  it("keeps offline edits as unsynced until the server is back and has them", async () => {
    const name = `doc-${++docCounter}`;
    const writer = open(name);
    const reader = open(name, false);
    await waitFor(writer, (s) => s.connection === "synced");
    await server.stop();
    await waitFor(writer, (s) => s.connection === "offline");
    writer.doc.getText("t").insert(0, "written offline");
    writer.doc.getText("t").insert(15, ", twice");
    expect(writer.getStatus().unsyncedChanges).toBe(true);
    // Counted for the sign-out question; a reader has nothing of its own to lose.
    expect(writer.unsyncedChanges()).toBe(2);
    expect(reader.unsyncedChanges()).toBe(0);
    await server.start();
    await waitFor(writer, (s) => s.connection === "synced" && !s.unsyncedChanges);
    expect(writer.unsyncedChanges()).toBe(0);
    expect(server.text(name)).toBe("written offline, twice");
    await vi.waitFor(() => expect(reader.doc.getText("t").toString()).toBe("written offline, twice"));
    expect(reader.getStatus().unsyncedChanges).toBe(false);
  });

  it("stops at a 44xx refusal and reports its code and reason", async () => {
    const refusing = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    refusing.on("connection", (ws) => ws.close(4403, "not a member"));
    await new Promise((resolve) => refusing.once("listening", resolve));
    const session = open("plan:x", true, (refusing.address() as AddressInfo).port);
    await waitFor(session, (s) => s.connection === "refused");
    expect(session.getStatus().refusal).toEqual({ code: 4403, reason: "not a member" });
    expect(session.provider.shouldConnect).toBe(false);
    await new Promise((resolve) => refusing.close(resolve));
  });
});

describe("CollabSession against a server that answers before it asks", () => {
  it("reports synced when the server's step 2 comes before its step 1", async () => {
    // As Cocrea answers the first socket of an unloaded document from storage: our step 1 is
    // answered at once, and the server's own step 1 follows once the document is built.
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    const serverDoc = new YDoc();
    wss.on("connection", (ws) => {
      ws.once("message", () => {
        const answer = encoding.createEncoder();
        encoding.writeVarUint(answer, 0);
        syncProtocol.writeSyncStep2(answer, serverDoc);
        ws.send(encoding.toUint8Array(answer));
        setTimeout(() => {
          const ask = encoding.createEncoder();
          encoding.writeVarUint(ask, 0);
          syncProtocol.writeSyncStep1(ask, serverDoc);
          ws.send(encoding.toUint8Array(ask));
        }, 50);
      });
    });
    await new Promise((resolve) => wss.once("listening", resolve));
    const session = open("answered-first", true, (wss.address() as AddressInfo).port);
    try {
      await waitFor(session, (s) => s.connection === "synced");
    } finally {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});
