import type { ResponseStatus } from "./comments";
import type { ConsultationSummary, InputAuthor, InputChannel, InputKind } from "./consultation";
import type { InputCounts } from "./record";

/**
 * "What we heard and what we did" (issue 15): every input of a consultation, grouped by what it is
 * about, each with its current answer, and the counts by sector, channel and answer. One shape for
 * members, the public page, the downloads and the record of co-creation (schema cocrea.record/v3):
 * it holds only what is public — a hidden input's public reason, never its text; a person's name
 * only when they agreed to it (else they are "a participant from <sector>").
 */

/** An input as the report shows it. */
export interface ReportInput {
  id: string;
  kind: InputKind;
  /** Its text; null while the facilitators hide it. */
  body: string | null;
  /** The facilitators' public reason, while it is hidden. */
  hiddenReason: string | null;
  author: InputAuthor;
  channel: InputChannel;
  createdAt: string;
  supports: number;
  /** The current (latest) reasoned answer; null while none was given. */
  answer: { status: ResponseStatus; reason: string; at: string } | null;
}

/**
 * A group of the report: comments on the whole draft (`plan`), on one commitment still in the plan
 * (numbered in the plan's order, titled as it reads now), on commitments since removed
 * (`removed`), and new ideas (`ideas`). Empty groups are left out, except the commitments opened.
 */
export type ReportGroup = { inputs: ReportInput[] } & (
  | { kind: "plan" }
  | { kind: "commitment"; commitmentId: string; number: number; title: string }
  | { kind: "removed" }
  | { kind: "ideas" }
);

/**
 * Inputs by their current answer. A hidden input without an answer counts under `hidden` (its
 * public reason answers it), so `none` counts exactly those awaiting an answer. Records frozen
 * before `hidden` was counted lack it and count those under `none`.
 */
export type StatusCounts = Record<ResponseStatus | "none", number> & { hidden?: number };

export interface ReportCounts extends InputCounts {
  byStatus: StatusCounts;
}

export interface ConsultationReport {
  consultation: ConsultationSummary;
  counts: ReportCounts;
  groups: ReportGroup[];
}

/**
 * `GET /api/workspaces/:id/consultations/:consultationId/report` and
 * `GET /api/public/workspaces/:slug/consultation/report`.
 */
export interface ConsultationReportResponse {
  workspace: { slug: string; name: string };
  report: ConsultationReport;
  /** Whether the facilitators published it on the process page. */
  published: boolean;
}

/** The downloads of a report. */
export const REPORT_FORMATS = ["md", "docx", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
