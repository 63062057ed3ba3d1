import { describe, expect, it } from "vitest";
import { isHexColor, readableTextColor } from "./colors";

describe("readableTextColor", () => {
  it("puts white on dark colours and black on light ones", () => {
    expect(readableTextColor("#0b4f8a")).toBe("#ffffff");
    expect(readableTextColor("#ffd166")).toBe("#000000");
  });

  it("falls back to black for anything that is not #rrggbb", () => {
    expect(readableTextColor("red")).toBe("#000000");
    expect(isHexColor("#12345")).toBe(false);
    expect(isHexColor("#a1b2c3")).toBe(true);
  });
});
