import type { Page } from "@playwright/test";
import type { Role, Sector } from "@shared/roles";
import { checkPage } from "../fixtures/checks";
import { acceptInvitation, createInvitation, createWorkspace } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

/** The names of the IndexedDB databases Cocrea keeps on this browser (the device's copies). */
const deviceCopies = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases()).map(({ name }) => name ?? "").filter((name) => name.startsWith("cocrea:")),
  );

/** A workspace of Ana's (facilitator) with `others` joined in the given roles. */
async function workspaceWith(ana: Person, others: [Person, Role, Sector][]): Promise<string> {
  const workspace = await createWorkspace(ana, "Rosario Abierta");
  for (const [person, role, sector] of others) {
    const invitation = await createInvitation(ana, workspace.id, role, sector);
    await acceptInvitation(person, invitation.token, "Vecinos en Red");
  }
  return workspace.id;
}

/** The plan page of one person: its connection banner and commitment 1's title. */
function plan({ page, t }: Person) {
  return {
    banner: () => page.locator(".connection-banner [role=status]"),
    title: () => page.getByRole("textbox", { name: t("plan:fields.title"), exact: true }),
    add: () => page.getByRole("button", { name: t("plan:commitments.add") }),
    signOut: () => page.getByRole("banner").getByRole("button", { name: t("account.signOut") }),
  };
}

/** `person` signs in at `at`'s browser (same context: same cookies, same IndexedDB). */
async function signInAt(at: Person, person: Person): Promise<void> {
  await at.context.clearCookies();
  await at.page.goto("/signin");
  await at.forms.signIn(person.email, person.password);
  await expect(at.page.getByRole("banner").getByText(person.name)).toBeVisible();
}

test("signing out deletes the account's copies from the browser; the next person there sees nothing of them", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const bea = await signedUpPerson({ name: "Bea Drafter" });
  const carl = await signedUpPerson({ name: "Carl Visitor" });
  const workspaceId = await workspaceWith(ana, [[bea, "drafter", "civil_society"]]);
  const { page, t } = bea;
  const bPlan = plan(bea);
  await page.goto(`/w/${workspaceId}/plan`);
  await bPlan.add().click();
  await bPlan.title().fill("Draft: close the night shelter");
  await expect(bPlan.banner()).toHaveText(t("plan:status.synced"));
  expect(await deviceCopies(page)).toHaveLength(1);

  await bPlan.signOut().click();
  await expect(bea.home.heading()).toHaveText(t("home:welcome.title"));
  expect(await deviceCopies(page)).toEqual([]);
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("cocrea:"))),
  ).toEqual([]);

  // Carl, who is not a member, signs in at the same browser and tries the plan's address.
  await signInAt(bea, carl);
  await page.goto(`/w/${workspaceId}/plan`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(plan(bea).title()).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("night shelter");
  expect(await deviceCopies(page)).toEqual([]);
});

test("a copy left on the browser by one account is never loaded into another's, even with no server to answer", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const bea = await signedUpPerson({ name: "Bea Drafter" });
  const dan = await signedUpPerson({ name: "Dan Drafter" });
  const workspaceId = await workspaceWith(ana, [
    [bea, "drafter", "civil_society"],
    [dan, "drafter", "government"],
  ]);
  const { page, t } = bea;
  let socketsAllowed = true;
  await page.routeWebSocket(/\/collab\//, (socket) => {
    if (socketsAllowed) socket.connectToServer();
    else socket.close();
  });
  const bPlan = plan(bea);
  await page.goto(`/w/${workspaceId}/plan`);
  await bPlan.add().click();
  await bPlan.title().fill("Open data");
  await expect(bPlan.banner()).toHaveText(t("plan:status.synced"));
  // Bea writes without a connection, then leaves without signing out (her session simply ends).
  socketsAllowed = false;
  await bea.context.setOffline(true);
  await bPlan.title().press("End");
  await bPlan.title().pressSequentially(", except the police files");
  await expect(bPlan.banner()).toHaveText(t("plan:status.offlineUnsynced"));
  await bea.context.setOffline(false);

  // Dan, a drafter of the same plan, signs in at the same browser while the server cannot answer:
  // only a device copy could show him anything, and Bea's is not his.
  await signInAt(bea, dan);
  await page.goto(`/w/${workspaceId}/plan`);
  await expect(bPlan.banner()).toHaveText(t("plan:status.offline"));
  await expect(bPlan.add()).toBeVisible();
  await expect(bPlan.title()).toHaveCount(0);
  socketsAllowed = true;
  await expect(bPlan.banner()).toHaveText(t("plan:status.synced"));
  await expect(bPlan.title()).toHaveValue("Open data");
  await expect(page.locator("body")).not.toContainText("police files");
});

test("signing out with changes the server lacks asks first; staying keeps them, waiting signs out once they are sent", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const { page, t } = ana;
  const workspaceId = await workspaceWith(ana, []);
  let socketsAllowed = true;
  await page.routeWebSocket(/\/collab\//, (socket) => {
    if (socketsAllowed) socket.connectToServer();
    else socket.close();
  });
  const aPlan = plan(ana);
  await page.goto(`/w/${workspaceId}/plan`);
  await aPlan.add().click();
  await aPlan.title().fill("Open data");
  await expect(aPlan.banner()).toHaveText(t("plan:status.synced"));

  socketsAllowed = false;
  await ana.context.setOffline(true);
  await aPlan.title().press("End");
  await aPlan.title().pressSequentially(" for all");
  await expect(aPlan.banner()).toHaveText(t("plan:status.offlineUnsynced"));

  // By keyboard: the dialog opens on the first choice, "Stay signed in".
  await aPlan.signOut().focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: t("account.unsynced.title") });
  await expect(dialog).toBeVisible();
  const message = (await dialog.locator("p").textContent()) ?? "";
  const count = Number(message.match(/\d+/)?.[0]);
  expect(count).toBeGreaterThan(0);
  expect(message).toBe(t(`account.unsynced.message_${count === 1 ? "one" : "other"}`, { count }));
  // Offline, there is nothing to wait for.
  await expect(dialog.getByRole("button", { name: t("account.unsynced.wait") })).toHaveCount(0);
  await checkPage(page, "sign-out asking about unsent changes");
  await expect(dialog.getByRole("button", { name: t("account.unsynced.stay") })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(aPlan.signOut()).toBeFocused();
  await expect(aPlan.title()).toHaveValue("Open data for all");
  expect(await deviceCopies(page)).toHaveLength(1);

  // Back online with the server still unreachable: the dialog offers to wait for the changes.
  await ana.context.setOffline(false);
  await aPlan.signOut().click();
  await dialog.getByRole("button", { name: t("account.unsynced.wait") }).click();
  await expect(page.getByRole("status").filter({ hasText: t("account.waiting") })).toBeVisible();
  socketsAllowed = true;
  await expect(ana.home.heading()).toHaveText(t("home:welcome.title"));
  expect(await deviceCopies(page)).toEqual([]);

  // The text reached the server before the device's copy was deleted.
  await signInAt(ana, ana);
  await page.goto(`/w/${workspaceId}/plan`);
  await expect(aPlan.title()).toHaveValue("Open data for all");
});
