import type { UserResponse } from "@shared/api";
import { LOCALES } from "@shared/locales";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { api } from "~/api";
import { ChangePasswordForm } from "~/components/ChangePasswordForm";
import { ErrorAlert } from "~/components/ErrorAlert";
import { SelectField, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { announceSuccess } from "~/components/Toasts";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";
import { useSignOut } from "~/hooks/useSignOut";
import { applyLanguage } from "~/i18n";
import { isLocale, LANGUAGE_NAMES } from "~/i18n/language";

/** /account: the signed-in person's name and language, their password, and signing out on every device. */
export function AccountPage() {
  const { t } = useTranslation("account");
  const { user, setUser } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const everywhere = useSignOut("everywhere");
  usePageTitle(t("pageTitle"));
  if (!user) return <Navigate to="/signin?next=%2Faccount" replace />;

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    const locale = String(form.get("locale") ?? "");
    setError(null);
    setNameError(name === "" ? t("profile.nameRequired") : null);
    if (name === "" || !isLocale(locale)) return;
    setPending(true);
    try {
      const { user: saved } = await api.patch<UserResponse>("/api/me", { name, locale });
      setUser(saved);
      await applyLanguage(locale);
      announceSuccess(t("profile.saved"));
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>{t("title")}</h1>
      <p className="lead">{user.email}</p>
      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("profile.title")}</h2>
        <form className="stack" onSubmit={save} noValidate aria-labelledby="profile-title">
          <TextField
            label={t("profile.name")}
            hint={t("profile.nameHint")}
            name="name"
            defaultValue={user.name}
            autoComplete="name"
            error={nameError}
          />
          <SelectField
            label={t("profile.language")}
            name="locale"
            defaultValue={user.locale ?? undefined}
            options={LOCALES.map((locale) => ({
              value: locale,
              label: LANGUAGE_NAMES[locale],
              lang: locale,
            }))}
          />
          <ErrorAlert error={error} />
          <SubmitButton pending={pending} label={t("profile.save")} pendingLabel={t("profile.saving")} />
        </form>
      </section>
      <section className="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t("password.title")}</h2>
        <ChangePasswordForm user={user} />
      </section>
      <section className="panel" aria-labelledby="devices-title">
        <h2 id="devices-title">{t("devices.title")}</h2>
        <p>{t("devices.hint")}</p>
        <button type="button" className="secondary" onClick={everywhere.signOut}>
          {t("devices.signOutEverywhere")}
        </button>
        {everywhere.shown}
      </section>
    </div>
  );
}
