import { countdown } from "@shared/meetingRun";
import type { Meeting, MeetingResponse } from "@shared/meetings";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorAlert } from "./ErrorAlert";

/** mm:ss (or h:mm:ss) of a duration. */
function clock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Re-renders every second while `active`. */
function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

interface Props {
  meeting: Meeting;
  offsetMs: number;
  canRun: boolean;
  onAnswer(answer: MeetingResponse, sentAt: number): void;
}

/**
 * The current item and its countdown, the same on every device (server clock + each device's
 * offset), the projected end, and the facilitator's run controls.
 */
export function MeetingClock({ meeting, offsetMs, canRun, onAnswer }: Props) {
  const { t, i18n } = useTranslation("meetings");
  const { run, items } = meeting;
  const live = run.status === "running" || run.status === "paused";
  const now = useTick(run.status === "running");
  const [error, setError] = useState<unknown>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const shown = countdown(
    run,
    items.map((item) => item.minutes),
    now,
    offsetMs,
  );
  const current = shown ? items[shown.index] : undefined;
  const time = (ms: number) =>
    new Intl.DateTimeFormat(i18n.resolvedLanguage, { timeStyle: "short" }).format(new Date(ms - offsetMs));

  const act = async (body: { action: string; minutes?: number }) => {
    const sentAt = Date.now();
    try {
      const answer = await api.post<MeetingResponse>(
        `/api/workspaces/${encodeURIComponent(meeting.workspaceId)}/meetings/${encodeURIComponent(meeting.id)}/run`,
        body,
      );
      setError(null);
      onAnswer(answer, sentAt);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="meeting-run">
      {run.status === "not_started" && <p>{t("run.notStarted")}</p>}
      {run.status === "ended" && <p>{t("run.ended")}</p>}
      {shown && current && (
        <>
          <p data-testid="current-item">
            {t("run.item", { number: shown.index + 1, total: items.length, title: current.title })}
          </p>
          <p
            className={`meeting-clock${shown.overrunMs > 0 ? " overrun" : ""}`}
            data-testid="countdown"
            role="timer"
            aria-live="off"
          >
            {shown.overrunMs > 0
              ? t("run.overrun", { time: clock(shown.overrunMs) })
              : t("run.remaining", { time: clock(shown.remainingMs) })}
          </p>
          {run.status === "paused" && <p className="tag">{t("run.paused")}</p>}
          <p>{t("run.projectedEnd", { time: time(shown.projectedEndAt) })}</p>
        </>
      )}
      <ErrorAlert error={error} />
      {canRun && run.status !== "ended" && (
        <div className="button-row">
          {run.status === "not_started" && (
            <button type="button" onClick={() => act({ action: "start" })}>
              {t("run.start")}
            </button>
          )}
          {live && (
            <>
              <button
                type="button"
                onClick={() => act({ action: "previous" })}
                disabled={run.currentIndex === 0}
              >
                {t("run.previous")}
              </button>
              <button
                type="button"
                onClick={() => act({ action: "next" })}
                disabled={run.currentIndex === items.length - 1}
              >
                {t("run.next")}
              </button>
              {run.status === "running" ? (
                <button type="button" onClick={() => act({ action: "pause" })}>
                  {t("run.pause")}
                </button>
              ) : (
                <button type="button" onClick={() => act({ action: "resume" })}>
                  {t("run.resume")}
                </button>
              )}
              <button type="button" onClick={() => act({ action: "extend", minutes: 5 })}>
                {t("run.extend")}
              </button>
              <button type="button" onClick={() => setConfirmEnd(true)}>
                {t("run.end")}
              </button>
            </>
          )}
        </div>
      )}
      {confirmEnd && (
        <ConfirmDialog
          title={t("run.end")}
          message={t("run.confirmEnd")}
          confirmLabel={t("run.end")}
          onConfirm={() => {
            setConfirmEnd(false);
            void act({ action: "end" });
          }}
          onCancel={() => setConfirmEnd(false)}
        />
      )}
    </div>
  );
}
