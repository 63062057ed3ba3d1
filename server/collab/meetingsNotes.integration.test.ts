import { meetingDocName } from "@shared/collab";
import { type Meeting, notesFragmentName } from "@shared/meetings";
import { appendParagraphs } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTemplateMeeting, readMinutes } from "../routes/meetings.fixtures";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import type { CollabServer } from ".";
import { connectProvider, type ProviderClient, waitFor } from "./test/clients";
import { startCollabServer } from "./test/server";

describe("shared notes of a meeting (meeting:<meetingId>)", () => {
  let srv: TestServer;
  let collab: CollabServer;
  let facilitator: TestClient;
  let commenter: TestClient;
  let viewer: TestClient;
  let outsider: TestClient;
  let meeting: Meeting;
  let workspaceId: string;
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    ({ srv, collab } = await startCollabServer());
    facilitator = await createUser(srv);
    workspaceId = (await createWorkspace(facilitator)).id;
    commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
    viewer = await joinAs(srv, workspaceId, facilitator, "viewer", "citizen");
    outsider = await createUser(srv);
    meeting = await createTemplateMeeting(facilitator, workspaceId);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await srv.close();
  });

  const connect = (as: TestClient): ProviderClient => {
    const client = connectProvider(srv, meetingDocName(meeting.id), { as });
    clients.push(client);
    return client;
  };

  it("refuses a non-member with 4403 and an unknown meeting with 4404", async () => {
    expect((await connect(outsider).refused).code).toBe(4403);
    const unknown = connectProvider(srv, meetingDocName("nosuchmeeting"), { as: commenter });
    clients.push(unknown);
    expect((await unknown.refused).code).toBe(4404);
  });

  it("lets commenters co-write an item's notes, keeps viewers read-only, and puts the notes in the minutes", async () => {
    const writer = connect(commenter);
    const reader = connect(viewer);
    await Promise.all([writer.synced(), reader.synced()]);
    const itemId = meeting.items[1]?.id ?? "";
    appendParagraphs(writer.doc.getXmlFragment(notesFragmentName(itemId)), ["Goal: form the promoter team."]);
    await waitFor(() => reader.doc.getXmlFragment(notesFragmentName(itemId)).length === 1);

    const droppedBefore = collab.stats().readerUpdatesDropped;
    appendParagraphs(reader.doc.getXmlFragment(notesFragmentName(itemId)), ["VIEWER WAS HERE"]);
    await waitFor(
      () => collab.stats().readerUpdatesDropped > droppedBefore,
      5000,
      "the viewer's edit dropped",
    );

    await waitFor(() => collab.stats().updatesStored > 0, 5000, "the notes stored");
    const minutes = await readMinutes(viewer, workspaceId, meeting.id);
    expect(minutes.items[1]?.notes).toBe("Goal: form the promoter team.");
  });
});
