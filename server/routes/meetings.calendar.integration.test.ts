import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCast, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { createTemplateMeeting, download, meetingsPath, ok, runAction } from "./meetings.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let viewer: TestClient;
let stranger: TestClient;
let workspaceId: string;

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, viewer, stranger, workspaceId } = await createCast(srv));
});
afterAll(() => srv.close());

describe("GET /api/workspaces/:id/meetings/:meetingId/calendar.ics", () => {
  it("gives any member the meeting as a calendar entry that links back to the meeting page", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const response = await download(viewer, meetingsPath(workspaceId, meeting.id, "/calendar.ics"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(".ics");
    const ics = await response.text();
    expect(ics).toContain("SUMMARY:Promoter team kick-off");
    expect(ics).toContain("DTSTART:20300302T090000Z");
    expect(ics).toContain("LOCATION:City Hall\\, room 2");
    expect(ics.replace(/\r\n /g, "")).toContain(`/w/${workspaceId}/meetings/${meeting.id}`);
  });

  it("refuses someone who is not a member with 403", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const response = await download(stranger, meetingsPath(workspaceId, meeting.id, "/calendar.ics"));
    expect(response.status).toBe(403);
  });
});

describe("the minutes downloads' time zone", () => {
  it("says the meeting's times in the zone asked for, with its name", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
    const path = meetingsPath(workspaceId, meeting.id, "/minutes.md?locale=en&tz=Asia%2FTokyo");
    const markdown = await (await download(viewer, path)).text();
    expect(markdown).toMatch(/\*\*When:\*\* \w{3} \d{1,2}, \d{4}, \d\d:\d\d [AP]M GMT\+9\n/);
  });

  it("refuses a zone that does not exist with 400 naming the field", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const response = await download(
      viewer,
      meetingsPath(workspaceId, meeting.id, "/minutes.md?locale=en&tz=Mars%2FOlympus"),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("tz");
  });
});
