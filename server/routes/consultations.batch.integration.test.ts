import type { ConsultationInput, PublicConsultationResponse } from "@shared/consultation";
import type { WorkspaceEvent } from "@shared/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conflict } from "../errors";
import type { InputRecord } from "../store/consultations";
import { newId } from "../store/ids";
import { anonymous, createUser, createWorkspace, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { signUpParticipant } from "./consultations.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let workspaceId: string;
let slug: string;
let consultationId: string;

const HOUR = 3_600_000;
const participantPath = (rest = "") => `/api/consultations/${consultationId}${rest}`;

beforeAll(async () => {
  srv = await startTestServer();
  facilitator = await createUser(srv, { name: "Fiona Facilitator" });
  const workspace = await createWorkspace(facilitator, { sector: "government" });
  workspaceId = workspace.id;
  slug = workspace.slug;
  await facilitator.request("PUT", `/api/workspaces/${workspaceId}/publication`, {
    body: { published: true, showDraft: false, minutes: [], inputs: [] },
  });
  const opened = await facilitator.post<{ consultation: { id: string } }>(
    `/api/workspaces/${workspaceId}/consultations`,
    {
      title: "Consultation on the draft plan",
      instructions: "Tell us what you would change.",
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      scope: "plan",
    },
  );
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  consultationId = opened.body.consultation.id;
});
afterAll(async () => {
  await srv.close();
});

/** An input as a participant's would be stored, for writes queued straight on the batch. */
const inputRecord = (body: string, authorId: string): InputRecord => ({
  id: newId(),
  consultationId,
  kind: "idea",
  commitmentId: null,
  body,
  channel: "online",
  authorId,
  recordedBy: null,
  publicName: null,
  sector: "citizen",
  organization: null,
  community: null,
  createdAt: Date.now(),
});

describe("inputs and supports committed together (one transaction per event-loop turn)", () => {
  it("commits a turn's writes at once; one that fails rolls back alone and the others land", async () => {
    const author = facilitator.user?.id ?? "";
    const batch = srv.ctx.batchedCommit;
    const published: WorkspaceEvent[] = [];
    const unsubscribe = srv.ctx.relay.subscribe(workspaceId, {
      event: (event) => published.push(event),
      closed: () => {},
    });
    const commitsBefore = batch.counts.commits;
    const records = ["first", "second (fails after writing)", "third"].map((body) =>
      inputRecord(body, author),
    );
    // Queued in one turn, as requests read in one turn of the event loop are.
    const outcomes = await Promise.allSettled(
      records.map((record, i) =>
        batch.run(async (tx, emit) => {
          await tx.consultations.insertInput(record);
          emit(workspaceId, author, "consultation.input_added", {
            consultationId,
            inputId: record.id,
            channel: "online",
          });
          if (i === 1) throw conflict("test_failure", "This one fails after its write.");
          // Acknowledged only once committed: by then anyone reads it outside the transaction.
          return record.id;
        }),
      ),
    );
    unsubscribe();
    expect(batch.counts.commits - commitsBefore).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const failed = outcomes[1];
    expect(failed?.status === "rejected" && (failed.reason as { code?: string }).code).toBe("test_failure");
    const stored = await Promise.all(
      records.map((r) => srv.ctx.store.consultations.input(consultationId, r.id)),
    );
    expect(stored.map((input) => input?.body ?? null)).toEqual(["first", null, "third"]);
    // The failed write's event was rolled back with it: never appended, never published.
    const added = published.filter((e) => e.type === "consultation.input_added").map((e) => e.payload);
    expect(added).toEqual([
      { consultationId, inputId: records[0]?.id, channel: "online" },
      { consultationId, inputId: records[2]?.id, channel: "online" },
    ]);
    const events = await srv.ctx.store.events.after(workspaceId, 0, 1000);
    expect(events.filter((e) => records.some((r) => JSON.stringify(e.payload).includes(r.id)))).toHaveLength(
      2,
    );
  });

  it("answers every participant at once: valid inputs and supports stored once, refusals refused alone", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => signUpParticipant(srv, consultationId)));
    for (const person of people) {
      const joined = await person.post(participantPath("/participants"), {
        sector: "citizen",
        organization: "",
        showName: false,
      });
      expect([200, 201]).toContain(joined.status);
    }
    const piecesBefore = srv.ctx.batchedCommit.counts.pieces;
    // Everyone sends an input at once; one of them is empty and refused by validation.
    const sent = await Promise.all(
      people.map((person, i) =>
        person.post<{ input: ConsultationInput }>(participantPath("/inputs"), {
          kind: "idea",
          body: i === 5 ? " " : `Idea ${i} sent in the last minute.`,
        }),
      ),
    );
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 400]);
    const ids = sent.slice(0, 5).map((r) => r.body.input.id);
    // Then supports at once: each supports the next one's input (twice, a double click), one
    // supports their own (409), one an input that does not exist (404).
    const supports = await Promise.all([
      ...people.slice(0, 5).flatMap((person, i) => {
        const path = participantPath(`/inputs/${ids[(i + 1) % 5]}/support`);
        return [person.post<{ supports: number }>(path), person.post<{ supports: number }>(path)];
      }),
      people[0]?.post(participantPath(`/inputs/${ids[0]}/support`)),
      people[5]?.post(participantPath(`/inputs/${newId()}/support`)),
    ]);
    expect(supports.map((r) => r?.status)).toEqual([...Array(10).fill(200), 409, 404]);
    expect(supports.slice(0, 10).map((r) => (r?.body as { supports: number } | undefined)?.supports)).toEqual(
      Array(10).fill(1),
    );
    // The invalid input was refused before reaching the batch; the other 5 + 12 went through it.
    expect(srv.ctx.batchedCommit.counts.pieces - piecesBefore).toBe(5 + 12);
    const page = await anonymous(srv).get<PublicConsultationResponse>(
      `/api/public/workspaces/${slug}/consultation`,
    );
    const listed = page.body.inputs.filter((input) => ids.includes(input.id));
    expect(listed).toHaveLength(5);
    expect(new Set(page.body.inputs.map((input) => input.id)).size).toBe(page.body.inputs.length);
    for (const input of listed) expect(input.supports).toBe(1);
  });
});
