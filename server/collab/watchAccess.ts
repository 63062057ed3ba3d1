import { CLOSE_CODES } from "@shared/closeCodes";
import type { EventRelay } from "../events/relay";
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
