import { appendParagraphs, getPlan } from "@shared/plan";
import * as Y from "yjs";

/**
 * The load types into the plan's real schema: each typist appends its own paragraph to the plan's
 * vision (a Tiptap XmlFragment) and types at its end, as people drafting different parts would.
 */
export function newVisionParagraph(doc: Y.Doc): Y.XmlText {
  const vision = getPlan(doc).vision;
  appendParagraphs(vision, [""]);
  const paragraph = vision.get(vision.length - 1) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** The text nodes of the vision's paragraphs, in order. */
function visionTexts(doc: Y.Doc): Y.XmlText[] {
  return getPlan(doc)
    .vision.toArray()
    .flatMap((paragraph) => (paragraph instanceof Y.XmlElement ? paragraph.toArray() : []))
    .filter((child): child is Y.XmlText => child instanceof Y.XmlText);
}

/** Characters in all of the vision's paragraphs. */
export const visionLength = (doc: Y.Doc): number =>
  visionTexts(doc).reduce((sum, text) => sum + text.length, 0);

/** The text of the vision paragraph that client `author` created ("" when there is none). */
export const paragraphText = (doc: Y.Doc, author: number): string =>
  visionTexts(doc)
    .find((text) => text._item?.id.client === author)
    ?.toString() ?? "";
