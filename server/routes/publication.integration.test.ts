import type { Thread } from "@shared/comments";
import type { Meeting } from "@shared/meetings";
import type {
  PublicationResponse,
  PublicDraftResponse,
  PublicMinutes,
  PublicProcessResponse,
} from "@shared/publication";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCollabServer } from "../collab/test/server";
import { anonymous, createUser, createWorkspace, type TestClient, uniqueEmail } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import { createTemplateMeeting, meetingsPath, ok, runAction } from "./meetings.fixtures";
import { addMember, completePlan } from "./versions.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let ana: TestClient;
let ben: TestClient;
let workspaceId: string;
let slug: string;
const emails = [uniqueEmail("fiona"), uniqueEmail("ana"), uniqueEmail("ben")];

const publication = (rest = "") => `/api/workspaces/${workspaceId}/publication${rest}`;
const publicPath = (rest = "") => `/api/public/workspaces/${slug}${rest}`;
const settings = (over: Partial<PublicationResponse["settings"]> = {}) => ({
  published: true,
  showDraft: false,
  minutes: [] as string[],
  inputs: [] as string[],
  ...over,
});

/** Opens a thread on the plan as `client`; returns it. */
async function comment(client: TestClient, body: string): Promise<Thread> {
  return ok(
    await client.post<{ thread: Thread }>(`/api/workspaces/${workspaceId}/threads`, { target: "plan", body }),
  ).thread;
}

/** A template meeting run from start to end, with a decision: its minutes are recorded. */
async function endedMeeting(title: string, decision: string): Promise<Meeting> {
  const meeting = await createTemplateMeeting(facilitator, workspaceId, {
    title,
    startsAt: "2026-01-10T09:00:00Z",
  });
  ok(
    await ana.request("PUT", meetingsPath(workspaceId, meeting.id, "/attendance"), {
      body: { presence: "room" },
    }),
  );
  ok(
    await ben.request("PUT", meetingsPath(workspaceId, meeting.id, "/attendance"), {
      body: { presence: "remote" },
    }),
  );
  ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
  ok(
    await facilitator.post(meetingsPath(workspaceId, meeting.id, "/decisions"), {
      kind: "decision",
      what: decision,
    }),
  );
  ok(await runAction(facilitator, workspaceId, meeting.id, { action: "end" }));
  return meeting;
}

beforeAll(async () => {
  ({ srv } = await startCollabServer());
  facilitator = await createUser(srv, { name: "Fiona Facilitator", email: emails[0] });
  const workspace = await createWorkspace(facilitator, {
    name: "Open Riverside",
    jurisdiction: "Riverside",
    sector: "government",
    organization: "Riverside City Hall",
    periodStart: "2026-01-01",
    periodEnd: "2027-12-31",
  });
  workspaceId = workspace.id;
  slug = workspace.slug;
  ana = await createUser(srv, { name: "Ana Agreeing", email: emails[1] });
  ben = await createUser(srv, { name: "Ben Private", email: emails[2] });
  await addMember(facilitator, workspaceId, ana, "drafter", "civil_society", "Open Data Riverside");
  await addMember(facilitator, workspaceId, ben, "commenter", "academia", "Riverside University");
});
afterAll(() => srv.close());

describe("before a facilitator publishes", () => {
  it("the process page, the draft, minutes and calendars answer 404 to everyone", async () => {
    const visitor = anonymous(srv);
    const meeting = await createTemplateMeeting(facilitator, workspaceId, { title: "Not yet public" });
    for (const path of [
      "",
      "/draft",
      `/meetings/${meeting.id}/minutes`,
      `/meetings/${meeting.id}/calendar.ics`,
      "/record",
      "/record/export?format=csv",
      "/record/export?format=json",
    ]) {
      expect((await visitor.get(publicPath(path))).status, path).toBe(404);
    }
    expect((await visitor.get("/api/public/workspaces/no-such-place")).status).toBe(404);
  });
});

