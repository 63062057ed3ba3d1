import type { EventPayloads, EventType, WorkspaceEvent } from "@shared/events";
import type { Store } from "../store";
import type { NewEvent } from "../store/events";
import type { EventRelay } from "./relay";

/** Records an event of the running transaction; it is appended to the log when `work` resolves. */
export type Emit = <K extends EventType>(
  workspaceId: string,
  actorId: string | null,
  type: K,
  payload: EventPayloads[K],
) => void;

/**
 * Runs `work` in one transaction (handing it the store bound to it) with an `emit` whose events
 * are appended in that same transaction, so a change and its events land together or not at all.
 * Events reach live streams only after the commit: a subscriber never sees an event whose change
 * was rolled back.
 */
export async function commitWithEvents<T>(
  deps: { store: Store; relay: EventRelay },
  work: (tx: Store, emit: Emit, now: number) => Promise<T>,
): Promise<T> {
  const now = Date.now();
  const { result, appended } = await deps.store.transaction(async (tx) => {
    const emitted: NewEvent[] = [];
    const result = await work(
      tx,
      (workspaceId, actorId, type, payload) => {
        emitted.push({ workspaceId, actorId, type, payload, createdAt: now });
      },
      now,
    );
    const appended: WorkspaceEvent[] = [];
    for (const event of emitted) appended.push(await tx.events.append(event));
    return { result, appended };
  });
  for (const event of appended) deps.relay.publish(event);
  return result;
}
