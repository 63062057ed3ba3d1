import type {
  ConsultationInput,
  ConsultationMeResponse,
  PublicConsultationResponse,
} from "@shared/consultation";
import { useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { ApiError, api } from "~/api";
import { ConsultationInputs } from "~/components/consultation/ConsultationInputs";
import { ConsultationWhen } from "~/components/consultation/ConsultationWhen";
import { InputForm } from "~/components/consultation/InputForm";
import { ReportInputForm } from "~/components/consultation/ModerationForms";
import { MoreInputs } from "~/components/consultation/MoreInputs";
import { ParticipateForm } from "~/components/consultation/ParticipateForm";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { PublicDraft } from "~/components/PublicDraft";
import { useApiGet } from "~/hooks/useApiGet";
import { useInputPages } from "~/hooks/useInputPages";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useRequest } from "~/hooks/useRequest";
import { useSession } from "~/hooks/useSession";
import { nextQuery } from "~/nextPath";
import "~/components/Versions.css";
import "~/components/Public.css";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section className="public-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Supports an input once; after that it says so (one support per person). */
function SupportButton({
  consultationId,
  input,
  supported,
  onSupported,
}: {
  consultationId: string;
  input: ConsultationInput;
  supported: boolean;
  onSupported(): void;
}) {
  const { t } = useTranslation("consultation");
  const { error, busy, run } = useRequest();
  if (supported) return <p className="meta">{t("inputs.supported")}</p>;
  const path = `/api/consultations/${encodeURIComponent(consultationId)}/inputs/${encodeURIComponent(input.id)}/support`;
  return (
    <div>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() => void run(() => api.post(path)).then((done) => done && onSupported())}
      >
        {t("inputs.support")}
      </button>
      <ErrorAlert error={error} />
    </div>
  );
}

/**
 * The public consultation page `/p/:slug/consultation`: what is asked, the dates, the open part
 * of the live draft (read-only text, no editor), and every input with its public answer. While the
 * consultation is open, anyone may sign up lightly and send inputs and supports.
 */
export function ConsultationPublicPage() {
  const { t } = useTranslation("consultation");
  const { t: tPublic } = useTranslation("public");
  const { slug = "" } = useParams();
  const location = useLocation();
  const { user } = useSession();
  const [revision, setRevision] = useState(0);
  // Folded at first: on a phone the draft is many screens long, and the form comes after it.
  const [showDraft, setShowDraft] = useState(false);
  const reload = () => setRevision((n) => n + 1);
  const path = `/api/public/workspaces/${encodeURIComponent(slug)}/consultation`;
  const page = useApiGet<PublicConsultationResponse>(path, revision);
  const firstPage = useMemo(
    () => page.data && { inputs: page.data.inputs, next: page.data.next, total: page.data.inputsTotal },
    [page.data],
  );
  const pages = useInputPages(firstPage, `${path}/inputs`);
  const list = useRef<HTMLDivElement>(null);
  const consultationId = page.data?.consultation.id;
  const me = useApiGet<ConsultationMeResponse>(
    user && consultationId ? `/api/consultations/${encodeURIComponent(consultationId)}/me` : null,
    revision,
  );
  usePageTitle(t("pageTitle", { title: page.data?.consultation.title ?? slug }));
  if (page.error && !page.data) {
    return (
      <div className="page public-page">
        {page.error instanceof ApiError && page.error.status === 404 ? (
          <div className="alert" role="alert">
            <p>{t("notFound")}</p>
          </div>
        ) : (
          <ErrorAlert error={page.error} />
        )}
      </div>
    );
  }
  if (!page.data) return <PageLoading />;
  const { consultation, workspace, commitments } = page.data;
  const titles = new Map(commitments.map((c) => [c.id, c.title]));
  const participant = user ? (me.data?.participant ?? null) : null;
  const supported = new Set(me.data?.supported ?? []);
  const mine = new Set(user ? (me.data?.mine ?? []) : []);
  const own = user ? (me.data?.own ?? []) : [];
  const reported = new Set(me.data?.reported ?? []);
  const open = consultation.status === "open";
  return (
    <div className="page public-page process-page consultation-page">
      <header>
        <p>
          <Link to={`/p/${encodeURIComponent(slug)}`}>{t("backToProcess")}</Link>
        </p>
        <h1>{consultation.title}</h1>
        <p className="workspace-meta">{workspace.name}</p>
        <ConsultationWhen consultation={consultation} />
        {page.data.reportPublished && (
          <p>
            <Link to={`/p/${encodeURIComponent(slug)}/consultation/report`} className="strong-link">
              {t("heard.link")}
            </Link>
          </p>
        )}
      </header>
      <Section title={t("instructions")}>
        <p className="notes" data-testid="consultation-instructions">
          {consultation.instructions}
        </p>
      </Section>
      <Section title={t("draft.heading")}>
        <p className="hint">{t(`scope.${consultation.scope}`)}</p>
        <button
          type="button"
          className="secondary"
          aria-expanded={showDraft}
          onClick={() => setShowDraft((shown) => !shown)}
        >
          {tPublic(showDraft ? "draft.hide" : "draft.show")}
        </button>
        {showDraft && (
          <PublicDraft
            path={`${path}/draft`}
            live={{ slug, channel: "consultation" }}
            commitmentsOnly={consultation.scope === "commitments"}
          />
        )}
      </Section>
      <Section title={t("takePart.heading")}>
        {!open ? (
          <p className="hint">
            {t(consultation.status === "closed" ? "takePart.closed" : "takePart.upcoming")}
          </p>
        ) : participant ? (
          <InputForm consultationId={consultation.id} commitments={commitments} onSent={reload} />
        ) : user && !me.data ? (
          <ErrorAlert error={me.error} />
        ) : (
          <>
            <p>{t(user ? "takePart.joinIntro" : "takePart.intro")}</p>
            {!user && (
              <p>
                {t("takePart.haveAccount")}{" "}
                <Link to={`/signin${nextQuery(location.pathname)}`}>{t("takePart.signIn")}</Link>
              </p>
            )}
            <ParticipateForm consultationId={consultation.id} onJoined={reload} />
          </>
        )}
      </Section>
      {own.length > 0 && (
        // Among thousands of inputs, one's own and their answers would be pages away.
        <Section title={t("yours.heading")}>
          <p className="hint">
            {mine.size > own.length
              ? t("yours.newest", { count: own.length, total: mine.size })
              : t("yours.intro")}
          </p>
          <div data-testid="own-inputs">
            <ConsultationInputs inputs={own} titles={titles} />
          </div>
        </Section>
      )}
      <Section title={t("inputs.heading")}>
        <div ref={list} data-testid="all-inputs">
          <ConsultationInputs
            inputs={pages.inputs}
            titles={titles}
            mine={mine}
            actions={(input) =>
              participant &&
              !mine.has(input.id) && (
                <div className="input-actions">
                  {open && !input.hidden && (
                    // One's own input cannot be supported (the server refuses it too).
                    <SupportButton
                      consultationId={consultation.id}
                      input={input}
                      supported={supported.has(input.id)}
                      onSupported={reload}
                    />
                  )}
                  {!input.hidden && (
                    <ReportInputForm
                      consultationId={consultation.id}
                      input={input}
                      reported={reported.has(input.id)}
                      onReported={reload}
                    />
                  )}
                </div>
              )
            }
          />
        </div>
        <MoreInputs pages={pages} list={list} />
      </Section>
    </div>
  );
}
