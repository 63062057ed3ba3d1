import type { UnansweredInputs } from "./consultation";
import type { EventType } from "./events";
import { type Proposal, richTextPlain, type SelfCheckCode, type SelfCheckResult } from "./freeze";
import type { MeetingSummary } from "./meetings";
import type { CommitmentJson, PlanJson, RichTextJson } from "./plan";
import { hasRole, type Role, type Sector } from "./roles";

/**
 * The workspace home's rules: what needs this member now, the phase of the process, how complete
 * each commitment is, and the facilitator's setup checklist. Pure functions of facts the server
 * and the pages already have, so each rule is tested without a browser.
 */

/** An open vote as the dashboard sees it for one member. */
export interface DashboardVote {
  id: string;
  title: string;
  closesAt: string | null;
  /** The member may vote in it (eligibility by role). */
  eligible: boolean;
  /** The member has cast a ballot. */
  voted: boolean;
}

/** The events worth a line in "recent activity"; ballots, edits and card moves are too fine-grained. */
export const ACTIVITY_TYPES = [
  "member.joined",
  "vote.opened",
  "vote.closed",
  "comment.created",
  "comment.responded",
  "freeze.proposed",
  "freeze.signed",
  "freeze.declined",
  "freeze.withdrawn",
  "version.published",
  "meeting.created",
  "meeting.minutes_recorded",
  "meeting.commitment_created",
] as const satisfies readonly EventType[];
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** One line of recent activity: who did what to which record, with no private text. */
export interface ActivityItem {
  id: number;
  type: ActivityType;
  actorName: string | null;
  at: string;
  /** The title or name the event is about (a vote's title, a meeting's, a member's name), if any. */
  subject: string | null;
  /** Where the record lives, relative to the workspace ("votes/<id>", "meetings/<id>", …). */
  path: string | null;
}

/** GET /api/workspaces/:id/dashboard: what the plan's and the stream's own answers lack. */
export interface DashboardResponse {
  serverNow: number;
  openVotes: DashboardVote[];
  meetings: MeetingSummary[];
  /** Threads with no reasoned response yet. */
  awaitingResponse: number;
  /** Members per sector, the caller included. */
  membersBySector: Partial<Record<Sector, number>>;
  officialVersions: number;
  activity: ActivityItem[];
  /** Closed consultations with inputs still unanswered. */
  unansweredInputs: UnansweredInputs[];
}

/** A vote closing within this long is urgent. */
export const VOTE_URGENT_MS = 48 * 60 * 60 * 1000;
/** A meeting starting within this long is worth a line on the home page. */
export const MEETING_SOON_MS = 7 * 24 * 60 * 60 * 1000;

export interface NeedsMeFacts {
  now: number;
  userId: string;
  role: Role;
  /** The open proposal, if any. */
  proposal: Proposal | null;
  awaitingResponse: number;
  openVotes: DashboardVote[];
  meetings: MeetingSummary[];
  /** Closed consultations with inputs still unanswered. */
  unansweredInputs: UnansweredInputs[];
}

export type NextStep =
  | { kind: "sign"; proposalId: string }
  | { kind: "meeting_live"; meetingId: string; title: string }
  | { kind: "vote"; voteId: string; title: string; closesAt: string | null; urgent: boolean }
  | { kind: "respond"; count: number }
  | { kind: "answer_inputs"; consultationId: string; title: string; count: number }
  | { kind: "meeting_soon"; meetingId: string; title: string; startsAt: string };

/** The meeting to show as "next": a running one, else the earliest not yet started that has not passed by a day. */
export function nextMeeting(meetings: readonly MeetingSummary[], now: number): MeetingSummary | null {
  const running = meetings.find((m) => m.status === "running" || m.status === "paused");
  if (running) return running;
  const upcoming = meetings
    .filter((m) => m.status === "not_started" && Date.parse(m.startsAt) > now - 24 * 60 * 60 * 1000)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return upcoming[0] ?? null;
}

/**
 * What needs this member now, most pressing first: a signature they owe (drafters and
 * facilitators, while a proposal is open and they have neither signed nor declined), a meeting
 * under way, votes they may cast and have not (closing within 48 hours first), comments awaiting
 * a reasoned response (drafters and facilitators answer them), inputs of a closed consultation
 * still unanswered (drafters and facilitators too), a meeting starting within a week.
 */
