import type { ResponseStatus, ThreadTarget } from "@shared/comments";
import type { Sector } from "@shared/roles";
import type { Sql } from "./sql";

export interface ThreadRecord {
  id: string;
  workspaceId: string;
  target: ThreadTarget;
  createdAt: number;
}

export interface CommentRecord {
  id: string;
  threadId: string;
  authorId: string;
  authorName: string;
  authorSector: Sector;
  body: string;
  createdAt: number;
  editedAt: number | null;
  withdrawnAt: number | null;
  hidden: { at: number; byName: string; reason: string } | null;
}

export interface EditRecord {
  commentId: string;
  previousBody: string;
  editedAt: number;
}

export interface ResponseRecord {
  id: string;
  threadId: string;
  status: ResponseStatus;
  reason: string;
  authorId: string;
  authorName: string;
  authorSector: Sector;
  createdAt: number;
}

/** A thread with everything in it, as read in one go. */
export interface ThreadBundle {
  thread: ThreadRecord;
  comments: CommentRecord[];
  edits: EditRecord[];
  responses: ResponseRecord[];
}

/**
 * Comment threads, comments, their edit history and reasoned responses. Rows are never deleted
 * and history rows never change (triggers in migration 005 refuse it).
 */
export interface CommentStore {
  insertThread(thread: ThreadRecord): Promise<void>;
  insertComment(comment: {
    id: string;
    threadId: string;
    authorId: string;
    authorSector: Sector;
    body: string;
    createdAt: number;
  }): Promise<void>;
  /** Replaces a comment's text, keeping the old one in its history. */
  editComment(commentId: string, body: string, now: number): Promise<void>;
  withdrawComment(commentId: string, now: number): Promise<void>;
  hideComment(commentId: string, by: string, reason: string, now: number): Promise<void>;
  insertResponse(response: {
    id: string;
    threadId: string;
    status: ResponseStatus;
    reason: string;
    authorId: string;
    authorSector: Sector;
    createdAt: number;
  }): Promise<void>;
  thread(workspaceId: string, threadId: string): Promise<ThreadBundle | null>;
  /** Every thread of the workspace, oldest first. */
  threads(workspaceId: string): Promise<ThreadBundle[]>;
}

interface ThreadRow {
  id: string;
  workspace_id: string;
  target: ThreadTarget["kind"];
  commitment_id: string | null;
  field: string | null;
  anchor_start: string | null;
  anchor_end: string | null;
  quote: string | null;
  created_at: number;
}

interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  author_sector: Sector;
  body: string;
  created_at: number;
  edited_at: number | null;
  withdrawn_at: number | null;
  hidden_at: number | null;
  hidden_by_name: string | null;
  hidden_reason: string | null;
}

interface EditRow {
  comment_id: string;
  previous_body: string;
  edited_at: number;
}

interface ResponseRow {
  id: string;
  thread_id: string;
  status: ResponseStatus;
  reason: string;
  author_id: string;
  author_name: string;
  author_sector: Sector;
  created_at: number;
}

function toTarget(row: ThreadRow): ThreadTarget {
  if (row.target === "plan") return { kind: "plan" };
  if (row.target === "commitment") return { kind: "commitment", commitmentId: row.commitment_id ?? "" };
  return {
    kind: "text",
    field: row.field ?? "",
    commitmentId: row.commitment_id,
    start: row.anchor_start ?? "",
    end: row.anchor_end ?? "",
    quote: row.quote ?? "",
  };
}

const toThread = (row: ThreadRow): ThreadRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  target: toTarget(row),
  createdAt: row.created_at,
});

const toComment = (row: CommentRow): CommentRecord => ({
  id: row.id,
  threadId: row.thread_id,
  authorId: row.author_id,
  authorName: row.author_name,
  authorSector: row.author_sector,
  body: row.body,
  createdAt: row.created_at,
  editedAt: row.edited_at,
  withdrawnAt: row.withdrawn_at,
  hidden:
    row.hidden_at === null
      ? null
      : { at: row.hidden_at, byName: row.hidden_by_name ?? "", reason: row.hidden_reason ?? "" },
});

const toEdit = (row: EditRow): EditRecord => ({
  commentId: row.comment_id,
  previousBody: row.previous_body,
  editedAt: row.edited_at,
});

const toResponse = (row: ResponseRow): ResponseRecord => ({
  id: row.id,
  threadId: row.thread_id,
  status: row.status,
  reason: row.reason,
  authorId: row.author_id,
  authorName: row.author_name,
  authorSector: row.author_sector,
  createdAt: row.created_at,
});

