import { CLOSE_CODES } from "@shared/closeCodes";
import type { LiveSessions } from "../auth/liveSessions";
import type { EventRelay } from "../events/relay";
import type { Refusal } from "./access";
import type { Connection } from "./Connection";

/**
 * Keeps an open socket's rights current with the workspace's event stream: when its member is
 * removed the socket closes with 4403 (for good); when their role or sector changes it closes with
 * 4509, which clients retry, so the reconnection is authorized afresh with the new role and identity.
 */
export function watchAccess(conn: Connection, workspaceId: string, events: EventRelay): void {
  const unsubscribe = events.subscribe(workspaceId, {
    event({ type, payload }) {
      if (payload.userId !== conn.access.userId) return;
      if (type === "member.removed") conn.close(CLOSE_CODES.forbidden, "no longer a member");
      else if (type === "member.updated")
        conn.close(CLOSE_CODES.accessChanged, "your role or sector changed");
    },
    closed() {},
  });
  conn.onClose(unsubscribe);
}

/**
 * Ties a socket to the session it was opened with: when the session ends (sign-out, sign-out on
 * every device, expiry) the socket closes with 4401. Refuses the socket when the session is
 * already gone (4401) or its account has LIMITS.maxSocketsPerUser sockets open (4420).
 */
export async function watchSession(
  conn: Connection,
  sessionKey: string,
  sessions: LiveSessions,
): Promise<Refusal | null> {
  const lease = await sessions.open("socket", sessionKey);
  if (lease === "too_many") return { code: CLOSE_CODES.tooManySockets, reason: "too many open sockets" };
  if (lease === "session_ended") return { code: CLOSE_CODES.notSignedIn, reason: "your session ended" };
  conn.onClose(lease.release);
  lease.signal.addEventListener("abort", () => conn.close(CLOSE_CODES.notSignedIn, "your session ended"));
  return null;
}
