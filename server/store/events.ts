import type { EventType, WorkspaceEvent } from "@shared/events";
import type { Db } from "./db";
import { toIso } from "./ids";

export interface NewEvent {
  workspaceId: string;
  actorId: string | null;
  type: EventType;
  payload: object;
  createdAt: number;
}

/** The append-only event log: the audit trail and the source of the live stream. */
export interface EventStore {
  append(event: NewEvent): WorkspaceEvent;
  /** Up to `limit` events of a workspace with ids above `afterId`, oldest first. */
  after(workspaceId: string, afterId: number, limit: number): WorkspaceEvent[];
  /** Every event of the given types in a workspace, oldest first. */
  ofTypes(workspaceId: string, types: readonly EventType[]): WorkspaceEvent[];
  /** The id of the workspace's newest event, or 0. */
  latestId(workspaceId: string): number;
}

interface EventRow {
  id: number;
  workspace_id: string;
  actor_id: string | null;
  type: EventType;
  payload: string;
  created_at: number;
}

const toEvent = (row: EventRow): WorkspaceEvent => ({
  id: row.id,
  workspaceId: row.workspace_id,
  actorId: row.actor_id,
  type: row.type,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  createdAt: toIso(row.created_at),
});

export function createEventStore(db: Db): EventStore {
  const insert = db.prepare(
    "INSERT INTO events (workspace_id, actor_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const after = db.prepare<[string, number, number], EventRow>(
    "SELECT * FROM events WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?",
  );
  const ofTypes = db.prepare<[string, string], EventRow>(
    "SELECT * FROM events WHERE workspace_id = ? AND type IN (SELECT value FROM json_each(?)) ORDER BY id",
  );
  const latestId = db
    .prepare<[string], number | null>("SELECT max(id) FROM events WHERE workspace_id = ?")
    .pluck();

  return {
    append(event) {
      const payload = JSON.stringify(event.payload);
      const { lastInsertRowid } = insert.run(
        event.workspaceId,
        event.actorId,
        event.type,
        payload,
        event.createdAt,
      );
      return toEvent({
        id: Number(lastInsertRowid),
        workspace_id: event.workspaceId,
        actor_id: event.actorId,
        type: event.type,
        payload,
        created_at: event.createdAt,
      });
    },
    after: (workspaceId, afterId, limit) => after.all(workspaceId, afterId, limit).map(toEvent),
    ofTypes: (workspaceId, types) => ofTypes.all(workspaceId, JSON.stringify(types)).map(toEvent),
    latestId: (workspaceId) => latestId.get(workspaceId) ?? 0,
  };
}
