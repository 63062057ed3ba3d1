import type { Meeting, MeetingResponse } from "@shared/meetings";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorAlert } from "./ErrorAlert";

interface Props {
  meeting: Meeting;
  onAnswer(answer: MeetingResponse, sentAt: number): void;
}

/**
 * The facilitator's run controls (start, previous, next, pause, add time, end), on the meeting
 * page and in the presenter view. Ending is apart, red and confirmed: it records the minutes.
 */
export function RunControls({ meeting, onAnswer }: Props) {
  const { t } = useTranslation("meetings");
  const { run, items } = meeting;
  const [error, setError] = useState<unknown>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);

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

  if (run.status === "ended") return null;
  return (
    <>
      <ErrorAlert error={error} />
      <div className="button-row run-controls">
        {run.status === "not_started" && (
          <button type="button" onClick={() => act({ action: "start" })}>
            {t("run.start")}
          </button>
        )}
        {run.status !== "not_started" && (
          <>
            <button
              type="button"
              onClick={() => act({ action: "next" })}
              disabled={run.currentIndex === items.length - 1}
            >
              {t("run.next")}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => act({ action: "previous" })}
              disabled={run.currentIndex === 0}
            >
              {t("run.previous")}
            </button>
            {run.status === "running" ? (
              <button type="button" className="secondary" onClick={() => act({ action: "pause" })}>
                {t("run.pause")}
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => act({ action: "resume" })}>
                {t("run.resume")}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => act({ action: "extend", minutes: 5 })}>
              {t("run.extend")}
            </button>
            <button type="button" className="danger run-end" onClick={() => setConfirmEnd(true)}>
              {t("run.end")}
            </button>
          </>
        )}
      </div>
      {confirmEnd && (
        <ConfirmDialog
          title={t("run.confirmEndTitle")}
          message={t("run.confirmEnd")}
          confirmLabel={t("run.end")}
          onConfirm={() => {
            setConfirmEnd(false);
            void act({ action: "end" });
          }}
          onCancel={() => setConfirmEnd(false)}
        />
      )}
    </>
  );
}
