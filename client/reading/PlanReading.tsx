import { fieldAnchor } from "@shared/freeze";
import { getPlan, PLAN_RICH_FIELDS } from "@shared/plan";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { commentHighlightsFor } from "~/editor/commentHighlightsStore";
import { useCommitmentOrder } from "~/editor/useCommitmentOrder";
import { CommitmentReading } from "./CommitmentReading";
import { ReadingRichText } from "./ReadingRichText";
import { passageFromRange } from "./readingSelection";

interface Props {
  doc: Y.Doc;
  /** Ids of the commitments shown folded to their heading. */
  collapsed: ReadonlySet<string>;
  onToggle(commitmentId: string): void;
}

/**
 * The plan as a typeset document, rendered from the live Yjs document without any editor code:
 * the vision, the co-creation summary and each commitment as a numbered section. Readers select
 * words here to comment on them; highlighted passages open their threads.
 */
export function PlanReading({ doc, collapsed, onToggle }: Props) {
  const { t } = useTranslation("plan");
  const rootRef = useRef<HTMLDivElement>(null);
  const commitments = useCommitmentOrder(doc);
  useReadingComments(rootRef, doc);

  return (
    <div className="plan-document" ref={rootRef}>
      {PLAN_RICH_FIELDS.map((place) => (
        <section
          key={place}
          className="reading-part"
          id={fieldAnchor(null, place)}
          aria-labelledby={`${place}-heading`}
          data-outline-part={place}
        >
          <h2 id={`${place}-heading`}>{t(`${place}.label`)}</h2>
          <ReadingRichText fragment={getPlan(doc)[place]} headingLevel={3} />
        </section>
      ))}
      <section className="reading-part" aria-labelledby="commitments-heading" id={fieldAnchor(null, null)}>
        <h2 id="commitments-heading">{t("commitments.heading")}</h2>
        {commitments.length === 0 && <p className="not-written">{t("commitments.empty")}</p>}
        {commitments.map((commitment, index) => (
          <CommitmentReading
            key={commitment.id}
            commitment={commitment}
            number={index + 1}
            collapsed={collapsed.has(commitment.id)}
            onToggle={() => onToggle(commitment.id)}
          />
        ))}
      </section>
    </div>
  );
}

/**
 * Comments in the reading view: a selection inside a field becomes the passage to comment on; a
 * click on (or Enter in) a highlighted passage opens its thread; "show in the text" selects it.
 */
function useReadingComments(rootRef: React.RefObject<HTMLDivElement | null>, doc: Y.Doc): void {
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const highlights = commentHighlightsFor(doc);
    const onSelectionChange = () => {
      const selection = document.getSelection();
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      const field = range?.commonAncestorContainer.parentElement?.closest("[data-field]");
      if (!range || !field || !root.contains(field)) {
        // A selection elsewhere on the page (e.g. in the comment form) keeps the chosen passage.
        if (range && !range.collapsed) return;
        if (range?.collapsed && root.contains(range.startContainer)) highlights.setSelection(null);
        return;
      }
      highlights.setSelection(passageFromRange(range, field, doc));
    };
    const threadOf = (target: EventTarget | null) =>
      target instanceof Element ? target.closest<HTMLElement>("mark[data-thread-id]") : null;
    const onClick = (event: MouseEvent) => {
      const mark = threadOf(event.target);
      // A click that ends a drag selects words; only a plain click opens the thread.
      if (mark?.dataset.threadId && document.getSelection()?.isCollapsed !== false) {
        highlights.openThread(mark.dataset.threadId, true);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const mark = threadOf(event.target);
      if (event.key !== "Enter" || !mark?.dataset.threadId) return;
      event.preventDefault();
      highlights.openThread(mark.dataset.threadId, true);
    };
    const removeRevealer = highlights.addRevealer((threadId) => {
      const marks = root.querySelectorAll<HTMLElement>(`mark[data-thread-id="${CSS.escape(threadId)}"]`);
      const first = marks[0];
      const last = marks[marks.length - 1];
      if (!first || !last) return false;
      const range = document.createRange();
      range.setStartBefore(first);
      range.setEndAfter(last);
      first.focus({ preventScroll: true });
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      first.scrollIntoView({ block: "center" });
      return true;
    });
    document.addEventListener("selectionchange", onSelectionChange);
    root.addEventListener("click", onClick);
    root.addEventListener("keydown", onKeyDown);
    return () => {
      removeRevealer();
      document.removeEventListener("selectionchange", onSelectionChange);
      root.removeEventListener("click", onClick);
      root.removeEventListener("keydown", onKeyDown);
    };
  }, [rootRef, doc]);
}
