import type {
  Consultation,
  ConsultationDraftResponse,
  ConsultationInput,
  ConsultationMeResponse,
  ConsultationsResponse,
  PublicConsultationResponse,
} from "@shared/consultation";
import type { DashboardResponse } from "@shared/dashboard";
import type { DraftResponse, FreezeStatusResponse } from "@shared/freeze";
import { planDocName } from "@shared/plan";
import type { PublicProcessResponse } from "@shared/publication";
import type { RecordResponse } from "@shared/record";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GrowingDelayLimiter } from "../auth/attemptLimiter";
import { connectProvider } from "../collab/test/clients";
import { startCollabServer } from "../collab/test/server";
import {
  anonymous,
  createUser,
  createWorkspace,
  joinAs,
  TEST_PASSWORD,
  type TestClient,
  uniqueEmail,
} from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { signUpParticipant } from "./consultations.fixtures";
import { completePlan } from "./versions.fixtures";
import { cast, openVote } from "./votes.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let drafter: TestClient;
let commenter: TestClient;
let stranger: TestClient;
let workspaceId: string;
let slug: string;
let alpha: string;
let beta: string;

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const member = (id: string, rest = "") => `/api/workspaces/${id}/consultations${rest}`;
const publicPath = (rest = "") => `/api/public/workspaces/${slug}/consultation${rest}`;
const participantPath = (consultationId: string, rest = "") => `/api/consultations/${consultationId}${rest}`;

const body = (over: Record<string, unknown> = {}) => ({
  title: "Consultation on the draft plan",
  instructions: "Tell us what you would change in the open commitments.",
  startsAt: iso(Date.now() - HOUR),
  endsAt: iso(Date.now() + 24 * HOUR),
  scope: "commitments",
  commitmentIds: [alpha],
  ...over,
});

const publish = (client: TestClient, id: string) =>
  client.request("PUT", `/api/workspaces/${id}/publication`, {
    body: { published: true, showDraft: false, minutes: [], inputs: [] },
  });

beforeAll(async () => {
  ({ srv } = await startCollabServer());
  facilitator = await createUser(srv, { name: "Fiona Facilitator" });
  const workspace = await createWorkspace(facilitator, { sector: "government" });
  workspaceId = workspace.id;
  slug = workspace.slug;
  drafter = await joinAs(srv, workspaceId, facilitator, "drafter", "academia");
  commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
  stranger = await createUser(srv);
  await srv.ctx.documents.change(
    planDocName(workspaceId),
    facilitator.user?.id ?? "",
    completePlan("alpha", "beta"),
  );
  const draft = await facilitator.get<DraftResponse>(`/api/workspaces/${workspaceId}/draft`);
  [alpha = "", beta = ""] = draft.body.content.plan.commitments.map((c) => c.id);
});
afterAll(async () => {
  await srv.close();
});

describe("opening a consultation", () => {
  it.each([
    ["a commenter", () => commenter, 403],
    ["a signed-in non-member", () => stranger, 403],
    ["a signed-out visitor", () => anonymous(srv), 401],
  ])("refuses %s with %i", async (_who, client, status) => {
    const reply = await client().post(member(workspaceId), body());
    expect(reply.status).toBe(status);
    const list = await facilitator.get<ConsultationsResponse>(member(workspaceId));
    expect(list.body.consultations).toEqual([]);
  });

  it.each([
    ["an end before the start", { endsAt: iso(Date.now() - 2 * HOUR) }, "endsAt"],
    ["no title", { title: " " }, "title"],
    ["chosen commitments without any", { commitmentIds: [] }, "commitmentIds"],
    ["an unknown scope", { scope: "everything" }, "scope"],
  ])("answers 400 naming the field for %s", async (_what, over, field) => {
    const reply = await facilitator.post(member(workspaceId), body(over));
    expect(reply.status).toBe(400);
    expect(reply.error?.issues?.map((i) => i.path)).toContain(field);
  });

  it("refuses a commitment that is not in the plan with 422", async () => {
    const reply = await facilitator.post(member(workspaceId), body({ commitmentIds: ["nosuchcommitment"] }));
    expect(reply.status).toBe(422);
    expect(reply.error?.code).toBe("unknown_commitment");
  });

  it("opens one as a facilitator, open now, and lists it to members", async () => {
    const reply = await facilitator.post<{ consultation: Consultation }>(member(workspaceId), body());
    expect(reply.status).toBe(201);
    expect(reply.body.consultation).toMatchObject({
      status: "open",
      scope: "commitments",
      commitmentIds: [alpha],
    });
    const list = await commenter.get<ConsultationsResponse>(member(workspaceId));
    expect(list.body.consultations.map((c) => c.id)).toEqual([reply.body.consultation.id]);
  });

  it("refuses a second one while the first has not closed, with 409", async () => {
    const reply = await facilitator.post(member(workspaceId), body({ scope: "plan", commitmentIds: [] }));
    expect(reply.status).toBe(409);
    expect(reply.error?.code).toBe("consultation_running");
  });
});

