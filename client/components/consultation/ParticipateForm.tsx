import type { UserResponse } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { EmailField } from "~/components/EmailField";
import { ErrorAlert } from "~/components/ErrorAlert";
import { TextField } from "~/components/Field";
import { PasswordField } from "~/components/PasswordField";
import { PasswordStrength } from "~/components/PasswordStrength";
import { SubmitButton } from "~/components/SubmitButton";
import { useFormSubmit } from "~/hooks/useFormSubmit";
import { useSession } from "~/hooks/useSession";
import { isLocale } from "~/i18n/language";
import { SectorField } from "./SectorField";

/**
 * Takes part in a consultation without an invitation. Signed out, it is the light sign-up: an
 * account and the participation in one step. Signed in, only the participation is asked.
 */
export function ParticipateForm({ consultationId, onJoined }: { consultationId: string; onJoined(): void }) {
  const { t, i18n } = useTranslation("consultation");
  const { t: ta } = useTranslation("auth");
  const { user, setUser } = useSession();
  const showNameHint = useId();
  const [typed, setTyped] = useState({ name: "", email: "", password: "" });
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "");
    setTyped({ name: field("name"), email: field("email"), password: field("password") });
  };
  const base = `/api/consultations/${encodeURIComponent(consultationId)}`;
  const { error, pending, submit } = useFormSubmit(async (form) => {
    const organization = String(form.get("organization") ?? "").trim();
    const participation = {
      sector: String(form.get("sector")),
      showName: form.get("showName") === "on",
      ...(organization && { organization }),
    };
    if (user) {
      await api.post(`${base}/participants`, participation);
    } else {
      const locale = i18n.resolvedLanguage;
      const answer = await api.post<UserResponse>(`${base}/signup`, {
        name: String(form.get("name")),
        email: String(form.get("email")),
        password: String(form.get("password")),
        ...(isLocale(locale) && { locale }),
        ...participation,
      });
      setUser(answer.user);
    }
    onJoined();
  });
  return (
    <form className="stack" onSubmit={submit} onInput={onInput} aria-label={t("participation.formLabel")}>
      {!user && (
        <>
          <TextField
            name="name"
            label={ta("name")}
            autoComplete="name"
            required
            maxLength={LIMITS.nameMaxLength}
          />
          <EmailField />
          <PasswordField
            label={ta("password")}
            hint={ta("passwordHint", { min: LIMITS.passwordMinLength })}
            autoComplete="new-password"
            minLength={LIMITS.passwordMinLength}
            maxLength={LIMITS.passwordMaxLength}
          />
          <PasswordStrength password={typed.password} userInputs={[typed.name, typed.email]} />
        </>
      )}
      <SectorField label={t("participation.sector")} hint={t("participation.sectorHint")} />
      <TextField
        name="organization"
        label={t("participation.organization")}
        optional
        autoComplete="organization"
        maxLength={LIMITS.organizationMaxLength}
      />
      <label className="checkbox">
        <input type="checkbox" name="showName" aria-describedby={showNameHint} />
        {t("participation.showName")}
      </label>
      <p className="hint" id={showNameHint}>
        {t("participation.showNameHint")}
      </p>
      <ErrorAlert
        error={error}
        fieldLabels={{
          name: ta("name"),
          email: ta("email"),
          password: ta("password"),
          sector: t("participation.sector"),
          organization: t("participation.organization"),
        }}
      />
      {user ? (
        <SubmitButton
          pending={pending}
          label={t("participation.submitJoin")}
          pendingLabel={t("participation.pendingJoin")}
        />
      ) : (
        <SubmitButton
          pending={pending}
          label={t("participation.submitSignUp")}
          pendingLabel={t("participation.pendingSignUp")}
        />
      )}
    </form>
  );
}
