import type { UserResponse } from "@shared/api";
import type { ResponseStatus } from "@shared/comments";
import type {
  Consultation,
  ConsultationInput,
  ConsultationInputsResponse,
  InputChannel,
  PublicConsultationResponse,
} from "@shared/consultation";
import type { ConsultationReportResponse, ReportGroup } from "@shared/consultationReport";
import type { DraftResponse, ProposalDetailResponse, VersionResponse } from "@shared/freeze";
import type { PublicProcessResponse } from "@shared/publication";
import type { RecordResponse } from "@shared/record";
import type { Sector } from "@shared/roles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../store/ids";
import {
  anonymous,
  createUser,
  createWorkspace,
  TEST_PASSWORD,
  type TestClient,
  uniqueEmail,
} from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";
import { addMember, completePlan, editStoredPlan, propose, sign } from "./versions.fixtures";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Inputs added straight to the store, as 10,000 participants and offline records would leave them. */
const BULK = 10_000;
const CHANNELS: InputChannel[] = ["online", "paper", "phone", "workshop", "radio"];
const SECTORS: Sector[] = ["government", "civil_society", "academia", "private_sector", "citizen"];
const STATUSES: (ResponseStatus | null)[] = [
  "accepted",
  null,
  "not_accepted",
  "partly_accepted",
  "answered",
  null,
];

