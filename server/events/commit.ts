import type { EventPayloads, EventType, WorkspaceEvent } from "@shared/events";
import type { Store } from "../store";
import type { EventRelay } from "./relay";

/** Appends an event to the log inside the running transaction. */
export type Emit = <K extends EventType>(
  workspaceId: string,
  actorId: string | null,
  type: K,
  payload: EventPayloads[K],
) => void;

/**
 * Runs `work` in one transaction with an `emit` that appends events in that same transaction, so
 * a change and its event land together or not at all. Events reach live streams only after the
 * commit: a subscriber never sees an event whose change was rolled back.
 */
export function commitWithEvents<T>(
  deps: { store: Store; relay: EventRelay },
  work: (emit: Emit, now: number) => T,
): T {
  const appended: WorkspaceEvent[] = [];
  const now = Date.now();
  const result = deps.store.transaction(() =>
    work((workspaceId, actorId, type, payload) => {
      appended.push(deps.store.events.append({ workspaceId, actorId, type, payload, createdAt: now }));
    }, now),
  );
  for (const event of appended) deps.relay.publish(event);
  return result;
}
