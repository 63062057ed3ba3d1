import * as Y from "yjs";
import { getPlan, listCommitments } from "./plan";

/**
 * Anchors of text comments: a passage of a rich-text field held as two Yjs relative positions,
 * which follow the words they point at whatever others insert or delete around them. The server
 * stores them opaque; clients resolve them against their live copy of the plan, so whether a
 * thread is detached (its passage deleted) is decided client-side, from the live document.
 */

/** A relative position as the API carries it: Y.encodeRelativePosition, standard base64. */
export function encodeAnchorPosition(position: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(position);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The relative position in `base64`, or null when it is not one. */
export function decodeAnchorPosition(base64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The Y.XmlFragment a field path (`vision`, `commitments/<id>/problem`, …) names, or null. */
export function fieldFragment(doc: Y.Doc, field: string): Y.XmlFragment | null {
  if (field === "vision" || field === "cocreationSummary") return getPlan(doc)[field];
  const [root, commitmentId, name] = field.split("/");
  if (root !== "commitments" || (name !== "problem" && name !== "commitment" && name !== "contribution"))
    return null;
  return (
    listCommitments(doc)
      .find((c) => c.id === commitmentId)
      ?.richText(name) ?? null
  );
}

/** An XmlText's characters without its formatting (toString() would wrap marks in tags). */
const plainText = (text: Y.XmlText): string =>
  (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === "string" ? op.insert : ""))
    .join("");

/** True when the type or one of its ancestors was deleted (e.g. its paragraph or commitment). */
function isDeleted(type: { _item: Y.Item | null }): boolean {
  for (let item = type._item; item; item = (item.parent as { _item: Y.Item | null })._item) {
    if (item.deleted) return true;
  }
  return false;
}

/** A field's plain text and where each of its Yjs types starts in it (see `fieldLayout`). */
export interface FieldLayout {
  text: string;
  offsets: Map<object, number>;
}

/**
 * The fragment's text in document order, with each type's offset in it and one "\n" after every
 * element (a paragraph's end), so that a passage spanning paragraphs reads naturally.
 */
export function fieldLayout(fragment: Y.XmlFragment): FieldLayout {
  const offsets = new Map<object, number>();
  let text = "";
  const walk = (type: Y.XmlFragment | Y.XmlElement | Y.XmlText) => {
    offsets.set(type, text.length);
    if (type instanceof Y.XmlText) {
      text += plainText(type);
      return;
    }
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText || child instanceof Y.XmlElement) walk(child);
    }
    if (type instanceof Y.XmlElement) text += "\n";
  };
  walk(fragment);
  return { text, offsets };
}

/** The offset in `layout`'s text of a resolved position, or null when it is outside the fragment. */
function offsetOf(position: Y.AbsolutePosition, offsets: Map<object, number>): number | null {
  const start = offsets.get(position.type);
  if (start === undefined || isDeleted(position.type)) return null;
  if (position.type instanceof Y.XmlText) return start + position.index;
  // A position between an element's children: after the text of the children before it.
  const children = (position.type as Y.XmlElement).toArray();
  const next = children[position.index];
  if (next === undefined) return start + textLength(children);
  return offsets.get(next) ?? null;
}

function textLength(children: unknown[]): number {
  let length = 0;
  for (const child of children) {
    if (child instanceof Y.XmlText) length += child.length;
    if (child instanceof Y.XmlElement) length += textLength(child.toArray()) + 1;
  }
  return length;
}

export type ResolvedAnchor = { detached: false; text: string } | { detached: true };

/**
 * Where an anchored passage is now: its current text, or detached when its words were deleted
 * (start and end meet), its field is gone (e.g. the commitment was removed) or a position does
 * not decode.
 */
export function resolveAnchor(
  doc: Y.Doc,
  anchor: { field: string; start: string; end: string },
): ResolvedAnchor {
  const fragment = fieldFragment(doc, anchor.field);
  const start = decodeAnchorPosition(anchor.start);
  const end = decodeAnchorPosition(anchor.end);
  if (!fragment || isDeleted(fragment) || !start || !end) return { detached: true };
  const layout = fieldLayout(fragment);
  const range = rangeIn(doc, layout, start, end);
  const passage = range ? layout.text.slice(range.from, range.to).trim() : "";
  return passage.length > 0 ? { detached: false, text: passage } : { detached: true };
}

function rangeIn(
  doc: Y.Doc,
  { offsets }: FieldLayout,
  start: Y.RelativePosition,
  end: Y.RelativePosition,
): { from: number; to: number } | null {
  const from = Y.createAbsolutePositionFromRelativePosition(start, doc);
  const to = Y.createAbsolutePositionFromRelativePosition(end, doc);
  if (!from || !to) return null;
  const a = offsetOf(from, offsets);
  const b = offsetOf(to, offsets);
  return a !== null && b !== null && b > a ? { from: a, to: b } : null;
}

/**
 * Where an anchored passage lies in a field's layout text (`fieldLayout`), or null when it is
 * detached or elsewhere; the reading view marks these ranges without an editor.
 */
export function anchorRange(
  doc: Y.Doc,
  layout: FieldLayout,
  anchor: { start: string; end: string },
): { from: number; to: number } | null {
  const start = decodeAnchorPosition(anchor.start);
  const end = decodeAnchorPosition(anchor.end);
  return start && end ? rangeIn(doc, layout, start, end) : null;
}
