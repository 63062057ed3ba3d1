import type { APIResponse, Page, TestInfo } from "@playwright/test";
import type { ProposalResponse } from "@shared/freeze";
import type { MeetingResponse } from "@shared/meetings";
import { addCommitment, appendParagraphs, listCommitments } from "@shared/plan";
import type { VoteResponse } from "@shared/votes";
import * as Y from "yjs";
import { checkPage } from "../fixtures/checks";
import { editPlan } from "../fixtures/plan";
import { ciudadAbierta } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

/** Saves a full-page screenshot at a phone's and a desktop's width, checking each width with axe. */
async function atBothWidths(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await checkPage(page, `${name} at ${width} px`);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
}

async function ok(response: Promise<APIResponse>): Promise<APIResponse> {
  const answer = await response;
  if (!answer.ok()) throw new Error(`${answer.status()}: ${await answer.text()}`);
  return answer;
}

/** A comment, a response, a vote held and a meeting held with attendance, through the API. */
async function scriptProcess(ana: Person, gabriel: Person, sofia: Person, workspaceId: string) {
  const base = `/api/workspaces/${workspaceId}`;
  const thread = await ok(
    sofia.context.request.post(`${base}/threads`, {
      data: { target: "plan", body: "Publiquen los contratos" },
    }),
  );
  const { thread: opened } = (await thread.json()) as { thread: { id: string } };
  await ok(
    ana.context.request.post(`${base}/threads/${opened.id}/responses`, {
      data: { status: "accepted", reason: "Lo incluimos en el compromiso 1" },
    }),
  );
  await ok(
    sofia.context.request.post(`${base}/threads`, { data: { target: "plan", body: "¿Y las escuelas?" } }),
  );
  const vote = await ok(
    ana.context.request.post(`${base}/votes`, { data: { kind: "approve", title: "Aprobar el borrador" } }),
  );
  const { vote: opened2 } = (await vote.json()) as VoteResponse;
  for (const [person, choice] of [
    [ana, "yes"],
    [gabriel, "yes"],
    [sofia, "no"],
  ] as const) {
    await ok(
      person.context.request.put(`${base}/votes/${opened2.id}/ballot`, { data: { choices: [choice] } }),
    );
  }
  await ok(ana.context.request.post(`${base}/votes/${opened2.id}/close`));
  const meeting = await ok(
    ana.context.request.post(`${base}/meetings`, {
      data: {
        title: "Taller de cocreación",
        startsAt: "2026-03-03T15:00:00Z",
        template: "blank",
        plannedMinutes: 60,
      },
    }),
  );
  const { meeting: held } = (await meeting.json()) as MeetingResponse;
  const run = (action: string) =>
    ok(ana.context.request.post(`${base}/meetings/${held.id}/run`, { data: { action } }));
  await ok(
    ana.context.request.put(`${base}/meetings/${held.id}/agenda`, {
      data: { items: [{ title: "Bienvenida", minutes: 10, kind: "discussion" }] },
    }),
  );
  await run("start");
  for (const person of [ana, gabriel, sofia]) {
    await ok(
      person.context.request.put(`${base}/meetings/${held.id}/attendance`, { data: { presence: "room" } }),
    );
  }
  await run("end");
}

