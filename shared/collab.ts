import type { Sector } from "./roles";

/**
 * The collaboration endpoint speaks the plain y-websocket protocol at `/collab/<docName>`:
 * `new WebsocketProvider("wss://host/collab", docName, ydoc)` appends `/<docName>` itself.
 */
export const COLLAB_PATH = "/collab";

/** y-websocket message types: the first varuint of every frame. */
export const MESSAGE_TYPE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** What a document name refers to. Meeting documents arrive with the meetings feature. */
export type DocRef = { kind: "plan"; workspaceId: string } | { kind: "meeting"; meetingId: string };

// Record ids are short URL-safe strings (server/store/ids.ts); anything else names no document.
const DOC_NAME = /^(plan|meeting):([A-Za-z0-9_-]{1,64})$/;

/** Parses `plan:<workspaceId>` or `meeting:<meetingId>`; null for any other name. */
export function parseDocName(name: string): DocRef | null {
  const match = DOC_NAME.exec(name);
  if (!match) return null;
  const [, kind, id = ""] = match;
  return kind === "plan" ? { kind: "plan", workspaceId: id } : { kind: "meeting", meetingId: id };
}

/** The document name of a meeting's notes and brainstorm cards. */
export const meetingDocName = (meetingId: string): string => `meeting:${meetingId}`;

/**
 * The `user` field of every awareness state (presence list, named carets). The server overwrites it
 * with the authenticated member on every awareness message, so no client can appear as another.
 */
export interface AwarenessUser {
  id: string;
  name: string;
  sector: Sector;
  color: string;
}

/** Caret and presence colour per sector, each dark enough for white text (≥ 4.5:1). */
export const SECTOR_COLORS: Record<Sector, string> = {
  government: "#1d4ed8",
  civil_society: "#047857",
  academia: "#7e22ce",
  private_sector: "#b45309",
  citizen: "#be123c",
};
