import { DEFAULT_LOCALE, LOCALES, type Locale } from "@shared/locales";

/** Each language named in itself, so anyone can find theirs whatever the current language is. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", es: "Español", fr: "Français" };

const STORAGE_KEY = "cocrea.locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The UI language: the signed-in user's saved locale, then the choice stored in this browser,
 * then the first supported browser language ("es-ES" counts as "es"), then English.
 */
export function pickLanguage(
  saved: string | null | undefined,
  stored: string | null | undefined,
  browserLanguages: readonly string[],
): Locale {
  if (isLocale(saved)) return saved;
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** The language chosen earlier in this browser, if storage is available. */
export function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, strict settings): fall back to the browser language
  }
}

export function storeLanguage(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembering the choice in this browser is acceptable; signed-in users keep it server-side.
  }
}
