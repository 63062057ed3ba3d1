import { RESPONSE_STATUSES } from "@shared/comments";
import { INPUT_CHANNELS, type InputChannel } from "@shared/consultation";
import type {
  ConsultationReport,
  ConsultationReportResponse,
  ReportCounts,
  ReportGroup,
  ReportInput,
  StatusCounts,
} from "@shared/consultationReport";
import type { InputCounts } from "@shared/record";
import type { Sector } from "@shared/roles";
import { conflict, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import { sectorCounts } from "../record/comments";
import type { Store } from "../store";
import type { ConsultationRecord, ReportRow } from "../store/consultations";
import { toIso } from "../store/ids";
import { requireMember } from "./access";
import { presentConsultation, publicAuthor, summarize } from "./consultationPresenter";
import {
  type ConsultationDeps,
  openCommitments,
  planCommitments,
  publicConsultationRecord,
} from "./consultations";

/** What the counts need of an input. */
export interface CountedInput {
  channel: InputChannel;
  sector: Sector;
  answered: boolean;
  hidden: boolean;
  supports: number;
}

/** Inputs counted the same way for the report, one consultation of the record and all of them. */
export function inputCounts(inputs: readonly CountedInput[]): InputCounts {
  const channels = new Map<InputChannel, number>();
  let answered = 0;
  let unanswered = 0;
  let hidden = 0;
  let supports = 0;
  for (const input of inputs) {
    channels.set(input.channel, (channels.get(input.channel) ?? 0) + 1);
    if (input.answered) answered++;
    if (input.hidden) hidden++;
    else if (!input.answered) unanswered++;
    supports += input.supports;
  }
  return {
    inputs: inputs.length,
    answered,
    unanswered,
    hidden,
    supports,
    byChannel: INPUT_CHANNELS.flatMap((channel) => {
      const count = channels.get(channel);
      return count ? [{ channel, count }] : [];
    }),
    bySector: sectorCounts(inputs.map((i) => i.sector)),
  };
}

/** An input as the report shows it to anyone: a hidden one's reason, never its text. */
function reportInput({ input, supports, answer, hiddenReason }: ReportRow): ReportInput {
  return {
    id: input.id,
    kind: input.kind,
    body: hiddenReason === null ? input.body : null,
    hiddenReason,
    author: publicAuthor(input),
    channel: input.channel,
    createdAt: toIso(input.createdAt),
    supports,
    answer: answer && { status: answer.status, reason: answer.reason, at: toIso(answer.createdAt) },
  };
}

/**
 * The report of a consultation from its rows (see `ConsultationStore.reportRows`) and the plan's
 * commitments in order (`{id, title}` as they read now). Pure: the routes, the downloads and the
 * record build it the same way.
 */
export function buildReport(
  record: ConsultationRecord,
  rows: readonly ReportRow[],
  commitments: readonly { id: string; title: string }[],
  now: number,
): ConsultationReport {
  const inputs = rows.map(reportInput);
  const byStatus: Required<StatusCounts> = {
    accepted: 0,
    partly_accepted: 0,
    not_accepted: 0,
    answered: 0,
    hidden: 0,
    none: 0,
  };
  for (const input of inputs)
    byStatus[input.answer?.status ?? (input.hiddenReason === null ? "none" : "hidden")]++;
  const counts: ReportCounts = {
    ...inputCounts(
      inputs.map((i) => ({
        channel: i.channel,
        sector: i.author.sector,
        answered: i.answer !== null,
        hidden: i.hiddenReason !== null,
        supports: i.supports,
      })),
    ),
    byStatus,
  };
  const inPlan = new Set(commitments.map((c) => c.id));
  const opened = new Set(openCommitments(record, [...commitments]).map((c) => c.id));
  const byCommitment = new Map<string, ReportInput[]>();
  const plan: ReportInput[] = [];
  const removed: ReportInput[] = [];
  const ideas: ReportInput[] = [];
  rows.forEach((row, index) => {
    const input = inputs[index] as ReportInput;
    const commitmentId = row.input.commitmentId;
    if (row.input.kind === "idea") ideas.push(input);
    else if (commitmentId === null) plan.push(input);
    else if (!inPlan.has(commitmentId)) removed.push(input);
    else {
      const found = byCommitment.get(commitmentId);
      if (found) found.push(input);
      else byCommitment.set(commitmentId, [input]);
    }
  });
  const groups: ReportGroup[] = [];
  if (plan.length > 0 || record.scope === "plan") groups.push({ kind: "plan", inputs: plan });
  commitments.forEach((c, index) => {
    const found = byCommitment.get(c.id) ?? [];
    if (found.length > 0 || opened.has(c.id)) {
      groups.push({
        kind: "commitment",
        commitmentId: c.id,
        number: index + 1,
        title: c.title,
        inputs: found,
      });
    }
  });
  if (removed.length > 0) groups.push({ kind: "removed", inputs: removed });
  if (ideas.length > 0 || record.scope === "plan") groups.push({ kind: "ideas", inputs: ideas });
  return { consultation: summarize(presentConsultation(record, now)), counts, groups };
}

/** The report of a consultation record, reading its rows and the plan's commitments. */
async function reportOf(deps: ConsultationDeps, record: ConsultationRecord): Promise<ConsultationReport> {
  const [rows, commitments] = await Promise.all([
    deps.store.consultations.reportRows(record.id),
    planCommitments(deps, record.workspaceId),
  ]);
  return buildReport(record, rows, commitments, Date.now());
}

/** A consultation of this workspace; 404 otherwise. */
async function consultationOf(store: Store, workspaceId: string, consultationId: string) {
  const record = await store.consultations.byId(consultationId);
  if (!record || record.workspaceId !== workspaceId) throw notFound("Consultation");
  return record;
}

/** The report for members (any member), whether published or not. */
export async function memberReport(
  deps: ConsultationDeps,
  userId: string,
  workspaceId: string,
  consultationId: string,
): Promise<ConsultationReportResponse> {
  await requireMember(deps.store, workspaceId, userId);
  const record = await consultationOf(deps.store, workspaceId, consultationId);
  const workspace = await deps.store.workspaces.byId(workspaceId);
  if (!workspace) throw notFound("Workspace");
  return {
    workspace: { slug: workspace.slug, name: workspace.name },
    report: await reportOf(deps, record),
    published: await deps.store.consultations.reportPublished(consultationId),
  };
}

/**
 * The report of the latest consultation of the published workspace at `slug`, once the
 * facilitators published it; 404 otherwise, as if it did not exist.
 */
export async function publicReport(
  deps: ConsultationDeps,
  slug: string,
): Promise<ConsultationReportResponse> {
  const { workspaceId, record } = await publicConsultationRecord(deps.store, slug);
  if (!(await deps.store.consultations.reportPublished(record.id))) throw notFound("Report");
  const workspace = await deps.store.workspaces.byId(workspaceId);
  if (!workspace) throw notFound("Report");
  return { workspace: { slug, name: workspace.name }, report: await reportOf(deps, record), published: true };
}

/**
 * A facilitator publishes the report on the process page, or withdraws it (`published` false).
 * 409 `already_published` / `not_published` when it already is as asked (two facilitators at once).
 */
export async function publishReport(
  deps: ConsultationDeps,
  actorId: string,
  workspaceId: string,
  consultationId: string,
  published: boolean,
): Promise<boolean> {
  await commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await consultationOf(store, workspaceId, consultationId);
    if (!(await store.consultations.setReportPublished(consultationId, published, actorId, now))) {
      throw published
        ? conflict("already_published", "This report is already published.")
        : conflict("not_published", "This report is not published.");
    }
    emit(
      workspaceId,
      actorId,
      published ? "consultation.report_published" : "consultation.report_withdrawn",
      {
        consultationId,
      },
    );
  });
  return published;
}

/** The statuses in the order every view lists them, then hidden inputs and inputs without an answer. */
export const STATUS_ORDER = [...RESPONSE_STATUSES, "hidden", "none"] as const;
