import { MESSAGE_TYPE } from "@shared/collab";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import * as Y from "yjs";

/** A frame of the y-websocket protocol, as a client may send it. */
export type ClientMessage =
  | { type: "syncStep1"; stateVector: Uint8Array }
  | { type: "syncStep2"; update: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "queryAwareness" };

/** The frame breaks the protocol; the socket that sent it is closed with 4400. */
export class MalformedMessage extends Error {}

const SYNC_TYPES: Record<number, "syncStep1" | "syncStep2" | "update"> = {
  [messageYjsSyncStep1]: "syncStep1",
  [messageYjsSyncStep2]: "syncStep2",
  [messageYjsUpdate]: "update",
};

/**
 * Reads one frame: its type, then exactly one payload. Unknown types (including auth, which only
 * the server sends), truncation and trailing bytes throw MalformedMessage. The payload itself (an
 * update, a state vector, an awareness update) is checked by whoever uses it.
 */
export function parseMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new MalformedMessage("trailing bytes after the message");
    return message;
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage("truncated message");
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_TYPE.sync: {
      const syncType = SYNC_TYPES[decoding.readVarUint(decoder)];
      if (!syncType) throw new MalformedMessage("unknown sync message type");
      const payload = decoding.readVarUint8Array(decoder);
      return syncType === "syncStep1"
        ? { type: syncType, stateVector: payload }
        : { type: syncType, update: payload };
    }
    case MESSAGE_TYPE.awareness:
      return { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_TYPE.queryAwareness:
      return { type: "queryAwareness" };
    default:
      throw new MalformedMessage(`unknown message type ${type}`);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: our state vector, asking the client for what we lack. */
export const syncStep1Message = (doc: Y.Doc): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_TYPE.sync);
    encoding.writeVarUint(e, messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

/** Sync step 2: everything the client lacks, given its state vector. */
export const syncStep2Message = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array =>
  syncStep2UpdateMessage(Y.encodeStateAsUpdate(doc, stateVector));

/** Sync step 2 carrying `update`, which must be everything the client lacks. */
export const syncStep2UpdateMessage = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_TYPE.sync);
    encoding.writeVarUint(e, messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

/** A committed update, relayed to the document's other clients. */
export const updateMessage = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_TYPE.sync);
    encoding.writeVarUint(e, messageYjsUpdate);
    encoding.writeVarUint8Array(e, update);
  });

/** An encoded awareness update (y-protocols/awareness) as a frame. */
export const awarenessMessage = (awarenessUpdate: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_TYPE.awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
