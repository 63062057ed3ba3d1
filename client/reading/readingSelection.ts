import { encodeAnchorPosition, fieldFragment } from "@shared/commentAnchors";
import { COMMENT_LIMITS } from "@shared/comments";
import * as Y from "yjs";
import type { SelectedPassage } from "~/editor/commentHighlightsStore";
import { type TextRun, textRuns } from "./ReadingRichText";

/** The run a text node belongs to: the nearest rendered run element around it. */
function runOf(node: Node, root: Element): TextRun | null {
  for (let element = node.parentElement; element && element !== root; element = element.parentElement) {
    const run = textRuns.get(element);
    if (run) return run;
  }
  return null;
}

/**
 * The passage a DOM selection covers inside one field of the reading view (`root`, rendered by
 * ReadingRichText), as Yjs relative positions, exactly as the editor encodes them: the start tied
 * to the first quoted character, the end to the last, so text typed around the passage stays out.
 * Null when nothing (or nothing but spaces) is selected there.
 */
export function passageFromRange(range: Range, root: Element, doc: Y.Doc): SelectedPassage | null {
  const field = root.getAttribute("data-field");
  if (range.collapsed || !field || !fieldFragment(doc, field)) return null;
  // The first and last rendered characters inside the range, whatever node its ends are set on.
  let first: { run: TextRun; index: number } | null = null;
  let last: { run: TextRun; index: number } | null = null;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    const run = runOf(node, root);
    if (!run) continue;
    const length = node.textContent?.length ?? 0;
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : length;
    if (to <= from) continue;
    first ??= { run, index: run.offset + from };
    last = { run, index: run.offset + to };
  }
  if (!first || !last) return null;
  const quote = range.toString().trim();
  if (!quote) return null;
  const max = COMMENT_LIMITS.quoteMaxLength;
  const position = (at: { run: TextRun; index: number }, assoc: number) =>
    encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(at.run.text, at.index, assoc));
  return {
    field,
    start: position(first, 0),
    end: position(last, -1),
    quote: quote.length > max ? `${quote.slice(0, max - 1)}…` : quote,
  };
}
