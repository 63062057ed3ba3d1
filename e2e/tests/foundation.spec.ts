import type { Lang } from "../fixtures/catalogue";
import { checkPage } from "../fixtures/checks";
import { expect, test } from "../fixtures/test";

/** Each run: a language and a screen. English on a laptop; Spanish and French on a 360-px phone. */
const RUNS: { lang: Lang; viewport: { width: number; height: number } }[] = [
  { lang: "en", viewport: { width: 1280, height: 800 } },
  { lang: "es", viewport: { width: 360, height: 740 } },
  { lang: "fr", viewport: { width: 360, height: 740 } },
];

for (const { lang, viewport } of RUNS) {
  test.describe(`in ${lang} at ${viewport.width}×${viewport.height}`, () => {
    test.use({ lang, viewport });

    test("a facilitator invites a civil-society drafter, who signs up and joins; the member list shows them without a reload", async ({
      newPerson,
    }) => {
      // Two people, sign-up, invitation and an axe check per page: a minute when the machine is busy.
      test.setTimeout(120_000);
      const ana = await newPerson({ name: "Ana Facilitator" });
      const { page, t } = ana;

      await page.goto("/");
      await expect(ana.home.heading()).toHaveText(t("home:welcome.title"));
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await checkPage(page, "home, signed out");

      await ana.home
        .header()
        .getByRole("link", { name: t("account.signIn") })
        .click();
      await expect(ana.home.heading()).toHaveText(t("auth:signIn.title"));
      await checkPage(page, "sign in");

      await page.getByRole("link", { name: t("auth:signIn.toSignUp") }).click();
      await expect(ana.home.heading()).toHaveText(t("auth:signUp.title"));
      await checkPage(page, "sign up");
      await ana.forms.signUp(ana);

      await expect(ana.home.heading()).toHaveText(t("home:workspaces.greeting", { name: ana.name }));
      await expect(page.getByText(t("home:workspaces.none"))).toBeVisible();
      await checkPage(page, "home, signed in");

      const workspaceName = `Gobierno Abierto Quintana Roo ${lang}`;
      await ana.home.createWorkspace({
        name: workspaceName,
        jurisdiction: "Quintana Roo",
        country: "México",
        periodStart: "2025-01-01",
        periodEnd: "2026-12-31",
        organization: "Secretaría de la Contraloría",
      });
      await expect(ana.home.heading()).toHaveText(workspaceName);
      await expect(ana.workspace.streamStatus()).toHaveText(t("stream.online"));
      // A new workspace opens on its home, where the facilitator's checklist starts with inviting.
      await page
        .getByRole("region", { name: t("dashboard:setup.title") })
        .getByRole("link", { name: t("dashboard:setup.steps.invite") })
        .click();
      await expect(ana.workspace.member(ana.name)).toContainText("Secretaría de la Contraloría");

      const link = await ana.workspace.createInvitation("drafter", "civil_society");
      await checkPage(page, "workspace, facilitator, with a new invitation link");
      // Proof that what follows arrives live: a full reload would wipe this marker.
      await page.evaluate(() => Object.assign(window, { e2eNoReload: true }));

      const bea = await newPerson({ name: "Beatriz Civil Society" });
      await bea.page.goto(link);
      await expect(bea.home.heading()).toHaveText(t("join:title", { workspace: workspaceName }));
      await expect(bea.page.getByRole("definition")).toContainText([
        "Quintana Roo",
        t("roles.drafter"),
        t("sectors.civil_society"),
      ]);
      await checkPage(bea.page, "join, signed out");

      await bea.forms.signUp(bea);
      await expect(bea.page.getByText(t("join:joinForm.as", { name: bea.name }))).toBeVisible();
      await checkPage(bea.page, "join, signed in");
      await bea.join.join("Red Ciudadana por la Transparencia");

      await expect(bea.home.heading()).toHaveText(workspaceName);
      await expect(
        bea.page.getByText(
          t("dashboard:welcome.youAre", {
            role: t("roles.drafter"),
            sector: t("sectors.civil_society"),
          }),
        ),
      ).toBeVisible();
      await checkPage(bea.page, "workspace, drafter");

      const newcomer = ana.workspace.member(bea.name);
      await expect(newcomer).toContainText("Red Ciudadana por la Transparencia");
      await expect(ana.workspace.memberSelect(bea.name, "role")).toHaveValue("drafter");
      await expect(ana.workspace.memberSelect(bea.name, "sector")).toHaveValue("civil_society");
      expect(await page.evaluate(() => "e2eNoReload" in window)).toBe(true);
    });
  });
}
