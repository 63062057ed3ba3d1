import { describe, expect, it } from "vitest";
import { type DiffPart, wordDiff, wordTokens } from "./wordDiff";

const side = (parts: DiffPart[], kind: "removed" | "added") =>
  parts
    .filter((p) => p.kind === "same" || p.kind === kind)
    .map((p) => p.text)
    .join("");

describe("wordDiff", () => {
  it("marks the words that changed and keeps the rest", () => {
    expect(wordDiff("publish the budget every year", "publish the full budget every month")).toEqual([
      { kind: "same", text: "publish the " },
      { kind: "added", text: "full " },
      { kind: "same", text: "budget every " },
      { kind: "removed", text: "year" },
      { kind: "added", text: "month" },
    ]);
  });

  it("rebuilds both texts from its parts", () => {
    const before = "Open data on contracts,\nupdated weekly by the city.";
    const after = "Open data on all contracts,\nupdated daily by the city and its agencies.";
    const parts = wordDiff(before, after);
    expect(side(parts, "removed")).toBe(before);
    expect(side(parts, "added")).toBe(after);
  });

  it("handles empty sides and equal texts", () => {
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("", "new text")).toEqual([{ kind: "added", text: "new text" }]);
    expect(wordDiff("old", "")).toEqual([{ kind: "removed", text: "old" }]);
    expect(wordDiff("same", "same")).toEqual([{ kind: "same", text: "same" }]);
  });

  it("splits into words and the spaces between them", () => {
    expect(wordTokens(" a  b\nc")).toEqual([" ", "a", "  ", "b", "\n", "c"]);
  });
});
