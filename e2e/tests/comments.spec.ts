import type { Locator, Page } from "@playwright/test";
import { checkPage } from "../fixtures/checks";
import { acceptInvitation, createInvitation, createWorkspace, workspaceWith } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

const SENTENCE = "Citizens can follow each tender online";

/** The plan page's comment parts as one person sees them. */
function commentsOn(person: Person) {
  const { page, t } = person;
  const drawer = page.getByRole("complementary", { name: t("comments:title") });
  return {
    /** The vision as a drafter edits it. */
    vision: () => page.getByRole("textbox", { name: t("plan:vision.label"), exact: true }),
    /** The vision as a commenter reads it (the reading view). */
    reading: () => page.locator(".plan-main #field-vision .reading-text"),
    drawer,
    thread: (text: string) => drawer.locator("article.comment-thread", { hasText: text }),
    /** A thread beside its words, on a wide screen. */
    marginThread: (text: string) =>
      page
        .getByRole("region", { name: t("comments:margin.label") })
        .locator("article.comment-thread", { hasText: text }),
    /** The highlighted words (a co-author's caret inside the passage splits it into several spans). */
    highlighted: () =>
      page
        .locator(".comment-highlight")
        .allTextContents()
        .then((parts) => parts.join("")),
  };
}

/**
 * Puts the DOM selection on `text` inside `editor` (a caret after it when `collapseAfter`), as a
 * mouse drag or a click would; ProseMirror and the comment plugin read the DOM selection.
 */
async function select(editor: Locator, text: string, collapseAfter = false): Promise<void> {
  await editor.evaluate(
    (element, { text, collapseAfter }) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(text) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, collapseAfter ? at + text.length : at);
        range.setEnd(node, at + text.length);
        const selection = document.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        return;
      }
      throw new Error(`"${text}" is not in the editor`);
    },
    { text, collapseAfter },
  );
}

/** Where the selected words are on the page. */
const selectionBox = (page: Page) =>
  page.evaluate(() => {
    const rect = document.getSelection()?.getRangeAt(0).getBoundingClientRect();
    return { x: rect?.x ?? 0, y: rect?.y ?? 0, width: rect?.width ?? 0, height: rect?.height ?? 0 };
  });

/**
 * On a wide screen, the site header's controls lie left of the open drawer and take clicks (a
 * trial click fails when something else would receive it).
 */
async function expectHeaderUsable({ page, t }: Person): Promise<void> {
  const drawer = await page.getByRole("complementary", { name: t("comments:title") }).boundingBox();
  for (const control of [
    page.getByRole("button", { name: t("account.signOut"), exact: true }),
    page.getByLabel(t("language.label")),
  ]) {
    const box = await control.boundingBox();
    expect(box && drawer && box.x + box.width <= drawer.x).toBe(true);
    await control.click({ trial: true });
  }
}

async function openPlan(
  person: Person,
  workspaceId: string,
  status: "synced" | "syncedReadOnly",
): Promise<Page> {
  await person.page.goto(`/w/${workspaceId}/plan`);
  await expect(person.page.locator(".connection-banner [role=status]")).toHaveText(
    person.t(`plan:status.${status}`),
  );
  return person.page;
}

