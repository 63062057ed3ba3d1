import {
  consultationBody,
  hideInputBody,
  inputBody,
  inputResponseBody,
  participantSignupBody,
  participationBody,
  recordedInputBody,
  reportInputBody,
} from "@shared/consultationBodies";
import { REPORT_FORMATS } from "@shared/consultationReport";
import { LOCALES } from "@shared/locales";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { clientAddress } from "../auth/clientAddress";
import { requireUser } from "../auth/session";
import { memberReport, publishReport } from "../commands/consultationReport";
import { exportReport } from "../commands/consultationReportExport";
import {
  answerInput,
  joinConsultation,
  listConsultations,
  memberInputs,
  moderateInput,
  openConsultation,
  participation,
  recordInput,
  reportInput,
  sendInput,
  signUpParticipant,
  supportInput,
} from "../commands/consultations";
import type { AppContext, AppEnv } from "../context";
import { tooMany } from "../errors";
import { limitSignups, startSession } from "./auth";
import { jsonBody, pathParams, queryParams, recordId } from "./validate";
import { sendExport } from "./versions";

/** `?format=md|docx|csv&lang=en|es|fr` of a report download. */
export const reportExportQuery = z.strictObject({
  format: z.enum(REPORT_FORMATS),
  lang: z.enum(LOCALES).optional(),
});
/** `?after=<input id>` of a page of inputs: the previous page's `next`. */
export const inputsPageQuery = z.strictObject({ after: recordId.optional() });
const reportPublicationBody = z.strictObject({ published: z.boolean() });

const consultationParams = z.strictObject({ id: recordId, consultationId: recordId });
const inputParams = z.strictObject({ id: recordId, consultationId: recordId, inputId: recordId });

/**
 * A workspace's consultations for its members, under /api/workspaces/:id/consultations:
 * facilitators open one and record inputs received offline, drafters answer inputs, every member
 * reads them.
 */
export function consultationRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/:id/consultations", pathParams(z.strictObject({ id: recordId })), async (c) =>
      c.json({
        consultations: await listConsultations(ctx.store, requireUser(c).id, c.req.valid("param").id),
      }),
    )
    .post(
      "/:id/consultations",
      pathParams(z.strictObject({ id: recordId })),
      jsonBody(consultationBody),
      async (c) => {
        const consultation = await openConsultation(
          ctx,
          requireUser(c).id,
          c.req.valid("param").id,
          c.req.valid("json"),
        );
        return c.json({ consultation }, 201);
      },
    )
    .get(
      "/:id/consultations/:consultationId/inputs",
      pathParams(consultationParams),
      queryParams(inputsPageQuery),
      async (c) => {
        const { id, consultationId } = c.req.valid("param");
        const { after } = c.req.valid("query");
        return c.json(await memberInputs(ctx.store, requireUser(c).id, id, consultationId, after ?? null));
      },
    )
    .post(
      "/:id/consultations/:consultationId/inputs",
      pathParams(consultationParams),
      jsonBody(recordedInputBody),
      async (c) => {
        const { id, consultationId } = c.req.valid("param");
        const input = await recordInput(ctx, requireUser(c).id, id, consultationId, c.req.valid("json"));
        return c.json({ input }, 201);
      },
    )
    .post(
      "/:id/consultations/:consultationId/inputs/:inputId/responses",
      pathParams(inputParams),
      jsonBody(inputResponseBody),
      async (c) => {
        const { id, consultationId, inputId } = c.req.valid("param");
        const input = await answerInput(
          ctx,
          requireUser(c).id,
          id,
          { consultationId, inputId },
          c.req.valid("json"),
        );
        return c.json({ input }, 201);
      },
    )
    .post(
      "/:id/consultations/:consultationId/inputs/:inputId/hide",
      pathParams(inputParams),
      jsonBody(hideInputBody),
      async (c) => {
        const { id, consultationId, inputId } = c.req.valid("param");
        const ids = { consultationId, inputId };
        const input = await moderateInput(ctx, requireUser(c).id, id, ids, c.req.valid("json"));
        return c.json({ input });
      },
    )
    .post("/:id/consultations/:consultationId/inputs/:inputId/show", pathParams(inputParams), async (c) => {
      const { id, consultationId, inputId } = c.req.valid("param");
      const input = await moderateInput(ctx, requireUser(c).id, id, { consultationId, inputId }, null);
      return c.json({ input });
    })
    .get("/:id/consultations/:consultationId/report", pathParams(consultationParams), async (c) => {
      const { id, consultationId } = c.req.valid("param");
      return c.json(await memberReport(ctx, requireUser(c).id, id, consultationId));
    })
    .get(
      "/:id/consultations/:consultationId/report/export",
      pathParams(consultationParams),
      queryParams(reportExportQuery),
      async (c) => {
        const { id, consultationId } = c.req.valid("param");
        const { format, lang } = c.req.valid("query");
        const { workspace, report } = await memberReport(ctx, requireUser(c).id, id, consultationId);
        return sendExport(c, exportReport(report, format, lang ?? "en", workspace.slug));
      },
    )
    .put(
      "/:id/consultations/:consultationId/report/publication",
      pathParams(consultationParams),
      jsonBody(reportPublicationBody),
      async (c) => {
        const { id, consultationId } = c.req.valid("param");
        const { published } = c.req.valid("json");
        return c.json({
          published: await publishReport(ctx, requireUser(c).id, id, consultationId, published),
        });
      },
    );
}

