import type { ConsultationScope } from "@shared/consultation";
import { CONSULTATION_LIMITS } from "@shared/consultation";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { Field, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { useFormSubmit } from "~/hooks/useFormSubmit";

/** Midnight at the start of an ISO calendar day in the facilitator's own time zone, `days` later. */
const localMidnight = (isoDate: string, days = 0): string => {
  const [year = 0, month = 1, day = 1] = isoDate.split("-").map(Number);
  return new Date(year, month - 1, day + days).toISOString();
};

/**
 * A facilitator opens a consultation: title, what is asked, the days it is open (from the start
 * of the first to the end of the last, in the facilitator's time zone) and what is open.
 */
export function ConsultationForm({
  workspaceId,
  commitments,
  onOpened,
}: {
  workspaceId: string;
  commitments: { id: string; title: string }[];
  onOpened(): void;
}) {
  const { t } = useTranslation("consultation");
  const [scope, setScope] = useState<ConsultationScope>("plan");
  const { error, pending, submit } = useFormSubmit(async (form) => {
    await api.post(`/api/workspaces/${encodeURIComponent(workspaceId)}/consultations`, {
      title: String(form.get("title")),
      instructions: String(form.get("instructions")),
      startsAt: localMidnight(String(form.get("startsOn"))),
      endsAt: localMidnight(String(form.get("endsOn")), 1),
      scope,
      commitmentIds: scope === "commitments" ? form.getAll("commitmentIds").map(String) : [],
    });
    onOpened();
  });
  return (
    <form className="stack" onSubmit={submit} aria-label={t("manage.open")}>
      <p className="hint">{t("manage.intro")}</p>
      <TextField
        name="title"
        label={t("manage.titleField")}
        required
        maxLength={CONSULTATION_LIMITS.titleMaxLength}
      />
      <Field label={t("manage.instructions")} hint={t("manage.instructionsHint")}>
        {(control) => (
          <textarea
            {...control}
            name="instructions"
            required
            rows={4}
            maxLength={CONSULTATION_LIMITS.instructionsMaxLength}
          />
        )}
      </Field>
      <TextField name="startsOn" type="date" label={t("manage.startsOn")} required />
      <TextField name="endsOn" type="date" label={t("manage.endsOn")} required />
      <fieldset>
        <legend>{t("manage.scope")}</legend>
        {(["plan", "commitments"] as const).map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="scope"
              value={value}
              checked={scope === value}
              onChange={() => setScope(value)}
            />
            {t(value === "plan" ? "manage.scopePlan" : "manage.scopeCommitments")}
          </label>
        ))}
      </fieldset>
      {scope === "commitments" && (
        <fieldset>
          <legend>{t("manage.commitments")}</legend>
          {commitments.length === 0 && <p className="hint">{t("manage.noCommitments")}</p>}
          {commitments.map((c) => (
            <label key={c.id} className="checkbox">
              <input type="checkbox" name="commitmentIds" value={c.id} />
              {c.title}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorAlert
        error={error}
        fieldLabels={{
          title: t("manage.titleField"),
          instructions: t("manage.instructions"),
          startsAt: t("manage.startsOn"),
          endsAt: t("manage.endsOn"),
          commitmentIds: t("manage.commitments"),
        }}
      />
      <SubmitButton pending={pending} label={t("manage.submit")} pendingLabel={t("manage.pending")} />
    </form>
  );
}
