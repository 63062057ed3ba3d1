import { CLOSE_CODES } from "@shared/closeCodes";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { CollabStatus } from "./CollabSession";

const KNOWN_REFUSALS = new Set<number>([
  CLOSE_CODES.malformed,
  CLOSE_CODES.notSignedIn,
  CLOSE_CODES.forbidden,
  CLOSE_CODES.notFound,
  CLOSE_CODES.badOrigin,
  CLOSE_CODES.tooLarge,
  CLOSE_CODES.tooManyQueued,
  CLOSE_CODES.tooManySockets,
  CLOSE_CODES.messageTooBig,
]);

/** The connection state of the plan, always on screen and announced politely when it changes. */
export function ConnectionBanner({ status, canWrite }: { status: CollabStatus; canWrite: boolean }) {
  const { t } = useTranslation("plan");
  const location = useLocation();
  const { connection, refusal, unsyncedChanges } = status;

  let message: string;
  if (connection === "refused" && refusal) {
    const reason = KNOWN_REFUSALS.has(refusal.code)
      ? t(`refusal.${refusal.code}` as "refusal.4403")
      : t("refusal.other", { code: refusal.code });
    message = t("status.refused", { reason });
  } else if (connection === "offline") {
    message = unsyncedChanges ? t("status.offlineUnsynced") : t("status.offline");
  } else if (connection === "syncing") {
    message = canWrite ? t("status.syncing") : t("status.syncingReadOnly");
  } else if (connection === "synced") {
    message = canWrite ? t("status.synced") : t("status.syncedReadOnly");
  } else {
    message = t("status.connecting");
  }

  return (
    <div className="connection-banner" data-connection={connection} data-unsynced={unsyncedChanges}>
      <span className="dot" aria-hidden="true" />
      <p role="status" aria-live="polite">
        {message}
      </p>
      {refusal?.code === CLOSE_CODES.notSignedIn && (
        <Link to={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t("refusal.signIn")}</Link>
      )}
      {refusal && refusal.code !== CLOSE_CODES.notSignedIn && (
        <button type="button" className="link-button" onClick={() => window.location.reload()}>
          {t("refusal.reload")}
        </button>
      )}
    </div>
  );
}
