import type { AwarenessUser } from "@shared/collab";
import { LIMITS } from "@shared/limits";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MalformedMessage } from "./protocol";

/** An awareness state is larger than LIMITS.maxAwarenessStateBytes; closes the socket with 4413. */
export class AwarenessTooLarge extends Error {}

/**
 * Re-encodes a client's awareness update with the server's word on who is speaking: every state's
 * `user` becomes `identity` (the authenticated member), whatever the client claimed. Entries for
 * client ids `mayControl` rejects (another socket's, the server's own) are left out. A state of
 * null (the client left) passes through. Throws MalformedMessage when the update does not decode or
 * a state is not a JSON object.
 */
export function rewriteAwareness(
  update: Uint8Array,
  identity: AwarenessUser,
  mayControl: (clientId: number) => boolean,
): Uint8Array {
  const entries: { clientId: number; clock: number; json: string }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > LIMITS.maxAwarenessStateBytes) throw new AwarenessTooLarge();
      if (mayControl(clientId)) entries.push({ clientId, clock, json: withIdentity(json, identity) });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage("trailing bytes after the awareness update");
  } catch (error) {
    if (error instanceof AwarenessTooLarge || error instanceof MalformedMessage) throw error;
    throw new MalformedMessage("the awareness update does not decode");
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function withIdentity(json: string, identity: AwarenessUser): string {
  const state: unknown = JSON.parse(json);
  if (state === null) return json;
  if (typeof state !== "object" || Array.isArray(state)) {
    throw new MalformedMessage("an awareness state must be an object or null");
  }
  return JSON.stringify({ ...state, user: identity });
}
