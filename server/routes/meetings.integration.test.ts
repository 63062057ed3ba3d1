import type { Meeting, MeetingResponse, MeetingsResponse } from "@shared/meetings";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { anonymous, createCast, createWorkspace, type TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { createTemplateMeeting, meetingsPath, ok, readMinutes, runAction } from "./meetings.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let drafter: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let stranger: TestClient;
let workspaceId: string;

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, workspaceId, drafter, commenter, viewer, stranger } = await createCast(srv));
});
afterAll(() => srv.close());
afterEach(() => {
  vi.useRealTimers();
});

describe("POST /api/workspaces/:id/meetings", () => {
  it("creates the coordination meeting from the template and shows the 10-minute gap", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    expect(meeting.items.map((item) => item.minutes)).toEqual([15, 10, 15, 40, 20, 10]);
    expect(meeting.items.map((item) => item.kind)).toEqual([
      "discussion",
      "discussion",
      "discussion",
      "brainstorm",
      "brainstorm",
      "discussion",
    ]);
    expect(meeting.totals).toEqual({ itemsMinutes: 110, plannedMinutes: 100, differenceMinutes: 10 });
    expect(meeting).toMatchObject({ status: "not_started", place: "City Hall, room 2", plannedMinutes: 100 });
  });

  it("writes the template in the member's language", async () => {
    const es = await createTemplateMeeting(facilitator, workspaceId, { locale: "es" });
    const fr = await createTemplateMeeting(facilitator, workspaceId, { locale: "fr" });
    expect(es.items[0]?.title).toBe("Dinámica de conexión");
    expect(fr.items[5]?.title).toBe("Prochaines étapes");
  });

  it("creates a blank meeting with the planned length it is given, and lists it for members", async () => {
    const reply = await facilitator.post<MeetingResponse>(meetingsPath(workspaceId), {
      title: "Forum session",
      startsAt: "2030-04-01T17:00:00+02:00",
      link: "https://meet.example.org/forum",
      plannedMinutes: 60,
      template: "blank",
    });
    expect(reply.status).toBe(201);
    expect(reply.body.meeting).toMatchObject({
      items: [],
      totals: { itemsMinutes: 0, differenceMinutes: -60 },
    });
    const list = ok(await viewer.get<MeetingsResponse>(meetingsPath(workspaceId)));
    expect(list.meetings.map((m) => m.id)).toContain(reply.body.meeting.id);
  });

  it.each([
    ["a blank meeting without a planned length", { template: "blank" }, "plannedMinutes"],
    ["an unknown template", { template: "party" }, "template"],
    ["a start that is not a date-time", { startsAt: "tomorrow" }, "startsAt"],
    ["a link that is not http(s)", { link: "javascript:alert(1)" }, "link"],
    ["an unknown field", { colour: "red" }, "colour"],
  ])("refuses %s with 400", async (_, body, path) => {
    const reply = await facilitator.post(meetingsPath(workspaceId), {
      title: "X",
      startsAt: "2030-01-01T10:00:00Z",
      template: "coordination",
      ...body,
    });
    expect(reply.status).toBe(400);
    expect(reply.error?.issues?.map((issue) => issue.path)).toContain(path);
  });
});

describe("PUT /api/workspaces/:id/meetings/:meetingId/agenda", () => {
  it("edits, reorders, adds and removes items, keeping the ids of those it keeps", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const [first, second] = meeting.items;
    const reply = await facilitator.request<MeetingResponse>(
      "PUT",
      meetingsPath(workspaceId, meeting.id, "/agenda"),
      {
        body: {
          items: [
            { id: second?.id, title: "Goals", minutes: 5, kind: "discussion", lead: "Fiona" },
            { id: first?.id, title: "Icebreaker", minutes: 10, kind: "discussion" },
            { title: "Ideas", minutes: 30, kind: "brainstorm" },
          ],
        },
      },
    );
    expect(reply.status).toBe(200);
    const { items, totals } = reply.body.meeting;
    expect(items.map((item) => [item.title, item.minutes, item.lead])).toEqual([
      ["Goals", 5, "Fiona"],
      ["Icebreaker", 10, ""],
      ["Ideas", 30, ""],
    ]);
    expect(items.slice(0, 2).map((item) => item.id)).toEqual([second?.id, first?.id]);
    expect(totals).toEqual({ itemsMinutes: 45, plannedMinutes: 100, differenceMinutes: -55 });
  });

  it("refuses an id from another meeting with 400 and an agenda change after the start with 409", async () => {
    const a = await createTemplateMeeting(facilitator, workspaceId);
    const b = await createTemplateMeeting(facilitator, workspaceId);
    const foreign = await facilitator.request("PUT", meetingsPath(workspaceId, a.id, "/agenda"), {
      body: { items: [{ id: b.items[0]?.id, title: "Stolen", minutes: 5, kind: "discussion" }] },
    });
    expect(foreign.status).toBe(400);
    ok(await runAction(facilitator, workspaceId, a.id, { action: "start" }));
    const late = await facilitator.request("PUT", meetingsPath(workspaceId, a.id, "/agenda"), {
      body: { items: [] },
    });
    expect(late.status).toBe(409);
    expect(late.error?.code).toBe("meeting_started");
  });
});