describeEachStore("what we heard and what we did (the consultation's report)", (database) => {
  let srv: TestServer;
  let fiona: TestClient;
  let carla: TestClient;
  let rosa: TestClient;
  let omar: TestClient;
  let workspaceId: string;
  let slug: string;
  let consultationId: string;
  let commitmentIds: string[];
  let rosaInput: ConsultationInput;
  let omarInput: ConsultationInput;
  let phoneInput: ConsultationInput;

  const SECRET = "Call Omar at 555-0199 any night";
  const HOSTILE = '=HYPERLINK("http://evil.example","click")\n# Not a heading';
  const member = (rest = "") => `/api/workspaces/${workspaceId}/consultations/${consultationId}${rest}`;
  const participant = (rest = "") => `/api/consultations/${consultationId}${rest}`;
  const publicReport = () => `/api/public/workspaces/${slug}/consultation/report`;
  const raw = async (path: string) => {
    const response = await fetch(srv.url + path);
    return {
      status: response.status,
      text: await response.text(),
      type: response.headers.get("content-type"),
    };
  };

  async function signUp(name: string, sector: Sector, organization: string, showName: boolean) {
    const client = anonymous(srv);
    const reply = await client.post<UserResponse>(participant("/signup"), {
      name,
      email: uniqueEmail("participant"),
      password: TEST_PASSWORD,
      sector,
      organization,
      showName,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return Object.assign(client, { user: reply.body.user, password: TEST_PASSWORD });
  }

  beforeAll(async () => {
    srv = await startTestServer({ config: await database.config() });
    fiona = await createUser(srv, { name: "Fiona Facilitator" });
    const workspace = await createWorkspace(fiona, { sector: "government", organization: "City Hall" });
    workspaceId = workspace.id;
    slug = workspace.slug;
    carla = await createUser(srv, { name: "Carla Drafter" });
    await addMember(fiona, workspaceId, carla, "drafter", "civil_society", "Open Data Club");
    await editStoredPlan(srv, workspaceId, fiona.user?.id ?? "", completePlan("alpha", "beta"));
    const draft = await fiona.get<DraftResponse>(`/api/workspaces/${workspaceId}/draft`);
    commitmentIds = draft.body.content.plan.commitments.map((c) => c.id);
    expect(commitmentIds).toHaveLength(2);
    await fiona.request("PUT", `/api/workspaces/${workspaceId}/publication`, {
      body: { published: true, showDraft: false, minutes: [], inputs: [] },
    });
    const opened = await fiona.post<{ consultation: Consultation }>(
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
    rosa = await signUp("Rosa Resident", "civil_society", "Barrio Unido", true);
    omar = await signUp("Omar Quiet", "citizen", "Secret Cooperative", false);
    rosaInput = (
      await rosa.post<{ input: ConsultationInput }>(participant("/inputs"), {
        kind: "comment",
        commitmentId: commitmentIds[1],
        body: HOSTILE,
      })
    ).body.input;
    omarInput = (
      await omar.post<{ input: ConsultationInput }>(participant("/inputs"), { kind: "idea", body: SECRET })
    ).body.input;
    phoneInput = (
      await fiona.post<{ input: ConsultationInput }>(member("/inputs"), {
        kind: "comment",
        commitmentId: null,
        body: "Publish the bus timetables as open data.",
        channel: "phone",
        sector: "academia",
        community: "Northern district",
      })
    ).body.input;
    expect([rosaInput?.id, omarInput?.id, phoneInput?.id].every(Boolean)).toBe(true);
    expect((await omar.post(participant(`/inputs/${rosaInput.id}/support`))).status).toBe(200);
    for (const [status, reason] of [
      ["accepted", "We add it to milestone 2."],
      ["partly_accepted", "Only the first half fits this plan."],
    ] as const) {
      const answered = await carla.post(member(`/inputs/${rosaInput.id}/responses`), { status, reason });
      expect(answered.status).toBe(201);
    }
    expect(
      (await fiona.post(member(`/inputs/${omarInput.id}/hide`), { reason: "It gave a phone number." }))
        .status,
    ).toBe(200);
  }, 60_000);
  afterAll(() => srv.close());

  describe("for members", () => {
    it("groups every input by what it is about, each with its latest answer", async () => {
      const reply = await carla.get<ConsultationReportResponse>(member("/report"));
      expect(reply.status).toBe(200);
      const { report, published } = reply.body;
      expect(published).toBe(false);
      const shape = report.groups.map((g: ReportGroup) => [
        g.kind,
        g.kind === "commitment" ? g.number : null,
        g.inputs.map((i) => i.id),
      ]);
      expect(shape).toEqual([
        ["plan", null, [phoneInput.id]],
        ["commitment", 1, []],
        ["commitment", 2, [rosaInput.id]],
        ["ideas", null, [omarInput.id]],
      ]);
      const [rosaRow] = report.groups[2]?.inputs ?? [];
      expect(rosaRow).toMatchObject({
        body: HOSTILE,
        supports: 1,
        author: { name: "Rosa Resident", sector: "civil_society", organization: "Barrio Unido" },
        answer: { status: "partly_accepted", reason: "Only the first half fits this plan." },
      });
      expect(report.groups[0]?.inputs[0]).toMatchObject({
        channel: "phone",
        answer: null,
        author: { name: null, sector: "academia", community: "Northern district" },
      });
    });

    it("never carries a hidden input's text, nor the name or organisation of who did not agree", async () => {
      const { report } = (await fiona.get<ConsultationReportResponse>(member("/report"))).body;
      expect(report.groups[3]?.inputs[0]).toMatchObject({
        body: null,
        hiddenReason: "It gave a phone number.",
        author: { name: null, sector: "citizen", organization: null },
      });
      const json = JSON.stringify(report);
      for (const secret of ["555-0199", "Omar Quiet", "Secret Cooperative"])
        expect(json).not.toContain(secret);
    });

    it.each([
      ["a participant", 403, () => rosa],
      ["a signed-out visitor", 401, () => anonymous(srv)],
    ])("refuses %s with %i", async (_who, status, client) => {
      expect((await client().get(member("/report"))).status).toBe(status);
    });
  });

  describe("publishing it on the process page", () => {
    it("is not public until a facilitator publishes it (404, as if it did not exist)", async () => {
      expect((await anonymous(srv).get(publicReport())).status).toBe(404);
      expect((await raw(`${publicReport()}/export?format=csv`)).status).toBe(404);
      const process = await anonymous(srv).get<PublicProcessResponse>(`/api/public/workspaces/${slug}`);
      expect(process.body.consultation?.reportPublished).toBe(false);
    });

    it.each([
      ["a drafter", 403, () => carla],
      ["a participant", 403, () => rosa],
      ["a signed-out visitor", 401, () => anonymous(srv)],
    ])("refuses %s who would publish it with %i", async (_who, status, client) => {
      const reply = await client().request("PUT", member("/report/publication"), {
        body: { published: true },
      });
      expect(reply.status).toBe(status);
      expect((await anonymous(srv).get(publicReport())).status).toBe(404);
    });

    it("is public once published, as redacted as for members, and the process page links it", async () => {
      const reply = await fiona.request("PUT", member("/report/publication"), { body: { published: true } });
      expect(reply.status).toBe(200);
      expect(
        (await fiona.request("PUT", member("/report/publication"), { body: { published: true } })).status,
      ).toBe(409);
      const shown = await anonymous(srv).get<ConsultationReportResponse>(publicReport());
      expect(shown.status).toBe(200);
      expect(shown.body.published).toBe(true);
      const forMembers = (await carla.get<ConsultationReportResponse>(member("/report"))).body;
      expect(shown.body.report).toEqual({
        ...forMembers.report,
        consultation: shown.body.report.consultation,
      });
      const process = await anonymous(srv).get<PublicProcessResponse>(`/api/public/workspaces/${slug}`);
      expect(process.body.consultation?.reportPublished).toBe(true);
      expect(JSON.stringify(shown.body)).not.toContain("555-0199");
    });

    it("downloads as Markdown, DOCX and CSV, user text escaped and formula-safe, the hidden text absent", async () => {
      const md = await raw(`${publicReport()}/export?format=md&lang=es`);
      expect(md.status).toBe(200);
      expect(md.type).toContain("text/markdown");
      expect(md.text).toContain("# Lo que escuchamos y lo que hicimos: Consultation on the draft");
      expect(md.text).toContain("\\# Not a heading");
      expect(md.text).toContain("Una persona participante de ciudadanía");
      const csv = await raw(`${publicReport()}/export?format=csv`);
      expect(csv.type).toContain("text/csv");
      expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")`);
      expect(csv.text.split("\r\n")[0]).toMatch(/^group,commitment_number,/);
      const docx = await fetch(`${srv.url}${publicReport()}/export?format=docx&lang=fr`);
      expect(docx.status).toBe(200);
      expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
      for (const text of [md.text, csv.text]) {
        for (const secret of ["555-0199", "Omar Quiet", "Secret Cooperative"])
          expect(text).not.toContain(secret);
      }
      expect((await raw(`${publicReport()}/export?format=pdf`)).status).toBe(400);
    });

    it("is withdrawn when a facilitator changes their mind", async () => {
      const reply = await fiona.request("PUT", member("/report/publication"), { body: { published: false } });
      expect(reply.status).toBe(200);
      expect((await anonymous(srv).get(publicReport())).status).toBe(404);
      expect(
        (await fiona.request("PUT", member("/report/publication"), { body: { published: false } })).status,
      ).toBe(409);
    });
  });

  describe("with 10,000 inputs", () => {
    const expected = {
      inputs: 3,
      answered: 1,
      unanswered: 1,
      hidden: 1,
      supports: 1,
      byChannel: new Map<string, number>([
        ["online", 2],
        ["phone", 1],
      ]),
      bySector: new Map<string, number>([
        ["civil_society", 1],
        ["citizen", 1],
        ["academia", 1],
      ]),
      byStatus: new Map<string, number>([
        ["partly_accepted", 1],
        ["hidden", 1],
        ["none", 1],
      ]),
    };
    const add = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
    let lastPageCursor = "";

    /**
     * Five reads of `path`: wall time and CPU time of this process, where the server runs (its work
     * and the client's parsing of the answer). CPU time does not grow when other work shares the
     * machine, while wall time does: it is asserted, wall time is logged.
     */
    async function cpuOfReads(client: TestClient, path: string) {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const usage = process.cpuUsage();
        const reply = await client.get(path);
        const used = process.cpuUsage(usage);
        cpu.push((used.user + used.system) / 1000);
        wall.push(performance.now() - started);
        expect(reply.status, path).toBe(200);
      }
      return { wall, cpu };
    }

    beforeAll(async () => {
      const store = srv.ctx.store;
      const supporters = [rosa, omar, carla].map((c) => c.user?.id ?? "");
      const fionaId = fiona.user?.id ?? "";
      const at = Date.now();
      for (let i = 0; i < BULK; i++) {
        const channel = CHANNELS[i % 5] as InputChannel;
        const sector = SECTORS[(i * 3) % 5] as Sector;
        const status = STATUSES[i % 6] ?? null;
        const hidden = i % 7 === 0;
        const supports = i % 4;
        const id = newId();
        await store.consultations.insertInput({
          id,
          consultationId,
          kind: i % 3 === 0 ? "idea" : "comment",
          commitmentId: i % 3 === 1 ? (commitmentIds[i % 2] ?? null) : null,
          body: `Input ${i}`,
          channel,
          authorId: channel === "online" ? (rosa.user?.id ?? "") : null,
          recordedBy: channel === "online" ? null : fionaId,
          publicName: i % 2 === 0 ? `Person ${i}` : null,
          sector,
          organization: null,
          community: null,
          createdAt: at + i,
        });
        for (let s = 0; s < supports; s++) await store.consultations.support(id, supporters[s] ?? "", at + i);
        if (status) {
          // A first answer revised: only the latest counts.
          await store.consultations.insertResponse({
            id: newId(),
            inputId: id,
            status: "not_accepted",
            reason: "First answer.",
            authorId: fionaId,
            createdAt: at + i,
          });
          await store.consultations.insertResponse({
            id: newId(),
            inputId: id,
            status,
            reason: "Revised answer.",
            authorId: fionaId,
            createdAt: at + i + 1,
          });
        }
        if (hidden) {
          await store.consultations.insertModeration({
            id: newId(),
            inputId: id,
            action: "hide",
            reason: "Off topic.",
            actorId: fionaId,
            createdAt: at + i,
          });
        }
        expected.inputs++;
        if (status) expected.answered++;
        if (hidden) expected.hidden++;
        else if (!status) expected.unanswered++;
        expected.supports += supports;
        add(expected.byChannel, channel);
        add(expected.bySector, sector);
        add(expected.byStatus, status ?? (hidden ? "hidden" : "none"));
      }
      // The inserts left the HTTP connection idle past the server's keep-alive: one request takes
      // the reset of that stale socket, so the tests' own requests start on a fresh one.
      await fetch(`${srv.url}/healthz`).catch(() => undefined);
    }, 600_000);

    it("counts exactly by sector, channel, answer, supports and hidden", async () => {
      const { report } = (await fiona.get<ConsultationReportResponse>(member("/report"))).body;
      const { counts } = report;
      expect({
        inputs: counts.inputs,
        answered: counts.answered,
        unanswered: counts.unanswered,
        hidden: counts.hidden,
        supports: counts.supports,
      }).toEqual({
        inputs: expected.inputs,
        answered: expected.answered,
        unanswered: expected.unanswered,
        hidden: expected.hidden,
        supports: expected.supports,
      });
      expect(new Map(counts.byChannel.map((c) => [c.channel, c.count]))).toEqual(expected.byChannel);
      expect(new Map(counts.bySector.map((c) => [c.sector, c.count]))).toEqual(expected.bySector);
      expect(new Map(Object.entries(counts.byStatus).filter(([, n]) => n > 0))).toEqual(expected.byStatus);
      expect(report.groups.reduce((sum, g) => sum + g.inputs.length, 0)).toBe(expected.inputs);
      const all = report.groups.flatMap((g) => g.inputs);
      expect(all.filter((i) => i.hiddenReason !== null).every((i) => i.body === null)).toBe(true);
      expect(all.filter((i) => i.answer?.reason === "First answer.")).toHaveLength(0);
      // The dashboard and the freeze's self-check count in the database: the same figure.
      expect(await srv.ctx.store.consultations.unansweredCount(consultationId)).toBe(expected.unanswered);
    });

    it("sends the consultation page 50 inputs at a time, then each next page in order, none lost or doubled", async () => {
      const page = await anonymous(srv).get<PublicConsultationResponse>(
        `/api/public/workspaces/${slug}/consultation`,
      );
      expect(page.status).toBe(200);
      expect(page.body.inputs.map((i) => i.id).slice(0, 3)).toEqual([
        rosaInput.id,
        omarInput.id,
        phoneInput.id,
      ]);
      expect(page.body.inputs).toHaveLength(50);
      expect(page.body.inputsTotal).toBe(expected.inputs);
      expect(page.body.next).toBe(page.body.inputs[49]?.id);
      // The members' list, walked to its end: every input once, oldest first.
      const seen: string[] = [];
      const created: string[] = [];
      let after: string | null = null;
      do {
        const reply: { status: number; body: ConsultationInputsResponse } =
          await fiona.get<ConsultationInputsResponse>(member(`/inputs${after ? `?after=${after}` : ""}`));
        expect(reply.status).toBe(200);
        expect(reply.body.total).toBe(expected.inputs);
        expect(reply.body.inputs.length).toBeLessThanOrEqual(50);
        seen.push(...reply.body.inputs.map((i) => i.id));
        created.push(...reply.body.inputs.map((i) => i.createdAt));
        after = reply.body.next;
      } while (after !== null);
      expect(seen).toHaveLength(expected.inputs);
      expect(new Set(seen).size).toBe(expected.inputs);
      expect([...created].sort()).toEqual(created);
      // The public next page is the members' second page, as the public sees it (no hidden text).
      const next = await anonymous(srv).get<ConsultationInputsResponse>(
        `/api/public/workspaces/${slug}/consultation/inputs?after=${page.body.next}`,
      );
      expect(next.body.inputs.map((i) => i.id)).toEqual(seen.slice(50, 100));
      expect(next.body.inputs.filter((i) => i.hidden).every((i) => i.body === null)).toBe(true);
      const last = await anonymous(srv).get<ConsultationInputsResponse>(
        `/api/public/workspaces/${slug}/consultation/inputs?after=${seen.at(-21)}`,
      );
      expect(last.body).toMatchObject({ next: null, total: expected.inputs });
      expect(last.body.inputs.map((i) => i.id)).toEqual(seen.slice(-20));
      lastPageCursor = seen.at(-51) ?? "";
      const bad = await anonymous(srv).get(`/api/public/workspaces/${slug}/consultation/inputs?after=x%20y`);
      expect(bad.status).toBe(400);
    }, 120_000);

    it.each([
      [
        "the public consultation page",
        () => anonymous(srv),
        () => `/api/public/workspaces/${slug}/consultation`,
      ],
      [
        "its last page of inputs",
        () => anonymous(srv),
        () => `/api/public/workspaces/${slug}/consultation/inputs?after=${lastPageCursor}`,
      ],
      ["the members' list for a facilitator", () => fiona, () => member("/inputs")],
      ["a participant's own inputs and supports (/me)", () => rosa, () => participant("/me")],
    ])(
      "answers %s in 500 ms or less of CPU (median of five)",
      async (what, client, path) => {
        const { wall, cpu } = await cpuOfReads(client(), path());
        const median = [...cpu].sort((a, b) => a - b)[2] ?? Number.POSITIVE_INFINITY;
        console.info(
          `${what} with ${BULK + 3} inputs on ${database.name}: wall ${wall.map(Math.round).join(", ")} ms; CPU ${cpu.map(Math.round).join(", ")} ms`,
        );
        expect(median).toBeLessThanOrEqual(500);
      },
      60_000,
    );

    it("costs 500 ms or less of CPU per read, serving and parsing included (median of five)", async () => {
      // The server runs in this process: the CPU time of a read (the server's work and this client's
      // parsing of the answer) does not grow when other work shares the machine, while wall time
      // does — on a shared 2-core machine it is logged, not asserted.
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const usage = process.cpuUsage();
        const reply = await fiona.get<ConsultationReportResponse>(member("/report"));
        const used = process.cpuUsage(usage);
        cpu.push((used.user + used.system) / 1000);
        wall.push(performance.now() - started);
        expect(reply.status).toBe(200);
      }
      const median = [...cpu].sort((a, b) => a - b)[2] ?? Number.POSITIVE_INFINITY;
      console.info(
        `report of ${BULK + 3} inputs on ${database.name}: wall ${wall.map(Math.round).join(", ")} ms; CPU ${cpu.map(Math.round).join(", ")} ms`,
      );
      expect(median).toBeLessThanOrEqual(500);
    }, 60_000);

    it("is carried by the record frozen with the next official version, as public as the page", async () => {
      const unpublished = (await fiona.get<RecordResponse>(`/api/workspaces/${workspaceId}/record`)).body
        .record;
      expect(unpublished.schema).toBe("cocrea.record/v3");
      // Not published: counts only, no input's text.
      expect(unpublished.consultations?.consultations[0]?.groups).toBeUndefined();
      expect(JSON.stringify(unpublished)).not.toContain("Only the first half fits this plan.");
      expect(
        (await fiona.request("PUT", member("/report/publication"), { body: { published: true } })).status,
      ).toBe(200);
      const live = (await fiona.get<RecordResponse>(`/api/workspaces/${workspaceId}/record`)).body.record;
      const { report } = (await fiona.get<ConsultationReportResponse>(member("/report"))).body;
      expect(live.consultations?.consultations[0]?.groups).toEqual(report.groups);
      expect(live.consultations?.consultations[0]?.byStatus).toEqual(report.counts.byStatus);
      expect(live.consultations?.inputs).toBe(expected.inputs);
      const proposal = await propose(fiona, workspaceId);
      const detail = (
        await fiona.get<ProposalDetailResponse>(`/api/workspaces/${workspaceId}/proposals/${proposal.id}`)
      ).body;
      expect(detail.content.record?.consultations?.consultations[0]?.groups).toEqual(report.groups);
      expect((await sign(fiona, workspaceId, proposal.id, proposal.hash)).status).toBe(201);
      expect((await sign(carla, workspaceId, proposal.id, proposal.hash)).status).toBe(201);
      const version = await anonymous(srv).get<VersionResponse>(`/api/public/workspaces/${slug}/versions/1`);
      const frozen = JSON.stringify(version.body.version.content.record);
      expect(frozen).toContain("Only the first half fits this plan.");
      for (const secret of ["555-0199", "Omar Quiet", "Secret Cooperative"])
        expect(frozen).not.toContain(secret);
    }, 60_000);
  });
});
