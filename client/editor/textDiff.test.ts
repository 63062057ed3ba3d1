import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffStrings, mapPosition, type TextDelta } from "./textDiff";

/** The delta Yjs itself reports for a change, so mapPosition is checked against real events. */
function deltaOf(initial: string, change: (text: Y.Text) => void): TextDelta {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  text.insert(0, initial);
  let delta: TextDelta = [];
  text.observe((event) => {
    delta = event.delta as TextDelta;
  });
  change(text);
  return delta;
}

describe("diffStrings", () => {
  it("finds a typed character in the middle", () => {
    expect(diffStrings("Open data", "Open  data")).toEqual({ index: 5, remove: 0, insert: " " });
  });

  it("finds a replaced selection", () => {
    expect(diffStrings("lead agency", "lead office")).toEqual({ index: 5, remove: 6, insert: "office" });
  });

  it("finds a deletion at the end and an insertion at the start", () => {
    expect(diffStrings("budget!", "budget")).toEqual({ index: 6, remove: 1, insert: "" });
    expect(diffStrings("budget", "A budget")).toEqual({ index: 0, remove: 0, insert: "A " });
  });

  it("never cuts an emoji in two", () => {
    const splice = diffStrings("a😀b", "a😁b");
    expect(splice).toEqual({ index: 1, remove: 2, insert: "😁" });
  });

  it("turns any string into any other when applied", () => {
    const pairs = [
      ["", "abc"],
      ["abc", ""],
      ["aaa", "aa"],
      ["abcabc", "abc"],
      ["ñandú", "ñandúes"],
    ];
    for (const [before = "", after = ""] of pairs) {
      const { index, remove, insert } = diffStrings(before, after);
      expect(before.slice(0, index) + insert + before.slice(index + remove)).toBe(after);
    }
  });
});

describe("mapPosition", () => {
  it("moves the caret right when a co-author types before it", () => {
    expect(
      mapPosition(
        deltaOf("open data", (t) => t.insert(0, "more ")),
        4,
      ),
    ).toBe(9);
  });

  it("keeps the caret when a co-author types after it", () => {
    expect(
      mapPosition(
        deltaOf("open data", (t) => t.insert(9, "!")),
        4,
      ),
    ).toBe(4);
  });

  it("pulls the caret left by what was deleted before it, not beyond the deletion", () => {
    expect(
      mapPosition(
        deltaOf("open data", (t) => t.delete(0, 5)),
        7,
      ),
    ).toBe(2);
    expect(
      mapPosition(
        deltaOf("open data", (t) => t.delete(2, 5)),
        4,
      ),
    ).toBe(2);
  });
});
