/**
 * Event types of the workspace event log. Every change to a record appends one; the SSE stream
 * sends them with `event: <type>`, `id: <event id>` and `data: <WorkspaceEvent JSON>`.
 * Later features add their types here.
 */
export const EVENT_TYPES = [
  "workspace.created",
  "workspace.updated",
  "member.joined",
  "member.updated",
  "member.removed",
  "invitation.created",
  "invitation.revoked",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface WorkspaceEvent<P = Record<string, unknown>> {
  id: number;
  workspaceId: string;
  actorId: string | null;
  type: EventType;
  payload: P;
  createdAt: string;
}
