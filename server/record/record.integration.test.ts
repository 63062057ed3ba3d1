import type { Thread, ThreadResponse } from "@shared/comments";
import { addCommitment, listCommitments, planDocName, removeCommitment } from "@shared/plan";
import type { CocreationRecord, PlanAuthorsResponse, RecordResponse } from "@shared/record";
import type { Role, Sector } from "@shared/roles";
import type { VoteDetailResponse, VoteResponse } from "@shared/votes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { attachCollab, type CollabServer } from "../collab";
import { connectProvider, type ProviderClient, waitFor } from "../collab/test/clients";
import { startCollabServer } from "../collab/test/server";
import { storedDoc } from "../collab/test/stored";
import { meetingsPath, runAction } from "../routes/meetings.fixtures";
import { addMember, eventually } from "../routes/versions.fixtures";
import { anonymous, createUser, createWorkspace, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

/**
 * A scripted process with known contributions, and every figure of its record checked exactly.
 * Text is written by real y-websocket clients, one per member, through the collaboration server.
 *
 * - Before bindings existed, client 999 wrote "Legacy" (6) into the co-creation summary.
 * - Fiona (government, City Hall) writes "We open data" (12) into the vision and titles commitment
 *   1 "Budget" (6).
 * - Carla (civil society, Open Data Club) writes "Citizens lack access" (20) into its problem and
 *   deletes Fiona's "We " (3).
 * - Adam (academia, University) appends " portal" (7) to the title, deletes Carla's "lack " (5),
 *   and titles commitment 2 "Dropped" (7), which Fiona then removes.
 */
let srv: TestServer;
let collab: CollabServer;
let workspaceId: string;
let fiona: TestClient;
let carla: TestClient;
let adam: TestClient;
let colin: TestClient;
let viewer: TestClient;
const threads: Thread[] = [];

const path = (rest: string) => `/api/workspaces/${workspaceId}${rest}`;
const put = (client: TestClient, rest: string, body: unknown) => client.request("PUT", path(rest), { body });

async function member(name: string, role: Role, sector: Sector, organization: string): Promise<TestClient> {
  const client = await createUser(srv, { name });
  await addMember(fiona, workspaceId, client, role, sector, organization);
  return client;
}

async function writer(client: TestClient): Promise<ProviderClient> {
  const provider = connectProvider(srv, planDocName(workspaceId), { as: client });
  await provider.synced();
  return provider;
}

/** Waits until storage holds everything the writers have (the server stores before it relays). */
async function stored(providers: ProviderClient[]): Promise<void> {
  for (const p of providers) {
    const target = Y.encodeStateVector(p.doc);
    await eventually(async () => {
      const doc = await storedDoc(srv.ctx, planDocName(workspaceId));
      const held = Y.encodeStateVector(doc);
      doc.destroy();
      return Buffer.compare(Buffer.from(held), Buffer.from(target)) === 0;
    }, "every writer's edits stored");
  }
}

async function record(client: TestClient = fiona): Promise<CocreationRecord> {
  const reply = await client.get<RecordResponse>(path("/record"));
  expect(reply.status).toBe(200);
  return reply.body.record;
}

/** The client id each member wrote the plan with. */
const writerIds: Record<string, number> = {};

beforeAll(async () => {
  ({ srv, collab } = await startCollabServer());
  fiona = await createUser(srv, { name: "Fiona Facilitator" });
  workspaceId = (await createWorkspace(fiona, { sector: "government", organization: "City Hall" })).id;
  carla = await member("Carla", "drafter", "civil_society", "Open Data Club");
  adam = await member("Adam", "drafter", "academia", "University");
  colin = await member("Colin", "commenter", "civil_society", "Neighbours");
  viewer = await member("Vera", "viewer", "citizen", "Herself");

  // Text from before client ids were bound to members: stored with no binding.
  const legacy = new Y.Doc();
  legacy.clientID = 999;
  legacy.getXmlFragment("cocreationSummary").insert(0, [new Y.XmlText("Legacy")]);
  await srv.ctx.documentStore.append([
    { docName: planDocName(workspaceId), userId: "someone-long-gone", update: Y.encodeStateAsUpdate(legacy) },
  ]);

  const f = await writer(fiona);
  writerIds.fiona = f.doc.clientID;
  const vision = new Y.XmlText("We open data");
  f.doc.getXmlFragment("vision").insert(0, [vision]);
  const first = addCommitment(f.doc, 5);
  first?.text("title")?.insert(0, "Budget");
  const c = await writer(carla);
  writerIds.carla = c.doc.clientID;
  await waitFor(() => listCommitments(c.doc).length === 1, 5000, "the commitment at Carla's");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("Citizens lack access")]);
  listCommitments(c.doc)[0]?.richText("problem")?.insert(0, [paragraph]);
  (c.doc.getXmlFragment("vision").get(0) as Y.XmlText).delete(0, 3);
  const a = await writer(adam);
  await waitFor(
    () => listCommitments(a.doc)[0]?.richText("problem")?.length === 1,
    5000,
    "Carla's text at Adam's",
  );
  const [budget] = listCommitments(a.doc);
  budget?.text("title")?.insert(6, " portal");
  const problem = budget?.richText("problem")?.get(0) as Y.XmlElement;
  (problem.get(0) as Y.XmlText).delete(9, 5);
  addCommitment(a.doc, 5)?.text("title")?.insert(0, "Dropped");
  await waitFor(() => listCommitments(f.doc).length === 2, 5000, "the second commitment at Fiona's");
  const dropped = listCommitments(f.doc).find((x) => x.text("title")?.toString() === "Dropped");
  removeCommitment(f.doc, dropped?.id ?? "")?.release();
  await waitFor(() => listCommitments(a.doc).length === 1, 5000, "the removal at Adam's");
  await stored([f, c, a]);
  // Everyone leaves: the server compacts the document into a snapshot as it unloads it.
  for (const p of [f, c, a]) p.destroy();
  const docName = planDocName(workspaceId);
  await waitFor(() => collab.stats().documents === 0, 5000, "the document unloaded");
  expect(
    srv.ctx.db().prepare("SELECT count(*) FROM doc_snapshots WHERE doc_name = ?").pluck().get(docName),
  ).toBe(1);

  // Comments: Colin opens two inputs, Adam one, Fiona replies; two responses.
  const open = async (client: TestClient, body: string) => {
    const reply = await client.post<ThreadResponse>(path("/threads"), { target: "plan", body });
    expect(reply.status).toBe(201);
    threads.push(reply.body.thread);
    return reply.body.thread.id;
  };
  const t1 = await open(colin, "More budget lines, please");
  await open(colin, "What about schools?");
  const t3 = await open(adam, "Cite the 2024 audit");
  expect((await fiona.post(path(`/threads/${t1}/comments`), { body: "Good point" })).status).toBe(201);
  const respond = async (client: TestClient, threadId: string, status: string) => {
    const reply = await client.post<ThreadResponse>(path(`/threads/${threadId}/responses`), {
      status,
      reason: "Because",
    });
    expect(reply.status).toBe(201);
    threads[threads.findIndex((t) => t.id === threadId)] = reply.body.thread;
  };
  await respond(fiona, t1, "accepted");
  await respond(carla, t3, "not_accepted");

  // Votes: one held (four ballots), one still open.
  const held = await fiona.post<VoteResponse>(path("/votes"), { kind: "approve", title: "Adopt the draft" });
  const voteId = held.body.vote.id;
  for (const [client, choice] of [
    [fiona, "yes"],
    [carla, "yes"],
    [colin, "no"],
    [adam, "abstain"],
  ] as const) {
    expect((await put(client, `/votes/${voteId}/ballot`, { choices: [choice] })).status).toBe(200);
  }
  expect((await fiona.post(path(`/votes/${voteId}/close`))).status).toBe(200);
  expect((await fiona.post(path("/votes"), { kind: "approve", title: "Still open" })).status).toBe(201);

  // Meetings: one held with three attendees, one not held.
  const meeting = await fiona.post<{ meeting: { id: string } }>(meetingsPath(workspaceId), {
    title: "Co-creation workshop",
    startsAt: "2030-03-02T09:00:00Z",
    template: "coordination",
    locale: "en",
  });
  const meetingId = meeting.body.meeting.id;
  expect((await runAction(fiona, workspaceId, meetingId, { action: "start" })).status).toBe(200);
  const attendance = `/meetings/${meetingId}/attendance`;
  expect((await put(fiona, attendance, { presence: "room" })).status).toBe(200);
  expect((await put(colin, attendance, { presence: "remote" })).status).toBe(200);
  expect((await put(fiona, attendance, { presence: "room", userId: adam.user?.id })).status).toBe(200);
  expect((await runAction(fiona, workspaceId, meetingId, { action: "end" })).status).toBe(200);
  await fiona.post(meetingsPath(workspaceId), {
    title: "Not yet",
    startsAt: "2031-01-01T09:00:00Z",
    template: "blank",
  });

  // The roadmap and publication.
  expect(
    (
      await put(fiona, "/publication/roadmap", {
        phases: [
          { kind: "co_creation", startsOn: "2026-01-05", endsOn: "2026-03-31" },
          { kind: "consultation", startsOn: "2026-04-01", endsOn: "2026-04-30" },
        ],
      })
    ).status,
  ).toBe(200);
  expect(
    (await put(fiona, "/publication", { published: true, showDraft: false, minutes: [], inputs: [] })).status,
  ).toBe(200);
}, 30_000);
afterAll(() => srv.close());

