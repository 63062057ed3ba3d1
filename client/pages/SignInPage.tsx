import { useTranslation } from "react-i18next";
import { AuthPage } from "~/components/AuthPage";
import { SignInForm } from "~/components/SignInForm";

export function SignInPage() {
  const { t } = useTranslation("auth");
  return (
    <AuthPage
      title={t("signIn.title")}
      prompt={t("signIn.noAccount")}
      other={{ path: "/signup", label: t("signIn.toSignUp") }}
    >
      <SignInForm />
    </AuthPage>
  );
}
