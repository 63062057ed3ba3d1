import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { addCommitment, appendParagraphs, getPlan } from "@shared/plan";
import { checkPage } from "../fixtures/checks";
import { editPlan } from "../fixtures/plan";
import { workspaceWith } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";
import { fillCommitment, SCREENS_DIR, screenshot } from "../fixtures/tour";

const VISION = "Every resident of Villa Esperanza can follow public money.";

/** A plan of three commitments (the first two complete), a drafter and a commenter. */
async function planWithReaders(signedUpPerson: (o: { name: string }) => Promise<Person>, baseURL: string) {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const gabriel = await signedUpPerson({ name: "Gabriel Drafter" });
  const clara = await signedUpPerson({ name: "Clara Commenter" });
  const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", [
    [gabriel, "drafter", "government"],
    [clara, "commenter", "civil_society"],
  ]);
  const ids: string[] = [];
  await editPlan(ana, baseURL, workspaceId, (doc) => {
    appendParagraphs(getPlan(doc).cocreationSummary, ["Four open meetings in three neighbourhoods."]);
    for (const [title, complete] of [
      ["Open contracting portal", true],
      ["Participatory budget", true],
      ["Water quality data", false],
    ] as const) {
      const commitment = addCommitment(doc, 5);
      fillCommitment(commitment, title, complete);
      if (commitment) ids.push(commitment.id);
    }
  });
  return { ana, gabriel, clara, workspaceId, ids };
}

async function openPlan({ page, t }: Person, workspaceId: string, status: "synced" | "syncedReadOnly") {
  await page.goto(`/w/${workspaceId}/plan`);
  await expect(page.locator(".connection-banner [role=status]")).toHaveText(t(`plan:status.${status}`));
}

const documentOf = (page: Page) => page.locator(".plan-document");

