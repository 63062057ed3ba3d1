import { SECTOR_COLORS } from "@shared/collab";
import { describe, expect, it } from "vitest";
import { hex as contrast } from "wcag-contrast";
import * as Y from "yjs";
import { authorKeys, MEMBER_COLORS, plainPieces, tint, UNKNOWN_COLOR, withUnknown } from "./authorship";

/** Two people's documents, client ids 1 and 2, kept in step. */
function twoWriters() {
  const one = new Y.Doc();
  one.clientID = 1;
  const two = new Y.Doc();
  two.clientID = 2;
  const sync = () => {
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one, Y.encodeStateVector(two)));
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two, Y.encodeStateVector(one)));
  };
  return { one, two, sync };
}

describe("plainPieces", () => {
  it("cuts a plain field into its writers' runs, in order", () => {
    const { one, two, sync } = twoWriters();
    one.getText("title").insert(0, "Open contracting");
    sync();
    two.getText("title").insert("Open".length, " public");
    sync();
    expect(plainPieces(one.getText("title"))).toEqual([
      { text: "Open", clientId: 1 },
      { text: " public", clientId: 2 },
      { text: " contracting", clientId: 1 },
    ]);
  });

  it("leaves out the spaces the reading view trims, and runs made only of them", () => {
    const { one, two, sync } = twoWriters();
    one.getText("title").insert(0, "  Budget ");
    sync();
    two.getText("title").insert(9, "  ");
    two.getText("title").insert(0, " ");
    sync();
    const pieces = plainPieces(one.getText("title"));
    expect(pieces).toEqual([{ text: "Budget", clientId: 1 }]);
    expect(pieces.map((p) => p.text).join("")).toBe(one.getText("title").toString().trim());
  });

  it("forgets deleted text, so a rewritten word is its new writer's", () => {
    const { one, two, sync } = twoWriters();
    one.getText("title").insert(0, "Lead: Works");
    sync();
    two.getText("title").delete(6, 5);
    two.getText("title").insert(6, "Finance");
    sync();
    expect(plainPieces(one.getText("title"))).toEqual([
      { text: "Lead: ", clientId: 1 },
      { text: "Finance", clientId: 2 },
    ]);
  });

  it("is empty for an empty field", () => {
    expect(plainPieces(new Y.Doc().getText("title"))).toEqual([]);
  });
});

describe("authorship colours", () => {
  const TEXT = "#1b1f24"; // --text
  const LINK = "#0b4f8a"; // --primary, the colour of links in the text
  const colours = [...Object.values(SECTOR_COLORS), ...MEMBER_COLORS, UNKNOWN_COLOR];

  it("mixes a tint as CSS color-mix does", () => {
    expect(tint("#000000", 0.5)).toBe("#808080");
    expect(tint("#1d4ed8", 0)).toBe("#ffffff");
    expect(tint("#1d4ed8", 1)).toBe("#1d4ed8");
  });

  it.each(colours)("keeps text and links on the %s tint at WCAG AA (4.5:1)", (colour) => {
    expect(contrast(TEXT, tint(colour))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(LINK, tint(colour))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours)("draws the %s underline and legend swatch at 3:1 on the tint and the page", (colour) => {
    expect(contrast(colour, tint(colour))).toBeGreaterThanOrEqual(3);
    expect(contrast(colour, "#ffffff")).toBeGreaterThanOrEqual(3);
  });
});

describe("withUnknown", () => {
  const keys = authorKeys(
    [{ clientId: 1, name: "Fiona", sector: "government", organization: null }],
    "sector",
    { sector: (sector) => sector ?? "unknown", formerMember: "A former member" },
  );

  it("names text whose writer the record does not hold in the legend", () => {
    expect(withUnknown(keys, [1, 7], "Before authors were recorded").legend).toEqual([
      { key: "government", label: "government", color: "#1d4ed8" },
      { key: "unknown", label: "Before authors were recorded", color: UNKNOWN_COLOR },
    ]);
  });

  it("adds nothing when every writer is known", () => {
    expect(withUnknown(keys, [1], "Before authors were recorded")).toBe(keys);
  });
});
