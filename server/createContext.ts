import path from "node:path";
import { LoginThrottle, type LoginThrottleOptions } from "./auth/loginThrottle";
import { createAuth } from "./auth/lucia";
import type { Config } from "./config";
import type { AppContext, DocumentChanges } from "./context";
import { createInProcessRelay } from "./events/relay";
import { Health, sqliteWritable } from "./ops/health";
import { createLog, type Log } from "./ops/log";
import { createMetrics } from "./ops/metrics";
import { createStore } from "./store";
import { openDb } from "./store/db";

/** Until attachCollab runs, nothing could store or relay a document change. */
const collabNotAttached: DocumentChanges = {
  change: () => Promise.reject(new Error("the collaboration server is not running")),
};

export interface ContextOptions {
  loginThrottle?: LoginThrottleOptions;
  /** The logger to use instead of one on stdout at config.logLevel. */
  log?: Log;
}

/** Opens the database in `config.dataDir` and builds everything the REST and collab halves share. */
export function createContext(config: Config, options: ContextOptions = {}): AppContext {
  const db = openDb(path.join(config.dataDir, "cocrea.db"));
  const store = createStore(db);
  const auth = createAuth(store.sessions, config);
  // Sessions are checked for expiry when used; this clears those of people who never came back.
  store.sessions.deleteExpired(Date.now());
  const relay = createInProcessRelay();
  const log = options.log ?? createLog(config.logLevel);
  const metrics = createMetrics();
  const health = new Health(log);
  health.add("database", sqliteWritable(db));
  return {
    config,
    db,
    store,
    auth,
    relay,
    log,
    metrics,
    health,
    loginThrottle: new LoginThrottle(options.loginThrottle),
    documents: collabNotAttached,
    async authenticate(cookieHeader) {
      const sessionId = auth.readSessionCookie(cookieHeader ?? "");
      if (!sessionId) return null;
      const { user } = await auth.validateSession(sessionId);
      return user;
    },
    membership: (workspaceId, userId) => store.memberships.get(workspaceId, userId),
    close() {
      relay.close();
      db.close();
    },
  };
}