describe("PUT /api/workspaces/:id/publication", () => {
  it("refuses anyone but a facilitator, and strangers without a session", async () => {
    expect((await ana.request("PUT", publication(), { body: settings() })).status).toBe(403);
    expect((await ben.request("PUT", publication("/roadmap"), { body: { phases: [] } })).status).toBe(403);
    expect((await anonymous(srv).request("PUT", publication(), { body: settings() })).status).toBe(401);
    const stranger = await createUser(srv);
    expect((await stranger.get(publication())).status).toBe(403);
  });

  it("refuses bad bodies with the field named, and changes nothing", async () => {
    const missing = await facilitator.request("PUT", publication(), { body: { published: true } });
    expect(missing.status).toBe(400);
    expect(missing.error?.code).toBe("invalid_body");
    const backwards = await facilitator.request("PUT", publication("/roadmap"), {
      body: { phases: [{ kind: "preparation", startsOn: "2026-03-01", endsOn: "2026-02-01" }] },
    });
    expect(backwards.status).toBe(400);
    const unknownKind = await facilitator.request("PUT", publication("/roadmap"), {
      body: { phases: [{ kind: "party", startsOn: "2026-03-01", endsOn: "2026-04-01" }] },
    });
    expect(unknownKind.status).toBe(400);
    const notRecorded = await createTemplateMeeting(facilitator, workspaceId, { title: "Still to come" });
    const refused = await facilitator.request("PUT", publication(), {
      body: settings({ minutes: [notRecorded.id] }),
    });
    expect(refused.status).toBe(422);
    expect(refused.error?.code).toBe("minutes_not_recorded");
    const unknownInput = await facilitator.request("PUT", publication(), {
      body: settings({ inputs: ["nope"] }),
    });
    expect(unknownInput.error?.code).toBe("unknown_input");
    expect(ok(await facilitator.get<PublicationResponse>(publication())).settings.published).toBe(false);
  });
});

