import { meetingDocName } from "@shared/collab";
import type { Card, Category, Meeting } from "@shared/meetings";
import { appendParagraphs } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { startCollabServer } from "../collab/test/server";
import { createCast, type TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import type { TestServer } from "../test/startTestServer";
import {
  createTemplateMeeting,
  documentXml,
  download,
  meetingsPath,
  ok,
  readMinutes,
  runAction,
} from "./meetings.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let workspaceId: string;

beforeAll(async () => {
  ({ srv } = await startCollabServer());
  ({ facilitator, commenter, viewer, workspaceId } = await createCast(srv));
});
afterAll(() => srv.close());

/** Appends a paragraph to an item's shared notes through the collaboration server, as `client`. */
const writeNotes = (meeting: Meeting, itemIndex: number, client: TestClient, text: string) =>
  srv.ctx.documents.change(meetingDocName(meeting.id), client.user?.id ?? "", (doc: Y.Doc) => {
    appendParagraphs(doc.getXmlFragment(`notes:${meeting.items[itemIndex]?.id}`), [text]);
  });

describe("minutes kept in the workspace's records", () => {
  it("are recorded with the end, announced, and stay as they were whatever is edited afterwards", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const path = meetingsPath(workspaceId, meeting.id);
    const board = meeting.items[3]?.id ?? "";
    ok(await commenter.request("PUT", `${path}/attendance`, { body: { presence: "remote" } }));
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
    await writeNotes(meeting, 0, commenter, "Pairs met on why they joined.");
    for (let i = 0; i < 3; i++) ok(await runAction(facilitator, workspaceId, meeting.id, { action: "next" }));
    const card = ok(
      await commenter.post<{ card: Card }>(`${path}/cards`, { itemId: board, text: "Scattered data" }),
    );
    ok(await facilitator.post(`${path}/items/${board}/reveal`));
    const { category } = ok(
      await commenter.post<{ category: Category }>(`${path}/categories`, {
        itemId: board,
        name: "Information",
      }),
    );
    ok(await commenter.patch(`${path}/cards/${card.card.id}`, { categoryId: category.id }));
    ok(await facilitator.post(`${path}/decisions`, { kind: "decision", what: "Meet monthly" }));

    // Before the end the minutes are provisional.
    expect((await readMinutes(viewer, workspaceId, meeting.id)).recordedAt).toBeNull();

    const stream = await openEventStream(viewer, workspaceId);
    const ended = ok(await runAction(facilitator, workspaceId, meeting.id, { action: "end" }));
    const events = [await stream.nextEvent(), await stream.nextEvent()];
    stream.close();
    const recordedAt = new Date(ended.serverNow).toISOString();
    expect(events).toMatchObject([
      { type: "meeting.run_changed", payload: { meetingId: meeting.id } },
      { type: "meeting.minutes_recorded", payload: { meetingId: meeting.id, recordedAt } },
    ]);

    const recorded = await readMinutes(viewer, workspaceId, meeting.id);
    expect(recorded).toMatchObject({ recordedAt, endedAt: recordedAt, meeting: { status: "ended" } });
    expect(recorded.items[0]?.notes).toBe("Pairs met on why they joined.");
    expect(recorded.items[3]).toMatchObject({
      categories: [{ name: "Information", cards: ["Scattered data"] }],
      uncategorised: [],
    });
    expect(recorded.decisions).toMatchObject([{ kind: "decision", what: "Meet monthly" }]);
    expect(recorded.attendance).toEqual([
      { sector: "civil_society", people: [{ name: "A commenter", presence: "remote" }] },
    ]);
    const markdown = await (await download(viewer, `${path}/minutes.md?locale=en`)).text();
    const docx = await documentXml(await download(viewer, `${path}/minutes.docx?locale=en`));
    expect(docx).toContain("Pairs met on why they joined.");

    // The notes stay writable after the end; the minutes do not follow them. A second end is refused.
    await writeNotes(meeting, 0, commenter, "REWRITTEN AFTERWARDS");
    expect((await runAction(facilitator, workspaceId, meeting.id, { action: "end" })).status).toBe(409);
    expect(await readMinutes(viewer, workspaceId, meeting.id)).toEqual(recorded);
    expect(await (await download(viewer, `${path}/minutes.md?locale=en`)).text()).toBe(markdown);
    expect(markdown).toContain("> Pairs met on why they joined.");
    expect(markdown).not.toContain("REWRITTEN");
    expect(await documentXml(await download(viewer, `${path}/minutes.docx?locale=en`))).toBe(docx);
  });

  it("cannot be changed or removed, even by direct SQL", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "end" }));
    const { sql } = srv.ctx;
    await expect(
      sql.run("UPDATE meeting_minutes SET content = '{}' WHERE meeting_id = ?", [meeting.id]),
    ).rejects.toThrow(/minutes_immutable/);
    await expect(sql.run("DELETE FROM meeting_minutes WHERE meeting_id = ?", [meeting.id])).rejects.toThrow(
      /minutes_immutable/,
    );
    expect((await readMinutes(viewer, workspaceId, meeting.id)).recordedAt).not.toBeNull();
  });

  it("of a meeting that ended before minutes were recorded with the end are recorded when first read", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
    await writeNotes(meeting, 0, commenter, "Said before the end.");
    // How a meeting ended before migration 007: its end transition, and no minutes.
    await srv.ctx.store.meetings.appendTransition(
      meeting.id,
      { type: "end" },
      Date.now(),
      facilitator.user?.id ?? "",
    );

    const first = await readMinutes(viewer, workspaceId, meeting.id);
    expect(first.recordedAt).not.toBeNull();
    expect(first.meeting.status).toBe("ended");
    expect(first.items[0]?.notes).toBe("Said before the end.");
    await writeNotes(meeting, 0, commenter, "REWRITTEN AFTERWARDS");
    expect(await readMinutes(commenter, workspaceId, meeting.id)).toEqual(first);
  });
});
