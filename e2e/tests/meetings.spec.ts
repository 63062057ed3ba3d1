import type { Page } from "@playwright/test";
import { checkPage } from "../fixtures/checks";
import { ciudadAbierta } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

/** Seconds left on a page's countdown ("14:52 left" → 892). */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByTestId("countdown").textContent()) ?? "";
  const [, minutes = "0", seconds = "0"] = /(\d+):(\d\d)/.exec(text) ?? [];
  return Number(minutes) * 60 + Number(seconds);
}

/** The template was created in the facilitator's language, so item titles are English for all. */
const expectCurrentItem = (person: Person, number: number, title: string) =>
  expect(person.page.getByTestId("current-item")).toHaveText(
    person.t("meetings:run.item", { number, total: 6, title }),
  );

test("a facilitator and two participants run the coordination meeting: same item and countdown, private cards, reveal, sorting, minutes", async ({
  signedUpPerson,
}) => {
  const { ana, gabriel, sofia, workspace } = await ciudadAbierta(signedUpPerson, "commenter");
  await sofia.page.setViewportSize({ width: 360, height: 780 });
  const { t } = ana;

  // The facilitator creates the meeting from the guide's template and sees the 10-minute gap.
  await ana.page.goto(`/w/${workspace.id}`);
  await ana.page
    .getByRole("navigation", { name: t("nav.workspaceLabel") })
    .getByRole("link", { name: t("nav.meetings") })
    .click();
  await ana.page.getByLabel(t("meetings:form.name")).fill("Promoter team kick-off");
  await ana.page.getByLabel(t("meetings:form.startsAt")).fill("2030-03-02T09:00");
  await ana.page.getByLabel(t("meetings:form.place")).fill("City Hall");
  await ana.page.getByRole("button", { name: t("meetings:form.submit") }).click();
  await expect(ana.page.getByTestId("agenda-gap")).toHaveText(t("meetings:totals.over", { minutes: 10 }));
  const url = ana.page.url();

  // Participants open it and check in: one in the room, one remote (in Spanish, on a phone).
  await gabriel.page.goto(url);
  await gabriel.page.getByRole("button", { name: gabriel.t("meetings:attendance.checkInRoom") }).click();
  await sofia.page.goto(url);
  await sofia.page.getByRole("button", { name: sofia.t("meetings:attendance.checkInRemote") }).click();
  await expect(ana.page.getByText(/Sofía Sociedad Civil ·/)).toBeVisible();
  await checkPage(sofia.page, "meeting page before the start, in Spanish at 360 px");

  // Start: all three see the same item and the same countdown.
  await ana.page.getByRole("button", { name: t("meetings:run.start") }).click();
  for (const person of [ana, gabriel, sofia]) await expectCurrentItem(person, 1, "Connection dynamic");
  const left = await Promise.all([ana, gabriel, sofia].map((person) => secondsLeft(person.page)));
  expect(Math.max(...left) - Math.min(...left)).toBeLessThanOrEqual(3);
  expect(Math.min(...left)).toBeGreaterThan(14 * 60 - 30);

  // On to the brainstorm of common challenges.
  for (let i = 0; i < 3; i++) {
    await ana.page.getByRole("button", { name: t("meetings:run.next") }).click();
    await expectCurrentItem(
      ana,
      i + 2,
      ["Meeting objectives and agenda", "OGP presentation", "Activity: common challenges"][i] ?? "",
    );
  }
  for (const person of [gabriel, sofia]) await expectCurrentItem(person, 4, "Activity: common challenges");

  // Each participant writes a private card: nobody else's page shows its text.
  await gabriel.page.getByLabel(gabriel.t("meetings:board.card")).fill("Data is scatterd");
  await gabriel.page.getByRole("button", { name: gabriel.t("meetings:board.addCard") }).click();
  // He fixes the typo in his card from the keyboard: the field takes the focus, Enter saves.
  await gabriel.page
    .getByRole("button", { name: gabriel.t("meetings:board.editCardOf", { card: "Data is scatterd" }) })
    .click();
  const cardText = gabriel.page.getByLabel(gabriel.t("meetings:board.cardText"));
  await expect(cardText).toBeFocused();
  await cardText.fill("Data is scattered across offices");
  await cardText.press("Enter");
  await expect(gabriel.page.getByText("Data is scattered across offices", { exact: true })).toBeVisible();
  // A card written twice goes from the keyboard; the focus lands on the card field, not on the page.
  await gabriel.page.getByLabel(gabriel.t("meetings:board.card")).fill("Written twice");
  await gabriel.page.getByRole("button", { name: gabriel.t("meetings:board.addCard") }).click();
  await gabriel.page
    .getByRole("button", { name: gabriel.t("meetings:board.deleteCardOf", { card: "Written twice" }) })
    .press("Enter");
  await gabriel.page
    .getByRole("dialog")
    .getByRole("button", { name: gabriel.t("meetings:board.delete") })
    .press("Enter");
  await expect(gabriel.page.getByText("Written twice", { exact: true })).toHaveCount(0);
  await expect(gabriel.page.getByLabel(gabriel.t("meetings:board.card"))).toBeFocused();
  await sofia.page.getByLabel(sofia.t("meetings:board.card")).fill("Poca participación en los barrios");
  await sofia.page.getByRole("button", { name: sofia.t("meetings:board.addCard") }).click();
  await expect(ana.page.getByTestId("private-count")).toHaveText(
    t("meetings:board.privateCount", { count: 2 }),
  );
  await expect(gabriel.page.getByTestId("private-count")).toHaveText(
    gabriel.t("meetings:board.privateCount", { count: 2 }),
  );
  await expect(gabriel.page.getByText("Poca participación en los barrios")).toHaveCount(0);
  await expect(ana.page.getByText("Data is scattered across offices")).toHaveCount(0);

  // The facilitator reveals; everyone sees both cards and sorts them together.
  await ana.page.getByRole("button", { name: t("meetings:board.reveal") }).click();
  for (const person of [ana, gabriel, sofia]) {
    await expect(person.page.getByTestId("brainstorm-card")).toHaveCount(2);
  }
  const column = (person: Person, category: string, card: string) =>
    person.page.getByRole("region", { name: category }).getByText(card, { exact: true });
  await gabriel.page.getByLabel(gabriel.t("meetings:board.category")).fill("Information");
  await gabriel.page.getByRole("button", { name: gabriel.t("meetings:board.addCategory") }).click();
  await sofia.page.getByLabel(sofia.t("meetings:board.category")).fill("Participación");
  await sofia.page.getByRole("button", { name: sofia.t("meetings:board.addCategory") }).click();
  // By pointer: Gabriel drags his card onto the "Information" column (its heading: a target already
  // in view, as Chromium picks the dragged element only once the pointer moves, after any scroll).
  await expect(gabriel.page.getByRole("region", { name: "Participación" })).toBeVisible();
  await gabriel.page
    .getByTestId("brainstorm-card")
    .filter({ hasText: "Data is scattered across offices" })
    .dragTo(
      gabriel.page.getByRole("region", { name: "Information" }).getByRole("heading", { name: "Information" }),
    );
  // By keyboard: Sofía's card goes to "Participación" with its "move to" select.
  await sofia.page
    .getByLabel(sofia.t("meetings:board.moveTo", { card: "Poca participación en los barrios" }))
    .selectOption({ label: "Participación" });
  for (const person of [ana, gabriel, sofia]) {
    await expect(column(person, "Information", "Data is scattered across offices")).toBeVisible();
    await expect(column(person, "Participación", "Poca participación en los barrios")).toBeVisible();
  }
  // Sofía renames her category; everyone sees the new name with the card still in it.
  await sofia.page
    .getByRole("button", { name: sofia.t("meetings:board.renameCategoryOf", { name: "Participación" }) })
    .click();
  await sofia.page.getByLabel(sofia.t("meetings:board.categoryName")).fill("Participación vecinal");
  await sofia.page.getByRole("button", { name: sofia.t("meetings:board.save") }).click();
  for (const person of [ana, gabriel]) {
    await expect(column(person, "Participación vecinal", "Poca participación en los barrios")).toBeVisible();
  }
  // A category added by mistake goes too; the focus lands on the category field.
  await gabriel.page.getByLabel(gabriel.t("meetings:board.category")).fill("Spare");
  await gabriel.page.getByRole("button", { name: gabriel.t("meetings:board.addCategory") }).click();
  await gabriel.page
    .getByRole("button", { name: gabriel.t("meetings:board.deleteCategoryOf", { name: "Spare" }) })
    .press("Enter");
  await expect(gabriel.page.getByRole("region", { name: "Spare" })).toHaveCount(0);
  await expect(gabriel.page.getByLabel(gabriel.t("meetings:board.category"))).toBeFocused();
  await checkPage(sofia.page, "revealed brainstorm board in Spanish at 360 px");

  // Next item, then the end.
  await ana.page.getByRole("button", { name: t("meetings:run.next") }).click();
  for (const person of [ana, gabriel, sofia]) {
    await expectCurrentItem(person, 5, "Activity: benefits of joining OGP Local");
  }
  await ana.page.getByRole("button", { name: t("meetings:run.end") }).click();
  await ana.page
    .getByRole("dialog")
    .getByRole("button", { name: t("meetings:run.end") })
    .click();
  for (const person of [ana, gabriel, sofia]) {
    await expect(person.page.getByText(person.t("meetings:run.ended"))).toBeVisible();
  }
  // The notes stay open, but the page says the minutes were recorded at the end.
  await expect(sofia.page.getByText(sofia.t("meetings:notes.afterEnd"))).toBeVisible();

  // The minutes: planned vs actual per item, attendance by sector.
  await sofia.page.getByRole("link", { name: sofia.t("meetings:minutes.open") }).click();
  const rows = sofia.page.getByTestId("minutes-agenda").locator("tbody tr");
  await expect(rows).toHaveCount(7);
  await expect(rows.nth(3)).toContainText("Activity: common challenges");
  await expect(rows.nth(3)).toContainText(sofia.t("meetings:agenda.minutes", { count: 40 }));
  // Served as recorded when the meeting ended.
  const [recordedBefore = "", recordedAfter = ""] = sofia
    .t("meetings:minutes.recorded", { date: "DATE" })
    .split("DATE");
  await expect(sofia.page.getByTestId("minutes-status")).toContainText(recordedBefore);
  await expect(sofia.page.getByTestId("minutes-status")).toContainText(recordedAfter);
  const attendance = sofia.page.getByTestId("minutes-attendance");
  await expect(attendance).toContainText("Gabriel Gobierno");
  await expect(attendance).toContainText(sofia.t("sectors.civil_society"));
  await expect(attendance).toContainText(sofia.t("meetings:attendance.presence.remote"));
  await checkPage(sofia.page, "minutes in Spanish at 360 px");
});
