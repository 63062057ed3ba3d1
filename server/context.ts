import type { Membership, User } from "@shared/api";
import type * as Y from "yjs";
import type { AttemptLimiter } from "./auth/attemptLimiter";
import type { InputThrottle } from "./auth/inputThrottle";
import type { LiveSessions } from "./auth/liveSessions";
import type { LoginThrottle } from "./auth/loginThrottle";
import type { Auth } from "./auth/lucia";
import type { SessionCache } from "./auth/sessionCache";
import type { DocumentRelay } from "./collab/relay";
import type { OfficialVersions } from "./commands/officialVersions";
import type { Config } from "./config";
import type { BatchedCommit } from "./events/batchedCommit";
import type { EventRelay } from "./events/relay";
import type { Health } from "./ops/health";
import type { Log } from "./ops/log";
import type { Metrics } from "./ops/metrics";
import type { PlanReads } from "./reads/PlanReads";
import type { RedisLink } from "./redis/link";
import type { SigningKey } from "./seal/signingKey";
import type { Store } from "./store";
import type { Db } from "./store/db";
import type { DocumentStore } from "./store/documents";
import type { Sql } from "./store/sql";

/**
 * What the REST app and the collaboration server share. Built once by `createContext` in
 * main.ts (and by the test server helper), so both halves use one database and one auth.
 */
export interface AppContext {
  config: Config;
  /**
   * The SQLite connection, for what only SQLite has (WAL checkpoints) and tests that read storage
   * directly; throws on PostgreSQL. A method, so spreading the context never calls it.
   */
  db(): Db;
  /** The database, for the few queries no store module owns (health probe, tests). */
  sql: Sql;
  /** Resolves the session cookie of a request (HTTP or WebSocket upgrade) to its user, or null. */
  authenticate(cookieHeader: string | undefined): Promise<SignedIn | null>;
  /** The user's membership in a workspace, or null when not a member. */
  membership(workspaceId: string, userId: string): Promise<Membership | null>;
  /** Closes the database; call last. Resolves once its connections are closed. */
  close(): Promise<void>;
  /** The tables, behind one interface. */
  store: Store;
  /** Collaborative documents as stored (the live ones are `documents`). */
  documentStore: DocumentStore;
  /** Lucia: sessions and their cookie. */
  auth: Auth;
  /** Fans committed events out to live streams (on every instance, through Redis, in a cluster). */
  relay: EventRelay;
  /** Fans document updates and presence out to sockets (on every instance, in a cluster). */
  documentRelay: DocumentRelay;
  /** The Redis link several instances share; null for one instance on its own. */
  redis: RedisLink | null;
  /** Sockets and streams held by each session: closed when it ends, capped per user. */
  liveSessions: LiveSessions;
  /** Counts failed sign-ins per account at an address and per address. */
  loginThrottle: LoginThrottle;
  /** Counts sign-ups per address. */
  signupLimiter: AttemptLimiter;
  /** Counts consultation inputs and supports per account and per address. */
  inputThrottle: InputThrottle;
  /** Structured JSON logs (pino). */
  log: Log;
  /** Prometheus metrics, served on /metrics when configured. */
  metrics: Metrics;
  /** What GET /healthz checks. */
  health: Health;
  /** The Ed25519 key official versions are sealed with (its public half is published). */
  signingKey: SigningKey;
  /** The derived reads of plans (draft, self-check, version exports), made off the event loop and kept. */
  planReads: PlanReads;
  /** Official versions, checked (and the check cached) before they are served, sealed when made. */
  officialVersions: OfficialVersions;
  /**
   * Consultation inputs and supports: the writes of one event-loop turn committed in one
   * transaction, each acknowledged after that commit (see events/batchedCommit.ts).
   */
  batchedCommit: BatchedCommit;
  /** Sessions looked up in the last seconds; dropped on every revocation (see auth/sessionCache.ts). */
  sessionCache: SessionCache;
  /** Server-side changes to collaborative documents; set by attachCollab (refused until then). */
  documents: DocumentChanges;
}

/** Who a request's session belongs to, and the key (token hash) the session is known by. */
export interface SignedIn {
  user: User;
  sessionKey: string;
}

/** Changes collaborative documents from server code, through the collaboration server. */
export interface DocumentChanges {
  /**
   * Runs `edit` in one transaction on the live document `docName` (loaded if needed, unloaded
   * afterwards when nobody has it open), on behalf of `userId`: the update is stored under their
   * id and then relayed to connected clients, exactly like one a client sent. Resolves with what
   * `edit` returned once the change is stored. Rejects, storing nothing, when the document cannot
   * load, the collaboration server is not running, `edit` throws, or the change would take the
   * document past LIMITS.maxDocumentBytes (with `DocumentTooLarge`). `edit` may run on a copy of the
   * document, so it returns plain values, never Yjs types.
   */
  change<T>(docName: string, userId: string, edit: (doc: Y.Doc) => T): Promise<T>;
}

/** A server-side change refused because the document would pass LIMITS.maxDocumentBytes. */
export class DocumentTooLarge extends Error {
  constructor(readonly docName: string) {
    super(`${docName} would exceed its maximum size`);
  }
}

/** Hono's per-request variables, set by the session middleware. */
export interface AppEnv {
  Variables: {
    user: User | null;
    sessionId: string | null;
    /** Also returned as X-Request-Id and written in the request's log line. */
    requestId: string;
  };
}
