import { type Lang, translator } from "../fixtures/catalogue";
import { checkPage } from "../fixtures/checks";
import { createWorkspace } from "../fixtures/setup";
import { expect, type Person, type PersonOptions, test } from "../fixtures/test";

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
    // Five failures of one account from one address are free; then each try must wait (1 s,
    // 2 s, 4 s, …) after the last, and one sent sooner is refused unseen.
    for (let i = 0; i < 5; i++) {
      expect(await attempt("not the password")).toBe(401);
      await expect(page.getByRole("alert")).toHaveText(t("errors:codes.invalid_credentials"));
    }
    const statuses: number[] = [];
    while (statuses.at(-1) !== 429 && statuses.length < 8) statuses.push(await attempt("not the password"));
    expect(statuses.at(-1)).toBe(429);
    await expect(page.getByRole("alert")).toHaveText(t("errors:codes.rate_limited"));
  });

  test("sign-up shows the password's strength while it is typed, with advice, and the server refuses a weak one", async ({
    newPerson,
  }, testInfo) => {
    // The estimator loads a few hundred kB of dictionaries: on a busy machine this takes a while.
    test.setTimeout(180_000);
    const lucia = await newPerson({ name: "Lucía Gómez" });
    const { page, t } = lucia;
    await page.goto("/signup");
    const form = page.getByRole("form", { name: t("auth:signUp.formLabel") });
    await form.getByLabel(t("auth:name"), { exact: true }).fill(lucia.name);
    await form.getByLabel(t("auth:email"), { exact: true }).fill(lucia.email);
    const password = form.getByLabel(t("auth:password"), { exact: true });
    const strength = form.locator("output.password-strength");

    await password.fill("password12");
    // The estimator and its dictionaries load on the first keystroke in the field.
    await expect(strength).toContainText(t("auth:strength.tooWeak"), { timeout: 30_000 });
    await expect(strength).toContainText(t("auth:strength.label", { level: t("auth:strength.levels.1") }));
    await checkPage(page, "sign-up with a weak password");
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: testInfo.outputPath(`signup-weak-${width}.png`), fullPage: true });
    }
    // Submitting anyway: the server's own check refuses it, at the field.
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/signup"));
    await form.getByRole("button", { name: t("auth:signUp.submit"), exact: true }).click();
    expect((await answered).status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText(t("errors:codes.weak_password"));

    await password.fill(lucia.password);
    await expect(strength).toContainText(t("auth:strength.strongEnough"));
    await page.screenshot({ path: testInfo.outputPath("signup-strong-1280.png"), fullPage: true });
    await form.getByRole("button", { name: t("auth:signUp.submit"), exact: true }).click();
    await expect(lucia.home.heading()).toHaveText(t("home:workspaces.greeting", { name: lucia.name }));
  });
});

type MakePerson = (options: PersonOptions) => Promise<Person>;

/** Ana, a facilitator of "Córdoba Abierta", signed in here and on her laptop, which shows the workspace. */
async function signedInTwice(signedUpPerson: MakePerson, newPerson: MakePerson, lang?: Lang) {
  const ana = await signedUpPerson({ name: "Ana Facilitator", lang });
  const workspace = await createWorkspace(ana, "Córdoba Abierta");
  const laptop = await newPerson({ name: ana.name });
  await laptop.page.goto("/signin");
  await laptop.forms.signIn(ana.email, ana.password);
  // Wait for the signed-in home: going on before the sign-in answer lands loses its cookie.
  await expect(laptop.home.heading()).toHaveText(laptop.t("home:workspaces.greeting", { name: ana.name }));
  await laptop.page.goto(`/w/${workspace.id}`);
  await expect(laptop.home.heading()).toHaveText("Córdoba Abierta");
  return { ana, laptop, workspace };
}

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
  const { ana, laptop } = await signedInTwice(signedUpPerson, newPerson);
  const { page, t } = ana;

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

test("changing the password on the account page: a wrong current password and a weak new one are said at their fields; then the other browser is sent to sign in and this one stays", async ({
  signedUpPerson,
  newPerson,
}) => {
  test.slow(); // two browsers and an accessibility scan
  const { ana, laptop, workspace } = await signedInTwice(signedUpPerson, newPerson, "es");
  const { page, t } = ana;

  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/account");
  const current = page.getByLabel(t("account:password.current"), { exact: true });
  const fresh = page.getByLabel(t("account:password.new"), { exact: true });
  const submit = page.getByRole("button", { name: t("account:password.submit") });
  await current.fill("not my password at all");
  await fresh.fill("lantern orchard quietly seventeen");
  await submit.click();
  await expect(page.getByText(t("account:password.wrong"))).toBeVisible();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await checkPage(page, "account page with a wrong current password, in Spanish at 360 px");

  await current.fill(ana.password);
  await fresh.fill("password1234");
  await submit.click();
  await expect(fresh).toHaveAttribute("aria-invalid", "true");

  await fresh.fill("lantern orchard quietly seventeen");
  await submit.click();
  await expect(page.getByText(t("account:password.changed"))).toBeVisible();
  await expect(laptop.page).toHaveURL(/\/signin\?next=/, { timeout: 15_000 });
  // This browser stays signed in, on its fresh session.
  await page.goto(`/w/${workspace.id}`);
  await expect(ana.home.heading()).toHaveText("Córdoba Abierta");
});
