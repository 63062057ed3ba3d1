import type { Meeting } from "@shared/meetings";
import { formatMeetingTime } from "@shared/meetingTime";
import { Maximize, Minimize, X } from "lucide-react";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { RunControls } from "~/components/RunControls";
import { useMeeting } from "~/hooks/useMeeting";
import { usePageTitle } from "~/hooks/usePageTitle";
import { clock, useRunClock } from "~/hooks/useRunClock";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Presenter.css";

/** True while the browser shows something full screen; follows the person's Escape too. */
function useFullscreen(): boolean {
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const update = () => setOn(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", update);
    return () => document.removeEventListener("fullscreenchange", update);
  }, []);
  return on;
}

/**
 * The app behind the presenter view is made inert (no focus, no clicks, hidden from screen
 * readers) while it is open, so the projector shows one thing and Tab stays in the view.
 */
function useInertApp(): void {
  useEffect(() => {
    const app = document.getElementById("root");
    app?.setAttribute("inert", "");
    return () => app?.removeAttribute("inert");
  }, []);
}

/**
 * The meeting on the projector: the current item, its countdown (the same computation and server
 * clock as every participant's page) and what comes next, in type that reads across a room.
 * Facilitators run the meeting from here; "Full screen" hides the browser's own frame.
 */
export function MeetingPresenterPage() {
  const { t, i18n } = useTranslation("meetings");
  const { meetingId = "" } = useParams();
  const { workspace, membership, revision } = useWorkspace();
  const { meeting, error, offsetMs, accept } = useMeeting(workspace.id, meetingId, revision);
  const fullscreen = useFullscreen();
  usePageTitle(t("present.pageTitle", { title: meeting?.title ?? "" }));
  useInertApp();

  const meetingPath = `/w/${encodeURIComponent(workspace.id)}/meetings/${encodeURIComponent(meetingId)}`;
  const toggleFullscreen = () =>
    void (fullscreen ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(
      () => undefined, // refused (an iframe, a policy): the view still fills the window
    );

  return createPortal(
    <div className="presenter" lang={i18n.resolvedLanguage}>
      <div className="presenter-bar">
        <span className="presenter-meeting">{meeting?.title}</span>
        <button type="button" className="icon-button" onClick={toggleFullscreen}>
          {fullscreen ? <Minimize aria-hidden="true" size={20} /> : <Maximize aria-hidden="true" size={20} />}
          {fullscreen ? t("present.exitFullscreen") : t("present.fullscreen")}
        </button>
        <Link to={meetingPath} className="button secondary presenter-exit">
          <X aria-hidden="true" size={20} />
          {t("present.exit")}
        </Link>
      </div>
      {meeting ? (
        <PresenterStage
          meeting={meeting}
          offsetMs={offsetMs}
          locale={i18n.resolvedLanguage ?? "en"}
          minutesPath={`${meetingPath}/minutes`}
        />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : (
        <PageLoading />
      )}
      {meeting && membership.role === "facilitator" && (
        <div className="presenter-controls">
          <RunControls meeting={meeting} onAnswer={accept} />
        </div>
      )}
    </div>,
    document.body,
  );
}

function PresenterStage({
  meeting,
  offsetMs,
  locale,
  minutesPath,
}: {
  meeting: Meeting;
  offsetMs: number;
  locale: string;
  minutesPath: string;
}) {
  const { t } = useTranslation("meetings");
  const shown = useRunClock(meeting, offsetMs);
  const { run, items } = meeting;

  if (run.status === "not_started")
    return (
      <div className="presenter-stage">
        <h2 className="presenter-title">{meeting.title}</h2>
        <p className="presenter-next">{formatMeetingTime(meeting.startsAt, locale)}</p>
        <p className="presenter-next">{t("run.notStarted")}</p>
      </div>
    );
  if (run.status === "ended" || !shown)
    return (
      <div className="presenter-stage">
        <h2 className="presenter-title">{t("run.ended")}</h2>
        <p className="presenter-next">
          <Link to={minutesPath}>{t("minutes.open")}</Link>
        </p>
      </div>
    );
  const current = items[shown.index];
  const next = items[shown.index + 1];
  return (
    <div className="presenter-stage" data-overrun={shown.overrunMs > 0 ? "" : undefined}>
      <p className="presenter-step">{t("present.step", { number: shown.index + 1, total: items.length })}</p>
      <h2 className="presenter-title" data-testid="current-item">
        {current?.title}
      </h2>
      <p className="presenter-clock" data-testid="countdown" role="timer" aria-live="off">
        {shown.overrunMs > 0
          ? t("run.overrun", { time: clock(shown.overrunMs) })
          : t("run.remaining", { time: clock(shown.remainingMs) })}
      </p>
      {run.status === "paused" && <p className="presenter-paused">{t("run.paused")}</p>}
      <p className="presenter-next">
        {next
          ? t("present.next", { title: next.title, minutes: t("agenda.minutes", { count: next.minutes }) })
          : t("present.last")}
      </p>
    </div>
  );
}
