import { LOCALES } from "@shared/locales";
import {
  agendaBody,
  cardBody,
  categoryBody,
  checkInBody,
  createMeetingBody,
  decisionBody,
  patchCardBody,
  renameCategoryBody,
  runBody,
  updateMeetingBody,
} from "@shared/meetingBodies";
import { isTimeZone } from "@shared/meetingTime";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/session";
import {
  addDecision,
  asLocale,
  checkIn,
  createMeeting,
  listMeetings,
  readMeeting,
  removeDecision,
  replaceAgenda,
  updateMeeting,
} from "../commands/meetings";
import {
  addCard,
  addCategory,
  deleteCard,
  deleteCategory,
  editCard,
  moveCard,
  readBoard,
  renameCategory,
  revealBoard,
} from "../commands/meetingsBoard";
import { commitmentFromBrainstorm } from "../commands/meetingsCommitment";
import { minutesToDocx, minutesToMarkdown } from "../commands/meetingsExport";
import { meetingMinutes } from "../commands/meetingsMinutes";
import { runMeeting } from "../commands/meetingsRun";
import type { AppContext, AppEnv } from "../context";
import { DOCX_CONTENT_TYPE } from "../export";
import { meetingCalendar } from "../export/calendar";
import { jsonBody, pathParams, queryParams, recordId, workspaceParams } from "./validate";
import { sendExport } from "./versions";

const meetingParams = z.strictObject({ id: recordId, meetingId: recordId });
const itemParams = meetingParams.extend({ itemId: recordId });
const decisionParams = meetingParams.extend({ decisionId: recordId });
const cardParams = meetingParams.extend({ cardId: recordId });
const categoryParams = meetingParams.extend({ categoryId: recordId });
const minutesFileParams = meetingParams.extend({ file: z.enum(["minutes.md", "minutes.docx"]) });
/** The reader's language and time zone (an IANA name, as the browser reports it) for the downloads. */
const minutesFileQuery = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  tz: z.string().max(64).refine(isTimeZone, "not a known time zone").optional(),
});

