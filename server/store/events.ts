import type { EventType, WorkspaceEvent } from "@shared/events";
import { toIso } from "./ids";
import { placeholders, type Sql } from "./sql";

export interface NewEvent {
  workspaceId: string;
  actorId: string | null;
  type: EventType;
  payload: object;
  createdAt: number;
}

/** The append-only event log: the audit trail and the source of the live stream. */
export interface EventStore {
  append(event: NewEvent): Promise<WorkspaceEvent>;
  /** Up to `limit` events of a workspace with ids above `afterId`, oldest first. */
  after(workspaceId: string, afterId: number, limit: number): Promise<WorkspaceEvent[]>;
  /** Every event of the given types in a workspace, oldest first. */
  ofTypes(workspaceId: string, types: readonly EventType[]): Promise<WorkspaceEvent[]>;
  /** The id of the workspace's newest event, or 0. */
  latestId(workspaceId: string): Promise<number>;
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

/** The first key of PostgreSQL's per-workspace event locks (documents use single-key locks). */
const EVENT_LOCKS = 1;

export function createEventStore(sql: Sql): EventStore {
  return {
    async append(event) {
      const payload = JSON.stringify(event.payload);
      const insert = (on: Sql) =>
        on.get<{ id: number }>(
          "INSERT INTO events (workspace_id, actor_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
          [event.workspaceId, event.actorId, event.type, payload, event.createdAt],
        );
      // A workspace's ids must commit in id order: streams deliver "every event after the last one
      // delivered", so an id that commits after a larger one would be skipped. SQLite writes one
      // transaction at a time; PostgreSQL takes an identity at insert and commits in any order, so
      // there appends to one workspace queue on a lock held until their transaction ends.
      const row =
        sql.dialect === "sqlite"
          ? await insert(sql)
          : await sql.transaction(async (tx) => {
              await tx.get("SELECT pg_advisory_xact_lock(?, hashtext(?))", [EVENT_LOCKS, event.workspaceId]);
              return insert(tx);
            });
      return toEvent({
        id: Number(row?.id),
        workspace_id: event.workspaceId,
        actor_id: event.actorId,
        type: event.type,
        payload,
        created_at: event.createdAt,
      });
    },
    after: async (workspaceId, afterId, limit) =>
      (
        await sql.all<EventRow>(
          "SELECT * FROM events WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?",
          [workspaceId, afterId, limit],
        )
      ).map(toEvent),
    ofTypes: async (workspaceId, types) =>
      (
        await sql.all<EventRow>(
          `SELECT * FROM events WHERE workspace_id = ? AND type IN ${placeholders(types)} ORDER BY id`,
          [workspaceId, ...types],
        )
      ).map(toEvent),
    async latestId(workspaceId) {
      const row = await sql.get<{ id: number | null }>(
        "SELECT max(id) AS id FROM events WHERE workspace_id = ?",
        [workspaceId],
      );
      return row?.id ?? 0;
    },
  };
}
