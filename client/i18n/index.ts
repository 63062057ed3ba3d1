import { DEFAULT_LOCALE, LOCALES, type Locale } from "@shared/locales";
import i18n, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import { pickLanguage, readStoredLanguage, storeLanguage } from "./language";

/** Namespaces every page may need, fetched together at start; others (e.g. "plan") load when first used. */
const PRELOADED_NAMESPACES = ["common", "errors", "auth", "home", "workspace", "join"];

// One chunk per language and namespace: a reader downloads only their language.
const catalogues = import.meta.glob<Record<string, unknown>>("./locales/*/*.json", { import: "default" });

const lazyCatalogues: BackendModule = {
  type: "backend",
  callbackApi: true,
  init() {},
  read(language, namespace, callback) {
    const load = catalogues[`./locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`No catalogue ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (resources) => callback(null, resources),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

void i18n
  .use(lazyCatalogues)
  .use(initReactI18next)
  .init({
    lng: pickLanguage(null, readStoredLanguage(), navigator.languages),
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    load: "languageOnly",
    ns: PRELOADED_NAMESPACES,
    defaultNS: "common",
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: true },
  });

/** Switches the UI language and remembers it in this browser. */
export async function applyLanguage(locale: Locale): Promise<void> {
  storeLanguage(locale);
  await i18n.changeLanguage(locale);
}

export { i18n };
