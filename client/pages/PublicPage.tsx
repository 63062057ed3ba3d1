import type { PublicProcessResponse } from "@shared/publication";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "~/api";
import { ConsultationWhen } from "~/components/consultation/ConsultationWhen";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { PublicDeclines } from "~/components/PublicDeclines";
import { PublicDraft } from "~/components/PublicDraft";
import { PublicForum } from "~/components/PublicForum";
import { PublicInputs } from "~/components/PublicInputs";
import { PublicMeetings } from "~/components/PublicMeetings";
import { PublicRecord } from "~/components/PublicRecord";
import { PublicRoadmap } from "~/components/PublicRoadmap";
import { PublicSealKey } from "~/components/PublicSealKey";
import { PublicVersion } from "~/components/PublicVersion";
import { SignOffRulesView } from "~/components/SignOffRulesView";
import { WithheldVersions } from "~/components/WithheldVersions";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDate } from "~/hooks/useFormatDate";
import { usePageTitle } from "~/hooks/usePageTitle";
import "~/components/Versions.css";
import "~/components/Public.css";

/** A titled section of the process page. */
function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section className="public-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The public process page `/p/:slug`, for anyone without signing in: once a facilitator publishes
 * it, the roadmap, the forum, meetings, published inputs and the live draft; from the first
 * official version on, every official version with its declines. Only what the API serves to a
 * visitor is shown; the API holds back everything unpublished.
 */
export function PublicPage() {
  const { t } = useTranslation("public");
  const { t: tRecord } = useTranslation("record");
  const { t: tConsultation } = useTranslation("consultation");
  const { slug = "" } = useParams();
  const formatDate = useFormatDate();
  const [showDraft, setShowDraft] = useState(false);
  const process = useApiGet<PublicProcessResponse>(`/api/public/workspaces/${encodeURIComponent(slug)}`);
  usePageTitle(t("pageTitle", { name: process.data?.workspace.name ?? slug }));
  if (process.error) {
    return (
      <div className="page public-page">
        {process.error instanceof ApiError && process.error.status === 404 ? (
          <div className="alert" role="alert">
            <p>{t("notPublished")}</p>
          </div>
        ) : (
          <ErrorAlert error={process.error} />
        )}
      </div>
    );
  }
  if (!process.data) return <PageLoading />;
  const { workspace, published, versions } = process.data;
  const period = [workspace.periodStart, workspace.periodEnd].filter((d) => d !== null).map(formatDate);
  return (
    <div className="page public-page process-page">
      <header>
        <h1>{workspace.name}</h1>
        <p className="workspace-meta">
          {[workspace.jurisdiction, workspace.country].filter(Boolean).join(", ")}
        </p>
        {period.length > 0 && <p>{t("period", { period: period.join(" – ") })}</p>}
      </header>
      {published && (
        <>
          {process.data.consultation && (
            <Section title={tConsultation("process.heading")}>
              <p>
                <strong>{process.data.consultation.title}</strong>
              </p>
              <ConsultationWhen consultation={process.data.consultation} />
              <p>
                <Link to={`/p/${encodeURIComponent(slug)}/consultation`} className="strong-link">
                  {tConsultation("process.link")}
                </Link>
              </p>
            </Section>
          )}
          <Section title={t("roadmap.heading")}>
            <PublicRoadmap roadmap={process.data.roadmap} />
          </Section>
          <Section title={t("forum.heading")}>
            <PublicForum forum={process.data.forum} />
            {process.data.rules && (
              <>
                <h3>{t("rules.heading")}</h3>
                <SignOffRulesView rules={process.data.rules} />
              </>
            )}
          </Section>
          <Section title={t("meetings.heading")}>
            <PublicMeetings meetings={process.data.meetings} slug={slug} />
          </Section>
          <Section title={t("inputs.heading")}>
            <PublicInputs inputs={process.data.inputs} />
          </Section>
          <Section title={tRecord("heading")}>
            <PublicRecord slug={slug} />
          </Section>
          {process.data.draft && (
            <Section title={t("draft.heading")}>
              <button
                type="button"
                className="secondary"
                aria-expanded={showDraft}
                onClick={() => setShowDraft((s) => !s)}
              >
                {t(showDraft ? "draft.hide" : "draft.show")}
              </button>
              {showDraft && <PublicDraft path={`/api/public/workspaces/${encodeURIComponent(slug)}/draft`} />}
            </Section>
          )}
        </>
      )}
      <Section title={t("versions.heading")}>
        <WithheldVersions numbers={process.data.withheldVersions} />
        {versions.length === 0 ? (
          <p className="hint">{t("versions.none")}</p>
        ) : (
          <>
            <PublicDeclines declines={process.data.declines} />
            <ul className="public-list no-print">
              {[...versions].reverse().map((v) => (
                <li key={v.number}>
                  <Link to={`/p/${encodeURIComponent(slug)}/v/${v.number}`}>
                    {t("versions.open", { number: v.number })}
                  </Link>{" "}
                  · {formatDate(v.officialAt)}
                </li>
              ))}
            </ul>
            <PublicSealKey />
            <PublicVersion slug={slug} />
          </>
        )}
      </Section>
    </div>
  );
}
