import { SECTOR_COLORS } from "@shared/collab";
import type { PlanAuthor } from "@shared/record";
import { SECTORS } from "@shared/roles";
import { createContext, useCallback, useContext, useState } from "react";
import * as Y from "yjs";

/** How the reading view colours text: not at all, by the author's sector, or by each member. */
export type AuthorshipMode = "off" | "sector" | "member";

/** One entry of the legend, and the colour its passages get. */
export interface AuthorKey {
  key: string;
  label: string;
  color: string;
}

/** A run of a text's characters written with one client id, as offsets in the text. */
export interface AuthorRun {
  from: number;
  to: number;
  clientId: number;
}

/**
 * The runs of `text` by the client id that wrote them, read off its items (Yjs stamps each with
 * its client id). Offsets count string characters only, as the reading view's runs do.
 */
export function authorRuns(text: Y.XmlText | Y.Text): AuthorRun[] {
  const runs: AuthorRun[] = [];
  let offset = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const to = offset + item.length;
    const last = runs.at(-1);
    if (last && last.clientId === item.id.client && last.to === offset) last.to = to;
    else runs.push({ from: offset, to, clientId: item.id.client });
    offset = to;
  }
  return runs;
}

/** A piece of a plain field's text and the client id that wrote it. */
export interface AuthoredPiece {
  text: string;
  clientId: number;
}

/**
 * A plain (one-line) field's text as the reading view shows it, trimmed, cut into its authors'
 * runs. Joined, the pieces are exactly `text.toString().trim()`.
 */
export function plainPieces(text: Y.Text): AuthoredPiece[] {
  const whole = text.toString();
  const start = whole.length - whole.trimStart().length;
  const end = whole.trimEnd().length;
  return authorRuns(text).flatMap((run) => {
    const from = Math.max(run.from, start);
    const to = Math.min(run.to, end);
    return from < to ? [{ text: whole.slice(from, to), clientId: run.clientId }] : [];
  });
}

const SECTOR_ORDER: readonly string[] = [...SECTORS, "unknown", "null"];

/** Used while no one else's colour applies: text from before authors were recorded. */
export const UNKNOWN_COLOR = "#6b7380";
/** Member colours: distinct hues, each dark enough to read as an underline on white. */
export const MEMBER_COLORS = [
  "#1d4ed8",
  "#047857",
  "#7e22ce",
  "#b45309",
  "#be123c",
  "#0e7490",
  "#4d7c0f",
  "#a21caf",
];

/** The legend and each client id's entry in it, for `mode`; labels come from `label`. */
export function authorKeys(
  authors: readonly PlanAuthor[],
  mode: Exclude<AuthorshipMode, "off">,
  label: { sector(sector: PlanAuthor["sector"]): string; formerMember: string },
): { legend: AuthorKey[]; byClient: Map<number, AuthorKey> } {
  const legend = new Map<string, AuthorKey>();
  const byClient = new Map<number, AuthorKey>();
  for (const author of authors) {
    const key =
      mode === "sector" ? (author.sector ?? "unknown") : `${author.name ?? ""}\u0000${author.sector}`;
    let entry = legend.get(key);
    if (!entry) {
      entry =
        mode === "sector"
          ? {
              key,
              label: label.sector(author.sector),
              color: author.sector ? SECTOR_COLORS[author.sector] : UNKNOWN_COLOR,
            }
          : {
              key,
              label: `${author.name ?? label.formerMember} · ${label.sector(author.sector)}`,
              color: MEMBER_COLORS[legend.size % MEMBER_COLORS.length] ?? UNKNOWN_COLOR,
            };
      legend.set(key, entry);
    }
    byClient.set(author.clientId, entry);
  }
  // In the order sectors are listed everywhere else; members by name.
  const rank = (entry: AuthorKey) => SECTOR_ORDER.indexOf(entry.key.split("\u0000").at(-1) ?? "");
  const ordered = [...legend.values()].sort((a, b) =>
    mode === "sector" ? rank(a) - rank(b) : a.label.localeCompare(b.label),
  );
  return { legend: ordered, byClient };
}

