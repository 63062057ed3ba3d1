import type { Card, Category, Meeting } from "@shared/meetings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { meetingsPath, ok, readBoard, runAction, startBoardMeeting } from "./meetings.fixtures";

/**
 * Changing the brainstorm board: a card is rewritten or removed by its author (and, once
 * revealed, by a facilitator); categories are renamed or deleted by any participant, a deleted
 * category's cards going back to unsorted.
 */

let srv: TestServer;
let facilitator: TestClient;
let ana: TestClient;
let ben: TestClient;
let viewer: TestClient;
let workspaceId: string;
let meeting: Meeting;
let itemId: string;

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, ana, ben, viewer, workspaceId, meeting, itemId } = await startBoardMeeting(srv));
});
afterAll(() => srv.close());

const path = (rest: string) => meetingsPath(workspaceId, meeting.id, rest);
const addCard = async (client: TestClient, text: string): Promise<Card> =>
  ok(await client.post<{ card: Card }>(path("/cards"), { itemId, text })).card;
const boardTexts = async (client: TestClient) =>
  ok(await readBoard(client, workspaceId, meeting.id, itemId)).cards.map((card) => card.text);

describe("PATCH and DELETE …/cards/:cardId before the reveal", () => {
  it("let the author rewrite and remove a private card; others hear neither its text, id nor author", async () => {
    const card = await addCard(ana, "First draft of a secret");
    const stream = await openEventStream(ben, workspaceId);
    const edited = await ana.patch<{ card: Card }>(path(`/cards/${card.id}`), { text: "Second secret" });
    expect(edited.body.card).toMatchObject({
      id: card.id,
      text: "Second secret",
      mine: true,
      revealed: false,
    });
    expect(await boardTexts(ana)).toContain("Second secret");
    expect(await boardTexts(ana)).not.toContain("First draft of a secret");

    // To everyone else the card does not exist, facilitators included.
    for (const other of [ben, facilitator]) {
      expect((await other.patch(path(`/cards/${card.id}`), { text: "Hijacked" })).status).toBe(404);
      expect((await other.delete(path(`/cards/${card.id}`))).status).toBe(404);
    }

    expect((await ana.delete(path(`/cards/${card.id}`))).status).toBe(204);
    const events = [await stream.nextEvent(), await stream.nextEvent()];
    stream.close();
    expect(events).toEqual([
      expect.objectContaining({
        type: "meeting.card_edited",
        actorId: null,
        payload: { meetingId: meeting.id, itemId, cardId: null },
      }),
      expect.objectContaining({
        type: "meeting.card_deleted",
        actorId: null,
        payload: { meetingId: meeting.id, itemId, cardId: null, privateCount: 0 },
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain("secret");
    expect(await boardTexts(ana)).toEqual([]);
  });

  it.each([
    ["empty text", { text: "  " }],
    ["text too long", { text: "x".repeat(501) }],
    ["a move and a rewrite at once", { text: "Both", categoryId: null }],
    ["an unknown field", { text: "Fine", colour: "red" }],
  ])("refuses %s with 400", async (_, body) => {
    const card = await addCard(ana, "Validated");
    const reply = await ana.patch(path(`/cards/${card.id}`), body);
    expect(reply.status).toBe(400);
    expect(reply.error?.code).toBe("invalid_body");
  });

  it("answers 404 for an unknown card", async () => {
    expect((await ana.patch(path("/cards/nosuchcard"), { text: "Hello" })).status).toBe(404);
    expect((await ana.delete(path("/cards/nosuchcard"))).status).toBe(404);
  });
});

describe("after the reveal", () => {
  let card: Card;
  let category: Category;

  beforeAll(async () => {
    card = await addCard(ana, "Open the contracts");
    ok(await facilitator.post(path(`/items/${itemId}/reveal`)));
    category = ok(
      await ben.post<{ category: Category }>(path("/categories"), { itemId, name: "Contracts" }),
    ).category;
    ok(await ana.patch(path(`/cards/${card.id}`), { categoryId: category.id }));
  });

  it("refuses another participant's rewrite or removal with 403 not_card_author, and a viewer's with 403", async () => {
    for (const request of [
      () => ben.patch(path(`/cards/${card.id}`), { text: "Ben's version" }),
      () => ben.delete(path(`/cards/${card.id}`)),
    ]) {
      const reply = await request();
      expect(reply.status).toBe(403);
      expect(reply.error?.code).toBe("not_card_author");
    }
    expect((await viewer.patch(path(`/cards/${card.id}`), { text: "Viewer's version" })).status).toBe(403);
    expect((await viewer.delete(path(`/cards/${card.id}`))).status).toBe(403);
    expect(await boardTexts(viewer)).toContain("Open the contracts");
  });

  it("lets the author and a facilitator rewrite a revealed card, announced with its id", async () => {
    const stream = await openEventStream(viewer, workspaceId);
    ok(await ana.patch(path(`/cards/${card.id}`), { text: "Publish every contract" }));
    const edited = await facilitator.patch<{ card: Card }>(path(`/cards/${card.id}`), {
      text: "Publish every public contract",
    });
    expect(edited.body.card).toMatchObject({ text: "Publish every public contract", mine: false });
    const events = [await stream.nextEvent(), await stream.nextEvent()];
    stream.close();
    expect(events.map((event) => [event.type, event.actorId, event.payload.cardId])).toEqual([
      ["meeting.card_edited", ana.user?.id, card.id],
      ["meeting.card_edited", facilitator.user?.id, card.id],
    ]);
    const board = ok(await readBoard(ben, workspaceId, meeting.id, itemId));
    expect(board.cards.find((c) => c.id === card.id)).toMatchObject({
      text: "Publish every public contract",
      categoryId: category.id,
    });
  });

  it("lets a facilitator remove a revealed card", async () => {
    const duplicate = await addCard(ben, "Publish every public contract (again)");
    expect((await facilitator.delete(path(`/cards/${duplicate.id}`))).status).toBe(204);
    expect(await boardTexts(ben)).not.toContain("Publish every public contract (again)");
  });

  it("renames a category (any participant), refusing viewers, bad names and unknown ids", async () => {
    const renamed = await ana.patch<{ category: Category }>(path(`/categories/${category.id}`), {
      name: "Open contracting",
    });
    expect(renamed.body.category).toEqual({ id: category.id, itemId, name: "Open contracting" });
    expect((await viewer.patch(path(`/categories/${category.id}`), { name: "Mine" })).status).toBe(403);
    expect((await ana.patch(path(`/categories/${category.id}`), { name: " " })).status).toBe(400);
    expect((await ana.patch(path(`/categories/${category.id}`), { name: "x".repeat(121) })).status).toBe(400);
    expect((await ana.patch(path(`/categories/${category.id}`), {})).status).toBe(400);
    expect((await ana.patch(path("/categories/nosuchcategory"), { name: "Ghost" })).status).toBe(404);
    expect(ok(await readBoard(viewer, workspaceId, meeting.id, itemId)).categories).toEqual([
      { id: category.id, itemId, name: "Open contracting" },
    ]);
  });

  it("deletes a category (any participant, not viewers): its cards go back to unsorted, none lost", async () => {
    expect((await viewer.delete(path(`/categories/${category.id}`))).status).toBe(403);
    const stream = await openEventStream(viewer, workspaceId);
    expect((await ben.delete(path(`/categories/${category.id}`))).status).toBe(204);
    expect(await stream.nextEvent()).toMatchObject({
      type: "meeting.category_deleted",
      actorId: ben.user?.id,
      payload: { meetingId: meeting.id, itemId, categoryId: category.id },
    });
    stream.close();
    const board = ok(await readBoard(viewer, workspaceId, meeting.id, itemId));
    expect(board.categories).toEqual([]);
    expect(board.cards.find((c) => c.id === card.id)).toMatchObject({
      text: "Publish every public contract",
      categoryId: null,
    });
    expect((await ben.delete(path(`/categories/${category.id}`))).status).toBe(404);
  });

  it("refuses every change with 409 meeting_ended once the meeting has ended", async () => {
    const kept = ok(
      await ben.post<{ category: Category }>(path("/categories"), { itemId, name: "Kept" }),
    ).category;
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "end" }));
    for (const reply of [
      await ana.patch(path(`/cards/${card.id}`), { text: "Too late" }),
      await ana.delete(path(`/cards/${card.id}`)),
      await ana.patch(path(`/categories/${kept.id}`), { name: "Too late" }),
      await ana.delete(path(`/categories/${kept.id}`)),
    ]) {
      expect(reply.status).toBe(409);
      expect(reply.error?.code).toBe("meeting_ended");
    }
    expect(await boardTexts(ana)).toContain("Publish every public contract");
  });
});
