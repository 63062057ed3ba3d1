import { appendParagraphs, getPlan } from "@shared/plan";
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
    await editPlan(gabriel, baseURL ?? "", workspaceId, (doc) =>
      appendParagraphs(getPlan(doc).vision, ["Neighbourhood groups check what was promised."]),
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
    await checkPage(page, `authorship by sector at ${width} px`);
    await screenshot(page, "en", "plan-authorship");

    await modes.getByRole("radio", { name: t("plan:reading.authorship.member") }).click();
    await expect(page.locator(".authored", { hasText: "Every resident" })).toHaveAttribute(
      "title",
      `Ana Facilitator · ${t("sectors.government")}`,
    );
  });
}
