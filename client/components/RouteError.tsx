import { useTranslation } from "react-i18next";
import { usePageTitle } from "~/hooks/usePageTitle";

/** Shown when a page fails to render or its code cannot be fetched (e.g. after a deploy while offline). */
export function RouteError() {
  const { t } = useTranslation();
  usePageTitle(t("routeError.title"));
  return (
    <div className="page">
      <h1>{t("routeError.title")}</h1>
      <p>{t("routeError.body")}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t("routeError.reload")}
      </button>
    </div>
  );
}
