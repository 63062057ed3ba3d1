import { Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { api } from "~/api";
import { useErrorMessage } from "~/hooks/useErrorMessage";
import { useSession } from "~/hooks/useSession";
import { ErrorBoundary } from "./ErrorBoundary";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { PageLoading } from "./PageLoading";
import { RouteError } from "./RouteError";

/** Header (brand, account, language), the page in <main>, and focus moved to it on navigation. */
export function AppLayout() {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // A client-side navigation is silent for screen readers: move focus to the new page's content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Cocrea
        </Link>
        <AccountLinks />
        <LanguageSwitcher />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <ErrorBoundary fallback={<RouteError />} resetKey={pathname}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}

function AccountLinks() {
  const { t } = useTranslation();
  const { user } = useSession();
  const messageOf = useErrorMessage();
  const [error, setError] = useState<unknown>(null);

  if (!user) {
    return (
      <nav className="account" aria-label={t("account.label")}>
        <Link to="/signin">{t("account.signIn")}</Link>
        <Link to="/signup">{t("account.signUp")}</Link>
      </nav>
    );
  }

  const signOut = async () => {
    try {
      await api.post("/api/auth/logout");
      // A full load of the home page drops everything the previous user had in memory.
      window.location.assign("/");
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <nav className="account" aria-label={t("account.label")}>
      <span className="account-name">{user.name}</span>
      <button type="button" className="link-button" onClick={signOut}>
        {t("account.signOut")}
      </button>
      {error !== null && (
        <p className="alert" role="alert">
          {messageOf(error)}
        </p>
      )}
    </nav>
  );
}
