import type { Locator, Page } from "@playwright/test";
import { addCommitment } from "@shared/plan";
import type { Lang, Translate } from "../fixtures/catalogue";
import { checkPage } from "../fixtures/checks";
import { editPlan } from "../fixtures/plan";
import { ciudadAbierta } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";

const WATER = "Open data on water";
const CANDIDATES = ["Open budget portal", "Open contracting", "Participatory budgeting", WATER];

/** A count message in a language's plural form for `count` (the catalogues' `_one`, `_other`, …). */
const plural = (t: Translate, lang: Lang, key: string, count: number, variables = {}) =>
  t(`${key}_${new Intl.PluralRules(lang).select(count)}`, { count, ...variables });

/** "2 ballots from 3 eligible members", as the turnout reads in `lang`. */
const turnout = (t: Translate, lang: Lang, ballots: number, eligible: number) =>
  t("votes:turnout", {
    ballots: plural(t, lang, "votes:ballotCount", ballots),
    eligible: plural(t, lang, "votes:eligibleMembers", eligible),
  });

/** The count cell of an option's row in the totals table. */
function total(page: Page, t: Translate, optionId: string): Locator {
  return page
    .getByRole("table", { name: t("votes:results.totalsCaption") })
    .locator(`tr[data-choice="${optionId}"] td`)
    .first();
}

/** A sector's row in the results-by-sector table. */
function sectorRow(page: Page, t: Translate, sector: string): Locator {
  return page
    .getByRole("table", { name: t("votes:results.bySectorCaption") })
    .locator(`tr[data-sectors="${sector}"]`);
}

