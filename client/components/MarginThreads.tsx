import type { Thread } from "@shared/comments";
import { ChevronDown, ChevronRight } from "lucide-react";
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  /** The margin column beside the plan's text (its top is where positions count from). */
  container: HTMLElement;
  /** The open text threads, each highlighted in the text. */
  threads: Thread[];
  activeId: string | null;
  onActivate(threadId: string | null): void;
  /** Changes whenever the text may have moved (the document's version), to place the cards again. */
  textVersion: number;
  /** A thread to focus once its card is placed (opened from its highlight, or just posted). */
  focusId: string | null;
  onFocused(): void;
  renderThread(thread: Thread): ReactNode;
}

/** Room between two stacked cards, in pixels. */
const GAP = 8;

/** Where the first highlight of a thread is, from the top of `origin`; null when it is not shown. */
function passageTop(threadId: string, origin: DOMRect): number | null {
  const mark = document.querySelector(`.plan-main mark[data-thread-id="${CSS.escape(threadId)}"]`);
  // A folded commitment hides its marks: no box, no card.
  const rect = mark?.getClientRects()[0];
  return rect ? rect.top - origin.top : null;
}

/**
 * Comment threads in the margin beside their passages, as Google Docs shows them: each card at the
 * height of its highlight (read from the marks the views draw from the resolved anchors, so the
 * cards follow the words as others edit), the open one expanded, the others one line; cards that
 * would overlap stack downward.
 */
export function MarginThreads({
  container,
  threads,
  activeId,
  onActivate,
  textVersion,
  focusId,
  onFocused,
  renderThread,
}: Props) {
  const { t } = useTranslation("comments");
  const cards = useRef(new Map<string, HTMLElement>());
  const [tops, setTops] = useState<ReadonlyMap<string, number>>(new Map());

  const place = useCallback(() => {
    const origin = container.getBoundingClientRect();
    const wanted = threads
      .map((thread) => ({ id: thread.id, top: passageTop(thread.id, origin) }))
      .filter((entry): entry is { id: string; top: number } => entry.top !== null)
      .sort((a, b) => a.top - b.top);
    const next = new Map<string, number>();
    let floor = 0;
    for (const { id, top } of wanted) {
      const at = Math.max(top, floor);
      next.set(id, at);
      floor = at + (cards.current.get(id)?.offsetHeight ?? 0) + GAP;
    }
    setTops((current) =>
      current.size === next.size && [...next].every(([id, top]) => current.get(id) === top) ? current : next,
    );
  }, [container, threads]);

  // After every render (a card expanded, the text moved): the marks are drawn by then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: textVersion and activeId move the passages and cards
  useLayoutEffect(() => {
    const frame = requestAnimationFrame(place);
    return () => cancelAnimationFrame(frame);
  }, [place, textVersion, activeId]);

  // The text reflows without any edit: a commitment folded, Read and Edit switched, a card grew.
  useEffect(() => {
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    });
    const main = document.querySelector(".plan-main");
    if (main) observer.observe(main);
    for (const card of cards.current.values()) observer.observe(card);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [place]);

  useEffect(() => {
    if (!focusId || tops.get(focusId) === undefined) return;
    const article = cards.current.get(focusId)?.querySelector<HTMLElement>("article");
    if (!article) return;
    article.focus({ preventScroll: true });
    article.scrollIntoView({ block: "nearest" });
    onFocused();
  }, [focusId, tops, onFocused]);

  const ordered = [...threads].sort((a, b) => (tops.get(a.id) ?? 0) - (tops.get(b.id) ?? 0));
  return (
    <section className="margin-threads" aria-label={t("margin.label")}>
      <ol>
        {ordered.map((thread) => {
          const top = tops.get(thread.id);
          const open = thread.id === activeId;
          const first = thread.comments[0];
          const Chevron = open ? ChevronDown : ChevronRight;
          return (
            <li
              key={thread.id}
              ref={(element) => {
                if (element) cards.current.set(thread.id, element);
                else cards.current.delete(thread.id);
              }}
              className={`margin-thread${open ? " is-open" : ""}`}
              hidden={top === undefined}
              style={{ top }}
              data-margin-thread={thread.id}
            >
              <button
                type="button"
                className="margin-thread-line"
                aria-expanded={open}
                onClick={() => onActivate(open ? null : thread.id)}
              >
                <Chevron aria-hidden="true" size={16} />
                <span className="margin-thread-text">
                  {t("margin.line", {
                    name: first?.author.name ?? "",
                    text: first?.body ?? (thread.target.kind === "text" ? thread.target.quote : ""),
                  })}
                </span>
                {thread.comments.length > 1 && (
                  <span className="margin-thread-count">
                    {t("margin.replies", { count: thread.comments.length - 1 })}
                  </span>
                )}
              </button>
              {open && renderThread(thread)}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
