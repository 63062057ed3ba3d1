import { COMMENT_LIMITS } from "@shared/comments";
import { CONSULTATION_LIMITS, type ConsultationInput } from "@shared/consultation";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { Field, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { useRequest } from "~/hooks/useRequest";

/**
 * A facilitator hides an input with a public reason (shown in place of its text), or shows a
 * hidden one again. Both are recorded; nothing is deleted. `path` is the input's member API path.
 */
export function HideInputForm({
  path,
  input,
  onChanged,
}: {
  path: string;
  input: ConsultationInput;
  onChanged(): void;
}) {
  const { t } = useTranslation("consultation");
  const { error, busy, run } = useRequest();
  if (input.hidden) {
    return (
      <div>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void run(() => api.post(`${path}/show`)).then((done) => done && onChanged())}
        >
          {t("moderation.show")}
        </button>
        <ErrorAlert error={error} />
      </div>
    );
  }
  return (
    <details className="answer-form">
      <summary>{t("moderation.hide")}</summary>
      <form
        className="stack"
        aria-label={t("moderation.hide")}
        onSubmit={(event) => {
          event.preventDefault();
          const element = event.currentTarget;
          const reason = String(new FormData(element).get("reason"));
          void run(() => api.post(`${path}/hide`, { reason })).then((done) => {
            if (!done) return;
            element.reset();
            onChanged();
          });
        }}
      >
        <p className="hint">{t("moderation.hideIntro")}</p>
        <Field label={t("moderation.reason")} hint={t("moderation.reasonHint")}>
          {(control) => (
            <textarea
              {...control}
              name="reason"
              required
              rows={2}
              maxLength={COMMENT_LIMITS.reasonMaxLength}
            />
          )}
        </Field>
        <ErrorAlert error={error} fieldLabels={{ reason: t("moderation.reason") }} />
        <SubmitButton
          pending={busy}
          label={t("moderation.submitHide")}
          pendingLabel={t("moderation.pending")}
        />
      </form>
    </details>
  );
}

/**
 * A participant or member reports an input as abusive, once, with an optional short reason that
 * only facilitators read. `reported` when they already did.
 */
export function ReportInputForm({
  consultationId,
  input,
  reported,
  onReported,
}: {
  consultationId: string;
  input: ConsultationInput;
  reported: boolean;
  onReported(): void;
}) {
  const { t } = useTranslation("consultation");
  const { error, busy, run } = useRequest();
  if (reported) return <p className="meta">{t("report.done")}</p>;
  const path = `/api/consultations/${encodeURIComponent(consultationId)}/inputs/${encodeURIComponent(input.id)}/reports`;
  return (
    <details className="answer-form">
      <summary>{t("report.heading")}</summary>
      <form
        className="stack"
        aria-label={t("report.heading")}
        onSubmit={(event) => {
          event.preventDefault();
          const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
          void run(() => api.post(path, reason ? { reason } : {})).then((done) => done && onReported());
        }}
      >
        <p className="hint">{t("report.intro")}</p>
        <TextField
          name="reason"
          label={t("report.reason")}
          optional
          maxLength={CONSULTATION_LIMITS.reportReasonMaxLength}
        />
        <ErrorAlert error={error} fieldLabels={{ reason: t("report.reason") }} />
        <SubmitButton pending={busy} label={t("report.submit")} pendingLabel={t("report.pending")} />
      </form>
    </details>
  );
}
