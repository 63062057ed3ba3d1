import { describe, expect, it } from "vitest";
import { isMac, shortcutKeys } from "./shortcutKeys";

describe("shortcutKeys", () => {
  it("writes Mod as Ctrl, joined with +, off a Mac", () => {
    expect(shortcutKeys("Mod-Alt-m", false)).toBe("Ctrl+Alt+M");
    expect(shortcutKeys("Shift-Mod-z", false)).toBe("Ctrl+Shift+Z");
  });

  it("writes the Mac symbols in the Mac order on a Mac", () => {
    expect(shortcutKeys("Mod-Alt-m", true)).toBe("⌥⌘M");
    expect(shortcutKeys("Mod-Shift-Ctrl-z", true)).toBe("⌃⇧⌘Z");
  });

  it.each([
    ["MacIntel", true],
    ["iPhone", true],
    ["iPad", true],
    ["Win32", false],
    ["Linux x86_64", false],
    ["", false],
  ])("reads the platform %j as a Mac: %s", (platform, mac) => {
    expect(isMac(platform)).toBe(mac);
  });
});
