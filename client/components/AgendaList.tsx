import type { AgendaItem, Meeting, MeetingResponse } from "@shared/meetings";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AgendaEditor } from "./AgendaEditor";
import { AgendaTotalsNote } from "./AgendaTotalsNote";

interface Props {
  meeting: Meeting;
  canEdit: boolean;
  /** The item whose notes and board are shown below the agenda. */
  focusedId: string | undefined;
  onFocus(item: AgendaItem): void;
  onAnswer(answer: MeetingResponse, sentAt: number): void;
}

/** The agenda with its computed totals against the planned length; facilitators edit it before the start. */
export function AgendaList({ meeting, canEdit, focusedId, onFocus, onAnswer }: Props) {
  const { t } = useTranslation("meetings");
  const [editing, setEditing] = useState(false);
  const { totals, run } = meeting;

  return (
    <>
      {editing ? (
        <AgendaEditor
          meeting={meeting}
          onDone={(answer, sentAt) => {
            if (answer) onAnswer(answer, sentAt);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <AgendaTotalsNote totals={totals} />
          <ol className="agenda-list">
            {meeting.items.map((item, i) => (
              <li key={item.id} aria-current={run.currentIndex === i ? "step" : undefined}>
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={focusedId === item.id}
                  onClick={() => onFocus(item)}
                >
                  {i + 1}. {item.title}
                </button>{" "}
                <span className="meta">{t("agenda.minutes", { count: item.minutes })}</span>{" "}
                <span className="tag">{t(`agenda.kinds.${item.kind}`)}</span>
                {run.currentIndex === i && <span className="tag"> {t("agenda.current")}</span>}
                {item.lead && <p className="meta">{t("agenda.lead", { lead: item.lead })}</p>}
                {item.description && <p className="meta">{item.description}</p>}
              </li>
            ))}
          </ol>
          {canEdit && run.status === "not_started" && (
            <button type="button" onClick={() => setEditing(true)}>
              {t("agenda.edit")}
            </button>
          )}
          {canEdit && run.status !== "not_started" && <p className="meta">{t("agenda.locked")}</p>}
        </>
      )}
    </>
  );
}
