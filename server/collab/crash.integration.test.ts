import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { addCommitment, listCommitments, planDocName } from "@shared/plan";
import { afterAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import { connectProvider, type ProviderClient, waitFor } from "./test/clients";
import { seededRandom } from "./test/frames";
import { type ServerProcess, startServerProcess } from "./test/serverProcess";
import { contains, keepTyping } from "./test/typing";

const ROUNDS = 4;
const WRITERS = 3;

describe("durability across crashes", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-crash-"));
  let server: ServerProcess | null = null;
  const open: ProviderClient[] = [];

  afterAll(async () => {
    for (const client of open) client.destroy();
    await server?.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps every update any client received from the server through SIGKILLs at random moments", async () => {
    const seed = Date.now() % 100_000;
    const random = seededRandom(seed);
    const log: string[] = [`seed ${seed}`];

    server = await startServerProcess(dataDir);
    // The factories only use the base URL and the Origin of the site.
    const rest = server.site as TestServer;
    const facilitator = await createUser(rest);
    const workspaceId = (await createWorkspace(facilitator)).id;
    const writers: TestClient[] = [facilitator];
    for (let i = 1; i < WRITERS; i++) writers.push(await joinAs(rest, workspaceId, facilitator, "drafter"));
    const docName = planDocName(workspaceId);

    /** Every update a client received from the server, over all rounds. */
    const observed: Uint8Array[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const site = server.site;
      const clients = writers.map((as) => connectProvider(site, docName, { as }));
      open.push(...clients);
      await Promise.all(clients.map((client) => client.synced()));
      if (round === 1) addCommitment(clients[0]?.doc as Y.Doc, 5);
      await waitFor(() => clients.every((client) => listCommitments(client.doc).length === 1));

      const stops = clients.map((client) => keepTyping(client, random));
      const killAfter = 200 + Math.floor(random() * 1300);
      await sleep(killAfter);
      await server.kill("SIGKILL");
      for (const stop of stops) stop();
      const received = clients.reduce((sum, client) => sum + client.received.length, 0);
      log.push(`round ${round}: killed after ${killAfter} ms; clients had received ${received} updates`);
      for (const client of clients) {
        observed.push(...client.received);
        client.destroy();
      }
      expect(received, log.join("\n")).toBeGreaterThan(WRITERS);

      server = await startServerProcess(dataDir);
      const checker = connectProvider(server.site, docName, { as: facilitator });
      open.push(checker);
      await checker.synced();
      const missing = observed.filter((update) => !contains(checker.doc, update)).length;
      expect(missing, `${missing} of ${observed.length} observed updates lost\n${log.join("\n")}`).toBe(0);
      checker.destroy();
    }
  }, 120_000);
});
