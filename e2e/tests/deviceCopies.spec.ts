import type { Page } from "@playwright/test";
import { checkPage } from "../fixtures/checks";
import { workspaceWith } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

/** The names of the IndexedDB databases Cocrea keeps on this browser (the device's copies). */
const deviceCopies = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases()).map(({ name }) => name ?? "").filter((name) => name.startsWith("cocrea:")),
  );

/** The plan page of one person: its connection banner and commitment 1's title. */
function plan({ page, t }: Person) {
  return {
    banner: () => page.locator(".connection-banner [role=status]"),
    title: () => page.getByRole("textbox", { name: t("plan:fields.title"), exact: true }),
    add: () => page.getByRole("button", { name: t("plan:commitments.add") }),
    signOut: () => page.getByRole("banner").getByRole("button", { name: t("account.signOut"), exact: true }),
  };
}

/** `person` signs in at `at`'s browser (same context: same cookies, same IndexedDB). */
async function signInAt(at: Person, person: Person): Promise<void> {
  await at.context.clearCookies();
  await at.page.goto("/signin");
  await at.forms.signIn(person.email, person.password);
  await expect(at.page.getByRole("banner").getByText(person.name)).toBeVisible();
}

/** `person` adds commitment 1 to the workspace's plan, titled `title`, and waits for the server to have it. */
async function addSyncedCommitment(person: Person, workspaceId: string, title: string): Promise<void> {
  const editor = plan(person);
  await person.page.goto(`/w/${workspaceId}/plan`);
  await editor.add().click();
  await editor.title().fill(title);
  await expect(editor.banner()).toHaveText(person.t("plan:status.synced"));
}

/**
 * `person` adds a synced commitment titled `title`, then loses the network and the server and appends
 * `unsent` to its title. Returns the function that lets the server answer again.
 */
async function addCommitmentThenWriteOffline(
  person: Person,
  workspaceId: string,
  title: string,
  unsent: string,
): Promise<() => void> {
  let socketsAllowed = true;
  await person.page.routeWebSocket(/\/collab\//, (socket) => {
    if (socketsAllowed) socket.connectToServer();
    else socket.close();
  });
  await addSyncedCommitment(person, workspaceId, title);
  socketsAllowed = false;
  await person.context.setOffline(true);
  const editor = plan(person);
  await editor.title().press("End");
  await editor.title().pressSequentially(unsent);
  await expect(editor.banner()).toHaveText(person.t("plan:status.offlineUnsynced"));
  return () => {
    socketsAllowed = true;
  };
}

test("signing out deletes the account's copies from the browser; the next person there sees nothing of them", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const bea = await signedUpPerson({ name: "Bea Drafter" });
  const carl = await signedUpPerson({ name: "Carl Visitor" });
  const workspaceId = await workspaceWith(ana, "Rosario Abierta", [[bea, "drafter", "civil_society"]]);
  const { page, t } = bea;
  const bPlan = plan(bea);
  await addSyncedCommitment(bea, workspaceId, "Draft: close the night shelter");
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
  const workspaceId = await workspaceWith(ana, "Rosario Abierta", [
    [bea, "drafter", "civil_society"],
    [dan, "drafter", "government"],
  ]);
  const { page, t } = bea;
  // Bea writes without a connection, then leaves without signing out (her session simply ends).
  const allowSockets = await addCommitmentThenWriteOffline(
    bea,
    workspaceId,
    "Open data",
    ", except the police files",
  );
  await bea.context.setOffline(false);
  const bPlan = plan(bea);

  // Dan, a drafter of the same plan, signs in at the same browser while the collaboration server
  // cannot answer: the page holds the plan as the server stored it (the commitment Bea added
  // online), and only a device copy could add her offline words — Bea's copy is not his.
  await signInAt(bea, dan);
  await page.goto(`/w/${workspaceId}/plan`);
  await expect(bPlan.banner()).toHaveText(t("plan:status.offline"));
  await expect(bPlan.title()).toHaveValue("Open data");
  await expect(page.locator("body")).not.toContainText("police files");
  allowSockets();
  await expect(bPlan.banner()).toHaveText(t("plan:status.synced"));
  await expect(bPlan.title()).toHaveValue("Open data");
  await expect(page.locator("body")).not.toContainText("police files");
});

test("signing out with changes the server lacks asks first; staying keeps them, waiting signs out once they are sent", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const { page, t } = ana;
  const workspaceId = await workspaceWith(ana, "Rosario Abierta", []);
  const allowSockets = await addCommitmentThenWriteOffline(ana, workspaceId, "Open data", " for all");
  const aPlan = plan(ana);

  // By keyboard: the dialog opens on the first choice, "Stay signed in".
  await aPlan.signOut().focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: t("account.unsynced.title") });
  await expect(dialog).toBeVisible();
  const message = (await dialog.locator(".dialog-message").textContent()) ?? "";
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
  allowSockets();
  await expect(ana.home.heading()).toHaveText(t("home:welcome.title"));
  expect(await deviceCopies(page)).toEqual([]);

  // The text reached the server before the device's copy was deleted.
  await signInAt(ana, ana);
  await page.goto(`/w/${workspaceId}/plan`);
  await expect(aPlan.title()).toHaveValue("Open data for all");
});

test("another account signing in deletes the copies a previous account left synced; one with unsent changes stays", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const bea = await signedUpPerson({ name: "Bea Drafter" });
  const { page, t } = ana;
  const synced = await workspaceWith(ana, "Rosario Abierta", []);
  const unsent = await workspaceWith(ana, "Rosario Abierta", []);
  await addSyncedCommitment(ana, synced, "Open data");
  const [syncedCopy] = await deviceCopies(page);
  const allowSockets = await addCommitmentThenWriteOffline(ana, unsent, "Open budgets", " for all");
  const unsentCopy = (await deviceCopies(page)).find((name) => name !== syncedCopy);
  await ana.context.setOffline(false);

  // Ana leaves without signing out (her session simply ends); Bea signs in at the same browser.
  await signInAt(ana, bea);
  await expect.poll(() => deviceCopies(page)).toEqual([unsentCopy]);
  // The list of Ana's copies (for browsers that cannot list databases) names only the one kept.
  const registries = () =>
    page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([key]) => key.startsWith("cocrea:"))
        .map(([, names]) => JSON.parse(names)),
    );
  await expect.poll(registries).toEqual([[unsentCopy]]);

  // Ana's unsent changes are still hers to send when she next signs in here.
  allowSockets();
  await signInAt(ana, ana);
  await page.goto(`/w/${unsent}/plan`);
  await expect(plan(ana).banner()).toHaveText(t("plan:status.synced"));
  await expect(plan(ana).title()).toHaveValue("Open budgets for all");
  expect(await deviceCopies(page)).toEqual([unsentCopy]);
});
