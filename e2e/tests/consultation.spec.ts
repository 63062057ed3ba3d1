import fs from "node:fs";
import path from "node:path";
import type { PublicConsultationResponse } from "@shared/consultation";
import { addCommitment } from "@shared/plan";
import { checkPage } from "../fixtures/checks";
import { editPlan } from "../fixtures/plan";
import { createWorkspace } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";
import { fillCommitment, SCREENS_DIR, screenshot } from "../fixtures/tour";

const WIDTHS = [360, 1280] as const;

for (const lang of ["en", "es"] as const) {
  test.describe(`in ${lang}`, () => {
    test.use({ lang });

    test("a large consultation shows its inputs 50 at a time, and more on request from the keyboard", async ({
      signedUpPerson,
      newPerson,
    }) => {
      test.setTimeout(120_000);
      const ana = await signedUpPerson({ name: "Ana Facilitadora" });
      const workspace = await createWorkspace(ana, "Ciudad Grande");
      const base = `/api/workspaces/${workspace.id}`;
      const request = ana.context.request;
      expect(
        (
          await request.put(`${base}/publication`, {
            data: { published: true, showDraft: false, minutes: [], inputs: [] },
          })
        ).status(),
      ).toBe(200);
      const opened = await request.post(`${base}/consultations`, {
        data: {
          title: "Consulta de toda la ciudad",
          instructions: "Díganos qué cambiaría.",
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          endsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
          scope: "plan",
        },
      });
      expect(opened.status()).toBe(201);
      const { consultation } = (await opened.json()) as { consultation: { id: string } };
      const TOTAL = 53;
      for (let i = 1; i <= TOTAL; i++) {
        const recorded = await request.post(`${base}/consultations/${consultation.id}/inputs`, {
          data: {
            kind: "idea",
            body: `Idea number ${i} from the workshop.`,
            channel: "workshop",
            sector: "citizen",
          },
        });
        expect(recorded.status()).toBe(201);
      }

      const visitor = await newPerson({ name: "Rosa Vecina" });
      const { page: v, t: vt } = visitor;
      await v.goto(`/p/${workspace.slug}/consultation`);
      const inputs = v.getByTestId("consultation-input");
      await expect(inputs).toHaveCount(50);
      await expect(v.getByTestId("inputs-shown")).toHaveText(
        vt("consultation:inputs.shown", { shown: 50, total: TOTAL }),
      );
      for (const width of WIDTHS) {
        await v.setViewportSize({ width, height: 900 });
        await checkPage(v, `large consultation page at ${width} px in ${lang}`);
        await v.getByTestId("inputs-shown").scrollIntoViewIfNeeded();
        fs.mkdirSync(SCREENS_DIR, { recursive: true });
        await v.screenshot({ path: path.join(SCREENS_DIR, `consultation-show-more-${lang}-${width}.png`) });
      }
      // From the keyboard: the button takes focus and Enter loads the rest; focus moves to the
      // first input it loaded, and the button goes once every input is shown.
      const more = v.getByRole("button", { name: vt("consultation:inputs.showMore") });
      await more.focus();
      await v.keyboard.press("Enter");
      await expect(inputs).toHaveCount(TOTAL);
      await expect(inputs.nth(50)).toBeFocused();
      await expect(inputs.nth(50)).toContainText("Idea number 51 from the workshop.");
      await expect(more).toHaveCount(0);
      await expect(v.getByTestId("inputs-shown")).toHaveText(
        vt("consultation:inputs.shown", { shown: TOTAL, total: TOTAL }),
      );
      // The members' page pages the same way.
      await ana.page.goto(`/w/${workspace.id}/consultation`);
      await expect(ana.page.getByTestId("consultation-input")).toHaveCount(50);
      await ana.page.getByRole("button", { name: ana.t("consultation:inputs.showMore") }).click();
      await expect(ana.page.getByTestId("consultation-input")).toHaveCount(TOTAL);
    });

    test("a facilitator opens a consultation; a visitor reads it, signs up, comments and supports; the answer appears", async ({
      signedUpPerson,
      newPerson,
      baseURL,
    }) => {
      test.setTimeout(300_000);
      const ana = await signedUpPerson({ name: "Ana Facilitadora" });
      const workspace = await createWorkspace(ana, "Ciudad Abierta");
      const base = `/api/workspaces/${workspace.id}`;
      await editPlan(ana, baseURL ?? "", workspace.id, (doc) => {
        fillCommitment(addCommitment(doc, 5), "Open contracting portal", true);
        fillCommitment(addCommitment(doc, 5), "Participatory budget", true);
      });
      const published = await ana.context.request.put(`${base}/publication`, {
        data: { published: true, showDraft: false, minutes: [], inputs: [] },
      });
      expect(published.status()).toBe(200);

      // The facilitator opens it from the workspace: the whole draft, from today for two weeks.
      const { page, t } = ana;
      await page.goto(`/w/${workspace.id}/consultation`);
      const today = new Date();
      const day = (offset: number) =>
        new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset).toLocaleDateString("en-CA");
      await page.getByLabel(t("consultation:manage.titleField")).fill("Consulta sobre el borrador");
      await page
        .getByLabel(t("consultation:manage.instructions"))
        .fill("Díganos qué cambiaría en los compromisos.");
      await page.getByLabel(t("consultation:manage.startsOn")).fill(day(0));
      await page.getByLabel(t("consultation:manage.endsOn")).fill(day(14));
      await page.getByRole("button", { name: t("consultation:manage.submit") }).click();
      await expect(page.getByTestId("consultation-status")).toHaveAttribute("data-status", "open");

      // An input received by phone, recorded on someone's behalf, for the visitor to support.
      const { consultations } = (await (await ana.context.request.get(`${base}/consultations`)).json()) as {
        consultations: { id: string }[];
      };
      const consultationId = consultations[0]?.id ?? "";
      const recorded = await ana.context.request.post(`${base}/consultations/${consultationId}/inputs`, {
        data: {
          kind: "idea",
          body: "Radio programmes about the budget.",
          channel: "phone",
          sector: "citizen",
          community: "Barrio Norte",
        },
      });
      expect(recorded.status()).toBe(201);

      // A visitor, signed out, reads the draft and takes part.
      const visitor = await newPerson({ name: "Rosa Vecina" });
      const v = visitor.page;
      const vt = visitor.t;
      const publicUrl = `/p/${workspace.slug}/consultation`;
      await v.goto(publicUrl);
      await expect(v.getByRole("heading", { level: 1, name: "Consulta sobre el borrador" })).toBeVisible();
      await expect(v.getByTestId("consultation-instructions")).toHaveText(
        "Díganos qué cambiaría en los compromisos.",
      );
      await v.getByRole("button", { name: vt("public:draft.show") }).click();
      await expect(v.getByTestId("public-draft")).toContainText("Open contracting portal");
      // The draft is live: what a drafter types reaches the signed-out visitor within seconds,
      // not at the next 15-second poll.
      const draft = v.getByTestId("public-draft");
      await expect(draft).toHaveAttribute("data-live", "true");
      await expect(draft).toContainText(vt("public:draft.live"));
      await page.goto(`/w/${workspace.id}/plan`);
      const vision = page.getByRole("textbox", { name: t("plan:vision.label"), exact: true });
      await vision.click();
      const typed = Date.now();
      await page.keyboard.type("Every contract online, every week.");
      await expect(draft).toContainText("Every contract online, every week.", { timeout: 5_000 });
      expect(Date.now() - typed).toBeLessThan(10_000);
      await page.goto(`/w/${workspace.id}/consultation`);
      const viewport = v.viewportSize();
      for (const width of WIDTHS) {
        await v.setViewportSize({ width, height: 900 });
        await screenshot(v, lang, "consultation-live-draft");
      }
      if (viewport) await v.setViewportSize(viewport);
      await checkPage(v, `consultation page signed out in ${lang}`);
      await v.getByLabel(vt("auth:name")).fill(visitor.name);
      await v.getByLabel(vt("auth:email")).fill(visitor.email);
      await v.getByLabel(vt("auth:password"), { exact: true }).fill(visitor.password);
      await v.getByLabel(vt("consultation:participation.sector")).selectOption("citizen");
      await v.getByRole("button", { name: vt("consultation:participation.submitSignUp") }).click();

      // Signed up, not a member: the input form appears.
      await v
        .getByLabel(vt("consultation:input.commitment"), { exact: true })
        .selectOption({ label: "Open contracting portal" });
      await v.getByLabel(vt("consultation:input.body")).fill("Publish every contract within a week.");
      await v.getByRole("button", { name: vt("consultation:input.submit") }).click();
      await expect(v.getByRole("status")).toHaveText(vt("consultation:input.sent"));
      const inputs = v.getByTestId("all-inputs").getByTestId("consultation-input");
      await expect(inputs).toHaveCount(2);
      // They follow what they sent in a section of its own, awaiting an answer for now.
      const own = v.getByTestId("own-inputs");
      await expect(own.getByTestId("consultation-input")).toHaveCount(1);
      await expect(own).toContainText("Publish every contract within a week.");
      await expect(own).toContainText(vt("consultation:inputs.awaiting"));
      await expect(inputs.nth(1)).toContainText(
        vt("consultation:inputs.participant", { sector: vt("sectors.citizen") }),
      );
      // Their own input is marked as theirs, and they cannot support it.
      await expect(inputs.nth(1).getByTestId("input-yours")).toHaveText(vt("consultation:inputs.yours"));
      await expect(inputs.first().getByTestId("input-yours")).toHaveCount(0);
      await expect(
        inputs.nth(1).getByRole("button", { name: vt("consultation:inputs.support") }),
      ).toHaveCount(0);
      await inputs
        .first()
        .getByRole("button", { name: vt("consultation:inputs.support") })
        .click();
      await expect(inputs.first()).toContainText(vt("consultation:inputs.supported"));
      await expect(inputs.first()).toContainText(vt("consultation:inputs.supports_one", { count: 1 }));
      // They report the recorded input as abusive, with a reason only the facilitators read.
      await inputs.first().getByText(vt("consultation:report.heading"), { exact: true }).click();
      await inputs.first().getByLabel(vt("consultation:report.reason")).fill("It gives a phone number.");
      await inputs
        .first()
        .getByRole("button", { name: vt("consultation:report.submit") })
        .click();
      await expect(inputs.first()).toContainText(vt("consultation:report.done"));

      // The facilitator answers the visitor's input with a reason, from the workspace.
      await page.reload();
      const mine = page.getByTestId("consultation-input").filter({ hasText: "Publish every contract" });
      await mine.getByText(t("consultation:answer.heading"), { exact: true }).click();
      await mine.getByLabel(t("consultation:answer.status"), { exact: true }).selectOption("partly_accepted");
      await mine
        .getByLabel(t("consultation:answer.reason"), { exact: true })
        .fill("Within a month: the portal updates monthly.");
      await mine.getByRole("button", { name: t("consultation:answer.submit") }).click();
      await expect(mine.getByTestId("consultation-answer")).toContainText("Within a month");

      // The facilitator sees the report, and hides the input with a public reason.
      const reason = "It gave a person's phone number.";
      const recordedInput = page.getByTestId("consultation-input").filter({ hasText: "Radio programmes" });
      await expect(recordedInput.getByTestId("input-reports")).toContainText("It gives a phone number.");
      await expect(recordedInput.getByTestId("input-reports")).toContainText(
        t("consultation:moderation.reported_one", { count: 1 }),
      );
      await recordedInput.getByText(t("consultation:moderation.hide"), { exact: true }).click();
      await recordedInput.getByLabel(t("consultation:moderation.reason")).fill(reason);
      await recordedInput.getByRole("button", { name: t("consultation:moderation.submitHide") }).click();
      await expect(recordedInput.getByTestId("input-hidden")).toHaveText(
        t("consultation:moderation.hiddenBy", { reason }),
      );
      await expect(
        recordedInput.getByRole("button", { name: t("consultation:moderation.show") }),
      ).toBeVisible();

      // The visitor sees the answer, and the hidden input's reason in place of its text.
      await v.reload();
      await expect(inputs.nth(1).getByTestId("consultation-answer")).toContainText("Within a month");
      await expect(own.getByTestId("consultation-answer")).toContainText("Within a month");
      await expect(inputs.first().getByTestId("input-hidden")).toHaveText(
        vt("consultation:moderation.hiddenBy", { reason }),
      );
      await expect(inputs.first()).not.toContainText("Radio programmes");
      // Its public reason is its answer: it is not shown as awaiting one.
      await expect(inputs.first()).not.toContainText(vt("consultation:inputs.awaiting"));
      await expect(inputs.nth(1).getByTestId("input-yours")).toBeVisible();
      const answer = (await (
        await visitor.context.request.get(`/api/public/workspaces/${workspace.slug}/consultation`)
      ).json()) as PublicConsultationResponse;
      expect(answer.inputs.map((i) => i.responses.length)).toEqual([0, 1]);

      for (const width of WIDTHS) {
        await v.setViewportSize({ width, height: 900 });
        await checkPage(v, `consultation page as a participant at ${width} px in ${lang}`);
        await screenshot(v, lang, "consultation-participant");
        await page.setViewportSize({ width, height: 900 });
        await checkPage(page, `workspace consultation at ${width} px in ${lang}`);
        await screenshot(page, lang, "consultation-manage");
      }

      // The record of co-creation counts both inputs: by channel, answered, hidden.
      await page.goto(`/w/${workspace.id}/record`);
      await expect(page.getByTestId("record-consultation-summary")).toHaveText(
        t("record:consultations.summary_other", { count: 2, answered: 1, unanswered: 0, hidden: 1 }),
      );
      // Its "inputs answered" tile counts the consultation's inputs (no member commented).
      const figures = page.locator(".record-key-figures");
      await expect(figures.locator("div", { hasText: t("record:figures.answered") })).toContainText(
        t("record:figures.answeredValue", { responded: 1, inputs: 2 }),
      );
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await checkPage(page, `record with a consultation at ${width} px in ${lang}`);
        await screenshot(page, lang, "consultation-record");
      }

      // "What we heard and what we did": from the consultation page, then published by the facilitator.
      await page.goto(`/w/${workspace.id}/consultation`);
      await page.getByRole("link", { name: t("consultation:heard.link") }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: t("consultation:heard.heading") }),
      ).toBeVisible();
      await expect(page.getByTestId("heard-answer")).toContainText("Within a month");
      await expect(page.getByTestId("heard-hidden")).toHaveText(
        t("consultation:moderation.hiddenBy", { reason }),
      );
      // Its public reason answers the hidden input: "By answer" counts it as hidden, not as unanswered.
      const byAnswer = page.getByRole("table", { name: t("consultation:heard.byStatus") });
      await expect(byAnswer.getByRole("row", { name: t("consultation:heard.key.hidden") })).toHaveText(/1$/);
      await expect(byAnswer.getByRole("row", { name: t("consultation:heard.noAnswer") })).toHaveText(/0$/);
      await expect(page.getByTestId("heard-publication")).toHaveText(
        t("consultation:heard.publish.notPublished"),
      );
      await page.getByRole("button", { name: t("consultation:heard.publish.publish") }).click();
      await expect(page.getByTestId("heard-publication")).toHaveText(
        t("consultation:heard.publish.isPublished"),
      );
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await checkPage(page, `report for members at ${width} px in ${lang}`);
        await screenshot(page, lang, "consultation-heard-members");
      }

      // The visitor finds it on the process page: both inputs, the answer, the hidden one's reason only.
      await v.goto(`/p/${workspace.slug}`);
      await v.getByRole("link", { name: vt("consultation:heard.link") }).click();
      await expect(
        v.getByRole("heading", { level: 1, name: vt("consultation:heard.heading") }),
      ).toBeVisible();
      await expect(v.getByTestId("heard-input")).toHaveCount(2);
      await expect(v.getByTestId("heard-answer")).toContainText("Within a month");
      await expect(v.getByTestId("heard-hidden")).toHaveText(
        vt("consultation:moderation.hiddenBy", { reason }),
      );
      await expect(v.locator(".heard-report")).not.toContainText("Radio programmes");
      for (const width of WIDTHS) {
        await v.setViewportSize({ width, height: 900 });
        await checkPage(v, `public report at ${width} px in ${lang}`);
        await screenshot(v, lang, "consultation-heard-public");
      }

      // Published, the report is part of the record of co-creation on the process page (and so of
      // the record frozen with the next version), folded under the consultation's figures.
      await v.goto(`/p/${workspace.slug}`);
      const heard = v.getByTestId("record-heard");
      await heard
        .getByText(vt("record:consultations.heard", { title: "Consulta sobre el borrador" }), { exact: true })
        .click();
      await expect(heard.getByTestId("heard-answer")).toContainText("Within a month");
      await expect(heard.getByTestId("heard-hidden")).toBeVisible();
      for (const width of WIDTHS) {
        await v.setViewportSize({ width, height: 900 });
        await checkPage(v, `process page with the report in its record at ${width} px in ${lang}`);
        await screenshot(v, lang, "consultation-heard-record");
      }
    });
  });
}
