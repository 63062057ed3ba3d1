import { anchorRange, type FieldLayout, fieldLayout } from "@shared/commentAnchors";
import { type ReactNode, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { blockElement, markElement } from "~/components/richTextElements";
import {
  type CommentHighlights,
  commentHighlightsFor,
  fieldPathOf,
  type HighlightAnchor,
} from "~/editor/commentHighlightsStore";
import { Authored } from "./Authored";
import { type AuthorKey, authorRuns, useAuthorship } from "./authorship";
import { useYDeep } from "./useYDeep";

/** Where a rendered run of text lies in the document: its Y.XmlText and the offset in it. */
export interface TextRun {
  text: Y.XmlText;
  offset: number;
}

/**
 * Each rendered run's element, so that a DOM selection maps back to Yjs positions (see
 * readingSelection.ts) without an editor. Weak: elements React removes are forgotten.
 */
export const textRuns = new WeakMap<Element, TextRun>();

const registerRun = (run: TextRun) => (element: HTMLSpanElement | null) => {
  if (element) textRuns.set(element, run);
};

interface Highlight {
  threadId: string;
  from: number;
  to: number;
  description: string;
}

interface RenderContext {
  layout: FieldLayout;
  highlights: Highlight[];
  activeThreadId: string | null;
  headingLevel: number;
  /** Each client id's colour while authorship is shown; null when it is not. */
  authors: ReadonlyMap<number, AuthorKey> | null;
}

type DeltaOp = { insert: unknown; attributes?: Record<string, unknown> };

/** A mark's name without the "--<hash>" y-prosemirror adds to overlapping marks of one type. */
const markName = (name: string) => name.split("--")[0] ?? name;

/** One XmlText: its runs of formatted text, cut where comment highlights begin and end. */
function renderText(text: Y.XmlText, context: RenderContext): ReactNode[] {
  const base = context.layout.offsets.get(text) ?? 0;
  const out: ReactNode[] = [];
  const runs = context.authors ? authorRuns(text) : [];
  let offset = 0;
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== "string") continue;
    const end = offset + op.insert.length;
    // The boundaries of highlights inside this run, so each piece is wholly in or out of each.
    const cuts = new Set([offset, end]);
    for (const h of context.highlights) {
      for (const at of [h.from - base, h.to - base]) if (at > offset && at < end) cuts.add(at);
    }
    for (const run of runs) if (run.from > offset && run.from < end) cuts.add(run.from);
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i++) {
      const from = points[i] as number;
      const to = points[i + 1] as number;
      let node: ReactNode = (
        <span key={`${from}`} ref={registerRun({ text, offset: from })}>
          {op.insert.slice(from - offset, to - offset)}
        </span>
      );
      for (const [name, attrs] of Object.entries(op.attributes ?? {})) {
        node = markElement(markName(name), attrs as Record<string, unknown>, node);
      }
      const run = runs.find((r) => r.from <= from && r.to > from);
      const author = run ? context.authors?.get(run.clientId) : undefined;
      if (context.authors) node = <Authored author={author ?? null}>{node}</Authored>;
      // Smallest passage first, so it wraps the words directly (a click opens the innermost thread).
      const covering = context.highlights
        .filter((h) => h.from - base <= from && h.to - base >= to)
        .sort((a, b) => a.to - a.from - (b.to - b.from));
      for (const h of covering) {
        node = (
          <mark
            className={
              h.threadId === context.activeThreadId ? "comment-highlight is-active" : "comment-highlight"
            }
            data-thread-id={h.threadId}
            title={h.description}
            aria-description={h.description}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: Enter on a highlighted passage opens its thread, as in the editor
            tabIndex={0}
          >
            {node}
          </mark>
        );
      }
      out.push(<span key={`${from}`}>{node}</span>);
    }
    offset = end;
  }
  return out;
}

function renderNode(node: Y.XmlElement | Y.XmlText, key: number, context: RenderContext): ReactNode {
  if (node instanceof Y.XmlText) return <span key={key}>{renderText(node, context)}</span>;
  const children = renderChildren(node, context);
  return blockElement(node.nodeName, node.getAttributes(), key, children, context.headingLevel);
}

function renderChildren(parent: Y.XmlFragment | Y.XmlElement, context: RenderContext): ReactNode[] {
  return parent
    .toArray()
    .flatMap((child, i) =>
      child instanceof Y.XmlText || child instanceof Y.XmlElement ? [renderNode(child, i, context)] : [],
    );
}

/** The open threads' passages in this field, as offsets into its layout text. */
function highlightsIn(
  fragment: Y.XmlFragment,
  layout: FieldLayout,
  anchors: readonly HighlightAnchor[],
  field: string | null,
): Highlight[] {
  const doc = fragment.doc;
  if (!doc || !field) return [];
  return anchors.flatMap((anchor) => {
    if (anchor.field !== field) return [];
    const range = anchorRange(doc, layout, anchor);
    return range ? [{ threadId: anchor.threadId, description: anchor.description, ...range }] : [];
  });
}

/** The comment highlights' current anchors and thread in focus, re-rendering when they change. */
function useHighlights(store: CommentHighlights | null) {
  const subscribe = (onChange: () => void) => store?.subscribe(onChange) ?? (() => {});
  const anchors = () => store?.anchors ?? null;
  const active = () => store?.activeThreadId ?? null;
  return {
    anchors: useSyncExternalStore(subscribe, anchors, anchors),
    activeThreadId: useSyncExternalStore(subscribe, active, active),
  };
}

interface Props {
  fragment: Y.XmlFragment | null;
  /** The HTML level of the field's first-level headings, one below the field's own heading. */
  headingLevel: number;
}

/**
 * A rich-text field of the live plan as typeset HTML, rendered straight from its Y.XmlFragment (no
 * editor code), following every change; comment passages are marked. A field with no words is one
 * quiet line.
 */
export function ReadingRichText({ fragment, headingLevel }: Props) {
  const { t } = useTranslation("plan");
  useYDeep(fragment);
  const store = fragment?.doc ? commentHighlightsFor(fragment.doc) : null;
  const { anchors, activeThreadId } = useHighlights(store);
  const authors = useAuthorship();
  if (!fragment) return <NotWritten text={t("reading.notWritten")} />;
  const layout = fieldLayout(fragment);
  if (layout.text.trim() === "") return <NotWritten text={t("reading.notWritten")} />;
  const field = fieldPathOf(fragment);
  const context: RenderContext = {
    layout,
    highlights: anchors ? highlightsIn(fragment, layout, anchors, field) : [],
    activeThreadId,
    headingLevel,
    authors,
  };
  return (
    <div className="reading-text" data-field={field ?? undefined}>
      {renderChildren(fragment, context)}
    </div>
  );
}

/** What an unwritten field shows: one quiet line, never an empty box. */
export function NotWritten({ text }: { text: string }) {
  return <p className="not-written">{text}</p>;
}
