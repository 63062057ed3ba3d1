import type { BoardResponse, Card, Category, Meeting } from "@shared/meetings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../test/factories";
import { type EventStream, openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { meetingsPath, ok, readBoard, readMinutes, startBoardMeeting } from "./meetings.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let ana: TestClient;
let ben: TestClient;
let viewer: TestClient;
let workspaceId: string;
let meeting: Meeting;
let itemId: string;

const SECRET = "Ana's private idea: open the procurement register";

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, ana, ben, viewer, workspaceId, meeting, itemId } = await startBoardMeeting(srv));
});
afterAll(() => srv.close());

const cardsPath = () => meetingsPath(workspaceId, meeting.id, "/cards");

/** Every raw SSE message a stream received until `until` holds, as text. */
async function rawUntil(stream: EventStream, until: (data: string) => boolean): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const message = await stream.nextMessage();
    if (message === null) return seen;
    if (message.data === undefined) continue;
    seen.push(message.data);
    if (until(message.data)) return seen;
  }
}

describe("private brainstorm cards", () => {
  it("are delivered to their author only, before the reveal, by the API and the event stream", async () => {
    const streams = await Promise.all([ben, viewer, facilitator].map((c) => openEventStream(c, workspaceId)));
    const added = await ana.post<{ card: Card }>(cardsPath(), { itemId, text: SECRET });
    expect(added.status).toBe(201);
    expect(added.body.card).toMatchObject({ text: SECRET, mine: true, revealed: false, categoryId: null });
    ok(await ben.post(cardsPath(), { itemId, text: "Ben's idea" }));

    // Everyone else hears that cards were added, without a word of them.
    for (const stream of streams) {
      const seen = await rawUntil(stream, (data) => data.includes('"privateCount":2'));
      stream.close();
      expect(seen.join("\n")).not.toContain("procurement register");
      const events = seen.map((data) => JSON.parse(data));
      expect(events.map((event) => event.type)).toEqual(["meeting.card_added", "meeting.card_added"]);
      expect(events[0]).toMatchObject({ actorId: null, payload: { itemId, privateCount: 1 } });
      expect(Object.keys(events[0].payload).sort()).toEqual(["itemId", "meetingId", "privateCount"]);
    }

    const own = ok(await readBoard(ana, workspaceId, meeting.id, itemId));
    expect(own.cards.map((card) => card.text)).toEqual([SECRET]);
    for (const other of [ben, viewer, facilitator]) {
      const board = ok(await readBoard(other, workspaceId, meeting.id, itemId));
      expect(JSON.stringify(board)).not.toContain("procurement register");
      expect(board).toMatchObject({ revealed: false, privateCount: 2 });
    }
    // Nor do the meeting, its minutes or a move reveal it.
    const whole = await facilitator.get(meetingsPath(workspaceId, meeting.id));
    expect(JSON.stringify(whole.body)).not.toContain("procurement register");
    expect(JSON.stringify(await readMinutes(facilitator, workspaceId, meeting.id))).not.toContain(
      "procurement register",
    );
    const peek = await ben.patch(meetingsPath(workspaceId, meeting.id, `/cards/${added.body.card.id}`), {
      categoryId: null,
    });
    expect(peek.status).toBe(404);
    const early = await ana.patch(meetingsPath(workspaceId, meeting.id, `/cards/${added.body.card.id}`), {
      categoryId: null,
    });
    expect(early.status).toBe(409);
    expect(early.error?.code).toBe("card_private");
  });

  it("become visible to every member once the facilitator reveals the board, then are sorted live", async () => {
    const stream = await openEventStream(viewer, workspaceId);
    const revealed = await facilitator.post<{ revealed: number }>(
      meetingsPath(workspaceId, meeting.id, `/items/${itemId}/reveal`),
    );
    expect(revealed.body).toEqual({ revealed: 2 });
    const board = ok(await readBoard(viewer, workspaceId, meeting.id, itemId));
    expect(board.cards.map((card) => [card.text, card.mine])).toEqual([
      [SECRET, false],
      ["Ben's idea", false],
    ]);
    expect(board).toMatchObject({ revealed: true, privateCount: 0 });

    const category = ok(
      await ben.post<{ category: Category }>(meetingsPath(workspaceId, meeting.id, "/categories"), {
        itemId,
        name: "Open contracting",
      }),
    ).category;
    const cardId = board.cards[0]?.id ?? "";
    const moved = await ana.patch<{ card: Card }>(meetingsPath(workspaceId, meeting.id, `/cards/${cardId}`), {
      categoryId: category.id,
    });
    expect(moved.body.card).toMatchObject({ categoryId: category.id, mine: true });

    const types = (await rawUntil(stream, (data) => data.includes("meeting.card_moved"))).map(
      (data) => JSON.parse(data).type,
    );
    stream.close();
    expect(types).toEqual(["meeting.cards_revealed", "meeting.category_added", "meeting.card_moved"]);

    // A card written after the reveal is shared at once.
    ok(await ben.post(cardsPath(), { itemId, text: "Late idea" }));
    const after: BoardResponse = ok(await readBoard(ana, workspaceId, meeting.id, itemId));
    expect(after.cards.map((card) => card.text)).toContain("Late idea");

    const minutes = await readMinutes(viewer, workspaceId, meeting.id);
    expect(minutes.items[3]).toMatchObject({
      categories: [{ name: "Open contracting", cards: [SECRET] }],
      uncategorised: ["Ben's idea", "Late idea"],
    });
  });

  it.each([
    ["a category of another board", () => ({ categoryId: "nosuchcategory" }), 400],
    ["a body without categoryId", () => ({}), 400],
  ])("refuses moving a card into %s", async (_, body, status) => {
    const board = ok(await readBoard(ana, workspaceId, meeting.id, itemId));
    const reply = await ana.patch(
      meetingsPath(workspaceId, meeting.id, `/cards/${board.cards[0]?.id}`),
      body(),
    );
    expect(reply.status).toBe(status);
  });

  it("refuses cards on a discussion item with 409 and empty text with 400", async () => {
    const discussion = await ana.post(cardsPath(), { itemId: meeting.items[0]?.id, text: "Hi" });
    expect(discussion.status).toBe(409);
    expect(discussion.error?.code).toBe("not_a_brainstorm");
    expect((await ana.post(cardsPath(), { itemId, text: "   " })).status).toBe(400);
  });
});
