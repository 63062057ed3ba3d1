import { EXPORT_FORMATS, FREEZE_REASON_MAX, HASH_PATTERN } from "@shared/freeze";
import { LOCALES } from "@shared/locales";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/session";
import {
  decide,
  type FreezeDeps,
  freezeStatus,
  listVersions,
  proposeFreeze,
  readDraft,
  readPlanState,
  readProposal,
  versionHead,
  withdrawProposal,
} from "../commands/freeze";
import type { AppContext, AppEnv } from "../context";
import { notFound } from "../errors";
import type { ExportFile } from "../export";
import { jsonBody, pathParams, queryParams, recordId, workspaceParams } from "./validate";

const proposalParams = z.strictObject({ id: recordId, proposalId: recordId });
/** Version numbers in paths: 1, 2, … */
export const versionNumber = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "not a version number")
  .transform(Number);
const versionParams = z.strictObject({ id: recordId, number: versionNumber });

const hash = z.string().regex(HASH_PATTERN, "must be the 64-character SHA-256 hex the proposal shows");
const reason = z.string().trim().min(1).max(FREEZE_REASON_MAX);
const signBody = z.strictObject({ hash });
const declineBody = z.strictObject({ hash, reason });
const withdrawBody = z.strictObject({ reason: reason.optional() });

/** `?format=md|docx|json&lang=en|es|fr` of an export. */
export const exportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  lang: z.enum(LOCALES).optional(),
});

/** Answers with an export as a download. */
export function sendExport(c: Context, file: ExportFile): Response {
  c.header("Content-Type", file.contentType);
  c.header("Content-Disposition", `attachment; filename="${file.filename}"`);
  c.header("Cache-Control", "no-store");
  return c.body(file.body as string | Uint8Array<ArrayBuffer>);
}

/** Answers with JSON already written (a read of several megabytes is not parsed and written again). */
export function sendJson(c: Context, json: string | Uint8Array): Response {
  c.header("Content-Type", "application/json; charset=UTF-8");
  return c.body(json as string | Uint8Array<ArrayBuffer>);
}

/**
 * Freezing the plan and its official versions, under /api/workspaces/:id: the self-check and
 * open proposal (`/freeze`), proposals and their sign-off, versions, exports and the draft to
 * compare with (see the README).
 */
export function versionRoutes(ctx: AppContext) {
  const deps: FreezeDeps = { ...ctx, documents: ctx.documentStore };
  return new Hono<AppEnv>()
    .get("/:id/freeze", pathParams(workspaceParams), async (c) =>
      c.json(await freezeStatus(deps, requireUser(c).id, c.req.valid("param").id)),
    )
    .post("/:id/proposals", pathParams(workspaceParams), async (c) => {
      const proposal = await proposeFreeze(deps, requireUser(c).id, c.req.valid("param").id);
      return c.json({ proposal }, 201);
    })
    .get("/:id/proposals/:proposalId", pathParams(proposalParams), async (c) => {
      const { id, proposalId } = c.req.valid("param");
      return c.json(await readProposal(deps, requireUser(c).id, id, proposalId));
    })
    .post(
      "/:id/proposals/:proposalId/signatures",
      pathParams(proposalParams),
      jsonBody(signBody),
      async (c) => {
        const { id, proposalId } = c.req.valid("param");
        return c.json(
          await decide(deps, requireUser(c).id, id, proposalId, "signed", c.req.valid("json")),
          201,
        );
      },
    )
    .post(
      "/:id/proposals/:proposalId/declines",
      pathParams(proposalParams),
      jsonBody(declineBody),
      async (c) => {
        const { id, proposalId } = c.req.valid("param");
        return c.json(
          await decide(deps, requireUser(c).id, id, proposalId, "declined", c.req.valid("json")),
          201,
        );
      },
    )
    .post(
      "/:id/proposals/:proposalId/withdraw",
      pathParams(proposalParams),
      jsonBody(withdrawBody),
      async (c) => {
        const { id, proposalId } = c.req.valid("param");
        const proposal = await withdrawProposal(
          deps,
          requireUser(c).id,
          id,
          proposalId,
          c.req.valid("json").reason ?? null,
        );
        return c.json({ proposal });
      },
    )
    .get("/:id/versions", pathParams(workspaceParams), async (c) =>
      c.json(await listVersions(deps, requireUser(c).id, c.req.valid("param").id)),
    )
    .get("/:id/versions/:number", pathParams(versionParams), async (c) => {
      const { id, number } = c.req.valid("param");
      return sendJson(
        c,
        await ctx.officialVersions.detailJson(await versionHead(deps, requireUser(c).id, id, number)),
      );
    })
    .get("/:id/versions/:number/export", pathParams(versionParams), queryParams(exportQuery), async (c) => {
      const { id, number } = c.req.valid("param");
      const { format, lang } = c.req.valid("query");
      const head = await versionHead(deps, requireUser(c).id, id, number);
      const workspace = await ctx.store.workspaces.byId(id);
      if (!workspace) throw notFound("Workspace");
      return sendExport(c, await ctx.planReads.versionExport(head, format, lang ?? "en", workspace.slug));
    })
    .get("/:id/draft", pathParams(workspaceParams), async (c) =>
      sendJson(c, await readDraft(deps, requireUser(c).id, c.req.valid("param").id)),
    )
    .get("/:id/plan/state", pathParams(workspaceParams), async (c) => {
      const state = await readPlanState(deps, requireUser(c).id, c.req.valid("param").id);
      c.header("Content-Type", "application/octet-stream");
      // The live text: never kept by a cache, the socket brings what is newer anyway.
      c.header("Cache-Control", "no-store");
      return c.body(state as Uint8Array<ArrayBuffer>);
    });
}
