import type { User } from "@shared/api";
import { createContext, useContext } from "react";

export interface Session {
  /** The signed-in user, or null when signed out. */
  user: User | null;
  /** Records a sign-in, sign-out or profile change (and applies the user's saved language). */
  setUser(user: User | null): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The current session; only inside `SessionProvider`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside SessionProvider");
  return session;
}