describe("the public consultation page", () => {
  it("is not there while the workspace is unpublished (404), page and draft alike", async () => {
    expect((await anonymous(srv).get(publicPath())).status).toBe(404);
    expect((await anonymous(srv).get(publicPath("/draft"))).status).toBe(404);
  });

  it("is not there for a published workspace without a consultation (404)", async () => {
    const other = await createWorkspace(facilitator, { name: "No consultation here" });
    expect((await publish(facilitator, other.id)).status).toBe(200);
    expect((await anonymous(srv).get(`/api/public/workspaces/${other.slug}/consultation`)).status).toBe(404);
  });

  it("shows a signed-out visitor what is asked, the dates and only the open commitments", async () => {
    expect((await publish(facilitator, workspaceId)).status).toBe(200);
    const page = await anonymous(srv).get<PublicConsultationResponse>(publicPath());
    expect(page.status).toBe(200);
    expect(page.body.consultation).toMatchObject({
      title: "Consultation on the draft plan",
      instructions: "Tell us what you would change in the open commitments.",
      status: "open",
    });
    expect(page.body.commitments).toEqual([{ id: alpha, title: "Title alpha" }]);
    const draft = await anonymous(srv).get<ConsultationDraftResponse>(publicPath("/draft"));
    expect(draft.status).toBe(200);
    expect(draft.body.content.plan.commitments.map((c) => c.id)).toEqual([alpha]);
    expect(JSON.stringify(draft.body)).not.toContain("Title beta");
    expect(JSON.stringify(draft.body)).not.toContain("Vision alpha");
  });

  it("is announced on the process page", async () => {
    const process = await anonymous(srv).get<PublicProcessResponse>(`/api/public/workspaces/${slug}`);
    expect(process.body.consultation).toMatchObject({
      title: "Consultation on the draft plan",
      status: "open",
    });
  });
});

