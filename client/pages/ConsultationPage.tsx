import type {
  ConsultationInputsResponse,
  ConsultationMeResponse,
  ConsultationsResponse,
} from "@shared/consultation";
import type { DraftResponse } from "@shared/freeze";
import type { PublicationResponse } from "@shared/publication";
import { canEditPlan } from "@shared/roles";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AnswerForm } from "~/components/consultation/AnswerForm";
import { ConsultationForm } from "~/components/consultation/ConsultationForm";
import { ConsultationInputs } from "~/components/consultation/ConsultationInputs";
import { ConsultationWhen } from "~/components/consultation/ConsultationWhen";
import { HideInputForm, ReportInputForm } from "~/components/consultation/ModerationForms";
import { MoreInputs } from "~/components/consultation/MoreInputs";
import { RecordInputForm } from "~/components/consultation/RecordInputForm";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { useApiGet } from "~/hooks/useApiGet";
import { useInputPages } from "~/hooks/useInputPages";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Public.css";

/**
 * The workspace's consultation: facilitators open one and record inputs received offline;
 * drafters answer each input with a reason; every member sees the inputs and the answers.
 */
export function ConsultationPage() {
  const { t } = useTranslation("consultation");
  const { workspace, membership, revision } = useWorkspace();
  usePageTitle(t("manage.title"));
  const base = `/api/workspaces/${encodeURIComponent(workspace.id)}`;
  const list = useApiGet<ConsultationsResponse>(`${base}/consultations`, revision);
  const draft = useApiGet<DraftResponse>(`${base}/draft`, revision);
  const publication = useApiGet<PublicationResponse>(`${base}/publication`, revision);
  const latest = list.data?.consultations[0];
  const path = latest ? `${base}/consultations/${encodeURIComponent(latest.id)}` : null;
  const inputs = useApiGet<ConsultationInputsResponse>(path && `${path}/inputs`, revision);
  const pages = useInputPages(inputs.data, `${path}/inputs`);
  const inputList = useRef<HTMLDivElement>(null);
  const facilitator = membership.role === "facilitator";
  // Members other than facilitators report an input as anyone may; facilitators hide it.
  const me = useApiGet<ConsultationMeResponse>(
    latest && !facilitator ? `/api/consultations/${encodeURIComponent(latest.id)}/me` : null,
    revision,
  );
  const error = list.error ?? draft.error ?? publication.error ?? inputs.error;
  if (!list.data || !draft.data || !publication.data) {
    return error ? <ErrorAlert error={error} /> : <PageLoading />;
  }
  const commitments = draft.data.content.plan.commitments.map((c) => ({ id: c.id, title: c.title }));
  const titles = new Map(commitments.map((c) => [c.id, c.title]));
  const reload = () => {
    list.reload();
    inputs.reload();
    me.reload();
  };
  const reported = new Set(me.data?.reported ?? []);
  return (
    <div className="stack consultation-manage">
      <h2>{t("manage.title")}</h2>
      <ErrorAlert error={error} />
      {!latest && <p className="hint">{t("manage.none")}</p>}
      {latest && path && (
        <section className="stack" aria-labelledby="consultation-title">
          <h3 id="consultation-title">{latest.title}</h3>
          <ConsultationWhen consultation={latest} />
          <p>
            <Link
              to={`/w/${encodeURIComponent(workspace.id)}/consultation/${encodeURIComponent(latest.id)}/report`}
              className="strong-link"
            >
              {t("heard.link")}
            </Link>
          </p>
          {publication.data.settings.published ? (
            <p>
              <Link to={`/p/${encodeURIComponent(workspace.slug)}/consultation`}>
                {t("manage.publicLink")}
              </Link>
            </p>
          ) : (
            <p className="hint">{t("manage.notPublished")}</p>
          )}
          <p className="notes">{latest.instructions}</p>
          {inputs.data && (
            <div ref={inputList}>
              <ConsultationInputs
                inputs={pages.inputs}
                titles={titles}
                actions={(input) => {
                  const inputPath = `${path}/inputs/${encodeURIComponent(input.id)}`;
                  return (
                    <div className="input-actions">
                      {canEditPlan(membership.role) && <AnswerForm path={inputPath} onAnswered={reload} />}
                      {facilitator ? (
                        <HideInputForm path={inputPath} input={input} onChanged={reload} />
                      ) : (
                        me.data && (
                          <ReportInputForm
                            consultationId={latest.id}
                            input={input}
                            reported={reported.has(input.id)}
                            onReported={reload}
                          />
                        )
                      )}
                    </div>
                  );
                }}
              />
              <MoreInputs pages={pages} list={inputList} />
            </div>
          )}
          {facilitator && (
            <section className="card" aria-labelledby="record-input-title">
              <h3 id="record-input-title">{t("record.heading")}</h3>
              <RecordInputForm path={path} commitments={commitments} onRecorded={reload} />
            </section>
          )}
        </section>
      )}
      {facilitator && latest?.status !== "open" && latest?.status !== "upcoming" && (
        <section className="card" aria-labelledby="open-consultation-title">
          <h3 id="open-consultation-title">{t("manage.open")}</h3>
          <ConsultationForm workspaceId={workspace.id} commitments={commitments} onOpened={reload} />
        </section>
      )}
    </div>
  );
}
