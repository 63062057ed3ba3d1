import { addCommitment, appendParagraphs, getPlan, listCommitments } from "@shared/plan";
import { checkPage } from "../fixtures/checks";
import { editPlan } from "../fixtures/plan";
import { workspaceWith } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";
import { screenshot } from "../fixtures/tour";

for (const width of [360, 1280] as const) {
  test(`a commenter colours the plan by who wrote it, by sector then by member, at ${width} px`, async ({
    signedUpPerson,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const ana = await signedUpPerson({ name: "Ana Facilitator" });
    const gabriel = await signedUpPerson({ name: "Gabriel Drafter" });
    const clara = await signedUpPerson({ name: "Clara Commenter" });
    const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", [
      [gabriel, "drafter", "civil_society"],
      [clara, "commenter", "academia"],
    ]);
    await editPlan(ana, baseURL ?? "", workspaceId, (doc) =>
      appendParagraphs(getPlan(doc).vision, ["Every resident can follow public money."]),
    );
    await editPlan(gabriel, baseURL ?? "", workspaceId, (doc) => {
      appendParagraphs(getPlan(doc).vision, ["Neighbourhood groups check what was promised."]);
      addCommitment(doc, 10)?.text("title")?.insert(0, "Open contracting");
    });
    await editPlan(ana, baseURL ?? "", workspaceId, (doc) =>
      listCommitments(doc)[0]?.text("title")?.insert("Open".length, " and audited"),
    );

    const { page, t } = clara;
    await page.setViewportSize({ width, height: width < 400 ? 780 : 900 });
    await page.goto(`/w/${workspaceId}/plan`);
    await expect(page.locator(".plan-document")).toContainText("Neighbourhood groups");
    await expect(page.locator(".authored")).toHaveCount(0);

    const modes = page.getByRole("radiogroup", { name: t("plan:reading.authorship.label") });
    await modes.getByRole("radio", { name: t("plan:reading.authorship.sector") }).click();
    const legend = page.getByRole("list", { name: t("plan:reading.authorship.legend") });
    await expect(legend.getByRole("listitem")).toHaveText([
      t("sectors.government"),
      t("sectors.civil_society"),
    ]);
    await expect(page.locator(".authored", { hasText: "Neighbourhood groups" })).toHaveAttribute(
      "title",
      t("sectors.civil_society"),
    );
    // Plain fields too: the commitment's title in its heading, cut between its two writers.
    const heading = page.getByRole("heading", { name: /Open and audited contracting/ });
    await expect(heading.locator(".authored")).toHaveText(["Open", " and audited", " contracting"]);
    await expect(heading.locator(".authored", { hasText: "and audited" })).toHaveAttribute(
      "title",
      t("sectors.government"),
    );
    await checkPage(page, `authorship by sector at ${width} px`);
    await screenshot(page, "en", "plan-authorship");

    await modes.getByRole("radio", { name: t("plan:reading.authorship.member") }).click();
    await expect(page.locator(".authored", { hasText: "Every resident" })).toHaveAttribute(
      "title",
      `Ana Facilitator · ${t("sectors.government")}`,
    );
  });
}

for (const width of [360, 1280] as const) {
  test(`a drafter sees who wrote what in Edit, as they type, and the choice is remembered, at ${width} px`, async ({
    signedUpPerson,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const ana = await signedUpPerson({ name: "Ana Facilitator" });
    const gabriel = await signedUpPerson({ name: "Gabriel Drafter" });
    const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", [
      [gabriel, "drafter", "civil_society"],
    ]);
    await editPlan(ana, baseURL ?? "", workspaceId, (doc) => {
      appendParagraphs(getPlan(doc).vision, ["Every resident can follow public money."]);
      addCommitment(doc, 10)?.text("title")?.insert(0, "Open contracting");
    });

    const { page, t } = gabriel;
    await page.setViewportSize({ width, height: width < 400 ? 780 : 900 });
    await page.goto(`/w/${workspaceId}/plan`);
    const vision = page.getByRole("textbox", { name: t("plan:vision.label"), exact: true });
    await expect(vision).toContainText("Every resident");
    // Off by default: the editor shows no colours.
    await expect(page.locator(".authored")).toHaveCount(0);

    const modes = page.getByRole("radiogroup", { name: t("plan:reading.authorship.label") });
    await modes.getByRole("radio", { name: t("plan:reading.authorship.sector") }).click();
    await expect(vision.locator(".authored", { hasText: "Every resident" })).toHaveAttribute(
      "title",
      t("sectors.government"),
    );
    await expect(vision.locator(".authored").first()).toHaveAttribute(
      "aria-description",
      t("plan:reading.authorship.writtenBy", { author: t("sectors.government") }),
    );

    // What Gabriel types takes his sector's colour as he types it.
    await vision.locator("p").last().click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Groups check it.");
    await expect(vision.locator(".authored", { hasText: "Groups check it." })).toHaveAttribute(
      "title",
      t("sectors.civil_society"),
    );
    await expect(vision.locator(".authored", { hasText: "Every resident" })).toHaveAttribute(
      "title",
      t("sectors.government"),
    );

    // A plain field (the commitment's title) shows its words in their writers' colours below it.
    const title = page.getByRole("textbox", { name: t("plan:fields.title"), exact: true });
    await title.click();
    await title.press("End");
    await title.pressSequentially(" for all");
    const whoWrote = page.locator(".who-wrote-it");
    await expect(whoWrote).toContainText(t("plan:reading.authorship.whoWrote"));
    await expect(whoWrote.locator(".authored")).toHaveText(["Open contracting", " for all"]);
    await expect(whoWrote.locator(".authored").last()).toHaveAttribute("title", t("sectors.civil_society"));

    // The legend means the same as in the reading view.
    const legend = page.getByRole("list", { name: t("plan:reading.authorship.legend") });
    await expect(legend.getByRole("listitem")).toHaveText([
      t("sectors.government"),
      t("sectors.civil_society"),
    ]);
    await page.keyboard.press("Escape");
    await checkPage(page, `authorship in Edit at ${width} px`);
    await screenshot(page, "en", "plan-authorship-edit");

    // Remembered for this person: after a reload, still by sector; by member names each person.
    await page.reload();
    await expect(vision.locator(".authored", { hasText: "Groups check it." })).toHaveAttribute(
      "title",
      t("sectors.civil_society"),
    );
    await modes.getByRole("radio", { name: t("plan:reading.authorship.member") }).click();
    await expect(vision.locator(".authored", { hasText: "Groups check it." })).toHaveAttribute(
      "title",
      `Gabriel Drafter · ${t("sectors.civil_society")}`,
    );
    await modes.getByRole("radio", { name: t("plan:reading.authorship.off") }).click();
    await expect(page.locator(".authored")).toHaveCount(0);
    await expect(whoWrote).toHaveCount(0);
  });
}
