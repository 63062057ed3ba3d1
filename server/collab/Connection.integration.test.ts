import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { Connection } from "./Connection";
import { waitFor } from "./test/clients";

describe("a connection's held sends", () => {
  let wss: WebSocketServer | null = null;
  let client: WebSocket | null = null;
  afterEach(async () => {
    client?.terminate();
    await new Promise((resolve) => wss?.close(resolve));
  });

  it("leave only at flush, all of them, in order", async () => {
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    wss = server;
    await new Promise((resolve) => server.once("listening", resolve));
    const accepted = new Promise<Connection>((resolve) =>
      server.on("connection", (ws, req) => resolve(new Connection(ws, req.socket))),
    );
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: number[] = [];
    client.on("message", (data: Buffer) => received.push(data[0] ?? -1));
    const conn = await accepted;

    conn.hold();
    for (let i = 1; i <= 3; i++) conn.send(new Uint8Array([i]));
    await sleep(100);
    expect(received).toEqual([]);
    conn.flush();
    await waitFor(() => received.length === 3, 5000, "the held frames");
    expect(received).toEqual([1, 2, 3]);

    // Unheld, a frame leaves at once.
    conn.send(new Uint8Array([4]));
    await waitFor(() => received.length === 4, 5000, "an unheld frame");
  });
});
