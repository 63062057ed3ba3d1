import { fieldAnchor } from "@shared/freeze";
import type { Commitment, Milestone, Removal } from "@shared/plan";
import { useCallback, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { focusMoved } from "./focusMoved";
import { MoveButtons } from "./MoveButtons";
import { usePlanEditor } from "./PlanEditorContext";
import { DateField } from "./ScalarFields";
import { UndoBar } from "./UndoBar";
import { useYObserve } from "./useYObserve";
import { YTextField } from "./YTextField";

/** A commitment's milestones: add, reorder with buttons, remove with undo. */
export function MilestoneList({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation("plan");
  const { editable, announce } = usePlanEditor();
  const headingId = useId();
  // Re-render when a milestone is added, removed or moved (its position set), not on typing.
  const listChanged = useCallback(
    (events: Y.YEvent<Y.AbstractType<unknown>>[]) =>
      events.some(
        (event) =>
          event.target instanceof Y.Array ||
          (event instanceof Y.YMapEvent &&
            event.target !== commitment.map &&
            event.keysChanged.has("position")),
      ),
    [commitment.map],
  );
  useYObserve(commitment.map, listChanged);
  const [removed, setRemoved] = useState<{ number: number; removal: Removal } | null>(null);
  useEffect(() => () => removed?.removal.release(), [removed]);

  const milestones = commitment.milestones();
  const move = (milestone: Milestone, index: number, direction: -1 | 1) => {
    commitment.moveMilestone(milestone.id, index + direction);
    focusMoved(`milestone-${milestone.id}`, direction);
  };
  const remove = (milestone: Milestone, index: number) => {
    const removal = commitment.removeMilestone(milestone.id);
    if (!removal) return;
    setRemoved({ number: index + 1, removal });
    announce(t("milestones.removed", { number: index + 1 }));
  };

  return (
    <fieldset
      className="milestones"
      aria-describedby={headingId}
      id={fieldAnchor(commitment.id, "milestones")}
    >
      <legend>{t("milestones.legend")}</legend>
      <p className="hint" id={headingId}>
        {milestones.length === 0 ? t("milestones.empty") : t("milestones.hint")}
      </p>
      <ol className="milestone-list">
        {milestones.map((milestone, index) => (
          <li key={milestone.id} id={`milestone-${milestone.id}`}>
            <MilestoneItem
              commitmentId={commitment.id}
              milestone={milestone}
              number={index + 1}
              isLast={index === milestones.length - 1}
              onMove={(direction) => move(milestone, index, direction)}
              onRemove={() => remove(milestone, index)}
            />
          </li>
        ))}
      </ol>
      {removed && (
        <UndoBar
          message={t("milestones.removed", { number: removed.number })}
          onUndo={() => {
            removed.removal.undo();
            setRemoved(null);
          }}
          onDismiss={() => setRemoved(null)}
        />
      )}
      {editable && (
        <button type="button" className="secondary" onClick={() => commitment.addMilestone()}>
          {t("milestones.add")}
        </button>
      )}
    </fieldset>
  );
}

interface ItemProps {
  commitmentId: string;
  milestone: Milestone;
  number: number;
  isLast: boolean;
  onMove(direction: -1 | 1): void;
  onRemove(): void;
}

function MilestoneItem({ commitmentId, milestone, number, isLast, onMove, onRemove }: ItemProps) {
  const { t } = useTranslation("plan");
  const { editable } = usePlanEditor();
  const headingId = useId();
  const errorId = useId();
  useYObserve(milestone.map);
  const start = milestone.date("startDate");
  const end = milestone.date("endDate");
  const reversed = start !== "" && end !== "" && end < start;
  const anchor = (field: string) => fieldAnchor(commitmentId, `milestones.${milestone.id}.${field}`);
  return (
    <section className="milestone" aria-labelledby={headingId}>
      <div className="item-header">
        <h4 id={headingId}>{t("milestones.heading", { number })}</h4>
        {editable && (
          <MoveButtons
            upLabel={t("milestones.moveUp", { number })}
            downLabel={t("milestones.moveDown", { number })}
            removeLabel={t("milestones.remove", { number })}
            isFirst={number === 1}
            isLast={isLast}
            onMove={onMove}
            onRemove={onRemove}
          />
        )}
      </div>
      <YTextField
        text={milestone.text("description")}
        anchor={anchor("description")}
        label={t("milestones.description")}
        multiline
        disabled={!editable}
      />
      <YTextField
        text={milestone.text("output")}
        anchor={anchor("output")}
        label={t("milestones.output")}
        disabled={!editable}
      />
      <div className="field-row" id={anchor("dates")}>
        <DateField
          label={t("fields.startDate")}
          value={start}
          disabled={!editable}
          onChange={(value) => milestone.setDate("startDate", value)}
        />
        <DateField
          label={t("fields.endDate")}
          value={end}
          disabled={!editable}
          errorId={reversed ? errorId : undefined}
          onChange={(value) => milestone.setDate("endDate", value)}
        />
      </div>
      {reversed && (
        <p className="field-warning" id={errorId}>
          {t("fields.datesReversed")}
        </p>
      )}
      <YTextField
        text={milestone.text("responsible")}
        anchor={anchor("responsible")}
        label={t("milestones.responsible")}
        disabled={!editable}
      />
    </section>
  );
}