/** A workspace's meetings: /api/workspaces/:id/meetings/... (see the README for the API). */
export function meetingRoutes(ctx: AppContext) {
  // Minutes read the shared notes from the collaboration server's storage (read-only).
  const documents = ctx.documentStore;
  return new Hono<AppEnv>()
    .get("/:id/meetings", pathParams(workspaceParams), async (c) =>
      c.json({ meetings: await listMeetings(ctx, requireUser(c).id, c.req.valid("param").id) }),
    )
    .post("/:id/meetings", pathParams(workspaceParams), jsonBody(createMeetingBody), async (c) => {
      const meeting = await createMeeting(
        ctx,
        requireUser(c).id,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json({ meeting, serverNow: Date.now() }, 201);
    })
    .get("/:id/meetings/:meetingId", pathParams(meetingParams), async (c) => {
      const { id, meetingId } = c.req.valid("param");
      const meeting = await readMeeting(ctx, requireUser(c).id, id, meetingId);
      return c.json({ meeting, serverNow: Date.now() });
    })
    .get("/:id/meetings/:meetingId/calendar.ics", pathParams(meetingParams), async (c) => {
      const { id, meetingId } = c.req.valid("param");
      const meeting = await readMeeting(ctx, requireUser(c).id, id, meetingId);
      const origin = ctx.config.publicOrigin ?? new URL(c.req.url).origin;
      c.header("Content-Type", "text/calendar; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="meeting-${meetingId}.ics"`);
      return c.body(await meetingCalendar(meeting, `${origin}/w/${id}/meetings/${meetingId}`));
    })
    .patch("/:id/meetings/:meetingId", pathParams(meetingParams), jsonBody(updateMeetingBody), async (c) => {
      const { id, meetingId } = c.req.valid("param");
      const meeting = await updateMeeting(ctx, requireUser(c).id, id, meetingId, c.req.valid("json"));
      return c.json({ meeting, serverNow: Date.now() });
    })
    .put("/:id/meetings/:meetingId/agenda", pathParams(meetingParams), jsonBody(agendaBody), async (c) => {
      const { id, meetingId } = c.req.valid("param");
      const meeting = await replaceAgenda(ctx, requireUser(c).id, id, meetingId, c.req.valid("json"));
      return c.json({ meeting, serverNow: Date.now() });
    })
    .post("/:id/meetings/:meetingId/run", pathParams(meetingParams), jsonBody(runBody), async (c) => {
      const { id, meetingId } = c.req.valid("param");
      const deps = { ...ctx, documents };
      return c.json(await runMeeting(deps, requireUser(c).id, id, meetingId, c.req.valid("json")));
    })
    .put(
      "/:id/meetings/:meetingId/attendance",
      pathParams(meetingParams),
      jsonBody(checkInBody),
      async (c) => {
        const { id, meetingId } = c.req.valid("param");
        const meeting = await checkIn(ctx, requireUser(c).id, id, meetingId, c.req.valid("json"));
        return c.json({ meeting, serverNow: Date.now() });
      },
    )
    .post(
      "/:id/meetings/:meetingId/decisions",
      pathParams(meetingParams),
      jsonBody(decisionBody),
      async (c) => {
        const { id, meetingId } = c.req.valid("param");
        const meeting = await addDecision(ctx, requireUser(c).id, id, meetingId, c.req.valid("json"));
        return c.json({ meeting, serverNow: Date.now() }, 201);
      },
    )
    .delete("/:id/meetings/:meetingId/decisions/:decisionId", pathParams(decisionParams), async (c) => {
      const { id, meetingId, decisionId } = c.req.valid("param");
      const meeting = await removeDecision(ctx, requireUser(c).id, id, meetingId, decisionId);
      return c.json({ meeting, serverNow: Date.now() });
    })
    .get("/:id/meetings/:meetingId/items/:itemId/board", pathParams(itemParams), async (c) => {
      const { id, meetingId, itemId } = c.req.valid("param");
      return c.json(await readBoard(ctx, requireUser(c).id, id, meetingId, itemId));
    })
    .post("/:id/meetings/:meetingId/items/:itemId/reveal", pathParams(itemParams), async (c) => {
      const { id, meetingId, itemId } = c.req.valid("param");
      return c.json(await revealBoard(ctx, requireUser(c).id, id, meetingId, itemId));
    })
    .post("/:id/meetings/:meetingId/cards", pathParams(meetingParams), jsonBody(cardBody), async (c) => {
      const { id, meetingId } = c.req.valid("param");
      return c.json({ card: await addCard(ctx, requireUser(c).id, id, meetingId, c.req.valid("json")) }, 201);
    })
    .patch(
      "/:id/meetings/:meetingId/cards/:cardId",
      pathParams(cardParams),
      jsonBody(patchCardBody),
      async (c) => {
        const { id, meetingId, cardId } = c.req.valid("param");
        const body = c.req.valid("json");
        const userId = requireUser(c).id;
        return c.json({
          card:
            "text" in body
              ? await editCard(ctx, userId, id, meetingId, cardId, body)
              : await moveCard(ctx, userId, id, meetingId, cardId, body),
        });
      },
    )
    .delete("/:id/meetings/:meetingId/cards/:cardId", pathParams(cardParams), async (c) => {
      const { id, meetingId, cardId } = c.req.valid("param");
      await deleteCard(ctx, requireUser(c).id, id, meetingId, cardId);
      return c.body(null, 204);
    })
    .post("/:id/meetings/:meetingId/cards/:cardId/commitment", pathParams(cardParams), async (c) => {
      const { id, meetingId, cardId } = c.req.valid("param");
      const source = { kind: "card", cardId } as const;
      return c.json(await commitmentFromBrainstorm(ctx, requireUser(c).id, id, meetingId, source), 201);
    })
    .post(
      "/:id/meetings/:meetingId/categories/:categoryId/commitment",
      pathParams(categoryParams),
      async (c) => {
        const { id, meetingId, categoryId } = c.req.valid("param");
        const source = { kind: "category", categoryId } as const;
        return c.json(await commitmentFromBrainstorm(ctx, requireUser(c).id, id, meetingId, source), 201);
      },
    )
    .post(
      "/:id/meetings/:meetingId/categories",
      pathParams(meetingParams),
      jsonBody(categoryBody),
      async (c) => {
        const { id, meetingId } = c.req.valid("param");
        return c.json(
          { category: await addCategory(ctx, requireUser(c).id, id, meetingId, c.req.valid("json")) },
          201,
        );
      },
    )
    .patch(
      "/:id/meetings/:meetingId/categories/:categoryId",
      pathParams(categoryParams),
      jsonBody(renameCategoryBody),
      async (c) => {
        const { id, meetingId, categoryId } = c.req.valid("param");
        const body = c.req.valid("json");
        return c.json({
          category: await renameCategory(ctx, requireUser(c).id, id, meetingId, categoryId, body),
        });
      },
    )
    .delete("/:id/meetings/:meetingId/categories/:categoryId", pathParams(categoryParams), async (c) => {
      const { id, meetingId, categoryId } = c.req.valid("param");
      await deleteCategory(ctx, requireUser(c).id, id, meetingId, categoryId);
      return c.body(null, 204);
    })
    .get("/:id/meetings/:meetingId/minutes", pathParams(meetingParams), async (c) => {
      const { id, meetingId } = c.req.valid("param");
      return c.json({
        minutes: await meetingMinutes({ ...ctx, documents }, requireUser(c).id, id, meetingId),
      });
    })
    .get(
      "/:id/meetings/:meetingId/:file{minutes\\.(?:md|docx)}",
      pathParams(minutesFileParams),
      queryParams(minutesFileQuery),
      async (c) => {
        const { id, meetingId, file } = c.req.valid("param");
        const minutes = await meetingMinutes({ ...ctx, documents }, requireUser(c).id, id, meetingId);
        const query = c.req.valid("query");
        const locale = query.locale ?? asLocale((await ctx.store.workspaces.byId(id))?.defaultLocale);
        const format = file === "minutes.md" ? "md" : "docx";
        const filename = `minutes-${meetingId}.${format}`;
        return sendExport(
          c,
          format === "md"
            ? {
                body: minutesToMarkdown(minutes, locale, query.tz),
                contentType: "text/markdown; charset=utf-8",
                filename,
              }
            : { body: minutesToDocx(minutes, locale, query.tz), contentType: DOCX_CONTENT_TYPE, filename },
        );
      },
    );
}
