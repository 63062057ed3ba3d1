import type { RecordConsultation, RecordConsultations } from "@shared/record";
import { buildReport, type CountedInput, inputCounts } from "../commands/consultationReport";
import type { Store } from "../store";
import { toIso } from "../store/ids";
import type { CommitmentTitle } from "./text";

/**
 * Public consultations: every input heard, online or recorded offline on someone's behalf, by
 * channel and by the sector declared, answered or not, hidden, and supports — per consultation and
 * in total, and by current answer. A consultation whose report ("what we heard and what we did")
 * the facilitators published also brings the report itself: its inputs grouped by what they are
 * about with their answers, exactly as public as the consultation page. Only then: a frozen record
 * can never be changed, so an input's text enters it only once the forum chose to show the report
 * (hiding an input first keeps its text out for good). A few set-based reads per consultation,
 * whatever its number of inputs.
 */
export async function consultationsRecord(
  store: Store,
  workspaceId: string,
  commitments: readonly CommitmentTitle[],
  now: number,
): Promise<RecordConsultations> {
  const records = [...(await store.consultations.list(workspaceId))].reverse();
  const titles = commitments.map((c) => ({ id: c.commitmentId, title: c.title }));
  const all: CountedInput[] = [];
  const consultations: RecordConsultation[] = [];
  for (const record of records) {
    const rows = await store.consultations.reportRows(record.id);
    const report = buildReport(record, rows, titles, now);
    all.push(
      ...rows.map((row) => ({
        channel: row.input.channel,
        sector: row.input.sector,
        answered: row.answer !== null,
        hidden: row.hiddenReason !== null,
        supports: row.supports,
      })),
    );
    const { byStatus, ...counts } = report.counts;
    consultations.push({
      id: record.id,
      title: record.title,
      startsAt: toIso(record.startsAt),
      endsAt: toIso(record.endsAt),
      ...counts,
      byStatus,
      ...((await store.consultations.reportPublished(record.id)) ? { groups: report.groups } : {}),
    });
  }
  return { held: records.length, ...inputCounts(all), consultations };
}
