import type { Locator, Page } from "@playwright/test";
import type { Translate } from "../fixtures/catalogue";
import { checkPage } from "../fixtures/checks";
import { acceptInvitation, createInvitation, workspaceWith } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The plan page as one person sees it. */
function planPage(page: Page, t: Translate) {
  const commitment = (number: number) =>
    page.getByRole("region", {
      name: new RegExp(
        `^${escapeRegExp(t("plan:commitments.heading_titled", { number, title: "" }).trimEnd())}`,
      ),
    });
  return {
    banner: () => page.locator(".connection-banner [role=status]"),
    commitment,
    problem: (number: number) =>
      commitment(number).getByRole("textbox", { name: t("plan:fields.problem.label"), exact: true }),
    title: (number: number) =>
      commitment(number).getByRole("textbox", { name: t("plan:fields.title"), exact: true }),
    vision: () => page.getByRole("textbox", { name: t("plan:vision.label"), exact: true }),
    /** The written text of a rich-text field, without co-authors' caret labels. */
    written: (editor: Locator) =>
      editor.evaluate((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        for (const caret of copy.querySelectorAll(".collab-caret")) caret.remove();
        return copy.textContent;
      }),
    caret: (number: number, name: string) =>
      commitment(number).locator(".collab-caret-label", { hasText: name }),
    presence: () => page.getByRole("region", { name: t("plan:presence.heading") }),
    addCommitment: () => page.getByRole("button", { name: t("plan:commitments.add") }),
  };
}

async function openPlan(
  person: Person,
  workspaceId: string,
  connected: "synced" | "syncedReadOnly" = "synced",
) {
  const plan = planPage(person.page, person.t);
  await person.page.goto(`/w/${workspaceId}/plan`);
  await expect(plan.banner()).toHaveText(person.t(`plan:status.${connected}`));
  return plan;
}

test("two drafters type into the same commitment field at once and each sees the other's text and named caret", async ({
  signedUpPerson,
}) => {
  // Two browsers typing at once, then axe on both: a minute when the machine is busy.
  test.setTimeout(120_000);
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const bea = await signedUpPerson({ name: "Bea Drafter" });
  const { t } = ana;
  const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", [
    [bea, "drafter", "civil_society"],
  ]);
  const anaPlan = await openPlan(ana, workspaceId);
  const beaPlan = await openPlan(bea, workspaceId);

  await anaPlan.addCommitment().click();
  await expect(anaPlan.title(1)).toBeFocused();
  await anaPlan.title(1).fill("Open contracting");
  await expect(beaPlan.title(1)).toHaveValue("Open contracting");
  await expect(beaPlan.commitment(1)).toHaveAccessibleName(
    t("plan:commitments.heading_titled", { number: 1, title: "Open contracting" }),
  );

  // Plain fields merge too, and each person's caret stays where they type.
  await anaPlan.title(1).press("End");
  await beaPlan.title(1).press("Home");
  await Promise.all([
    anaPlan.title(1).pressSequentially(" for public works", { delay: 40 }),
    beaPlan.title(1).pressSequentially("Municipal ", { delay: 40 }),
  ]);
  for (const plan of [anaPlan, beaPlan]) {
    await expect(plan.title(1)).toHaveValue("Municipal Open contracting for public works");
  }

  await anaPlan.problem(1).click();
  await beaPlan.problem(1).click();
  await Promise.all([
    anaPlan.problem(1).pressSequentially("Only 12% of contracts are published.", { delay: 40 }),
    beaPlan.problem(1).pressSequentially("Baseline from the 2024 audit.", { delay: 40 }),
  ]);
  for (const plan of [anaPlan, beaPlan]) {
    await expect(plan.problem(1)).toContainText("Only 12% of contracts are published.");
    await expect(plan.problem(1)).toContainText("Baseline from the 2024 audit.");
  }
  await expect(anaPlan.caret(1, bea.name)).toBeVisible();
  await expect(beaPlan.caret(1, ana.name)).toBeVisible();
  await expect(anaPlan.presence()).toContainText(bea.name);
  await expect(anaPlan.presence()).toContainText(
    `${t("sectors.civil_society")} · ${t("plan:presence.where", { place: t("plan:places.commitment", { number: 1 }) })}`,
  );
  await expect(anaPlan.banner()).toHaveText(t("plan:status.synced"));
  await checkPage(ana.page, "plan with two people editing");
});

