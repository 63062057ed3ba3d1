import type { ConsultationReportResponse } from "@shared/consultationReport";
import type { PublicationResponse } from "@shared/publication";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "~/api";
import { ConsultationWhen } from "~/components/consultation/ConsultationWhen";
import { HeardDownloads, HeardReport } from "~/components/consultation/HeardReport";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useRequest } from "~/hooks/useRequest";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Public.css";

/** A facilitator shows the report on the process page, or withdraws it: explicit and reversible. */
function PublishReport({
  path,
  published,
  processPublished,
  onChanged,
}: {
  path: string;
  published: boolean;
  processPublished: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation("consultation");
  const { error, busy, run } = useRequest();
  const toggle = () =>
    void run(() => api.put(`${path}/publication`, { published: !published })).then(
      (done) => done && onChanged(),
    );
  return (
    <section className="card stack" aria-labelledby="heard-publish-title">
      <h2 id="heard-publish-title">{t("heard.publish.heading")}</h2>
      <p data-testid="heard-publication">
        {t(published ? "heard.publish.isPublished" : "heard.publish.notPublished")}
      </p>
      {!processPublished && <p className="hint">{t("heard.publish.processFirst")}</p>}
      <div className="heard-publish">
        <button
          type="button"
          className={published ? "secondary" : undefined}
          disabled={busy}
          onClick={toggle}
        >
          {t(published ? "heard.publish.withdraw" : "heard.publish.publish")}
        </button>
      </div>
      <ErrorAlert error={error} />
    </section>
  );
}

/**
 * "What we heard and what we did" for members (`/w/:id/consultation/:consultationId/report`): every
 * input grouped by part of the plan with its answer, the counts, the downloads, and for
 * facilitators the choice to publish it on the process page.
 */
export function ConsultationReportPage() {
  const { t } = useTranslation("consultation");
  const { consultationId = "" } = useParams();
  const { workspace, membership, revision } = useWorkspace();
  const base = `/api/workspaces/${encodeURIComponent(workspace.id)}`;
  const path = `${base}/consultations/${encodeURIComponent(consultationId)}/report`;
  const answer = useApiGet<ConsultationReportResponse>(path, revision);
  const publication = useApiGet<PublicationResponse>(`${base}/publication`, revision);
  usePageTitle(t("heard.pageTitle", { title: answer.data?.report.consultation.title ?? "" }));
  if (!answer.data) return answer.error ? <ErrorAlert error={answer.error} /> : <PageLoading />;
  const { report, published } = answer.data;
  const processPublished = publication.data?.settings.published ?? false;
  return (
    <article className="stack heard-page">
      <p>
        <Link to={`/w/${encodeURIComponent(workspace.id)}/consultation`}>
          {t("heard.backToConsultation")}
        </Link>
      </p>
      <header>
        <h1>{t("heard.heading")}</h1>
        <p className="workspace-meta">{report.consultation.title}</p>
        <ConsultationWhen consultation={report.consultation} />
        <p>{t("heard.intro")}</p>
        {published && processPublished && (
          <p>
            <Link to={`/p/${encodeURIComponent(workspace.slug)}/consultation/report`}>
              {t("heard.publicLink")}
            </Link>
          </p>
        )}
      </header>
      {membership.role === "facilitator" && (
        <PublishReport
          path={path}
          published={published}
          processPublished={processPublished}
          onChanged={answer.reload}
        />
      )}
      <HeardDownloads path={path} />
      <HeardReport report={report} />
    </article>
  );
}
