import { SECTOR_COLORS } from "@shared/collab";
import type {
  CocreationRecord,
  RecordVote,
  SectorCount,
  TextBreakdown,
  TextPart,
  TimelineEntry,
} from "@shared/record";
import type { Sector } from "@shared/roles";
import type { ReactNode } from "react";
import { createContext, useContext, useId } from "react";
import { useTranslation } from "react-i18next";
import { HeardReport } from "~/components/consultation/HeardReport";
import { useFormatDate } from "~/hooks/useFormatDate";
import { BarFigure, type FigureRow } from "./BarFigure";
import { formatDuration } from "./duration";
import { TableScroll } from "./TableScroll";
import "./Record.css";

/** Colours of the two text series: typed (lighter) and still in the plan (the primary colour). */
const WRITTEN_COLOR = "#7a9cc0";
const STILL_COLOR = "#0b4f8a";
const UNATTRIBUTED_COLOR = "#6b7380";

/** The level of section headings: h2 on the record page, lower inside another page's section. */
export type HeadingLevel = 2 | 3 | 4;
const HEADINGS = { 2: "h2", 3: "h3", 4: "h4" } as const;
const Level = createContext<HeadingLevel>(2);

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  const Heading = HEADINGS[useContext(Level)];
  return (
    <section className="record-section" aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      {children}
    </section>
  );
}

interface RecordViewProps {
  record: CocreationRecord;
  headingLevel: HeadingLevel;
}

/**
 * The record of co-creation as charts, each with its numbers in a table beside it, and the
 * timeline. Loaded on its own (it brings the chart library) by the record page and the public page.
 */
