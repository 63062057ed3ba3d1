import { CircleUser, LogOut } from "lucide-react";
import { Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { api } from "~/api";
import { openDocumentsSynced, removeDeviceCopies, unsyncedChanges } from "~/editor/deviceCopies";
import { useErrorMessage } from "~/hooks/useErrorMessage";
import { useSession } from "~/hooks/useSession";
import { ConfirmDialog } from "./ConfirmDialog";
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
  const messageOf = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  /** Edits the server has not confirmed, while the sign-out question is open. */
  const [unsynced, setUnsynced] = useState(0);
  const [waiting, setWaiting] = useState(false);

  if (!user) {
    return (
      <nav className="account" aria-label={t("account.label")}>
        <Link to="/signin">{t("account.signIn")}</Link>
        <Link to="/signup">{t("account.signUp")}</Link>
      </nav>
    );
  }

  const leave = async () => {
    setUnsynced(0);
    try {
      await api.post("/api/auth/logout");
      // The next person at this computer must find no copy of this account's documents.
      await removeDeviceCopies(user.id);
      // A full load of the home page drops everything the previous user had in memory.
      window.location.assign("/");
    } catch (failure) {
      setError(failure);
    }
  };

  // Signing out deletes the device's copies, so edits the server lacks are asked about first.
  const signOut = async () => {
    setWaiting(false);
    setError(null);
    const count = await unsyncedChanges(user.id).catch((failure: unknown) => {
      setError(failure);
      return null;
    });
    if (count === null) return;
    if (count > 0) setUnsynced(count);
    else await leave();
  };

  const waitThenSignOut = async () => {
    setUnsynced(0);
    setWaiting(true);
    await openDocumentsSynced();
    await signOut();
  };

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
      {waiting && (
        <p className="notice header-message" role="status">
          {t("account.waiting")}
        </p>
      )}
      {unsynced > 0 && (
        <ConfirmDialog
          title={t("account.unsynced.title")}
          message={t("account.unsynced.message", { count: unsynced })}
          cancelLabel={t("account.unsynced.stay")}
          confirmLabel={t("account.unsynced.signOut")}
          onCancel={() => setUnsynced(0)}
          onConfirm={leave}
        >
          {navigator.onLine && (
            <button type="button" className="secondary" onClick={waitThenSignOut}>
              {t("account.unsynced.wait")}
            </button>
          )}
        </ConfirmDialog>
      )}
      {error !== null && (
        <p className="alert header-message" role="alert">
          {messageOf(error)}
        </p>
      )}
    </nav>
  );
}