const text = (written: number, still: number) => ({ written, still });
const sector = (s: Sector | null, written: number, still: number) => ({ sector: s, written, still });
const org = (organization: string | null, s: Sector | null, written: number, still: number) => ({
  organization,
  sector: s,
  written,
  still,
});

describe("the record of co-creation", () => {
  it("counts text written and still in the plan, per part, by sector and organisation", async () => {
    const { text: t } = await record();
    expect(t.total).toEqual({
      ...text(58, 43),
      bySector: [
        sector("government", 18, 15),
        sector("civil_society", 20, 15),
        sector("academia", 14, 7),
        sector(null, 6, 6),
      ],
      byOrganization: [
        org("City Hall", "government", 18, 15),
        org("Open Data Club", "civil_society", 20, 15),
        org("University", "academia", 14, 7),
        org(null, null, 6, 6),
      ],
    });
    const [plan, budget, removed, ...rest] = t.parts;
    expect(rest).toEqual([]);
    expect(plan).toEqual({
      kind: "plan",
      ...text(18, 15),
      bySector: [sector("government", 12, 9), sector(null, 6, 6)],
      byOrganization: [org("City Hall", "government", 12, 9), org(null, null, 6, 6)],
    });
    expect(budget).toMatchObject({ kind: "commitment", number: 1, title: "Budget portal", ...text(33, 28) });
    expect(budget?.bySector).toEqual([
      sector("government", 6, 6),
      sector("civil_society", 20, 15),
      sector("academia", 7, 7),
    ]);
    expect(removed).toEqual({
      kind: "removed",
      ...text(7, 0),
      bySector: [sector("academia", 7, 0)],
      byOrganization: [org("University", "academia", 7, 0)],
    });
  });

  it("keeps authorship across a restart of the collaboration server, from the compacted snapshot", async () => {
    const before = (await record()).text;
    const docName = planDocName(workspaceId);
    const logRows = () =>
      srv.ctx
        .db()
        .prepare("SELECT count(*) FROM doc_log JOIN doc_names ON doc_names.id = doc_id WHERE name = ?")
        .pluck()
        .get(docName);
    expect(logRows()).toBe(0);
    await collab.close();
    collab = attachCollab(srv.server, srv.ctx);
    // A reader loads the document from its snapshot and writes nothing.
    const reader = connectProvider(srv, docName, { as: viewer });
    await reader.synced();
    expect(listCommitments(reader.doc)[0]?.text("title")?.toString()).toBe("Budget portal");
    reader.destroy();
    expect((await record()).text).toEqual(before);
  });

  it("counts comments by sector, responses by status, the response rate and the median time", async () => {
    const { comments } = await record();
    const waits = threads
      .filter((t) => t.responses.length > 0)
      .map((t) => Date.parse(t.responses[0]?.createdAt ?? "") - Date.parse(t.createdAt))
      .sort((a, b) => a - b);
    expect(comments).toEqual({
      comments: 4,
      bySector: [
        { sector: "government", count: 1 },
        { sector: "civil_society", count: 2 },
        { sector: "academia", count: 1 },
      ],
      inputs: 3,
      responded: 2,
      unanswered: 1,
      byStatus: { awaiting: 1, accepted: 1, partly_accepted: 0, not_accepted: 1, answered: 0 },
      medianResponseSeconds: Math.round(((waits[0] ?? 0) + (waits[1] ?? 0)) / 2 / 1000),
    });
  });

  it("counts votes held and their turnout, pooling small sector rows as for a secret ballot", async () => {
    const { votes } = await record();
    expect(votes).toMatchObject({ held: 1, open: 1, ballots: 4, eligible: 4 });
    const [vote] = votes.votes;
    expect(vote).toMatchObject({
      title: "Adopt the draft",
      secrecy: "open",
      ballots: 4,
      eligible: 4,
      counts: { yes: 2, no: 1, abstain: 1 },
    });
    // Members see the open vote's rows (1, 2 and 1 ballots); the public record pools them away.
    const members = await fiona.get<VoteDetailResponse>(path(`/votes/${vote?.id}`));
    expect(members.body.results?.bySector.map((row) => row.ballots)).toEqual([1, 2, 1]);
    expect(vote?.bySector).toEqual([]);
  });

  it("counts meetings held and attendance by sector", async () => {
    const { meetings } = await record();
    expect(meetings).toMatchObject({
      held: 1,
      attendance: 3,
      bySector: [
        { sector: "government", count: 1 },
        { sector: "civil_society", count: 1 },
        { sector: "academia", count: 1 },
      ],
    });
    expect(meetings.meetings.map((m) => [m.title, m.attendees])).toEqual([["Co-creation workshop", 3]]);
  });

  it("tells the process as a timeline from the event log and the roadmap", async () => {
    const { timeline } = await record();
    expect(timeline.map((e) => [e.kind, e.title ?? e.phase])).toEqual([
      ["phase", "co_creation"],
      ["phase", "consultation"],
      ["workspace_created", "Open Springfield"],
      ["vote_opened", "Adopt the draft"],
      ["vote_closed", "Adopt the draft"],
      ["vote_opened", "Still open"],
      ["meeting_held", "Co-creation workshop"],
      ["process_published", null],
    ]);
  });

  it("names who wrote with each client id of the plan, for members' authorship colours", async () => {
    const reply = await viewer.get<PlanAuthorsResponse>(path("/record/authors"));
    expect(reply.status).toBe(200);
    expect(reply.body.authors).toContainEqual({
      clientId: writerIds.fiona,
      name: "Fiona Facilitator",
      sector: "government",
      organization: "City Hall",
    });
    expect(reply.body.authors).toContainEqual({
      clientId: writerIds.carla,
      name: "Carla",
      sector: "civil_society",
      organization: "Open Data Club",
    });
    // The legacy text's client id was never bound to anyone.
    expect(reply.body.authors.map((a) => a.clientId)).not.toContain(999);
    const stranger = await createUser(srv);
    expect((await stranger.get(path("/record/authors"))).status).toBe(403);
    expect((await anonymous(srv).get(path("/record/authors"))).status).toBe(401);
  });

  it("refuses a stranger with 403 and a visitor with 401", async () => {
    const stranger = await createUser(srv);
    expect((await stranger.get(path("/record"))).status).toBe(403);
    expect((await anonymous(srv).get(path("/record"))).status).toBe(401);
  });

  it("is public once the process is published, the same figures for visitors as for members", async () => {
    const slug = (await fiona.get<{ workspace: { slug: string } }>(path(""))).body.workspace.slug;
    const visitor = anonymous(srv);
    const reply = await visitor.get<RecordResponse>(`/api/public/workspaces/${slug}/record`);
    expect(reply.status).toBe(200);
    const { asOf: _visitorAsOf, ...forVisitors } = reply.body.record;
    const { asOf: _memberAsOf, ...forMembers } = await record();
    expect(forVisitors).toEqual(forMembers);
    expect(JSON.stringify(reply.body)).not.toMatch(/Fiona|Carla|Adam|Colin|Vera|@example/);
    // Visitors share one computation per workspace for a while (as for the public draft).
    const again = await visitor.get<RecordResponse>(`/api/public/workspaces/${slug}/record`);
    expect(again.body.record.asOf).toBe(reply.body.record.asOf);
    await put(fiona, "/publication", { published: false, showDraft: false, minutes: [], inputs: [] });
    expect((await visitor.get(`/api/public/workspaces/${slug}/record`)).status).toBe(404);
    expect((await visitor.get(`/api/public/workspaces/${slug}/record/export?format=csv`)).status).toBe(404);
  });

  it("downloads as JSON and as a long CSV with the versioned schema, formulas defused", async () => {
    const title = '=HYPERLINK("http://evil.example","Adopt, now")';
    const vote = await fiona.post<VoteResponse>(path("/votes"), { kind: "approve", title });
    expect((await fiona.post(path(`/votes/${vote.body.vote.id}/close`))).status).toBe(200);
    const json = await fiona.get<CocreationRecord>(path("/record/export?format=json"));
    expect(json.headers.get("content-disposition")).toMatch(/attachment; filename=".+-record\.json"/);
    expect(json.body.schema).toBe("cocrea.record/v2");
    expect(json.body.votes.held).toBe(2);
    const csv = await fetch(`${srv.url}${path("/record/export?format=csv")}`, {
      headers: { Cookie: `cocrea_session=${fiona.cookie}` },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toBe("section,item,label,group,sector,organization,name,measure,value");
    expect(lines[1]).toBe("record,schema,,,,,,schema,cocrea.record/v2");
    expect(lines).toContain("text,total,,total,,,,written,58");
    expect(lines).toContain("text,total,,sector,civil_society,,,still,15");
    expect(lines).toContain("text,total,,organization,academia,University,,written,14");
    expect(lines).toContain("text,total,,sector,unattributed,,,written,6");
    expect(lines).toContain("comments,all,,total,,,,unanswered,1");
    expect(lines).toContain("meetings,all,,sector,academia,,,attendance,1");
    expect(lines).toContainEqual(
      `votes,vote:${vote.body.vote.id},"'=HYPERLINK(""http://evil.example"",""Adopt, now"")",total,,,,ballots,0`,
    );
    expect((await fiona.get(path("/record/export?format=xml"))).status).toBe(400);
  });
});
