import type { Minutes } from "@shared/meetings";
import { formatMeetingSpan, formatMeetingTime } from "@shared/meetingTime";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDate } from "~/hooks/useFormatDate";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Meetings.css";

/**
 * A meeting's minutes: as recorded when it ended (provisional until then); downloadable as
 * Markdown and Word.
 */
export function MeetingMinutesPage() {
  const { t, i18n } = useTranslation("meetings");
  const { t: tc } = useTranslation();
  const { meetingId = "" } = useParams();
  const { workspace, revision } = useWorkspace();
  const formatDate = useFormatDate();
  const headingId = useId();
  const api = `/api/workspaces/${encodeURIComponent(workspace.id)}/meetings/${encodeURIComponent(meetingId)}`;
  const { data, error } = useApiGet<{ minutes: Minutes }>(`${api}/minutes`, revision);
  usePageTitle(t("minutesPageTitle", { title: data?.minutes.meeting.title ?? "" }));
  if (!data) return error ? <ErrorAlert error={error} /> : <PageLoading />;
  const { minutes } = data;
  const gap = minutes.totals.differenceMinutes;
  const locale = i18n.resolvedLanguage ?? "en";
  // The downloads say the times in the reader's language and time zone, as this page does.
  const fileQuery = new URLSearchParams({
    locale,
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
  }).toString();

  return (
    <section className="panel" aria-labelledby={headingId}>
      <p>
        <Link to={`/w/${encodeURIComponent(workspace.id)}/meetings/${encodeURIComponent(meetingId)}`}>
          {minutes.meeting.title}
        </Link>
      </p>
      <h2 id={headingId}>
        {t("minutes.title")}: {minutes.meeting.title}
      </h2>
      <p className="meta">
        {minutes.startedAt && minutes.endedAt
          ? formatMeetingSpan(minutes.startedAt, minutes.endedAt, locale)
          : formatMeetingTime(minutes.startedAt ?? minutes.meeting.startsAt, locale)}
      </p>
      <p data-testid="minutes-status">
        {!minutes.recordedAt
          ? t("minutes.provisional")
          : minutes.recordedAt === minutes.endedAt
            ? t("minutes.recorded", { date: formatDate(minutes.recordedAt) })
            : // A meeting that ended before minutes were recorded at the end: recorded on first reading.
              t("minutes.recordedLater", {
                date: formatDate(minutes.recordedAt),
                ended: formatDate(minutes.endedAt ?? minutes.recordedAt),
              })}
      </p>
      <p>
        <a href={`${api}/minutes.md?${fileQuery}`} download>
          {t("minutes.download")}
        </a>{" "}
        <a href={`${api}/minutes.docx?${fileQuery}`} download>
          {t("minutes.downloadDocx")}
        </a>
      </p>
      <div className="table-scroll">
        <table className="minutes-table" data-testid="minutes-agenda">
          <thead>
            <tr>
              <th scope="col">{t("minutes.item")}</th>
              <th scope="col">{t("minutes.planned")}</th>
              <th scope="col">{t("minutes.actual")}</th>
            </tr>
          </thead>
          <tbody>
            {minutes.items.map((item, i) => (
              <tr key={item.id}>
                <th scope="row">
                  {i + 1}. {item.title}
                </th>
                <td>{t("agenda.minutes", { count: item.plannedMinutes })}</td>
                <td>{t("agenda.minutes", { count: item.actualMinutes })}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("minutes.total")}</th>
              <td>{t("agenda.minutes", { count: minutes.totals.itemsMinutes })}</td>
              <td>{t("agenda.minutes", { count: minutes.actualTotalMinutes })}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {gap > 0 && <p>{t("totals.over", { minutes: gap })}</p>}
      {minutes.items.map(
        (item, i) =>
          (item.notes || item.categories.length > 0 || item.uncategorised.length > 0) && (
            <div key={item.id}>
              <h3>
                {i + 1}. {item.title}
              </h3>
              {item.notes && <p className="minutes-notes">{item.notes}</p>}
              {item.categories.map((category) => (
                <div key={category.name}>
                  <h4>{category.name}</h4>
                  <ul>
                    {category.cards.map((card) => (
                      <li key={card}>{card}</li>
                    ))}
                  </ul>
                </div>
              ))}
              {item.uncategorised.length > 0 && (
                <>
                  <h4>{t("board.uncategorised")}</h4>
                  <ul>
                    {item.uncategorised.map((card) => (
                      <li key={card}>{card}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ),
      )}
      <h3>{t("decisions.title")}</h3>
      {minutes.decisions.length === 0 ? (
        <p>{t("decisions.none")}</p>
      ) : (
        <ul>
          {minutes.decisions.map((decision) => (
            <li key={decision.id}>
              {t(`decisions.kinds.${decision.kind}`)}: {decision.what}
              {decision.who && ` — ${decision.who}`}
              {decision.dueDate && ` — ${formatDate(decision.dueDate)}`}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("minutes.attendanceBySector")}</h3>
      <ul data-testid="minutes-attendance">
        {minutes.attendance.map((group) => (
          <li key={group.sector}>
            {t("minutes.sectorCount", { sector: tc(`sectors.${group.sector}`), count: group.people.length })}:{" "}
            {group.people
              .map((person) => `${person.name} (${t(`attendance.presence.${person.presence}`)})`)
              .join(", ")}
          </li>
        ))}
      </ul>
      <h3>{t("minutes.votes")}</h3>
      {minutes.votes.length === 0 ? (
        <p>{t("minutes.noVotes")}</p>
      ) : (
        <ul>
          {minutes.votes.map((vote) => (
            <li key={vote.id}>
              <Link to={`/w/${encodeURIComponent(workspace.id)}/votes/${encodeURIComponent(vote.id)}`}>
                {vote.title}
              </Link>{" "}
              {t("minutes.ballots", { count: vote.ballots, eligible: vote.eligible })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
