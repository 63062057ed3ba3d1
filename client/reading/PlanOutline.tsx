import type { PartProgress } from "@shared/dashboard";
import { fieldAnchor } from "@shared/freeze";
import { getPlan, listCommitments } from "@shared/plan";
import { Check, ListTree } from "lucide-react";
import { useCallback, useSyncExternalStore } from "react";
import { Button, Menu, MenuItem, MenuTrigger, Popover } from "react-aria-components";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { commentHighlightsFor } from "~/editor/commentHighlightsStore";
import { focusField } from "~/editor/useFocusHash";
import { useYObserve } from "~/editor/useYObserve";
import { useCurrentPart } from "./useCurrentPart";
import { useMediaQuery } from "./useMediaQuery";

/**
 * Re-renders the outline when what it names changes: a commitment added, removed or moved, or a
 * title edited. Not on every keystroke elsewhere in a commitment (each field's text, its facts,
 * its milestones): the outline showed none of that, but redrew on each, a co-author's typing too.
 */
function useOutlineChanges(doc: Y.Doc): void {
  const array = getPlan(doc).commitmentArray;
  const named = useCallback(
    (events: Y.YEvent<Y.AbstractType<unknown>>[]) =>
      events.some((event) => {
        const { target } = event;
        if (target === array || (target.parent === array && event instanceof Y.YMapEvent)) return true;
        // A title: a Y.Text under the key "title" of a commitment's map.
        return (
          target instanceof Y.Text && target.parent?.parent === array && target._item?.parentSub === "title"
        );
      }),
    [array],
  );
  useYObserve(array, named);
}

interface Props {
  doc: Y.Doc;
  progress: Map<string, PartProgress>;
  /** Unfolds a commitment before moving to it. */
  expand(commitmentId: string): void;
}

interface Entry {
  /** "vision", "cocreationSummary" or a commitment's id (the keys of progress and thread counts). */
  part: string;
  /** The element id of the part on the page (both views use the same). */
  anchor: string;
  name: string;
}

/** Where the outline sits beside the text (as reading.css lays it out). */
const WIDE = "(min-width: 64rem)";

/**
 * The plan's outline: vision, summary and each commitment by title, with how complete each part is
 * and its open comment threads; the part on screen is marked. Beside the text on wide screens, a
 * jump menu on phones. Choosing a part moves the focus there.
 */
export function PlanOutline({ doc, progress, expand }: Props) {
  const { t } = useTranslation("plan");
  const wide = useMediaQuery(WIDE);
  useOutlineChanges(doc);
  const highlights = commentHighlightsFor(doc);
  const threads = useSyncExternalStore(
    (onChange) => highlights.subscribe(onChange),
    () => highlights.openThreads,
  );
  const entries: Entry[] = [
    { part: "vision", anchor: fieldAnchor(null, "vision"), name: t("vision.label") },
    {
      part: "cocreationSummary",
      anchor: fieldAnchor(null, "cocreationSummary"),
      name: t("cocreationSummary.label"),
    },
    ...listCommitments(doc).map((c, i) => ({
      part: c.id,
      anchor: fieldAnchor(c.id, null),
      name: `${i + 1}. ${c.text("title")?.toString().trim() || t("commitments.untitled")}`,
    })),
  ];
  const current = useCurrentPart(entries.map((entry) => entry.anchor));

  const meta = (entry: Entry) => {
    const p = progress.get(entry.part);
    const open = threads.get(entry.part) ?? 0;
    // One-part sections (the vision, the summary) are written or not; commitments count their parts.
    const written = !p
      ? null
      : p.total === 1
        ? t(p.done ? "outline.done" : "reading.notWritten")
        : t("outline.written", { done: p.done, total: p.total });
    return [written, open > 0 ? t("outline.threads", { count: open }) : null].filter(Boolean).join(" · ");
  };
  const complete = (entry: Entry) => {
    const p = progress.get(entry.part);
    return p !== undefined && p.done === p.total;
  };
  const jump = (entry: Entry) => {
    if (entry.anchor.startsWith("commitment-")) expand(entry.part);
    history.replaceState(history.state, "", `#${entry.anchor}`);
    // After the unfolded commitment has rendered.
    requestAnimationFrame(() => {
      const element = document.getElementById(entry.anchor);
      if (element) focusField(element);
    });
  };

  if (!wide) {
    return (
      <MenuTrigger>
        <Button className="button secondary outline-jump">
          <ListTree aria-hidden="true" size={20} />
          {t("outline.jump")}
        </Button>
        <Popover className="popover outline-popover" placement="bottom start">
          <Menu
            className="menu"
            aria-label={t("outline.label")}
            onAction={(key) => {
              const entry = entries.find((e) => e.part === key);
              if (entry) jump(entry);
            }}
          >
            {entries.map((entry) => (
              <MenuItem
                key={entry.part}
                id={entry.part}
                className="menu-item outline-item"
                textValue={entry.name}
              >
                <span className="outline-name">{entry.name}</span>
                <span className="outline-meta">{meta(entry)}</span>
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      </MenuTrigger>
    );
  }
  return (
    <nav className="plan-outline" aria-label={t("outline.label")}>
      <h2 className="outline-title">{t("outline.label")}</h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.part}>
            <a
              href={`#${entry.anchor}`}
              aria-current={entry.anchor === current ? "location" : undefined}
              onClick={(event) => {
                event.preventDefault();
                jump(entry);
              }}
            >
              <span className="outline-name">{entry.name}</span>
              <span className="outline-meta">
                {complete(entry) && <Check aria-hidden="true" size={14} />}
                {meta(entry)}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
