import type { Page } from "@playwright/test";
import { checkPage } from "../fixtures/checks";
import { createWorkspace } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";

/** The page is at its top and the site header is in view (not scrolled past). */
async function expectAtTop(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.locator(".site-header")).toBeInViewport();
}

test.describe("known bugs of the first version", () => {
  test("after signing up and after signing in on a phone, the page opens at its top with the header in view", async ({
    newPerson,
  }) => {
    const ana = await newPerson({ name: "Ana Facilitadora" });
    await ana.page.setViewportSize({ width: 360, height: 640 });
    await ana.page.goto("/signup");
    await ana.forms.signUp(ana);
    await expect(ana.page.getByRole("heading", { name: ana.t("home:workspaces.title") })).toBeVisible();
    await expectAtTop(ana.page);
    await ana.page.context().clearCookies();
    await ana.page.goto("/signin?next=%2Faccount");
    await ana.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await ana.forms.signIn(ana.email, ana.password);
    await expect(ana.page.getByRole("heading", { name: ana.t("account:title") })).toBeVisible();
    await expectAtTop(ana.page);
  });

  test("offline, the workspace header says offline, and live again once back", async ({ signedUpPerson }) => {
    const ana = await signedUpPerson({ name: "Ana Facilitadora" });
    const workspace = await createWorkspace(ana, "Ciudad Abierta");
    await ana.page.goto(`/w/${workspace.id}`);
    const status = ana.page.locator(".workspace-header .stream-status");
    await expect(status).toHaveAttribute("data-status", "online");
    await ana.context.setOffline(true);
    await expect(status).toHaveAttribute("data-status", "offline");
    await expect(status).toHaveText(ana.t("stream.offline"));
    await ana.context.setOffline(false);
    await expect(status).toHaveAttribute("data-status", "online");
  });

  test("someone who is not a member is told why in plain words and given the way back", async ({
    signedUpPerson,
  }) => {
    const ana = await signedUpPerson({ name: "Ana Facilitadora" });
    const carl = await signedUpPerson({ name: "Carl Curioso", lang: "es" });
    const workspace = await createWorkspace(ana, "Ciudad Abierta");
    await carl.page.goto(`/w/${workspace.id}/plan`);
    await expect(carl.page.getByRole("heading", { level: 1 })).toHaveText(carl.t("workspace:unavailable"));
    await expect(carl.page.getByText(carl.t("workspace:notMember"))).toBeVisible();
    await expect(carl.page.getByText(carl.t("errors:codes.forbidden"))).toHaveCount(0);
    await checkPage(carl.page, "workspace refused to a non-member, in Spanish");
    await carl.page.getByRole("link", { name: carl.t("workspace:backToWorkspaces") }).click();
    await expect(carl.page.getByRole("heading", { name: carl.t("home:workspaces.title") })).toBeVisible();
  });

  test("the only facilitator is told before asking to leave, not after confirming", async ({
    signedUpPerson,
  }) => {
    const ana = await signedUpPerson({ name: "Ana Facilitadora" });
    const workspace = await createWorkspace(ana, "Ciudad Abierta");
    await ana.page.goto(`/w/${workspace.id}/members`);
    const me = ana.workspace.member(ana.name);
    await expect(me.getByText(ana.t("workspace:members.soleFacilitator"))).toBeVisible();
    await expect(me.getByRole("button", { name: ana.t("workspace:members.leave") })).toHaveCount(0);
  });
});
