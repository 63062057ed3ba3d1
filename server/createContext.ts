import { sessionKey } from "./auth/adapter";
import { type AttemptLimiter, GrowingDelayLimiter } from "./auth/attemptLimiter";
import {
  InputThrottle,
  type InputThrottleLimiters,
  memoryInputLimiters,
  redisInputLimiters,
} from "./auth/inputThrottle";
import { LiveSessions, type SharedLeaseCounts } from "./auth/liveSessions";
import { LoginThrottle, type LoginThrottleLimiters, redisLoginLimiters } from "./auth/loginThrottle";
import { createAuth } from "./auth/lucia";
import { createRedisLeaseCounts } from "./auth/redisLeases";
import { RedisGrowingDelayLimiter } from "./auth/redisLimiter";
import { createInProcessRevocation, createRedisRevocation, type SessionRevocation } from "./auth/revocation";
import { SessionCache } from "./auth/sessionCache";
import { createRedisDocumentRelay } from "./collab/redisRelay";
import { createInProcessDocumentRelay, type DocumentRelay } from "./collab/relay";
import { OfficialVersions } from "./commands/officialVersions";
import type { Config } from "./config";
import type { AppContext, DocumentChanges } from "./context";
import { BatchedCommit } from "./events/batchedCommit";
import { createRedisEventRelay } from "./events/redisRelay";
import { createInProcessRelay, type EventRelay } from "./events/relay";
import { databaseWritable, Health } from "./ops/health";
import { createLog, type Log } from "./ops/log";
import { createMetrics, type Metrics } from "./ops/metrics";
import { PlanReads } from "./reads/PlanReads";
import { ReadWorker } from "./reads/ReadWorker";
import type { RedisLink } from "./redis/link";
import { loadSigningKey } from "./seal/signingKey";
import { createStore, type Store } from "./store";
import { openDatabase } from "./store/database";

/** Until attachCollab runs, nothing could store or relay a document change. */
const collabNotAttached: DocumentChanges = {
  change: () => Promise.reject(new Error("the collaboration server is not running")),
};

export interface ContextOptions {
  /** Limiters for failed sign-ins (the in-memory ones with the documented numbers by default). */
  loginLimiters?: LoginThrottleLimiters;
  signupLimiter?: AttemptLimiter;
  /** Limiters for consultation inputs and supports (the in-memory ones with the documented numbers by default). */
  inputLimiters?: InputThrottleLimiters;
  /** Sessions last 30 days unless a test wants them to expire sooner. */
  sessionLifetimeMs?: number;
  /** How long a looked-up session is reused (0: read it on every request). */
  sessionCacheTtlMs?: number;
  /** The logger to use instead of one on stdout at config.logLevel. */
  log?: Log;
}

/** The numbers, documented in the README's Security section; `free` comes from the config. */
export const SIGNUP_THROTTLE = {
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: 60 * 60_000,
} as const;

/** What several instances must share: kept in this process alone, or in Redis when one is configured. */
interface Shared {
  redis: RedisLink | null;
  revocation: SessionRevocation;
  relay: EventRelay;
  documentRelay: DocumentRelay;
  loginLimiters: LoginThrottleLimiters | undefined;
  signupLimiter: AttemptLimiter;
  inputLimiters: InputThrottleLimiters;
  leaseCounts: SharedLeaseCounts | undefined;
}

async function createShared(
  config: Config,
  store: Store,
  log: Log,
  metrics: Metrics,
  options: ContextOptions,
): Promise<Shared> {
  const signupThrottle = { ...SIGNUP_THROTTLE, free: config.signupFreePerAddress };
  if (config.redisUrl === null) {
    return {
      redis: null,
      revocation: createInProcessRevocation(),
      relay: createInProcessRelay(),
      documentRelay: createInProcessDocumentRelay(),
      loginLimiters: options.loginLimiters,
      signupLimiter: options.signupLimiter ?? new GrowingDelayLimiter({ ...signupThrottle, maxKeys: 10_000 }),
      inputLimiters: options.inputLimiters ?? memoryInputLimiters(config.inputsFreePerAddress),
      leaseCounts: undefined,
    };
  }
  // Loaded only in a cluster: the embedded process never holds ioredis (about 4 MB).
  const { RedisLink } = await import("./redis/link");
  const redis = new RedisLink(config.redisUrl, {
    log,
    countError: (operation) => metrics.redisErrors.inc({ operation }),
  });
  return {
    redis,
    revocation: createRedisRevocation(redis),
    relay: createRedisEventRelay(redis, store.events, log),
    documentRelay: createRedisDocumentRelay(redis),
    loginLimiters: options.loginLimiters ?? redisLoginLimiters(redis),
    signupLimiter: options.signupLimiter ?? new RedisGrowingDelayLimiter(redis, "signup", signupThrottle),
    inputLimiters: options.inputLimiters ?? redisInputLimiters(redis, config.inputsFreePerAddress),
    leaseCounts: createRedisLeaseCounts(redis),
  };
}

/**
 * Opens the database (PostgreSQL at `config.databaseUrl`, else SQLite in `config.dataDir`) and
 * builds everything the REST and collab halves share.
 */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const database = await openDatabase(config);
  const { sql } = database;
  const store = createStore(sql);
  const { documentStore } = database;
  const log = options.log ?? createLog(config.logLevel);
  const metrics = createMetrics();
  const shared = await createShared(config, store, log, metrics, options);
  const { redis, revocation, relay } = shared;
  const sessionCache = new SessionCache(revocation, options.sessionCacheTtlMs);
  const auth = createAuth(store.sessions, revocation, config, options.sessionLifetimeMs, sessionCache);
  const liveSessions = new LiveSessions(store.sessions, revocation, {
    caps: { socket: config.maxSocketsPerUser, stream: config.maxStreamsPerUser },
    shared: shared.leaseCounts,
  });
  // Sessions are checked for expiry when used; this clears those of people who never came back.
  await store.sessions.deleteExpired(Date.now());
  const signingKey = loadSigningKey(config.signingKeyFile, (message) => log.warn(message));
  const officialVersions = new OfficialVersions(store, signingKey, log);
  const readWorker = new ReadWorker();
  const health = new Health(log);
  health.add("database", databaseWritable(sql));
  if (redis) health.add("redis", () => redis.check());
  return {
    config,
    db() {
      if (!database.sqlite) throw new Error("this instance runs on PostgreSQL: it has no SQLite connection");
      return database.sqlite;
    },
    sql,
    store,
    documentStore,
    auth,
    relay,
    documentRelay: shared.documentRelay,
    redis,
    liveSessions,
    log,
    metrics,
    health,
    loginThrottle: new LoginThrottle(shared.loginLimiters),
    signupLimiter: shared.signupLimiter,
    inputThrottle: new InputThrottle(shared.inputLimiters),
    signingKey,
    officialVersions,
    planReads: new PlanReads(store, documentStore, officialVersions, readWorker),
    batchedCommit: new BatchedCommit({ store, relay }),
    sessionCache,
    documents: collabNotAttached,
    async authenticate(cookieHeader) {
      const sessionId = auth.readSessionCookie(cookieHeader ?? "");
      if (!sessionId) return null;
      const { user, session } = await auth.validateSession(sessionId);
      return user && session ? { user, sessionKey: sessionKey(session.id) } : null;
    },
    membership: async (workspaceId, userId) => store.memberships.get(workspaceId, userId),
    async close() {
      liveSessions.close();
      sessionCache.close();
      relay.close();
      void readWorker.close();
      redis?.close();
      await database.close();
    },
  };
}
