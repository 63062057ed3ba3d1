import {
  type Consultation,
  type ConsultationInput,
  type ConsultationSummary,
  consultationStatus,
} from "@shared/consultation";
import type { Store } from "../store";
import type { ConsultationRecord } from "../store/consultations";
import { toIso } from "../store/ids";

/** Consultation records as the API answers them (one place, for members and the public alike). */

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

/** The workspace's latest consultation, for the process page; null if none was opened. */
export async function latestConsultation(
  store: Store,
  workspaceId: string,
): Promise<ConsultationSummary | null> {
  const [latest] = await store.consultations.list(workspaceId);
  return latest ? summarize(presentConsultation(latest, Date.now())) : null;
}

/**
 * Who reads the inputs: the public and members see a hidden input's reason in place of its text;
 * facilitators still read the text (to decide whether to show it again) and the reports of abuse.
 */
export type InputsView = "public" | "facilitator";

/** Every input of a consultation with its supports, answers and moderation, as `view` may see them. */
export async function presentInputs(
  store: Store,
  consultationId: string,
  view: InputsView = "public",
): Promise<ConsultationInput[]> {
  const [inputs, supports, responses, moderations, reports] = await Promise.all([
    store.consultations.inputs(consultationId),
    store.consultations.supportCounts(consultationId),
    store.consultations.responses(consultationId),
    store.consultations.moderations(consultationId),
    view === "facilitator" ? store.consultations.reports(consultationId) : Promise.resolve([]),
  ]);
  // Grouped once: filtering every list per input would cost inputs × answers on a large consultation.
  const moderationsOf = byInput(moderations);
  const responsesOf = byInput(responses);
  const reportsOf = byInput(reports);
  return inputs.map((input) => {
    const moderation = (moderationsOf.get(input.id) ?? []).map((m) => ({
      action: m.action,
      reason: m.reason,
      at: toIso(m.createdAt),
    }));
    const last = moderation.at(-1);
    const hidden = last?.action === "hide" ? { reason: last.reason ?? "", at: last.at } : null;
    const reported = reportsOf.get(input.id) ?? [];
    return {
      id: input.id,
      kind: input.kind,
      commitmentId: input.commitmentId,
      body: hidden && view !== "facilitator" ? null : input.body,
      hidden,
      moderation,
      author: {
        name: input.publicName,
        sector: input.sector,
        // The organisation could name the person: shown only with the name.
        organization: input.publicName === null ? null : input.organization,
        community: input.community,
      },
      channel: input.channel,
      createdAt: toIso(input.createdAt),
      supports: supports.get(input.id) ?? 0,
      responses: (responsesOf.get(input.id) ?? []).map((r) => ({
        status: r.status,
        reason: r.reason,
        at: toIso(r.createdAt),
      })),
      ...(view === "facilitator"
        ? {
            reports: {
              count: reported.length,
              reasons: reported.flatMap((r) => (r.reason ? [r.reason] : [])),
            },
          }
        : {}),
    };
  });
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
