import { autoUpdate, computePosition, flip, offset, shift, type VirtualElement } from "@floating-ui/dom";
import { MessageSquarePlus } from "lucide-react";
import { useEffect, useLayoutEffect, useRef } from "react";

interface Props {
  /** Where the selected passage is (say its start and end): when it changes the bar moves there. */
  passage: string;
  /** The button's accessible name (it says which words; the bar itself shows "Comment"). */
  label: string;
  text: string;
  /** The keys that do the same from the text, as a pointer's tooltip says them. */
  keys: string;
  onComment(): void;
}

/** Where a selection counts as a passage of the plan (the reading view or an editor's field). */
const PLAN_TEXT = ".plan-main";

/** The DOM selection's range as floating-ui's reference, or null when nothing in the plan is selected. */
function selectedRange(): VirtualElement | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  // The range of this moment: a later selection (say, in the comment box) must not move the bar.
  const range = selection.getRangeAt(0).cloneRange();
  const container = range.commonAncestorContainer;
  const element = container instanceof Element ? container : container.parentElement;
  if (!element?.closest(PLAN_TEXT)) return null;
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: element,
  };
}

/** The editable field holding the DOM selection, if any. */
function fieldOfSelection(): HTMLElement | null {
  const node = document.getSelection()?.anchorNode;
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>(`${PLAN_TEXT} [contenteditable="true"]`) ?? null;
}

/**
 * A small bar right above the selected words with one action, "Comment" (as Google Docs shows
 * beside a selection). Positioned by floating-ui on the selection's range, following scrolling.
 * From the keyboard, Tab in the text with words selected moves to it; Escape goes back. The bar
 * stays mounted while the selection grows, so a focus given to it is not lost to a re-render.
 */
export function SelectionCommentBar({ passage, label, text, keys, onComment }: Props) {
  const barRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  // Placed on the DOM selection of the moment the passage changes: a later selection (say, in the
  // comment box) must not move it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection is read from the DOM; `passage` says when it moved
  useLayoutEffect(() => {
    const bar = barRef.current;
    const reference = selectedRange();
    if (!bar) return;
    bar.hidden = reference === null;
    if (!reference) return;
    return autoUpdate(reference, bar, () => {
      void computePosition(reference, bar, {
        strategy: "fixed",
        placement: "top",
        middleware: [offset(8), flip(), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        bar.style.left = `${x}px`;
        bar.style.top = `${y}px`;
      });
    });
  }, [passage]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Tab" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
      // A list item indents on Tab in the editor: that wins.
      if (event.defaultPrevented || barRef.current?.hidden) return;
      const active = document.activeElement;
      if (!(active instanceof HTMLElement) || !(active.closest(PLAN_TEXT) || active === document.body))
        return;
      if (!selectedRange()) return;
      event.preventDefault();
      returnTo.current = active === document.body ? null : active;
      buttonRef.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div ref={barRef} className="selection-bar">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        title={`${text} (${keys})`}
        // Keep the text selection: a click must not collapse what the reader chose.
        onMouseDown={(event) => event.preventDefault()}
        onClick={onComment}
        onFocus={(event) => {
          if (event.relatedTarget instanceof HTMLElement) returnTo.current = event.relatedTarget;
        }}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          // Back to the field the words are in (its selection is still there).
          const back = returnTo.current ?? fieldOfSelection();
          if (!back) return;
          event.stopPropagation();
          back.focus();
        }}
      >
        <MessageSquarePlus aria-hidden="true" size={18} />
        {text}
      </button>
    </div>
  );
}