test("a facilitator opens a prioritise vote over the plan's candidate commitments, a government and a civil-society member vote in their own browsers, tallies move live, and everyone sees the results by sector", async ({
  signedUpPerson,
  baseURL,
}) => {
  const { ana, gabriel, sofia, workspace } = await ciudadAbierta(signedUpPerson, "commenter");
  const { t } = ana;
  // The candidates are in the plan, with one more still untitled: it cannot be put to a vote yet.
  let waterId = "";
  await editPlan(ana, baseURL ?? "", workspace.id, (doc) => {
    for (const title of CANDIDATES) {
      const commitment = addCommitment(doc, 10);
      commitment?.text("title")?.insert(0, title);
      if (title === WATER) waterId = commitment?.id ?? "";
    }
    addCommitment(doc, 10);
  });

  // The facilitator finds Votes in the workspace's navigation and opens a prioritise vote.
  await ana.page.goto(`/w/${workspace.id}`);
  await ana.page
    .getByRole("navigation", { name: t("nav.workspaceLabel") })
    .getByRole("link", { name: t("nav.votes") })
    .click();
  await expect(ana.page.getByText(t("votes:none"))).toBeVisible();
  const form = ana.page.getByRole("form", { name: t("votes:form.label") });
  await form.getByLabel(t("votes:form.voteTitle")).fill("Which commitments go into the plan?");
  await form.getByLabel(t("votes:form.kind")).selectOption("prioritise");
  // One click offers every titled commitment, and K becomes the workspace's maximum (5), capped at 4.
  await form.getByRole("button", { name: t("votes:form.useAllCommitments") }).click();
  for (const title of CANDIDATES) await expect(form.getByRole("checkbox", { name: title })).toBeChecked();
  await expect(
    form.getByRole("checkbox", { name: t("votes:untitledCommitment", { number: 5 }) }),
  ).toBeDisabled();
  await expect(form.getByText(plural(t, "en", "votes:form.optionCount", 4))).toBeVisible();
  await expect(form.getByLabel(t("votes:form.maxChoices"))).toHaveValue("4");
  await form.getByLabel(t("votes:form.maxChoices")).fill("2");
  await checkPage(ana.page, "votes page with the open-vote form");
  await form.getByRole("button", { name: t("votes:form.submit") }).click();
  await expect(
    ana.page.getByRole("heading", { level: 2, name: /Which commitments go into the plan\?/ }),
  ).toBeVisible();
  const voteUrl = ana.page.url();
  await expect(ana.page.getByTestId("turnout")).toHaveText(turnout(t, "en", 0, 3));

  // The members find it in the list, live, in their own language.
  await gabriel.page.goto(`/w/${workspace.id}/votes`);
  await gabriel.page.getByRole("link", { name: "Which commitments go into the plan?" }).click();
  await sofia.page.goto(voteUrl);
  await expect(sofia.page.getByText(plural(sofia.t, "es", "votes:ballot.pick", 2))).toBeVisible();

  // Gabriel (government) picks two with the mouse.
  const gabrielBallot = gabriel.page.getByRole("form", { name: t("votes:ballot.title") });
  await gabrielBallot.getByRole("checkbox", { name: CANDIDATES[0] }).check();
  await gabrielBallot.getByRole("checkbox", { name: CANDIDATES[2] }).check();
  await gabrielBallot.getByRole("button", { name: t("votes:ballot.cast") }).click();
  await expect(gabriel.page.getByText(t("votes:ballot.saved"))).toBeVisible();
  await expect(total(ana.page, t, "o1")).toHaveText("1");
  await expect(total(ana.page, t, "o3")).toHaveText("1");
  await expect(ana.page.getByTestId("turnout")).toHaveText(turnout(t, "en", 1, 3));

  // Sofía (civil society) votes with the keyboard only; a third pick is refused before sending.
  const st = sofia.t;
  const sofiaBallot = sofia.page.getByRole("form", { name: st("votes:ballot.title") });
  await sofiaBallot.getByRole("checkbox", { name: CANDIDATES[0] }).focus();
  await sofia.page.keyboard.press("Space");
  await sofia.page.keyboard.press("Tab");
  await sofia.page.keyboard.press("Space");
  await sofia.page.keyboard.press("Tab");
  await sofia.page.keyboard.press("Space");
  await expect(sofiaBallot.getByText(plural(st, "es", "votes:ballot.tooMany", 2))).toBeVisible();
  await sofia.page.keyboard.press("Space");
  await expect(sofiaBallot.getByText(plural(st, "es", "votes:ballot.picked", 2, { max: 2 }))).toBeVisible();
  await sofia.page.keyboard.press("Tab");
  await sofia.page.keyboard.press("Tab");
  await expect(sofiaBallot.getByRole("button", { name: st("votes:ballot.cast") })).toBeFocused();
  await sofia.page.keyboard.press("Enter");
  await expect(sofia.page.getByText(st("votes:ballot.saved"))).toBeVisible();
  await expect(total(ana.page, t, "o1")).toHaveText("2");
  await expect(total(ana.page, t, "o2")).toHaveText("1");
  await expect(total(gabriel.page, t, "o2")).toHaveText("1");
  // In an open ballot, members see who voted what.
  const whoVotedWhat = gabriel.page.getByRole("table", { name: t("votes:participants.whoVotedWhat") });
  await expect(whoVotedWhat.getByRole("row", { name: new RegExp(sofia.name) }).getByRole("cell")).toHaveText([
    t("sectors.civil_society"),
    `${CANDIDATES[0]}, ${CANDIDATES[1]}`,
  ]);

  // The facilitator closes it; everyone sees the frozen result by sector.
  await ana.page.getByRole("button", { name: t("votes:close.button") }).click();
  const dialog = ana.page.getByRole("dialog", { name: t("votes:close.title") });
  await dialog.getByRole("button", { name: t("votes:close.confirm") }).click();
  await expect(ana.page.getByText(t("votes:results.final"))).toBeVisible();
  for (const person of [ana, gabriel, sofia]) {
    await expect(person.page.getByText(person.t("votes:results.final"))).toBeVisible();
    await expect(person.page.getByTestId("closed-notice")).toHaveText(person.t("votes:closedNotice"));
    await expect(sectorRow(person.page, person.t, "government")).toContainText(
      person.t("votes:results.ofEligible", { ballots: 1, eligible: 2 }),
    );
    await expect(sectorRow(person.page, person.t, "civil_society")).toContainText(
      person.t("votes:results.ofEligible", { ballots: 1, eligible: 1 }),
    );
    await expect(person.page.getByRole("form", { name: person.t("votes:ballot.title") })).toHaveCount(0);
  }
  // Government picked options 1 and 3, civil society 1 and 2: one vote in each cell.
  await expect(sectorRow(ana.page, t, "government").getByRole("cell")).toHaveText([
    t("votes:results.ofEligible", { ballots: 1, eligible: 2 }),
    ...["1", "0", "1", "0"],
  ]);
  await expect(sectorRow(ana.page, t, "civil_society").getByRole("cell")).toHaveText([
    t("votes:results.ofEligible", { ballots: 1, eligible: 1 }),
    ...["1", "1", "0", "0"],
  ]);
  await checkPage(sofia.page, "closed vote in Spanish");

  await sofia.page.setViewportSize({ width: 360, height: 800 });
  await checkPage(sofia.page, "closed vote at 360 px");
  await sofia.page.goto(`/w/${workspace.id}/votes`);
  await expect(sofia.page.getByTestId("vote")).toContainText(st("votes:status.closed"));
  await checkPage(sofia.page, "votes list at 360 px");

  // A vote on one commitment, picked from the plan: it names and links the commitment, and the
  // commitment's own list of votes finds it.
  await ana.page.goto(`/w/${workspace.id}/votes`);
  await form.getByLabel(t("votes:form.voteTitle")).fill("Adopt the water commitment as written?");
  await form.getByLabel(t("votes:form.commitment")).selectOption({ label: WATER });
  // A deadline three days ahead, typed in local time, reads back relative and with its time zone.
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000 + 120_000);
  const local = new Date(inThreeDays.getTime() - inThreeDays.getTimezoneOffset() * 60_000);
  await form.getByLabel(t("votes:form.closesAt")).fill(local.toISOString().slice(0, 16));
  await form.getByRole("button", { name: t("votes:form.submit") }).click();
  const about = ana.page.getByRole("link", { name: WATER });
  await expect(about).toHaveAttribute("href", `/w/${workspace.id}/plan#commitment-${waterId}`);
  const zone = new Intl.DateTimeFormat("en", { timeZoneName: "short" })
    .formatToParts(inThreeDays)
    .find((part) => part.type === "timeZoneName")?.value;
  await expect(ana.page.getByRole("listitem").filter({ hasText: /^Closes in 3 days, / })).toContainText(
    zone ?? "",
  );
  await gabriel.page.goto(`/w/${workspace.id}/votes?commitmentId=${waterId}`);
  await expect(gabriel.page.getByText(t("votes:filtered.commitment", { title: WATER }))).toBeVisible();
  await expect(gabriel.page.getByTestId("vote")).toHaveCount(1);
  await expect(gabriel.page.getByTestId("vote")).toContainText("Adopt the water commitment as written?");
});
