import type { UserResponse } from "@shared/api";
import { LOCALES } from "@shared/locales";
import { type ChangeEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useErrorMessage } from "~/hooks/useErrorMessage";
import { useSession } from "~/hooks/useSession";
import { applyLanguage } from "~/i18n";
import { isLocale, LANGUAGE_NAMES } from "~/i18n/language";

/** The header's language select; a signed-in user's choice is saved on their account. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { user, setUser } = useSession();
  const messageOf = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const change = async (event: ChangeEvent<HTMLSelectElement>) => {
    const locale = event.target.value;
    if (!isLocale(locale)) return;
    setError(null);
    await applyLanguage(locale);
    if (!user) return;
    try {
      const { user: saved } = await api.patch<UserResponse>("/api/me", { locale });
      setUser(saved);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t("language.label")}</label>
      <select id={id} value={i18n.resolvedLanguage} onChange={change}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
      {error !== null && (
        <p className="alert" role="alert">
          {t("language.notSaved")} {messageOf(error)}
        </p>
      )}
    </div>
  );
}
