import {
  addCommitment,
  appendParagraphs,
  getPlan,
  listCommitments,
  planDocName,
  planToJson,
} from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../routes/versions.fixtures";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";
import type { CollabServer } from ".";
import { connectProvider, type ProviderClient, RawSocket, waitFor } from "./test/clients";
import { syncStep1Frame } from "./test/frames";
import { startCollabServer } from "./test/server";
import { storedDoc } from "./test/stored";

describeEachStore("collaboration on a plan", (database) => {
  describe("collaboration on a plan", () => {
    let srv: TestServer;
    let collab: CollabServer;
    let facilitator: TestClient;
    let drafter: TestClient;
    let docName: string;
    const clients: ProviderClient[] = [];

    beforeAll(async () => {
      ({ srv, collab } = await startCollabServer({ config: await database.config() }));
      facilitator = await createUser(srv, { name: "Fatima Facilitator" });
      const workspace = await createWorkspace(facilitator);
      drafter = await joinAs(srv, workspace.id, facilitator, "drafter", "government");
      docName = planDocName(workspace.id);
    });
    afterAll(async () => {
      for (const client of clients) client.destroy();
      await srv.close();
    });

    const connect = (as: TestClient) => {
      const client = connectProvider(srv, docName, { as });
      clients.push(client);
      return client;
    };

    it("lets several stock WebsocketProvider clients converge", async () => {
      const [a, b, c] = [connect(facilitator), connect(drafter), connect(drafter)];
      await Promise.all([a.synced(), b.synced(), c.synced()]);
      addCommitment(a.doc, 5)?.text("title")?.insert(0, "Open contracting");
      appendParagraphs(getPlan(b.doc).vision, ["A city that shares what it knows."]);
      await waitFor(() => listCommitments(c.doc).length === 1 && getPlan(c.doc).vision.length === 1);
      listCommitments(c.doc)[0]?.text("title")?.insert(0, "Publish all ");
      await waitFor(
        () => listCommitments(a.doc)[0]?.text("title")?.toString() === "Publish all Open contracting",
      );
      await waitFor(() => JSON.stringify(planToJson(b.doc)) === JSON.stringify(planToJson(a.doc)));
      expect(planToJson(c.doc)).toEqual(planToJson(a.doc));
      expect(planToJson(await storedDoc(srv.ctx, docName))).toEqual(planToJson(a.doc));
      expect(collab.stats().loads).toBe(1);
    });

    it("merges what a writer typed while disconnected when it reconnects", async () => {
      const [away, present] = [connect(drafter), connect(facilitator)];
      await Promise.all([away.synced(), present.synced()]);
      away.provider.disconnect();
      listCommitments(away.doc)[0]?.text("leadAgency")?.insert(0, "Office of Transparency");
      listCommitments(present.doc)[0]?.text("contactPerson")?.insert(0, "Ada");
      away.provider.connect();
      await waitFor(
        () => listCommitments(present.doc)[0]?.text("leadAgency")?.toString() === "Office of Transparency",
      );
      await waitFor(() => listCommitments(away.doc)[0]?.text("contactPerson")?.toString() === "Ada");
      expect(planToJson(await storedDoc(srv.ctx, docName))).toEqual(planToJson(present.doc));
    });

    it("does not echo a client's own updates back to it", async () => {
      const [writer, other] = [connect(drafter), connect(facilitator)];
      await Promise.all([writer.synced(), other.synced()]);
      const receivedBefore = writer.received.length;
      listCommitments(writer.doc)[0]?.text("budget")?.insert(0, "120000 EUR");
      await waitFor(() => listCommitments(other.doc)[0]?.text("budget")?.toString() === "120000 EUR");
      listCommitments(other.doc)[0]?.text("budget")?.insert(0, "≈ ");
      await waitFor(() => listCommitments(writer.doc)[0]?.text("budget")?.toString() === "≈ 120000 EUR");
      // Only the other client's edit came back from the server.
      expect(writer.received.length).toBe(receivedBefore + 1);
    });
  });
});

describe("deleted text", () => {
  it("is not sent to a member who opens the plan, while storage keeps it for the record", async () => {
    const { srv } = await startCollabServer();
    try {
      const facilitator = await createUser(srv);
      const docName = planDocName((await createWorkspace(facilitator)).id);
      const secret = "call me on 555-0199";
      const writer = connectProvider(srv, docName, { as: facilitator });
      await writer.synced();
      const title = addCommitment(writer.doc, 5)?.text("title");
      title?.insert(0, `Open budgets, ${secret}`);
      title?.delete("Open budgets".length, secret.length + 2);
      // The writer leaves: the document unloads and its log is folded into a snapshot.
      await waitFor(() => listCommitments(writer.doc).length === 1);
      writer.destroy();
      let snapshot: Uint8Array | null = null;
      await eventually(async () => {
        const stored = await srv.ctx.documentStore.load(docName);
        snapshot = stored.updates.length === 0 ? stored.snapshot : null;
        return snapshot !== null;
      }, "the log folded into a snapshot");
      expect(Buffer.from(snapshot ?? []).includes(secret)).toBe(true);

      // What goes over the wire, as a browser asks for the whole document (sync step 1, empty).
      const reader = await RawSocket.open(srv, docName, { as: facilitator });
      reader.send(syncStep1Frame());
      const answer = await reader.frame((frame) => frame[0] === 0 && frame[1] === 1);
      reader.close();
      expect(Buffer.from(answer).includes("Open budgets")).toBe(true);
      expect(Buffer.from(answer).includes(secret)).toBe(false);
    } finally {
      await srv.close();
    }
  });
});
