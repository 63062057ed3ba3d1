import { translator } from "../fixtures/catalogue";
import { checkPage } from "../fixtures/checks";
import { createWorkspace } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";

test.describe("in Spanish", () => {
  test.use({ lang: "es" });

  test("sign-in says when the password is wrong, then that attempts are rate-limited", async ({
    signedUpPerson,
  }) => {
    const carla = await signedUpPerson({ name: "Carla Pérez" });
    const { page, t } = carla;
    await carla.context.clearCookies();
    await page.goto("/signin");

    const attempt = async (password: string) => {
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
      await carla.forms.signIn(carla.email, password);
      return (await answered).status();
    };
    // The server allows five failures per account in its window; the sixth try is refused unseen.
    for (let i = 0; i < 5; i++) {
      expect(await attempt("not the password")).toBe(401);
      await expect(page.getByRole("alert")).toHaveText(t("errors:codes.invalid_credentials"));
    }
    expect(await attempt(carla.password)).toBe(429);
    await expect(page.getByRole("alert")).toHaveText(t("errors:codes.rate_limited"));
  });
});

test("the language switcher translates the page at once, and the account carries the choice to another browser", async ({
  signedUpPerson,
  newPerson,
}) => {
  const eve = await signedUpPerson({ name: "Eve Martin" });
  await eve.page.goto("/");
  await expect(eve.home.heading()).toHaveText(eve.t("home:workspaces.greeting", { name: eve.name }));

  const saved = eve.page.waitForResponse(
    (r) => r.url().endsWith("/api/me") && r.request().method() === "PATCH",
  );
  await eve.home.languageSelect().selectOption("fr");
  expect((await saved).status()).toBe(200);
  const fr = translator("fr");
  await expect(eve.home.heading()).toHaveText(fr("home:workspaces.greeting", { name: eve.name }));
  await expect(eve.page.locator("html")).toHaveAttribute("lang", "fr");

  const elsewhere = await newPerson({ name: eve.name, lang: "en" });
  await elsewhere.page.goto("/signin");
  await elsewhere.forms.signIn(eve.email, eve.password);
  await expect(elsewhere.home.heading()).toHaveText(fr("home:workspaces.greeting", { name: eve.name }));
});

test("a page that needs an account sends a signed-out visitor to sign in, then back; signing out returns home", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const { page, t } = ana;
  const workspace = await createWorkspace(ana, "Córdoba Abierta");
  await ana.context.clearCookies();

  await page.goto(`/w/${workspace.id}`);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await ana.forms.signIn(ana.email, ana.password);
  await expect(ana.home.heading()).toHaveText("Córdoba Abierta");

  await ana.home
    .header()
    .getByRole("button", { name: t("account.signOut"), exact: true })
    .click();
  await expect(ana.home.heading()).toHaveText(t("home:welcome.title"));
  await page.goto(`/w/${workspace.id}`);
  await expect(page).toHaveURL(/\/signin\?next=/);
});

test("signing out on every device from the account page sends the account's other browser to sign in, from an open workspace page", async ({
  signedUpPerson,
  newPerson,
}, testInfo) => {
  test.slow(); // two browsers and two accessibility scans
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const { page, t } = ana;
  const workspace = await createWorkspace(ana, "Córdoba Abierta");
  const laptop = await newPerson({ name: ana.name });
  await laptop.page.goto("/signin");
  await laptop.forms.signIn(ana.email, ana.password);
  await laptop.page.goto(`/w/${workspace.id}`);
  await expect(laptop.home.heading()).toHaveText("Córdoba Abierta");

  await page.goto("/account");
  const everywhere = page.getByRole("button", { name: t("account:devices.signOutEverywhere") });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(everywhere).toBeVisible();
    await checkPage(page, `account page with "sign out on every device" at ${width} px`);
    await page.screenshot({ path: testInfo.outputPath(`sign-out-everywhere-${width}.png`), fullPage: true });
  }
  await everywhere.click();
  await expect(ana.home.heading()).toHaveText(t("home:welcome.title"));
  // The other browser's event stream ended with the session; its page finds out and asks to sign in.
  await expect(laptop.page).toHaveURL(/\/signin\?next=/, { timeout: 15_000 });
});
