import type { UserResponse } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useFormSubmit } from "~/hooks/useFormSubmit";
import { useSession } from "~/hooks/useSession";
import { isLocale } from "~/i18n/language";
import { EmailField } from "./EmailField";
import { ErrorAlert } from "./ErrorAlert";
import { TextField } from "./Field";
import { PasswordField } from "./PasswordField";
import { PasswordStrength } from "./PasswordStrength";
import { SubmitButton } from "./SubmitButton";

/** Creates an account (saving the current language as its locale) and signs in; the page reacts to the new session. */
export function SignUpForm() {
  const { t, i18n } = useTranslation("auth");
  const { setUser } = useSession();
  // What the strength estimate needs, read from the form as the person types.
  const [typed, setTyped] = useState({ name: "", email: "", password: "" });
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "");
    setTyped({ name: field("name"), email: field("email"), password: field("password") });
  };
  const { error, pending, submit } = useFormSubmit(async (form) => {
    const locale = i18n.resolvedLanguage;
    const { user } = await api.post<UserResponse>("/api/auth/signup", {
      name: String(form.get("name")),
      email: String(form.get("email")),
      password: String(form.get("password")),
      ...(isLocale(locale) && { locale }),
    });
    setUser(user);
  });

  return (
    <form className="stack" onSubmit={submit} onInput={onInput} aria-label={t("signUp.formLabel")}>
      <TextField
        name="name"
        label={t("name")}
        hint={t("nameHint")}
        autoComplete="name"
        required
        maxLength={LIMITS.nameMaxLength}
      />
      <EmailField />
      <PasswordField
        label={t("password")}
        hint={t("passwordHint", { min: LIMITS.passwordMinLength })}
        autoComplete="new-password"
        minLength={LIMITS.passwordMinLength}
        maxLength={LIMITS.passwordMaxLength}
      />
      <PasswordStrength password={typed.password} userInputs={[typed.name, typed.email]} />
      <ErrorAlert
        error={error}
        fieldLabels={{ name: t("name"), email: t("email"), password: t("password") }}
      />
      <SubmitButton pending={pending} label={t("signUp.submit")} pendingLabel={t("signUp.pending")} />
    </form>
  );
}
