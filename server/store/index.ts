import { createCommentStore } from "./comments";
import { createConsultationStore } from "./consultations";
import { createEventStore } from "./events";
import { createInvitationStore } from "./invitations";
import { createMeetingStore } from "./meetings";
import { createMembershipStore } from "./memberships";
import { createPublicationStore } from "./publication";
import { createSessionStore } from "./sessions";
import { createSignOffRulesStore } from "./signOffRules";
import type { Sql } from "./sql";
import { createUserStore } from "./users";
import { createVersionStore } from "./versions";
import { createVoteStore } from "./votes";
import { createWorkspaceStore } from "./workspaces";

/** How each table family is built over `Sql`; the store's shape follows from it. */
const families = {
  users: createUserStore,
  sessions: createSessionStore,
  workspaces: createWorkspaceStore,
  memberships: createMembershipStore,
  invitations: createInvitationStore,
  events: createEventStore,
  votes: createVoteStore,
  meetings: createMeetingStore,
  versions: createVersionStore,
  comments: createCommentStore,
  publication: createPublicationStore,
  signOffRules: createSignOffRulesStore,
  consultations: createConsultationStore,
};
type Families = { readonly [Name in keyof typeof families]: ReturnType<(typeof families)[Name]> };

/**
 * Every table family behind one interface, written once over `Sql`, so SQLite and PostgreSQL
 * serve the same routes and commands.
 */
export interface Store extends Families {
  /**
   * Runs `work` in one serializable transaction, handing it a store bound to it: all its writes
   * land, or none do. Every read and write of `work` must go through `tx`.
   */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
}

/**
 * The store over `sql`. Each transaction gets its own, so each table family is built on first use:
 * a transaction touches two or three of the thirteen, and building all of them (a few hundred
 * closures) cost more than some of the statements it runs.
 */
export function createStore(sql: Sql): Store {
  // The families are getters defined once on the prototype below, which TypeScript cannot follow.
  return new LazyStore(sql) as LazyStore & Families;
}

class LazyStore {
  readonly built: Partial<Record<keyof Families, unknown>> = {};

  constructor(readonly sql: Sql) {}

  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.sql.transaction((tx) => work(createStore(tx)), { exclusive: true });
  }
}

for (const [name, create] of Object.entries(families) as [keyof Families, (sql: Sql) => unknown][]) {
  Object.defineProperty(LazyStore.prototype, name, {
    get(this: LazyStore): unknown {
      this.built[name] ??= create(this.sql);
      return this.built[name];
    },
  });
}
