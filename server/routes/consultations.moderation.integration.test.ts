import type {
  Consultation,
  ConsultationInput,
  ConsultationInputsResponse,
  ConsultationMeResponse,
  PublicConsultationResponse,
} from "@shared/consultation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";
import { signUpParticipant } from "./consultations.fixtures";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describeEachStore("moderating consultation inputs", (database) => {
  let srv: TestServer;
  let facilitator: TestClient;
  let drafter: TestClient;
  let commenter: TestClient;
  let stranger: TestClient;
  /** A facilitator of another workspace: a member, but not of this forum. */
  let otherForum: TestClient;
  let rosa: TestClient;
  let omar: TestClient;
  let workspaceId: string;
  let slug: string;
  let consultationId: string;
  let rude: ConsultationInput;
  let kind: ConsultationInput;

  const SECRET = "The mayor's phone number is 555-0199, call him at night.";
  const member = (rest = "") => `/api/workspaces/${workspaceId}/consultations/${consultationId}${rest}`;
  const participant = (rest = "") => `/api/consultations/${consultationId}${rest}`;
  const publicPage = async () =>
    (await anonymous(srv).get<PublicConsultationResponse>(`/api/public/workspaces/${slug}/consultation`))
      .body;
  const inputOf = (inputs: ConsultationInput[], id: string) => inputs.find((i) => i.id === id);

  beforeAll(async () => {
    srv = await startTestServer({ config: await database.config() });
    facilitator = await createUser(srv, { name: "Fiona Facilitator" });
    const workspace = await createWorkspace(facilitator, { sector: "government" });
    workspaceId = workspace.id;
    slug = workspace.slug;
    drafter = await joinAs(srv, workspaceId, facilitator, "drafter", "academia");
    commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
    stranger = await createUser(srv);
    otherForum = await createUser(srv);
    await createWorkspace(otherForum, { name: "Another forum" });
    await facilitator.request("PUT", `/api/workspaces/${workspaceId}/publication`, {
      body: { published: true, showDraft: false, minutes: [], inputs: [] },
    });
    const opened = await facilitator.post<{ consultation: Consultation }>(
      `/api/workspaces/${workspaceId}/consultations`,
      {
        title: "Consultation on the draft",
        instructions: "Tell us what you would change.",
        startsAt: iso(Date.now() - HOUR),
        endsAt: iso(Date.now() + 24 * HOUR),
        scope: "plan",
      },
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    consultationId = opened.body.consultation.id;
    rosa = await signUpParticipant(srv, consultationId, { name: "Rosa Resident", showName: true });
    omar = await signUpParticipant(srv, consultationId, { name: "Omar Organiser", showName: true });
    const sent = await rosa.post<{ input: ConsultationInput }>(participant("/inputs"), {
      kind: "idea",
      body: SECRET,
    });
    expect(sent.status).toBe(201);
    rude = sent.body.input;
    kind = (
      await omar.post<{ input: ConsultationInput }>(participant("/inputs"), {
        kind: "idea",
        body: "Open the budget data every month.",
      })
    ).body.input;
  }, 60_000);
  afterAll(() => srv.close());

  describe("hiding an input", () => {
    it.each([
      ["a participant", 403, () => rosa],
      ["a drafter", 403, () => drafter],
      ["a commenter", 403, () => commenter],
      ["a facilitator of another forum", 403, () => otherForum],
      ["a signed-out visitor", 401, () => anonymous(srv)],
    ])("refuses %s with %i", async (_who, status, client) => {
      const reply = await client().post(member(`/inputs/${rude.id}/hide`), { reason: "Personal data." });
      expect(reply.status).toBe(status);
      expect(inputOf((await publicPage()).inputs, rude.id)?.hidden).toBeNull();
    });

    it("answers 400 naming the field when the reason is missing", async () => {
      const reply = await facilitator.post(member(`/inputs/${rude.id}/hide`), { reason: "  " });
      expect(reply.status).toBe(400);
      expect(reply.error?.issues?.map((i) => i.path)).toContain("reason");
    });

    it("a hidden input keeps its public reason: the text is gone from the public page, the input is not", async () => {
      const reason = "It gave a person's phone number.";
      const reply = await facilitator.post<{ input: ConsultationInput }>(member(`/inputs/${rude.id}/hide`), {
        reason,
      });
      expect(reply.status).toBe(200);
      const page = await publicPage();
      expect(page.inputs.map((i) => i.id)).toEqual([rude.id, kind.id]);
      expect(inputOf(page.inputs, rude.id)).toMatchObject({
        body: null,
        hidden: { reason },
        moderation: [{ action: "hide", reason }],
        author: { name: "Rosa Resident" },
      });
      expect(JSON.stringify(page)).not.toContain("555-0199");
      expect(inputOf(page.inputs, kind.id)?.body).toBe("Open the budget data every month.");
      // Members other than facilitators read the reason too; facilitators still read the text.
      const forCommenter = await commenter.get<ConsultationInputsResponse>(member("/inputs"));
      expect(inputOf(forCommenter.body.inputs, rude.id)?.body).toBeNull();
      const forFacilitator = await facilitator.get<ConsultationInputsResponse>(member("/inputs"));
      expect(inputOf(forFacilitator.body.inputs, rude.id)).toMatchObject({
        body: SECRET,
        hidden: { reason },
      });
    });

    it("refuses to hide it twice (409) and to support a hidden input (409)", async () => {
      const again = await facilitator.post(member(`/inputs/${rude.id}/hide`), { reason: "Again." });
      expect(again.status).toBe(409);
      expect(again.error?.code).toBe("already_hidden");
      const support = await omar.post(participant(`/inputs/${rude.id}/support`));
      expect(support.status).toBe(409);
      expect(support.error?.code).toBe("input_hidden");
    });

    it("shows it again, recorded too, and keeps the hiding and its reason on the record", async () => {
      expect((await drafter.post(member(`/inputs/${rude.id}/show`))).status).toBe(403);
      const reply = await facilitator.post<{ input: ConsultationInput }>(member(`/inputs/${rude.id}/show`));
      expect(reply.status).toBe(200);
      const shown = inputOf((await publicPage()).inputs, rude.id);
      expect(shown).toMatchObject({ body: SECRET, hidden: null });
      expect(shown?.moderation.map((m) => [m.action, m.reason])).toEqual([
        ["hide", "It gave a person's phone number."],
        ["show", null],
      ]);
      const twice = await facilitator.post(member(`/inputs/${rude.id}/show`));
      expect(twice.status).toBe(409);
      expect(twice.error?.code).toBe("not_hidden");
      // Hidden once more, for the checks below.
      await facilitator.post(member(`/inputs/${rude.id}/hide`), { reason: "Personal data, again." });
    });

    it("keeps the input's text out of the event log", async () => {
      const events = await srv.ctx.store.events.after(workspaceId, 0, 1000);
      const moderation = events.filter((e) => e.type.startsWith("consultation."));
      expect(moderation.map((e) => e.type)).toEqual(
        expect.arrayContaining(["consultation.input_hidden", "consultation.input_shown"]),
      );
      expect(JSON.stringify(events)).not.toContain("555-0199");
    });
  });

  describe("reporting abuse", () => {
    it("refuses a signed-in stranger and a member of another forum (403), a signed-out visitor (401)", async () => {
      for (const client of [stranger, otherForum]) {
        expect((await client.post(participant(`/inputs/${kind.id}/reports`), {})).status).toBe(403);
      }
      expect((await anonymous(srv).post(participant(`/inputs/${kind.id}/reports`), {})).status).toBe(401);
    });

    it("answers 400 for a reason over 500 characters", async () => {
      const reply = await rosa.post(participant(`/inputs/${kind.id}/reports`), { reason: "x".repeat(501) });
      expect(reply.status).toBe(400);
      expect(reply.error?.issues?.map((i) => i.path)).toContain("reason");
    });

    it("counts one report per person, however many arrive at once", async () => {
      const path = participant(`/inputs/${kind.id}/reports`);
      const replies = await Promise.all(
        Array.from({ length: 6 }, () => rosa.post(path, { reason: "Insults a neighbour." })),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(replies.find((r) => r.status === 409)?.error?.code).toBe("already_reported");
      // A member of the forum may report too, with no reason.
      expect((await commenter.post(path, {})).status).toBe(201);
      const me = await rosa.get<ConsultationMeResponse>(participant("/me"));
      expect(me.body.reported).toEqual([kind.id]);
    });

    it("shows facilitators the count and reasons, and nobody else", async () => {
      const forFacilitator = await facilitator.get<ConsultationInputsResponse>(member("/inputs"));
      expect(inputOf(forFacilitator.body.inputs, kind.id)?.reports).toEqual({
        count: 2,
        reasons: ["Insults a neighbour."],
      });
      const forDrafter = await drafter.get<ConsultationInputsResponse>(member("/inputs"));
      expect(inputOf(forDrafter.body.inputs, kind.id)).not.toHaveProperty("reports");
      expect(JSON.stringify(await publicPage())).not.toContain("Insults a neighbour");
    });

    it("names neither the reporter nor the reason in the event log", async () => {
      const events = await srv.ctx.store.events.after(workspaceId, 0, 1000);
      const reported = events.filter((e) => e.type === "consultation.input_reported");
      expect(reported).toHaveLength(2);
      expect(reported.map((e) => e.actorId)).toEqual([null, null]);
      expect(reported.map((e) => e.payload)).toEqual([
        { consultationId, inputId: kind.id, reports: 1 },
        { consultationId, inputId: kind.id, reports: 2 },
      ]);
      expect(JSON.stringify(events)).not.toContain("Insults a neighbour");
    });
  });

  describe("a participant's own inputs", () => {
    it("refuses a support of one's own input with 409 own_input, and lists it as theirs", async () => {
      const reply = await omar.post(participant(`/inputs/${kind.id}/support`));
      expect(reply.status).toBe(409);
      expect(reply.error?.code).toBe("own_input");
      expect(reply.error?.message).toMatch(/your own input/);
      expect(inputOf((await publicPage()).inputs, kind.id)?.supports).toBe(0);
      const me = await omar.get<ConsultationMeResponse>(participant("/me"));
      expect(me.body.mine).toEqual([kind.id]);
      expect(me.body.supported).toEqual([]);
      // Another participant may support it.
      expect((await rosa.post<{ supports: number }>(participant(`/inputs/${kind.id}/support`))).body).toEqual(
        {
          supports: 1,
        },
      );
    });
  });
});