describe("taking part", () => {
  let consultationId: string;
  let rosa: TestClient;
  let omar: TestClient;

  beforeAll(async () => {
    consultationId = (await anonymous(srv).get<PublicConsultationResponse>(publicPath())).body.consultation
      .id;
  });

  it("answers 400 naming the field when the sign-up lacks a sector", async () => {
    const reply = await anonymous(srv).post(participantPath(consultationId, "/signup"), {
      name: "No Sector",
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      showName: true,
    });
    expect(reply.status).toBe(400);
    expect(reply.error?.issues?.map((i) => i.path)).toContain("sector");
  });

  it("signs up a visitor without an invitation as a participant, not a member", async () => {
    rosa = await signUpParticipant(srv, consultationId);
    const me = await rosa.get<ConsultationMeResponse>(participantPath(consultationId, "/me"));
    expect(me.body).toEqual({
      participant: { sector: "citizen", organization: null, showName: false },
      supported: [],
      mine: [],
      reported: [],
      own: [],
    });
    const members = await facilitator.get<{ members: { userId: string }[] }>(
      `/api/workspaces/${workspaceId}/members`,
    );
    expect(members.body.members.map((m) => m.userId)).not.toContain(rosa.user?.id);
  });

  it("keeps a participant out of every member route", async () => {
    for (const path of ["", "/draft", "/members", "/votes", "/threads", "/consultations", "/dashboard"]) {
      expect((await rosa.get(`/api/workspaces/${workspaceId}${path}`)).status, path).toBe(403);
    }
    const thread = await rosa.post(`/api/workspaces/${workspaceId}/threads`, { target: "plan", body: "Hi" });
    expect(thread.status).toBe(403);
  });

  it("refuses a participant's ballot with 403", async () => {
    const vote = await openVote(facilitator, workspaceId, { kind: "approve" });
    const ballot = await cast(rosa, workspaceId, vote.id, { choices: ["yes"] });
    expect(ballot.status).toBe(403);
  });

  it("refuses a participant's socket on the plan with 4403", async () => {
    const client = connectProvider(srv, planDocName(workspaceId), { as: rosa });
    try {
      expect((await client.refused).code).toBe(4403);
    } finally {
      client.destroy();
    }
  });

  it("publishes a participant's comment on an open commitment, without their name unless they agreed", async () => {
    const reply = await rosa.post<{ input: ConsultationInput }>(participantPath(consultationId, "/inputs"), {
      kind: "comment",
      commitmentId: alpha,
      body: "Publish the data monthly, not yearly.",
    });
    expect(reply.status).toBe(201);
    expect(reply.body.input).toMatchObject({
      commitmentId: alpha,
      channel: "online",
      author: { name: null, sector: "citizen", organization: null },
      supports: 0,
      responses: [],
    });
    omar = await signUpParticipant(srv, consultationId, {
      name: "Omar Organiser",
      sector: "civil_society",
      organization: "Neighbours United",
      showName: true,
    });
    const idea = await omar.post<{ input: ConsultationInput }>(participantPath(consultationId, "/inputs"), {
      kind: "idea",
      body: "A participatory budget for the parks.",
    });
    expect(idea.body.input.author).toEqual({
      name: "Omar Organiser",
      sector: "civil_society",
      organization: "Neighbours United",
      community: null,
    });
    const page = await anonymous(srv).get<PublicConsultationResponse>(publicPath());
    expect(page.body.inputs.map((i) => i.body)).toEqual([
      "Publish the data monthly, not yearly.",
      "A participatory budget for the parks.",
    ]);
    // Each sender is answered with their input exactly as everyone then reads it.
    expect(page.body.inputs).toEqual([reply.body.input, idea.body.input]);
  });

  it("refuses a comment on a commitment that is not open with 422", async () => {
    const reply = await rosa.post(participantPath(consultationId, "/inputs"), {
      kind: "comment",
      commitmentId: beta,
      body: "Not open.",
    });
    expect(reply.status).toBe(422);
    expect(reply.error?.code).toBe("commitment_not_open");
  });

  it("refuses inputs from a non-participant (403) and a signed-out visitor (401)", async () => {
    const input = { kind: "idea", body: "Let me in." };
    expect((await stranger.post(participantPath(consultationId, "/inputs"), input)).status).toBe(403);
    expect((await anonymous(srv).post(participantPath(consultationId, "/inputs"), input)).status).toBe(401);
  });

  it("counts one support per person, however many arrive at once", async () => {
    const [first] = (await anonymous(srv).get<PublicConsultationResponse>(publicPath())).body.inputs;
    const path = participantPath(consultationId, `/inputs/${first?.id}/support`);
    const replies = await Promise.all(Array.from({ length: 8 }, () => omar.post<{ supports: number }>(path)));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    // Rosa wrote it and cannot support it; a third participant does.
    expect((await rosa.post(path)).error?.code).toBe("own_input");
    const third = await signUpParticipant(srv, consultationId);
    expect((await third.post<{ supports: number }>(path)).body.supports).toBe(2);
    const page = await anonymous(srv).get<PublicConsultationResponse>(publicPath());
    expect(page.body.inputs[0]?.supports).toBe(2);
    const me = await omar.get<ConsultationMeResponse>(participantPath(consultationId, "/me"));
    expect(me.body.supported).toEqual([first?.id]);
  });

  it("records an input received by phone on someone's behalf, with its channel", async () => {
    const reply = await facilitator.post<{ input: ConsultationInput }>(
      member(workspaceId, `/${consultationId}/inputs`),
      {
        kind: "comment",
        commitmentId: alpha,
        body: "Put the reports in the library too.",
        channel: "phone",
        name: "Doña Carmen",
        sector: "citizen",
        community: "Barrio Norte",
      },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.input).toMatchObject({
      channel: "phone",
      author: { name: "Doña Carmen", sector: "citizen", community: "Barrio Norte" },
    });
    const byCommenter = await commenter.post(member(workspaceId, `/${consultationId}/inputs`), {
      kind: "idea",
      body: "x",
      channel: "paper",
      sector: "citizen",
    });
    expect(byCommenter.status).toBe(403);
  });

  it("publishes a drafter's reasoned answer; refuses a commenter's, and one without a reason", async () => {
    const [first] = (await anonymous(srv).get<PublicConsultationResponse>(publicPath())).body.inputs;
    const path = member(workspaceId, `/${consultationId}/inputs/${first?.id}/responses`);
    const answer = { status: "partly_accepted", reason: "Quarterly: monthly is beyond the budget." };
    expect((await commenter.post(path, answer)).status).toBe(403);
    const missing = await drafter.post(path, { status: "accepted", reason: "" });
    expect(missing.status).toBe(400);
    expect(missing.error?.issues?.map((i) => i.path)).toContain("reason");
    expect((await drafter.post(path, answer)).status).toBe(201);
    const page = await anonymous(srv).get<PublicConsultationResponse>(publicPath());
    expect(page.body.inputs[0]?.responses).toEqual([expect.objectContaining(answer)]);
  });

  it("lets a participant follow their own inputs and the answers, and nobody else's", async () => {
    const me = await rosa.get<ConsultationMeResponse>(participantPath(consultationId, "/me"));
    expect(me.body.own.map((i) => i.body)).toEqual(["Publish the data monthly, not yearly."]);
    expect(me.body.own[0]?.responses).toEqual([
      expect.objectContaining({
        status: "partly_accepted",
        reason: "Quarterly: monthly is beyond the budget.",
      }),
    ]);
    expect(me.body.mine).toEqual(me.body.own.map((i) => i.id));
    const omars = await omar.get<ConsultationMeResponse>(participantPath(consultationId, "/me"));
    expect(omars.body.own.map((i) => i.body)).toEqual(["A participatory budget for the parks."]);
  });
});

