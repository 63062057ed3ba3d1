import { type AgendaItemKind, agendaTotals, type Meeting, type MeetingResponse } from "@shared/meetings";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { AgendaTotalsNote } from "./AgendaTotalsNote";
import { ErrorAlert } from "./ErrorAlert";
import { SelectField, TextField } from "./Field";

interface DraftItem {
  /** Absent for items added here; the server gives them an id. */
  id?: string;
  key: string;
  title: string;
  description: string;
  minutes: number;
  lead: string;
  kind: AgendaItemKind;
}

let nextKey = 0;

/** Edits the whole agenda locally (edit, add, remove, move up and down) and saves it in one request. */
export function AgendaEditor({
  meeting,
  onDone,
}: {
  meeting: Meeting;
  onDone(answer: MeetingResponse | null, sentAt: number): void;
}) {
  const { t } = useTranslation("meetings");
  const [items, setItems] = useState<DraftItem[]>(() =>
    meeting.items.map(({ revealedAt: _, ...item }) => ({ ...item, key: item.id })),
  );
  const [error, setError] = useState<unknown>(null);

  const change = (index: number, fields: Partial<DraftItem>) =>
    setItems((all) => all.map((item, i) => (i === index ? { ...item, ...fields } : item)));
  const move = (index: number, by: number) =>
    setItems((all) => {
      const next = [...all];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return next;
    });

  const save = async () => {
    const sentAt = Date.now();
    try {
      const answer = await api.put<MeetingResponse>(
        `/api/workspaces/${encodeURIComponent(meeting.workspaceId)}/meetings/${encodeURIComponent(meeting.id)}/agenda`,
        { items: items.map(({ key: _, ...item }) => item) },
      );
      onDone(answer, sentAt);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="agenda-editor">
      {/* Recomputed on every keystroke: the facilitator sees at once whether the agenda fits. */}
      <AgendaTotalsNote
        totals={agendaTotals(
          items.map((item) => ({ minutes: Number.isFinite(item.minutes) ? item.minutes : 0 })),
          meeting.plannedMinutes,
        )}
        live
      />
      {items.map((item, i) => (
        <fieldset key={item.key}>
          <legend>{i + 1}</legend>
          <TextField
            name="title"
            label={t("agenda.itemTitle", { number: i + 1 })}
            value={item.title}
            onChange={(event) => change(i, { title: event.target.value })}
            required
          />
          <TextField
            name="description"
            label={t("agenda.itemDescription")}
            value={item.description}
            onChange={(event) => change(i, { description: event.target.value })}
            optional
          />
          <TextField
            name="minutes"
            type="number"
            min={1}
            max={480}
            label={t("agenda.itemMinutes")}
            value={item.minutes}
            onChange={(event) => change(i, { minutes: Number(event.target.value) })}
          />
          <TextField
            name="lead"
            label={t("agenda.itemLead")}
            value={item.lead}
            onChange={(event) => change(i, { lead: event.target.value })}
            optional
          />
          <SelectField
            name="kind"
            label={t("agenda.itemKind")}
            value={item.kind}
            onChange={(event) => change(i, { kind: event.target.value as AgendaItemKind })}
            options={[
              { value: "discussion", label: t("agenda.kinds.discussion") },
              { value: "brainstorm", label: t("agenda.kinds.brainstorm") },
            ]}
          />
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => move(i, -1)} disabled={i === 0}>
              {t("agenda.moveUp", { number: i + 1 })}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => move(i, 1)}
              disabled={i === items.length - 1}
            >
              {t("agenda.moveDown", { number: i + 1 })}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => setItems((all) => all.filter((_, j) => j !== i))}
            >
              {t("agenda.remove", { number: i + 1 })}
            </button>
          </div>
        </fieldset>
      ))}
      <ErrorAlert error={error} />
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setItems((all) => [
              ...all,
              {
                key: `new-${++nextKey}`,
                title: "",
                description: "",
                minutes: 10,
                lead: "",
                kind: "discussion",
              },
            ])
          }
        >
          {t("agenda.add")}
        </button>
        <button type="button" onClick={save}>
          {t("agenda.save")}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null, 0)}>
          {t("agenda.cancel")}
        </button>
      </div>
    </div>
  );
}
