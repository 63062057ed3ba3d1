import type { WorkspaceEvent } from "@shared/events";
import type { Context } from "hono";
import { type SSEStreamingApi, streamSSE } from "hono/streaming";
import type { Lease } from "../auth/liveSessions";
import type { Metrics } from "../ops/metrics";
import type { Store } from "../store";
import type { EventRelay } from "./relay";

export interface EventStreamOptions {
  /** How often an idle stream sends a comment, so proxies keep it open and dead clients are noticed. */
  heartbeatMs: number;
  /** Live events waiting for a slow client before its stream is closed; it resumes from the log. */
  maxQueued?: number;
  /** Log rows read per query while catching up. */
  pageSize?: number;
}

interface StreamTarget {
  workspaceId: string;
  userId: string;
  /** Send events with ids above this one. */
  afterId: number;
  /** The session's hold on the stream: released when it ends, and ending it when the session ends. */
  lease: Lease;
}

/**
 * Streams a workspace's events to one member as Server-Sent Events: first those after `afterId`
 * from the log, then live ones from the relay — each once, in id order. It subscribes before
 * reading the log (and waits until the relay is ready), so an event committed in between is not
 * lost (duplicates are skipped by id).
 * The stream ends when the client leaves, the relay closes, the session it was opened with ends,
 * or the member is removed (the removal event itself is still delivered to them).
 */
export function streamWorkspaceEvents(
  c: Context,
  deps: { store: Store; relay: EventRelay; metrics: Pick<Metrics, "eventStreams"> },
  target: StreamTarget,
  options: EventStreamOptions,
): Response {
  const { workspaceId, userId } = target;
  const maxQueued = options.maxQueued ?? 1000;
  const pageSize = options.pageSize ?? 500;
  c.header("X-Accel-Buffering", "no");

  return streamSSE(c, async (stream) => {
    const queue: WorkspaceEvent[] = [];
    let ended = false;
    let wake: (() => void) | null = null;
    const signal = () => {
      const resume = wake;
      wake = null;
      resume?.();
    };
    const end = () => {
      ended = true;
      signal();
    };
    const unsubscribe = deps.relay.subscribe(workspaceId, {
      event(event) {
        queue.push(event);
        if (queue.length > maxQueued) end();
        signal();
      },
      closed: end,
    });
    stream.onAbort(end);
    target.lease.signal.addEventListener("abort", end);
    if (target.lease.signal.aborted) end();
    deps.metrics.eventStreams.inc();

    /** Resolves true when woken by an event or the end, false after `ms` of quiet. */
    const idle = (ms: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve(false);
        }, ms);
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });

    let lastId = target.afterId;
    /** Sends one event; false when the stream must end because the member was removed. */
    const send = async (event: WorkspaceEvent): Promise<boolean> => {
      const stillMember = (await deps.store.memberships.get(workspaceId, userId)) !== null;
      const ownRemoval = event.type === "member.removed" && event.payload.userId === userId;
      if (!stillMember && !ownRemoval) return false;
      await writeEvent(stream, event);
      lastId = event.id;
      return stillMember;
    };

    try {
      await stream.write(": connected\n\n");
      // The log is read once the relay delivers what is committed from now on: nothing falls between.
      await deps.relay.ready(workspaceId);
      for (let page = await deps.store.events.after(workspaceId, lastId, pageSize); ; ) {
        for (const event of page) if (ended || !(await send(event))) return;
        if (page.length < pageSize) break;
        page = await deps.store.events.after(workspaceId, lastId, pageSize);
      }
      while (!ended) {
        const event = queue.shift();
        if (event) {
          if (event.id > lastId && !(await send(event))) return;
          continue;
        }
        if (await idle(options.heartbeatMs)) continue;
        if ((await deps.store.memberships.get(workspaceId, userId)) === null) return;
        await stream.write(": heartbeat\n\n");
      }
    } finally {
      unsubscribe();
      target.lease.release();
      deps.metrics.eventStreams.dec();
    }
  });
}

const writeEvent = (stream: SSEStreamingApi, event: WorkspaceEvent): Promise<void> =>
  stream.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify(event) });
