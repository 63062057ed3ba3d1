import { safeLinkHref } from "@shared/freeze";
import type { ReactNode } from "react";

/**
 * The HTML of Tiptap's StarterKit nodes and marks, for showing rich text without an editor: frozen
 * versions (from ProseMirror JSON) and the live reading view (from the Yjs document) both use it.
 */

/** Wraps `children` in the element of one mark (bold, italic, a link…); unknown marks add nothing. */
export function markElement(type: string, attrs: Record<string, unknown> | undefined, children: ReactNode) {
  switch (type) {
    case "bold":
      return <strong>{children}</strong>;
    case "italic":
      return <em>{children}</em>;
    case "strike":
      return <s>{children}</s>;
    case "underline":
      return <u>{children}</u>;
    case "code":
      return <code>{children}</code>;
    case "link": {
      const href = safeLinkHref(attrs?.href);
      return href ? (
        <a href={href} rel="noopener noreferrer nofollow">
          {children}
        </a>
      ) : (
        children
      );
    }
    default:
      return children;
  }
}

/**
 * The element of one block node. `headingLevel`: the HTML level of the field's first-level
 * headings, one below the field's own.
 */
export function blockElement(
  type: string,
  attrs: Record<string, unknown> | undefined,
  key: number,
  children: ReactNode,
  headingLevel: number,
): ReactNode {
  switch (type) {
    case "paragraph":
      return <p key={key}>{children}</p>;
    case "heading": {
      // Any JSON a client wrote can be here: a level that is not 1–6 would make an invalid tag.
      const raw = attrs?.level;
      const level = typeof raw === "number" && Number.isInteger(raw) && raw >= 1 ? raw : 1;
      const Heading = `h${Math.min(6, headingLevel + level - 1)}` as "h6";
      return <Heading key={key}>{children}</Heading>;
    }
    case "bulletList":
      return <ul key={key}>{children}</ul>;
    case "orderedList": {
      const start = Number(attrs?.start);
      return (
        <ol key={key} start={Number.isInteger(start) && start !== 1 ? start : undefined}>
          {children}
        </ol>
      );
    }
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
