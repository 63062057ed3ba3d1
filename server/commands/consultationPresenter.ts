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

/** Every input of a consultation with its supports and answers, as anyone may see them. */
export async function presentInputs(store: Store, consultationId: string): Promise<ConsultationInput[]> {
  const [inputs, supports, responses] = await Promise.all([
    store.consultations.inputs(consultationId),
    store.consultations.supportCounts(consultationId),
    store.consultations.responses(consultationId),
  ]);
  return inputs.map((input) => ({
    id: input.id,
    kind: input.kind,
    commitmentId: input.commitmentId,
    body: input.body,
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
    responses: responses
      .filter((r) => r.inputId === input.id)
      .map((r) => ({ status: r.status, reason: r.reason, at: toIso(r.createdAt) })),
  }));
}