test("a civil-society commenter comments on a sentence; a government drafter sees it live and answers with a reason; the highlight follows edits", async ({
  signedUpPerson,
}) => {
  test.setTimeout(120_000);
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const gabriel = await signedUpPerson({ name: "Gabriel Drafter" });
  const clara = await signedUpPerson({ name: "Clara Commenter" });
  const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", [
    [gabriel, "drafter", "government"],
    [clara, "commenter", "civil_society"],
  ]);
  const { t } = clara;
  const drafter = commentsOn(gabriel);
  const commenter = commentsOn(clara);

  await openPlan(gabriel, workspaceId, "synced");
  await drafter.vision().click();
  await gabriel.page.keyboard.type(`We publish every contract. ${SENTENCE}.`);
  await openPlan(clara, workspaceId, "syncedReadOnly");
  await expect(commenter.reading()).toContainText(SENTENCE);

  // Clara selects the sentence in the reading view: a bar with "Comment" appears right above it.
  await select(commenter.reading(), SENTENCE);
  const bar = clara.page.getByRole("button", { name: t("comments:selectionButton", { quote: SENTENCE }) });
  await expect(bar).toHaveText(t("comments:selectionBar"));
  const words = await selectionBox(clara.page);
  const barBox = await bar.boundingBox();
  expect(barBox && barBox.y + barBox.height <= words.y && words.y - (barBox.y + barBox.height) < 24).toBe(
    true,
  );
  expect(barBox && barBox.x < words.x + words.width && barBox.x + barBox.width > words.x).toBe(true);
  await bar.click();
  await expect(commenter.drawer).toBeVisible();
  await expect(commenter.drawer.getByLabel(t("comments:new.body"))).toBeFocused();
  await expectHeaderUsable(clara);
  // Chromium on Linux: the hint names the keys off a Mac.
  await expect(
    commenter.drawer.getByText(t("comments:new.selectionHint", { keys: "Ctrl+Alt+M" })),
  ).toBeVisible();
  await clara.page.keyboard.type("Which tenders: all of them, or only those above a threshold?");
  await commenter.drawer.getByRole("button", { name: t("comments:new.submit") }).click();
  // On a wide screen the drawer makes way: the thread sits in the margin beside its words.
  await expect(commenter.drawer).toBeHidden();
  await expect(commenter.marginThread("Which tenders")).toContainText(SENTENCE);
  await expect.poll(commenter.highlighted).toBe(SENTENCE);

  // Gabriel sees the highlight and the thread appear without reloading.
  await expect.poll(drafter.highlighted).toBe(SENTENCE);
  await gabriel.page.getByRole("button", { name: t("comments:open", { count: 1 }) }).click();
  const thread = drafter.thread("Which tenders");
  // The threads come first; the filters fold away behind one button.
  const filters = drafter.drawer.getByRole("button", { name: t("comments:filters.toggle") });
  await expect(filters).toHaveAttribute("aria-expanded", "false");
  await expect(drafter.drawer.getByLabel(t("comments:filters.status"))).toBeHidden();
  await filters.click();
  await expect(drafter.drawer.getByLabel(t("comments:filters.status"))).toBeVisible();
  await filters.click();
  await expect(thread.getByRole("heading")).toHaveText(
    t("comments:target.text", { field: t("comments:fields.vision") }),
  );
  await expect(thread).toContainText("Clara Commenter (Civil society)");
  await thread.getByRole("button", { name: t("comments:response.give"), exact: true }).click();
  // The status starts unchosen, so that nobody sends "Accepted" by accident.
  await expect(thread.getByLabel(t("comments:response.status"))).toHaveValue("");
  await thread.getByLabel(t("comments:response.status")).selectOption("partly_accepted");
  await thread.getByLabel(t("comments:response.reason")).fill("We publish tenders above 10,000 EUR first.");
  await thread.getByRole("button", { name: t("comments:response.submit") }).click();
  await expect(thread.locator(".tag")).toHaveText(t("comments:status.partly_accepted"));

  // Clara sees the status change without a reload.
  const claraThread = commenter.marginThread("Which tenders");
  await expect(claraThread.locator(".tag")).toHaveText(t("comments:status.partly_accepted"));
  await expect(claraThread).toContainText("We publish tenders above 10,000 EUR first.");

  // Gabriel edits the sentence (before it and inside it): both highlights follow the words.
  await gabriel.page.getByRole("button", { name: t("comments:close") }).click();
  await select(drafter.vision(), "every contract. ", true);
  await gabriel.page.keyboard.type("From 2026, ");
  await select(drafter.vision(), "follow each ", true);
  await gabriel.page.keyboard.type("public ");
  const moved = "Citizens can follow each public tender online";
  await expect(drafter.vision()).toContainText(`every contract. From 2026, ${moved}.`);
  await expect.poll(drafter.highlighted).toBe(moved);
  await expect.poll(commenter.highlighted).toBe(moved);
  await checkPage(clara.page, "plan with a thread in the margin");

  // From the keyboard: words selected with Shift and the arrows, Tab reaches the bar, Enter comments.
  for (const _ of "public ") await gabriel.page.keyboard.press("Shift+ArrowLeft");
  await gabriel.page.keyboard.press("Tab");
  await expect(gabriel.page.locator(".selection-bar button")).toBeFocused();
  await gabriel.page.keyboard.press("Enter");
  await expect(drafter.drawer.getByLabel(t("comments:new.body"))).toBeFocused();
  await expect(drafter.drawer.getByLabel(t("comments:new.on"))).toHaveValue("selection");
});

