import type { User } from "@shared/api";
import { Lucia, TimeSpan } from "lucia";
import type { Config } from "../config";
import type { SessionStore } from "../store/sessions";
import { createSessionAdapter } from "./adapter";
import type { SessionRevocation } from "./revocation";
import type { SessionCache } from "./sessionCache";

export const SESSION_COOKIE = "cocrea_session";

type UserAttributes = Omit<User, "id">;

export type Auth = Lucia<Record<never, never>, UserAttributes>;

declare module "lucia" {
  interface Register {
    Lucia: Auth;
    DatabaseUserAttributes: UserAttributes;
  }
}

/** How long a session lasts unless used in its second half. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Lucia over our session table. Sessions last 30 days and are extended when used in their
 * second half; the cookie is HttpOnly, SameSite=Lax, and Secure when the site is served over HTTPS.
 * Every session that ends is announced on `revocation`.
 */
export function createAuth(
  sessions: SessionStore,
  revocation: SessionRevocation,
  config: Pick<Config, "secureCookies">,
  lifetimeMs = SESSION_LIFETIME_MS,
  cache?: SessionCache,
): Auth {
  return new Lucia(createSessionAdapter(sessions, revocation, cache), {
    sessionExpiresIn: new TimeSpan(lifetimeMs, "ms"),
    sessionCookie: {
      name: SESSION_COOKIE,
      attributes: { sameSite: "lax", secure: config.secureCookies, path: "/" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      locale: attributes.locale,
    }),
  });
}
