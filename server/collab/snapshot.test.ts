import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { foldForStorage, foldStored } from "./snapshot";

/** A paragraph typed one character per update, as clients send keystrokes, with a word deleted. */
function typedLog(): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const text = doc.getText("t");
  for (const char of "the quick brown fox") text.insert(text.length, char);
  text.insert(4, "very ");
  text.delete(0, 4);
  return { updates, text: text.toString() };
}

const structCount = (update: Uint8Array): number => Y.decodeUpdate(update).structs.length;

describe("foldStored", () => {
  it("keeps deleted text, with the id of whoever wrote it, for the record", () => {
    const { updates } = typedLog();
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, foldStored({ snapshot: null, updates }));
    const deleted: string[] = [];
    for (const structs of doc.store.clients.values())
      for (const struct of structs)
        if (struct instanceof Y.Item && struct.deleted) deleted.push(...struct.content.getContent());
    expect(deleted.join("")).toBe("the ");
  });

  it("holds the same document as the updates it folds", () => {
    const { updates, text } = typedLog();
    const snapshot = foldStored({
      snapshot: foldStored({ snapshot: null, updates: updates.slice(0, 10) }),
      updates: updates.slice(10),
    });
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, snapshot);
    expect(loaded.getText("t").toString()).toBe(text);
    expect(loaded.store.pendingStructs).toBeNull();
  });

  it("holds typed text as runs, not one struct per keystroke, so that it loads without splitting", () => {
    const { updates } = typedLog();
    // 19 keystrokes and one insertion of "very ": 20 structs merged as updates; folded, three runs
    // ("the ", deleted; "quick brown fox"; "very ").
    expect(structCount(Y.mergeUpdates(updates))).toBe(20);
    expect(structCount(foldStored({ snapshot: null, updates }))).toBeLessThanOrEqual(4);
  });
});

describe("foldForStorage", () => {
  /** A document with a map, a nested type deleted whole, and text deleted inside a kept one. */
  function richLog(): Uint8Array[] {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const items = doc.getArray<Y.Map<unknown>>("items");
    for (const title of ["first secret", "second", "third"]) {
      const map = new Y.Map<unknown>();
      const text = new Y.Text();
      map.set("title", text);
      items.push([map]);
      text.insert(0, title);
    }
    items.delete(0, 1);
    const kept = items.get(0).get("title") as Y.Text;
    kept.insert(0, "hidden words ");
    kept.delete(0, "hidden words ".length);
    doc.getMap("meta").set("status", "draft");
    doc.getMap("meta").set("status", "final");
    return updates;
  }

  it("stores, beside the record, the document a live copy built from it would send", () => {
    const updates = richLog();
    const { state, syncState } = foldForStorage({
      snapshot: foldStored({ snapshot: null, updates: updates.slice(0, 5) }),
      updates: updates.slice(5),
    });
    expect(state).toEqual(
      foldStored({
        snapshot: foldStored({ snapshot: null, updates: updates.slice(0, 5) }),
        updates: updates.slice(5),
      }),
    );
    const live = new Y.Doc();
    Y.applyUpdate(live, state);
    const fromSync = new Y.Doc();
    Y.applyUpdate(fromSync, syncState ?? new Uint8Array());
    expect(Y.encodeStateAsUpdate(fromSync)).toEqual(Y.encodeStateAsUpdate(live));
    expect(syncState).toEqual(Y.encodeStateAsUpdate(live));
    const bytes = Buffer.from(syncState ?? []);
    expect(bytes.includes("secret")).toBe(false);
    expect(bytes.includes("hidden")).toBe(false);
    expect(bytes.includes("draft")).toBe(false);
    expect(Buffer.from(state).includes("secret")).toBe(true);
  });

  it("stores one for a log of one row as well", () => {
    const [first] = richLog();
    const { state, syncState } = foldForStorage({ snapshot: null, updates: first ? [first] : [] });
    const live = new Y.Doc();
    Y.applyUpdate(live, state);
    expect(syncState).toEqual(Y.encodeStateAsUpdate(live));
  });
});
