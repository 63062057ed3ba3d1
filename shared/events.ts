import type { Membership, Workspace } from "./api";
import type { ReasonedResponse, ResponseStatus } from "./comments";
import type { ConsultationSummary, InputChannel } from "./consultation";
import type { Proposal, Signature, VersionSummary } from "./freeze";
import type { RunState } from "./meetingRun";
import type { Category, MeetingSummary } from "./meetings";
import type { PublicationSettings, RoadmapPhase } from "./publication";
import type { Role, Sector } from "./roles";
import type { SignOffRules } from "./signOff";
import type { Vote, VoteResult } from "./votes";

/**
 * Event types of the workspace event log. Every change to a record appends one; the SSE stream
 * sends them with `event: <type>`, `id: <event id>` and `data: <WorkspaceEvent JSON>`.
 * Later features add their types here and their payload shapes to `EventPayloads`.
 */
export const EVENT_TYPES = [
  "workspace.created",
  "workspace.updated",
  "member.joined",
  "member.updated",
  "member.removed",
  "invitation.created",
  "invitation.revoked",
  "vote.opened",
  "vote.ballot_cast",
  "vote.closed",
  "comment.created",
  "comment.replied",
  "comment.edited",
  "comment.withdrawn",
  "comment.hidden",
  "comment.responded",
  "freeze.proposed",
  "freeze.signed",
  "freeze.declined",
  "freeze.withdrawn",
  "version.published",
  "meeting.created",
  "meeting.updated",
  "meeting.run_changed",
  "meeting.attendance_changed",
  "meeting.decisions_changed",
  "meeting.card_added",
  "meeting.cards_revealed",
  "meeting.category_added",
  "meeting.card_moved",
  "meeting.card_edited",
  "meeting.card_deleted",
  "meeting.category_renamed",
  "meeting.category_deleted",
  "meeting.commitment_created",
  "meeting.minutes_recorded",
  "publication.updated",
  "roadmap.updated",
  "member.name_consent",
  "signoff.rules_updated",
  "consultation.opened",
  "consultation.input_added",
  "consultation.input_answered",
  "consultation.input_hidden",
  "consultation.input_shown",
  "consultation.input_reported",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A member as every member may see them in an event: no email (only facilitators see emails). */
export type PublicMember = Omit<Membership, "workspaceId"> & { name: string };

/** The payload of each event type. Events go to every member, so none carries a secret. */
export interface EventPayloads {
  "workspace.created": { workspace: Workspace };
  /** `changed` names the fields that changed; `workspace` is the record after the change. */
  "workspace.updated": { workspace: Workspace; changed: string[] };
  /** `invitationId` is null for the workspace's creator. */
  "member.joined": { member: PublicMember; invitationId: string | null };
  "member.updated": {
    userId: string;
    role: Role;
    sector: Sector;
    previous: { role: Role; sector: Sector };
  };
  /** `left` is true when the member removed themself. */
  "member.removed": { userId: string; left: boolean };
  /** Never carries the token: members other than facilitators see this event too. */
  "invitation.created": {
    invitationId: string;
    role: Role;
    sector: Sector;
    expiresAt: string | null;
    maxUses: number | null;
  };
  "invitation.revoked": { invitationId: string };
  "vote.opened": { vote: Vote };
  /**
   * Someone cast or changed their ballot (the actor). Never the choice, not even for open votes:
   * whoever may see tallies fetches them, so one rule covers both kinds of secrecy.
   */
  "vote.ballot_cast": { voteId: string; ballots: number };
  /** `vote.closedBy` is null when the deadline closed it; `result` is frozen from then on. */
  "vote.closed": { vote: Vote; result: VoteResult };
  /**
   * Comment events carry ids, never text: the log is replayed to every member, later joiners
   * included, and a comment withdrawn or hidden afterwards must not stay readable there.
   * Readers fetch the thread, which applies who may see what.
   */
  "comment.created": { threadId: string; commentId: string };
  "comment.replied": { threadId: string; commentId: string };
  "comment.edited": { threadId: string; commentId: string };
  "comment.withdrawn": { threadId: string; commentId: string };
  "comment.hidden": { threadId: string; commentId: string; reason: string };
  "comment.responded": { threadId: string; response: ReasonedResponse };
  /** A facilitator pinned the plan for sign-off (the content itself is fetched, not sent). */
  "freeze.proposed": { proposal: Proposal };
  "freeze.signed": { proposalId: string; signature: Signature };
  "freeze.declined": { proposalId: string; signature: Signature };
  "freeze.withdrawn": { proposalId: string; reason: string | null };
  /** The proposal got its joint sign-off and is now official version `version.number`. */
  "version.published": { proposalId: string; version: VersionSummary };
  "meeting.created": { meeting: MeetingSummary };
  /** Details or agenda changed: readers refetch the meeting. */
  "meeting.updated": { meetingId: string };
  /** `serverNow` (ms) is when the server sent it; clients prefer the offset of a fresh GET. */
  "meeting.run_changed": { meetingId: string; run: RunState; serverNow: number };
  "meeting.attendance_changed": { meetingId: string; userId: string };
  "meeting.decisions_changed": { meetingId: string };
  /**
   * Someone wrote a card: only the item's count of private cards, never the text or the author (the
   * event's actorId is null too), so no other member's device receives a private card. Readers refetch.
   */
  "meeting.card_added": { meetingId: string; itemId: string; privateCount: number };
  "meeting.cards_revealed": { meetingId: string; itemId: string; revealed: number };
  "meeting.category_added": { meetingId: string; category: Category };
  "meeting.card_moved": { meetingId: string; itemId: string; cardId: string; categoryId: string | null };
  /**
   * A card was rewritten or removed. For a private card, `cardId` and the event's actorId are null:
   * like its text, its id and author are its author's alone. Readers refetch.
   */
  "meeting.card_edited": { meetingId: string; itemId: string; cardId: string | null };
  "meeting.card_deleted": { meetingId: string; itemId: string; cardId: string | null; privateCount: number };
  "meeting.category_renamed": { meetingId: string; category: Category };
  /** The category's cards are back among the unsorted ones. */
  "meeting.category_deleted": { meetingId: string; itemId: string; categoryId: string };
  /** A revealed card or a category became commitment `commitmentId` of the plan (a candidate). */
  "meeting.commitment_created": {
    meetingId: string;
    itemId: string;
    commitmentId: string;
    source: { kind: "card"; cardId: string } | { kind: "category"; categoryId: string };
  };
  /** The meeting ended and its minutes were recorded as they stand; they never change after. */
  "meeting.minutes_recorded": { meetingId: string; recordedAt: string };
  /** What the public process page shows changed (or it was published or taken down). */
  "publication.updated": { settings: PublicationSettings };
  "roadmap.updated": { phases: RoadmapPhase[] };
  /** A member agreed (or stopped agreeing) to be named on the public page. */
  "member.name_consent": { userId: string; showName: boolean };
  /** The forum's sign-off rules for the next proposals. */
  "signoff.rules_updated": { rules: SignOffRules };
  /** A facilitator opened a public consultation (its status then follows from its dates). */
  "consultation.opened": { consultation: ConsultationSummary };
  /** An input arrived online from a participant, or was recorded offline by a facilitator. */
  "consultation.input_added": { consultationId: string; inputId: string; channel: InputChannel };
  "consultation.input_answered": { consultationId: string; inputId: string; status: ResponseStatus };
  /** Ids and the public reason, never the input's text (it is what was hidden). */
  "consultation.input_hidden": { consultationId: string; inputId: string; reason: string };
  "consultation.input_shown": { consultationId: string; inputId: string };
  /**
   * Someone reported an input: with no actor and no reason, so the log (replayed to every member)
   * names no reporter; facilitators read the count and reasons on the consultation page.
   */
  "consultation.input_reported": { consultationId: string; inputId: string; reports: number };
}

export interface WorkspaceEvent<P = Record<string, unknown>> {
  id: number;
  workspaceId: string;
  actorId: string | null;
  type: EventType;
  payload: P;
  createdAt: string;
}
