import fs from "node:fs";
import { expect as expectPoll } from "@playwright/test";
import type { DraftResponse } from "@shared/freeze";
import { addCommitment, appendParagraphs } from "@shared/plan";
import { checkPage } from "../fixtures/checks";
import { editPlan } from "../fixtures/plan";
import { ciudadAbierta } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

/** Waits until the server's draft of the plan (as JSON) contains `expected`. */
async function draftShows(person: Person, workspaceId: string, expected: string) {
  await expectPoll
    .poll(async () => {
      const answer = await person.context.request.get(`/api/workspaces/${workspaceId}/draft`);
      return JSON.stringify(((await answer.json()) as DraftResponse).content);
    })
    .toContain(expected);
}

/** Opens the plan page and waits until it is connected and in sync. */
async function openPlan(person: Person, workspaceId: string) {
  await person.page.goto(`/w/${workspaceId}/plan`);
  await expect(person.page.locator(".connection-banner [role=status]")).toHaveText(
    person.t("plan:status.synced"),
  );
}

test("a drafted plan is proposed, signed by government and civil society, published with its hash, downloaded as DOCX, and later edits show against v1", async ({
  signedUpPerson,
  browser,
  baseURL,
}) => {
  // The whole sign-off in one story (three people, a proposal, two signatures, DOCX, compare).
  test.slow();
  const { ana, gabriel, sofia, workspace } = await ciudadAbierta(signedUpPerson, "drafter");
  const { t } = ana;

  // Draft: a commitment with a title (through a collab client), then a vision typed in the plan
  // page with a bold word.
  // Title, commitment text, lead agency and a milestone: what the self-check needs not to block.
  await editPlan(ana, baseURL ?? "", workspace.id, (doc) => {
    const commitment = addCommitment(doc, 5);
    commitment?.text("title")?.insert(0, "Open contracting portal");
    commitment?.text("leadAgency")?.insert(0, "Procurement Office");
    const text = commitment?.richText("commitment");
    if (text) appendParagraphs(text, ["Publish every contract within 48 hours."]);
    commitment?.addMilestone()?.text("description")?.insert(0, "Portal online");
  });
  await openPlan(ana, workspace.id);
  await ana.page.getByRole("textbox", { name: t("plan:vision.label"), exact: true }).click();
  await ana.page.keyboard.type("A city that ");
  await ana.page.keyboard.press("ControlOrMeta+b");
  await ana.page.keyboard.type("shares");
  await ana.page.keyboard.press("ControlOrMeta+b");
  await ana.page.keyboard.type(" what it knows.");
  await draftShows(ana, workspace.id, '"text":"shares","marks":[{"type":"bold"}]');

  // Propose: the self-check lists warnings (not blocking), then the hash is pinned.
  await ana.page
    .getByRole("navigation", { name: t("nav.workspaceLabel") })
    .getByRole("link", { name: t("nav.versions") })
    .click();
  await expect(ana.page.getByText(t("versions:codes.missing_problem"))).toBeVisible();
  await expect(ana.page.getByText(t("versions:list.none"))).toBeVisible();
  await checkPage(ana.page, "versions page with the self-check");

  // A finding's link lands on its field in the plan, focused.
  await ana.page
    .getByRole("listitem")
    .filter({ hasText: t("versions:codes.missing_problem") })
    .getByRole("link", { name: t("versions:freeze.goToField") })
    .click();
  await expect(
    ana.page.getByRole("textbox", { name: t("plan:fields.problem.label"), exact: true }),
  ).toBeFocused();
  await ana.page.goBack();
  await ana.page.getByRole("button", { name: t("versions:freeze.propose") }).click();
  await ana.page
    .getByRole("dialog", { name: t("versions:freeze.proposeConfirmTitle") })
    .getByRole("button", { name: t("versions:freeze.propose") })
    .click();
  const hash = (await ana.page.getByTestId("proposal-hash").textContent()) ?? "";
  expect(hash).toMatch(/^[0-9a-f]{64}$/);

  // Government signs: the pending signature comes first on the home page, and leads to the text.
  await gabriel.page.goto(`/w/${workspace.id}`);
  const needs = gabriel.page.getByRole("region", { name: t("dashboard:needsMe.title") });
  await expect(needs.getByRole("listitem").first()).toContainText(t("dashboard:needsMe.sign"));
  await needs.getByRole("link", { name: t("dashboard:needsMe.signAction") }).click();
  const reading = gabriel.page.getByRole("tabpanel", { name: t("versions:freeze.readText") });
  await expect(reading).toContainText("Publish every contract within 48 hours.");
  await expect(gabriel.page.getByTestId("proposal-hash")).toHaveText(hash);
  await gabriel.page.getByRole("button", { name: t("versions:freeze.sign") }).click();
  const dialog = gabriel.page.getByRole("dialog", { name: t("versions:freeze.signConfirmTitle") });
  await expect(dialog).toContainText(hash);
  await dialog.getByRole("button", { name: t("versions:freeze.sign") }).click();
  await expect(
    gabriel.page.getByText(t("versions:freeze.signedBy", { name: "Gabriel Gobierno" })),
  ).toBeVisible();
  await expect(gabriel.page.getByText(t("versions:freeze.youDecided"))).toBeVisible();

  // Civil society signs, in Spanish and with the keyboard: the plan becomes version 1.
  const st = sofia.t;
  await sofia.page.setViewportSize({ width: 360, height: 780 });
  await sofia.page.goto(`/w/${workspace.id}`);
  await sofia.page
    .getByRole("region", { name: st("dashboard:needsMe.title") })
    .getByRole("link", { name: st("dashboard:needsMe.signAction") })
    .click();
  await expect(sofia.page.getByRole("tabpanel", { name: st("versions:freeze.readText") })).toContainText(
    "Open contracting portal",
  );
  await checkPage(sofia.page, "proposal to sign, in Spanish at 360 px");
  await sofia.page.getByRole("button", { name: st("versions:freeze.sign") }).focus();
  await sofia.page.keyboard.press("Enter");
  await sofia.page
    .getByRole("dialog", { name: st("versions:freeze.signConfirmTitle") })
    .getByRole("button", { name: st("versions:freeze.sign") })
    .press("Enter");
  await expect(sofia.page.getByText(st("versions:freeze.published", { number: 1 }))).toBeVisible();
  await expect(
    sofia.page.getByRole("heading", { name: st("versions:list.version", { number: 1 }) }),
  ).toBeVisible();

  // The public page, without signing in, on a phone: v1, its signatories and its hash.
  const visitorContext = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/p/${workspace.slug}`);
  await expect(
    visitor.getByRole("heading", { name: t("versions:public.versionHeading", { number: 1 }) }),
  ).toBeVisible();
  await expect(visitor.getByTestId("public-hash")).toHaveText(hash);
  // The sealing key's fingerprint, small beside the versions, to compare with the one the municipality publishes.
  const { fingerprint } = (await (await visitor.request.get("/api/public/key")).json()) as {
    fingerprint: string;
  };
  await expect(visitor.getByTestId("seal-key")).toContainText(fingerprint.match(/.{4}/g)?.join(" ") ?? "");
  await expect(visitor.getByText(t("versions:freeze.signedBy", { name: "Gabriel Gobierno" }))).toBeVisible();
  await expect(
    visitor.getByText(t("versions:freeze.signedBy", { name: "Sofía Sociedad Civil" })),
  ).toBeVisible();
  await expect(visitor.getByText("Fundación Datos Abiertos", { exact: false })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: /Open contracting portal/ })).toBeVisible();
  await expect(visitor.locator(".rich-text-view strong")).toHaveText("shares");
  await checkPage(visitor, "public page at 360 px");

  // Printed (or saved as PDF): the plan and its record without header, language switcher or buttons.
  await visitor.emulateMedia({ media: "print" });
  await expect(visitor.locator(".site-header")).toBeHidden();
  await expect(visitor.getByRole("button", { name: t("versions:public.print") })).toBeHidden();
  await expect(visitor.getByTestId("public-hash")).toBeVisible();
  await expect(visitor.getByRole("heading", { name: /Open contracting portal/ })).toBeVisible();
  await expect(visitor.getByText(`${baseURL}/p/${workspace.slug}/v/1`, { exact: false })).toBeVisible();
  const pdf = await visitor.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(5000);
  await visitor.emulateMedia({ media: "screen" });
  await expect(visitor.locator(".site-header")).toBeVisible();

  // The Markdown export keeps the bold word.
  const markdown = await visitor.request.get(
    `/api/public/workspaces/${workspace.slug}/versions/1/export?format=md&lang=en`,
  );
  expect(await markdown.text()).toContain("A city that **shares** what it knows.");

  // A DOCX downloads.
  const [download] = await Promise.all([
    visitor.waitForEvent("download"),
    visitor
      .getByRole("link", { name: `${t("versions:public.download")} ${t("versions:list.docx")}` })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${workspace.slug}-v1.docx`);
  const file = fs.readFileSync((await download.path()) ?? "");
  expect(file.subarray(0, 2).toString()).toBe("PK");
  await visitorContext.close();

  // A later edit, typed in the plan page, shows in "compare draft with v1", word by word.
  await openPlan(gabriel, workspace.id);
  const title = gabriel.page.getByRole("textbox", { name: t("plan:fields.title"), exact: true });
  await expect(title).toHaveValue("Open contracting portal");
  await title.click();
  await title.press("End");
  await title.pressSequentially(" for everyone");
  await draftShows(gabriel, workspace.id, "Open contracting portal for everyone");
  // Unbolding a word changes no words, but the comparison still says the vision changed.
  const vision = gabriel.page.getByRole("textbox", { name: t("plan:vision.label"), exact: true });
  await vision.locator("strong").dblclick();
  await gabriel.page.keyboard.press("ControlOrMeta+b");
  await expect(vision.locator("strong")).toHaveCount(0);
  await draftShows(gabriel, workspace.id, '"text":"A city that shares what it knows."');
  await ana.page.goto(`/w/${workspace.id}/versions`);
  await ana.page.getByRole("link", { name: t("versions:list.compareDraft", { number: 1 }) }).click();
  await expect(ana.page.getByRole("heading", { name: t("versions:compare.heading") })).toBeVisible();
  await expect(ana.page.locator("ins.diff-added").first()).toContainText("for everyone");
  await expect(ana.page.getByText(t("versions:compare.changes_other", { count: 2 }))).toBeVisible();
  await expect(ana.page.getByText(t("versions:compare.formattingChanged"))).toBeVisible();
  await checkPage(ana.page, "compare draft with v1");
});
