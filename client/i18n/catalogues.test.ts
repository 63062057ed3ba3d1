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

/** i18next's plural suffixes (JSON v4): "votes_one", "votes_other", … */
const PLURAL_FORM = /^(.+)_(zero|one|two|few|many|other)$/;

/** The plural categories a language's numbers fall into (CLDR, e.g. one/many/other in French). */
const pluralCategories = (locale: string): string[] =>
  new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

/**
 * The keys a language's catalogue must hold: every plain key, and for each plural message (a base
 * with an `_other` form in some language) one form per plural category of that language, since
 * i18next falls back to English, not to `_other`, when a language's form is missing.
 */
function expectedKeys(locale: string, allKeys: readonly string[]): string[] {
  const plurals = new Set(
    allKeys.flatMap((key) => {
      const match = PLURAL_FORM.exec(key);
      return match?.[2] === "other" && match[1] ? [match[1]] : [];
    }),
  );
  const plain = allKeys.filter((key) => !plurals.has(PLURAL_FORM.exec(key)?.[1] ?? ""));
  const forms = [...plurals].flatMap((base) =>
    pluralCategories(locale).map((category) => `${base}_${category}`),
  );
  return [...plain, ...forms].sort();
}

/** The message a key stands for in the variables check: a plural form counts as its base. */
const messageKey = (key: string): string => PLURAL_FORM.exec(key)?.[1] ?? key;

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
      const missing = expectedKeys(locale, allKeys).filter((key) => {
        const message = catalogue.get(key);
        return typeof message !== "string" || message.trim() === "";
      });
      expect(missing, `missing or empty in ${locale}/${namespace}.json`).toEqual([]);
    });

    it.each(LOCALES)("has no plural form that %s never uses", (locale) => {
      // `_zero` is the exception: i18next uses it for 0 in every language.
      const used = new Set([...pluralCategories(locale), "zero"]);
      const unused = [...(catalogues.get(locale)?.keys() ?? [])].filter((key) => {
        const category = PLURAL_FORM.exec(key)?.[2];
        return category !== undefined && !used.has(category);
      });
      expect(unused, `plural forms ${locale} has no numbers for, in ${locale}/${namespace}.json`).toEqual([]);
    });

    it("uses the same {{variables}} in every language", () => {
      const mismatches: string[] = [];
      // A plural message is compared as a whole: its "one" form may spell out the number.
      const messages = [...new Set(allKeys.map(messageKey))];
      for (const message of messages) {
        // Missing messages are reported above; compare the languages that have one.
        const byLocale = LOCALES.flatMap((locale) => {
          const texts = [...(catalogues.get(locale) ?? new Map<string, unknown>())]
            .filter(([key, text]) => messageKey(key) === message && typeof text === "string")
            .map(([, text]) => text as string);
          if (texts.length === 0) return [];
          return [`${locale}: ${[...new Set(texts.flatMap(variables))].sort().join(",")}`];
        });
        const sets = new Set(byLocale.map((entry) => entry.slice(entry.indexOf(":"))));
        if (sets.size > 1) mismatches.push(`${message} (${byLocale.join("; ")})`);
      }
      expect(mismatches).toEqual([]);
    });
  });
});

describe("the plural helper used by the catalogue test", () => {
  it("asks each language for its own plural forms and keeps plain keys", () => {
    const keys = ["title", "votes_one", "votes_other"];
    expect(expectedKeys("en", keys)).toEqual(["title", "votes_one", "votes_other"]);
    expect(expectedKeys("fr", keys)).toEqual(["title", "votes_many", "votes_one", "votes_other"]);
    // A key that merely ends like a plural form, with no "_other" beside it, stays plain.
    expect(expectedKeys("fr", ["status.one", "by_one"])).toEqual(["by_one", "status.one"]);
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
