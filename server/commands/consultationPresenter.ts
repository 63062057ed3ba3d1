import {
  type Consultation,
  type ConsultationInput,
  type ConsultationStatus,
  type ConsultationSummary,
  consultationStatus,
  type InputAuthor,
  type InputsPage,
} from "@shared/consultation";
import type { Store } from "../store";
import type {
  ConsultationRecord,
  InputRecord,
  InputResponseRecord,
  ModerationRecord,
  ReportRecord,
} from "../store/consultations";
import { toIso } from "../store/ids";

/** Consultation records as the API answers them (one place, for members and the public alike). */

/**
 * A consultation's status at `now`, from its stored times: what `presentConsultation` answers
 * (its ISO dates parse back to the same milliseconds) without writing and parsing them, for the
 * checks each input and support makes.
 */
export const statusAt = (
  record: Pick<ConsultationRecord, "startsAt" | "endsAt">,
  now: number,
): ConsultationStatus => {
  if (now < record.startsAt) return "upcoming";
  return now < record.endsAt ? "open" : "closed";
};

/** The consultation as the API shows it, its status at `now`. */
export const presentConsultation = (record: ConsultationRecord, now: number): Consultation => {
  const dates = { startsAt: toIso(record.startsAt), endsAt: toIso(record.endsAt) };
  return {
    id: record.id,
    title: record.title,
    instructions: record.instructions,
    ...dates,
    scope: record.scope,
    commitmentIds: record.commitmentIds,
    createdAt: toIso(record.createdAt),
    status: consultationStatus(dates, now),
  };
};

export const summarize = ({ id, title, startsAt, endsAt, status }: Consultation): ConsultationSummary => ({
  id,
  title,
  startsAt,
  endsAt,
  status,
});

/**
 * The workspace's latest consultation, for the process page, and whether its report ("what we
 * heard and what we did") is published; null if none was opened.
 */
export async function latestConsultation(
  store: Store,
  workspaceId: string,
): Promise<(ConsultationSummary & { reportPublished: boolean }) | null> {
  const [latest] = await store.consultations.list(workspaceId);
  if (!latest) return null;
  return {
    ...summarize(presentConsultation(latest, Date.now())),
    reportPublished: await store.consultations.reportPublished(latest.id),
  };
}

/**
 * Who reads the inputs: the public and members see a hidden input's reason in place of its text;
 * facilitators still read the text (to decide whether to show it again) and the reports of abuse.
 */
export type InputsView = "public" | "facilitator";

/** How many inputs a page of the consultation page and the members' list carries. */
export const INPUTS_PAGE_SIZE = 50;

/**
 * A page of a consultation's inputs, oldest first, after the input `after` (the previous page's
 * `next`), and the cursor of the page after it (null on the last): a large consultation is sent
 * a page at a time, each read costing the same whatever the number of inputs.
 */
export async function presentInputsPage(
  store: Store,
  consultationId: string,
  after: string | null,
  view: InputsView = "public",
  limit = INPUTS_PAGE_SIZE,
): Promise<InputsPage> {
  const [page, total] = await Promise.all([
    store.consultations.inputsPage(consultationId, after, limit),
    store.consultations.inputCount(consultationId),
  ]);
  const inputs = await presentRecords(store, consultationId, page.inputs, view);
  return { inputs, next: page.more ? (inputs.at(-1)?.id ?? null) : null, total };
}

/** How many of their own inputs a participant follows on the consultation page, newest first. */
export const OWN_INPUTS_SHOWN = 50;

/** The newest inputs `userId` sent, with their answers, as the public sees them. */
export async function presentOwnInputs(
  store: Store,
  consultationId: string,
  userId: string,
): Promise<ConsultationInput[]> {
  const own = await store.consultations.newestAuthored(consultationId, userId, OWN_INPUTS_SHOWN);
  return presentRecords(store, consultationId, own, "public");
}

/** One input of the consultation as `view` may see it, or null when it has no such input. */
export async function presentInput(
  store: Store,
  consultationId: string,
  inputId: string,
  view: InputsView = "public",
): Promise<ConsultationInput | null> {
  const input = await store.consultations.input(consultationId, inputId);
  if (!input) return null;
  return (await presentRecords(store, consultationId, [input], view))[0] ?? null;
}

/** `inputs` with their supports, answers and moderation (those of `inputs` alone). */
async function presentRecords(
  store: Store,
  consultationId: string,
  inputs: InputRecord[],
  view: InputsView,
): Promise<ConsultationInput[]> {
  const ids = inputs.map((i) => i.id);
  if (ids.length === 0) return [];
  const [supports, responses, moderations, reports] = await Promise.all([
    store.consultations.supportCounts(consultationId, ids),
    store.consultations.responses(consultationId, ids),
    store.consultations.moderations(consultationId, ids),
    view === "facilitator" ? store.consultations.reports(consultationId, ids) : Promise.resolve([]),
  ]);
  // Grouped once: filtering every list per input would cost inputs × answers on a large consultation.
  const moderationsOf = byInput(moderations);
  const responsesOf = byInput(responses);
  const reportsOf = byInput(reports);
  return inputs.map((input) =>
    presentRecord(
      input,
      {
        supports: supports.get(input.id) ?? 0,
        responses: responsesOf.get(input.id) ?? [],
        moderations: moderationsOf.get(input.id) ?? [],
        reports: reportsOf.get(input.id) ?? [],
      },
      view,
    ),
  );
}

/** What is recorded about one input besides the input itself, oldest first. */
interface InputFacts {
  supports: number;
  responses: InputResponseRecord[];
  moderations: ModerationRecord[];
  reports: ReportRecord[];
}

/** One input with its supports, answers, moderation and (for facilitators) reports. */
function presentRecord(input: InputRecord, facts: InputFacts, view: InputsView): ConsultationInput {
  const moderation = facts.moderations.map((m) => ({
    action: m.action,
    reason: m.reason,
    at: toIso(m.createdAt),
  }));
  const last = moderation.at(-1);
  const hidden = last?.action === "hide" ? { reason: last.reason ?? "", at: last.at } : null;
  return {
    id: input.id,
    kind: input.kind,
    commitmentId: input.commitmentId,
    body: hidden && view !== "facilitator" ? null : input.body,
    hidden,
    moderation,
    author: publicAuthor(input),
    channel: input.channel,
    createdAt: toIso(input.createdAt),
    supports: facts.supports,
    responses: facts.responses.map((r) => ({ status: r.status, reason: r.reason, at: toIso(r.createdAt) })),
    ...(view === "facilitator"
      ? {
          reports: {
            count: facts.reports.length,
            reasons: facts.reports.flatMap((r) => (r.reason ? [r.reason] : [])),
          },
        }
      : {}),
  };
}

/**
 * An input as the public sees it the moment it is stored: no supports, answers, moderation or
 * reports can exist before its own transaction commits, so answering its sender reads nothing back.
 */
export const presentNewInput = (input: InputRecord): ConsultationInput =>
  presentRecord(input, { supports: 0, responses: [], moderations: [], reports: [] }, "public");

/** Who gave an input, as anyone may see it: the name only with consent. */
export function publicAuthor(input: InputRecord): InputAuthor {
  return {
    name: input.publicName,
    sector: input.sector,
    // The organisation could name the person: shown only with the name.
    organization: input.publicName === null ? null : input.organization,
    community: input.community,
  };
}

/** The rows of each input, in their order (Map.groupBy needs Node 21). */
function byInput<Row extends { inputId: string }>(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.inputId);
    if (group) group.push(row);
    else groups.set(row.inputId, [row]);
  }
  return groups;
}