const participantParams = z.strictObject({ consultationId: recordId });
const supportParams = z.strictObject({ consultationId: recordId, inputId: recordId });

/**
 * Taking part in a consultation, under /api/consultations/:consultationId, for anyone (a
 * participant is not a member): the light sign-up, joining with an account, sending inputs and
 * supports. Only while the consultation is open and its workspace published.
 */
export function participantRoutes(ctx: AppContext) {
  /** Refuses with 429 when this account or address sent too many inputs and supports just now. */
  const throttle = async (c: Context<AppEnv>, userId: string): Promise<void> => {
    const address = clientAddress(c, ctx.config.trustProxy);
    const decision = await ctx.inputThrottle.check(userId, address);
    if (!decision.allowed) {
      c.header("Retry-After", String(decision.retryAfterSeconds));
      throw tooMany("Too many inputs were sent just now. Wait a little and try again.");
    }
    // Counted whatever the outcome, as sign-ups are.
    await ctx.inputThrottle.record(userId, address);
  };

  return new Hono<AppEnv>()
    .post(
      "/:consultationId/signup",
      pathParams(participantParams),
      jsonBody(participantSignupBody),
      async (c) => {
        await limitSignups(ctx, c);
        const user = await signUpParticipant(ctx, c.req.valid("param").consultationId, c.req.valid("json"));
        await startSession(ctx, c, user.id);
        return c.json({ user }, 201);
      },
    )
    .post(
      "/:consultationId/participants",
      pathParams(participantParams),
      jsonBody(participationBody),
      async (c) => {
        const { consultationId } = c.req.valid("param");
        const userId = requireUser(c).id;
        await joinConsultation(ctx, userId, consultationId, c.req.valid("json"));
        return c.json(await participation(ctx.store, userId, consultationId), 201);
      },
    )
    .get("/:consultationId/me", pathParams(participantParams), async (c) =>
      c.json(await participation(ctx.store, requireUser(c).id, c.req.valid("param").consultationId)),
    )
    .post("/:consultationId/inputs", pathParams(participantParams), jsonBody(inputBody), async (c) => {
      const userId = requireUser(c).id;
      await throttle(c, userId);
      const input = await sendInput(ctx, userId, c.req.valid("param").consultationId, c.req.valid("json"));
      return c.json({ input }, 201);
    })
    .post("/:consultationId/inputs/:inputId/support", pathParams(supportParams), async (c) => {
      const { consultationId, inputId } = c.req.valid("param");
      const userId = requireUser(c).id;
      await throttle(c, userId);
      return c.json({ supports: await supportInput(ctx, userId, consultationId, inputId) });
    })
    .post(
      "/:consultationId/inputs/:inputId/reports",
      pathParams(supportParams),
      jsonBody(reportInputBody),
      async (c) => {
        const { consultationId, inputId } = c.req.valid("param");
        const userId = requireUser(c).id;
        await throttle(c, userId);
        await reportInput(ctx, userId, { consultationId, inputId }, c.req.valid("json"));
        return c.json({ reported: true }, 201);
      },
    );
}