describe("who may do what (permission matrix)", () => {
  let meeting: Meeting;
  let brainstormId: string;
  beforeAll(async () => {
    meeting = await createTemplateMeeting(facilitator, workspaceId);
    brainstormId = meeting.items[3]?.id ?? "";
  });

  type Call = (as: TestClient) => Promise<{ status: number }>;
  const calls: [string, Call][] = [
    ["list meetings", (as) => as.get(meetingsPath(workspaceId))],
    ["read a meeting", (as) => as.get(meetingsPath(workspaceId, meeting.id))],
    ["read the minutes", (as) => as.get(meetingsPath(workspaceId, meeting.id, "/minutes"))],
    ["read a board", (as) => as.get(meetingsPath(workspaceId, meeting.id, `/items/${brainstormId}/board`))],
    [
      "create a meeting",
      (as) =>
        as.post(meetingsPath(workspaceId), {
          title: "M",
          startsAt: "2030-01-01T10:00:00Z",
          template: "coordination",
        }),
    ],
    ["edit a meeting", (as) => as.patch(meetingsPath(workspaceId, meeting.id), { place: "Library" })],
    [
      "edit the agenda",
      (as) =>
        as.request("PUT", meetingsPath(workspaceId, meeting.id, "/agenda"), {
          body: { items: meeting.items.map(({ revealedAt: _, ...item }) => item) },
        }),
    ],
    [
      "pause the run (409 for a facilitator: not started)",
      (as) => runAction(as, workspaceId, meeting.id, { action: "pause" }),
    ],
    [
      "check someone else in",
      (as) =>
        as.request("PUT", meetingsPath(workspaceId, meeting.id, "/attendance"), {
          body: { userId: viewer.user?.id, presence: "remote" },
        }),
    ],
    [
      "check themself in",
      (as) =>
        as.request("PUT", meetingsPath(workspaceId, meeting.id, "/attendance"), {
          body: { presence: "room" },
        }),
    ],
    [
      "record a decision",
      (as) =>
        as.post(meetingsPath(workspaceId, meeting.id, "/decisions"), {
          kind: "decision",
          what: "Meet monthly",
        }),
    ],
    [
      "add a card",
      (as) =>
        as.post(meetingsPath(workspaceId, meeting.id, "/cards"), { itemId: brainstormId, text: "Idea" }),
    ],
    [
      "add a category",
      (as) =>
        as.post(meetingsPath(workspaceId, meeting.id, "/categories"), { itemId: brainstormId, name: "Data" }),
    ],
    [
      "reveal a board",
      (as) => as.post(meetingsPath(workspaceId, meeting.id, `/items/${brainstormId}/reveal`)),
    ],
  ];
  // Expected status per role: facilitator, drafter, commenter, viewer, non-member, anonymous.
  const expected: Record<string, number[]> = {
    "list meetings": [200, 200, 200, 200, 403, 401],
    "read a meeting": [200, 200, 200, 200, 403, 401],
    "read the minutes": [200, 200, 200, 200, 403, 401],
    "read a board": [200, 200, 200, 200, 403, 401],
    "create a meeting": [201, 403, 403, 403, 403, 401],
    "edit a meeting": [200, 403, 403, 403, 403, 401],
    "edit the agenda": [200, 403, 403, 403, 403, 401],
    "pause the run (409 for a facilitator: not started)": [409, 403, 403, 403, 403, 401],
    "check someone else in": [200, 403, 403, 403, 403, 401],
    "check themself in": [200, 200, 200, 403, 403, 401],
    "record a decision": [201, 403, 403, 403, 403, 401],
    "add a card": [201, 201, 201, 403, 403, 401],
    "add a category": [201, 201, 201, 403, 403, 401],
    "reveal a board": [200, 403, 403, 403, 403, 401],
  };
  const roles = ["facilitator", "drafter", "commenter", "viewer", "non-member", "anonymous"] as const;
  const client = (role: (typeof roles)[number]): TestClient =>
    ({ facilitator, drafter, commenter, viewer, "non-member": stranger, anonymous: anonymous(srv) })[role];

  it.each(calls)("answers '%s' by role as the matrix says", async (name, call) => {
    const statuses: number[] = [];
    // Lowest rights first, so a refused call cannot depend on what a permitted one changed.
    for (const role of [...roles].reverse()) statuses.unshift((await call(client(role))).status);
    expect(statuses).toEqual(expected[name]);
  });

  it("answers 404 for a meeting of another workspace", async () => {
    const otherWorkspace = (await createWorkspace(stranger)).id;
    const reply = await stranger.get(meetingsPath(otherWorkspace, meeting.id));
    expect(reply.status).toBe(404);
  });
});

