import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { MeetingSummary } from "@shared/meetings";
import { loadConfig } from "../../server/config";
import { createContext } from "../../server/createContext";
import { DEMO_PASSWORD, FACILITATOR } from "../../server/demo/people";
import { seedDemo } from "../../server/demo/seed";
import { BROWSER_LOCALE, translator } from "../fixtures/catalogue";
import { AccountForms } from "../fixtures/pageObjects";
import { expect, test } from "../fixtures/test";
import { SCREENS_DIR } from "../fixtures/tour";

/**
 * The README's "First ten minutes" tour, walked on the demo data as the demo facilitator. Its
 * screenshots go to docs/screens/ with UPDATE_SCREENS=1 (so an ordinary run leaves the tree
 * clean), and to the run's artifacts otherwise.
 */
const SCREENS = process.env.UPDATE_SCREENS === "1" ? path.join("docs", "screens") : SCREENS_DIR;
/** The README shows them small: a 1280-px-wide window drawn at 800 px. */
const SCALE = 0.625;
const MAX_BYTES = 150 * 1024;

async function screen(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  fs.mkdirSync(SCREENS, { recursive: true });
  const file = path.join(SCREENS, `${name}.png`);
  await page.screenshot({ path: file });
  expect(fs.statSync(file).size, `${file} is too large for the README`).toBeLessThan(MAX_BYTES);
}

test("the first ten minutes on the demo, as the facilitator", async ({ browser, baseURL }) => {
  test.slow();
  const dataDir = process.env.COCREA_E2E_DATA_DIR;
  if (!dataDir) throw new Error("playwright.config.ts sets COCREA_E2E_DATA_DIR");
  // What `npm run demo` seeds, written beside the running server (the database is shared as in a cluster).
  const ctx = await createContext(
    loadConfig({ ...process.env, COCREA_DATA_DIR: dataDir, COCREA_LOG_LEVEL: "warn" }),
  );
  const { workspace } = await seedDemo(ctx).finally(() => ctx.close());
  const base = `/w/${workspace.id}`;

  const t = translator("en");
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 880 },
    deviceScaleFactor: SCALE,
    locale: BROWSER_LOCALE.en,
  });
  const page = await context.newPage();

  await page.goto("/signin");
  await new AccountForms(page, t).signIn(FACILITATOR.email, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/signin/);

  // 1. The workspace's home: what needs the facilitator now.
  await page.goto(base);
  const needs = page.getByRole("region", { name: t("dashboard:needsMe.title") });
  await expect(needs.getByText(t("dashboard:needsMe.respond_other", { count: 2 }))).toBeVisible();
  await expect(needs.getByText(/Which commitments should start first\?/)).toBeVisible();
  await screen(page, "1-dashboard");

  // 2. The plan in reading view, then its comments beside it.
  await page.goto(`${base}/plan`);
  await page.getByRole("radio", { name: t("plan:reading.read") }).check();
  await expect(page.getByText("Open contracting for municipal public works").first()).toBeVisible();
  await screen(page, "2-plan");
  await page.getByRole("button", { name: t("comments:open", { count: 4 }) }).click();
  const drawer = page.getByRole("complementary", { name: t("comments:title") });
  const question = drawer.getByText(/Is 5% realistic in the first year\?/);
  await expect(question).toBeVisible();
  // The threads, rather than the new-comment form above them.
  await question.evaluate((element) => {
    const thread = element.closest("article");
    thread?.scrollIntoView();
    // Back a little, so the thread's heading is not under the top of the drawer.
    let box = thread?.parentElement ?? null;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    box?.scrollBy(0, -24);
  });
  await screen(page, "3-comments");

  // 3. The first meeting's minutes, from its brainstorm board to the decisions.
  const meetings = (await (await page.request.get(`/api/workspaces/${workspace.id}/meetings`)).json()) as {
    meetings: MeetingSummary[];
  };
  const ended = meetings.meetings.find((meeting) => meeting.status === "ended");
  await page.goto(`${base}/meetings/${ended?.id}/minutes`);
  await expect(page.getByText("The air-quality commitment joins the draft plan.")).toBeVisible();
  await page.getByRole("heading", { name: /^1\. / }).evaluate((element) => element.scrollIntoView());
  await screen(page, "4-meeting-minutes");

  // 4. Sign-off: version 1 and its signatures, the self-check of the draft, what changed since.
  await page.goto(`${base}/versions`);
  await expect(page.getByRole("heading", { name: t("versions:freeze.checkHeading") })).toBeVisible();
  await screen(page, "5-sign-off");
  await page.goto(`${base}/versions/compare?from=1&to=draft`);
  await expect(page.getByText(/open council hearing/).first()).toBeVisible();
  await screen(page, "6-changes-since-v1");
  await context.close();
});