/**
 * The legend with an entry for text the record names no writer for (written before authors were
 * recorded, shown grey), when any of the document's `clientIds` is not in it.
 */
export function withUnknown<T extends { legend: AuthorKey[]; byClient: Map<number, AuthorKey> }>(
  keys: T,
  clientIds: Iterable<number>,
  label: string,
): T {
  const unknown = [...clientIds].some((client) => !keys.byClient.has(client));
  if (!unknown || keys.legend.some((entry) => entry.key === "unknown")) return keys;
  return { ...keys, legend: [...keys.legend, { key: "unknown", label, color: UNKNOWN_COLOR }] };
}

/**
 * How much of an author's colour tints the background of their passages. authorship.test.ts
 * checks that text stays WCAG AA on every tint and that each underline stands out from it.
 */
export const TINT_SHARE = 0.14;

/** `color` mixed into `background` at `share` (both "#rrggbb"), as CSS color-mix would. */
export function tint(color: string, share = TINT_SHARE, background = "#ffffff"): string {
  const channel = (hex: string, at: number) => Number.parseInt(hex.slice(at, at + 2), 16);
  const mixed = [1, 3, 5].map((at) =>
    Math.round(channel(color, at) * share + channel(background, at) * (1 - share))
      .toString(16)
      .padStart(2, "0"),
  );
  return `#${mixed.join("")}`;
}

/** The inline style of a passage written by someone with `color` (an underline and a tint). */
export const authorStyle = (color: string): string =>
  `--author-color: ${color}; --author-tint: ${tint(color)}`;

/** Each client id's legend entry while colours are shown; null when they are not. */
export const AuthorshipContext = createContext<ReadonlyMap<number, AuthorKey> | null>(null);

export const useAuthorship = (): ReadonlyMap<number, AuthorKey> | null => useContext(AuthorshipContext);

const modeKey = (userId: string) => `cocrea:authorship:${userId}`;

/**
 * Whether, and how, the plan shows who wrote what: off until a person asks, then remembered per
 * person on this browser (as the Read/Edit choice), in the reading view and in Edit alike.
 */
export function useAuthorshipMode(userId: string): [AuthorshipMode, (mode: AuthorshipMode) => void] {
  const [mode, setMode] = useState<AuthorshipMode>(() => {
    const stored = localStorage.getItem(modeKey(userId));
    return stored === "sector" || stored === "member" ? stored : "off";
  });
  const choose = useCallback(
    (next: AuthorshipMode) => {
      localStorage.setItem(modeKey(userId), next);
      setMode(next);
    },
    [userId],
  );
  return [mode, choose];
}

/** What the editors need to colour passages: each client id's entry and the words that name it. */
export interface EditorAuthorship {
  byClient: ReadonlyMap<number, AuthorKey>;
  /** The entry of text whose writer the record does not know. */
  unknown: AuthorKey;
  /** "Written by …", for assistive technology. */
  writtenBy(label: string): string;
}

/**
 * The authorship colours the editors of one document draw, set by the plan page's control. A
 * store rather than React context: ProseMirror plugins live outside React's render.
 */
export class AuthorshipStore {
  value: EditorAuthorship | null = null;
  private readonly listeners = new Set<() => void>();

  set(value: EditorAuthorship | null): void {
    if (value === this.value) return;
    this.value = value;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const stores = new WeakMap<Y.Doc, AuthorshipStore>();

/** The one authorship store of `doc`'s editors. */
export function authorshipStoreFor(doc: Y.Doc): AuthorshipStore {
  let store = stores.get(doc);
  if (!store) {
    store = new AuthorshipStore();
    stores.set(doc, store);
  }
  return store;
}
