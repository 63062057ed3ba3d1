import type { WorkspaceResponse } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { LOCALES } from "@shared/locales";
import type { Sector } from "@shared/roles";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "~/api";
import { useFormSubmit } from "~/hooks/useFormSubmit";
import { useMemberOptions } from "~/hooks/useMemberOptions";
import { LANGUAGE_NAMES } from "~/i18n/language";
import { ErrorAlert } from "./ErrorAlert";
import { SelectField, TextField } from "./Field";
import { SubmitButton } from "./SubmitButton";

/** Sends only the fields the user filled in; the server applies its defaults to the rest. */
function optionalText(form: FormData, name: string): Record<string, string> {
  const value = String(form.get(name) ?? "").trim();
  return value ? { [name]: value } : {};
}

/** Creates a workspace (the creator becomes its facilitator) and opens it. */
export function CreateWorkspaceForm() {
  const { t, i18n } = useTranslation("home");
  const { sectorOptions } = useMemberOptions();
  const navigate = useNavigate();
  const [periodStart, setPeriodStart] = useState("");
  const { error, pending, submit } = useFormSubmit(async (form) => {
    const { workspace } = await api.post<Pick<WorkspaceResponse, "workspace">>("/api/workspaces", {
      name: String(form.get("name")),
      jurisdiction: String(form.get("jurisdiction")),
      sector: form.get("sector") as Sector,
      defaultLocale: String(form.get("defaultLocale")),
      maxCommitments: Number(form.get("maxCommitments")),
      ...optionalText(form, "country"),
      ...optionalText(form, "organization"),
      ...optionalText(form, "periodStart"),
      ...optionalText(form, "periodEnd"),
    });
    navigate(`/w/${encodeURIComponent(workspace.id)}`);
  });

  const labels = {
    name: t("create.name"),
    jurisdiction: t("create.jurisdiction"),
    country: t("create.country"),
    periodStart: t("create.periodStart"),
    periodEnd: t("create.periodEnd"),
    defaultLocale: t("create.defaultLocale"),
    maxCommitments: t("create.maxCommitments"),
    sector: t("create.sector"),
    organization: t("create.organization"),
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={t("create.title")}>
      <TextField
        name="name"
        label={labels.name}
        hint={t("create.nameHint")}
        required
        maxLength={LIMITS.workspaceNameMaxLength}
      />
      <div className="field-row">
        <TextField
          name="jurisdiction"
          label={labels.jurisdiction}
          hint={t("create.jurisdictionHint")}
          required
          maxLength={LIMITS.workspaceNameMaxLength}
        />
        <TextField
          name="country"
          label={labels.country}
          optional
          autoComplete="country-name"
          maxLength={LIMITS.nameMaxLength}
        />
      </div>
      <fieldset>
        <legend>{t("create.period")}</legend>
        <div className="field-row">
          <TextField
            name="periodStart"
            type="date"
            label={labels.periodStart}
            optional
            value={periodStart}
            onChange={(event) => setPeriodStart(event.target.value)}
          />
          <TextField
            name="periodEnd"
            type="date"
            label={labels.periodEnd}
            optional
            min={periodStart || undefined}
          />
        </div>
      </fieldset>
      <div className="field-row">
        <SelectField
          name="defaultLocale"
          label={labels.defaultLocale}
          defaultValue={i18n.resolvedLanguage}
          options={LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale], lang: locale }))}
        />
        <TextField
          name="maxCommitments"
          type="number"
          inputMode="numeric"
          label={labels.maxCommitments}
          hint={t("create.maxCommitmentsHint", { max: LIMITS.defaultMaxCommitments })}
          required
          min={1}
          max={LIMITS.maxCommitmentsCeiling}
          step={1}
          defaultValue={LIMITS.defaultMaxCommitments}
        />
      </div>
      <div className="field-row">
        <SelectField
          name="sector"
          label={labels.sector}
          hint={t("create.sectorHint")}
          options={sectorOptions}
          defaultValue="government"
        />
        <TextField
          name="organization"
          label={labels.organization}
          optional
          autoComplete="organization"
          maxLength={LIMITS.organizationMaxLength}
        />
      </div>
      <ErrorAlert error={error} fieldLabels={labels} />
      <SubmitButton pending={pending} label={t("create.submit")} pendingLabel={t("create.pending")} />
    </form>
  );
}
