import type { ClientRect } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import { nextColumn } from "./columnKeyboard";

const rect = (left: number, top: number): ClientRect => ({
  left,
  top,
  width: 200,
  height: 150,
  right: left + 200,
  bottom: top + 150,
});

// Two rows of wrapped columns, listed out of order as a Map may hold them; the second row's
// columns sit a few px lower than each other (taller headings), still one row.
const columns: [string, ClientRect][] = [
  ["d", rect(0, 402)],
  ["b", rect(220, 0)],
  ["a", rect(0, 0)],
  ["e", rect(220, 400)],
  ["c", rect(440, 0)],
];

describe("nextColumn", () => {
  it("steps forward through the columns in reading order with right and down", () => {
    expect(nextColumn(columns, "a", "ArrowRight")).toBe("b");
    expect(nextColumn(columns, "c", "ArrowRight")).toBe("d");
    expect(nextColumn(columns, "d", "ArrowDown")).toBe("e");
  });

  it("steps back with left and up", () => {
    expect(nextColumn(columns, "d", "ArrowLeft")).toBe("c");
    expect(nextColumn(columns, "b", "ArrowUp")).toBe("a");
  });

  it("stays on the first or last column at either end", () => {
    expect(nextColumn(columns, "a", "ArrowLeft")).toBe("a");
    expect(nextColumn(columns, "e", "ArrowRight")).toBe("e");
  });

  it("starts from the first column when the card is over none", () => {
    expect(nextColumn(columns, null, "ArrowRight")).toBe("a");
  });

  it("ignores keys that do not move", () => {
    expect(nextColumn(columns, "a", "KeyX")).toBeNull();
  });
});
