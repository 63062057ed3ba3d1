import { useTranslation } from "react-i18next";
import { usePageTitle } from "~/hooks/usePageTitle";
import { HandOffPrerendered } from "~/prerendered";

/** Shown when a page fails to render or its code cannot be fetched (e.g. after a deploy while offline). */
export function RouteError() {
  const { t } = useTranslation();
  usePageTitle(t("routeError.title"));
  return (
    <div className="page">
      <HandOffPrerendered />
      <h1>{t("routeError.title")}</h1>
      <p>{t("routeError.body")}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t("routeError.reload")}
      </button>
    </div>
  );
}