test("a commenter reads the plan as a document, follows a drafter's typing live, and jumps to commitment 3 from the outline", async ({
  signedUpPerson,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { gabriel, clara, workspaceId, ids } = await planWithReaders(signedUpPerson, baseURL ?? "");
  const { page, t } = clara;
  await page.setViewportSize({ width: 1280, height: 900 });
  // A thread on commitment 3, counted in the outline.
  const thread = await clara.context.request.post(`/api/workspaces/${workspaceId}/threads`, {
    data: { target: "commitment", commitmentId: ids[2], body: "Which rivers will be sampled?" },
  });
  expect(thread.status()).toBe(201);
  await openPlan(clara, workspaceId, "syncedReadOnly");

  // A document, not a form: no field to type in, unwritten parts one quiet line each.
  const doc = documentOf(page);
  await expect(doc.getByRole("heading", { name: t("plan:vision.label") })).toBeVisible();
  await expect(doc.getByRole("heading", { name: "Commitment 1: Open contracting portal" })).toBeVisible();
  await expect(page.locator(".plan-main").locator("input, textarea, select, [contenteditable]")).toHaveCount(
    0,
  );
  await expect(doc.getByText(t("plan:reading.notWritten"), { exact: true }).first()).toBeVisible();
  await expect(doc.locator(".reading-milestones").first()).toContainText("First monthly publication");
  await expect(page.getByRole("radiogroup", { name: t("plan:reading.mode") })).toHaveCount(0);

  // Gabriel types the vision; Clara reads it as it is written.
  await openPlan(gabriel, workspaceId, "synced");
  const vision = gabriel.page.getByRole("textbox", { name: gabriel.t("plan:vision.label"), exact: true });
  await vision.click();
  await gabriel.page.keyboard.type(VISION);
  await expect(doc.locator("#field-vision")).toContainText(VISION);

  // The outline: commitment 3 with its completeness and its open thread; choosing it moves the focus.
  const outline = page.getByRole("navigation", { name: t("plan:outline.label") });
  const third = outline.getByRole("link", { name: /^3\. Water quality data/ });
  // Fields written out of the template's fourteen: a title and a problem.
  await expect(third).toContainText(t("plan:outline.written", { done: 2, total: 14 }));
  await expect(third).toContainText(t("plan:outline.threads_one", { count: 1 }));
  await expect(outline.getByRole("link", { name: /^1\. Open contracting portal/ })).toContainText(
    // All the self-check asks for, not yet contact, dates, contribution, actors, area, SDG, budget
    // nor the milestone's responsible.
    t("plan:outline.written", { done: 5, total: 14 }),
  );
  await third.click();
  const heading = page.getByRole("button", { name: "Commitment 3: Water quality data" });
  await expect(heading).toBeFocused();
  await expect(third).toHaveAttribute("aria-current", "location");
  await expect(page).toHaveURL(new RegExp(`#commitment-${ids[2]}$`));

  // Commitments fold to their heading and open again.
  await heading.click();
  await expect(heading).toHaveAttribute("aria-expanded", "false");
  await expect(doc.getByText("Residents cannot see how water quality data is decided.")).toBeHidden();
  await heading.press("Enter");
  await expect(doc.getByText("Residents cannot see how water quality data is decided.")).toBeVisible();
  await checkPage(page, "reading view at 1280 px");

  // A link can name a commitment by its number.
  await page.goto(`/w/${workspaceId}/plan#commitment-2`);
  await expect(page.getByRole("button", { name: "Commitment 2: Participatory budget" })).toBeFocused();
});

for (const width of [360, 1280] as const) {
  test(`the reading and edit views at ${width} px pass axe and are saved as screenshots`, async ({
    signedUpPerson,
    baseURL,
  }) => {
    test.setTimeout(150_000);
    const { gabriel, clara, workspaceId } = await planWithReaders(signedUpPerson, baseURL ?? "");
    const height = width < 400 ? 780 : 900;
    for (const person of [clara, gabriel]) await person.page.setViewportSize({ width, height });

    await openPlan(clara, workspaceId, "syncedReadOnly");
    await expect(documentOf(clara.page)).toContainText("Water quality data");
    if (width < 1024) {
      // On a phone the outline is a jump menu.
      await clara.page.getByRole("button", { name: clara.t("plan:outline.jump") }).click();
      await clara.page.getByRole("menuitem", { name: /^3\. Water quality data/ }).click();
      await expect(
        clara.page.getByRole("button", { name: "Commitment 3: Water quality data" }),
      ).toBeFocused();
      await clara.page.evaluate(() => window.scrollTo(0, 0));
      // Nothing floats over the text a person reads: the comments button sits in the plan's bar.
      const toggle = clara.page.getByRole("button", { name: clara.t("comments:open", { count: 0 }) });
      expect(await toggle.evaluate((button) => getComputedStyle(button).position)).not.toBe("fixed");
    }
    await checkPage(clara.page, `reading view at ${width} px`);
    await screenshot(clara.page, "en", "plan-reading");

    await openPlan(gabriel, workspaceId, "synced");
    const { t } = gabriel;
    const modes = gabriel.page.getByRole("radiogroup", { name: t("plan:reading.mode") });
    await expect(modes.getByRole("radio", { name: t("plan:reading.edit") })).toBeChecked();
    await expect(
      gabriel.page.getByRole("textbox", { name: t("plan:vision.label"), exact: true }),
    ).toBeVisible();
    await checkPage(gabriel.page, `edit view at ${width} px`);
    await screenshot(gabriel.page, "en", "plan-edit");

    // Read, remembered for Gabriel on his next visit.
    await modes.getByRole("radio", { name: t("plan:reading.read") }).click();
    await expect(gabriel.page.locator(".plan-main [contenteditable]")).toHaveCount(0);
    await gabriel.page.reload();
    await expect(modes.getByRole("radio", { name: t("plan:reading.read") })).toBeChecked();
    await expect(documentOf(gabriel.page)).toContainText("Participatory budget");
  });
}

test("a drafter bolds a word and makes a list from the toolbar only; ? lists the keys for the platform", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", []);
  const { page, t } = ana;
  await openPlan(ana, workspaceId, "synced");
  const vision = page.getByRole("textbox", { name: t("plan:vision.label"), exact: true });
  await vision.click();
  await page.keyboard.type("Open budgets");
  await page.keyboard.press("Shift+Home");
  const toolbar = page.getByRole("toolbar", {
    name: t("plan:toolbar.label", { field: t("plan:vision.label") }),
  });
  await toolbar.getByRole("button", { name: `${t("plan:toolbar.bold")} (Ctrl+B)` }).click();
  await expect(vision.locator("strong")).toHaveText("Open budgets");
  await toolbar.getByRole("button", { name: `${t("plan:toolbar.bulletList")} (Ctrl+Shift+8)` }).click();
  await expect(vision.locator("ul > li")).toHaveText("Open budgets");
  // Arrow keys move between the buttons (one tab stop).
  await toolbar.getByRole("button", { name: `${t("plan:toolbar.bold")} (Ctrl+B)` }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(toolbar.getByRole("button", { name: `${t("plan:toolbar.italic")} (Ctrl+I)` })).toBeFocused();

  // "?" outside the text opens the list of keys, written for this platform (Ctrl, not ⌘).
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: t("plan:shortcuts.title") });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("row", { name: new RegExp(t("plan:toolbar.bold")) })).toContainText("Ctrl+B");
  await checkPage(page, "keyboard shortcuts dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // Commitments fold and open in Edit too, from their heading.
  await page.getByRole("button", { name: t("plan:commitments.add") }).click();
  const heading = page.getByRole("button", { name: "Commitment 1: Untitled" });
  await heading.click();
  await expect(heading).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("textbox", { name: t("plan:fields.leadAgency") })).toBeHidden();
  await heading.press("Enter");
  await expect(page.getByRole("textbox", { name: t("plan:fields.leadAgency") })).toBeVisible();
});

