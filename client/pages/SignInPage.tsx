import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router";
import { SignInForm } from "~/components/SignInForm";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";
import { nextPath, nextQuery } from "~/nextPath";

export function SignInPage() {
  const { t } = useTranslation("auth");
  const { user } = useSession();
  const next = nextPath(useLocation().search);
  usePageTitle(t("signIn.title"));
  // Signed in (just now, or already): go where the visitor was heading.
  if (user) return <Navigate to={next} replace />;
  return (
    <div className="page narrow">
      <h1>{t("signIn.title")}</h1>
      <SignInForm />
      <p>
        {t("signIn.noAccount")} <Link to={`/signup${nextQuery(next)}`}>{t("signIn.toSignUp")}</Link>
      </p>
    </div>
  );
}
