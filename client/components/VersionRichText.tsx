import { safeLinkHref } from "@shared/freeze";
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

function render(node: RichTextJson, key: number): ReactNode {
  const children = (node.content ?? []).map(render);
  switch (node.type) {
    case "text":
      return withMarks(node, key);
    case "paragraph":
      return <p key={key}>{children}</p>;
    case "heading":
      return <h5 key={key}>{children}</h5>;
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

/** A frozen rich-text field (ProseMirror JSON) as read-only HTML; `empty` when it has no text. */
export function VersionRichText({ value, empty }: { value: RichTextJson; empty: string }) {
  if (!value.content || value.content.length === 0) return <p className="hint">{empty}</p>;
  return <div className="rich-text-view">{value.content.map(render)}</div>;
}