/** Puts the DOM selection on `text` inside `root`, as a mouse drag would. */
async function select(root: Locator, text: string): Promise<void> {
  // Where a person selecting would see it (the bar is drawn on screen, at the words).
  await root.scrollIntoViewIfNeeded();
  await root.evaluate((element, text) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(text) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`"${text}" is not there`);
  }, text);
}

/** Comments on `words` (inside `root`) through the bar that appears at the selection. */
async function commentOnWords({ page, t }: Person, root: Locator, words: string, body: string) {
  await select(root, words);
  await page.getByRole("button", { name: t("comments:selectionButton", { quote: words }) }).click();
  const drawer = page.getByRole("complementary", { name: t("comments:title") });
  await expect(drawer.getByLabel(t("comments:new.body"))).toBeFocused();
  await page.keyboard.type(body);
  await drawer.getByRole("button", { name: t("comments:new.submit") }).click();
}

/** How far down the page (not the window: scroll anchoring keeps what is on screen in place). */
const top = (locator: Locator) =>
  locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);

test("comments made from the selection bar sit in the margin beside their words at 1280 px and open in a sheet at 360 px", async ({
  signedUpPerson,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const { ana, clara, workspaceId, ids } = await planWithReaders(signedUpPerson, baseURL ?? "");
  const { page, t } = clara;
  await page.setViewportSize({ width: 1280, height: 900 });
  await openPlan(clara, workspaceId, "syncedReadOnly");
  const problem = page.locator(`#field-${ids[0]}-problem .reading-text`);
  const margin = page.getByRole("region", { name: t("comments:margin.label") });

  // The first comment: the drawer makes way, the thread sits expanded beside its words, focused.
  await commentOnWords(clara, problem, "Residents cannot see", "Which residents did you ask?");
  const first = margin.locator("li.margin-thread", { hasText: "Which residents did you ask?" });
  await expect(first.locator("article.comment-thread")).toBeFocused();
  await expect(page.getByRole("complementary", { name: t("comments:title") })).toBeHidden();
  const mark = (words: string) => page.locator("mark.comment-highlight", { hasText: words });
  await expect
    .poll(async () => Math.abs((await top(first)) - (await top(mark("Residents cannot see")))))
    .toBeLessThan(4);
  const main = await page.locator(".plan-main").boundingBox();
  const card = await first.boundingBox();
  expect(main && card && card.x >= main.x + main.width).toBe(true);

  // A second comment a few words on: it opens, the first folds to one line, and they do not overlap.
  await commentOnWords(clara, problem, "portal is decided", "Decided by whom?");
  const second = margin.locator("li.margin-thread", { hasText: "Decided by whom?" });
  await expect(second.locator("article.comment-thread")).toBeFocused();
  await expect(first.getByRole("button", { expanded: false })).toContainText(
    "Clara Commenter: Which residents did you ask?",
  );
  expect((await first.boundingBox())?.height).toBeLessThan(48);
  const firstBox = await first.boundingBox();
  const secondBox = await second.boundingBox();
  expect(firstBox && secondBox && secondBox.y >= firstBox.y + firstBox.height).toBe(true);

  // Ana adds paragraphs above: the words move down, and their cards with them.
  const before = await top(first);
  await editPlan(ana, baseURL ?? "", workspaceId, (doc) => {
    const vision = getPlan(doc).vision;
    appendParagraphs(vision, ["A first paragraph.", "A second paragraph.", "A third paragraph."]);
  });
  await expect.poll(() => top(first)).toBeGreaterThan(before + 50);
  await expect
    .poll(async () => Math.abs((await top(first)) - (await top(mark("Residents cannot see")))))
    .toBeLessThan(4);

  // The folded one opens with its line; the keyboard reaches it.
  await first.getByRole("button", { expanded: false }).focus();
  await page.keyboard.press("Enter");
  await expect(first.getByRole("button", { expanded: true })).toBeVisible();
  await expect(first.locator("article.comment-thread")).toBeVisible();
  await checkPage(page, "margin threads at 1280 px");
  await screenshot(page, "en", "plan-margin");

  // On a phone: a comment from the bar opens in a sheet; a tap on a highlight opens its thread there.
  await page.setViewportSize({ width: 360, height: 780 });
  await expect(margin).toBeHidden();
  const third = page.locator(`#field-${ids[1]}-problem .reading-text`);
  await commentOnWords(clara, third, "participatory budget", "Which districts?");
  const sheet = page.getByRole("dialog", { name: t("comments:sheet.label") });
  await expect(sheet).toContainText("Which districts?");
  await expect(sheet).toContainText("participatory budget");
  await checkPage(page, "a thread in the sheet at 360 px");
  await page.screenshot({ path: path.join(SCREENS_DIR, "plan-sheet-en-360.png") });
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await mark("Residents cannot see").click();
  await expect(sheet).toContainText("Which residents did you ask?");
  await sheet.getByRole("button", { name: t("comments:sheet.close") }).click();
  await expect(sheet).toBeHidden();
});
