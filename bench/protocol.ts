import * as encoding from "lib0/encoding";

/**
 * The few y-websocket message shapes the load clients need, written byte for byte so that the
 * thousands of counting-only clients never decode what they do not have to.
 * A message is `varUint(messageType) · varUint(syncType) · varUint8Array(payload)`; every type
 * number here is below 128, so each varUint is one byte.
 */
export const MESSAGE_SYNC = 0;
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** The state vector and the update of an empty document. */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

function syncMessage(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const syncStep1 = (stateVector: Uint8Array) => syncMessage(SYNC_STEP_1, stateVector);
export const syncStep2 = (update: Uint8Array) => syncMessage(SYNC_STEP_2, update);
export const updateMessage = (update: Uint8Array) => syncMessage(SYNC_UPDATE, update);

/** The sync type of a message (SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE), or -1 for other messages. */
export function syncTypeOf(message: Uint8Array): number {
  return message.length >= 2 && message[0] === MESSAGE_SYNC ? (message[1] ?? -1) : -1;
}

/** Reads a varUint at `offset`; returns it and the offset after it. */
function readVarUint(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++] ?? 0;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, offset];
    shift += 7;
  }
}

/** The payload of a sync message (the bytes after its length prefix). */
export function syncPayload(message: Uint8Array): Uint8Array {
  const [length, offset] = readVarUint(message, 2);
  return message.subarray(offset, offset + length);
}

/**
 * The client id of the first struct group of a Yjs (v1) update, or -1 when it has none; enough to
 * tell a server's echo of one's own keystroke from someone else's without decoding the update.
 * Layout: varUint(groups), then per group varUint(structs) · varUint(client) · varUint(clock) · ….
 */
export function firstClientOf(update: Uint8Array): number {
  const [groups, afterGroups] = readVarUint(update, 0);
  if (groups === 0) return -1;
  const [, afterStructs] = readVarUint(update, afterGroups);
  return readVarUint(update, afterStructs)[0];
}
