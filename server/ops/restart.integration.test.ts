import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { addCommitment, listCommitments, planDocName } from "@shared/plan";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectProvider, type ProviderClient, waitFor } from "../collab/test/clients";
import { seededRandom } from "../collab/test/frames";
import { serverProcessSuite } from "../collab/test/serverProcessSuite";
import { logRowCount } from "../collab/test/stored";
import { contains, keepTyping } from "../collab/test/typing";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

const WRITERS = 3;

describe("graceful restart (SIGTERM)", () => {
  const { dataDir, clients, start } = serverProcessSuite("restart");

  it("commits and compacts, closes with 4503, and the same clients reconnect by themselves losing nothing", async () => {
    const seed = Date.now() % 100_000;
    const random = seededRandom(seed);
    let server = await start();
    const { port } = server;
    const site = server.site as TestServer;
    const facilitator = await createUser(site);
    const workspaceId = (await createWorkspace(facilitator)).id;
    const writers: TestClient[] = [facilitator];
    for (let i = 1; i < WRITERS; i++) writers.push(await joinAs(site, workspaceId, facilitator, "drafter"));
    const docName = planDocName(workspaceId);

    clients.push(...writers.map((as) => connectProvider(site, docName, { as })));
    await Promise.all(clients.map((client) => client.synced()));
    addCommitment(clients[0]?.doc as Y.Doc, 5);
    await waitFor(() => clients.every((client) => listCommitments(client.doc).length === 1));
    /** The code each client's socket was first closed with (its retries while the server is down follow). */
    const firstClose = new Map<ProviderClient, number>();
    for (const client of clients) {
      client.provider.on("connection-close", (event) => {
        if (event && !firstClose.has(client)) firstClose.set(client, event.code);
      });
    }

    const stops = clients.map((client) => keepTyping(client, random));
    await sleep(800 + Math.floor(random() * 700));
    // Everything a client received had been committed first (durable before relay).
    const stopping = server.kill("SIGTERM");
    expect(await stopping, server.output()).toBe(0);
    const acknowledged = clients.flatMap((client) => [...client.received]);
    expect(acknowledged.length, `seed ${seed}`).toBeGreaterThan(WRITERS);
    expect(clients.map((client) => firstClose.get(client))).toEqual(clients.map(() => 4503));

    // Everything was folded into the snapshot on the way out: a restart reads one row.
    const db = new Database(path.join(dataDir, "cocrea.db"), { readonly: true });
    expect(logRowCount(db, docName)).toBe(0);
    db.close();

    // The clients keep typing while the server is down, then find it back on the same address.
    await sleep(300);
    server = await start({ port });
    await waitFor(
      () => clients.every((client) => client.provider.wsconnected && client.provider.synced),
      // Bounds, not measurements: a loaded machine takes seconds to start a server.
      30_000,
      "reconnection",
    );
    await sleep(300);
    for (const stop of stops) stop();

    // They converge, and a newcomer sees the same: nothing acknowledged, nothing typed offline lost.
    const state = (doc: Y.Doc) => Y.encodeStateVector(doc).join(",");
    await waitFor(
      () => new Set(clients.map((client) => state(client.doc))).size === 1,
      20_000,
      "convergence",
    );
    const checker = connectProvider(server.site, docName, { as: facilitator });
    clients.push(checker);
    await checker.synced();
    const lost = acknowledged.filter((update) => !contains(checker.doc, update)).length;
    expect(lost, `${lost} of ${acknowledged.length} acknowledged updates lost (seed ${seed})`).toBe(0);
    for (const client of clients) {
      expect(contains(checker.doc, Y.encodeStateAsUpdate(client.doc)), `seed ${seed}`).toBe(true);
    }
  }, 120_000);
});