test.describe("in French on a 360-px phone", () => {
  test.use({ lang: "fr", viewport: { width: 360, height: 740 } });

  test("a viewer reads the plan as a document that follows the drafters live, with nothing to type in", async ({
    signedUpPerson,
  }) => {
    const ana = await signedUpPerson({ name: "Ana Facilitator" });
    const rosa = await signedUpPerson({ name: "Rosa Lectrice" });
    const { t } = rosa;
    const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", [[rosa, "viewer", "citizen"]]);
    const anaPlan = await openPlan(ana, workspaceId);
    await anaPlan.addCommitment().click();
    await anaPlan.title(1).fill("Budget participatif");
    const rosaPlan = await openPlan(rosa, workspaceId, "syncedReadOnly");
    const reading = rosa.page.locator(".plan-main");

    await expect(rosa.page.getByText(t("plan:readOnly.badge"), { exact: true })).toBeVisible();
    await expect(
      rosaPlan.commitment(1).getByRole("heading", {
        name: t("plan:commitments.heading_titled", { number: 1, title: "Budget participatif" }),
      }),
    ).toBeVisible();
    await expect(reading.locator("input, textarea, select, [contenteditable]")).toHaveCount(0);
    await expect(rosaPlan.addCommitment()).toHaveCount(0);
    // Nothing written yet in the vision: one quiet line, not an empty box.
    const vision = reading.locator("#field-vision");
    await expect(vision.getByText(t("plan:reading.notWritten"), { exact: true })).toBeVisible();

    await anaPlan.vision().click();
    await anaPlan.vision().pressSequentially("Chaque habitant suit l’argent public.");
    await expect(vision).toContainText("Chaque habitant suit l’argent public.");
    await expect(vision.getByText(t("plan:reading.notWritten"), { exact: true })).toHaveCount(0);
    await checkPage(rosa.page, "plan, read-only, in French");

    // From a commitment to the votes about it.
    await rosaPlan
      .commitment(1)
      .getByRole("link", { name: t("plan:commitments.votes", { number: 1 }) })
      .click();
    await expect(rosa.page).toHaveURL(new RegExp(`/w/${workspaceId}/votes\\?commitmentId=`));
    await expect(rosa.page.getByText("Budget participatif")).toBeVisible();
  });
});

test.describe("on a 360-px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("text typed offline survives a reload and reaches the others once the connection is back", async ({
    signedUpPerson,
  }) => {
    const ana = await signedUpPerson({ name: "Ana Facilitator" });
    const bea = await signedUpPerson({ name: "Bea Drafter" });
    const { t, page } = ana;
    const workspaceId = await workspaceWith(ana, "Villa Esperanza Abierta", [
      [bea, "drafter", "civil_society"],
    ]);
    // The page can only reload with the network on, so the collaboration socket is cut separately,
    // from before the page opens (the provider keeps the WebSocket class it started with).
    let socketsAllowed = true;
    await page.routeWebSocket(/\/collab\//, (socket) => {
      if (socketsAllowed) socket.connectToServer();
      else socket.close();
    });
    const anaPlan = await openPlan(ana, workspaceId);
    const beaPlan = await openPlan(bea, workspaceId);
    await anaPlan.addCommitment().click();
    await anaPlan.title(1).fill("Open data");
    await expect(beaPlan.title(1)).toHaveValue("Open data");
    await expect(anaPlan.banner()).toHaveText(t("plan:status.synced"));

    socketsAllowed = false;
    await ana.context.setOffline(true);
    await expect(anaPlan.banner()).toHaveText(t("plan:status.offline"));
    await anaPlan.title(1).press("End");
    await anaPlan.title(1).pressSequentially(" for every neighbourhood");
    await anaPlan.problem(1).click();
    await anaPlan.problem(1).pressSequentially("Written on the bus, without signal.");
    await expect(anaPlan.banner()).toHaveText(t("plan:status.offlineUnsynced"));
    await checkPage(page, "plan, offline with unsent changes");

    await ana.context.setOffline(false);
    await page.reload();
    await expect(anaPlan.title(1)).toHaveValue("Open data for every neighbourhood");
    await expect.poll(() => anaPlan.written(anaPlan.problem(1))).toBe("Written on the bus, without signal.");
    await expect(anaPlan.banner()).toHaveText(t("plan:status.offlineUnsynced"));
    await expect(beaPlan.title(1)).toHaveValue("Open data");

    socketsAllowed = true;
    await expect(anaPlan.banner()).toHaveText(t("plan:status.synced"));
    await expect(beaPlan.title(1)).toHaveValue("Open data for every neighbourhood");
    await expect.poll(() => beaPlan.written(beaPlan.problem(1))).toBe("Written on the bus, without signal.");
  });
});

