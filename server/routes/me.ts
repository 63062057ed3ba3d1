import { changePasswordBody, updateMeBody } from "@shared/api";
import { Hono } from "hono";
import { clientAddress } from "../auth/clientAddress";
import { requireUser, setCookie } from "../auth/session";
import { changePassword } from "../commands/changePassword";
import type { AppContext, AppEnv } from "../context";
import { notFound } from "../errors";
import { jsonBody } from "./validate";

/** The signed-in user: /api/me, and /api/me/password to change the password. */
export function meRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .get("/", (c) => c.json({ user: requireUser(c) }))
    .patch("/", jsonBody(updateMeBody), async (c) => {
      const { id } = requireUser(c);
      const user = await ctx.store.users.update(id, c.req.valid("json"));
      if (!user) throw notFound("User");
      // The next request reads the new name (other instances within the cache's few seconds).
      ctx.sessionCache.forgetUser(id);
      return c.json({ user });
    })
    .post("/password", jsonBody(changePasswordBody), async (c) => {
      const user = requireUser(c);
      const address = clientAddress(c, ctx.config.trustProxy);
      await changePassword(ctx, { user, address, body: c.req.valid("json") });
      // Every session of the account ends (their sockets and streams close through the revocation
      // bus), and this browser gets a fresh one: a new session id after a credential change, as
      // OWASP advises, so a token taken before the change is worth nothing after it.
      await ctx.auth.invalidateUserSessions(user.id);
      const session = await ctx.auth.createSession(user.id, {});
      setCookie(c, ctx.auth.createSessionCookie(session.id).serialize());
      return c.body(null, 204);
    });
}
