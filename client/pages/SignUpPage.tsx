import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation } from "react-router";
import { SignUpForm } from "~/components/SignUpForm";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";
import { nextPath, nextQuery } from "~/nextPath";

export function SignUpPage() {
  const { t } = useTranslation("auth");
  const { user } = useSession();
  const next = nextPath(useLocation().search);
  usePageTitle(t("signUp.title"));
  // Signed in (just now, or already): go where the visitor was heading.
  if (user) return <Navigate to={next} replace />;
  return (
    <div className="page narrow">
      <h1>{t("signUp.title")}</h1>
      <SignUpForm />
      <p>
        {t("signUp.haveAccount")} <Link to={`/signin${nextQuery(next)}`}>{t("signUp.toSignIn")}</Link>
      </p>
    </div>
  );
}
