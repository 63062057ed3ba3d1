/** A frame to fan out to a document's sockets: a committed update or an awareness change. */
export interface RelayedFrame {
  kind: "update" | "awareness";
  /** The whole y-websocket frame, encoded once for every recipient. */
  frame: Uint8Array;
  /** The connection it came from, which does not get it back; null when the server made it. */
  origin: string | null;
  /** An update's author and the client ids it bound first, so other instances keep the same bindings. */
  author?: { userId: string; clients: readonly number[] };
  /**
   * Published by another instance: already stored there, so the receiving document applies it to
   * its copy (which then relays it to its own sockets) instead of sending the frame on as is.
   */
  remote?: boolean;
}

/** One document's subscription to its relayed frames. */
export interface RelaySubscription {
  /** Resolves once frames that other instances publish from then on will be delivered. */
  ready: Promise<void>;
  unsubscribe(): void;
}

export interface RelayListener {
  deliver(frame: RelayedFrame): void;
  /**
   * Frames from other instances may have been lost (the link to them was down): the document
   * catches up from storage. Never called by the in-process relay.
   */
  missed?(): void;
}

/**
 * Fans document frames out to every subscriber of the document, in the order published. In one
 * process this is a map of listeners. With several server instances a Redis relay implements the
 * same interface (redisRelay.ts): it also publishes to a channel per document and delivers what
 * other instances published, marked `remote`, for the receiving document to apply.
 */
export interface DocumentRelay {
  publish(docName: string, frame: RelayedFrame): void;
  subscribe(docName: string, listener: RelayListener): RelaySubscription;
}

/** The relay for a single server process. */
export function createInProcessDocumentRelay(): DocumentRelay {
  const byDocument = new Map<string, Set<RelayListener>>();
  return {
    publish(docName, frame) {
      for (const listener of byDocument.get(docName) ?? []) listener.deliver(frame);
    },
    subscribe(docName, listener) {
      let subscribers = byDocument.get(docName);
      if (!subscribers) {
        subscribers = new Set();
        byDocument.set(docName, subscribers);
      }
      subscribers.add(listener);
      return {
        ready: Promise.resolve(),
        unsubscribe() {
          subscribers.delete(listener);
          if (subscribers.size === 0 && byDocument.get(docName) === subscribers) byDocument.delete(docName);
        },
      };
    },
  };
}
