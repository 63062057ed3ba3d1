import { SECTOR_COLORS } from "@shared/collab";
import type { PlanAuthor } from "@shared/record";
import { SECTORS } from "@shared/roles";
import { createContext, useContext } from "react";
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

const SECTOR_ORDER: readonly string[] = [...SECTORS, "unknown", "null"];

/** Used while no one else's colour applies: text from before authors were recorded. */
const UNKNOWN_COLOR = "#6b7380";
/** Member colours: distinct hues, each dark enough to read as an underline on white. */
const MEMBER_COLORS = [
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

/** Each client id's legend entry while colours are shown; null when they are not. */
export const AuthorshipContext = createContext<ReadonlyMap<number, AuthorKey> | null>(null);

export const useAuthorship = (): ReadonlyMap<number, AuthorKey> | null => useContext(AuthorshipContext);