describe("the published process page", () => {
  let shown: Meeting;
  let hidden: Meeting;
  let upcoming: Meeting;
  let publicThread: Thread;

  beforeAll(async () => {
    shown = await endedMeeting("Kick-off in the library", "Publish the budget monthly");
    hidden = await endedMeeting("Internal preparation", "SECRET-DECISION keep this internal");
    upcoming = await createTemplateMeeting(facilitator, workspaceId, {
      title: "Consultation evening",
      startsAt: "2099-05-04T17:30:00Z",
      place: "Riverside Library",
      link: "https://meet.example.org/riverside",
    });
    publicThread = await comment(ben, "Please add the school transport data");
    ok(
      await facilitator.post(`/api/workspaces/${workspaceId}/threads/${publicThread.id}/responses`, {
        status: "accepted",
        reason: "Added to commitment 1",
      }),
    );
    await comment(ana, "PRIVATE-COMMENT not for the public");
    await srv.ctx.documents.change(`plan:${workspaceId}`, facilitator.user?.id ?? "", completePlan("alpha"));
    ok(
      await facilitator.request("PUT", publication("/roadmap"), {
        body: {
          phases: [
            { kind: "preparation", startsOn: "2020-01-01", endsOn: "2020-12-31" },
            { kind: "co_creation", startsOn: "2021-01-01", endsOn: "2098-12-31" },
            { kind: "sign_off", startsOn: "2099-01-01", endsOn: "2099-02-01" },
          ],
        },
      }),
    );
    ok(
      await facilitator.request("PUT", publication(), {
        body: settings({ minutes: [shown.id], inputs: [publicThread.id], showDraft: true }),
      }),
    );
    ok(await ana.request("PUT", publication("/consent"), { body: { showName: true } }));
  });

  it("shows jurisdiction, period, roadmap with the current phase, and the forum by sector", async () => {
    const page = ok(await anonymous(srv).get<PublicProcessResponse>(publicPath()));
    expect(page.published).toBe(true);
    expect(page.workspace).toMatchObject({
      jurisdiction: "Riverside",
      periodStart: "2026-01-01",
      periodEnd: "2027-12-31",
    });
    expect(page.roadmap.phases.map((p) => p.kind)).toEqual(["preparation", "co_creation", "sign_off"]);
    expect(page.roadmap.current).toBe(1);
    expect(page.forum).toEqual([
      {
        sector: "government",
        organizations: [{ name: "Riverside City Hall", members: 1, people: [] }],
      },
      {
        sector: "civil_society",
        organizations: [{ name: "Open Data Riverside", members: 1, people: ["Ana Agreeing"] }],
      },
      { sector: "academia", organizations: [{ name: "Riverside University", members: 1, people: [] }] },
    ]);
  });

  it("lists upcoming meetings with place, link and a calendar file, and past ones with their minutes flag", async () => {
    const page = ok(await anonymous(srv).get<PublicProcessResponse>(publicPath()));
    // Soonest first: the two template meetings of 2030, then the one of 2099.
    expect(page.meetings.upcoming.map((m) => m.title).sort()).toEqual([
      "Consultation evening",
      "Not yet public",
      "Still to come",
    ]);
    expect(page.meetings.upcoming.at(-1)?.title).toBe("Consultation evening");
    expect(page.meetings.upcoming.at(-1)).toMatchObject({
      place: "Riverside Library",
      link: "https://meet.example.org/riverside",
    });
    const past = Object.fromEntries(page.meetings.past.map((m) => [m.title, m.minutes]));
    expect(past).toMatchObject({ "Kick-off in the library": true, "Internal preparation": false });
    const ics = await fetch(`${srv.url}${publicPath(`/meetings/${upcoming.id}/calendar.ics`)}`);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const text = await ics.text();
    expect(text).toContain("BEGIN:VEVENT");
    expect(text).toContain("SUMMARY:Consultation evening");
    expect(text).toContain("DTSTART:20990504T173000Z");
    expect(text).toContain("LOCATION:Riverside Library");
  });

  it("serves only the chosen minutes, with attendance counted and named only by consent", async () => {
    const visitor = anonymous(srv);
    const { minutes } = ok(
      await visitor.get<{ minutes: PublicMinutes }>(publicPath(`/meetings/${shown.id}/minutes`)),
    );
    expect(minutes.decisions.map((d) => d.what)).toEqual(["Publish the budget monthly"]);
    expect(minutes.attendance).toEqual([
      { sector: "civil_society", count: 1, people: ["Ana Agreeing"] },
      { sector: "academia", count: 1, people: [] },
    ]);
    expect((await visitor.get(publicPath(`/meetings/${hidden.id}/minutes`))).status).toBe(404);
    expect((await visitor.get(publicPath(`/meetings/${upcoming.id}/minutes`))).status).toBe(404);
  });

  it("shows the chosen inputs with their reasoned responses, and the draft read-only", async () => {
    const visitor = anonymous(srv);
    const page = ok(await visitor.get<PublicProcessResponse>(publicPath()));
    expect(page.inputs).toEqual([
      expect.objectContaining({
        body: "Please add the school transport data",
        author: { name: null, sector: "academia", organization: "Riverside University" },
        responses: [expect.objectContaining({ status: "accepted", reason: "Added to commitment 1" })],
      }),
    ]);
    expect(page.draft).toBe(true);
    const draft = ok(await visitor.get<PublicDraftResponse>(publicPath("/draft")));
    expect(draft.content.plan.commitments[0]?.title).toBe("Title alpha");
    // The public API has no write route: a visitor's PUT or POST finds nothing.
    expect((await visitor.request("PUT", publicPath("/draft"), { body: {} })).status).toBe(404);
  });

  it("leaks nothing unpublished: every public route, walked as a signed-out visitor", async () => {
    const visitor = anonymous(srv);
    const page = ok(await visitor.get<PublicProcessResponse>(publicPath()));
    const meetingIds = [...page.meetings.upcoming, ...page.meetings.past].map((m) => m.id);
    const paths = [
      publicPath(),
      publicPath("/draft"),
      ...meetingIds.flatMap((id) => [
        publicPath(`/meetings/${id}/minutes`),
        publicPath(`/meetings/${id}/calendar.ics`),
      ]),
      publicPath(`/meetings/${hidden.id}/minutes`),
      publicPath("/versions"),
      publicPath("/versions/latest"),
      publicPath("/record"),
      publicPath("/record/export?format=csv"),
      publicPath("/record/export?format=json"),
    ];
    let everything = "";
    for (const path of paths) everything += await (await fetch(`${srv.url}${path}`)).text();
    expect(everything).toContain("Publish the budget monthly");
    for (const secret of [
      "PRIVATE-COMMENT",
      "SECRET-DECISION",
      ...emails,
      "@example.org",
      "Ben Private",
      "Fiona Facilitator",
      ana.user?.id ?? "",
      ben.user?.id ?? "",
      facilitator.user?.id ?? "",
    ]) {
      expect(everything, secret).not.toContain(secret);
    }
  });

  it("a member withdrawing consent disappears by name at once", async () => {
    ok(await ana.request("PUT", publication("/consent"), { body: { showName: false } }));
    const page = ok(await anonymous(srv).get<PublicProcessResponse>(publicPath()));
    expect(JSON.stringify(page)).not.toContain("Ana Agreeing");
    ok(await ana.request("PUT", publication("/consent"), { body: { showName: true } }));
  });

  it("taking the draft down or unpublishing takes effect at once", async () => {
    const visitor = anonymous(srv);
    ok(await facilitator.request("PUT", publication(), { body: settings({ minutes: [shown.id] }) }));
    expect((await visitor.get(publicPath("/draft"))).status).toBe(404);
    expect(ok(await visitor.get<PublicProcessResponse>(publicPath())).inputs).toEqual([]);
    ok(
      await facilitator.request("PUT", publication(), {
        body: settings({ published: false, minutes: [shown.id] }),
      }),
    );
    for (const path of [
      "",
      `/meetings/${shown.id}/minutes`,
      `/meetings/${upcoming.id}/calendar.ics`,
      "/record",
    ]) {
      expect((await visitor.get(publicPath(path))).status, path).toBe(404);
    }
  });
});
