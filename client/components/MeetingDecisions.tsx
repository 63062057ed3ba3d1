import type { Meeting, MeetingResponse } from "@shared/meetings";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useFormatDate } from "~/hooks/useFormatDate";
import { ErrorAlert } from "./ErrorAlert";
import { SelectField, TextField } from "./Field";

/** Decisions and next steps (what, who, by when); facilitators record them during the meeting. */
export function MeetingDecisions({
  meeting,
  canRecord,
  onAnswer,
}: {
  meeting: Meeting;
  canRecord: boolean;
  onAnswer(answer: MeetingResponse, sentAt: number): void;
}) {
  const { t } = useTranslation("meetings");
  const formatDate = useFormatDate();
  const [error, setError] = useState<unknown>(null);
  const base = `/api/workspaces/${encodeURIComponent(meeting.workspaceId)}/meetings/${encodeURIComponent(meeting.id)}/decisions`;

  const send = async (request: () => Promise<MeetingResponse>) => {
    const sentAt = Date.now();
    try {
      onAnswer(await request(), sentAt);
      setError(null);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const body = {
      kind: text("kind"),
      what: text("what"),
      who: text("who"),
      ...(text("dueDate") && { dueDate: text("dueDate") }),
    };
    if (await send(() => api.post<MeetingResponse>(base, body))) formElement.reset();
  };

  const open = canRecord && meeting.run.status !== "ended";
  return (
    <>
      {meeting.decisions.length === 0 ? (
        <p>{t("decisions.none")}</p>
      ) : (
        <ul className="decision-list">
          {meeting.decisions.map((decision) => (
            <li key={decision.id} className="decision">
              <p className="decision-text">
                <strong>{t(`decisions.kinds.${decision.kind}`)}:</strong> {decision.what}
                {(decision.who || decision.dueDate) && (
                  <span className="meta">
                    {" "}
                    —{" "}
                    {[decision.who, decision.dueDate && formatDate(decision.dueDate)]
                      .filter(Boolean)
                      .join(", ")}
                  </span>
                )}
              </p>
              {open && (
                <button
                  type="button"
                  className="danger"
                  aria-label={t("decisions.removeOf", { what: decision.what.slice(0, 60) })}
                  // The decisions_changed event brings the list back in line.
                  onClick={() => api.delete(`${base}/${encodeURIComponent(decision.id)}`).catch(setError)}
                >
                  {t("decisions.remove")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert
        error={error}
        fieldLabels={{ what: t("decisions.what"), dueDate: t("decisions.dueDate") }}
      />
      {open && (
        <form onSubmit={submit} className="stacked-form">
          <SelectField
            name="kind"
            label={t("decisions.kind")}
            options={[
              { value: "decision", label: t("decisions.kinds.decision") },
              { value: "next_step", label: t("decisions.kinds.next_step") },
            ]}
          />
          <TextField name="what" label={t("decisions.what")} required maxLength={1000} />
          <TextField name="who" label={t("decisions.who")} optional maxLength={160} />
          <TextField name="dueDate" type="date" label={t("decisions.dueDate")} optional />
          <button type="submit">{t("decisions.add")}</button>
        </form>
      )}
    </>
  );
}
