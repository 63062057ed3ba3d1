import { describe, expect, it } from "vitest";
import { isAllowedHost, isOwnOrigin, webSocketOrigin } from "./origin";

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

describe("isAllowedHost", () => {
  const site = "https://cocrea.example.org";
  it.each([
    ["rebind.attacker.example:3000", null, true],
    ["cocrea.example.org", site, true],
    ["COCREA.example.org", site, true],
    ["cocrea.example.org:443", site, true],
    ["cocrea.example.org:8443", site, false],
    ["localhost:3000", site, true],
    ["127.0.0.1", site, true],
    ["127.1.2.3:80", site, true],
    ["[::1]:3000", site, true],
    ["rebind.attacker.example:3000", site, false],
    ["cocrea.example.org.attacker.example", site, false],
    ["cocrea.example.org@attacker.example", site, false],
    ["attacker.example@cocrea.example.org", site, false],
    ["cocrea.example.org/path", site, false],
    ["localhost.attacker.example", site, false],
    ["127.0.0.1.nip.io", site, false],
    ["", site, false],
    [undefined, site, false],
  ])("judges Host %s (public origin %s) as allowed: %s", (host, publicOrigin, expected) => {
    expect(isAllowedHost(host, publicOrigin)).toBe(expected);
  });

  it("gives the WebSocket origin of a public origin", () => {
    expect(webSocketOrigin("https://cocrea.example.org")).toBe("wss://cocrea.example.org");
    expect(webSocketOrigin("http://localhost:3000")).toBe("ws://localhost:3000");
  });
});
