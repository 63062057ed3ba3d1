import type { User, UserResponse } from "@shared/api";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { api } from "~/api";
import { removeOtherAccountsCopies } from "~/editor/deviceCopies";
import { SessionContext } from "~/hooks/useSession";
import { applyLanguage } from "~/i18n";
import { isLocale } from "~/i18n/language";
import { PageLoading } from "./PageLoading";

/** Loads who is signed in (GET /api/me) before rendering the app, so pages never guess. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ loaded: boolean; user: User | null }>({ loaded: false, user: null });

  const setUser = useCallback((user: User | null) => {
    // The language saved on the account wins over this browser's choice.
    if (isLocale(user?.locale)) void applyLanguage(user.locale);
    setState({ loaded: true, user });
  }, []);

  useEffect(() => {
    api.get<UserResponse>("/api/me").then(
      ({ user }) => setUser(user),
      () => setUser(null),
    );
  }, [setUser]);

  const userId = state.user?.id;
  // Someone else's session may have ended here without signing out: their synced copies go now.
  useEffect(() => {
    if (userId) void removeOtherAccountsCopies(userId).catch(() => undefined);
  }, [userId]);

  const session = useMemo(() => ({ user: state.user, setUser }), [state.user, setUser]);
  if (!state.loaded) return <PageLoading />;
  return <SessionContext value={session}>{children}</SessionContext>;
}
