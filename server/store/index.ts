import { type CommentStore, createCommentStore } from "./comments";
import type { Db } from "./db";
import { createEventStore, type EventStore } from "./events";
import { createInvitationStore, type InvitationStore } from "./invitations";
import { createMeetingStore, type MeetingStore } from "./meetings";
import { createMembershipStore, type MembershipStore } from "./memberships";
import { createPublicationStore, type PublicationStore } from "./publication";
import { createSessionStore, type SessionStore } from "./sessions";
import { createSignOffRulesStore, type SignOffRulesStore } from "./signOffRules";
import { createUserStore, type UserStore } from "./users";
import { createVersionStore, type VersionStore } from "./versions";
import { createVoteStore, type VoteStore } from "./votes";
import { createWorkspaceStore, type WorkspaceStore } from "./workspaces";

/**
 * Every table family behind one interface, so a PostgreSQL store can replace SQLite later
 * without touching routes or commands.
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
  /** Runs `work` in one transaction: all its writes land, or none do. */
  transaction<T>(work: () => T): T;
}

/** Prepares every statement once over an open database. */
export function createStore(db: Db): Store {
  return {
    users: createUserStore(db),
    sessions: createSessionStore(db),
    workspaces: createWorkspaceStore(db),
    memberships: createMembershipStore(db),
    invitations: createInvitationStore(db),
    events: createEventStore(db),
    votes: createVoteStore(db),
    meetings: createMeetingStore(db),
    versions: createVersionStore(db),
    comments: createCommentStore(db),
    publication: createPublicationStore(db),
    signOffRules: createSignOffRulesStore(db),
    // IMMEDIATE: with several processes on one file, a deferred transaction that reads and then
    // writes fails at once (SQLITE_BUSY) when another wrote meanwhile; IMMEDIATE waits busy_timeout.
    transaction: (work) => db.transaction(work).immediate(),
  };
}
