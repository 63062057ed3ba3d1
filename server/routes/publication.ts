import { nameConsentBody, publicationBody, roadmapBody, signOffRulesBody } from "@shared/publicationBodies";
import { Hono } from "hono";
import { requireUser } from "../auth/session";
import { readPublication, setNameConsent, updatePublication, updateRoadmap } from "../commands/publication";
import { readSignOffRules, updateSignOffRules } from "../commands/signOffRules";
import type { AppContext, AppEnv } from "../context";
import { jsonBody, pathParams, workspaceParams } from "./validate";

/**
 * The public process page's settings, under /api/workspaces/:id/publication: what is published
 * (facilitators), the roadmap (facilitators) and each member's consent to be named (their own);
 * and the forum's sign-off rules under /api/workspaces/:id/signoff-rules (facilitators set them).
 */
export function publicationRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/:id/publication", pathParams(workspaceParams), async (c) =>
      c.json(await readPublication(ctx, requireUser(c).id, c.req.valid("param").id)),
    )
    .put("/:id/publication", pathParams(workspaceParams), jsonBody(publicationBody), async (c) => {
      const settings = await updatePublication(
        ctx,
        requireUser(c).id,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json({ settings });
    })
    .put("/:id/publication/roadmap", pathParams(workspaceParams), jsonBody(roadmapBody), async (c) => {
      const phases = c.req.valid("json").phases;
      return c.json({
        roadmap: await updateRoadmap(ctx, requireUser(c).id, c.req.valid("param").id, phases),
      });
    })
    .put("/:id/publication/consent", pathParams(workspaceParams), jsonBody(nameConsentBody), async (c) => {
      const { showName } = c.req.valid("json");
      return c.json({
        showName: await setNameConsent(ctx, requireUser(c).id, c.req.valid("param").id, showName),
      });
    })
    .get("/:id/signoff-rules", pathParams(workspaceParams), async (c) =>
      c.json({ rules: await readSignOffRules(ctx, requireUser(c).id, c.req.valid("param").id) }),
    )
    .put("/:id/signoff-rules", pathParams(workspaceParams), jsonBody(signOffRulesBody), async (c) => {
      const rules = await updateSignOffRules(
        ctx,
        requireUser(c).id,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json({ rules });
    });
}
