import type { ConsultationReportResponse } from "@shared/consultationReport";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "~/api";
import { ConsultationWhen } from "~/components/consultation/ConsultationWhen";
import { HeardDownloads, HeardReport } from "~/components/consultation/HeardReport";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import "~/components/Public.css";

/**
 * "What we heard and what we did" on the process page (`/p/:slug/consultation/report`), once the
 * facilitators published it: a document anyone can read, print and download.
 */
export function ConsultationReportPublicPage() {
  const { t } = useTranslation("consultation");
  const { slug = "" } = useParams();
  const path = `/api/public/workspaces/${encodeURIComponent(slug)}/consultation/report`;
  const answer = useApiGet<ConsultationReportResponse>(path);
  usePageTitle(t("heard.pageTitle", { title: answer.data?.report.consultation.title ?? slug }));
  if (answer.error && !answer.data) {
    return (
      <div className="page public-page">
        {answer.error instanceof ApiError && answer.error.status === 404 ? (
          <div className="alert" role="alert">
            <p>{t("heard.notFound")}</p>
          </div>
        ) : (
          <ErrorAlert error={answer.error} />
        )}
      </div>
    );
  }
  if (!answer.data) return <PageLoading />;
  const { report, workspace } = answer.data;
  return (
    <article className="page public-page heard-page">
      <header>
        <p>
          <Link to={`/p/${encodeURIComponent(slug)}`}>{t("backToProcess")}</Link> ·{" "}
          <Link to={`/p/${encodeURIComponent(slug)}/consultation`}>{t("heard.toConsultation")}</Link>
        </p>
        <h1>{t("heard.heading")}</h1>
        <p className="workspace-meta">
          {report.consultation.title} · {workspace.name}
        </p>
        <ConsultationWhen consultation={report.consultation} />
        <p>{t("heard.publicIntro")}</p>
      </header>
      <HeardDownloads path={path} />
      <HeardReport report={report} />
    </article>
  );
}
