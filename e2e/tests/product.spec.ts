import type { Page } from "@playwright/test";
import { checkPage } from "../fixtures/checks";
import { createInvitation } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";
import { screenshot, tourWorkspace } from "../fixtures/tour";

const WIDTHS = [360, 1280] as const;

/** The site header and the workspace's section links together, in px from the top of the page. */
async function chromeHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const nav = document.querySelector(".workspace-nav");
    return nav ? nav.getBoundingClientRect().bottom + window.scrollY : 0;
  });
}

for (const lang of ["en", "es"] as const) {
  test.describe(`in ${lang}`, () => {
    test.use({ lang });

    test("a new member joins by invitation, lands on the home page and sees the welcome and their next step", async ({
      signedUpPerson,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const { ana, workspace } = await tourWorkspace(signedUpPerson, baseURL ?? "");
      const carla = await signedUpPerson({ name: "Carla Comentarista" });
      const { t } = carla;
      const invitation = await createInvitation(ana, workspace.id, "commenter", "citizen");
      await carla.page.setViewportSize({ width: 360, height: 780 });
      await carla.page.goto(invitation.url);
      await carla.join.join("Vecinos del Sur");
      await expect(carla.page).toHaveURL(new RegExp(`/w/${workspace.id}$`));
      await expect(
        carla.page.getByRole("heading", {
          name: t("dashboard:welcome.title", { workspace: workspace.name }),
        }),
      ).toBeVisible();
      const needs = carla.page.getByRole("region", { name: t("dashboard:needsMe.title") });
      await expect(needs.getByRole("listitem").first()).toContainText("Adopt the forum's working rules");
      await expect(needs.getByRole("link", { name: t("dashboard:needsMe.voteAction") })).toBeVisible();
      // On a phone the header and the section links take at most 120 px.
      expect(await chromeHeight(carla.page)).toBeLessThanOrEqual(120);
      await checkPage(carla.page, "home of a new member at 360 px");
    });

    for (const width of WIDTHS) {
      test(`every page at ${width} px passes axe and is saved as a screenshot`, async ({
        signedUpPerson,
        baseURL,
      }) => {
        test.setTimeout(300_000);
        const { ana, workspace, meetingId, voteId } = await tourWorkspace(signedUpPerson, baseURL ?? "");
        const { page, t } = ana;
        const w = `/w/${workspace.id}`;
        const pages: [name: string, url: string, ready: () => Promise<void>][] = [
          [
            "home",
            w,
            () => expect(page.getByRole("heading", { name: t("dashboard:needsMe.title") })).toBeVisible(),
          ],
          ["members", `${w}/members`, () => expect(page.getByTestId("member").first()).toBeVisible()],
          [
            "plan",
            `${w}/plan`,
            () =>
              expect(page.locator(".connection-banner [role=status]")).toHaveText(t("plan:status.synced")),
          ],
          [
            "meetings",
            `${w}/meetings`,
            () => expect(page.getByRole("link", { name: "Promoter team kick-off" })).toBeVisible(),
          ],
          [
            "meeting",
            `${w}/meetings/${meetingId}`,
            () => expect(page.getByTestId("agenda-gap")).toBeVisible(),
          ],
          [
            "board",
            `${w}/meetings/${meetingId}`,
            async () => {
              await page.getByRole("button", { name: "4. Activity: common challenges" }).click();
              await expect(page.getByRole("region", { name: "Access to information" })).toBeVisible();
            },
          ],
          [
            "present",
            `${w}/meetings/${meetingId}/present`,
            () =>
              expect(
                page.getByRole("heading", { name: "Promoter team kick-off", exact: true }),
              ).toBeVisible(),
          ],
          [
            "minutes",
            `${w}/meetings/${meetingId}/minutes`,
            () => expect(page.getByTestId("minutes-agenda")).toBeVisible(),
          ],
          [
            "votes",
            `${w}/votes`,
            () => expect(page.getByRole("link", { name: "Adopt the forum's working rules" })).toBeVisible(),
          ],
          [
            "vote",
            `${w}/votes/${voteId}`,
            () =>
              expect(page.getByRole("heading", { name: "Adopt the forum's working rules" })).toBeVisible(),
          ],
          [
            "versions",
            `${w}/versions`,
            () => expect(page.getByRole("button", { name: t("versions:freeze.propose") })).toBeVisible(),
          ],
          [
            "account",
            "/account",
            () => expect(page.getByRole("heading", { name: t("account:title") })).toBeVisible(),
          ],
          ["workspaces", "/", () => expect(page.getByRole("link", { name: workspace.name })).toBeVisible()],
        ];
        await page.setViewportSize({ width, height: width < 400 ? 780 : 900 });
        for (const [name, url, ready] of pages) {
          await page.goto(url);
          await ready();
          await checkPage(page, `${name} at ${width} px in ${lang}`);
          if (width < 400 && url.startsWith(w))
            expect(await chromeHeight(page), name).toBeLessThanOrEqual(120);
          await screenshot(page, lang, name);
        }
      });
    }
  });
}
