import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkUpdate } from "./checkUpdate";
import { MalformedMessage } from "./protocol";
import { craftUpdate } from "./test/frames";

describe("checkUpdate", () => {
  it("accepts what Yjs writes, including deletions and updates that depend on others", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const text = doc.getText("t");
    text.insert(0, "hello");
    text.insert(2, "XY");
    text.delete(0, 3);
    doc.getArray("a").push([new Y.Map(), 1, "s"]);
    for (const update of [...updates, Y.encodeStateAsUpdate(doc), Y.mergeUpdates(updates)]) {
      expect(() => checkUpdate(update)).not.toThrow();
    }
  });

  it("gives each client's clock after its last struct, as Y.parseUpdateMeta does", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on("update", (update: Uint8Array) => updates.push(update));
    b.on("update", (update: Uint8Array) => updates.push(update));
    a.getText("t").insert(0, "hello");
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getText("t").insert(5, " world");
    a.getText("t").delete(0, 2);
    b.getArray("a").push([new Y.Map(), 1]);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const gap = craftUpdate({ item: { client: 5, clock: 10, text: "late" } });
    for (const update of [...updates, Y.encodeStateAsUpdate(a), Y.mergeUpdates(updates), gap]) {
      expect(checkUpdate(update)).toEqual(Y.parseUpdateMeta(update).to);
    }
    expect(checkUpdate(Y.encodeStateAsUpdate(a)).size).toBe(2);
  });

  it("accepts a gap in history (Yjs parks it; the server drops it later)", () => {
    expect(() => checkUpdate(craftUpdate({ item: { client: 5, clock: 10, text: "late" } }))).not.toThrow();
  });

  it.each([
    ["bytes that do not decode", new Uint8Array([1, 1, 5, 0, 31])],
    ["a truncated update", craftUpdate({ item: { client: 5, clock: 0, text: "cut" } }).subarray(0, 8)],
    [
      "an item whose origin is a later clock of its own client",
      craftUpdate({ item: { client: 5, clock: 0, text: "x", origin: { client: 5, clock: 3 } } }),
    ],
    ["an empty deletion range", craftUpdate({ deletion: { client: 5, clock: 0, length: 0 } })],
    ["an empty string item", craftUpdate({ item: { client: 5, clock: 0, text: "" } })],
  ])("refuses %s", (_what, update) => {
    expect(() => checkUpdate(update)).toThrow(MalformedMessage);
  });
});
