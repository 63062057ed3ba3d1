import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "./slug";

describe("slugify", () => {
  it.each([
    ["Ciudad de México Abierta", "ciudad-de-mexico-abierta"],
    ["  Open   Government -- Nairobi!  ", "open-government-nairobi"],
    ["Région Île-de-France 2025", "region-ile-de-france-2025"],
    ["東京", "workspace"],
    ["x".repeat(80), "x".repeat(48)],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("uniqueSlug", () => {
  it("numbers a taken slug from 2 upwards", async () => {
    const taken = new Set(["plan", "plan-2"]);
    expect(await uniqueSlug("Plan", async (s) => taken.has(s))).toBe("plan-3");
    expect(await uniqueSlug("Fresh", async (s) => taken.has(s))).toBe("fresh");
  });
});
