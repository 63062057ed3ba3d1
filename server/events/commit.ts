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
  const { value, events } = await deps.store.transaction((tx) => runWithEvents(tx, work, now));
  for (const event of events) deps.relay.publish(event);
  return value;
}

/** Runs `work` inside `tx` and appends the events it emitted there; publishing them is the caller's, after the commit. */
export async function runWithEvents<T>(
  tx: Store,
  work: (tx: Store, emit: Emit, now: number) => Promise<T>,
  now: number,
): Promise<{ value: T; events: WorkspaceEvent[] }> {
  const emitted: NewEvent[] = [];
  const value = await work(
    tx,
    (workspaceId, actorId, type, payload) => {
      emitted.push({ workspaceId, actorId, type, payload, createdAt: now });
    },
    now,
  );
  const events: WorkspaceEvent[] = [];
  for (const event of emitted) events.push(await tx.events.append(event));
  return { value, events };
}
