import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { type AuthorKey, plainPieces, tint, UNKNOWN_COLOR, useAuthorship } from "./authorship";

/** A passage coloured by who wrote it, with the author named for assistive technology too. */
export function Authored({ author, children }: { author: AuthorKey | null; children: ReactNode }) {
  const { t } = useTranslation("plan");
  const label = author?.label ?? t("reading.authorship.unknown");
  const color = author?.color ?? UNKNOWN_COLOR;
  return (
    <span
      className="authored"
      style={{ "--author-color": color, "--author-tint": tint(color) } as CSSProperties}
      title={label}
      aria-description={t("reading.authorship.writtenBy", { author: label })}
    >
      {children}
    </span>
  );
}

/**
 * A plain field's text (a commitment's title, its lead agency, a milestone…), trimmed, and cut
 * into its authors' passages while the reader asks who wrote what.
 */
export function AuthoredPlainText({ text }: { text: Y.Text | null }) {
  const authors = useAuthorship();
  if (!text) return null;
  if (!authors) return <>{text.toString().trim()}</>;
  return (
    <>
      {plainPieces(text).map((piece, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional, recomputed on every change
        <Authored key={i} author={authors.get(piece.clientId) ?? null}>
          {piece.text}
        </Authored>
      ))}
    </>
  );
}
