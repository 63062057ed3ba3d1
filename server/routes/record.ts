import type { CocreationRecord } from "@shared/record";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { requireUser } from "../auth/session";
import { readPlanAuthors, readRecord } from "../commands/record";
import type { AppContext, AppEnv } from "../context";
import { recordCsv } from "../record/csv";
import { pathParams, queryParams, workspaceParams } from "./validate";

/** `?format=csv|json` of a record download. */
export const recordExportQuery = z.strictObject({ format: z.enum(["csv", "json"]) });

/** Answers with the record as a file, `<slug>-record.<csv|json>`. */
export function sendRecord(
  c: Context,
  record: CocreationRecord,
  format: "csv" | "json",
  slug: string,
): Response {
  c.header("Content-Disposition", `attachment; filename="${slug}-record.${format}"`);
  c.header("Cache-Control", "no-store");
  if (format === "json") {
    c.header("Content-Type", "application/json; charset=utf-8");
    return c.body(`${JSON.stringify(record, null, 2)}\n`);
  }
  c.header("Content-Type", "text/csv; charset=utf-8; header=present");
  return c.body(recordCsv(record));
}

/** The record of co-creation for members, under /api/workspaces/:id/record (see the README). */
export function recordRoutes(ctx: AppContext) {
  const deps = { store: ctx.store, planReads: ctx.planReads };
  return new Hono<AppEnv>()
    .get("/:id/record", pathParams(workspaceParams), async (c) =>
      c.json({ record: await readRecord(deps, requireUser(c).id, c.req.valid("param").id) }),
    )
    .get("/:id/record/authors", pathParams(workspaceParams), async (c) =>
      c.json({ authors: await readPlanAuthors(deps, requireUser(c).id, c.req.valid("param").id) }),
    )
    .get("/:id/record/export", pathParams(workspaceParams), queryParams(recordExportQuery), async (c) => {
      const { id } = c.req.valid("param");
      const record = await readRecord(deps, requireUser(c).id, id);
      const slug = (await ctx.store.workspaces.byId(id))?.slug ?? id;
      return sendRecord(c, record, c.req.valid("query").format, slug);
    });
}
