import type { Card } from "@shared/meetings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFacilitatedWorkspace, createUser, joinAs, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import {
  createTemplateMeeting,
  documentXml,
  download,
  meetingsPath,
  ok,
  runAction,
} from "./meetings.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let stranger: TestClient;
let workspaceId: string;

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
  commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
  viewer = await joinAs(srv, workspaceId, facilitator, "viewer", "citizen");
  stranger = await createUser(srv);
});
afterAll(() => srv.close());

describe("GET /api/workspaces/:id/meetings/:meetingId/minutes.docx", () => {
  it("holds the agenda items, the brainstorm, decisions and attendance, in the language asked for", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const path = meetingsPath(workspaceId, meeting.id);
    const brainstorm = meeting.items[3]?.id;
    ok(await commenter.request("PUT", `${path}/attendance`, { body: { presence: "remote" } }));
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "start" }));
    const card = ok(
      await commenter.post<{ card: Card }>(`${path}/cards`, {
        itemId: brainstorm,
        text: "Open <all> contracts",
      }),
    ).card;
    ok(await facilitator.post(`${path}/items/${brainstorm}/reveal`));
    ok(
      await facilitator.post(`${path}/decisions`, {
        kind: "decision",
        what: "Publish the budget & contracts",
        who: "Finance office",
      }),
    );
    ok(await runAction(facilitator, workspaceId, meeting.id, { action: "end" }));

    const response = await download(viewer, `${path}/minutes.docx?locale=es`);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="minutes-${meeting.id}.docx"`,
    );
    const xml = await documentXml(response.clone());
    // Word and LibreOffice spell-check the Spanish minutes in Spanish.
    expect(await documentXml(response, "word/styles.xml")).toContain('<w:lang w:val="es-ES"/>');
    for (const item of meeting.items) expect(xml).toContain(item.title);
    expect(xml).toContain("Asistencia por sector");
    expect(xml).toContain("Sociedad civil (1): ");
    expect(xml).toContain(`${commenter.user?.name} (a distancia)`);
    expect(xml).toContain("Decisiones y próximos pasos");
    expect(xml).toContain("Publish the budget &amp; contracts — Quién: Finance office");
    // User text is escaped, never read as markup.
    expect(xml).toMatch(/<\/w:numPr><\/w:pPr><w:r><w:t xml:space="preserve">Open &lt;all&gt; contracts</);
    expect(card.text).toBe("Open <all> contracts");
  });

  it("refuses someone who is not a member with 403", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const response = await download(stranger, `${meetingsPath(workspaceId, meeting.id)}/minutes.docx`);
    expect(response.status).toBe(403);
  });

  it("answers 400 for a language the minutes are not written in", async () => {
    const meeting = await createTemplateMeeting(facilitator, workspaceId);
    const response = await download(
      viewer,
      `${meetingsPath(workspaceId, meeting.id)}/minutes.docx?locale=de`,
    );
    expect(response.status).toBe(400);
  });
});
