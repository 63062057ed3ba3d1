import { MESSAGE_TYPE } from "@shared/collab";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPE.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A sync frame carrying a live update. */
export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(messageYjsUpdate, update);
/** A sync step 2 frame (the answer to the server's step 1). */
export const syncStep2Frame = (update: Uint8Array): Uint8Array => syncFrame(messageYjsSyncStep2, update);
/** A sync step 1 frame; the empty state vector asks for the whole document. */
export const syncStep1Frame = (stateVector = new Uint8Array([0])): Uint8Array =>
  syncFrame(messageYjsSyncStep1, stateVector);

interface StringItem {
  client: number;
  clock: number;
  text: string;
  /** The root text it goes in (when it has no origin). */
  root?: string;
  /** The item it was inserted after. */
  origin?: { client: number; clock: number };
}

interface Deletion {
  client: number;
  clock: number;
  length: number;
}

/** The update (or state vector) a sync frame carries. */
export function syncPayload(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/**
 * A hand-written Yjs (v1) update: at most one string item and one deletion range. Yjs's own
 * encoder will not write the odd cases the tests need (gaps, self-references, empty ranges).
 */
export function craftUpdate({ item, deletion }: { item?: StringItem; deletion?: Deletion }): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, item ? 1 : 0); // clients with structs
  if (item) {
    encoding.writeVarUint(e, 1); // structs of this client
    encoding.writeVarUint(e, item.client);
    encoding.writeVarUint(e, item.clock);
    const contentString = 4;
    if (item.origin) {
      encoding.writeUint8(e, 0x80 | contentString);
      encoding.writeVarUint(e, item.origin.client);
      encoding.writeVarUint(e, item.origin.clock);
    } else {
      encoding.writeUint8(e, contentString);
      encoding.writeVarUint(e, 1); // the parent is a root type, named next
      encoding.writeVarString(e, item.root ?? "scratch");
    }
    encoding.writeVarString(e, item.text);
  }
  encoding.writeVarUint(e, deletion ? 1 : 0); // clients in the delete set
  if (deletion) {
    encoding.writeVarUint(e, deletion.client);
    encoding.writeVarUint(e, 1); // ranges
    encoding.writeVarUint(e, deletion.clock);
    encoding.writeVarUint(e, deletion.length);
  }
  return encoding.toUint8Array(e);
}

/** A small seeded generator (mulberry32), so "random" inputs are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
