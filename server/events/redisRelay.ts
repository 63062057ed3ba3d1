import type { Log } from "../ops/log";
import type { Listening, RedisLink } from "../redis/link";
import { REDIS_PREFIX } from "../redis/prefix";
import type { EventStore } from "../store/events";
import type { EventRelay, EventSubscriber } from "./relay";

/** Log rows read per query while catching up. */
const PAGE = 500;

const channelOf = (workspaceId: string): string => `${REDIS_PREFIX}events:${workspaceId}`;

/** A workspace some stream or socket of this instance follows. */
interface Watched {
  subscribers: Set<EventSubscriber>;
  listening: Listening;
  /** The id of the last event delivered; every earlier one was delivered or predates the subscription. */
  delivered: number;
  /** Catch-ups run one after another, so events are delivered once each, in id order. */
  chain: Promise<void>;
  /** Subscribed on Redis, and `delivered` read from the log. */
  initialized: Promise<void>;
}

/**
 * The event relay for several instances sharing one database and one Redis. A commit's events are
 * announced on the workspace's channel by id only; each instance that follows the workspace then
 * reads, from the log, every event after the last it delivered. Announcements from two instances
 * can cross on the way (A commits 10, B commits 11, B's announcement arrives first), so delivering
 * what the log holds, not what was announced, is what keeps the order and skips nothing: the log
 * gives ids in commit order within a workspace.
 */
export function createRedisEventRelay(
  link: RedisLink,
  events: Pick<EventStore, "after" | "latestId">,
  log: Log,
): EventRelay {
  const watched = new Map<string, Watched>();

  /** Delivers every committed event after the last delivered one, up to `upTo` at least. */
  const catchUp = (workspaceId: string, entry: Watched, upTo: number): void => {
    entry.chain = entry.chain
      .then(async () => {
        while (entry.delivered < upTo && watched.get(workspaceId) === entry) {
          const page = await events.after(workspaceId, entry.delivered, PAGE);
          for (const event of page) {
            entry.delivered = event.id;
            for (const subscriber of [...entry.subscribers]) subscriber.event(event);
          }
          if (page.length < PAGE) return;
        }
      })
      .catch((error: unknown) => log.error({ err: error, workspaceId }, "events: catching up failed"));
  };

  const watch = (workspaceId: string): Watched => {
    const listening = link.listen(channelOf(workspaceId), (message) => {
      const [instanceId, id] = message.toString().split(" ");
      // Our own commits were delivered when published.
      if (instanceId !== link.instanceId) catchUp(workspaceId, entry, Number(id));
    });
    const initialized = listening.ready
      .catch(() => {
        // Logged and counted by the link; local events still flow, and a reconnect catches up.
      })
      .then(async () => {
        entry.delivered = await events.latestId(workspaceId);
      });
    const entry: Watched = {
      subscribers: new Set(),
      listening,
      delivered: Number.POSITIVE_INFINITY,
      chain: initialized.catch((error: unknown) =>
        log.error({ err: error, workspaceId }, "events: reading the latest event failed"),
      ),
      initialized,
    };
    return entry;
  };

  const stopReconnect = link.onReconnect(() => {
    for (const [workspaceId, entry] of watched) catchUp(workspaceId, entry, Number.POSITIVE_INFINITY);
  });

  return {
    publish(event) {
      link.publish(channelOf(event.workspaceId), `${link.instanceId} ${event.id}`);
      const entry = watched.get(event.workspaceId);
      if (entry) catchUp(event.workspaceId, entry, event.id);
    },
    subscribe(workspaceId, subscriber) {
      let entry = watched.get(workspaceId);
      if (!entry) {
        entry = watch(workspaceId);
        watched.set(workspaceId, entry);
      }
      const current = entry;
      current.subscribers.add(subscriber);
      return () => {
        current.subscribers.delete(subscriber);
        if (current.subscribers.size > 0 || watched.get(workspaceId) !== current) return;
        watched.delete(workspaceId);
        current.listening.stop();
      };
    },
    ready: (workspaceId) => watched.get(workspaceId)?.initialized.catch(() => {}) ?? Promise.resolve(),
    close() {
      stopReconnect();
      const all = [...watched.values()];
      watched.clear();
      for (const entry of all) {
        entry.listening.stop();
        for (const subscriber of entry.subscribers) subscriber.closed();
      }
    },
  };
}
