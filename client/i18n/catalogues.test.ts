import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LOCALES } from "@shared/locales";
import { describe, expect, it } from "vitest";

const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "locales");

type Catalogue = Map<string, unknown>;

/** Flattens nested JSON into "a.b.c" keys, so a missing leaf is named exactly. */
function flatten(value: unknown, prefix = "", into: Catalogue = new Map()): Catalogue {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

function read(locale: string, namespace: string): Catalogue | null {
  const file = path.join(localesDir, locale, `${namespace}.json`);
  if (!fs.existsSync(file)) return null;
  return flatten(JSON.parse(fs.readFileSync(file, "utf8")));
}

/** The {{variables}} a message interpolates, sorted. */
function variables(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => match[1] ?? "").sort();
}

const namespaces = [
  ...new Set(
    LOCALES.flatMap((locale) =>
      fs
        .readdirSync(path.join(localesDir, locale))
        .filter((file) => file.endsWith(".json"))
        .map((file) => file.slice(0, -".json".length)),
    ),
  ),
].sort();

describe("translation catalogues", () => {
  it("exist for every language in shared/locales", () => {
    expect(namespaces.length).toBeGreaterThan(0);
    for (const locale of LOCALES) expect(fs.existsSync(path.join(localesDir, locale))).toBe(true);
  });

  describe.each(namespaces)("namespace %s", (namespace) => {
    const catalogues = new Map(LOCALES.map((locale) => [locale, read(locale, namespace)]));
    const allKeys = [...new Set([...catalogues.values()].flatMap((c) => (c ? [...c.keys()] : [])))].sort();

    it.each(LOCALES)("has a file in %s", (locale) => {
      expect(catalogues.get(locale), `client/i18n/locales/${locale}/${namespace}.json`).not.toBeNull();
    });

    it.each(LOCALES)("has every key, as a non-empty string, in %s", (locale) => {
      const catalogue = catalogues.get(locale) ?? new Map<string, unknown>();
      const missing = allKeys.filter((key) => {
        const message = catalogue.get(key);
        return typeof message !== "string" || message.trim() === "";
      });
      expect(missing, `missing or empty in ${locale}/${namespace}.json`).toEqual([]);
    });

    it("uses the same {{variables}} in every language", () => {
      const mismatches: string[] = [];
      for (const key of allKeys) {
        // Missing messages are reported above; compare the languages that have one.
        const byLocale = LOCALES.flatMap((locale) => {
          const message = catalogues.get(locale)?.get(key);
          return typeof message === "string" ? [`${locale}: ${variables(message).join(",")}`] : [];
        });
        const sets = new Set(byLocale.map((entry) => entry.slice(entry.indexOf(":"))));
        if (sets.size > 1) mismatches.push(`${key} (${byLocale.join("; ")})`);
      }
      expect(mismatches).toEqual([]);
    });
  });
});

describe("the variables helper used by the catalogue test", () => {
  it("finds each interpolated name, ignoring spacing and formats", () => {
    expect(variables("Used {{uses}} of {{ max }} times, {{date, datetime}}")).toEqual([
      "date",
      "max",
      "uses",
    ]);
  });
});
