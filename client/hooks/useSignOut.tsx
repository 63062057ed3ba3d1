import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { openDocumentsSynced, removeDeviceCopies, unsyncedChanges } from "~/editor/deviceCopies";
import { useErrorMessage } from "./useErrorMessage";
import { useSession } from "./useSession";

/** Signing out of this browser only, or ending every session of the account (a lost phone, a shared computer). */
export type SignOutScope = "here" | "everywhere";

const PATHS: Record<SignOutScope, string> = {
  here: "/api/auth/logout",
  everywhere: "/api/auth/logout-everywhere",
};

/**
 * Signing out, with the question it may need: signing out deletes this device's copies of the
 * account's documents, so edits the server lacks are asked about first. `shown` is what to render
 * where the action is (the question, a wait notice, an error); `messageClass` styles the notices.
 */
export function useSignOut(
  scope: SignOutScope,
  messageClass = "",
): { signOut(): Promise<void>; shown: ReactNode } {
  const { t } = useTranslation();
  const { user } = useSession();
  const messageOf = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  /** Edits the server has not confirmed, while the sign-out question is open. */
  const [unsynced, setUnsynced] = useState(0);
  const [waiting, setWaiting] = useState(false);

  const leave = async () => {
    setUnsynced(0);
    if (!user) return;
    try {
      await api.post(PATHS[scope]);
      // The next person at this computer must find no copy of this account's documents.
      await removeDeviceCopies(user.id);
      // A full load of the home page drops everything the previous user had in memory.
      window.location.assign("/");
    } catch (failure) {
      setError(failure);
    }
  };

  const signOut = async () => {
    setWaiting(false);
    setError(null);
    if (!user) return;
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

  const shown = (
    <>
      {waiting && (
        <p className={`notice ${messageClass}`} role="status">
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
        <p className={`alert ${messageClass}`} role="alert">
          {messageOf(error)}
        </p>
      )}
    </>
  );
  return { signOut, shown };
}
