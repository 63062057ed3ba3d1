import type { User } from "@shared/api";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { unauthorized } from "../errors";
import type { Auth } from "./lucia";

/**
 * Reads the session cookie into `c.var.user`. Renews the cookie when Lucia extended the session,
 * and clears a cookie whose session is gone, so the browser stops sending it.
 */
export function sessionMiddleware(auth: Auth): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    const sessionId = auth.readSessionCookie(c.req.header("Cookie") ?? "");
    if (sessionId) {
      const { session, user } = await auth.validateSession(sessionId);
      if (session) {
        c.set("user", user);
        c.set("sessionId", session.id);
        if (session.fresh) setCookie(c, auth.createSessionCookie(session.id).serialize());
      } else {
        setCookie(c, auth.createBlankSessionCookie().serialize());
      }
    }
    await next();
  };
}

/** Adds a Set-Cookie header without replacing others set on the same response. */
export const setCookie = (c: Context, serialized: string): void =>
  c.header("Set-Cookie", serialized, { append: true });

/** The signed-in user, or a 401. */
export function requireUser(c: Context<AppEnv>): User {
  const user = c.get("user");
  if (!user) throw unauthorized();
  return user;
}

/** Refuses (401) any request without a valid session. */
export const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireUser(c);
  await next();
};