describe("the record of co-creation", () => {
  it("counts the consultation's inputs exactly, by channel and sector, answered or not", async () => {
    const reply = await commenter.get<RecordResponse>(`/api/workspaces/${workspaceId}/record`);
    expect(reply.status).toBe(200);
    const { consultations } = reply.body.record;
    const counts = {
      inputs: 3,
      answered: 1,
      unanswered: 2,
      hidden: 0,
      supports: 2,
      byChannel: [
        { channel: "online", count: 2 },
        { channel: "phone", count: 1 },
      ],
      bySector: [
        { sector: "civil_society", count: 1 },
        { sector: "citizen", count: 2 },
      ],
    };
    expect(consultations).toMatchObject({ held: 1, ...counts });
    expect(consultations?.consultations).toEqual([
      expect.objectContaining({ title: "Consultation on the draft plan", ...counts }),
    ]);
    // The public record (the process page's) carries the same counts, and no input's text.
    const open = await anonymous(srv).get<RecordResponse>(`/api/public/workspaces/${slug}/record`);
    expect(open.status).toBe(200);
    expect(open.body.record.consultations).toEqual(consultations);
    expect(JSON.stringify(open.body.record)).not.toContain("Publish the data monthly");
    const csv = await fetch(`${srv.url}/api/workspaces/${workspaceId}/record/export?format=csv`, {
      headers: { Cookie: `cocrea_session=${commenter.cookie}` },
    });
    const lines = (await csv.text()).split("\r\n");
    expect(lines).toContain("consultations,all,,total,,,,held,1");
    expect(lines).toContain("consultations,all,,channel,,,,channel:phone,1");
    expect(lines).toContain("consultations,all,,sector,citizen,,,inputs,2");
    expect(lines).toContain("consultations,all,,total,,,,unanswered,2");
  });
});

