import type { ThreadStatus } from "./comments";
import type { InputChannel } from "./consultation";
import type { PhaseKind } from "./publication";
import type { Sector } from "./roles";
import type { SectorTally, VoteKind, VoteOption, VoteSecrecy } from "./votes";

/**
 * The record of co-creation: who took part in the process and how, computed by the server from
 * what it recorded itself (the plan's Yjs items and the members their client ids are bound to,
 * comments, responses, ballots, attendance, the event log), never from what a client claims.
 *
 * The record is public wherever it is shown (the process page, and frozen into every official
 * version), so it names organisations and sectors, never a person — except a signatory or a
 * decliner who agreed to be named. It holds integers only (no fractions), so its canonical JSON is
 * the same in every language that re-hashes a version.
 */

/** The versioned schema of the record (JSON and CSV); a change of shape gets a new version. */
export const RECORD_SCHEMA = "cocrea.record/v2";
/** Records frozen before v2 (which added `consultations`) keep the schema they were frozen with. */
export type RecordSchema = "cocrea.record/v1" | typeof RECORD_SCHEMA;

/** Characters (Unicode code points) of plan text: ever typed, and still in the plan. */
export interface TextCount {
  written: number;
  still: number;
}

/** `sector` null: text under a client id bound to nobody (written before bindings were recorded). */
export interface SectorText extends TextCount {
  sector: Sector | null;
}

/** `organization` null: members who gave none (or text bound to nobody, with `sector` null). */
export interface OrganizationText extends TextCount {
  organization: string | null;
  sector: Sector | null;
}

export interface TextBreakdown extends TextCount {
  /** In the usual sector order, the unattributed row (sector null) last; only rows with text. */
  bySector: SectorText[];
  /** By sector, then by most written. */
  byOrganization: OrganizationText[];
}

/**
 * A part of the plan: its vision and co-creation summary (`plan`), one commitment still in it (in
 * the agreed order, with its title as it reads now), or every commitment since removed (`removed`).
 */
export type TextPart = TextBreakdown &
  (
    | { kind: "plan" }
    | { kind: "commitment"; commitmentId: string; number: number; title: string }
    | { kind: "removed" }
  );

export interface RecordText {
  total: TextBreakdown;
  parts: TextPart[];
}

export interface SectorCount {
  sector: Sector;
  count: number;
}

export interface RecordComments {
  /** Every comment and reply written, withdrawn and hidden ones included. */
  comments: number;
  bySector: SectorCount[];
  /** Threads whose opening comment stands (not withdrawn or hidden): those that need a response. */
  inputs: number;
  /** Of those, how many have a reasoned response. */
  responded: number;
  /** Inputs still without a response (`inputs - responded`). */
  unanswered: number;
  /** Threads by their status (the latest response's), every thread counted. */
  byStatus: Record<ThreadStatus, number>;
  /** Median time from an input to its first response, in whole seconds; null before any response. */
  medianResponseSeconds: number | null;
}

/** A closed vote as the record shows it: counts only, sector rows pooled as for a secret ballot. */
export interface RecordVote {
  id: string;
  title: string;
  kind: VoteKind;
  secrecy: VoteSecrecy;
  closedAt: string;
  options: VoteOption[];
  ballots: number;
  eligible: number;
  counts: Record<string, number>;
  bySector: SectorTally[];
}

export interface RecordVotes {
  /** Closed votes. */
  held: number;
  /** Votes still open (not counted in the figures). */
  open: number;
  /** Ballots and eligible members over every vote held. */
  ballots: number;
  eligible: number;
  /** Oldest first. */
  votes: RecordVote[];
}

export interface RecordMeeting {
  id: string;
  title: string;
  startsAt: string;
  attendees: number;
  bySector: SectorCount[];
}

export interface RecordMeetings {
  /** Meetings that ended (their minutes are recorded). */
  held: number;
  /** Attendances over every meeting held (one person at two meetings counts twice). */
  attendance: number;
  bySector: SectorCount[];
  /** Oldest first. */
  meetings: RecordMeeting[];
}

export interface ChannelCount {
  channel: InputChannel;
  count: number;
}

/** Inputs counted the same way for one consultation and for all of them. */
export interface InputCounts {
  /** Every input received, hidden ones included: the record counts what was heard. */
  inputs: number;
  /** With at least one public, reasoned answer. */
  answered: number;
  /** Neither answered nor hidden (a hidden input's public reason is its answer). */
  unanswered: number;
  /** Hidden by the facilitators now, with a public reason. */
  hidden: number;
  supports: number;
  /** In the order channels are listed everywhere (online, paper, phone, workshop, radio); only those with inputs. */
  byChannel: ChannelCount[];
  /** By the sector the person declared (or the facilitator recorded); only those with inputs. */
  bySector: SectorCount[];
}

export interface RecordConsultation extends InputCounts {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

export interface RecordConsultations extends InputCounts {
  /** Consultations opened. */
  held: number;
  /** Oldest first. */
  consultations: RecordConsultation[];
}

export const TIMELINE_KINDS = [
  "workspace_created",
  "process_published",
  "phase",
  "meeting_held",
  "vote_opened",
  "vote_closed",
  "proposed",
  "withdrawn",
  "signed",
  "declined",
  "version",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One moment of the process. Fields that do not apply to a kind are null. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** A meeting's or a vote's title, the workspace's name. */
  title: string | null;
  /** A roadmap phase's kind. */
  phase: PhaseKind | null;
  /** A version's number. */
  number: number | null;
  /** Who signed or declined: their sector and organisation; their name only when they agreed. */
  sector: Sector | null;
  organization: string | null;
  name: string | null;
}

export interface CocreationRecord {
  schema: RecordSchema;
  /** When it was computed (for a frozen record: when the proposal pinned it). */
  asOf: string;
  text: RecordText;
  comments: RecordComments;
  votes: RecordVotes;
  meetings: RecordMeetings;
  /** Public consultations and their inputs by channel and sector (absent from v1 records). */
  consultations?: RecordConsultations;
  /** Oldest first. */
  timeline: TimelineEntry[];
}

/**
 * Who wrote with one Yjs client id of the plan, as members see each other: for colouring each
 * passage by its author or sector. `name` is null for someone no longer a member.
 */
export interface PlanAuthor {
  clientId: number;
  name: string | null;
  sector: Sector | null;
  organization: string | null;
}

/** GET /api/workspaces/:id/record/authors (members only). */
export interface PlanAuthorsResponse {
  authors: PlanAuthor[];
}

/** GET /api/workspaces/:id/record and GET /api/public/workspaces/:slug/record. */
export interface RecordResponse {
  record: CocreationRecord;
}
