import type { AwarenessUser } from "@shared/collab";
import { LIMITS } from "@shared/limits";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { AwarenessTooLarge, rewriteAwareness } from "./awarenessIdentity";
import { MalformedMessage } from "./protocol";

const ana: AwarenessUser = { id: "u-ana", name: "Ana", sector: "civil_society", color: "#047857" };

function encode(entries: [clientId: number, clock: number, json: string][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function decode(update: Uint8Array): [number, number, unknown][] {
  const decoder = decoding.createDecoder(update);
  return Array.from({ length: decoding.readVarUint(decoder) }, () => [
    decoding.readVarUint(decoder),
    decoding.readVarUint(decoder),
    JSON.parse(decoding.readVarString(decoder)),
  ]);
}

const anyone = () => true;

describe("rewriteAwareness", () => {
  it("replaces whatever user a client claims with the authenticated member, keeping the rest", () => {
    const claimed = JSON.stringify({
      user: { id: "u-bob", name: "Bob", color: "#000" },
      cursor: { anchor: 1 },
    });
    expect(decode(rewriteAwareness(encode([[7, 3, claimed]]), ana, anyone))).toEqual([
      [7, 3, { user: ana, cursor: { anchor: 1 } }],
    ]);
  });

  it("adds the member to a state without a user, and lets a departure (null) through", () => {
    expect(
      decode(
        rewriteAwareness(
          encode([
            [7, 1, "{}"],
            [8, 2, "null"],
          ]),
          ana,
          anyone,
        ),
      ),
    ).toEqual([
      [7, 1, { user: ana }],
      [8, 2, null],
    ]);
  });

  it("leaves out client ids the socket may not speak for", () => {
    const update = encode([
      [7, 1, "{}"],
      [8, 1, "{}"],
    ]);
    expect(decode(rewriteAwareness(update, ana, (id) => id === 8)).map(([id]) => id)).toEqual([8]);
  });

  it("refuses states that are not objects, bad JSON and bytes that do not decode", () => {
    for (const json of ["1", '"s"', "[]", "{"]) {
      expect(() => rewriteAwareness(encode([[7, 1, json]]), ana, anyone)).toThrow(MalformedMessage);
    }
    expect(() => rewriteAwareness(new Uint8Array([1, 7]), ana, anyone)).toThrow(MalformedMessage);
    expect(() => rewriteAwareness(new Uint8Array([0, 0]), ana, anyone)).toThrow(MalformedMessage);
  });

  it("refuses a state larger than the limit", () => {
    const big = JSON.stringify({ note: "x".repeat(LIMITS.maxAwarenessStateBytes) });
    expect(() => rewriteAwareness(encode([[7, 1, big]]), ana, anyone)).toThrow(AwarenessTooLarge);
  });
});
