import type { Membership, User } from "@shared/api";
import type { Config } from "./config";
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
}
