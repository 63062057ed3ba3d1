import { getPlan, PLAN_RICH_FIELDS } from "@shared/plan";
import * as Y from "yjs";

/**
 * What the comments panel and the plan's views share, without any editor code: the reading view
 * uses it before (or without) Tiptap ever loading; the editor's highlight plugin uses it too.
 */

/** A text thread's anchor, as the highlights need it. */
export interface HighlightAnchor {
  threadId: string;
  field: string;
  start: string;
  end: string;
  /** What a screen reader (and a pointer's tooltip) says of the highlight: who commented, the status. */
  description: string;
}

/** The passage someone selected in a rich-text field, ready to be sent as a thread's anchor. */
export interface SelectedPassage {
  field: string;
  start: string;
  end: string;
  quote: string;
}

/** What the comments panel does when an editor asks. */
export interface CommentPanelHandlers {
  /** Open the new-comment form on the selected passage. */
  comment(): void;
  /** Open a thread; `focus` moves the keyboard focus to it (not while someone is writing). */
  openThread(threadId: string, focus: boolean): void;
}

/**
 * What the comments panel and the plan's editors share, one per plan document: the anchors to
 * highlight (set by the panel), the thread in focus, and the last passage selected in an editor.
 */
export class CommentHighlights {
  anchors: HighlightAnchor[] = [];
  activeThreadId: string | null = null;
  selection: SelectedPassage | null = null;
  /** How to read (and comment) with the keyboard in a read-only field, for its description. */
  keyboardHint = "";
  /** Open threads per part of the plan ("vision", "cocreationSummary", a commitment's id), for the outline. */
  openThreads: ReadonlyMap<string, number> = new Map();
  private readonly listeners = new Set<() => void>();
  private readonly revealers = new Set<(threadId: string) => boolean>();
  private panel: CommentPanelHandlers | null = null;

  setAnchors(anchors: HighlightAnchor[], activeThreadId: string | null): void {
    this.anchors = anchors;
    this.activeThreadId = activeThreadId;
    this.notify();
  }

  setOpenThreads(counts: ReadonlyMap<string, number>): void {
    this.openThreads = counts;
    this.notify();
  }

  setKeyboardHint(hint: string): void {
    this.keyboardHint = hint;
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

  /** The panel's handlers for what the editors ask (null when the panel goes away). */
  setPanel(handlers: CommentPanelHandlers | null): void {
    this.panel = handlers;
  }

  requestComment(): void {
    this.panel?.comment();
  }

  openThread(threadId: string, focus: boolean): void {
    this.panel?.openThread(threadId, focus);
  }

  /** An editor's way to select a thread's passage; returns false when the passage is not in it. */
  addRevealer(reveal: (threadId: string) => boolean): () => void {
    this.revealers.add(reveal);
    return () => this.revealers.delete(reveal);
  }

  /** Selects, focuses and scrolls to a thread's passage; false when no editor shows it. */
  reveal(threadId: string): boolean {
    for (const reveal of this.revealers) if (reveal(threadId)) return true;
    return false;
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

/** The key binding that comments on the selection (hints name it with `shortcutKeys`). */
export const COMMENT_SHORTCUT = "Mod-Alt-m";
