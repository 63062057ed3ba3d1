import { describe, expect, it } from "vitest";
import { nextPath, nextQuery } from "./nextPath";

describe("nextPath", () => {
  it("returns a same-site path given in ?next=", () => {
    expect(nextPath("?next=%2Fw%2Fabc")).toBe("/w/abc");
  });

  it("falls back to home when there is no next parameter", () => {
    expect(nextPath("")).toBe("/");
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "w/abc"])(
    "refuses %s, which would leave the site or is not a path",
    (next) => {
      expect(nextPath(`?next=${encodeURIComponent(next)}`)).toBe("/");
    },
  );

  it("round-trips with nextQuery", () => {
    expect(nextPath(nextQuery("/join/tok?x=1"))).toBe("/join/tok?x=1");
    expect(nextQuery("/")).toBe("");
  });
});
