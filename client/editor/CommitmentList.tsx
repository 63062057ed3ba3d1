import { fieldAnchor } from "@shared/freeze";
import { addCommitment, type Commitment, moveCommitment, type Removal, removeCommitment } from "@shared/plan";
import { type ComponentProps, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { CommitmentReading } from "~/reading/CommitmentReading";
import { CommitmentForm } from "./CommitmentForm";
import { focusMoved } from "./focusMoved";
import { usePlanEditor } from "./PlanEditorContext";
import { UndoBar } from "./UndoBar";
import { useCommitmentOrder } from "./useCommitmentOrder";
import { useMountTurn } from "./useMountTurn";

const itemId = (id: string) => `commitment-${id}`;

/**
 * One commitment of the list. Its form (a dozen fields, each with its controls) is rendered in its
 * own task once the fields before it have had theirs (useMountTurn): rendering the five forms of a
 * full plan with the page kept a slow phone busy for seconds before the first field took typing.
 * Until then it shows the commitment as the reading view does, live.
 */
function CommitmentItem({
  deferred,
  ...props
}: Omit<ComponentProps<typeof CommitmentForm>, "commitment"> & {
  commitment: Commitment;
  /** Shown with the page: wait for a turn. One added (or restored) later renders its form at once. */
  deferred: boolean;
}) {
  return (
    <li id={itemId(props.commitment.id)}>
      {deferred ? <DeferredForm {...props} /> : <CommitmentForm {...props} />}
    </li>
  );
}

function DeferredForm(props: ComponentProps<typeof CommitmentForm>) {
  const { commitment, number } = props;
  const { collapsed, toggleCollapsed } = usePlanEditor();
  const { turn, mounted } = useMountTurn();
  useEffect(() => {
    if (turn) mounted();
  }, [turn, mounted]);
  if (turn) return <CommitmentForm {...props} />;
  return (
    // Busy until its form is there, so a link to one of its fields waits for it (see useFocusHash).
    <div aria-busy="true">
      <CommitmentReading
        commitment={commitment}
        number={number}
        collapsed={collapsed.has(commitment.id)}
        onToggle={() => toggleCollapsed(commitment.id)}
      />
    </div>
  );
}

/** The plan's commitments: add (up to the workspace's maximum), reorder, remove with undo. */
export function CommitmentList({ maxCommitments }: { maxCommitments: number }) {
  const { t } = useTranslation("plan");
  const { doc, editable, announce } = usePlanEditor();
  const headingId = useId();
  const limitId = useId();
  const commitments = useCommitmentOrder(doc);
  // The commitments shown with the page; their forms come one per turn (see CommitmentItem).
  const shownFirstRef = useRef<Set<string> | null>(null);
  shownFirstRef.current ??= new Set(commitments.map((commitment) => commitment.id));
  const shownFirst = shownFirstRef.current;

  const [confirming, setConfirming] = useState<{ commitment: Commitment; title: string } | null>(null);
  const [removed, setRemoved] = useState<{ id: string; title: string; removal: Removal } | null>(null);
  const [focusTitleOf, setFocusTitleOf] = useState<string | null>(null);
  // A removal not undone is let go (its content may then be garbage-collected).
  useEffect(() => () => removed?.removal.release(), [removed]);
  useEffect(() => {
    if (!focusTitleOf) return;
    document.getElementById(focusTitleOf)?.querySelector("input")?.focus();
    setFocusTitleOf(null);
  }, [focusTitleOf]);

  const atMax = commitments.length >= maxCommitments;
  const titleOf = (commitment: Commitment) =>
    commitment.text("title")?.toString().trim() || t("commitments.untitled");

  const add = () => {
    const added = addCommitment(doc, maxCommitments);
    if (added) setFocusTitleOf(itemId(added.id));
  };
  const move = (commitment: Commitment, index: number, direction: -1 | 1) => {
    moveCommitment(doc, commitment.id, index + direction);
    announce(t("commitments.moved", { number: index + direction + 1 }));
    focusMoved(itemId(commitment.id), direction);
  };
  const confirmRemoval = () => {
    if (!confirming) return;
    // Read before removing: a deleted Y.Map reads as empty.
    const { id } = confirming.commitment;
    // Should it be restored, it comes back with its form at once, so its title can take the focus.
    shownFirst.delete(id);
    const removal = removeCommitment(doc, id);
    setConfirming(null);
    if (!removal) return;
    setRemoved({ id, title: confirming.title, removal });
    announce(t("commitments.removed", { title: confirming.title }));
  };
  const undo = () => {
    if (!removed) return;
    removed.removal.undo();
    setRemoved(null);
    setFocusTitleOf(itemId(removed.id));
    announce(t("commitments.restored"));
  };

  return (
    <section className="commitments" aria-labelledby={headingId}>
      {/* The self-check's plan-wide findings (no commitment, too many) point here. */}
      <div className="item-header" id={fieldAnchor(null, null)}>
        <h2 id={headingId}>{t("commitments.heading")}</h2>
        <p className="commitment-count">
          {t("commitments.count", { count: commitments.length, max: maxCommitments })}
        </p>
      </div>
      {commitments.length > maxCommitments && (
        <p className="field-warning">
          {t("commitments.overLimit", { count: commitments.length, max: maxCommitments })}
        </p>
      )}
      {commitments.length === 0 && <p>{t("commitments.empty")}</p>}
      <ol className="commitment-list">
        {commitments.map((commitment, index) => (
          <CommitmentItem
            key={commitment.id}
            deferred={shownFirst.has(commitment.id)}
            commitment={commitment}
            number={index + 1}
            isLast={index === commitments.length - 1}
            onMove={(direction) => move(commitment, index, direction)}
            onRemove={() => setConfirming({ commitment, title: titleOf(commitment) })}
          />
        ))}
      </ol>
      {removed && (
        <UndoBar
          message={t("commitments.removed", { title: removed.title })}
          onUndo={undo}
          onDismiss={() => setRemoved(null)}
        />
      )}
      {editable && (
        <div className="add-commitment">
          <button type="button" onClick={add} disabled={atMax} aria-describedby={atMax ? limitId : undefined}>
            {t("commitments.add")}
          </button>
          {atMax && (
            <p className="hint" id={limitId}>
              {t("commitments.maxReached", { max: maxCommitments })}
            </p>
          )}
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t("commitments.confirmTitle")}
          message={t("commitments.confirmMessage", { title: confirming.title })}
          confirmLabel={t("commitments.confirm")}
          onConfirm={confirmRemoval}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
