import { updateMeBody } from "@shared/api";
import { Hono } from "hono";
import { requireUser } from "../auth/session";
import type { AppContext, AppEnv } from "../context";
import { notFound } from "../errors";
import { jsonBody } from "./validate";

/** The signed-in user: /api/me. */
export function meRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/", (c) => c.json({ user: requireUser(c) }))
    .patch("/", jsonBody(updateMeBody), async (c) => {
      const { id } = requireUser(c);
      const user = await ctx.store.users.update(id, c.req.valid("json"));
      if (!user) throw notFound("User");
      return c.json({ user });
    });
}
