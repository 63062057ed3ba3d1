import type { WorkspaceEvent } from "@shared/events";

export interface EventSubscriber {
  event(event: WorkspaceEvent): void;
  /** The relay shut down: no more events will come. */
  closed(): void;
}

/**
 * Fans committed events out to live streams. In one process this is a map of listeners; with
 * several server instances a Redis pub/sub relay implements the same interface.
 */
export interface EventRelay {
  /** Delivers a committed event to the workspace's subscribers, in the order published. */
  publish(event: WorkspaceEvent): void;
  /** Returns a function that unsubscribes. */
  subscribe(workspaceId: string, subscriber: EventSubscriber): () => void;
  /**
   * Resolves once every event committed from then on will reach the workspace's subscribers (a
   * relay between instances has to subscribe to Redis first). A stream reads the log after this,
   * so nothing committed in between is missed.
   */
  ready(workspaceId: string): Promise<void>;
  /** Tells every subscriber it is closed and drops them all. */
  close(): void;
}

/** The relay for a single server process. */
export function createInProcessRelay(): EventRelay {
  const byWorkspace = new Map<string, Set<EventSubscriber>>();
  return {
    publish(event) {
      for (const subscriber of byWorkspace.get(event.workspaceId) ?? []) subscriber.event(event);
    },
    subscribe(workspaceId, subscriber) {
      let subscribers = byWorkspace.get(workspaceId);
      if (!subscribers) {
        subscribers = new Set();
        byWorkspace.set(workspaceId, subscribers);
      }
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0 && byWorkspace.get(workspaceId) === subscribers)
          byWorkspace.delete(workspaceId);
      };
    },
    ready: async () => {},
    close() {
      const all = [...byWorkspace.values()].flatMap((set) => [...set]);
      byWorkspace.clear();
      for (const subscriber of all) subscriber.closed();
    },
  };
}
