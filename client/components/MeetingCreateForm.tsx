import { LOCALES } from "@shared/locales";
import type { MeetingResponse } from "@shared/meetings";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { isLocale, LANGUAGE_NAMES } from "~/i18n/language";
import { ErrorAlert } from "./ErrorAlert";
import { SelectField, TextField } from "./Field";

/**
 * The form facilitators create a meeting with, from the coordination template or blank. The
 * template's agenda is written in the meeting's language (the workspace's by default), which may
 * differ from the facilitator's own.
 */
export function MeetingCreateForm({
  workspaceId,
  defaultLocale,
  onCreated,
}: {
  workspaceId: string;
  /** The workspace's language: the meeting's unless the facilitator picks another. */
  defaultLocale: string;
  onCreated(id: string): void;
}) {
  const { t, i18n } = useTranslation("meetings");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const planned = text("plannedMinutes");
    const startsAt = text("startsAt");
    setBusy(true);
    try {
      const answer = await api.post<MeetingResponse>(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/meetings`,
        {
          title: text("title"),
          startsAt: startsAt ? new Date(startsAt).toISOString() : "",
          place: text("place"),
          link: text("link"),
          template: text("template"),
          locale: text("locale"),
          ...(planned && { plannedMinutes: Number(planned) }),
        },
      );
      onCreated(answer.meeting.id);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="stacked-form">
      <ErrorAlert
        error={error}
        fieldLabels={{
          title: t("form.name"),
          startsAt: t("form.startsAt"),
          link: t("form.link"),
          plannedMinutes: t("form.plannedMinutes"),
        }}
      />
      <TextField name="title" label={t("form.name")} required maxLength={160} />
      <TextField name="startsAt" type="datetime-local" label={t("form.startsAt")} required />
      <TextField name="place" label={t("form.place")} optional maxLength={300} />
      <TextField name="link" type="url" label={t("form.link")} optional />
      <SelectField
        name="template"
        label={t("form.template")}
        options={[
          { value: "coordination", label: t("form.templates.coordination") },
          { value: "blank", label: t("form.templates.blank") },
        ]}
      />
      <SelectField
        name="locale"
        label={t("form.locale")}
        hint={t("form.localeHint")}
        defaultValue={isLocale(defaultLocale) ? defaultLocale : i18n.resolvedLanguage}
        options={LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] }))}
      />
      <TextField
        name="plannedMinutes"
        type="number"
        min={1}
        max={1440}
        label={t("form.plannedMinutes")}
        hint={t("form.plannedHint")}
        optional
      />
      <button type="submit" disabled={busy}>
        {t("form.submit")}
      </button>
    </form>
  );
}
