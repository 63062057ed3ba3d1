import { describe, expect, it } from "vitest";
import { isOwnOrigin } from "./origin";

describe("isOwnOrigin", () => {
  it.each([
    ["http://localhost:3000", "localhost:3000", null, true],
    ["http://LOCALHOST:3000", "localhost:3000", null, true],
    ["http://localhost:3000", "LocalHost:3000", null, true],
    ["http://localhost:5173", "localhost:3000", null, false],
    ["https://evil.example", "localhost:3000", null, false],
    ["null", "localhost:3000", null, false],
    ["not a url", "localhost:3000", null, false],
    ["https://cocrea.example.org", "10.0.0.5:3000", "https://cocrea.example.org", true],
    ["http://cocrea.example.org", "10.0.0.5:3000", "https://cocrea.example.org", false],
    ["http://localhost:3000", undefined, null, false],
  ])("judges Origin %s for Host %s (public origin %s) as own: %s", (origin, host, publicOrigin, expected) => {
    expect(isOwnOrigin(origin, host, publicOrigin)).toBe(expected);
  });
});