export function RecordView({ record, headingLevel }: RecordViewProps) {
  const { t, i18n } = useTranslation(["record", "common", "comments", "votes", "public", "consultation"]);
  const formatDate = useFormatDate();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language, { style: "percent" });
  const sectorName = (sector: Sector | null) =>
    sector === null ? t("record:unattributed") : t(`common:sectors.${sector}`);
  const { text, comments, votes, meetings, consultations } = record;
  const sectors = [...new Set(text.total.bySector.map((row) => row.sector))];
  const partName = (part: TextPart) => {
    if (part.kind === "plan") return t("record:text.plan");
    if (part.kind === "removed") return t("record:text.removed");
    return part.title.trim()
      ? t("record:text.commitment", { number: part.number, title: part.title })
      : t("record:text.untitled", { number: part.number });
  };
  const textRows = (breakdown: TextBreakdown): FigureRow[] =>
    breakdown.bySector.map((row) => ({
      label: sectorName(row.sector),
      values: { written: row.written, still: row.still },
    }));
  const countRows = (counts: SectorCount[]): FigureRow[] =>
    counts.map(({ sector, count }) => ({ label: sectorName(sector), values: { count } }));
  const share = (row: FigureRow) =>
    text.total.still === 0 ? "–" : percent.format((row.values.still ?? 0) / text.total.still);

  return (
    <Level.Provider value={headingLevel}>
      <div className="record-view">
        <Section title={t("record:figures.heading")}>
          <dl className="record-key-figures">
            {[
              [t("record:figures.still"), number.format(text.total.still)],
              [t("record:figures.written"), number.format(text.total.written)],
              [t("record:figures.comments"), number.format(comments.comments)],
              [
                t("record:figures.commentsAnswered"),
                t("record:figures.answeredValue", { responded: comments.responded, inputs: comments.inputs }),
              ],
              // Inputs are what a public consultation heard (records frozen before v2 have none).
              ...(consultations && consultations.held > 0
                ? [
                    [
                      t("record:figures.answered"),
                      t("record:figures.answeredValue", {
                        responded: consultations.answered,
                        inputs: consultations.inputs,
                      }),
                    ],
                  ]
                : []),
              [t("record:figures.votes"), number.format(votes.held)],
              [t("record:figures.meetings"), number.format(meetings.held)],
              [t("record:figures.attendance"), number.format(meetings.attendance)],
            ].map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Section>

        <Section title={t("record:text.heading")}>
          <p className="hint">{t("record:text.explain")}</p>
          <BarFigure
            title={t("record:text.bySector")}
            rowHeader={t("record:text.sector")}
            rows={textRows(text.total)}
            series={[
              { key: "written", label: t("record:text.written"), color: WRITTEN_COLOR },
              { key: "still", label: t("record:text.still"), color: STILL_COLOR },
            ]}
            extra={[{ label: t("record:text.share"), value: share }]}
          />
          {text.parts.length > 0 && (
            <BarFigure
              title={t("record:text.byPart")}
              rowHeader={t("record:text.part")}
              rows={text.parts.map((part) => ({
                label: partName(part),
                short:
                  part.kind === "commitment"
                    ? t("record:text.commitmentShort", { number: part.number })
                    : undefined,
                values: Object.fromEntries(
                  part.bySector.map((row) => [String(row.sector), row.still] as const),
                ),
              }))}
              series={sectors.map((sector) => ({
                key: String(sector),
                label: sectorName(sector),
                color: sector === null ? UNATTRIBUTED_COLOR : SECTOR_COLORS[sector],
              }))}
              stacked
            />
          )}
          {text.total.byOrganization.length > 0 && (
            <TableScroll label={t("record:text.byOrganization")}>
              <table className="record-table">
                <caption>{t("record:text.byOrganization")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("record:text.organization")}</th>
                    <th scope="col">{t("record:text.sector")}</th>
                    <th scope="col" className="number">
                      {t("record:text.written")}
                    </th>
                    <th scope="col" className="number">
                      {t("record:text.still")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {text.total.byOrganization.map((row) => (
                    <tr key={`${row.sector}/${row.organization}`}>
                      <th scope="row">
                        {row.organization ??
                          (row.sector === null ? t("record:unattributed") : t("record:noOrganization"))}
                      </th>
                      <td>{sectorName(row.sector)}</td>
                      <td className="number">{number.format(row.written)}</td>
                      <td className="number">{number.format(row.still)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {sectors.includes(null) && <p className="hint">{t("record:text.unattributedNote")}</p>}
        </Section>

        <Section title={t("record:comments.heading")}>
          {comments.comments === 0 ? (
            <p>{t("record:comments.noneYet")}</p>
          ) : (
            <>
              <p>
                {comments.unanswered === 0
                  ? t("record:comments.allAnswered")
                  : t("record:comments.unanswered", { count: comments.unanswered })}{" "}
                {comments.medianResponseSeconds !== null &&
                  t("record:comments.median", {
                    duration: formatDuration(t, comments.medianResponseSeconds),
                  })}
              </p>
              <BarFigure
                title={t("record:comments.bySector")}
                rowHeader={t("record:text.sector")}
                rows={countRows(comments.bySector)}
                series={[{ key: "count", label: t("record:comments.count"), color: STILL_COLOR }]}
              />
              <BarFigure
                title={t("record:comments.byStatus")}
                rowHeader={t("record:comments.status")}
                rows={Object.entries(comments.byStatus).map(([status, count]) => ({
                  label: t(`comments:status.${status as keyof typeof comments.byStatus}`),
                  values: { count },
                }))}
                series={[{ key: "count", label: t("record:comments.inputs"), color: STILL_COLOR }]}
              />
            </>
          )}
        </Section>

        <Section title={t("record:votes.heading")}>
          {votes.open > 0 && <p className="hint">{t("record:votes.stillOpen", { count: votes.open })}</p>}
          {votes.held === 0 ? (
            <p>{t("record:votes.none")}</p>
          ) : (
            <>
              <BarFigure
                title={t("record:votes.turnout")}
                rowHeader={t("record:votes.vote")}
                rows={votes.votes.map((vote) => ({
                  label: vote.title,
                  values: { ballots: vote.ballots, eligible: vote.eligible },
                }))}
                series={[
                  { key: "eligible", label: t("record:votes.eligible"), color: WRITTEN_COLOR },
                  { key: "ballots", label: t("record:votes.ballots"), color: STILL_COLOR },
                ]}
              />
              <ul className="record-list">
                {votes.votes.map((vote) => (
                  <li key={vote.id}>
                    <strong>{vote.title}</strong> ·{" "}
                    {t("record:votes.closed", { date: formatDate(vote.closedAt) })}
                    <br />
                    {t("record:votes.result")}: {countsText(vote, vote.counts)}
                    {vote.bySector.length > 0 && (
                      <ul>
                        {vote.bySector.map((row) => (
                          <li key={row.sectors.join("+")}>
                            {row.sectors.map(sectorName).join(", ")}: {countsText(vote, row.counts)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
              <p className="hint">{t("record:votes.pooled")}</p>
            </>
          )}
        </Section>

        <Section title={t("record:meetings.heading")}>
          {meetings.held === 0 ? (
            <p>{t("record:meetings.none")}</p>
          ) : (
            <>
              <BarFigure
                title={t("record:meetings.bySector")}
                rowHeader={t("record:text.sector")}
                rows={countRows(meetings.bySector)}
                series={[{ key: "count", label: t("record:meetings.attendance"), color: STILL_COLOR }]}
              />
              <TableScroll label={t("record:meetings.heading")}>
                <table className="record-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("record:meetings.meeting")}</th>
                      <th scope="col">{t("record:meetings.date")}</th>
                      <th scope="col" className="number">
                        {t("record:meetings.attendees")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {meetings.meetings.map((m) => (
                      <tr key={m.id}>
                        <th scope="row">{m.title}</th>
                        <td>{formatDate(m.startsAt)}</td>
                        <td className="number">{number.format(m.attendees)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}
        </Section>

        {consultations && (
          <Section title={t("record:consultations.heading")}>
            {consultations.held === 0 ? (
              <p>{t("record:consultations.none")}</p>
            ) : (
              <>
                <p data-testid="record-consultation-summary">
                  {t("record:consultations.summary", {
                    count: consultations.inputs,
                    answered: consultations.answered,
                    unanswered: consultations.unanswered,
                    hidden: consultations.hidden,
                  })}
                </p>
                <BarFigure
                  title={t("record:consultations.byChannel")}
                  rowHeader={t("record:consultations.channel")}
                  rows={consultations.byChannel.map(({ channel, count }) => ({
                    label: t(`consultation:channel.${channel}`),
                    values: { count },
                  }))}
                  series={[{ key: "count", label: t("record:consultations.inputs"), color: STILL_COLOR }]}
                />
                <BarFigure
                  title={t("record:consultations.bySector")}
                  rowHeader={t("record:text.sector")}
                  rows={countRows(consultations.bySector)}
                  series={[{ key: "count", label: t("record:consultations.inputs"), color: STILL_COLOR }]}
                />
                <TableScroll label={t("record:consultations.heading")}>
                  <table className="record-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("record:consultations.consultation")}</th>
                        <th scope="col">{t("record:consultations.closes")}</th>
                        {(["inputs", "answered", "unanswered", "hidden", "supports"] as const).map((key) => (
                          <th key={key} scope="col" className="number">
                            {t(`record:consultations.${key}`)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {consultations.consultations.map((c) => (
                        <tr key={c.id}>
                          <th scope="row">{c.title}</th>
                          {/* The end is exclusive (midnight after the last day): show the last day, as the consultation page does. */}
                          <td>{formatDate(new Date(Date.parse(c.endsAt) - 60_000).toISOString())}</td>
                          {(["inputs", "answered", "unanswered", "hidden", "supports"] as const).map(
                            (key) => (
                              <td key={key} className="number">
                                {number.format(c[key])}
                              </td>
                            ),
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
                {consultations.consultations.map(
                  (c) =>
                    c.groups &&
                    c.byStatus && (
                      // Long (every input with its answer): folded until asked for.
                      <details key={c.id} className="record-heard" data-testid="record-heard">
                        <summary>{t("record:consultations.heard", { title: c.title })}</summary>
                        <HeardReport
                          report={{ counts: { ...c, byStatus: c.byStatus }, groups: c.groups }}
                          headingLevel={(headingLevel + 1) as 3 | 4 | 5}
                        />
                      </details>
                    ),
                )}
              </>
            )}
          </Section>
        )}

        <Section title={t("record:timeline.heading")}>
          {record.timeline.length === 0 ? (
            <p>{t("record:timeline.empty")}</p>
          ) : (
            <ol className="record-timeline">
              {record.timeline.map((entry, index) => (
                // Entries have no id of their own; the list never reorders.
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, ordered list
                <li key={index}>
                  <time dateTime={entry.at}>
                    {formatDate(entry.kind === "phase" ? entry.at.slice(0, 10) : entry.at)}
                  </time>{" "}
                  {describe(entry)}
                </li>
              ))}
            </ol>
          )}
        </Section>
      </div>
    </Level.Provider>
  );

  /** "Yes: 2 · No: 1": a vote's counts with each choice's name (an option's label when prioritising). */
  function countsText(vote: RecordVote, counts: Record<string, number>): string {
    return Object.entries(counts)
      .map(([choice, count]) =>
        t("record:votes.choice", {
          label:
            vote.kind === "prioritise"
              ? (vote.options.find((o) => o.id === choice)?.label ?? choice)
              : t(`votes:choices.${choice as "yes"}`),
          count,
        }),
      )
      .join(" · ");
  }

  function describe(entry: TimelineEntry): string {
    const who = [entry.name, entry.organization, entry.sector && sectorName(entry.sector)]
      .filter(Boolean)
      .join(", ");
    return t(`record:timeline.${entry.kind}`, {
      title: entry.title ?? "",
      phase: entry.phase ? t(`public:phases.${entry.phase}`) : "",
      number: entry.number ?? 0,
      who,
    });
  }
}
