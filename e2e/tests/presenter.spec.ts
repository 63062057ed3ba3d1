import type { Page } from "@playwright/test";
import type { MeetingResponse } from "@shared/meetings";
import { checkPage } from "../fixtures/checks";
import { ciudadAbierta } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";
import { screenshot } from "../fixtures/tour";

/** Seconds left on a page's countdown ("14:52 left" → 892). */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByTestId("countdown").textContent()) ?? "";
  const [, minutes = "0", seconds = "0"] = /(\d+):(\d\d)/.exec(text) ?? [];
  return Number(minutes) * 60 + Number(seconds);
}

test("the facilitator fits the agenda, then runs the meeting from the presenter view; a participant's countdown matches the projector's", async ({
  signedUpPerson,
}) => {
  test.setTimeout(150_000);
  const { ana, sofia, workspace } = await ciudadAbierta(signedUpPerson, "commenter");
  const { t } = ana;
  const created = await ana.context.request.post(`/api/workspaces/${workspace.id}/meetings`, {
    data: {
      title: "Promoter team kick-off",
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      place: "City Hall",
      template: "coordination",
      locale: "en",
    },
  });
  const { meeting } = (await created.json()) as MeetingResponse;
  const meetingUrl = `/w/${workspace.id}/meetings/${meeting.id}`;

  // The template is 10 minutes too long: said in the warning colour, not in green.
  await ana.page.goto(meetingUrl);
  const gap = ana.page.getByTestId("agenda-gap");
  await expect(gap).toHaveText(t("meetings:totals.over", { minutes: 10 }));
  await expect(gap).toHaveCSS("color", "rgb(122, 74, 0)");
  // While she edits, the total follows each keystroke, before anything is saved.
  await ana.page.getByRole("button", { name: t("meetings:agenda.edit") }).click();
  await ana.page.getByLabel(t("meetings:agenda.itemMinutes")).first().fill("5");
  await expect(gap).toHaveText(t("meetings:totals.fits"));
  await expect(gap).not.toHaveAttribute("data-over");
  await ana.page.getByRole("button", { name: t("meetings:agenda.save") }).click();
  await expect(gap).toHaveText(t("meetings:totals.fits"));

  // A decision's Remove button stands apart from its words, even a long decision on a phone.
  await ana.page.setViewportSize({ width: 360, height: 780 });
  await ana.page
    .getByLabel(t("meetings:decisions.what"))
    .fill("Meet every month at City Hall to review together how each commitment is going");
  await ana.page.getByRole("button", { name: t("meetings:decisions.add"), exact: true }).click();
  const decision = ana.page.locator(".decision").first();
  const words = await decision.locator(".decision-text").boundingBox();
  const remove = await decision.getByRole("button").boundingBox();
  if (!words || !remove) throw new Error("the decision is not on screen");
  const apart = remove.y >= words.y + words.height || remove.x >= words.x + words.width;
  expect(apart, "Remove does not overlap the decision's words").toBe(true);

  // To the projector: the presenter view, then the start from there.
  await ana.page.setViewportSize({ width: 1280, height: 720 });
  await ana.page.getByRole("link", { name: t("meetings:present.open") }).click();
  await expect(ana.page).toHaveURL(new RegExp(`${meetingUrl}/present$`));
  await ana.page.getByRole("button", { name: t("meetings:run.start") }).click();
  await expect(ana.page.getByTestId("current-item")).toHaveText("Connection dynamic");
  await expect(
    ana.page.getByText(
      t("meetings:present.next", {
        title: "Meeting objectives and agenda",
        minutes: t("meetings:agenda.minutes", { count: 10 }),
      }),
    ),
  ).toBeVisible();

  // Sofía follows on her phone, in Spanish: same item, same countdown (within the second's tick).
  await sofia.page.setViewportSize({ width: 360, height: 780 });
  await sofia.page.goto(meetingUrl);
  await expect(sofia.page.getByTestId("current-item")).toHaveText(
    sofia.t("meetings:run.item", { number: 1, total: 6, title: "Connection dynamic" }),
  );
  // Her check-in shows as her current choice.
  const remote = sofia.page.getByRole("button", { name: sofia.t("meetings:attendance.checkInRemote") });
  await remote.click();
  await expect(remote).toHaveAttribute("aria-pressed", "true");
  await expect(
    sofia.page.getByRole("button", { name: sofia.t("meetings:attendance.checkInRoom") }),
  ).toHaveAttribute("aria-pressed", "false");
  const [projector, phone] = await Promise.all([secondsLeft(ana.page), secondsLeft(sofia.page)]);
  expect(Math.abs(projector - phone)).toBeLessThanOrEqual(2);
  expect(projector).toBeGreaterThan(4 * 60 - 30);
  expect(projector).toBeLessThanOrEqual(5 * 60);

  // Next item from the presenter view: the phone follows.
  await ana.page.getByRole("button", { name: t("meetings:run.next") }).click();
  await expect(ana.page.getByTestId("current-item")).toHaveText("Meeting objectives and agenda");
  await expect(sofia.page.getByTestId("current-item")).toHaveText(
    sofia.t("meetings:run.item", { number: 2, total: 6, title: "Meeting objectives and agenda" }),
  );
  const [projectorNext, phoneNext] = await Promise.all([secondsLeft(ana.page), secondsLeft(sofia.page)]);
  expect(Math.abs(projectorNext - phoneNext)).toBeLessThanOrEqual(2);
  // The phone keeps the countdown in sight while Sofía scrolls down to the notes.
  await sofia.page
    .getByRole("heading", { name: sofia.t("meetings:attendance.title") })
    .scrollIntoViewIfNeeded();
  await expect(sofia.page.getByTestId("countdown")).toBeInViewport();
  await checkPage(ana.page, "presenter view at 1280 px");
  await checkPage(sofia.page, "running meeting in Spanish at 360 px");
  await screenshot(ana.page, "en", "present");
  await screenshot(sofia.page, "es", "meeting-running");

  // The end is red, apart and confirmed; after it, no invitation messages are offered.
  await ana.page.getByRole("button", { name: t("meetings:run.end") }).click();
  const dialog = ana.page.getByRole("dialog", { name: t("meetings:run.confirmEndTitle") });
  await expect(dialog).toContainText(t("meetings:run.confirmEnd"));
  await dialog.getByRole("button", { name: t("meetings:run.end") }).click();
  await expect(ana.page.getByRole("heading", { name: t("meetings:run.ended") })).toBeVisible();
  await expect(sofia.page.getByText(sofia.t("meetings:run.ended"))).toBeVisible();
  await expect(sofia.page.getByRole("heading", { name: sofia.t("meetings:messages.title") })).toHaveCount(0);
  // Closing the presenter view goes back to the meeting page.
  await ana.page.getByRole("link", { name: t("meetings:present.exit") }).click();
  await expect(ana.page).toHaveURL(new RegExp(`${meetingUrl}$`));
});
