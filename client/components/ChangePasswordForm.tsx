import type { User } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "~/api";
import { ErrorAlert } from "./ErrorAlert";
import { PasswordField } from "./PasswordField";
import { PasswordStrength } from "./PasswordStrength";
import { SubmitButton } from "./SubmitButton";
import { announceSuccess } from "./Toasts";

/**
 * The account page's password change: the current password, then a new one held to sign-up's
 * strength rule (with the same live estimate). The server ends every other session; this
 * browser stays signed in. A wrong current password or a weak new one is said at its field.
 */
export function ChangePasswordForm({ user }: { user: User }) {
  const { t } = useTranslation("account");
  const { t: te } = useTranslation("errors");
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const code = error instanceof ApiError ? error.code : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setError(null);
    setPending(true);
    try {
      await api.post("/api/me/password", {
        currentPassword: String(form.get("currentPassword") ?? ""),
        newPassword: String(form.get("newPassword") ?? ""),
      });
      formElement.reset();
      setTyped("");
      announceSuccess(t("password.changed"));
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="stack"
      onSubmit={submit}
      onInput={(event) => setTyped(String(new FormData(event.currentTarget).get("newPassword") ?? ""))}
      aria-labelledby="password-title"
    >
      <p>{t("password.hint")}</p>
      <PasswordField
        name="currentPassword"
        label={t("password.current")}
        autoComplete="current-password"
        maxLength={LIMITS.passwordMaxLength}
        error={code === "wrong_password" ? t("password.wrong") : null}
      />
      <PasswordField
        name="newPassword"
        label={t("password.new")}
        hint={t("password.newHint", { min: LIMITS.passwordMinLength })}
        autoComplete="new-password"
        minLength={LIMITS.passwordMinLength}
        maxLength={LIMITS.passwordMaxLength}
        error={code === "weak_password" ? te("codes.weak_password") : null}
      />
      <PasswordStrength password={typed} userInputs={[user.name, user.email]} />
      {/* Other failures (too many tries, the network) have no field of their own. */}
      {code !== "wrong_password" && code !== "weak_password" && <ErrorAlert error={error} />}
      <SubmitButton pending={pending} label={t("password.submit")} pendingLabel={t("password.pending")} />
    </form>
  );
}
