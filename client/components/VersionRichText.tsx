import { richTextPlain, safeLinkHref } from "@shared/freeze";
import type { RichTextJson } from "@shared/plan";
import type { ReactNode } from "react";

/** Wraps text in the elements of its marks (bold, italic, links, …); unknown marks are ignored. */
function withMarks(node: RichTextJson, key: number): ReactNode {
  let out: ReactNode = node.text ?? "";
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "strike") out = <s>{out}</s>;
    else if (mark.type === "underline") out = <u>{out}</u>;
    else if (mark.type === "code") out = <code>{out}</code>;
    else if (mark.type === "link") {
      const href = safeLinkHref(mark.attrs?.href);
      if (href)
        out = (
          <a href={href} rel="noopener noreferrer nofollow">
            {out}
          </a>
        );
    }
  }
  return <span key={key}>{out}</span>;
}

/** `headingLevel`: the HTML level of the field's first-level headings, one below the field's own. */
function render(node: RichTextJson, key: number, headingLevel: number): ReactNode {
  const children = (node.content ?? []).map((child, i) => render(child, i, headingLevel));
  switch (node.type) {
    case "text":
      return withMarks(node, key);
    case "paragraph":
      return <p key={key}>{children}</p>;
    case "heading": {
      // Any JSON a client wrote can be here: a level that is not 1–6 would make an invalid tag.
      const raw = node.attrs?.level;
      const level = typeof raw === "number" && Number.isInteger(raw) && raw >= 1 ? raw : 1;
      const Heading = `h${Math.min(6, headingLevel + level - 1)}` as "h6";
      return <Heading key={key}>{children}</Heading>;
    }
    case "bulletList":
      return <ul key={key}>{children}</ul>;
    case "orderedList":
      return (
        <ol key={key} start={typeof node.attrs?.start === "number" ? node.attrs.start : undefined}>
          {children}
        </ol>
      );
    case "listItem":
      return <li key={key}>{children}</li>;
    case "blockquote":
      return <blockquote key={key}>{children}</blockquote>;
    case "codeBlock":
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case "horizontalRule":
      return <hr key={key} />;
    case "hardBreak":
      return <br key={key} />;
    default:
      return <span key={key}>{children}</span>;
  }
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
