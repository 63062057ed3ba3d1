import { setTimeout as sleep } from "node:timers/promises";
import { addCommitment, listCommitments, planDocName } from "@shared/plan";
import { afterAll, beforeAll, expect, it } from "vitest";
import type * as Y from "yjs";
import { type ProcessCluster, startProcessCluster } from "../test/clusterProcesses";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { describeWithRedis } from "../test/redisServer";
import { openTestDatabase } from "../test/testStore";
import { collabUrl, connectProvider, type ProviderClient, waitFor } from "./test/clients";
import { seededRandom } from "./test/frames";
import { storedDoc } from "./test/stored";
import { contains, converged, holding, keepTyping } from "./test/typing";

const INSTANCES = 3;

describeWithRedis("a cluster losing an instance (SIGKILL)", () => {
  let cluster: ProcessCluster;
  const open: ProviderClient[] = [];
  beforeAll(async () => {
    cluster = await startProcessCluster(INSTANCES);
  }, 60_000);
  afterAll(async () => {
    for (const client of open) client.destroy();
    await cluster?.close();
  });

  it("loses no update any client received, and the killed instance's clients reconnect to another and converge", async () => {
    const seed = Date.now() % 100_000;
    const random = seededRandom(seed);
    const log = [`seed ${seed}`];
    const facilitator = await createUser(cluster.site(0));
    const workspaceId = (await createWorkspace(facilitator)).id;
    const writers: TestClient[] = [facilitator];
    for (let i = 1; i < INSTANCES; i++)
      writers.push(await joinAs(cluster.site(i), workspaceId, facilitator, "drafter"));
    const docName = planDocName(workspaceId);
    const observed: Uint8Array[] = [];

    for (let victim = 0; victim < 2; victim++) {
      // Writer i on instance i: the victim's writer loses its instance mid-typing.
      const clients = writers.map((as, i) => connectProvider(cluster.site(i), docName, { as }));
      open.push(...clients);
      await Promise.all(clients.map((client) => client.synced()));
      if (victim === 0) addCommitment(clients[0]?.doc as Y.Doc, 5);
      await waitFor(() => clients.every((client) => listCommitments(client.doc).length === 1), 10_000);

      const stops = clients.map((client) => keepTyping(client, random));
      const killAfter = 200 + Math.floor(random() * 800);
      await sleep(killAfter);
      await cluster.processes[victim]?.kill("SIGKILL");
      // The load balancer sends the orphaned client's reconnection to the next instance.
      const orphan = clients[victim] as ProviderClient;
      orphan.provider.serverUrl = collabUrl(cluster.site((victim + 1) % INSTANCES));
      await sleep(300);
      for (const stop of stops) stop();
      const received = clients.reduce((sum, client) => sum + client.received.length, 0);
      log.push(`instance ${victim} killed after ${killAfter} ms; clients had received ${received} updates`);
      expect(received, log.join("\n")).toBeGreaterThan(INSTANCES);

      await waitFor(
        () => orphan.provider.wsconnected && orphan.provider.synced,
        15_000,
        "the orphan's reconnection",
      );
      await waitFor(
        () => converged(clients.map((client) => client.doc)),
        15_000,
        `convergence\n${log.join("\n")}`,
      ).catch((error) => {
        for (const [i, client] of clients.entries()) log.push(`client ${i} holds ${holding(client.doc)}`);
        throw new Error(`${(error as Error).message}\n${log.join("\n")}`);
      });
      const text = clients.map((client) => listCommitments(client.doc)[0]?.text("title")?.toString());
      expect(new Set(text).size, log.join("\n")).toBe(1);

      for (const client of clients) observed.push(...client.received);
      // Clients get an update only after an instance stored it: storage itself must hold them all.
      const database = await openTestDatabase(cluster.dataDir);
      const stored = await storedDoc(database, docName).finally(() => database.close());
      const missing = observed.filter((update) => !contains(stored, update)).length;
      expect(missing, `${missing} of ${observed.length} received updates lost\n${log.join("\n")}`).toBe(0);

      for (const client of clients) client.destroy();
      if (victim === 0) await cluster.restart(victim);
    }
  }, 180_000);
});
