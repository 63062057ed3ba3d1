import type { UserResponse } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useFormSubmit } from "~/hooks/useFormSubmit";
import { useSession } from "~/hooks/useSession";
import { EmailField } from "./EmailField";
import { ErrorAlert } from "./ErrorAlert";
import { PasswordField } from "./PasswordField";
import { SubmitButton } from "./SubmitButton";

/** Email + password sign-in; the page reacts to the new session. */
export function SignInForm() {
  const { t } = useTranslation("auth");
  const { setUser } = useSession();
  const { error, pending, submit } = useFormSubmit(async (form) => {
    const { user } = await api.post<UserResponse>("/api/auth/login", {
      email: String(form.get("email")),
      password: String(form.get("password")),
    });
    setUser(user);
  });

  return (
    <form className="stack" onSubmit={submit} aria-label={t("signIn.formLabel")}>
      <EmailField />
      <PasswordField
        label={t("password")}
        autoComplete="current-password"
        maxLength={LIMITS.passwordMaxLength}
      />
      <ErrorAlert error={error} />
      <SubmitButton pending={pending} label={t("signIn.submit")} pendingLabel={t("signIn.pending")} />
    </form>
  );
}
