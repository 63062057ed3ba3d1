import type { CocreationRecord, InputCounts, SectorCount, TextBreakdown } from "@shared/record";
import type { Sector } from "@shared/roles";

/** The columns of the record's CSV (schema cocrea.record/v2; the README describes every row). */
export const RECORD_CSV_COLUMNS = [
  "section",
  "item",
  "label",
  "group",
  "sector",
  "organization",
  "name",
  "measure",
  "value",
] as const;
type Row = Partial<Record<(typeof RECORD_CSV_COLUMNS)[number], string | number | null>>;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a person typed
 * that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a leading
 * apostrophe, so opening the file cannot run anything (CSV injection).
 */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** In the CSV a row whose sector is not known (text bound to nobody) says so. */
const sectorName = (sector: Sector | null): string => sector ?? "unattributed";

function textRows(item: string, label: string | null, text: TextBreakdown): Row[] {
  const measures = (base: Row, counts: { written: number; still: number }): Row[] => [
    { ...base, measure: "written", value: counts.written },
    { ...base, measure: "still", value: counts.still },
  ];
  const base: Row = { section: "text", item, label };
  return [
    ...measures({ ...base, group: "total" }, text),
    ...text.bySector.flatMap((row) =>
      measures({ ...base, group: "sector", sector: sectorName(row.sector) }, row),
    ),
    ...text.byOrganization.flatMap((row) =>
      measures(
        { ...base, group: "organization", sector: sectorName(row.sector), organization: row.organization },
        row,
      ),
    ),
  ];
}

const sectorRows = (base: Row, measure: string, counts: readonly SectorCount[]): Row[] =>
  counts.map(({ sector, count }) => ({ ...base, group: "sector", sector, measure, value: count }));

/** A consultation's (or all consultations') input counts: totals, by channel, by sector. */
function inputRows(base: Row, counts: InputCounts): Row[] {
  return [
    ...(["inputs", "answered", "unanswered", "hidden", "supports"] as const).map(
      (measure): Row => ({ ...base, group: "total", measure, value: counts[measure] }),
    ),
    ...counts.byChannel.map(
      ({ channel, count }): Row => ({
        ...base,
        group: "channel",
        measure: `channel:${channel}`,
        value: count,
      }),
    ),
    ...sectorRows(base, "inputs", counts.bySector),
  ];
}

/**
 * The record as one long ("tidy") table: one figure per row, described by its section, item,
 * group (total, sector, organization, option, status) and measure, so a spreadsheet's pivot table
 * can rebuild any view. Every figure of the JSON is here; the CSV carries no other.
 */
export function recordCsv(record: CocreationRecord): string {
  const { text, comments, votes, meetings } = record;
  const rows: Row[] = [
    { section: "record", item: "schema", measure: "schema", value: record.schema },
    { section: "record", item: "asOf", measure: "asOf", value: record.asOf },
    ...textRows("total", null, text.total),
    ...text.parts.flatMap((part) =>
      part.kind === "commitment"
        ? textRows(`commitment:${part.commitmentId}`, `${part.number}. ${part.title}`, part)
        : textRows(part.kind, null, part),
    ),
    ...[
      ["comments", comments.comments],
      ["inputs", comments.inputs],
      ["responded", comments.responded],
      ["unanswered", comments.unanswered],
      ["medianResponseSeconds", comments.medianResponseSeconds],
    ].map(([measure, value]): Row => ({ section: "comments", item: "all", group: "total", measure, value })),
    ...sectorRows({ section: "comments", item: "all" }, "comments", comments.bySector),
    ...Object.entries(comments.byStatus).map(
      ([status, value]): Row => ({
        section: "comments",
        item: "threads",
        group: "status",
        label: status,
        measure: "threads",
        value,
      }),
    ),
    ...[
      ["held", votes.held],
      ["open", votes.open],
      ["ballots", votes.ballots],
      ["eligible", votes.eligible],
    ].map(([measure, value]): Row => ({ section: "votes", item: "all", group: "total", measure, value })),
    ...votes.votes.flatMap((vote): Row[] => {
      const base: Row = { section: "votes", item: `vote:${vote.id}`, label: vote.title };
      const labelOf = (choice: string) => vote.options.find((o) => o.id === choice)?.label ?? choice;
      return [
        { ...base, group: "total", measure: "closedAt", value: vote.closedAt },
        { ...base, group: "total", measure: "ballots", value: vote.ballots },
        { ...base, group: "total", measure: "eligible", value: vote.eligible },
        ...Object.entries(vote.counts).map(
          ([choice, value]): Row => ({
            ...base,
            group: "option",
            measure: `choice:${labelOf(choice)}`,
            value,
          }),
        ),
        ...vote.bySector.flatMap((row): Row[] => {
          const sectors = row.sectors.join("+");
          return [
            { ...base, group: "sector", sector: sectors, measure: "ballots", value: row.ballots },
            { ...base, group: "sector", sector: sectors, measure: "eligible", value: row.eligible },
            ...Object.entries(row.counts).map(
              ([choice, value]): Row => ({
                ...base,
                group: "sector",
                sector: sectors,
                measure: `choice:${labelOf(choice)}`,
                value,
              }),
            ),
          ];
        }),
      ];
    }),
    { section: "meetings", item: "all", group: "total", measure: "held", value: meetings.held },
    { section: "meetings", item: "all", group: "total", measure: "attendance", value: meetings.attendance },
    ...sectorRows({ section: "meetings", item: "all" }, "attendance", meetings.bySector),
    ...meetings.meetings.flatMap((m): Row[] => {
      const base: Row = { section: "meetings", item: `meeting:${m.id}`, label: m.title };
      return [
        { ...base, group: "total", measure: "startsAt", value: m.startsAt },
        { ...base, group: "total", measure: "attendance", value: m.attendees },
        ...sectorRows(base, "attendance", m.bySector),
      ];
    }),
    ...(record.consultations
      ? [
          {
            section: "consultations",
            item: "all",
            group: "total",
            measure: "held",
            value: record.consultations.held,
          },
          ...inputRows({ section: "consultations", item: "all" }, record.consultations),
          ...record.consultations.consultations.flatMap((c): Row[] => {
            const base: Row = { section: "consultations", item: `consultation:${c.id}`, label: c.title };
            return [
              { ...base, group: "total", measure: "startsAt", value: c.startsAt },
              { ...base, group: "total", measure: "endsAt", value: c.endsAt },
              ...inputRows(base, c),
            ];
          }),
        ]
      : []),
    ...record.timeline.map(
      (entry): Row => ({
        section: "timeline",
        item: entry.kind,
        label: entry.title ?? entry.phase ?? (entry.number === null ? null : `v${entry.number}`),
        sector: entry.sector,
        organization: entry.organization,
        name: entry.name,
        measure: "at",
        value: entry.at,
      }),
    ),
  ];
  const lines = [
    RECORD_CSV_COLUMNS.join(","),
    ...rows.map((row) => RECORD_CSV_COLUMNS.map((c) => field(row[c])).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