/** Groups rows by their thread id, keeping their order. */
function byThread<T>(rows: T[], threadOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = threadOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

const SELECT_COMMENT = `SELECT c.*, a.name AS author_name, h.name AS hidden_by_name FROM comments c
  JOIN comment_threads t ON t.id = c.thread_id JOIN users a ON a.id = c.author_id
  LEFT JOIN users h ON h.id = c.hidden_by`;
const SELECT_EDIT = `SELECT e.comment_id, e.previous_body, e.edited_at, c.thread_id FROM comment_edits e
  JOIN comments c ON c.id = e.comment_id JOIN comment_threads t ON t.id = c.thread_id`;
const SELECT_RESPONSE = `SELECT r.*, a.name AS author_name FROM comment_responses r
  JOIN comment_threads t ON t.id = r.thread_id JOIN users a ON a.id = r.author_id`;

export function createCommentStore(sql: Sql): CommentStore {
  // Comments, edits and responses of one thread, or of all a workspace's when `threadId` is null.
  const scope = "WHERE t.workspace_id = ? AND (CAST(? AS TEXT) IS NULL OR t.id = ?)";

  async function bundles(
    workspaceId: string,
    threads: ThreadRow[],
    threadId: string | null,
  ): Promise<ThreadBundle[]> {
    const where = [workspaceId, threadId, threadId];
    const commentGroups = byThread(
      await sql.all<CommentRow>(`${SELECT_COMMENT} ${scope} ORDER BY c.created_at, c.id`, where),
      (row) => row.thread_id,
    );
    const editGroups = byThread(
      await sql.all<EditRow & { thread_id: string }>(`${SELECT_EDIT} ${scope} ORDER BY e.id`, where),
      (row) => row.thread_id,
    );
    // rowid: SQLite's insertion order; the PostgreSQL schema has an identity column of that name.
    const responseGroups = byThread(
      await sql.all<ResponseRow>(`${SELECT_RESPONSE} ${scope} ORDER BY r.created_at, r.rowid`, where),
      (row) => row.thread_id,
    );
    return threads.map((row) => ({
      thread: toThread(row),
      comments: (commentGroups.get(row.id) ?? []).map(toComment),
      edits: (editGroups.get(row.id) ?? []).map(toEdit),
      responses: (responseGroups.get(row.id) ?? []).map(toResponse),
    }));
  }

  return {
    async insertThread({ id, workspaceId, target, createdAt }) {
      const text = target.kind === "text" ? target : null;
      await sql.run(
        `INSERT INTO comment_threads (id, workspace_id, target, commitment_id, field, anchor_start, anchor_end, quote, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          workspaceId,
          target.kind,
          target.kind === "plan" ? null : target.commitmentId,
          text?.field ?? null,
          text?.start ?? null,
          text?.end ?? null,
          text?.quote ?? null,
          createdAt,
        ],
      );
    },
    async insertComment(c) {
      await sql.run(
        `INSERT INTO comments (id, thread_id, author_id, author_sector, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [c.id, c.threadId, c.authorId, c.authorSector, c.body, c.createdAt],
      );
    },
    async editComment(commentId, body, now) {
      await sql.run(
        `INSERT INTO comment_edits (comment_id, previous_body, edited_at)
         SELECT id, body, ? FROM comments WHERE id = ?`,
        [now, commentId],
      );
      await sql.run("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?", [body, now, commentId]);
    },
    async withdrawComment(commentId, now) {
      await sql.run("UPDATE comments SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL", [
        now,
        commentId,
      ]);
    },
    async hideComment(commentId, by, reason, now) {
      await sql.run(
        "UPDATE comments SET hidden_at = ?, hidden_by = ?, hidden_reason = ? WHERE id = ? AND hidden_at IS NULL",
        [now, by, reason, commentId],
      );
    },
    async insertResponse(r) {
      await sql.run(
        `INSERT INTO comment_responses (id, thread_id, status, reason, author_id, author_sector, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [r.id, r.threadId, r.status, r.reason, r.authorId, r.authorSector, r.createdAt],
      );
    },
    async thread(workspaceId, threadId) {
      const row = await sql.get<ThreadRow>(
        "SELECT * FROM comment_threads WHERE workspace_id = ? AND id = ?",
        [workspaceId, threadId],
      );
      return row ? ((await bundles(workspaceId, [row], threadId))[0] ?? null) : null;
    },
    threads: async (workspaceId) =>
      bundles(
        workspaceId,
        await sql.all<ThreadRow>(
          "SELECT * FROM comment_threads WHERE workspace_id = ? ORDER BY created_at, id",
          [workspaceId],
        ),
        null,
      ),
  };
}
