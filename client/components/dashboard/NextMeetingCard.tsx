import type { MeetingSummary } from "@shared/meetings";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { useWorkspace } from "~/hooks/useWorkspace";

/** The meeting under way or coming next, with its time zone. */
export function NextMeetingCard({ meeting }: { meeting: MeetingSummary | null }) {
  const { t } = useTranslation("dashboard");
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  return (
    <section className="card" aria-labelledby="next-meeting-title">
      <h3 id="next-meeting-title" className="section-title">
        {t("meeting.title")}
      </h3>
      {meeting === null ? (
        <p className="quiet">{t("meeting.none")}</p>
      ) : (
        <>
          <p>
            <Link
              to={`/w/${encodeURIComponent(workspace.id)}/meetings/${meeting.id}`}
              className="strong-link"
            >
              {meeting.title}
            </Link>
          </p>
          <p>{meeting.status === "not_started" ? formatDateTime(meeting.startsAt) : t("meeting.live")}</p>
          {meeting.place && <p className="quiet">{meeting.place}</p>}
        </>
      )}
    </section>
  );
}
