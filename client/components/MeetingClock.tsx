import type { Meeting } from "@shared/meetings";
import { useTranslation } from "react-i18next";
import { useFormatTime } from "~/hooks/useFormatDate";
import { clock, useRunClock } from "~/hooks/useRunClock";

/**
 * While the meeting runs: the current item and its countdown, the same on every device (server
 * clock + each device's offset), and the projected end, in a strip kept at the top of the screen
 * so the time left stays in sight while people write notes and cards further down.
 */
export function MeetingClock({ meeting, offsetMs }: { meeting: Meeting; offsetMs: number }) {
  const { t } = useTranslation("meetings");
  const formatTime = useFormatTime();
  const shown = useRunClock(meeting, offsetMs);
  const current = shown ? meeting.items[shown.index] : undefined;
  if (!shown || !current) return null;
  const projectedEnd = formatTime(shown.projectedEndAt - offsetMs);
  return (
    <div className="meeting-now" data-overrun={shown.overrunMs > 0 ? "" : undefined}>
      <p data-testid="current-item" className="meeting-now-item">
        {t("run.item", { number: shown.index + 1, total: meeting.items.length, title: current.title })}
      </p>
      <p className="meeting-clock" data-testid="countdown" role="timer" aria-live="off">
        {shown.overrunMs > 0
          ? t("run.overrun", { time: clock(shown.overrunMs) })
          : t("run.remaining", { time: clock(shown.remainingMs) })}
        {meeting.run.status === "paused" && <span className="tag">{t("run.paused")}</span>}
      </p>
      <p className="meeting-now-end">{t("run.projectedEnd", { time: projectedEnd })}</p>
    </div>
  );
}
