import { richTextPlain } from "@shared/freeze";
import type { RichTextJson } from "@shared/plan";
import type { ReactNode } from "react";
import { blockElement, markElement } from "./richTextElements";

/** Wraps text in the elements of its marks (bold, italic, links, …); unknown marks are ignored. */
function withMarks(node: RichTextJson, key: number): ReactNode {
  let out: ReactNode = node.text ?? "";
  for (const mark of node.marks ?? []) out = markElement(mark.type, mark.attrs, out);
  return <span key={key}>{out}</span>;
}

function render(node: RichTextJson, key: number, headingLevel: number): ReactNode {
  if (node.type === "text") return withMarks(node, key);
  const children = (node.content ?? []).map((child, i) => render(child, i, headingLevel));
  return blockElement(node.type, node.attrs, key, children, headingLevel);
}

/**
 * A frozen rich-text field (ProseMirror JSON) as read-only HTML; `empty` when it has no text. Its
 * headings start at `headingLevel`, below the heading that labels the field.
 */
export function VersionRichText({
  value,
  empty,
  headingLevel,
}: {
  value: RichTextJson;
  empty: string;
  headingLevel: 4 | 6;
}) {
  if (richTextPlain(value).trim() === "") return <p className="hint">{empty}</p>;
  return (
    <div className="rich-text-view">
      {(value.content ?? []).map((node, i) => render(node, i, headingLevel))}
    </div>
  );
}
