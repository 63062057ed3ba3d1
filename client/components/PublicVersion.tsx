import { EXPORT_FORMATS, type PublicVersionResponse, type PublicVersionsResponse } from "@shared/freeze";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { FreezeSignatures } from "~/components/FreezeSignatures";
import { PageLoading } from "~/components/PageLoading";
import { FrozenRecord } from "~/components/record/FrozenRecord";
import { VersionDocument } from "~/components/VersionDocument";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDate } from "~/hooks/useFormatDate";
import "~/components/Versions.css";

const FORMAT_LABEL = { md: "list.markdown", docx: "list.docx", json: "list.json" } as const;

/**
 * An official version for anyone (no sign-in): its hash, signatories, downloads and text. On its
 * own page (`standalone`, `/p/:slug/v/:number`) it carries the workspace's name as the page
 * heading; inside the process page it is one section. Readable on a phone and printable.
 */
export function PublicVersion({
  slug,
  number = "latest",
  standalone = false,
}: {
  slug: string;
  number?: string;
  standalone?: boolean;
}) {
  const { t, i18n } = useTranslation("versions");
  const formatDate = useFormatDate();
  const headingId = useId();
  const api = `/api/public/workspaces/${encodeURIComponent(slug)}/versions`;
  const list = useApiGet<PublicVersionsResponse>(api);
  const current = useApiGet<PublicVersionResponse>(`${api}/${encodeURIComponent(number)}`);
  const error = current.error ?? list.error;
  if (error) {
    const message =
      error instanceof ApiError && error.code === "version_tampered"
        ? t("public.tampered")
        : error instanceof ApiError && error.status === 404
          ? t("public.notPublished")
          : null;
    return (
      <div className="page public-page">
        {message ? (
          <div className="alert" role="alert">
            <p>{message}</p>
          </div>
        ) : (
          <ErrorAlert error={error} />
        )}
      </div>
    );
  }
  if (!current.data) return <PageLoading />;
  const { workspace, version } = current.data;
  const frozen = version.content.workspace;
  const latest = list.data?.versions.at(-1)?.number;
  const lang = i18n.resolvedLanguage ?? "en";
  const period = [frozen.periodStart, frozen.periodEnd].filter((d) => d !== null).map(formatDate);
  return (
    <article className={standalone ? "page public-page" : "public-version"} aria-labelledby={headingId}>
      <header>
        {standalone && (
          <>
            <h1>{workspace.name}</h1>
            <p className="workspace-meta">
              {[frozen.jurisdiction, frozen.country].filter(Boolean).join(", ")}
              {period.length > 0 && ` · ${period.join(" – ")}`}
            </p>
          </>
        )}
        <h2 id={headingId}>{t("public.versionHeading", { number: version.number })}</h2>
        <p>{t("public.officialAt", { date: formatDate(version.officialAt) })}</p>
        {latest !== undefined && (
          <p className="hint">
            {latest === version.number ? (
              t("public.latestNote")
            ) : (
              <>
                {t("public.olderNote")}{" "}
                <Link to={`/p/${encodeURIComponent(slug)}`}>{t("public.seeLatest")}</Link>
              </>
            )}
          </p>
        )}
        <p>
          <strong>{t("public.hashLabel")}</strong>
        </p>
        <code className="hash" data-testid="public-hash">
          {version.hash}
        </code>
        <p className="hint">{t("public.hashHint")}</p>
        <h3>{t("public.signatories")}</h3>
        <FreezeSignatures signatures={version.signatures} heading={false} />
        <p className="print-only">
          {t("public.printSource", {
            url: `${window.location.origin}/p/${encodeURIComponent(slug)}/v/${version.number}`,
          })}
        </p>
        <div className="actions no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t("public.print")}
          </button>
          {EXPORT_FORMATS.map((format) => (
            <a
              key={format}
              className="button secondary"
              href={`${api}/${version.number}/export?format=${format}&lang=${lang}`}
              download
            >
              {`${t("public.download")} ${t(FORMAT_LABEL[format])}`}
            </a>
          ))}
        </div>
      </header>
      <VersionDocument content={version.content} />
      {version.content.record && <FrozenRecord record={version.content.record} />}
      {standalone && list.data && list.data.versions.length > 1 && (
        <nav className="no-print" aria-label={t("public.versions")}>
          <h2>{t("public.versions")}</h2>
          <ul>
            {[...list.data.versions].reverse().map((v) => (
              <li key={v.number}>
                <Link
                  to={`/p/${encodeURIComponent(slug)}/v/${v.number}`}
                  aria-current={v.number === version.number ? "page" : undefined}
                >
                  {t("public.versionHeading", { number: v.number })}
                </Link>{" "}
                · {formatDate(v.officialAt)}
              </li>
            ))}
          </ul>
        </nav>
      )}
    </article>
  );
}