export function needsMe(facts: NeedsMeFacts): NextStep[] {
  const steps: NextStep[] = [];
  const { proposal, role, userId, now } = facts;
  if (
    proposal?.status === "open" &&
    hasRole(role, "drafter") &&
    !proposal.signatures.some((s) => s.userId === userId)
  ) {
    steps.push({ kind: "sign", proposalId: proposal.id });
  }
  const meeting = nextMeeting(facts.meetings, now);
  if (meeting && meeting.status !== "not_started" && meeting.status !== "ended") {
    steps.push({ kind: "meeting_live", meetingId: meeting.id, title: meeting.title });
  }
  const votes = facts.openVotes
    .filter((v) => v.eligible && !v.voted)
    .map((v) => ({
      kind: "vote" as const,
      voteId: v.id,
      title: v.title,
      closesAt: v.closesAt,
      urgent: v.closesAt !== null && Date.parse(v.closesAt) - now <= VOTE_URGENT_MS,
    }))
    .sort((a, b) => closingOrder(a.closesAt) - closingOrder(b.closesAt));
  steps.push(...votes.filter((v) => v.urgent));
  if (hasRole(role, "drafter") && facts.awaitingResponse > 0) {
    steps.push({ kind: "respond", count: facts.awaitingResponse });
  }
  if (hasRole(role, "drafter")) {
    for (const u of facts.unansweredInputs) {
      if (u.count > 0) steps.push({ kind: "answer_inputs", ...u });
    }
  }
  steps.push(...votes.filter((v) => !v.urgent));
  if (meeting?.status === "not_started" && Date.parse(meeting.startsAt) - now <= MEETING_SOON_MS) {
    steps.push({
      kind: "meeting_soon",
      meetingId: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt,
    });
  }
  return steps;
}

const closingOrder = (closesAt: string | null): number =>
  closesAt === null ? Number.POSITIVE_INFINITY : Date.parse(closesAt);

