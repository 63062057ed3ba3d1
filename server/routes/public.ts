import type { ConsultationDraftResponse } from "@shared/consultation";
import { PUBLIC_DRAFT_CACHE_MS } from "@shared/publication";
import type { CocreationRecord } from "@shared/record";
import { type PublicKeyResponse, SEAL_ALGORITHM } from "@shared/seal";
import { Hono } from "hono";
import { z } from "zod";
import { publicReport } from "../commands/consultationReport";
import { exportReport } from "../commands/consultationReportExport";
import {
  consultationDraft,
  publicConsultationInputs,
  publicConsultationPage,
} from "../commands/consultations";
import { ExpiringCache } from "../commands/expiringCache";
import { publicVersionHead, publicVersionJson, publicVersions } from "../commands/freezePublic";
import { PublicDraftCache } from "../commands/publicDraft";
import { publicMeeting, publicMinutes, publicProcess } from "../commands/publicProcess";
import { readPublicRecord } from "../commands/record";
import type { AppContext, AppEnv } from "../context";
import { meetingCalendar } from "../export/calendar";
import { inputsPageQuery, reportExportQuery } from "./consultations";
import { recordExportQuery, sendRecord } from "./record";
import { pathParams, queryParams, recordId } from "./validate";
import { exportQuery, sendExport, sendJson, versionNumber } from "./versions";

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, "not a workspace address");
const slugParams = z.strictObject({ slug });
const versionParams = z.strictObject({ slug, number: z.union([z.literal("latest"), versionNumber]) });
const meetingParams = z.strictObject({ slug, meetingId: recordId });

/**
 * What anyone may read without a session, under /api/public: the key official versions are
 * sealed with (`/key`) and, under /workspaces/:slug, the process page once a facilitator published
 * it and the official versions (public from the first one on).
 * Whatever is not published answers 404, as if it did not exist.
 */
export function publicRoutes(ctx: AppContext) {
  const drafts = new PublicDraftCache(ctx.store, ctx.planReads);
  const recordDeps = { store: ctx.store, planReads: ctx.planReads };
  // As the draft: one computation per workspace per period, whoever reads it.
  const records = new ExpiringCache<CocreationRecord>(PUBLIC_DRAFT_CACHE_MS);
  const consultationDrafts = new ExpiringCache<ConsultationDraftResponse>(PUBLIC_DRAFT_CACHE_MS);
  const key: PublicKeyResponse = {
    algorithm: SEAL_ALGORITHM,
    publicKey: ctx.signingKey.publicKeyPem,
    fingerprint: ctx.signingKey.fingerprint,
  };
  return new Hono<AppEnv>()
    .get("/key", (c) => c.json(key))
    .get("/workspaces/:slug/record", pathParams(slugParams), async (c) => {
      const { record } = await readPublicRecord(recordDeps, c.req.valid("param").slug, records);
      return c.json({ record });
    })
    .get(
      "/workspaces/:slug/record/export",
      pathParams(slugParams),
      queryParams(recordExportQuery),
      async (c) => {
        const { slug: workspaceSlug, record } = await readPublicRecord(
          recordDeps,
          c.req.valid("param").slug,
          records,
        );
        return sendRecord(c, record, c.req.valid("query").format, workspaceSlug);
      },
    )
    .get("/workspaces/:slug", pathParams(slugParams), async (c) =>
      c.json(await publicProcess(ctx, c.req.valid("param").slug, new Date())),
    )
    .get("/workspaces/:slug/draft", pathParams(slugParams), async (c) => {
      const answer = await drafts.read(c.req.valid("param").slug);
      c.header("Cache-Control", "no-cache");
      return sendJson(c, answer);
    })
    .get("/workspaces/:slug/consultation", pathParams(slugParams), async (c) =>
      c.json(await publicConsultationPage(ctx, c.req.valid("param").slug)),
    )
    .get(
      "/workspaces/:slug/consultation/inputs",
      pathParams(slugParams),
      queryParams(inputsPageQuery),
      async (c) =>
        c.json(
          await publicConsultationInputs(ctx, c.req.valid("param").slug, c.req.valid("query").after ?? null),
        ),
    )
    .get("/workspaces/:slug/consultation/draft", pathParams(slugParams), async (c) => {
      c.header("Cache-Control", "no-cache");
      return c.json(await consultationDraft(ctx, c.req.valid("param").slug, consultationDrafts));
    })
    .get("/workspaces/:slug/consultation/report", pathParams(slugParams), async (c) =>
      c.json(await publicReport(ctx, c.req.valid("param").slug)),
    )
    .get(
      "/workspaces/:slug/consultation/report/export",
      pathParams(slugParams),
      queryParams(reportExportQuery),
      async (c) => {
        const { slug: workspaceSlug } = c.req.valid("param");
        const { format, lang } = c.req.valid("query");
        const { report } = await publicReport(ctx, workspaceSlug);
        return sendExport(c, exportReport(report, format, lang ?? "en", workspaceSlug));
      },
    )
    .get("/workspaces/:slug/meetings/:meetingId/minutes", pathParams(meetingParams), async (c) => {
      const { slug: workspaceSlug, meetingId } = c.req.valid("param");
      return c.json({ minutes: await publicMinutes(ctx.store, workspaceSlug, meetingId) });
    })
    .get("/workspaces/:slug/meetings/:meetingId/calendar.ics", pathParams(meetingParams), async (c) => {
      const { slug: workspaceSlug, meetingId } = c.req.valid("param");
      const meeting = await publicMeeting(ctx.store, workspaceSlug, meetingId);
      const origin = ctx.config.publicOrigin ?? new URL(c.req.url).origin;
      c.header("Content-Type", "text/calendar; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${workspaceSlug}-${meetingId}.ics"`);
      return c.body(await meetingCalendar(meeting, `${origin}/p/${workspaceSlug}`));
    })
    .get("/workspaces/:slug/versions", pathParams(slugParams), async (c) =>
      c.json(await publicVersions(ctx, c.req.valid("param").slug)),
    )
    .get("/workspaces/:slug/versions/:number", pathParams(versionParams), async (c) => {
      const { slug: workspaceSlug, number } = c.req.valid("param");
      return sendJson(c, await publicVersionJson(ctx, workspaceSlug, number));
    })
    .get(
      "/workspaces/:slug/versions/:number/export",
      pathParams(versionParams),
      queryParams(exportQuery),
      async (c) => {
        const { slug: workspaceSlug, number } = c.req.valid("param");
        const { format, lang } = c.req.valid("query");
        const head = await publicVersionHead(ctx, workspaceSlug, number);
        return sendExport(c, await ctx.planReads.versionExport(head, format, lang ?? "en", workspaceSlug));
      },
    );
}
