import type { ResponseStatus } from "./comments";
import type { ConsultationSummary } from "./consultation";
import type { FrozenPlan, Signature, VersionSummary } from "./freeze";
import type { Decision, MinutesItem } from "./meetings";
import type { Sector } from "./roles";
import type { SignOffRules } from "./signOff";

/**
 * The public process page (`/p/<slug>`): what a facilitator publishes and what a visitor without
 * a session sees. Free of zod (bodies are in publicationBodies.ts).
 */

/** The phases of an OGP Local co-creation process, in their usual order. */
export const PHASE_KINDS = [
  "preparation",
  "co_creation",
  "consultation",
  "sign_off",
  "implementation",
] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** A dated phase of the roadmap; dates are ISO calendar dates, both days included. */
export interface RoadmapPhase {
  kind: PhaseKind;
  startsOn: string;
  endsOn: string;
}

/** At most this many phases (a kind may repeat, e.g. two consultation rounds). */
export const MAX_ROADMAP_PHASES = 12;

/**
 * The index of the phase under way on `today` (an ISO date): the last phase whose dates include
 * it, so a phase starting on the day another ends takes over; null when none does.
 */
export function currentPhaseIndex(phases: readonly RoadmapPhase[], today: string): number | null {
  let current: number | null = null;
  phases.forEach((phase, index) => {
    if (phase.startsOn <= today && today <= phase.endsOn) current = index;
  });
  return current;
}

/** What a facilitator chose to show. Nothing is public until `published` is true. */
export interface PublicationSettings {
  published: boolean;
  /** The live draft of the plan, read-only. */
  showDraft: boolean;
  /** Meetings whose recorded minutes are public. */
  minutes: string[];
  /** Comment threads (inputs) shown with their reasoned responses. */
  inputs: string[];
}

/** `GET /api/workspaces/:id/publication`: the settings, the roadmap and the caller's own consent. */
export interface PublicationResponse {
  settings: PublicationSettings;
  roadmap: RoadmapPhase[];
  /** Whether the caller agreed to have their name shown on the public page. */
  showName: boolean;
}

/** An organisation of the forum, with the names of those of its people who agreed to be named. */
export interface PublicOrganization {
  /** Null for members who gave no organisation. */
  name: string | null;
  members: number;
  people: string[];
}

export interface PublicForumSector {
  sector: Sector;
  organizations: PublicOrganization[];
}

export interface PublicMeeting {
  id: string;
  title: string;
  startsAt: string;
  place: string;
  link: string;
  plannedMinutes: number;
  /** Whether its recorded minutes are public. */
  minutes: boolean;
}

/** Attendance as the public sees it: counts per sector, names only of those who agreed. */
export interface PublicAttendance {
  sector: Sector;
  count: number;
  people: string[];
}

/** Recorded minutes as published: the record, with attendance reduced to what may be public. */
export interface PublicMinutes {
  meeting: PublicMeeting;
  recordedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  items: MinutesItem[];
  decisions: Pick<Decision, "kind" | "what" | "who" | "dueDate">[];
  attendance: PublicAttendance[];
}

/** An input (a comment thread's first comment) and its reasoned responses, as published. */
export interface PublicInput {
  id: string;
  /** The commitment it is about, by title when it has one; null for the plan as a whole. */
  commitmentId: string | null;
  quote: string | null;
  body: string;
  /** The author's name only with their consent. */
  author: { name: string | null; sector: Sector; organization: string | null };
  createdAt: string;
  responses: { status: ResponseStatus; reason: string; at: string }[];
}

/** A proposal's decline, kept on the public page with its reason. */
export type PublicDecline = Pick<Signature, "name" | "organization" | "sector" | "reason" | "at"> & {
  versionNumber: number | null;
};

/** `GET /api/public/workspaces/:slug`: the whole process page. */
export interface PublicProcessResponse {
  workspace: {
    slug: string;
    name: string;
    jurisdiction: string;
    country: string | null;
    periodStart: string | null;
    periodEnd: string | null;
  };
  /** False when only official versions are public (the facilitator has not published the process). */
  published: boolean;
  roadmap: { phases: RoadmapPhase[]; current: number | null };
  /** The forum's sign-off rules for the next proposals (each version shows the rules it froze). */
  rules: SignOffRules | null;
  forum: PublicForumSector[];
  meetings: { upcoming: PublicMeeting[]; past: PublicMeeting[] };
  inputs: PublicInput[];
  draft: boolean;
  /** The latest public consultation, if one was opened. */
  consultation: ConsultationSummary | null;
  versions: VersionSummary[];
  /** Official versions that failed their integrity check: withheld, named by number. */
  withheldVersions: number[];
  declines: PublicDecline[];
}

/** `GET /api/public/workspaces/:slug/draft`: the live draft, read-only, as of `at`. */
export interface PublicDraftResponse {
  content: FrozenPlan;
  at: string;
}

/** How long the public draft is served from cache; the page polls at this pace. */
export const PUBLIC_DRAFT_CACHE_MS = 15_000;
