import type { changePasswordBody, User } from "@shared/api";
import type { z } from "zod";
import { hashPassword, verifyPassword } from "../auth/password";
import type { AppContext } from "../context";
import { badRequest, tooMany } from "../errors";
import { requireStrongPassword } from "./signUp";

interface Request {
  user: User;
  /** Where the request came from, for the same throttle as sign-in. */
  address: string;
  body: z.infer<typeof changePasswordBody>;
}

/**
 * Changes an account's password: the current one must be right (a borrowed, signed-in browser is
 * not enough; wrong guesses count against the sign-in throttle) and the new one as strong as
 * sign-up asks. Ending the sessions is the route's part (it sets this browser's new cookie).
 */
export async function changePassword(ctx: AppContext, { user, address, body }: Request): Promise<void> {
  const decision = await ctx.loginThrottle.check(user.email, address);
  if (!decision.allowed) throw tooMany("Too many wrong passwords. Wait a few minutes and try again.");
  const found = await ctx.store.users.credentialsByEmail(user.email);
  if (!found || !(await verifyPassword(found.passwordHash, body.currentPassword))) {
    await ctx.loginThrottle.recordFailure(user.email, address);
    const message = "the current password is wrong";
    throw badRequest("wrong_password", `currentPassword: ${message}`, [{ path: "currentPassword", message }]);
  }
  await requireStrongPassword(body.newPassword, [user.email, user.name], "newPassword");
  await ctx.store.users.setPasswordHash(user.id, await hashPassword(body.newPassword));
  await ctx.loginThrottle.recordSuccess(user.email, address);
}
