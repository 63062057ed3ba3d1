import { Hono } from "hono";
import { z } from "zod";
import { publicVersion, publicVersions } from "../commands/freezePublic";
import type { AppContext, AppEnv } from "../context";
import { exportVersion } from "../export";
import { pathParams, queryParams } from "./validate";
import { exportQuery, sendExport, versionNumber } from "./versions";

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, "not a workspace address");
const slugParams = z.strictObject({ slug });
const versionParams = z.strictObject({ slug, number: z.union([z.literal("latest"), versionNumber]) });

/**
 * The published action plans, readable without a session: /api/public/workspaces/:slug/versions.
 * Only official versions whose hash checks out are shown; a workspace with none does not exist here.
 */
export function publicRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/workspaces/:slug/versions", pathParams(slugParams), (c) =>
      c.json(publicVersions(ctx.store, c.req.valid("param").slug)),
    )
    .get("/workspaces/:slug/versions/:number", pathParams(versionParams), (c) => {
      const { slug: workspaceSlug, number } = c.req.valid("param");
      return c.json(publicVersion(ctx.store, workspaceSlug, number));
    })
    .get(
      "/workspaces/:slug/versions/:number/export",
      pathParams(versionParams),
      queryParams(exportQuery),
      (c) => {
        const { slug: workspaceSlug, number } = c.req.valid("param");
        const { format, lang } = c.req.valid("query");
        const { version } = publicVersion(ctx.store, workspaceSlug, number);
        return sendExport(c, exportVersion(version, format, lang ?? "en", workspaceSlug));
      },
    );
}
