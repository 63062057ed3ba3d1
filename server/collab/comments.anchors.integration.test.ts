import { encodeAnchorPosition, resolveAnchor } from "@shared/commentAnchors";
import type { ThreadResponse } from "@shared/comments";
import { appendParagraphs, getPlan, planDocName } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { attachCollab } from ".";
import { connectProvider, type ProviderClient, waitFor } from "./test/clients";

/**
 * Comment anchors against the real collaboration server: several stock y-websocket clients edit
 * the plan around an anchored passage, and the anchor still resolves to the same words.
 */
describe("comment anchors in a co-edited plan", () => {
  let srv: TestServer;
  let workspaceId: string;
  let facilitator: TestClient;
  let drafters: TestClient[];
  let commenter: TestClient;
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    srv = await startTestServer({ attach: (server, ctx) => attachCollab(server, ctx) });
    facilitator = await createUser(srv);
    workspaceId = (await createWorkspace(facilitator, { sector: "government" })).id;
    drafters = [
      await joinAs(srv, workspaceId, facilitator, "drafter", "government"),
      await joinAs(srv, workspaceId, facilitator, "drafter", "civil_society"),
    ];
    commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await srv.close();
  });

  const connect = async (as: TestClient) => {
    const client = connectProvider(srv, planDocName(workspaceId), { as });
    clients.push(client);
    await client.synced();
    return client;
  };

  /** The text node of the vision's first non-empty paragraph in `doc`. */
  const firstParagraphText = (doc: Y.Doc): Y.XmlText => {
    for (const paragraph of getPlan(doc).vision.toArray()) {
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
      if (text instanceof Y.XmlText && text.length > 0) return text;
    }
    throw new Error("the vision has no text");
  };

  /**
   * Anchors a thread on `words` as the browser does (client/editor/commentHighlights.ts): the start
   * tied to the first quoted character, the end to the last, so text typed at either edge stays out.
   */
  async function commentOn(doc: Y.Doc, words: string): Promise<string> {
    const text = firstParagraphText(doc);
    const index = text.toString().indexOf(words);
    const position = (at: number, assoc: number) =>
      encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, at, assoc));
    const reply = await commenter.post<ThreadResponse>(`/api/workspaces/${workspaceId}/threads`, {
      target: "text",
      field: "vision",
      start: position(index, 0),
      end: position(index + words.length, -1),
      quote: words,
      body: "Which contracts: all of them, or those above a threshold?",
    });
    expect(reply.status).toBe(201);
    return reply.body.thread.id;
  }

  async function anchorOf(threadId: string) {
    const reply = await commenter.get<ThreadResponse>(`/api/workspaces/${workspaceId}/threads/${threadId}`);
    const { target } = reply.body.thread;
    if (target.kind !== "text") throw new Error("not a text thread");
    return target;
  }

  const sameContent = (a: Y.Doc, b: Y.Doc) => getPlan(a).vision.toString() === getPlan(b).vision.toString();

  it("resolves to the same words after concurrent insertions and deletions around them", async () => {
    const [a, b] = [await connect(drafters[0] as TestClient), await connect(drafters[1] as TestClient)];
    appendParagraphs(getPlan(a.doc).vision, [
      "Every budget line is published. Citizens can follow each contract online. Data is open.",
    ]);
    const reader = await connect(commenter);
    await waitFor(() => sameContent(reader.doc, a.doc) && sameContent(b.doc, a.doc), 5000, "first sync");
    const threadId = await commentOn(reader.doc, "follow each contract");

    // Both drafters edit at once, before seeing each other's changes: before, after and between.
    a.provider.disconnect();
    b.provider.disconnect();
    const textA = firstParagraphText(a.doc);
    textA.insert(0, "From 2026, ");
    textA.delete(textA.toString().indexOf("Citizens"), "Citizens ".length);
    textA.insert(textA.toString().indexOf("can"), "Residents ");
    // Right at both edges of the passage.
    textA.insert(textA.toString().indexOf("follow each"), "freely ");
    textA.insert(textA.toString().indexOf(" online"), ", bid by bid,");
    const textB = firstParagraphText(b.doc);
    textB.insert(textB.toString().indexOf(" online"), " and tender");
    textB.delete(textB.toString().indexOf(" Data is open."), " Data is open.".length);
    getPlan(b.doc).vision.insert(0, [new Y.XmlElement("paragraph")]);
    a.provider.connect();
    b.provider.connect();
    await waitFor(() => sameContent(a.doc, b.doc) && sameContent(reader.doc, a.doc), 5000, "convergence");

    const anchor = await anchorOf(threadId);
    for (const client of [a, b, reader]) {
      expect(resolveAnchor(client.doc, anchor)).toEqual({ detached: false, text: "follow each contract" });
    }
    // A client that joins afterwards, from the stored document, reads the same.
    const late = await connect(facilitator);
    expect(resolveAnchor(late.doc, anchor)).toEqual({ detached: false, text: "follow each contract" });
    expect(getPlan(late.doc).vision.toString()).toContain("From 2026, Every budget line is published.");
  });

  it("detaches when its words are deleted, and the thread keeps the quote", async () => {
    const [writer, reader] = [await connect(drafters[0] as TestClient), await connect(commenter)];
    await waitFor(() => sameContent(reader.doc, writer.doc), 5000, "sync");
    const threadId = await commentOn(reader.doc, "budget line");
    const text = firstParagraphText(writer.doc);
    text.delete(text.toString().indexOf("budget line"), "budget line".length);
    await waitFor(() => sameContent(reader.doc, writer.doc), 5000, "the deletion");

    const anchor = await anchorOf(threadId);
    expect(resolveAnchor(reader.doc, anchor)).toEqual({ detached: true });
    expect(anchor.quote).toBe("budget line");
  });

  it("detaches when the whole field goes, as when its commitment is removed", async () => {
    const reader = await connect(commenter);
    const anchor = { field: "commitments/nosuchcommitment/problem", start: "AAAA", end: "AAAA" };
    expect(resolveAnchor(reader.doc, anchor)).toEqual({ detached: true });
  });
});