export const PHASES = ["setup", "cocreation", "signoff", "official"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Where the process stands: setting up (until the first meeting or commitment), co-creation
 * (meetings and drafting), sign-off (a proposal is open), official (a version is published and
 * no new proposal is open).
 */
export function processPhase(facts: {
  meetings: number;
  commitments: number;
  proposalOpen: boolean;
  officialVersions: number;
}): Phase {
  if (facts.proposalOpen) return "signoff";
  if (facts.officialVersions > 0) return "official";
  if (facts.meetings > 0 || facts.commitments > 0) return "cocreation";
  return "setup";
}

/** The parts of a commitment its completeness counts, with the self-check code that says one is missing. */
export const COMPLETENESS_PARTS = [
  ["title", "missing_title"],
  ["problem", "missing_problem"],
  ["commitment", "missing_commitment_text"],
  ["leadAgency", "missing_lead_agency"],
  ["milestones", "no_milestones"],
  ["ogpValues", "no_ogp_value"],
] as const satisfies readonly (readonly [string, SelfCheckCode])[];
export type CompletenessPart = (typeof COMPLETENESS_PARTS)[number][0];

export interface Completeness {
  commitmentId: string;
  number: number;
  done: CompletenessPart[];
  missing: CompletenessPart[];
}

/**
 * Each commitment's completeness, read from the self-check: a part is done when the check finds
 * nothing missing there; an empty commitment has nothing done.
 */
export function commitmentCompleteness(
  commitments: readonly { id: string }[],
  check: SelfCheckResult,
): Completeness[] {
  return commitments.map((c, i) => {
    const codes = new Set(check.problems.filter((p) => p.commitmentId === c.id).map((p) => p.code));
    const empty = codes.has("empty_commitment");
    const done: CompletenessPart[] = [];
    const missing: CompletenessPart[] = [];
    for (const [part, code] of COMPLETENESS_PARTS) (empty || codes.has(code) ? missing : done).push(part);
    return { commitmentId: c.id, number: i + 1, done, missing };
  });
}

/** How much of one part of the plan is written: fields written out of the fields the template has. */
export interface PartProgress {
  done: number;
  total: number;
}

/** A commitment's fields as the OGP Local template lays them out and the reading view shows them. */
export const COMMITMENT_TEMPLATE_FIELDS = [
  "title",
  "leadAgency",
  "contactPerson",
  "period",
  "problem",
  "commitment",
  "contribution",
  "ogpValues",
  "milestones",
  "governmentActors",
  "nonGovernmentActors",
  "policyArea",
  "sdg",
  "budget",
] as const;
export type CommitmentTemplateField = (typeof COMMITMENT_TEMPLATE_FIELDS)[number];

const written = (text: string): boolean => text.trim() !== "";
const writtenRich = (node: RichTextJson): boolean => written(richTextPlain(node));

/**
 * Whether a field is written, by the reading view's measure: it shows no "Not written yet" in it.
 * So checked OGP values all need their justification, and every milestone all of its row.
 */
const FIELD_WRITTEN: Record<CommitmentTemplateField, (c: CommitmentJson) => boolean> = {
  title: (c) => written(c.title),
  leadAgency: (c) => written(c.leadAgency),
  contactPerson: (c) => written(c.contactPerson),
  period: (c) => c.startDate !== "" && c.endDate !== "",
  problem: (c) => writtenRich(c.problem),
  commitment: (c) => writtenRich(c.commitment),
  contribution: (c) => writtenRich(c.contribution),
  ogpValues: (c) => {
    const checked = Object.values(c.ogpValues).filter((v) => v.checked);
    return checked.length > 0 && checked.every((v) => written(v.justification));
  },
  milestones: (c) =>
    c.milestones.length > 0 &&
    c.milestones.every(
      (m) =>
        [m.description, m.output, m.responsible].every(written) && m.startDate !== "" && m.endDate !== "",
    ),
  governmentActors: (c) => written(c.governmentActors),
  nonGovernmentActors: (c) => written(c.nonGovernmentActors),
  policyArea: (c) => c.policyArea !== "",
  sdg: (c) => c.sdg !== null,
  budget: (c) => written(c.budget),
};

/**
 * How complete each part of the plan is, as the reader sees it (the outline's count): the vision
 * and the co-creation summary are one field each; a commitment has COMMITMENT_TEMPLATE_FIELDS.
 * Not the self-check's measure, which asks only for what a proposal needs (see
 * commitmentCompleteness). Keyed by "vision", "cocreationSummary" and each commitment's id.
 */
export function planProgress(plan: PlanJson): Map<string, PartProgress> {
  const progress = new Map<string, PartProgress>();
  progress.set("vision", { done: writtenRich(plan.vision) ? 1 : 0, total: 1 });
  progress.set("cocreationSummary", { done: writtenRich(plan.cocreationSummary) ? 1 : 0, total: 1 });
  for (const c of plan.commitments) {
    const done = COMMITMENT_TEMPLATE_FIELDS.filter((field) => FIELD_WRITTEN[field](c)).length;
    progress.set(c.id, { done, total: COMMITMENT_TEMPLATE_FIELDS.length });
  }
  return progress;
}

export const SETUP_STEPS = ["invite", "meeting", "vision", "rules", "publish"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface SetupItem {
  step: SetupStep;
  done: boolean;
  /** False while the feature it needs is not in this version of Cocrea. */
  available: boolean;
}

/**
 * The facilitator's setup checklist: government and civil society both in the workspace, a first
 * meeting scheduled, a vision written, the forum's rules set, the process page published. The
 * last two depend on features that may be absent (`features`).
 */
export function setupChecklist(facts: {
  membersBySector: Partial<Record<Sector, number>>;
  meetings: number;
  visionWritten: boolean;
  features: { forumRules: boolean; processPage: boolean };
  forumRulesSet?: boolean;
  processPagePublished?: boolean;
}): SetupItem[] {
  const both = (facts.membersBySector.government ?? 0) > 0 && (facts.membersBySector.civil_society ?? 0) > 0;
  return [
    { step: "invite", done: both, available: true },
    { step: "meeting", done: facts.meetings > 0, available: true },
    { step: "vision", done: facts.visionWritten, available: true },
    { step: "rules", done: facts.forumRulesSet === true, available: facts.features.forumRules },
    { step: "publish", done: facts.processPagePublished === true, available: facts.features.processPage },
  ];
}
