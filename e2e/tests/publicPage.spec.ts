import type { Page, TestInfo } from "@playwright/test";
import type { MeetingResponse } from "@shared/meetings";
import { checkPage } from "../fixtures/checks";
import { ciudadAbierta } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

/** Saves a full-page screenshot at a phone's and a desktop's width into the run's output folder. */
async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const viewport = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
  if (viewport) await page.setViewportSize(viewport);
}

/** A meeting held and ended through the API, with one decision: its minutes are recorded. */
async function holdMeeting(
  ana: Person,
  workspaceId: string,
  title: string,
  decision: string,
): Promise<string> {
  const base = `/api/workspaces/${workspaceId}/meetings`;
  const created = await ana.context.request.post(base, {
    data: {
      title,
      startsAt: "2026-02-03T15:00:00Z",
      place: "Centro Cultural",
      template: "blank",
      plannedMinutes: 60,
    },
  });
  expect(created.status()).toBe(201);
  const { meeting } = (await created.json()) as MeetingResponse;
  await ana.context.request.put(`${base}/${meeting.id}/agenda`, {
    data: { items: [{ title: "Welcome", minutes: 10, kind: "discussion" }] },
  });
  await ana.context.request.put(`${base}/${meeting.id}/attendance`, { data: { presence: "room" } });
  expect(
    (await ana.context.request.post(`${base}/${meeting.id}/run`, { data: { action: "start" } })).ok(),
  ).toBe(true);
  await ana.context.request.post(`${base}/${meeting.id}/decisions`, {
    data: { kind: "decision", what: decision },
  });
  expect(
    (await ana.context.request.post(`${base}/${meeting.id}/run`, { data: { action: "end" } })).ok(),
  ).toBe(true);
  return meeting.id;
}

test("a facilitator publishes the process page, edits the roadmap and publishes minutes; a signed-out visitor sees them", async ({
  signedUpPerson,
  browser,
  baseURL,
}, testInfo) => {
  // A long script: two meetings, settings, roadmap, and a visitor's three pages with axe on each.
  test.setTimeout(300_000);
  const { ana, sofia, workspace } = await ciudadAbierta(signedUpPerson, "drafter");
  const { t } = ana;
  await holdMeeting(ana, workspace.id, "Primer encuentro del foro", "Publicar el presupuesto cada mes");
  await holdMeeting(ana, workspace.id, "Reunión interna", "Decisión interna reservada");

  // Nothing is public before publishing.
  const visitorContext = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/p/${workspace.slug}`);
  await expect(visitor.getByText(t("public:notPublished"))).toBeVisible();

  // Sofía agrees to be named.
  await sofia.page.goto(`/w/${workspace.id}/public`);
  await sofia.page.getByLabel(sofia.t("public:settings.consentLabel")).check();
  await sofia.page.getByRole("button", { name: sofia.t("public:settings.consentSave") }).click();
  await expect(
    sofia.page.getByRole("status").filter({ hasText: sofia.t("public:settings.saved") }),
  ).toBeVisible();
  await expect(sofia.page.getByLabel(sofia.t("public:settings.published"))).toHaveCount(0);

  // Ana publishes, with the first meeting's minutes, and writes the roadmap.
  await ana.page.goto(`/w/${workspace.id}`);
  await ana.page
    .getByRole("navigation", { name: t("nav.workspaceLabel") })
    .getByRole("link", { name: t("nav.public") })
    .click();
  await ana.page.getByLabel(t("public:settings.published")).check();
  await ana.page.getByLabel("Primer encuentro del foro").check();
  await ana.page.getByRole("button", { name: t("public:settings.save") }).click();
  await expect(ana.page.getByRole("status").filter({ hasText: t("public:settings.saved") })).toBeVisible();

  const year = new Date().getUTCFullYear();
  await ana.page.getByRole("button", { name: t("public:settings.addPhase") }).click();
  const first = ana.page.getByRole("group", { name: t("public:settings.phaseLegend", { number: 1 }) });
  await first.getByLabel(t("public:settings.startsOn")).fill(`${year - 1}-01-01`);
  await first.getByLabel(t("public:settings.endsOn")).fill(`${year - 1}-12-31`);
  await ana.page.getByRole("button", { name: t("public:settings.addPhase") }).click();
  const second = ana.page.getByRole("group", { name: t("public:settings.phaseLegend", { number: 2 }) });
  await second.getByLabel(t("public:settings.phaseKind")).selectOption("co_creation");
  await second.getByLabel(t("public:settings.startsOn")).fill(`${year}-01-01`);
  await second.getByLabel(t("public:settings.endsOn")).fill(`${year + 1}-06-30`);
  await ana.page.getByRole("button", { name: t("public:settings.saveRoadmap") }).click();
  await expect(ana.page.getByRole("status").filter({ hasText: t("public:settings.saved") })).toHaveCount(2);
  await checkPage(ana.page, "public page settings");
  await screenshots(ana.page, testInfo, "public-settings");

  // The visitor, signed out, on a phone.
  await visitor.reload();
  await expect(visitor.getByRole("heading", { level: 1, name: "Ciudad Abierta" })).toBeVisible();
  const current = visitor.locator(".roadmap li[aria-current=step]");
  await expect(current).toContainText(t("public:phases.co_creation"));
  await expect(current).toContainText(t("public:roadmap.current"));
  await expect(visitor.getByText("Fundación Datos Abiertos")).toBeVisible();
  await expect(visitor.getByText("Sofía Sociedad Civil")).toBeVisible();
  await expect(visitor.getByText("Gabriel Gobierno")).toHaveCount(0);
  // Listed among the meetings (its title also appears in the public record once that loads).
  const meetings = visitor.getByRole("region", { name: t("public:meetings.heading") }).first();
  await expect(meetings.locator(".public-list").getByText("Reunión interna")).toBeVisible();
  await checkPage(visitor, "public process page at 360 px");
  await screenshots(visitor, testInfo, "public-process");

  await visitor.getByRole("link", { name: t("public:meetings.minutes") }).click();
  await expect(
    visitor.getByRole("heading", { name: t("public:minutes.title", { title: "Primer encuentro del foro" }) }),
  ).toBeVisible();
  await expect(visitor.getByText("Publicar el presupuesto cada mes")).toBeVisible();
  await checkPage(visitor, "public minutes at 360 px");
  await screenshots(visitor, testInfo, "public-minutes");
  await expect(visitor.locator("body")).not.toContainText("Decisión interna reservada");
  await visitorContext.close();
});
