import { useTranslation } from "react-i18next";
import { AuthPage } from "~/components/AuthPage";
import { SignUpForm } from "~/components/SignUpForm";

export function SignUpPage() {
  const { t } = useTranslation("auth");
  return (
    <AuthPage
      title={t("signUp.title")}
      prompt={t("signUp.haveAccount")}
      other={{ path: "/signin", label: t("signUp.toSignIn") }}
    >
      <SignUpForm />
    </AuthPage>
  );
}
