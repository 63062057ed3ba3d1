import { type CheckedVersions, EXPORT_FORMATS } from "@shared/freeze";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { WithheldVersions } from "~/components/WithheldVersions";
import { useFormatDate } from "~/hooks/useFormatDate";
import { useWorkspace } from "~/hooks/useWorkspace";

const FORMAT_LABEL = { md: "list.markdown", docx: "list.docx", json: "list.json" } as const;

/** The official versions, newest first: signatories, downloads, the public page and comparisons. */
export function VersionList({ versions, withheld }: CheckedVersions) {
  const { t, i18n } = useTranslation("versions");
  const { workspace } = useWorkspace();
  const formatDate = useFormatDate();
  const headingId = useId();
  const base = `/w/${encodeURIComponent(workspace.id)}/versions`;
  const api = `/api/workspaces/${encodeURIComponent(workspace.id)}/versions`;
  const lang = i18n.resolvedLanguage ?? "en";
  const publicPath = `/p/${encodeURIComponent(workspace.slug)}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("list.heading")}</h2>
      <WithheldVersions numbers={withheld} />
      {versions.length === 0 ? (
        <p>{t("list.none")}</p>
      ) : (
        <>
          <p>
            {t("list.publicAddress")} <Link to={publicPath}>{`${window.location.origin}${publicPath}`}</Link>
          </p>
          <ul className="version-list">
            {[...versions].reverse().map((version) => (
              <li key={version.number} data-testid="version">
                <h3>{t("list.version", { number: version.number })}</h3>
                <p className="hint">{t("list.officialAt", { date: formatDate(version.officialAt) })}</p>
                <p>{t("list.signatories", { names: version.signatures.map((s) => s.name).join(", ") })}</p>
                <code className="hash">{version.hash}</code>
                <p className="actions">
                  <Link to={`${publicPath}/v/${version.number}`}>{t("list.publicPage")}</Link>
                  <Link to={`${base}/compare?from=${version.number}&to=draft`}>
                    {t("list.compareDraft", { number: version.number })}
                  </Link>
                  {version.number > 1 && (
                    <Link to={`${base}/compare?from=${version.number - 1}&to=${version.number}`}>
                      {t("list.comparePrevious", { number: version.number - 1 })}
                    </Link>
                  )}
                </p>
                <p className="hint no-print">{t("list.exports", { number: version.number })}</p>
                <p className="actions">
                  {EXPORT_FORMATS.map((format) => (
                    <a
                      key={format}
                      className="button secondary"
                      href={`${api}/${version.number}/export?format=${format}&lang=${lang}`}
                      download
                    >
                      {t(FORMAT_LABEL[format])}
                    </a>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
