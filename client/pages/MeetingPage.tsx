import { meetingDocName, SECTOR_COLORS } from "@shared/collab";
import { canEditPlan, hasRole } from "@shared/roles";
import { CalendarPlus, FileText, Presentation, Vote } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { AgendaList } from "~/components/AgendaList";
import { BrainstormBoard } from "~/components/board/BrainstormBoard";
import { ErrorAlert } from "~/components/ErrorAlert";
import { MeetingAttendance } from "~/components/MeetingAttendance";
import { MeetingClock } from "~/components/MeetingClock";
import { MeetingDecisions } from "~/components/MeetingDecisions";
import { MeetingMessages } from "~/components/MeetingMessages";
import { MeetingNotes } from "~/components/MeetingNotes";
import { PageLoading } from "~/components/PageLoading";
import { RunControls } from "~/components/RunControls";
import { useCollabDoc } from "~/hooks/useCollabDoc";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { useMeeting } from "~/hooks/useMeeting";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Meetings.css";
import "~/editor/planEditor.css";

/**
 * One meeting: the shared clock and run controls, the agenda with its totals, the focused item's
 * shared notes and brainstorm board, attendance, decisions, and the guide's message templates.
 */
export function MeetingPage() {
  const { t } = useTranslation("meetings");
  const { meetingId = "" } = useParams();
  const { workspace, membership, revision, reloadWorkspace } = useWorkspace();
  const { user } = useSession();
  const formatDateTime = useFormatDateTime();
  const { meeting, error, offsetMs, accept } = useMeeting(workspace.id, meetingId, revision);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const ids = {
    now: useId(),
    agenda: useId(),
    item: useId(),
    attendance: useId(),
    decisions: useId(),
    messages: useId(),
  };
  usePageTitle(t("meetingPageTitle", { title: meeting?.title ?? "" }));

  const isFacilitator = membership.role === "facilitator";
  const canContribute = hasRole(membership.role, "commenter");
  const awarenessUser = useMemo(
    () => ({
      id: user?.id ?? "",
      name: user?.name ?? "",
      sector: membership.sector,
      color: SECTOR_COLORS[membership.sector],
    }),
    [user?.id, user?.name, membership.sector],
  );
  const collab = useCollabDoc(meetingDocName(meetingId), {
    canWrite: canContribute,
    user: awarenessUser,
    // 4509: the membership changed (a new role may write, or no longer); re-read it, then reconnect.
    onAccessChanged: reloadWorkspace,
  });

  if (!meeting) return error ? <ErrorAlert error={error} /> : <PageLoading />;
  const running = meeting.run.currentIndex !== null ? meeting.items[meeting.run.currentIndex] : undefined;
  // While the meeting runs, everyone follows the current item; otherwise the one picked in the agenda.
  const focused = running ?? meeting.items.find((item) => item.id === selectedId) ?? meeting.items[0];
  const base = `/w/${encodeURIComponent(workspace.id)}`;
  const meetingPath = `${base}/meetings/${encodeURIComponent(meeting.id)}`;

  return (
    <>
      <p>
        <Link to={`${base}/meetings`}>{t("back")}</Link>
      </p>
      <MeetingClock meeting={meeting} offsetMs={offsetMs} />
      <section className="panel" aria-labelledby={ids.now}>
        <h2 id={ids.now}>{meeting.title}</h2>
        <p className="meta">
          {formatDateTime(meeting.startsAt)}
          {meeting.place && ` · ${meeting.place}`}
          {meeting.link && (
            <>
              {" · "}
              <a href={meeting.link}>{meeting.link}</a>
            </>
          )}{" "}
          <span className="tag">{t(`status.${meeting.status}`)}</span>
        </p>
        {meeting.run.status === "not_started" && <p>{t("run.notStarted")}</p>}
        {meeting.run.status === "ended" && <p>{t("run.ended")}</p>}
        {isFacilitator && <RunControls meeting={meeting} onAnswer={accept} />}
        <p className="meeting-links">
          <Link to={`${meetingPath}/present`}>
            <Presentation aria-hidden="true" size={18} />
            {t("present.open")}
          </Link>
          <Link to={`${meetingPath}/minutes`}>
            <FileText aria-hidden="true" size={18} />
            {t("minutes.open")}
          </Link>
          <Link to={`${base}/votes?meetingId=${encodeURIComponent(meeting.id)}`}>
            <Vote aria-hidden="true" size={18} />
            {t("minutes.votes")}
          </Link>
          {meeting.status === "not_started" && (
            <a
              href={`/api/workspaces/${encodeURIComponent(workspace.id)}/meetings/${encodeURIComponent(meeting.id)}/calendar.ics`}
              download
            >
              <CalendarPlus aria-hidden="true" size={18} />
              {t("calendar")}
            </a>
          )}
        </p>
      </section>
      <section className="panel" aria-labelledby={ids.agenda}>
        <h2 id={ids.agenda}>{t("agenda.title")}</h2>
        <AgendaList
          meeting={meeting}
          canEdit={isFacilitator}
          focusedId={focused?.id}
          onFocus={(item) => setSelectedId(item.id)}
          onAnswer={accept}
        />
      </section>
      {focused && (
        <section className="panel" aria-labelledby={ids.item}>
          <h2 id={ids.item}>{focused.title}</h2>
          {focused.kind === "brainstorm" && (
            <>
              <h3>{t("board.title", { item: focused.title })}</h3>
              <BrainstormBoard
                key={focused.id}
                workspaceId={workspace.id}
                meetingId={meeting.id}
                item={focused}
                revision={revision}
                canWrite={canContribute}
                isFacilitator={isFacilitator}
                canEditPlan={canEditPlan(membership.role)}
                ended={meeting.status === "ended"}
              />
            </>
          )}
          <h3>{t("notes.title")}</h3>
          {collab ? (
            <MeetingNotes
              collab={collab}
              item={focused}
              user={awarenessUser}
              canWrite={canContribute}
              ended={meeting.status === "ended"}
            />
          ) : (
            <PageLoading />
          )}
        </section>
      )}
      <section className="panel" aria-labelledby={ids.attendance}>
        <h2 id={ids.attendance}>{t("attendance.title")}</h2>
        <MeetingAttendance
          meeting={meeting}
          userId={user?.id ?? ""}
          canCheckIn={canContribute}
          isFacilitator={isFacilitator}
          onAnswer={accept}
        />
      </section>
      <section className="panel" aria-labelledby={ids.decisions}>
        <h2 id={ids.decisions}>{t("decisions.title")}</h2>
        <MeetingDecisions meeting={meeting} canRecord={isFacilitator} onAnswer={accept} />
      </section>
      {/* Invitations and announcements are for a meeting still to come. */}
      {meeting.status === "not_started" && (
        <section className="panel" aria-labelledby={ids.messages}>
          <h2 id={ids.messages}>{t("messages.title")}</h2>
          <MeetingMessages workspace={workspace} meeting={meeting} />
        </section>
      )}
    </>
  );
}
