import type { ResponseStatus } from "./comments";
import type { FrozenPlan } from "./freeze";
import type { Sector } from "./roles";

/**
 * Open consultations (issue 15): a facilitator opens the draft to everyone for a set time; anyone
 * signs up lightly as a participant (never a member) and sends inputs; facilitators record inputs
 * received offline; drafters answer each one publicly. Free of zod (bodies are in
 * consultationBodies.ts), so the public page does not download it.
 */

/** What is open: the whole draft, or chosen commitments only. */
export const CONSULTATION_SCOPES = ["plan", "commitments"] as const;
export type ConsultationScope = (typeof CONSULTATION_SCOPES)[number];

/** How an input reached the forum; all but `online` are recorded by a facilitator on someone's behalf. */
export const INPUT_CHANNELS = ["online", "paper", "phone", "workshop", "radio"] as const;
export type InputChannel = (typeof INPUT_CHANNELS)[number];
export const OFFLINE_CHANNELS = [
  "paper",
  "phone",
  "workshop",
  "radio",
] as const satisfies readonly InputChannel[];
export type OfflineChannel = (typeof OFFLINE_CHANNELS)[number];

/** A comment on the draft (or one commitment of it), or a new idea the draft lacks. */
export const INPUT_KINDS = ["comment", "idea"] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const CONSULTATION_LIMITS = {
  titleMaxLength: 160,
  instructionsMaxLength: 5000,
  inputMaxLength: 5000,
  communityMaxLength: 200,
  /** A report of abuse may say why, briefly. */
  reportReasonMaxLength: 500,
  /** A consultation may open at most this many commitments by name (a plan has up to 20). */
  maxCommitments: 20,
} as const;

/** Upcoming before it starts, open until its end, closed after: derived, so it closes with no job. */
export type ConsultationStatus = "upcoming" | "open" | "closed";

/** The status at `now` (ms): the start is included, the end is not. */
export function consultationStatus(
  dates: { startsAt: string; endsAt: string },
  now: number,
): ConsultationStatus {
  if (now < Date.parse(dates.startsAt)) return "upcoming";
  return now < Date.parse(dates.endsAt) ? "open" : "closed";
}

export interface Consultation {
  id: string;
  title: string;
  /** What is asked of participants, shown above the draft. */
  instructions: string;
  startsAt: string;
  endsAt: string;
  scope: ConsultationScope;
  /** The commitments open to inputs when `scope` is `commitments`; empty for the whole draft. */
  commitmentIds: string[];
  createdAt: string;
  /** At the time of the answer (the server's clock). */
  status: ConsultationStatus;
}

/** Who gave an input, as anyone may see it: the name only with the person's consent. */
export interface InputAuthor {
  name: string | null;
  sector: Sector;
  organization: string | null;
  /** Where they live or the group they spoke for, when recorded offline. */
  community: string | null;
}

export interface InputResponse {
  status: ResponseStatus;
  reason: string;
  at: string;
}

/** A facilitator hid an input with a public reason, or showed it again: both stay on the record. */
export interface InputModeration {
  action: "hide" | "show";
  /** The public reason of a hiding; null for showing again. */
  reason: string | null;
  at: string;
}

/** Reports of abuse on an input, for facilitators only: how many, and the reasons given (no names). */
export interface InputReports {
  count: number;
  reasons: string[];
}

/** An input as the consultation page shows it, to everyone. */
export interface ConsultationInput {
  id: string;
  kind: InputKind;
  /** The commitment it is about; null for the draft as a whole (and for ideas). */
  commitmentId: string | null;
  /** Its text; null while it is hidden (only facilitators still read a hidden input's text). */
  body: string | null;
  /** Set while the facilitators hide it: their public reason, shown in place of the text. */
  hidden: { reason: string; at: string } | null;
  /** Every hiding and showing again, oldest first. */
  moderation: InputModeration[];
  /** Reports of abuse: present for facilitators only. */
  reports?: InputReports;
  author: InputAuthor;
  channel: InputChannel;
  createdAt: string;
  supports: number;
  /** Every reasoned response, oldest first: the last one is the input's current answer. */
  responses: InputResponse[];
}

/** `GET /api/public/workspaces/:slug/consultation`: the latest consultation and its inputs. */
export interface PublicConsultationResponse {
  workspace: { slug: string; name: string };
  consultation: Consultation;
  /** The commitments open to inputs, by title, as the draft names them now. */
  commitments: { id: string; title: string }[];
  /** The first page of its inputs, oldest first; more from `…/consultation/inputs?after=<next>`. */
  inputs: ConsultationInput[];
  /** The cursor of the next page of inputs; null when `inputs` holds them all. */
  next: string | null;
  /** How many inputs the consultation has. */
  inputsTotal: number;
  /** Whether the facilitators published its report ("what we heard and what we did"). */
  reportPublished: boolean;
}

/** `GET /api/public/workspaces/:slug/consultation/draft`: the open part of the live draft. */
export interface ConsultationDraftResponse {
  content: FrozenPlan;
  at: string;
}

/** How a participant takes part: declared when they join, shown with each of their inputs. */
export interface Participation {
  sector: Sector;
  organization: string | null;
  /** Whether their name may be shown; otherwise they appear as "a participant from <sector>". */
  showName: boolean;
}

/** `GET /api/consultations/:id/me`: the caller's participation and the inputs they supported. */
export interface ConsultationMeResponse {
  participant: Participation | null;
  supported: string[];
  /** The inputs the caller sent (marked "Yours"; they cannot support them). */
  mine: string[];
  /** The newest of them (at most 50), with their answers, newest first: to follow them. */
  own: ConsultationInput[];
  /** The inputs the caller reported. */
  reported: string[];
}

/** `GET /api/workspaces/:id/consultations`: every consultation of the workspace, newest first. */
export interface ConsultationsResponse {
  consultations: Consultation[];
}

/** The facilitator's summary on the dashboard and the process page. */
export type ConsultationSummary = Pick<Consultation, "id" | "title" | "startsAt" | "endsAt" | "status">;

/**
 * A page of a consultation's inputs, oldest first: `next` is the cursor of the following page
 * (`?after=<next>`), null on the last one; `total` counts every input of the consultation.
 */
export interface InputsPage {
  inputs: ConsultationInput[];
  next: string | null;
  total: number;
}

/** `GET /api/workspaces/:id/consultations/:consultationId/inputs[?after=]`: a page of inputs. */
export type ConsultationInputsResponse = InputsPage;

/**
 * A closed consultation whose inputs are not all answered yet: the dashboard and the freeze's
 * self-check warn about it (a warning, never blocking). Hidden inputs are not counted: their
 * public reason is what the record says of them.
 */
export interface UnansweredInputs {
  consultationId: string;
  title: string;
  count: number;
}
