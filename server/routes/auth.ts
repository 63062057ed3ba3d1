import { loginBody, signupBody } from "@shared/api";
import { type Context, Hono } from "hono";
import { clientAddress } from "../auth/clientAddress";
import { verifyPassword } from "../auth/password";
import { requireUser, setCookie } from "../auth/session";
import { signUp } from "../commands/signUp";
import type { AppContext, AppEnv } from "../context";
import { ApiException, tooMany } from "../errors";
import { jsonBody } from "./validate";

/**
 * Sign-up, sign-in and sign-out: /api/auth/*. Every session that ends here also closes the
 * sockets and event streams opened with it (the adapter announces it on the revocation bus).
 */
/** Signs the browser in as `userId`, ending the session it had before. */
export async function startSession(ctx: AppContext, c: Context<AppEnv>, userId: string): Promise<void> {
  const previous = c.get("sessionId");
  if (previous) await ctx.auth.invalidateSession(previous);
  const session = await ctx.auth.createSession(userId, {});
  setCookie(c, ctx.auth.createSessionCookie(session.id).serialize());
}

/** Refuses a sign-up with 429 when its address made too many accounts just now; counts this one. */
export async function limitSignups(ctx: AppContext, c: Context<AppEnv>): Promise<void> {
  const address = clientAddress(c, ctx.config.trustProxy);
  const decision = await ctx.signupLimiter.check(address);
  if (!decision.allowed) {
    c.header("Retry-After", String(decision.retryAfterSeconds));
    throw tooMany("Too many accounts were created from this network just now. Wait a little and try again.");
  }
  // Counted whatever the outcome: probing which emails are taken costs the same as signing up.
  await ctx.signupLimiter.record(address);
}

export function authRoutes(ctx: AppContext) {
  return new Hono<AppEnv>()
    .post("/signup", jsonBody(signupBody), async (c) => {
      await limitSignups(ctx, c);
      const user = await signUp(ctx.store, c.req.valid("json"));
      await startSession(ctx, c, user.id);
      return c.json({ user }, 201);
    })
    .post("/login", jsonBody(loginBody), async (c) => {
      const { email, password } = c.req.valid("json");
      const address = clientAddress(c, ctx.config.trustProxy);
      // Checked before the password, so a correct guess after the limit gets the same refusal.
      const decision = await ctx.loginThrottle.check(email, address);
      if (!decision.allowed) {
        c.header("Retry-After", String(decision.retryAfterSeconds));
        throw tooMany("Too many failed sign-ins. Wait a few minutes and try again.");
      }
      const found = await ctx.store.users.credentialsByEmail(email.toLowerCase());
      const valid = await verifyPassword(found?.passwordHash ?? null, password);
      if (!found || !valid) {
        await ctx.loginThrottle.recordFailure(email, address);
        throw new ApiException(401, "invalid_credentials", "The email or the password is wrong.");
      }
      await ctx.loginThrottle.recordSuccess(email, address);
      await startSession(ctx, c, found.user.id);
      return c.json({ user: found.user });
    })
    .post("/logout", async (c) => {
      const sessionId = c.get("sessionId");
      if (sessionId) await ctx.auth.invalidateSession(sessionId);
      setCookie(c, ctx.auth.createBlankSessionCookie().serialize());
      return c.body(null, 204);
    })
    .post("/logout-everywhere", async (c) => {
      // Every session of the account, this one included: for a lost phone or a shared computer.
      await ctx.auth.invalidateUserSessions(requireUser(c).id);
      setCookie(c, ctx.auth.createBlankSessionCookie().serialize());
      return c.body(null, 204);
    });
}
