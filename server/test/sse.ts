import type { ApiError } from "@shared/api";
import type { WorkspaceEvent } from "@shared/events";
import type { TestClient } from "./factories";

/** One message of an event stream as it came over the wire. */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  /** Comment lines (`: heartbeat`), without the colon. */
  comments: string[];
}

export interface EventStream {
  status: number;
  headers: Headers;
  /** The JSON error of a refused stream. */
  error: ApiError["error"] | undefined;
  /** The next message with an event, parsed; comments in between are skipped. */
  nextEvent(): Promise<WorkspaceEvent>;
  /** The next message of any kind, or null when the server ended the stream. */
  nextMessage(): Promise<SseMessage | null>;
  /** Reads until the server ends the stream and returns the events that came before the end. */
  readToEnd(): Promise<WorkspaceEvent[]>;
  close(): void;
}

function parseMessage(block: string): SseMessage {
  const message: SseMessage = { comments: [] };
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) {
      message.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id" || field === "event") message[field] = value;
    if (field === "data") message.data = message.data === undefined ? value : `${message.data}\n${value}`;
  }
  return message;
}

/**
 * Opens GET /api/workspaces/:id/events as `client` with fetch and reads the raw stream, the way
 * an EventSource would but with every byte visible to the test.
 */
export async function openEventStream(
  client: TestClient,
  workspaceId: string,
  options: { lastEventId?: string; after?: string } = {},
): Promise<EventStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { Accept: "text/event-stream" };
  if (client.cookie) headers.Cookie = `cocrea_session=${client.cookie}`;
  if (options.lastEventId !== undefined) headers["Last-Event-ID"] = options.lastEventId;
  const query = options.after === undefined ? "" : `?after=${encodeURIComponent(options.after)}`;
  const response = await fetch(`${client.srv.url}/api/workspaces/${workspaceId}/events${query}`, {
    headers,
    signal: controller.signal,
  });
  const error = response.ok ? undefined : ((await response.json()) as ApiError).error;
  const reader = response.ok ? response.body?.getReader() : undefined;
  const decoder = new TextDecoder();
  let buffer = "";

  const nextMessage = async (): Promise<SseMessage | null> => {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return parseMessage(block);
      }
      const chunk = await reader?.read().catch(() => ({ done: true, value: undefined }));
      if (!chunk || chunk.done) return null;
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };

  const nextEvent = async (): Promise<WorkspaceEvent> => {
    for (;;) {
      const message = await nextMessage();
      if (message === null) throw new Error("the event stream ended");
      if (message.data !== undefined) return toEvent(message);
    }
  };

  return {
    status: response.status,
    headers: response.headers,
    error,
    nextMessage,
    nextEvent,
    async readToEnd() {
      const events: WorkspaceEvent[] = [];
      for (let message = await nextMessage(); message !== null; message = await nextMessage()) {
        if (message.data !== undefined) events.push(toEvent(message));
      }
      return events;
    },
    close: () => controller.abort(),
  };
}

/** Parses a message's data and checks that its `id:` and `event:` lines agree with it. */
function toEvent(message: SseMessage): WorkspaceEvent {
  const event = JSON.parse(message.data ?? "") as WorkspaceEvent;
  if (message.id !== String(event.id) || message.event !== event.type) {
    throw new Error(
      `SSE fields disagree with data: id ${message.id}, event ${message.event}, data ${message.data}`,
    );
  }
  return event;
}
