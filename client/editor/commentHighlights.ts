import { decodeAnchorPosition, encodeAnchorPosition } from "@shared/commentAnchors";
import { COMMENT_LIMITS } from "@shared/comments";
import { getPlan, PLAN_RICH_FIELDS } from "@shared/plan";
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";

type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** A text thread's anchor, as the highlights need it. */
export interface HighlightAnchor {
  threadId: string;
  field: string;
  start: string;
  end: string;
}

/** The passage someone selected in a rich-text field, ready to be sent as a thread's anchor. */
export interface SelectedPassage {
  field: string;
  start: string;
  end: string;
  quote: string;
}

/**
 * What the comments panel and the plan's editors share, one per plan document: the anchors to
 * highlight (set by the panel), the thread in focus, and the last passage selected in an editor.
 */
export class CommentHighlights {
  anchors: HighlightAnchor[] = [];
  activeThreadId: string | null = null;
  selection: SelectedPassage | null = null;
  private readonly listeners = new Set<() => void>();
  private commentRequested: (() => void) | null = null;

  setAnchors(anchors: HighlightAnchor[], activeThreadId: string | null): void {
    this.anchors = anchors;
    this.activeThreadId = activeThreadId;
    this.notify();
  }

  setSelection(selection: SelectedPassage | null): void {
    this.selection = selection;
    this.notify();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The panel's handler for the keyboard shortcut (comment on the selection). */
  onCommentRequest(handler: (() => void) | null): void {
    this.commentRequested = handler;
  }

  requestComment(): void {
    this.commentRequested?.();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

const byDoc = new WeakMap<Y.Doc, CommentHighlights>();

/** The one CommentHighlights of a plan document. */
export function commentHighlightsFor(doc: Y.Doc): CommentHighlights {
  let highlights = byDoc.get(doc);
  if (!highlights) {
    highlights = new CommentHighlights();
    byDoc.set(doc, highlights);
  }
  return highlights;
}

/** The field path (`vision`, `commitments/<id>/problem`) of a rich-text fragment of the plan. */
export function fieldPathOf(fragment: Y.XmlFragment): string | null {
  const item = fragment._item;
  if (item === null) {
    const doc = fragment.doc;
    if (!doc) return null;
    const plan = getPlan(doc);
    return PLAN_RICH_FIELDS.find((name) => plan[name] === fragment) ?? null;
  }
  const parent = item.parent;
  const id = parent instanceof Y.Map ? parent.get("id") : null;
  return typeof id === "string" && item.parentSub ? `commitments/${id}/${item.parentSub}` : null;
}

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: ProsemirrorMapping } | null;
}

const syncState = (view: EditorView): SyncState | null =>
  (ySyncPluginKey.getState(view.state) as SyncState | undefined) ?? null;

/** The anchor's current range in the editor, or null when it is detached or not yet mapped. */
function rangeOf(sync: SyncState, anchor: HighlightAnchor): { from: number; to: number } | null {
  const start = decodeAnchorPosition(anchor.start);
  const end = decodeAnchorPosition(anchor.end);
  if (!start || !end || !sync.binding) return null;
  const from = relativePositionToAbsolutePosition(sync.doc, sync.type, start, sync.binding.mapping);
  const to = relativePositionToAbsolutePosition(sync.doc, sync.type, end, sync.binding.mapping);
  return from !== null && to !== null && to > from ? { from, to } : null;
}

/** The non-empty DOM selection inside this editor as a passage, or null. */
function selectedPassage(view: EditorView, field: string): SelectedPassage | null | "outside" {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return "outside";
  if (!view.dom.contains(selection.anchorNode) || !view.dom.contains(selection.focusNode)) return "outside";
  if (selection.isCollapsed) return null;
  const sync = syncState(view);
  const mapping = sync?.binding?.mapping;
  if (!sync || !mapping) return null;
  const a = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
  const b = view.posAtDOM(selection.focusNode, selection.focusOffset);
  const [from, to] = a <= b ? [a, b] : [b, a];
  const quote = view.state.doc.textBetween(from, to, "\n").trim();
  if (!quote) return null;
  const encode = (pos: number, assoc: number) => {
    const relative: Y.RelativePosition = absolutePositionToRelativePosition(pos, sync.type, mapping);
    // y-prosemirror ties a position to the character before it. The start is tied to the first
    // quoted character instead, so that text typed just before the passage stays outside it.
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc);
    return encodeAnchorPosition(
      absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc) : relative,
    );
  };
  const max = COMMENT_LIMITS.quoteMaxLength;
  return {
    field,
    start: encode(from, 0),
    end: encode(to, -1),
    quote: quote.length > max ? `${quote.slice(0, max - 1)}…` : quote,
  };
}

const highlightKey = new PluginKey("commentHighlights");

/**
 * Highlights the passages that text threads are anchored to, recomputed from their Yjs relative
 * positions on every change of the document (so they follow the words as others edit), and
 * reports the passage the reader selects. Mod-Alt-M asks the panel to comment on it.
 */
export const CommentHighlightsExtension = Extension.create<{ fragment: Y.XmlFragment | null }>({
  name: "commentHighlights",
  addOptions: () => ({ fragment: null }),

  addKeyboardShortcuts() {
    const fragment = this.options.fragment;
    return {
      "Mod-Alt-m": () => {
        if (fragment?.doc) commentHighlightsFor(fragment.doc).requestComment();
        return fragment !== null;
      },
    };
  },

  addProseMirrorPlugins() {
    const fragment = this.options.fragment;
    const field = fragment && fieldPathOf(fragment);
    if (!fragment?.doc || !field) return [];
    const highlights = commentHighlightsFor(fragment.doc);
    return [
      new Plugin({
        key: highlightKey,
        view(view) {
          // Anchors or the thread in focus changed: redraw (an empty transaction recomputes decorations).
          const unsubscribe = highlights.subscribe(() => {
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(highlightKey, true));
          });
          const onSelectionChange = () => {
            const passage = selectedPassage(view, field);
            if (passage === "outside") return;
            if (passage) highlights.setSelection(passage);
            else if (highlights.selection?.field === field) highlights.setSelection(null);
          };
          document.addEventListener("selectionchange", onSelectionChange);
          return {
            destroy() {
              unsubscribe();
              document.removeEventListener("selectionchange", onSelectionChange);
            },
          };
        },
        props: {
          decorations(state) {
            const sync = (ySyncPluginKey.getState(state) as SyncState | undefined) ?? null;
            if (!sync) return null;
            const decorations = highlights.anchors
              .filter((anchor) => anchor.field === field)
              .flatMap((anchor) => {
                const range = rangeOf(sync, anchor);
                if (!range || range.to > state.doc.content.size) return [];
                const active = anchor.threadId === highlights.activeThreadId;
                return [
                  Decoration.inline(range.from, range.to, {
                    class: active ? "comment-highlight is-active" : "comment-highlight",
                    "data-thread-id": anchor.threadId,
                  }),
                ];
              });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