test.describe("in Spanish on a 360-px phone", () => {
  test.use({ lang: "es", viewport: { width: 360, height: 740 } });

  test("commitments stop at the workspace's maximum, move with the keyboard, and come back after removal with undo", async ({
    signedUpPerson,
  }) => {
    const ana = await signedUpPerson({ name: "Ana Facilitadora" });
    const bea = await signedUpPerson({ name: "Bea Redactora" });
    const { t, page } = ana;
    const response = await ana.context.request.post("/api/workspaces", {
      data: { name: "Villa Esperanza Abierta", jurisdiction: "Villa Esperanza", maxCommitments: 2 },
    });
    const { workspace } = (await response.json()) as { workspace: { id: string } };
    const invitation = await createInvitation(ana, workspace.id, "drafter", "civil_society");
    await acceptInvitation(bea, invitation.token, "Red Ciudadana");
    const anaPlan = await openPlan(ana, workspace.id);
    const beaPlan = await openPlan(bea, workspace.id);
    const titles = (plan: ReturnType<typeof planPage>) =>
      Promise.all([1, 2].map((n) => plan.title(n).inputValue()));

    for (const title of ["Datos abiertos", "Presupuesto participativo"]) {
      await anaPlan.addCommitment().click();
      await page.keyboard.type(title);
    }
    await expect(anaPlan.addCommitment()).toBeDisabled();
    await expect(page.getByText(t("plan:commitments.maxReached", { max: 2 }))).toBeVisible();
    await expect(beaPlan.addCommitment()).toBeDisabled();

    await page.getByRole("button", { name: t("plan:commitments.moveDown", { number: 1 }) }).focus();
    await page.keyboard.press("Enter");
    await expect(
      page.getByRole("button", { name: t("plan:commitments.moveUp", { number: 2 }) }),
    ).toBeFocused();
    await expect.poll(() => titles(anaPlan)).toEqual(["Presupuesto participativo", "Datos abiertos"]);
    await expect.poll(() => titles(beaPlan)).toEqual(["Presupuesto participativo", "Datos abiertos"]);

    await page.getByRole("button", { name: t("plan:commitments.remove", { number: 1 }) }).click();
    const dialog = page.getByRole("dialog", { name: t("plan:commitments.confirmTitle") });
    await expect(dialog).toContainText(
      t("plan:commitments.confirmMessage", { title: "Presupuesto participativo" }),
    );
    await checkPage(page, "plan, confirming a removal");
    await dialog.getByRole("button", { name: t("plan:commitments.confirm") }).click();
    await expect(beaPlan.commitment(2)).toHaveCount(0);
    await expect(beaPlan.title(1)).toHaveValue("Datos abiertos");
    await expect(page.locator(".undo-bar")).toContainText(
      t("plan:commitments.removed", { title: "Presupuesto participativo" }),
    );

    const undo = page.getByRole("button", { name: t("plan:commitments.undo") });
    await expect(undo).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(anaPlan.title(1)).toBeFocused();
    await expect.poll(() => titles(beaPlan)).toEqual(["Presupuesto participativo", "Datos abiertos"]);
    await expect.poll(() => titles(anaPlan)).toEqual(["Presupuesto participativo", "Datos abiertos"]);
    await expect(anaPlan.banner()).toHaveText(t("plan:status.synced"));
    await checkPage(page, "plan with two commitments, in Spanish");
  });
});
