import type { User } from "@shared/api";
import { Lucia } from "lucia";
import type { Config } from "../config";
import type { SessionStore } from "../store/sessions";
import { createSessionAdapter } from "./adapter";

export const SESSION_COOKIE = "cocrea_session";

type UserAttributes = Omit<User, "id">;

export type Auth = Lucia<Record<never, never>, UserAttributes>;

declare module "lucia" {
  interface Register {
    Lucia: Auth;
    DatabaseUserAttributes: UserAttributes;
  }
}

/**
 * Lucia over our session table. Sessions last 30 days and are extended when used in their
 * second half; the cookie is HttpOnly, SameSite=Lax, and Secure when the site is served over HTTPS.
 */
export function createAuth(sessions: SessionStore, config: Pick<Config, "secureCookies">): Auth {
  return new Lucia(createSessionAdapter(sessions), {
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
