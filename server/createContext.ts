import path from "node:path";
import { sessionKey } from "./auth/adapter";
import { type AttemptLimiter, GrowingDelayLimiter } from "./auth/attemptLimiter";
import { LiveSessions } from "./auth/liveSessions";
import { LoginThrottle, type LoginThrottleLimiters } from "./auth/loginThrottle";
import { createAuth } from "./auth/lucia";
import { createInProcessRevocation } from "./auth/revocation";
import { OfficialVersions } from "./commands/officialVersions";
import type { Config } from "./config";
import type { AppContext, DocumentChanges } from "./context";
import { createInProcessRelay } from "./events/relay";
import { databaseWritable, Health } from "./ops/health";
import { createLog, type Log } from "./ops/log";
import { createMetrics } from "./ops/metrics";
import { loadSigningKey } from "./seal/signingKey";
import { createStore } from "./store";
import { openDb } from "./store/db";
import { createSqliteDocumentStore } from "./store/documents";
import { SqliteSql } from "./store/sqliteSql";

/** Until attachCollab runs, nothing could store or relay a document change. */
const collabNotAttached: DocumentChanges = {
  change: () => Promise.reject(new Error("the collaboration server is not running")),
};

export interface ContextOptions {
  /** Limiters for failed sign-ins (the in-memory ones with the documented numbers by default). */
  loginLimiters?: LoginThrottleLimiters;
  signupLimiter?: AttemptLimiter;
  /** Sessions last 30 days unless a test wants them to expire sooner. */
  sessionLifetimeMs?: number;
  /** The logger to use instead of one on stdout at config.logLevel. */
  log?: Log;
}

/** The numbers, documented in the README's Security section; `free` comes from the config. */
export const SIGNUP_THROTTLE = {
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: 60 * 60_000,
} as const;

/** Opens the database in `config.dataDir` and builds everything the REST and collab halves share. */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const db = openDb(path.join(config.dataDir, "cocrea.db"));
  const sql = new SqliteSql(db);
  const store = createStore(sql);
  const revocation = createInProcessRevocation();
  const auth = createAuth(store.sessions, revocation, config, options.sessionLifetimeMs);
  const liveSessions = new LiveSessions(store.sessions, revocation, {
    caps: { socket: config.maxSocketsPerUser, stream: config.maxStreamsPerUser },
  });
  // Sessions are checked for expiry when used; this clears those of people who never came back.
  await store.sessions.deleteExpired(Date.now());
  const relay = createInProcessRelay();
  const log = options.log ?? createLog(config.logLevel);
  const signingKey = loadSigningKey(config.signingKeyFile, (message) => log.warn(message));
  const metrics = createMetrics();
  const health = new Health(log);
  health.add("database", databaseWritable(sql));
  return {
    config,
    db,
    sql,
    store,
    documentStore: createSqliteDocumentStore(sql),
    auth,
    relay,
    liveSessions,
    log,
    metrics,
    health,
    loginThrottle: new LoginThrottle(options.loginLimiters),
    signupLimiter:
      options.signupLimiter ??
      new GrowingDelayLimiter({ ...SIGNUP_THROTTLE, free: config.signupFreePerAddress, maxKeys: 10_000 }),
    signingKey,
    officialVersions: new OfficialVersions(store, signingKey, log),
    documents: collabNotAttached,
    async authenticate(cookieHeader) {
      const sessionId = auth.readSessionCookie(cookieHeader ?? "");
      if (!sessionId) return null;
      const { user, session } = await auth.validateSession(sessionId);
      return user && session ? { user, sessionKey: sessionKey(session.id) } : null;
    },
    membership: async (workspaceId, userId) => store.memberships.get(workspaceId, userId),
    close() {
      liveSessions.close();
      relay.close();
      db.close();
    },
  };
}
