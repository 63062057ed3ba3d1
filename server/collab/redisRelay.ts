import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Listening, RedisLink } from "../redis/link";
import { REDIS_PREFIX } from "../redis/prefix";
import {
  createInProcessDocumentRelay,
  type DocumentRelay,
  type RelayedFrame,
  type RelayListener,
} from "./relay";

const channelOf = (docName: string): string => `${REDIS_PREFIX}doc:${docName}`;

const KIND = { update: 0, awareness: 1 } as const;

/**
 * A frame as it crosses Redis, binary: the publishing instance's id, the kind, for an update its
 * author and the client ids it bound, then the y-websocket frame itself.
 */
export function encodeRelayed(instanceId: string, frame: RelayedFrame): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instanceId);
  encoding.writeVarUint(encoder, KIND[frame.kind]);
  if (frame.kind === "update") {
    encoding.writeVarString(encoder, frame.author?.userId ?? "");
    const clients = frame.author?.clients ?? [];
    encoding.writeVarUint(encoder, clients.length);
    for (const client of clients) encoding.writeVarUint(encoder, client);
  }
  encoding.writeVarUint8Array(encoder, frame.frame);
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** The publishing instance's id and the frame, marked remote; throws on bytes that do not decode. */
export function decodeRelayed(message: Uint8Array): { instanceId: string; frame: RelayedFrame } {
  const decoder = decoding.createDecoder(message);
  const instanceId = decoding.readVarString(decoder);
  const kind = decoding.readVarUint(decoder) === KIND.update ? "update" : "awareness";
  let author: RelayedFrame["author"];
  if (kind === "update") {
    const userId = decoding.readVarString(decoder);
    const clients: number[] = [];
    for (let n = decoding.readVarUint(decoder); n > 0; n--) clients.push(decoding.readVarUint(decoder));
    author = { userId, clients };
  }
  const frame = decoding.readVarUint8Array(decoder);
  return { instanceId, frame: { kind, frame, origin: null, author, remote: true } };
}

/**
 * The document relay for several instances. Frames go to this instance's subscribers at once, as
 * in one process, and to the document's Redis channel for the others; an instance listens on a
 * document's channel only while it has the document loaded, and skips what it published itself.
 * Updates are published after their group commit, so whatever crosses Redis is already stored.
 */
export function createRedisDocumentRelay(link: RedisLink): DocumentRelay {
  const local = createInProcessDocumentRelay();
  const listening = new Map<string, { listeners: Set<RelayListener>; listening: Listening }>();

  link.onReconnect(() => {
    for (const { listeners } of listening.values()) for (const listener of listeners) listener.missed?.();
  });

  return {
    publish(docName, frame) {
      local.publish(docName, frame);
      link.publish(channelOf(docName), encodeRelayed(link.instanceId, frame));
    },
    subscribe(docName, listener) {
      const subscription = local.subscribe(docName, listener);
      let entry = listening.get(docName);
      if (!entry) {
        const listeners = new Set<RelayListener>();
        entry = {
          listeners,
          listening: link.listen(channelOf(docName), (message) => {
            let decoded: ReturnType<typeof decodeRelayed>;
            try {
              decoded = decodeRelayed(message);
            } catch (error) {
              link.failed("decode_document_frame", error);
              return;
            }
            if (decoded.instanceId === link.instanceId) return;
            for (const each of [...listeners]) each.deliver(decoded.frame);
          }),
        };
        listening.set(docName, entry);
      }
      const current = entry;
      current.listeners.add(listener);
      return {
        ready: current.listening.ready,
        unsubscribe() {
          subscription.unsubscribe();
          current.listeners.delete(listener);
          if (current.listeners.size > 0 || listening.get(docName) !== current) return;
          listening.delete(docName);
          current.listening.stop();
        },
      };
    },
  };
}