describe("a consultation that reaches its end date", () => {
  it("closes by itself: no more sign-ups or inputs, and another may open", async () => {
    const other = await createWorkspace(facilitator, { name: "Short consultation" });
    await publish(facilitator, other.id);
    const opened = await facilitator.post<{ consultation: Consultation }>(member(other.id), {
      ...body({ scope: "plan", commitmentIds: [] }),
      endsAt: iso(Date.now() + 1500),
    });
    expect(opened.body.consultation.status).toBe("open");
    const id = opened.body.consultation.id;
    const early = await signUpParticipant(srv, id);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const page = await anonymous(srv).get<PublicConsultationResponse>(
      `/api/public/workspaces/${other.slug}/consultation`,
    );
    expect(page.body.consultation.status).toBe("closed");
    const late = await early.post(participantPath(id, "/inputs"), { kind: "idea", body: "Too late." });
    expect(late.status).toBe(409);
    expect(late.error?.code).toBe("consultation_not_open");
    const email = uniqueEmail("late");
    const signup = await anonymous(srv).post(participantPath(id, "/signup"), {
      name: "Late Comer",
      email,
      password: TEST_PASSWORD,
      sector: "citizen",
      showName: false,
    });
    expect(signup.status).toBe(409);
    // No account was left behind by the refused sign-up.
    expect((await anonymous(srv).post("/api/auth/login", { email, password: TEST_PASSWORD })).status).toBe(
      401,
    );
    // A new one may open now that the first has closed.
    expect(
      (await facilitator.post(member(other.id), body({ scope: "plan", commitmentIds: [] }))).status,
    ).toBe(201);
  });
});

