import type { MeetingsResponse } from "@shared/meetings";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorAlert } from "~/components/ErrorAlert";
import { MeetingCreateForm } from "~/components/MeetingCreateForm";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Meetings.css";

/** The workspace's meetings and, for facilitators, the form to create one. */
export function MeetingsPage() {
  const { t } = useTranslation("meetings");
  const { workspace, membership, revision } = useWorkspace();
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const headingId = useId();
  const formHeadingId = useId();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const base = `/w/${encodeURIComponent(workspace.id)}/meetings`;
  const { data, error } = useApiGet<MeetingsResponse>(
    `/api/workspaces/${encodeURIComponent(workspace.id)}/meetings`,
    revision,
  );

  return (
    <>
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>{t("title")}</h2>
        <p>{t("intro")}</p>
        <ErrorAlert error={error} />
        {data && data.meetings.length === 0 && <p>{t("none")}</p>}
        {data && data.meetings.length > 0 && (
          <ul className="meeting-list">
            {data.meetings.map((meeting) => (
              <li key={meeting.id}>
                <Link to={`${base}/${encodeURIComponent(meeting.id)}`}>{meeting.title}</Link>{" "}
                <span className="tag">{t(`status.${meeting.status}`)}</span>{" "}
                <span className="meta">{formatDateTime(meeting.startsAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {membership.role === "facilitator" && (
        <section className="panel" aria-labelledby={formHeadingId}>
          <h2 id={formHeadingId}>{t("form.title")}</h2>
          <MeetingCreateForm
            workspaceId={workspace.id}
            defaultLocale={workspace.defaultLocale}
            onCreated={(id) => navigate(`${base}/${encodeURIComponent(id)}`)}
          />
        </section>
      )}
    </>
  );
}
