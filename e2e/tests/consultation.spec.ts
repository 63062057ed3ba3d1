import type { PublicConsultationResponse } from "@shared/consultation";
import { addCommitment } from "@shared/plan";
import { checkPage } from "../fixtures/checks";
import { editPlan } from "../fixtures/plan";
import { createWorkspace } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";
import { fillCommitment, screenshot } from "../fixtures/tour";

const WIDTHS = [360, 1280] as const;

for (const lang of ["en", "es"] as const) {
  test.describe(`in ${lang}`, () => {
    test.use({ lang });

    test("a facilitator opens a consultation; a visitor reads it, signs up, comments and supports; the answer appears", async ({
      signedUpPerson,
      newPerson,
      baseURL,
    }) => {
      test.setTimeout(180_000);
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
      const inputs = v.getByTestId("consultation-input");
      await expect(inputs).toHaveCount(2);
      await expect(inputs.nth(1)).toContainText(
        vt("consultation:inputs.participant", { sector: vt("sectors.citizen") }),
      );
      await inputs
        .first()
        .getByRole("button", { name: vt("consultation:inputs.support") })
        .click();
      await expect(inputs.first()).toContainText(vt("consultation:inputs.supported"));
      await expect(inputs.first()).toContainText(vt("consultation:inputs.supports_one", { count: 1 }));

      // The facilitator answers the visitor's input with a reason, from the workspace.
      await page.reload();
      const mine = page.getByTestId("consultation-input").filter({ hasText: "Publish every contract" });
      await mine.getByText(t("consultation:answer.heading"), { exact: true }).click();
      await mine.getByLabel(t("consultation:answer.status"), { exact: true }).selectOption("partly_accepted");
      await mine
        .getByLabel(t("consultation:answer.reason"))
        .fill("Within a month: the portal updates monthly.");
      await mine.getByRole("button", { name: t("consultation:answer.submit") }).click();
      await expect(mine.getByTestId("consultation-answer")).toContainText("Within a month");

      // The visitor sees the answer on the public page.
      await v.reload();
      await expect(v.getByTestId("consultation-answer")).toContainText("Within a month");
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
    });
  });
}