describe("inputs of a closed consultation left unanswered", () => {
  it("are counted on the dashboard and warned of (not blocking) by the freeze's self-check", async () => {
    const other = await createWorkspace(facilitator, { name: "Answer every input" });
    await publish(facilitator, other.id);
    const otherDrafter = await joinAs(srv, other.id, facilitator, "drafter", "academia");
    const opened = await facilitator.post<{ consultation: Consultation }>(member(other.id), {
      ...body({ title: "Short consultation", scope: "plan", commitmentIds: [] }),
      endsAt: iso(Date.now() + 1500),
    });
    const id = opened.body.consultation.id;
    const person = await signUpParticipant(srv, id);
    const sent: ConsultationInput[] = [];
    for (const text of ["More parks.", "Insults.", "Open data."]) {
      sent.push(
        (
          await person.post<{ input: ConsultationInput }>(participantPath(id, "/inputs"), {
            kind: "idea",
            body: text,
          })
        ).body.input,
      );
    }
    const warnings = async () => {
      const dashboard = await otherDrafter.get<DashboardResponse>(`/api/workspaces/${other.id}/dashboard`);
      const freeze = await facilitator.get<FreezeStatusResponse>(`/api/workspaces/${other.id}/freeze`);
      const problems = freeze.body.check.problems.filter((p) => p.code === "unanswered_consultation_inputs");
      expect(problems.every((p) => p.severity === "warning")).toBe(true);
      return { dashboard: dashboard.body.unansweredInputs, check: problems.map((p) => p.consultation) };
    };
    // While it is open, unanswered inputs are expected: no warning.
    expect(await warnings()).toEqual({ dashboard: [], check: [] });
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const three = [{ consultationId: id, title: "Short consultation", count: 3 }];
    expect(await warnings()).toEqual({ dashboard: three, check: three });
    const before = await facilitator.get<FreezeStatusResponse>(`/api/workspaces/${other.id}/freeze`);
    const plain = before.body.check.problems.filter((p) => p.code !== "unanswered_consultation_inputs");
    expect(before.body.check.warnings).toBe(plain.filter((p) => p.severity === "warning").length + 1);
    expect(before.body.check.blocking).toBe(plain.filter((p) => p.severity === "blocking").length);
    // An answer, and a hiding (whose public reason is its answer), each take one off.
    const answer = { status: "answered", reason: "Noted for the next plan." };
    expect(
      (await otherDrafter.post(member(other.id, `/${id}/inputs/${sent[0]?.id}/responses`), answer)).status,
    ).toBe(201);
    expect(
      (await facilitator.post(member(other.id, `/${id}/inputs/${sent[1]?.id}/hide`), { reason: "Insults." }))
        .status,
    ).toBe(200);
    const one = [{ consultationId: id, title: "Short consultation", count: 1 }];
    expect(await warnings()).toEqual({ dashboard: one, check: one });
    // The sender follows them newest first, the answer on the first and the hiding's reason.
    const own = (await person.get<ConsultationMeResponse>(participantPath(id, "/me"))).body.own;
    expect(own.map((i) => i.body)).toEqual(["Open data.", null, "More parks."]);
    expect(own.map((i) => [i.responses.length, i.hidden?.reason ?? null])).toEqual([
      [0, null],
      [0, "Insults."],
      [1, null],
    ]);
    // Shown again, it needs an answer again; hidden once more, its newest reason answers it.
    expect((await facilitator.post(member(other.id, `/${id}/inputs/${sent[1]?.id}/show`), {})).status).toBe(
      200,
    );
    const two = [{ consultationId: id, title: "Short consultation", count: 2 }];
    expect(await warnings()).toEqual({ dashboard: two, check: two });
    await facilitator.post(member(other.id, `/${id}/inputs/${sent[1]?.id}/hide`), {
      reason: "Insults again.",
    });
    expect(await warnings()).toEqual({ dashboard: one, check: one });
    await otherDrafter.post(member(other.id, `/${id}/inputs/${sent[2]?.id}/responses`), answer);
    expect(await warnings()).toEqual({ dashboard: [], check: [] });
  });
});

describe("the input throttle", () => {
  it("slows one account after its free inputs and supports, not another at the same address", async () => {
    const limiter = (free: number) =>
      new GrowingDelayLimiter({
        free,
        baseDelayMs: 60_000,
        maxDelayMs: 60_000,
        forgetAfterMs: 60_000,
        maxKeys: 100,
      });
    const throttled = await startTestServer({
      context: { inputLimiters: { account: limiter(2), address: limiter(100) } },
    });
    try {
      const fiona = await createUser(throttled);
      const other = await createWorkspace(fiona, { name: "Throttled" });
      await publish(fiona, other.id);
      const opened = await fiona.post<{ consultation: Consultation }>(
        `/api/workspaces/${other.id}/consultations`,
        body({ scope: "plan", commitmentIds: [] }),
      );
      const id = opened.body.consultation.id;
      const join = async () => {
        const client = anonymous(throttled);
        const reply = await client.post(`/api/consultations/${id}/signup`, {
          name: "Busy Person",
          email: uniqueEmail(),
          password: TEST_PASSWORD,
          sector: "citizen",
          showName: false,
        });
        expect(reply.status).toBe(201);
        return client;
      };
      const busy = await join();
      const send = (client: TestClient) =>
        client.post(`/api/consultations/${id}/inputs`, { kind: "idea", body: "Again." });
      expect((await send(busy)).status).toBe(201);
      expect((await send(busy)).status).toBe(201);
      const third = await send(busy);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect((await send(await join())).status).toBe(201);
    } finally {
      await throttled.close();
    }
  });
});
