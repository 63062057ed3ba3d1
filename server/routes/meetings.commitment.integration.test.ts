import { LIMITS } from "@shared/limits";
import type { Card, Category, Meeting } from "@shared/meetings";
import { listCommitments, planDocName, planToJson, richTextToJson } from "@shared/plan";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { attachCollab } from "../collab";
import { connectProvider, type ProviderClient, waitFor } from "../collab/test/clients";
import { storedDoc } from "../collab/test/stored";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { createTemplateMeeting, meetingsPath, ok, runAction } from "./meetings.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let drafter: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let outsider: TestClient;
let workspaceId: string;
let meeting: Meeting;
let itemId: string;
let revealed: Card;
let lateCard: Card;
let category: Category;
const clients: ProviderClient[] = [];

const MAX_COMMITMENTS = 3;

beforeAll(async () => {
  srv = await startTestServer({ attach: attachCollab });
  facilitator = await createUser(srv, { name: "Fiona Facilitator" });
  workspaceId = (await createWorkspace(facilitator, { maxCommitments: MAX_COMMITMENTS })).id;
  drafter = await joinAs(srv, workspaceId, facilitator, "drafter", "civil_society");
  commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "academia");
  viewer = await joinAs(srv, workspaceId, facilitator, "viewer", "citizen");
  outsider = await createUser(srv);
  meeting = await createTemplateMeeting(facilitator, workspaceId);
  itemId = meeting.items[3]?.id ?? "";
  ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
  const cards = meetingsPath(workspaceId, meeting.id, "/cards");
  const write = async (client: TestClient, text: string) =>
    ok(await client.post<{ card: Card }>(cards, { itemId, text })).card;
  revealed = await write(commenter, "Publish every contract the city signs");
  const grouped = await write(drafter, "Budget data nobody can read");
  ok(await facilitator.post(meetingsPath(workspaceId, meeting.id, `/items/${itemId}/reveal`)));
  lateCard = await write(drafter, "Written after the reveal");
  category = ok(
    await facilitator.post<{ category: Category }>(meetingsPath(workspaceId, meeting.id, "/categories"), {
      itemId,
      name: "Open budgets",
    }),
  ).category;
  ok(await facilitator.patch(`${cards}/${grouped.id}`, { categoryId: category.id }));
  ok(await facilitator.patch(`${cards}/${lateCard.id}`, { categoryId: category.id }));
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => srv.close());

const cardPath = (cardId: string) => meetingsPath(workspaceId, meeting.id, `/cards/${cardId}/commitment`);
const categoryPath = (categoryId: string) =>
  meetingsPath(workspaceId, meeting.id, `/categories/${categoryId}/commitment`);
const plan = () => storedDoc(srv.ctx, planDocName(workspaceId));

describe("POST …/meetings/:meetingId/cards/:cardId/commitment", () => {
  it("appends a commitment titled with the card to the live plan, and a drafter's editor sees it", async () => {
    const editor = connectProvider(srv, planDocName(workspaceId), { as: drafter });
    clients.push(editor);
    await editor.synced();

    const reply = await drafter.post<{ commitmentId: string }>(cardPath(revealed.id));

    expect(reply.status).toBe(201);
    const { commitmentId } = reply.body;
    const stored = planToJson(await plan()).commitments.find((c) => c.id === commitmentId);
    expect(stored?.title).toBe("Publish every contract the city signs");
    await waitFor(() => listCommitments(editor.doc).some((c) => c.id === commitmentId), 5000, "the relay");
    const events = await srv.ctx.store.events.after(workspaceId, 0, 1000);
    expect(events.filter((event) => event.type === "meeting.commitment_created").at(-1)).toMatchObject({
      actorId: drafter.user?.id,
      payload: { meetingId: meeting.id, itemId, commitmentId, source: { kind: "card", cardId: revealed.id } },
    });
  });

  it.each([
    ["a commenter", () => commenter, 403],
    ["a viewer", () => viewer, 403],
    ["a non-member", () => outsider, 403],
  ])("refuses %s with %i and changes nothing", async (_who, client, status) => {
    const before = planToJson(await plan()).commitments.length;
    const eventsBefore = await srv.ctx.store.events.latestId(workspaceId);
    expect((await client().post(cardPath(revealed.id))).status).toBe(status);
    expect(planToJson(await plan()).commitments).toHaveLength(before);
    expect(await srv.ctx.store.events.latestId(workspaceId)).toBe(eventsBefore);
  });

  it("refuses a private card: 404 to others, 409 card_private to its author", async () => {
    const meetingCards = meetingsPath(workspaceId, meeting.id, "/cards");
    const other = await createTemplateMeeting(facilitator, workspaceId);
    ok(await runAction(facilitator, workspaceId, other.id, { action: "start" }));
    const secret = ok(
      await drafter.post<{ card: Card }>(meetingsPath(workspaceId, other.id, "/cards"), {
        itemId: other.items[3]?.id,
        text: "Not shown yet",
      }),
    ).card;
    const path = meetingsPath(workspaceId, other.id, `/cards/${secret.id}/commitment`);
    expect((await facilitator.post(path)).status).toBe(404);
    const own = await drafter.post(path);
    expect(own.status).toBe(409);
    expect(own.error?.code).toBe("card_private");
    // A card of another meeting is not found through this one.
    expect((await drafter.post(`${meetingCards}/${secret.id}/commitment`)).status).toBe(404);
  });
});

