import { type CommentStore, createCommentStore } from "./comments";
import { type ConsultationStore, createConsultationStore } from "./consultations";
import { createEventStore, type EventStore } from "./events";
import { createInvitationStore, type InvitationStore } from "./invitations";
import { createMeetingStore, type MeetingStore } from "./meetings";
import { createMembershipStore, type MembershipStore } from "./memberships";
import { createPublicationStore, type PublicationStore } from "./publication";
import { createSessionStore, type SessionStore } from "./sessions";
import { createSignOffRulesStore, type SignOffRulesStore } from "./signOffRules";
import type { Sql } from "./sql";
import { createUserStore, type UserStore } from "./users";
import { createVersionStore, type VersionStore } from "./versions";
import { createVoteStore, type VoteStore } from "./votes";
import { createWorkspaceStore, type WorkspaceStore } from "./workspaces";

/**
 * Every table family behind one interface, written once over `Sql`, so SQLite and PostgreSQL
 * serve the same routes and commands.
 */
export interface Store {
  users: UserStore;
  sessions: SessionStore;
  workspaces: WorkspaceStore;
  memberships: MembershipStore;
  invitations: InvitationStore;
  events: EventStore;
  votes: VoteStore;
  meetings: MeetingStore;
  versions: VersionStore;
  comments: CommentStore;
  publication: PublicationStore;
  signOffRules: SignOffRulesStore;
  consultations: ConsultationStore;
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
  return new LazyStore(sql);
}

class LazyStore implements Store {
  #users?: UserStore;
  #sessions?: SessionStore;
  #workspaces?: WorkspaceStore;
  #memberships?: MembershipStore;
  #invitations?: InvitationStore;
  #events?: EventStore;
  #votes?: VoteStore;
  #meetings?: MeetingStore;
  #versions?: VersionStore;
  #comments?: CommentStore;
  #publication?: PublicationStore;
  #signOffRules?: SignOffRulesStore;
  #consultations?: ConsultationStore;

  constructor(private readonly sql: Sql) {}

  get users(): UserStore {
    this.#users ??= createUserStore(this.sql);
    return this.#users;
  }
  get sessions(): SessionStore {
    this.#sessions ??= createSessionStore(this.sql);
    return this.#sessions;
  }
  get workspaces(): WorkspaceStore {
    this.#workspaces ??= createWorkspaceStore(this.sql);
    return this.#workspaces;
  }
  get memberships(): MembershipStore {
    this.#memberships ??= createMembershipStore(this.sql);
    return this.#memberships;
  }
  get invitations(): InvitationStore {
    this.#invitations ??= createInvitationStore(this.sql);
    return this.#invitations;
  }
  get events(): EventStore {
    this.#events ??= createEventStore(this.sql);
    return this.#events;
  }
  get votes(): VoteStore {
    this.#votes ??= createVoteStore(this.sql);
    return this.#votes;
  }
  get meetings(): MeetingStore {
    this.#meetings ??= createMeetingStore(this.sql);
    return this.#meetings;
  }
  get versions(): VersionStore {
    this.#versions ??= createVersionStore(this.sql);
    return this.#versions;
  }
  get comments(): CommentStore {
    this.#comments ??= createCommentStore(this.sql);
    return this.#comments;
  }
  get publication(): PublicationStore {
    this.#publication ??= createPublicationStore(this.sql);
    return this.#publication;
  }
  get signOffRules(): SignOffRulesStore {
    this.#signOffRules ??= createSignOffRulesStore(this.sql);
    return this.#signOffRules;
  }
  get consultations(): ConsultationStore {
    this.#consultations ??= createConsultationStore(this.sql);
    return this.#consultations;
  }

  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    return this.sql.transaction((tx) => work(new LazyStore(tx)), { exclusive: true });
  }
}
