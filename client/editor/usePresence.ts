import { type AwarenessUser, SECTOR_COLORS } from "@shared/collab";
import { SECTORS, type Sector } from "@shared/roles";
import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { isHexColor } from "./colors";

/** One person on the page (several tabs of one person count once). */
export interface Presence {
  user: AwarenessUser;
  self: boolean;
  /** Where they are: "vision", "cocreationSummary", a commitment id, or null. */
  location: string | null;
}

/** The awareness field where each client says which part of the plan it is in. */
export const LOCATION_FIELD = "location";

const isSector = (value: unknown): value is Sector => (SECTORS as readonly unknown[]).includes(value);

// Awareness states come from other clients: read them defensively.
function readUser(state: Record<string, unknown>): AwarenessUser | null {
  const user = state.user;
  if (typeof user !== "object" || user === null) return null;
  const { id, name, sector, color } = user as Record<string, unknown>;
  if (typeof id !== "string" || typeof name !== "string" || !isSector(sector)) return null;
  return { id, name, sector, color: isHexColor(color) ? color : SECTOR_COLORS[sector] };
}

function collect(awareness: Awareness): Presence[] {
  const byUser = new Map<string, Presence>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = readUser(state);
    if (!user) continue;
    const self = clientId === awareness.clientID;
    const location = typeof state[LOCATION_FIELD] === "string" ? (state[LOCATION_FIELD] as string) : null;
    const known = byUser.get(user.id);
    if (!known || self || (location && !known.location))
      byUser.set(user.id, { user, self: self || !!known?.self, location });
  }
  return [...byUser.values()].sort(
    (a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name),
  );
}

/** Who is in the document now, yourself first, from the provider's awareness. */
export function usePresence(awareness: Awareness): Presence[] {
  const [people, setPeople] = useState(() => collect(awareness));
  useEffect(() => {
    // Cursor moves also fire "change": keep the old array when nobody came, left or moved on.
    const refresh = () => {
      const next = collect(awareness);
      setPeople((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
    };
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [awareness]);
  return people;
}
