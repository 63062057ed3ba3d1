import type { PublicMeeting, PublicProcessResponse } from "@shared/publication";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatDate, useFormatTime } from "~/hooks/useFormatDate";

/** The date and time of a meeting in the reader's language and time zone. */
function useWhen(): (iso: string) => string {
  const { t } = useTranslation("public");
  const formatDate = useFormatDate();
  const formatTime = useFormatTime();
  return (iso) => t("meetings.when", { date: formatDate(iso), time: formatTime(iso) });
}

function MeetingEntry({
  meeting,
  slug,
  upcoming,
}: {
  meeting: PublicMeeting;
  slug: string;
  upcoming: boolean;
}) {
  const { t } = useTranslation("public");
  const when = useWhen();
  const base = `/api/public/workspaces/${encodeURIComponent(slug)}/meetings/${encodeURIComponent(meeting.id)}`;
  return (
    <li data-testid="public-meeting">
      <strong>{meeting.title}</strong>
      <br />
      <span className="meta">{when(meeting.startsAt)}</span>
      {meeting.place && <div>{t("meetings.place", { place: meeting.place })}</div>}
      {upcoming ? (
        <div className="actions">
          {meeting.link && (
            <a href={meeting.link} rel="noopener noreferrer">
              {t("meetings.link")}
            </a>
          )}
          <a href={`${base}/calendar.ics`} download>
            {t("meetings.calendar")}
          </a>
        </div>
      ) : meeting.minutes ? (
        <div>
          <Link to={`/p/${encodeURIComponent(slug)}/meetings/${encodeURIComponent(meeting.id)}`}>
            {t("meetings.minutes")}
          </Link>
        </div>
      ) : (
        <div className="hint">{t("meetings.noMinutes")}</div>
      )}
    </li>
  );
}

/** Upcoming meetings (with a calendar file each) and past ones (with their minutes when published). */
export function PublicMeetings({
  meetings,
  slug,
}: {
  meetings: PublicProcessResponse["meetings"];
  slug: string;
}) {
  const { t } = useTranslation("public");
  const list = (items: PublicMeeting[], upcoming: boolean, empty: string) =>
    items.length === 0 ? (
      <p className="hint">{empty}</p>
    ) : (
      <ul className="public-list">
        {items.map((m) => (
          <MeetingEntry key={m.id} meeting={m} slug={slug} upcoming={upcoming} />
        ))}
      </ul>
    );
  return (
    <>
      <h3>{t("meetings.upcoming")}</h3>
      {list(meetings.upcoming, true, t("meetings.noneUpcoming"))}
      <h3>{t("meetings.past")}</h3>
      {list(meetings.past, false, t("meetings.nonePast"))}
    </>
  );
}
