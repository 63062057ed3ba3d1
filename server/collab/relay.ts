/** A frame to fan out to a document's sockets: a committed update or an awareness change. */
export interface RelayedFrame {
  kind: "update" | "awareness";
  /** The whole y-websocket frame, encoded once for every recipient. */
  frame: Uint8Array;
  /** The connection it came from, which does not get it back; null when the server made it. */
  origin: string | null;
}

/**
 * Fans document frames out to every subscriber of the document, in the order published. In one
 * process this is a map of listeners. With several server instances a Redis pub/sub relay
 * implements the same interface: it publishes to a channel per document and delivers what other
 * instances published, whose updates the receiving document then applies before sending them on.
 */
export interface DocumentRelay {
  publish(docName: string, frame: RelayedFrame): void;
  /** Returns a function that unsubscribes. */
  subscribe(docName: string, deliver: (frame: RelayedFrame) => void): () => void;
}

/** The relay for a single server process. */
export function createInProcessDocumentRelay(): DocumentRelay {
  const byDocument = new Map<string, Set<(frame: RelayedFrame) => void>>();
  return {
    publish(docName, frame) {
      for (const deliver of byDocument.get(docName) ?? []) deliver(frame);
    },
    subscribe(docName, deliver) {
      let subscribers = byDocument.get(docName);
      if (!subscribers) {
        subscribers = new Set();
        byDocument.set(docName, subscribers);
      }
      subscribers.add(deliver);
      return () => {
        subscribers.delete(deliver);
        if (subscribers.size === 0 && byDocument.get(docName) === subscribers) byDocument.delete(docName);
      };
    },
  };
}
