import { decodeAnchorPosition, encodeAnchorPosition } from "@shared/commentAnchors";
import { COMMENT_LIMITS } from "@shared/comments";
import { Extension } from "@tiptap/core";
import { keydownHandler } from "@tiptap/pm/keymap";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";
import {
  COMMENT_SHORTCUT,
  type CommentHighlights,
  commentHighlightsFor,
  fieldPathOf,
  type HighlightAnchor,
  type SelectedPassage,
} from "./commentHighlightsStore";
import { showSelection } from "./readOnlyCaret";

type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

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
 * One `selectionchange` listener for every field, calling only the field the selection starts in
 * (a selection spanning two fields is no passage of either): a plan has a dozen or more editors,
 * and each keystroke moves the selection.
 */
const selectionWatchers = new Map<Element, () => void>();

function onDocumentSelectionChange(): void {
  const node = document.getSelection()?.anchorNode;
  const element = node instanceof Element ? node : node?.parentElement;
  const root = element?.closest(".ProseMirror");
  if (root) selectionWatchers.get(root)?.();
}

function watchSelection(dom: Element, watcher: () => void): () => void {
  if (selectionWatchers.size === 0) document.addEventListener("selectionchange", onDocumentSelectionChange);
  selectionWatchers.set(dom, watcher);
  return () => {
    if (selectionWatchers.get(dom) === watcher) selectionWatchers.delete(dom);
    if (selectionWatchers.size === 0)
      document.removeEventListener("selectionchange", onDocumentSelectionChange);
  };
}

/** The innermost open thread whose passage contains `pos`, or null. */
function threadAt(
  view: EditorView,
  highlights: CommentHighlights,
  field: string,
  pos: number,
): string | null {
  const sync = syncState(view);
  if (!sync) return null;
  let found: { threadId: string; length: number } | null = null;
  for (const anchor of highlights.anchors) {
    if (anchor.field !== field) continue;
    const range = rangeOf(sync, anchor);
    if (!range || pos < range.from || pos > range.to) continue;
    if (!found || range.to - range.from < found.length) {
      found = { threadId: anchor.threadId, length: range.to - range.from };
    }
  }
  return found?.threadId ?? null;
}

/**
 * Highlights the passages that text threads are anchored to, recomputed from their Yjs relative
 * positions on every change of the document (so they follow the words as others edit), and
 * reports the passage the reader selects. Clicking a highlight opens its thread; from the keyboard,
 * Alt+Enter does (and, in a read-only field, Enter: on a selection it comments on it instead);
 * Mod-Alt-M comments on the selection.
 */
export const CommentHighlightsExtension = Extension.create<{ fragment: Y.XmlFragment | null }>({
  name: "commentHighlights",
  addOptions: () => ({ fragment: null }),

  addProseMirrorPlugins() {
    const { editor } = this;
    const fragment = this.options.fragment;
    const field = fragment && fieldPathOf(fragment);
    if (!fragment?.doc || !field) return [];
    const highlights = commentHighlightsFor(fragment.doc);
    // Not a keymap: ProseMirror does not run keymaps in a read-only editor.
    const openAtCaret = (view: EditorView): boolean => {
      const threadId = threadAt(view, highlights, field, view.state.selection.head);
      if (threadId) highlights.openThread(threadId, true);
      return threadId !== null;
    };
    const keys = keydownHandler({
      [COMMENT_SHORTCUT]: () => {
        highlights.requestComment();
        return true;
      },
      "Alt-Enter": (_state, _dispatch, view) => view !== undefined && openAtCaret(view),
      Enter: (state, _dispatch, view) => {
        if (!view || view.editable) return false;
        if (state.selection.empty) return openAtCaret(view);
        highlights.requestComment();
        return true;
      },
    });
    return [
      new Plugin({
        key: highlightKey,
        view(view) {
          // Anchors or the thread in focus changed: redraw (an empty transaction recomputes decorations).
          const unsubscribe = highlights.subscribe(() => {
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(highlightKey, true));
          });
          const removeRevealer = highlights.addRevealer((threadId) => {
            const sync = syncState(view);
            const anchor = highlights.anchors.find((a) => a.threadId === threadId && a.field === field);
            const range = sync && anchor && rangeOf(sync, anchor);
            if (!range) return false;
            view.dom.focus({ preventScroll: true });
            showSelection(view, TextSelection.create(view.state.doc, range.from, range.to));
            return true;
          });
          const onSelectionChange = () => {
            const passage = selectedPassage(view, field);
            if (passage === "outside") return;
            if (passage) highlights.setSelection(passage);
            else if (highlights.selection?.field === field) highlights.setSelection(null);
          };
          const unwatchSelection = watchSelection(view.dom, onSelectionChange);
          let redraw = false;
          return {
            // Typed here: the decorations were computed before the sync plugin wrote the change to
            // Yjs, so positions read from Yjs lag one step. Once it has, draw them again (only in a
            // field with passages: a keystroke elsewhere costs nothing).
            update(updated, previous) {
              if (redraw || updated.state.doc.eq(previous.doc)) return;
              if (!highlights.anchors.some((anchor) => anchor.field === field)) return;
              redraw = true;
              queueMicrotask(() => {
                redraw = false;
                if (!updated.isDestroyed) updated.dispatch(updated.state.tr.setMeta(highlightKey, true));
              });
            },
            destroy() {
              unsubscribe();
              removeRevealer();
              unwatchSelection();
            },
          };
        },
        props: {
          attributes: (): Record<string, string> =>
            editor.isEditable || !highlights.keyboardHint
              ? {}
              : { "aria-description": highlights.keyboardHint },
          handleDOMEvents: {
            keydown(view, event) {
              if (!keys(view, event)) return false;
              event.preventDefault();
              return true;
            },
          },
          handleClick(view, pos) {
            const threadId = threadAt(view, highlights, field, pos);
            // Someone who can write clicked to place the caret: mark the thread, keep the focus.
            if (threadId) highlights.openThread(threadId, !view.editable);
            return false;
          },
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
                    nodeName: "mark",
                    class: active ? "comment-highlight is-active" : "comment-highlight",
                    "data-thread-id": anchor.threadId,
                    title: anchor.description,
                    "aria-description": anchor.description,
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
