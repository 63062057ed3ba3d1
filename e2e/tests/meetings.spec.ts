import type { Locator, Page } from "@playwright/test";
import { checkPage } from "../fixtures/checks";
import { ciudadAbierta } from "../fixtures/setup";
import { expect, type Person, test } from "../fixtures/test";

/** Seconds left on a page's countdown ("14:52 left" → 892). */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByTestId("countdown").textContent()) ?? "";
  const [, minutes = "0", seconds = "0"] = /(\d+):(\d\d)/.exec(text) ?? [];
  return Number(minutes) * 60 + Number(seconds);
}

/** A card's "more actions" button on the brainstorm board. */
const cardMenu = (person: Person, card: string) =>
  person.page.getByRole("button", { name: person.t("meetings:board.cardActions", { card }) });

/** The grip a card is dragged by. */
const grip = (person: Person, card: string) =>
  person.page.getByRole("button", { name: person.t("meetings:board.drag.handle", { card }) });

/** Presses on `source`, moves in small steps (as a hand does) to the middle of `target`, releases. */
async function dragWithPointer(page: Page, source: Locator, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("drag source or target is not on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** The template was created in the facilitator's language, so item titles are English for all. */
const expectCurrentItem = (person: Person, number: number, title: string) =>
  expect(person.page.getByTestId("current-item")).toHaveText(
    person.t("meetings:run.item", { number, total: 6, title }),
  );

test("a facilitator and two participants run the coordination meeting: same item and countdown, private cards, reveal, sorting, minutes", async ({
  signedUpPerson,
}) => {
  // Three browsers through a whole meeting: longer than the default minute on a shared 2-core machine.
  test.setTimeout(300_000);
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
  await expect(
    gabriel.page.getByRole("button", { name: gabriel.t("meetings:attendance.checkInRoom") }),
  ).toHaveAttribute("aria-pressed", "true");
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
  // He fixes the typo from the keyboard: the card's menu, Edit, the field takes the focus, Enter saves.
  await cardMenu(gabriel, "Data is scatterd").press("Enter");
  await gabriel.page.getByRole("menuitem", { name: gabriel.t("meetings:board.edit") }).press("Enter");
  const cardText = gabriel.page.getByLabel(gabriel.t("meetings:board.cardText"));
  await expect(cardText).toBeFocused();
  await cardText.fill("Data is scattered across offices");
  await cardText.press("Enter");
  await expect(gabriel.page.getByText("Data is scattered across offices", { exact: true })).toBeVisible();
  await expect(cardMenu(gabriel, "Data is scattered across offices")).toBeFocused();
  // A card written twice goes from the keyboard; the focus lands on the card field, not on the page.
  await gabriel.page.getByLabel(gabriel.t("meetings:board.card")).fill("Written twice");
  await gabriel.page.getByRole("button", { name: gabriel.t("meetings:board.addCard") }).click();
  await cardMenu(gabriel, "Written twice").press("Enter");
  await gabriel.page.getByRole("menuitem", { name: gabriel.t("meetings:board.delete") }).press("Enter");
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
  // By pointer: Gabriel drags his card by its grip onto the "Information" column.
  await expect(gabriel.page.getByRole("region", { name: "Participación" })).toBeVisible();
  await dragWithPointer(
    gabriel.page,
    grip(gabriel, "Data is scattered across offices"),
    gabriel.page.getByRole("region", { name: "Information" }),
  );
  // By keyboard, on a phone (one column): Sofía picks her card up with Space, steps down two
  // columns with the arrows and drops it with Space; the focus stays on the card's grip.
  await expect(sofia.page.getByRole("region", { name: "Participación" })).toBeVisible();
  await grip(sofia, "Poca participación en los barrios").focus();
  await sofia.page.keyboard.press("Space");
  await sofia.page.keyboard.press("ArrowDown");
  await expect(sofia.page.getByRole("region", { name: "Information" })).toHaveAttribute("data-over", "");
  await sofia.page.keyboard.press("ArrowDown");
  await expect(sofia.page.getByRole("region", { name: "Participación" })).toHaveAttribute("data-over", "");
  await sofia.page.keyboard.press("Space");
  await expect(grip(sofia, "Poca participación en los barrios")).toBeFocused();
  for (const person of [ana, gabriel, sofia]) {
    await expect(column(person, "Information", "Data is scattered across offices")).toBeVisible();
    await expect(column(person, "Participación", "Poca participación en los barrios")).toBeVisible();
  }
  // Sofía renames her category from its menu; everyone sees the new name with the card still in it.
  await sofia.page
    .getByRole("button", { name: sofia.t("meetings:board.categoryActions", { name: "Participación" }) })
    .click();
  await sofia.page.getByRole("menuitem", { name: sofia.t("meetings:board.rename") }).click();
  await sofia.page.getByLabel(sofia.t("meetings:board.categoryName")).fill("Participación vecinal");
  await sofia.page.getByRole("button", { name: sofia.t("meetings:board.save") }).click();
  for (const person of [ana, gabriel]) {
    await expect(column(person, "Participación vecinal", "Poca participación en los barrios")).toBeVisible();
  }
  // A category added by mistake goes too; the focus lands on the category field.
  await gabriel.page.getByLabel(gabriel.t("meetings:board.category")).fill("Spare");
  await gabriel.page.getByRole("button", { name: gabriel.t("meetings:board.addCategory") }).click();
  await gabriel.page
    .getByRole("button", { name: gabriel.t("meetings:board.categoryActions", { name: "Spare" }) })
    .press("Enter");
  await gabriel.page
    .getByRole("menuitem", { name: gabriel.t("meetings:board.deleteCategory") })
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
