import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import {
  type AuthorshipStore,
  authorRuns,
  authorStyle,
  authorshipStoreFor,
  type EditorAuthorship,
} from "~/reading/authorship";

/** y-prosemirror's map from each Yjs type to its editor node (an XmlText to its text nodes). */
type ProsemirrorMapping = Map<unknown, ProseMirrorNode | ProseMirrorNode[]>;

/** A run of the editor's text written with one client id, in editor positions. */
export interface AuthorRange {
  from: number;
  to: number;
  clientId: number;
}

/** The words of an XmlText as the editor shows them (its formatting left out). */
const plainText = (text: Y.XmlText): string =>
  (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === "string" ? op.insert : ""))
    .join("");

/**
 * Where each writer's runs of `fragment` lie in the editor's `doc`. `positionOf` gives the editor
 * position of an XmlText's first character (from y-prosemirror's mapping). A text whose words
 * the editor does not show there yet (the editor is a step behind Yjs, or ahead of it) is left
 * out: the next change recomputes it.
 */
export function authorRanges(
  fragment: Y.XmlFragment,
  doc: ProseMirrorNode,
  positionOf: (text: Y.XmlText) => number | null,
): AuthorRange[] {
  const ranges: AuthorRange[] = [];
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlElement) visit(child);
      if (!(child instanceof Y.XmlText)) continue;
      const runs = authorRuns(child);
      if (runs.length === 0) continue;
      const start = positionOf(child);
      const words = plainText(child);
      const end = start === null ? -1 : start + words.length;
      if (start === null || end > doc.content.size || doc.textBetween(start, end) !== words) continue;
      for (const run of runs)
        ranges.push({ from: start + run.from, to: start + run.to, clientId: run.clientId });
    }
  };
  visit(fragment);
  return ranges;
}

/** The inline decorations that colour `ranges` by writer, each naming its writer. */
export function authorDecorations(
  doc: ProseMirrorNode,
  ranges: readonly AuthorRange[],
  authorship: EditorAuthorship,
): DecorationSet {
  return DecorationSet.create(
    doc,
    ranges.map(({ from, to, clientId }) => {
      const author = authorship.byClient.get(clientId) ?? authorship.unknown;
      return Decoration.inline(from, to, {
        class: "authored",
        style: authorStyle(author.color),
        title: author.label,
        "aria-description": authorship.writtenBy(author.label),
      });
    }),
  );
}

/**
 * The editor position of the first character of `text`, found as y-prosemirror finds positions:
 * the sizes of the nodes before it (from the binding's `mapping`) plus each enclosing start tag.
 * Not y-prosemirror's relativePositionToAbsolutePosition: that one rejects any position at the
 * very start of a text, taking it for a misresolved one.
 */
export function textStart(
  text: Y.XmlText,
  fragment: Y.XmlFragment,
  mapping: ProsemirrorMapping,
): number | null {
  let pos = 0;
  let type: Y.XmlText | Y.XmlFragment = text;
  while (type !== fragment) {
    const item: Y.Item | null = type._item;
    if (!item || item.deleted) return null;
    // An XmlText's or XmlElement's parent is an XmlElement or the fragment (both XmlFragments).
    const parent = item.parent as Y.XmlFragment;
    if (parent !== fragment) pos += 1; // the parent's start tag (the fragment, the document, has none)
    for (let n = parent._start; n !== null && n !== item; n = n.right) {
      if (n.deleted || !(n.content instanceof Y.ContentType)) continue;
      const child = n.content.type;
      if (child instanceof Y.XmlText) pos += child.length;
      else {
        const node = mapping.get(child);
        if (!node || Array.isArray(node)) return null;
        pos += node.nodeSize;
      }
    }
    type = parent;
  }
  return pos;
}

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: ProsemirrorMapping } | null;
}

/** The decorations for the view's document as Yjs has it now (empty while colours are off). */
function compute(view: EditorView, fragment: Y.XmlFragment, store: AuthorshipStore): DecorationSet {
  const authorship = store.value;
  const sync = (ySyncPluginKey.getState(view.state) as SyncState | undefined) ?? null;
  const mapping = sync?.binding?.mapping;
  if (!authorship || !sync || !mapping) return DecorationSet.empty;
  const positionOf = (text: Y.XmlText) => textStart(text, fragment, mapping);
  return authorDecorations(view.state.doc, authorRanges(fragment, view.state.doc, positionOf), authorship);
}

const authorshipKey = new PluginKey<DecorationSet>("authorship");

/**
 * "Show who wrote what" in the editor: each writer's passages tinted and underlined in the colour
 * the legend gives them, and named (title, aria-description), while the plan page's control asks
 * for it. Read from the Yjs items (each stamped with the client id the server bound to its
 * writer), recomputed after every change once Yjs and the editor agree again; between two
 * recomputations the passages move with the text.
 */
export const AuthorshipDecorations = Extension.create<{ fragment: Y.XmlFragment | null }>({
  name: "authorshipDecorations",
  addOptions: () => ({ fragment: null }),

  addProseMirrorPlugins() {
    const fragment = this.options.fragment;
    if (!fragment?.doc) return [];
    const store = authorshipStoreFor(fragment.doc);
    return [
      new Plugin<DecorationSet>({
        key: authorshipKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const next = tr.getMeta(authorshipKey) as DecorationSet | undefined;
            return next ?? set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations: (state) => authorshipKey.getState(state),
        },
        view(view) {
          let scheduled = false;
          // After the change that scheduled it: by then y-prosemirror has written the editor's
          // change into Yjs (or Yjs's into the editor) and updated its mapping.
          const recompute = () => {
            scheduled = false;
            if (view.isDestroyed) return;
            // Redrawing inside an IME composition would break it: wait until the word is composed.
            if (view.composing) {
              scheduled = true;
              setTimeout(recompute, 200);
              return;
            }
            const next = compute(view, fragment, store);
            const current = authorshipKey.getState(view.state);
            if (next === DecorationSet.empty && current === DecorationSet.empty) return;
            view.dispatch(view.state.tr.setMeta(authorshipKey, next));
          };
          const schedule = () => {
            if (scheduled) return;
            scheduled = true;
            queueMicrotask(recompute);
          };
          const unsubscribe = store.subscribe(schedule);
          schedule();
          return {
            update(_view, previous) {
              if (store.value && view.state.doc !== previous.doc) schedule();
            },
            destroy: unsubscribe,
          };
        },
      }),
    ];
  },
});