test("an HTML payload in a comment is shown as text: no element is created from it", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const workspace = await createWorkspace(ana, "Villa Esperanza Abierta");
  const payload = `<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"><b>bold</b>`;
  const response = await ana.context.request.post(`/api/workspaces/${workspace.id}/threads`, {
    data: { target: "plan", body: payload },
  });
  expect(response.status()).toBe(201);

  await ana.page.setViewportSize({ width: 360, height: 740 });
  await openPlan(ana, workspace.id, "synced");
  const comments = commentsOn(ana);
  await ana.page.getByRole("button", { name: ana.t("comments:open", { count: 1 }) }).click();
  const body = comments.thread("window.pwned").locator(".comment-body");
  await expect(body).toHaveText(payload);
  expect(await comments.drawer.locator("script, img, b").count()).toBe(0);
  expect(await ana.page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  await checkPage(ana.page, "comments drawer as a bottom sheet at 360 px");
});

/** A workspace whose vision Ana (facilitator) wrote, with Clara as a civil-society commenter on the plan. */
async function planWithCommenter(signedUpPerson: (options: { name: string }) => Promise<Person>) {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const clara = await signedUpPerson({ name: "Clara Commenter" });
  const workspace = await createWorkspace(ana, "Villa Esperanza Abierta");
  const invitation = await createInvitation(ana, workspace.id, "commenter", "civil_society");
  await acceptInvitation(clara, invitation.token, "Red Ciudadana");
  await openPlan(ana, workspace.id, "synced");
  await commentsOn(ana).vision().click();
  await ana.page.keyboard.type(`We publish every contract. ${SENTENCE}.`);
  // Ana's caret (with her name) leaves the field, so that the field holds only its text.
  await commentsOn(ana).vision().blur();
  await openPlan(clara, workspace.id, "syncedReadOnly");
  await expect(commentsOn(clara).reading()).toContainText(SENTENCE);
  return { ana, clara, workspace };
}

const selectedText = (page: Page) => page.evaluate(() => document.getSelection()?.toString() ?? "");

test("clicking or pressing Enter on a highlight opens its thread; the thread shows its passage in the text", async ({
  signedUpPerson,
}) => {
  const { ana, clara } = await planWithCommenter(signedUpPerson);
  const comments = commentsOn(clara);
  const { page, t } = clara;
  await select(comments.reading(), SENTENCE);
  await page.getByRole("button", { name: t("comments:selectionButton", { quote: SENTENCE }) }).click();
  await page.keyboard.type("Which tenders?");
  await comments.drawer.getByRole("button", { name: t("comments:new.submit") }).click();
  await expect.poll(comments.highlighted).toBe(SENTENCE);
  await page.setViewportSize({ width: 360, height: 740 });

  // The highlight says what it is.
  const mark = page.locator("mark.comment-highlight");
  await expect(mark).toHaveAttribute(
    "aria-description",
    t("comments:highlight", { name: "Clara Commenter", status: t("comments:status.awaiting") }),
  );

  // A tap opens the thread in a sheet from the bottom of the screen.
  await mark.click();
  const sheet = page.getByRole("dialog", { name: t("comments:sheet.label") });
  const thread = sheet.locator("article.comment-thread", { hasText: "Which tenders?" });
  await expect(thread).toHaveClass(/is-active/);

  // "Show in the text": the sheet steps aside, the passage is selected and focused.
  await thread.getByRole("button", { name: t("comments:showThread") }).click();
  await expect(sheet).toBeHidden();
  await expect(mark).toBeFocused();
  expect(await selectedText(page)).toBe(SENTENCE);
  await expect(mark).toHaveClass(/is-active/);
  await expect(comments.reading()).toHaveText(`We publish every contract. ${SENTENCE}.`);

  // From the keyboard: Enter on the highlighted passage opens the thread.
  await page.keyboard.press("Enter");
  await expect(thread).toBeVisible();
  await checkPage(page, "a thread opened from its highlight at 360 px");

  // Someone who can write keeps the caret when clicking into a highlight: no focus is taken.
  const writer = commentsOn(ana);
  await expect.poll(writer.highlighted).toBe(SENTENCE);
  await ana.page.locator("mark.comment-highlight").click();
  await expect(writer.vision()).toBeFocused();
  await expect(writer.drawer).toBeHidden();
});
