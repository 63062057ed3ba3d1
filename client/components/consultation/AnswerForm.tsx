import { COMMENT_LIMITS, RESPONSE_STATUSES } from "@shared/comments";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { Field, SelectField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { useRequest } from "~/hooks/useRequest";

/** A drafter's reasoned, public answer to an input; a later answer revises it and keeps the first. */
export function AnswerForm({ path, onAnswered }: { path: string; onAnswered(): void }) {
  const { t } = useTranslation("consultation");
  const { t: tp } = useTranslation("public");
  const { error, busy, run } = useRequest();
  return (
    <details className="answer-form">
      <summary>{t("answer.heading")}</summary>
      <form
        className="stack"
        aria-label={t("answer.heading")}
        onSubmit={(event) => {
          event.preventDefault();
          const element = event.currentTarget;
          const form = new FormData(element);
          const body = { status: String(form.get("status")), reason: String(form.get("reason")) };
          void run(() => api.post(`${path}/responses`, body)).then((done) => {
            if (!done) return;
            element.reset();
            onAnswered();
          });
        }}
      >
        <SelectField
          name="status"
          label={t("answer.status")}
          required
          defaultValue=""
          options={[
            { value: "", label: t("answer.choose") },
            ...RESPONSE_STATUSES.map((status) => ({ value: status, label: tp(`responseStatus.${status}`) })),
          ]}
        />
        <Field label={t("answer.reason")} hint={t("answer.reasonHint")}>
          {(control) => (
            <textarea
              {...control}
              name="reason"
              required
              rows={3}
              maxLength={COMMENT_LIMITS.reasonMaxLength}
            />
          )}
        </Field>
        <ErrorAlert error={error} fieldLabels={{ status: t("answer.status"), reason: t("answer.reason") }} />
        <SubmitButton pending={busy} label={t("answer.submit")} pendingLabel={t("answer.pending")} />
      </form>
    </details>
  );
}
