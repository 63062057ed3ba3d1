import { CircleUser, LogOut } from "lucide-react";
import { Suspense, useEffect, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useSession } from "~/hooks/useSession";
import { useSignOut } from "~/hooks/useSignOut";
import { handOffPrerendered, isPlanPath } from "~/prerendered";
import { ErrorBoundary } from "./ErrorBoundary";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { PageLoading } from "./PageLoading";
import { RouteError } from "./RouteError";
import { Toasts } from "./Toasts";

/** Header (brand, account, language), the page in <main>, and focus moved to it on navigation. */
export function AppLayout() {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // The server's copy of a plan page stays until the plan is shown (PlanPage); any other page replaces it.
  useLayoutEffect(() => {
    if (!isPlanPath(pathname)) handOffPrerendered();
  }, [pathname]);

  // A client-side navigation is silent for screen readers: move focus to the new page's content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // Without preventScroll the browser scrolls <main> to the top edge, hiding the header.
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
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
      <Toasts />
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
  const { signOut, shown } = useSignOut("here", "header-message");

  if (!user) {
    return (
      <nav className="account" aria-label={t("account.label")}>
        <Link to="/signin">{t("account.signIn")}</Link>
        <Link to="/signup">{t("account.signUp")}</Link>
      </nav>
    );
  }

  return (
    <nav className="account" aria-label={t("account.label")}>
      <Link to="/account" className="account-name">
        <CircleUser aria-hidden="true" size={20} />
        <span className="truncate">{user.name}</span>
      </Link>
      <button type="button" className="icon-button" onClick={signOut} aria-label={t("account.signOut")}>
        <LogOut aria-hidden="true" size={20} />
        <span className="wide-only">{t("account.signOut")}</span>
      </button>
      {shown}
    </nav>
  );
}