test("members read the record of co-creation as charts with their numbers; visitors see it on the public page", async ({
  signedUpPerson,
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  const { ana, gabriel, sofia, workspace } = await ciudadAbierta(signedUpPerson, "drafter");
  const url = baseURL ?? "";
  // Ana (government) writes 29 + 19 characters, Sofía (civil society) 33 and deletes 4 of Ana's,
  // Gabriel (government) adds 12 to the title.
  await editPlan(ana, url, workspace.id, (doc) => {
    doc.getXmlFragment("vision").insert(0, [new Y.XmlText("Una ciudad abierta para todos")]);
    addCommitment(doc, 5)?.text("title")?.insert(0, "Presupuesto abierto");
  });
  await editPlan(sofia, url, workspace.id, (doc) => {
    const problem = listCommitments(doc)[0]?.richText("problem");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Nadie entiende el presupuesto hoy")]);
    problem?.insert(0, [paragraph]);
    (doc.getXmlFragment("vision").get(0) as Y.XmlText).delete(0, 4);
  });
  await editPlan(gabriel, url, workspace.id, (doc) => {
    listCommitments(doc)[0]?.text("title")?.insert(19, " y auditable");
  });
  await scriptProcess(ana, gabriel, sofia, workspace.id);
  const { t } = ana;

  // The chart library loads only with the record: the home page does not fetch it.
  const scripts: string[] = [];
  ana.page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await ana.page.goto(`/w/${workspace.id}`);
  await expect(ana.page.getByRole("link", { name: t("common:nav.record") })).toBeVisible();
  expect(scripts.filter((s) => s.includes("RecordView"))).toEqual([]);
  await ana.page.getByRole("link", { name: t("common:nav.record") }).click();
  await expect(ana.page.getByRole("heading", { level: 1, name: t("record:heading") })).toBeVisible();
  const bySector = ana.page.getByRole("figure", { name: t("record:text.bySector") });
  await expect(bySector).toBeVisible();
  expect(scripts.filter((s) => s.includes("RecordView"))).toHaveLength(1);

  // The numbers beside the chart, as a table: government typed 29 + 19 + 12 = 60 and has
  // 25 + 19 + 12 = 56 in the plan; civil society typed 33, all still there.
  const row = (name: string) => bySector.getByRole("row", { name: new RegExp(`^${name}`) });
  await expect(row(t("common:sectors.government")).getByRole("cell")).toHaveText(["60", "56", "63%"]);
  await expect(row(t("common:sectors.civil_society")).getByRole("cell")).toHaveText(["33", "33", "37%"]);
  await expect(ana.page.getByText(t("record:comments.unanswered_one", { count: 1 }))).toBeVisible();
  await expect(
    ana.page.getByRole("listitem").filter({ hasText: "Aprobar el borrador" }).first(),
  ).toBeVisible();
  await atBothWidths(ana.page, testInfo, "record-members");

  // The plan is completed, proposed and signed: version 1 pins the record as it stood.
  await editPlan(ana, url, workspace.id, (doc) => {
    const commitment = listCommitments(doc)[0];
    commitment?.text("leadAgency")?.insert(0, "Secretaría de Hacienda");
    const text = commitment?.richText("commitment");
    if (text) appendParagraphs(text, ["Publicar el presupuesto cada mes."]);
    commitment?.addMilestone()?.text("description")?.insert(0, "Portal en línea");
  });
  const proposed = await ok(ana.context.request.post(`/api/workspaces/${workspace.id}/proposals`));
  const { proposal } = (await proposed.json()) as ProposalResponse;
  for (const person of [ana, sofia]) {
    await ok(
      person.context.request.post(`/api/workspaces/${workspace.id}/proposals/${proposal.id}/signatures`, {
        data: { hash: proposal.hash },
      }),
    );
  }

  // Published, the public page shows the same record to a visitor, in Spanish here.
  await ok(
    ana.context.request.put(`/api/workspaces/${workspace.id}/publication`, {
      data: { published: true, showDraft: false, minutes: [], inputs: [] },
    }),
  );
  const visitorContext = await browser.newContext({ baseURL, locale: "es-ES" });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/p/${workspace.slug}`);
  await expect(visitor.getByRole("heading", { level: 2, name: sofia.t("record:heading") })).toBeVisible();
  await expect(visitor.getByRole("figure", { name: sofia.t("record:text.bySector") })).toBeVisible();
  await expect(visitor.getByRole("link", { name: sofia.t("record:downloadCsv") })).toHaveAttribute(
    "href",
    `/api/public/workspaces/${workspace.slug}/record/export?format=csv`,
  );
  // Beside version 1, on request, the record frozen with it: as proposed, after Ana's 22 + 33 + 15
  // more characters (lead agency, commitment text, milestone).
  await visitor.getByRole("button", { name: sofia.t("record:frozen.show") }).click();
  const frozen = visitor.getByRole("region", { name: sofia.t("record:frozen.heading") });
  await expect(frozen.getByText(/propuso esta versión/)).toBeVisible();
  await expect(
    frozen
      .getByRole("figure", { name: sofia.t("record:text.bySector") })
      .getByRole("row", { name: /^Gobierno/ })
      .getByRole("cell"),
  ).toHaveText(["130", "126", "79 %"]);
  await atBothWidths(visitor, testInfo, "record-public");
  await visitorContext.close();
});
