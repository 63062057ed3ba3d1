import { INPUT_CHANNELS, type InputChannel } from "@shared/consultation";
import type { InputCounts, RecordConsultation, RecordConsultations } from "@shared/record";
import type { Sector } from "@shared/roles";
import { presentInputs } from "../commands/consultationPresenter";
import type { Store } from "../store";
import { toIso } from "../store/ids";
import { sectorCounts } from "./comments";

interface CountedInput {
  channel: InputChannel;
  sector: Sector;
  answered: boolean;
  hidden: boolean;
  supports: number;
}

function inputCounts(inputs: readonly CountedInput[]): InputCounts {
  const channels = new Map<InputChannel, number>();
  for (const input of inputs) channels.set(input.channel, (channels.get(input.channel) ?? 0) + 1);
  return {
    inputs: inputs.length,
    answered: inputs.filter((i) => i.answered).length,
    unanswered: inputs.filter((i) => !i.answered && !i.hidden).length,
    hidden: inputs.filter((i) => i.hidden).length,
    supports: inputs.reduce((sum, i) => sum + i.supports, 0),
    byChannel: INPUT_CHANNELS.flatMap((channel) => {
      const count = channels.get(channel);
      return count ? [{ channel, count }] : [];
    }),
    bySector: sectorCounts(inputs.map((i) => i.sector)),
  };
}

/**
 * Public consultations: every input heard, online or recorded offline on someone's behalf, by
 * channel and by the sector declared, answered or not, hidden, and supports — per consultation and
 * in total. Counts only: no input's text and no person.
 */
export async function consultationsRecord(store: Store, workspaceId: string): Promise<RecordConsultations> {
  const records = [...(await store.consultations.list(workspaceId))].reverse();
  const all: CountedInput[] = [];
  const consultations: RecordConsultation[] = [];
  for (const record of records) {
    const inputs = (await presentInputs(store, record.id)).map((i) => ({
      channel: i.channel,
      sector: i.author.sector,
      answered: i.responses.length > 0,
      hidden: i.hidden !== null,
      supports: i.supports,
    }));
    all.push(...inputs);
    consultations.push({
      id: record.id,
      title: record.title,
      startsAt: toIso(record.startsAt),
      endsAt: toIso(record.endsAt),
      ...inputCounts(inputs),
    });
  }
  return { held: records.length, ...inputCounts(all), consultations };
}