describe("running a meeting", () => {
  it("moves every participant through the items with the server's time, and refuses steps that do not apply", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const stream = await openEventStream(viewer, workspaceId);
    const started = ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
    expect(started.meeting.run).toMatchObject({ status: "running", currentIndex: 0 });
    const event = await stream.nextEvent();
    stream.close();
    expect(event).toMatchObject({
      type: "meeting.run_changed",
      payload: { meetingId: meeting.id, run: started.meeting.run, serverNow: started.serverNow },
    });
    expect(started.meeting.run.runningSince).toBe(started.serverNow);

    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "next" }));
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "extend", minutes: 5 }));
    const seen = ok(await viewer.get<MeetingResponse>(meetingsPath(workspaceId, meeting.id)));
    expect(seen.meeting.run).toMatchObject({ status: "running", currentIndex: 1 });
    expect(seen.meeting.run.extendedMs[1]).toBe(5 * 60_000);

    const refused = await runAction(facilitator, workspaceId, meeting.id, { action: "resume" });
    expect(refused.status).toBe(409);
    expect(refused.error?.code).toBe("run_status");
    const badExtend = await runAction(facilitator, workspaceId, meeting.id, { action: "extend", minutes: 0 });
    expect(badExtend.status).toBe(400);
    const unknown = await runAction(facilitator, workspaceId, meeting.id, { action: "rewind" });
    expect(unknown.status).toBe(400);
  });
});

describe("minutes", () => {
  it("match what happened: planned vs actual minutes, decisions, attendance by sector", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const path = meetingsPath(workspaceId, meeting.id);
    ok(await commenter.request("PUT", `${path}/attendance`, { body: { presence: "remote" } }));
    ok(await drafter.request("PUT", `${path}/attendance`, { body: { presence: "room" } }));
    ok(
      await facilitator.request("PUT", `${path}/attendance`, {
        body: { userId: facilitator.user?.id, presence: "room" },
      }),
    );
    ok(
      await facilitator.post(`${path}/decisions`, {
        kind: "next_step",
        what: "Draft the forum's rules",
        who: "Civil society promoters",
        dueDate: "2030-04-15",
      }),
    );

    // The server's clock is moved by hand so the actual minutes are known exactly.
    const base = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    const step = async (minute: number, body: Record<string, unknown>) => {
      vi.setSystemTime(base + minute * 60_000);
      ok(await runAction(facilitator, workspaceId, meeting.id, body));
    };
    await step(0, { action: "start" });
    await step(20, { action: "next" }); // item 1: 20 of 15
    await step(28, { action: "pause" });
    await step(38, { action: "resume" });
    await step(40, { action: "next" }); // item 2: 10 of 10 (the pause does not count)
    await step(52, { action: "next" }); // item 3: 12 of 15
    await step(100, { action: "next" }); // item 4: 48 of 40
    await step(110, { action: "previous" }); // item 5: 10 so far; back to item 4
    await step(112, { action: "next" }); // item 4: 50 in all
    await step(117, { action: "next" }); // item 5: 15 of 20
    await step(127, { action: "end" }); // item 6: 10 of 10
    vi.useRealTimers();

    const minutes = await readMinutes(viewer, workspaceId, meeting.id);
    expect(minutes.items.map((item) => [item.plannedMinutes, item.actualMinutes])).toEqual([
      [15, 20],
      [10, 10],
      [15, 12],
      [40, 50],
      [20, 15],
      [10, 10],
    ]);
    expect(minutes.actualTotalMinutes).toBe(117);
    expect(minutes.totals).toEqual({ itemsMinutes: 110, plannedMinutes: 100, differenceMinutes: 10 });
    expect(minutes.attendance).toEqual([
      { sector: "government", people: [{ name: "Fiona Facilitator", presence: "room" }] },
      { sector: "civil_society", people: [{ name: "A commenter", presence: "remote" }] },
      { sector: "academia", people: [{ name: "A drafter", presence: "room" }] },
    ]);
    expect(minutes.decisions).toMatchObject([
      {
        kind: "next_step",
        what: "Draft the forum's rules",
        who: "Civil society promoters",
        dueDate: "2030-04-15",
      },
    ]);

    const markdown = await viewer.request("GET", `${path}/minutes.md?locale=es`);
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    const text = await (
      await fetch(`${srv.url}${path}/minutes.md?locale=es`, {
        headers: { Cookie: `cocrea_session=${viewer.cookie}` },
      })
    ).text();
    expect(text).toContain("| 4 | Activity: common challenges |  | 40 | 50 |");
    expect(text).toContain("Los puntos suman 10 minutos más que la duración prevista.");
    expect(text).toContain("**Sociedad civil (1):** A commenter (a distancia)");

    // Once ended, the record is closed.
    const late = await viewer.request("PUT", `${path}/attendance`, { body: { presence: "room" } });
    expect(late.status).toBe(403);
    const lateCommenter = await commenter.request("PUT", `${path}/attendance`, {
      body: { presence: "room" },
    });
    expect(lateCommenter.status).toBe(409);
    expect(lateCommenter.error?.code).toBe("meeting_ended");
  });
});
