import type { Membership, User } from "@shared/api";
import type { LoginThrottle } from "./auth/loginThrottle";
import type { Auth } from "./auth/lucia";
import type { Config } from "./config";
import type { EventRelay } from "./events/relay";
import type { Store } from "./store";
import type { Db } from "./store/db";

/**
 * What the REST app and the collaboration server share. Built once by `createContext` in
 * main.ts (and by the test server helper), so both halves use one database and one auth.
 */
export interface AppContext {
  config: Config;
  db: Db;
  /** Resolves the session cookie of a request (HTTP or WebSocket upgrade) to its user, or null. */
  authenticate(cookieHeader: string | undefined): Promise<User | null>;
  /** The user's membership in a workspace, or null when not a member. */
  membership(workspaceId: string, userId: string): Membership | null;
  /** Closes the database; call last. */
  close(): void;
  /** The tables, behind one interface. */
  store: Store;
  /** Lucia: sessions and their cookie. */
  auth: Auth;
  /** Fans committed events out to live streams. */
  relay: EventRelay;
  /** Counts failed sign-ins per account and per address. */
  loginThrottle: LoginThrottle;
}

/** Hono's per-request variables, set by the session middleware. */
export interface AppEnv {
  Variables: {
    user: User | null;
    sessionId: string | null;
  };
}