describe("POST …/meetings/:meetingId/categories/:categoryId/commitment", () => {
  it("titles the commitment with the category and lists its cards as the problem", async () => {
    const reply = await facilitator.post<{ commitmentId: string }>(categoryPath(category.id));

    expect(reply.status).toBe(201);
    const commitment = listCommitments(await plan()).find((c) => c.id === reply.body.commitmentId);
    expect(commitment?.text("title")?.toString()).toBe("Open budgets");
    const problem = commitment?.richText("problem");
    expect(problem && richTextToJson(problem)).toEqual({
      type: "doc",
      content: ["Budget data nobody can read", "Written after the reveal"].map((text) => ({
        type: "paragraph",
        content: [{ type: "text", text }],
      })),
    });
  });

  it("answers 404 for a category of no board of this meeting", async () => {
    expect((await facilitator.post(categoryPath("no-such-category"))).status).toBe(404);
  });

  it("refuses beyond the workspace's maximum with 409 commitment_limit, storing nothing", async () => {
    while (planToJson(await plan()).commitments.length < MAX_COMMITMENTS) {
      ok(await drafter.post(cardPath(revealed.id)));
    }
    const eventsBefore = await srv.ctx.store.events.latestId(workspaceId);
    const stateBefore = planToJson(await plan());

    const reply = await drafter.post(categoryPath(category.id));

    expect(reply.status).toBe(409);
    expect(reply.error?.code).toBe("commitment_limit");
    expect(planToJson(await plan())).toEqual(stateBefore);
    expect(await srv.ctx.store.events.latestId(workspaceId)).toBe(eventsBefore);
  });
});

describe("a plan at its maximum size", () => {
  // Sixteen megabytes go through storage (and its compactions) first: a bound for a loaded machine.
  it("refuses a commitment with 413 document_too_large, changing neither the plan nor the events", {
    timeout: 90_000,
  }, async () => {
    const ownWorkspace = (await createWorkspace(facilitator)).id;
    const ownMeeting = await createTemplateMeeting(facilitator, ownWorkspace);
    const ownItem = ownMeeting.items[3]?.id ?? "";
    ok(await runAction(facilitator, ownWorkspace, ownMeeting.id, { action: "start" }));
    const card = ok(
      await facilitator.post<{ card: Card }>(meetingsPath(ownWorkspace, ownMeeting.id, "/cards"), {
        itemId: ownItem,
        text: "One more commitment",
      }),
    ).card;
    ok(await facilitator.post(meetingsPath(ownWorkspace, ownMeeting.id, `/items/${ownItem}/reveal`)));
    const docName = planDocName(ownWorkspace);
    const writer = connectProvider(srv, docName, { as: facilitator });
    const watcher = connectProvider(srv, docName, { as: facilitator });
    clients.push(writer, watcher);
    await Promise.all([writer.synced(), watcher.synced()]);

    // Fill the plan to a few dozen bytes under the limit, in updates each under the message limit.
    const filler = writer.doc.getText("filler");
    const target = LIMITS.maxDocumentBytes - 64;
    for (let size = Y.encodeStateAsUpdate(writer.doc).byteLength; size < target; ) {
      filler.insert(filler.length, "x".repeat(Math.min(900_000, target - size)));
      size = Y.encodeStateAsUpdate(writer.doc).byteLength;
    }
    const filled = filler.length;
    await waitFor(() => watcher.doc.getText("filler").length === filled, 30_000, "the filler stored");
    const stateBefore = Y.encodeStateVector(await storedDoc(srv.ctx, docName));
    const eventsBefore = await srv.ctx.store.events.latestId(ownWorkspace);

    const reply = await facilitator.post(
      meetingsPath(ownWorkspace, ownMeeting.id, `/cards/${card.id}/commitment`),
    );

    expect(reply.status).toBe(413);
    expect(reply.error?.code).toBe("document_too_large");
    const after = await storedDoc(srv.ctx, docName);
    expect(Y.encodeStateVector(after)).toEqual(stateBefore);
    expect(listCommitments(after)).toHaveLength(0);
    expect(await srv.ctx.store.events.latestId(ownWorkspace)).toBe(eventsBefore);
  });
});
