import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  MalformedMessage,
  parseMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from "./protocol";

describe("parseMessage", () => {
  it("reads the frames a stock provider sends", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "hi");
    const stateVector = Y.encodeStateVector(doc);
    const update = Y.encodeStateAsUpdate(doc);
    expect(parseMessage(syncStep1Message(doc))).toEqual({ type: "syncStep1", stateVector });
    expect(parseMessage(syncStep2Message(doc, new Uint8Array([0])))).toEqual({ type: "syncStep2", update });
    expect(parseMessage(updateMessage(update))).toEqual({ type: "update", update });
    expect(parseMessage(new Uint8Array([1, 1, 0]))).toEqual({
      type: "awareness",
      update: new Uint8Array([0]),
    });
    expect(parseMessage(new Uint8Array([3]))).toEqual({ type: "queryAwareness" });
  });

  it.each([
    ["an empty frame", []],
    ["an unknown message type", [9]],
    ["an auth message (the server's to send)", [2, 0, 0]],
    ["an unknown sync type", [0, 3, 0]],
    ["a payload longer than the frame", [0, 2, 5, 1]],
    ["trailing bytes", [0, 2, 1, 0, 7]],
    ["a truncated type", [0x80]],
  ])("refuses %s", (_what, bytes) => {
    expect(() => parseMessage(new Uint8Array(bytes))).toThrow(MalformedMessage);
  });
});
