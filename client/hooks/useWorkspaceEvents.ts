import { EVENT_TYPES, type WorkspaceEvent } from "@shared/events";
import { useEffect, useRef, useState } from "react";

/** Where the live stream stands: shown to the user so they know whether what they see is current. */
export type StreamStatus = "connecting" | "online" | "reconnecting" | "offline";

export interface WorkspaceEventHandlers {
  /** Called for every event, in order. */
  onEvent(event: WorkspaceEvent): void;
  /** Called when events may have been missed (a fresh stream after a hard failure): refetch everything. */
  onResync(): void;
}

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Follows `GET /api/workspaces/:id/events` (Server-Sent Events). The browser's EventSource
 * reconnects by itself after network errors and resumes with `Last-Event-ID`, so nothing is
 * missed; only when it gives up (an HTTP error) do we open a new stream, with back-off, and ask
 * the caller to resync because the new stream starts without the last id.
 */
export function useWorkspaceEvents(workspaceId: string, handlers: WorkspaceEventHandlers): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let lostHistory = false;

    const deliver = (message: MessageEvent<string>) => {
      try {
        handlersRef.current.onEvent(JSON.parse(message.data) as WorkspaceEvent);
      } catch {
        // A malformed message is skipped; the next resync brings the lists back in line.
      }
    };

    const connect = () => {
      retryTimer = undefined;
      source = new EventSource(`/api/workspaces/${encodeURIComponent(workspaceId)}/events`);
      for (const type of EVENT_TYPES) source.addEventListener(type, deliver);
      source.onopen = () => {
        failures = 0;
        setStatus("online");
        if (lostHistory) handlersRef.current.onResync();
        lostHistory = false;
      };
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) {
          setStatus("reconnecting");
          return;
        }
        setStatus("offline");
        lostHistory = true;
        const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** failures++);
        retryTimer = setTimeout(connect, delay);
      };
    };

    // Back online after a hard failure: try at once instead of waiting out the back-off.
    const retryNow = () => {
      if (retryTimer === undefined) {
        setStatus(source?.readyState === EventSource.OPEN ? "online" : "reconnecting");
        return;
      }
      clearTimeout(retryTimer);
      connect();
    };
    // A stream over a dead link can look open for a long while: the browser's word wins, so the
    // header never says "Live" while the editor below says "Offline".
    const wentOffline = () => setStatus("offline");

    setStatus(navigator.onLine ? "connecting" : "offline");
    connect();
    window.addEventListener("online", retryNow);
    window.addEventListener("offline", wentOffline);
    return () => {
      window.removeEventListener("online", retryNow);
      window.removeEventListener("offline", wentOffline);
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [workspaceId]);

  return status;
}
