import type { Workspace } from "@shared/api";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@shared/locales";
import { createInstance, type i18n as I18n, type ResourceLanguage } from "i18next";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter, Route, Routes } from "react-router";
import * as Y from "yjs";
import commonEn from "~/i18n/locales/en/common.json";
import planEn from "~/i18n/locales/en/plan.json";
import commonEs from "~/i18n/locales/es/common.json";
import planEs from "~/i18n/locales/es/plan.json";
import commonFr from "~/i18n/locales/fr/common.json";
import planFr from "~/i18n/locales/fr/plan.json";
import { PlanReading } from "~/reading/PlanReading";

const CATALOGUES: Record<Locale, ResourceLanguage> = {
  en: { common: commonEn, plan: planEn },
  es: { common: commonEs, plan: planEs },
  fr: { common: commonFr, plan: planFr },
};

const instances = new Map<Locale, Promise<I18n>>();

/** One i18next instance per language, holding the namespaces the reading view uses. */
function translations(locale: Locale): Promise<I18n> {
  let instance = instances.get(locale);
  if (!instance) {
    const i18n = createInstance();
    instance = i18n
      .use(initReactI18next)
      .init({
        lng: locale,
        fallbackLng: DEFAULT_LOCALE,
        supportedLngs: [...LOCALES],
        resources: Object.fromEntries(LOCALES.map((l) => [l, CATALOGUES[l]])),
        ns: ["common", "plan"],
        defaultNS: "common",
        interpolation: { escapeValue: false }, // React escapes
      })
      .then(() => i18n);
    instances.set(locale, instance);
  }
  return instance;
}

/**
 * The language of the page: the member's saved one, else the first the browser accepts that we
 * have, else English (as the app picks it, less the choice stored in the browser, which the server
 * cannot see: the app switches to it when it takes over).
 */
export function pageLocale(saved: string | null, acceptLanguage: string | undefined): Locale {
  const known = (value: string | undefined): value is Locale =>
    value !== undefined && (LOCALES as readonly string[]).includes(value);
  if (known(saved ?? undefined)) return saved as Locale;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const base = part.trim().split(";")[0]?.split("-")[0]?.toLowerCase();
    if (known(base)) return base;
  }
  return DEFAULT_LOCALE;
}

interface PlanShell {
  workspace: Pick<Workspace, "id" | "name">;
  /** The plan's Yjs state, as stored. */
  state: Uint8Array;
  locale: Locale;
}

/**
 * The plan page as the app first shows it to a reader, as HTML: the site's header, the workspace's
 * name and the plan in the reading view (the same component, so the same markup and styles). Shown
 * from the first response, before any script has arrived; the app replaces it once it has the same.
 */
export async function renderPlanReading({ workspace, state, locale }: PlanShell): Promise<string> {
  const i18n = await translations(locale);
  const t = i18n.getFixedT(locale, "plan");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const page = (
    <>
      <header className="site-header">
        <a href="/" className="brand">
          Cocrea
        </a>
      </header>
      <main>
        <div className="page">
          <div className="workspace-header">
            <div className="workspace-title-row">
              <h1 className="workspace-name">{workspace.name}</h1>
            </div>
          </div>
          <div className="plan" data-mode="read">
            <div className="plan-bar">
              <div className="plan-title-row">
                <h2 className="plan-heading">{t("heading")}</h2>
              </div>
            </div>
            <div className="plan-layout">
              {/* The outline's column, empty until the app fills it: the text sits where it will stay. */}
              <div />
              <div className="plan-main">
                <PlanReading doc={doc} collapsed={new Set()} onToggle={() => {}} />
              </div>
              <div className="plan-margin" />
            </div>
          </div>
        </div>
      </main>
    </>
  );
  try {
    return renderToString(
      <I18nextProvider i18n={i18n}>
        <MemoryRouter initialEntries={[`/w/${encodeURIComponent(workspace.id)}/plan`]}>
          {/* A route, so that links relative to the page resolve as they do in the app. */}
          <Routes>
            <Route path="*" element={page} />
          </Routes>
        </MemoryRouter>
      </I18nextProvider>,
    );
  } finally {
    doc.destroy();
  }
}
