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

/** The store over `sql`; cheap, so each transaction gets its own. */
export function createStore(sql: Sql): Store {
  return {
    users: createUserStore(sql),
    sessions: createSessionStore(sql),
    workspaces: createWorkspaceStore(sql),
    memberships: createMembershipStore(sql),
    invitations: createInvitationStore(sql),
    events: createEventStore(sql),
    votes: createVoteStore(sql),
    meetings: createMeetingStore(sql),
    versions: createVersionStore(sql),
    comments: createCommentStore(sql),
    publication: createPublicationStore(sql),
    signOffRules: createSignOffRulesStore(sql),
    consultations: createConsultationStore(sql),
    transaction: (work) => sql.transaction((tx) => work(createStore(tx)), { exclusive: true }),
  };
}
