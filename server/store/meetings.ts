import type { RunAction, RunTransition } from "@shared/meetingRun";
import type {
  AgendaItem,
  AgendaItemKind,
  Attendance,
  Category,
  Decision,
  DecisionKind,
  MeetingSummary,
  Minutes,
  Presence,
} from "@shared/meetings";
import type { Sector } from "@shared/roles";
import { toIso, toIsoOrNull } from "./ids";
import type { Sql } from "./sql";

/** A meeting row without its run status (replayed from the transitions by the commands). */
export type MeetingRecord = Omit<MeetingSummary, "status">;

export interface NewMeeting {
  id: string;
  workspaceId: string;
  title: string;
  startsAt: number;
  place: string;
  link: string;
  plannedMinutes: number;
  createdBy: string;
  createdAt: number;
}

export type NewAgendaItem = Omit<AgendaItem, "revealedAt">;

/** A card as stored; the commands decide who may see its text. */
export interface CardRecord {
  id: string;
  itemId: string;
  authorId: string;
  text: string;
  categoryId: string | null;
  revealedAt: number | null;
  createdAt: number;
}

/** Meetings and everything recorded during them. */
export interface MeetingStore {
  insert(meeting: NewMeeting): Promise<void>;
  byId(workspaceId: string, id: string): Promise<MeetingRecord | null>;
  /** The workspace a meeting belongs to (the collab server knows only the meeting id). */
  workspaceOf(id: string): Promise<string | null>;
  list(workspaceId: string): Promise<MeetingRecord[]>;
  update(
    id: string,
    fields: Partial<Pick<NewMeeting, "title" | "startsAt" | "place" | "link" | "plannedMinutes">>,
  ): Promise<void>;
  /** Replaces the agenda: items are written in order; items missing from `items` are deleted. */
  replaceItems(meetingId: string, items: NewAgendaItem[]): Promise<void>;
  items(meetingId: string): Promise<AgendaItem[]>;
  transitions(meetingId: string): Promise<RunTransition[]>;
  appendTransition(meetingId: string, action: RunAction, at: number, actorId: string): Promise<void>;
  checkIn(row: {
    meetingId: string;
    userId: string;
    presence: Presence;
    sector: Sector;
    checkedInBy: string;
    at: number;
  }): Promise<void>;
  attendance(meetingId: string): Promise<Attendance[]>;
  addDecision(row: {
    id: string;
    meetingId: string;
    kind: DecisionKind;
    what: string;
    who: string;
    dueDate: string | null;
    createdBy: string;
    at: number;
  }): Promise<void>;
  decisions(meetingId: string): Promise<Decision[]>;
  /** Removes a decision of this meeting; false when there was none. */
  removeDecision(meetingId: string, id: string): Promise<boolean>;
  addCard(card: CardRecord): Promise<void>;
  card(meetingId: string, id: string): Promise<CardRecord | null>;
  /** Every card of an item, oldest first. */
  cards(itemId: string): Promise<CardRecord[]>;
  /** Reveals every private card of the item and marks the item revealed; returns how many. */
  reveal(itemId: string, at: number): Promise<number>;
  moveCard(id: string, categoryId: string | null): Promise<void>;
  editCard(id: string, text: string): Promise<void>;
  deleteCard(id: string): Promise<void>;
  addCategory(row: {
    id: string;
    itemId: string;
    name: string;
    createdBy: string;
    at: number;
  }): Promise<void>;
  category(itemId: string, id: string): Promise<Category | null>;
  /** A category of any board of the meeting. */
  categoryOf(meetingId: string, id: string): Promise<Category | null>;
  renameCategory(id: string, name: string): Promise<void>;
  /** Removes a category; its cards go back to unsorted (the foreign key sets them to null). */
  deleteCategory(id: string): Promise<void>;
  categories(itemId: string): Promise<Category[]>;
  /** Records an ended meeting's minutes; the database refuses to change them afterwards. */
  recordMinutes(row: { meetingId: string; minutes: Minutes; at: number; recordedBy: string }): Promise<void>;
  /** The recorded minutes, or null before the end. */
  minutes(meetingId: string): Promise<Minutes | null>;
}

interface MeetingRow {
  id: string;
  workspace_id: string;
  title: string;
  starts_at: number;
  place: string;
  link: string;
  planned_minutes: number;
  created_at: number;
}

const toMeeting = (row: MeetingRow): MeetingRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  startsAt: toIso(row.starts_at),
  place: row.place,
  link: row.link,
  plannedMinutes: row.planned_minutes,
  createdAt: toIso(row.created_at),
});

interface CardRow {
  id: string;
  item_id: string;
  author_id: string;
  text: string;
  category_id: string | null;
  revealed_at: number | null;
  created_at: number;
}

const toCard = (row: CardRow): CardRecord => ({
  id: row.id,
  itemId: row.item_id,
  authorId: row.author_id,
  text: row.text,
  categoryId: row.category_id,
  revealedAt: row.revealed_at,
  createdAt: row.created_at,
});

const MEETING_COLUMNS = "id, workspace_id, title, starts_at, place, link, planned_minutes, created_at";

type ItemRow = Omit<AgendaItem, "revealedAt" | "kind"> & { kind: AgendaItemKind; revealed_at: number | null };

export function createMeetingStore(sql: Sql): MeetingStore {
  const run = async (text: string, params: (string | number | null)[]): Promise<void> => {
    await sql.run(text, params);
  };

  return {
    insert: (m) =>
      run(
        `INSERT INTO meetings (id, workspace_id, title, starts_at, place, link, planned_minutes, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          m.id,
          m.workspaceId,
          m.title,
          m.startsAt,
          m.place,
          m.link,
          m.plannedMinutes,
          m.createdBy,
          m.createdAt,
        ],
      ),
    async byId(workspaceId, id) {
      const row = await sql.get<MeetingRow>(
        `SELECT ${MEETING_COLUMNS} FROM meetings WHERE workspace_id = ? AND id = ?`,
        [workspaceId, id],
      );
      return row ? toMeeting(row) : null;
    },
    async workspaceOf(id) {
      const row = await sql.get<{ workspace_id: string }>("SELECT workspace_id FROM meetings WHERE id = ?", [
        id,
      ]);
      return row?.workspace_id ?? null;
    },
    list: async (workspaceId) =>
      (
        await sql.all<MeetingRow>(
          `SELECT ${MEETING_COLUMNS} FROM meetings WHERE workspace_id = ? ORDER BY starts_at DESC, id`,
          [workspaceId],
        )
      ).map(toMeeting),
    update: (id, f) =>
      run(
        `UPDATE meetings SET title = coalesce(?, title), starts_at = coalesce(?, starts_at),
           place = coalesce(?, place), link = coalesce(?, link), planned_minutes = coalesce(?, planned_minutes)
         WHERE id = ?`,
        [f.title ?? null, f.startsAt ?? null, f.place ?? null, f.link ?? null, f.plannedMinutes ?? null, id],
      ),
    async replaceItems(meetingId, next) {
      const kept = new Set(next.map((item) => item.id));
      const existing = await sql.all<{ id: string }>("SELECT id FROM agenda_items WHERE meeting_id = ?", [
        meetingId,
      ]);
      for (const { id } of existing) {
        if (!kept.has(id)) await run("DELETE FROM agenda_items WHERE id = ?", [id]);
      }
      // Positions are moved out of the way first, so reordering never trips the UNIQUE constraint.
      await run("UPDATE agenda_items SET position = -1 - position WHERE meeting_id = ?", [meetingId]);
      for (const [position, item] of next.entries()) {
        await run(
          `INSERT INTO agenda_items (id, meeting_id, position, title, description, minutes, lead, kind)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title,
             description = excluded.description, minutes = excluded.minutes, lead = excluded.lead, kind = excluded.kind`,
          [item.id, meetingId, position, item.title, item.description, item.minutes, item.lead, item.kind],
        );
      }
    },
    items: async (meetingId) =>
      (
        await sql.all<ItemRow>(
          `SELECT id, title, description, minutes, lead, kind, revealed_at FROM agenda_items
           WHERE meeting_id = ? ORDER BY position`,
          [meetingId],
        )
      ).map(({ revealed_at, ...item }) => ({ ...item, revealedAt: toIsoOrNull(revealed_at) })),
    transitions: async (meetingId) =>
      (
        await sql.all<{ action: string; at: number }>(
          "SELECT action, at FROM meeting_transitions WHERE meeting_id = ? ORDER BY seq",
          [meetingId],
        )
      ).map((row) => ({ action: JSON.parse(row.action) as RunAction, at: row.at })),
    appendTransition: (meetingId, action, at, actorId) =>
      run(
        `INSERT INTO meeting_transitions (meeting_id, seq, action, at, actor_id)
         VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM meeting_transitions WHERE meeting_id = ?), ?, ?, ?)`,
        [meetingId, meetingId, JSON.stringify(action), at, actorId],
      ),
    checkIn: (r) =>
      run(
        `INSERT INTO meeting_attendance (meeting_id, user_id, presence, sector, checked_in_by, checked_in_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, user_id) DO UPDATE SET presence = excluded.presence, sector = excluded.sector,
           checked_in_by = excluded.checked_in_by, checked_in_at = excluded.checked_in_at`,
        [r.meetingId, r.userId, r.presence, r.sector, r.checkedInBy, r.at],
      ),
    attendance: async (meetingId) =>
      (
        await sql.all<{
          user_id: string;
          name: string;
          sector: Sector;
          presence: Presence;
          checked_in_by: string;
          at: number;
        }>(
          `SELECT a.user_id, u.name, a.sector, a.presence, a.checked_in_by, a.checked_in_at AS at
           FROM meeting_attendance a JOIN users u ON u.id = a.user_id WHERE a.meeting_id = ? ORDER BY u.name, a.user_id`,
          [meetingId],
        )
      ).map((row) => ({
        userId: row.user_id,
        name: row.name,
        sector: row.sector,
        presence: row.presence,
        checkedInBy: row.checked_in_by,
        checkedInAt: toIso(row.at),
      })),
    addDecision: (r) =>
      run(
        `INSERT INTO meeting_decisions (id, meeting_id, kind, what, who, due_date, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [r.id, r.meetingId, r.kind, r.what, r.who, r.dueDate, r.createdBy, r.at],
      ),
    decisions: async (meetingId) =>
      (
        await sql.all<{
          id: string;
          kind: DecisionKind;
          what: string;
          who: string;
          due_date: string | null;
          created_at: number;
        }>(
          `SELECT id, kind, what, who, due_date, created_at FROM meeting_decisions WHERE meeting_id = ?
           ORDER BY created_at, id`,
          [meetingId],
        )
      ).map((row) => ({
        id: row.id,
        kind: row.kind,
        what: row.what,
        who: row.who,
        dueDate: row.due_date,
        createdAt: toIso(row.created_at),
      })),
    removeDecision: async (meetingId, id) =>
      (await sql.run("DELETE FROM meeting_decisions WHERE meeting_id = ? AND id = ?", [meetingId, id]))
        .changes === 1,
    addCard: (c) =>
      run(
        `INSERT INTO brainstorm_cards (id, item_id, author_id, text, category_id, revealed_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [c.id, c.itemId, c.authorId, c.text, c.categoryId, c.revealedAt, c.createdAt],
      ),
    async card(meetingId, id) {
      const row = await sql.get<CardRow>(
        `SELECT c.* FROM brainstorm_cards c JOIN agenda_items i ON i.id = c.item_id
         WHERE i.meeting_id = ? AND c.id = ?`,
        [meetingId, id],
      );
      return row ? toCard(row) : null;
    },
    cards: async (itemId) =>
      (
        await sql.all<CardRow>("SELECT * FROM brainstorm_cards WHERE item_id = ? ORDER BY created_at, id", [
          itemId,
        ])
      ).map(toCard),
    async reveal(itemId, at) {
      await run("UPDATE agenda_items SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL", [at, itemId]);
      const { changes } = await sql.run(
        "UPDATE brainstorm_cards SET revealed_at = ? WHERE item_id = ? AND revealed_at IS NULL",
        [at, itemId],
      );
      return changes;
    },
    moveCard: (id, categoryId) =>
      run("UPDATE brainstorm_cards SET category_id = ? WHERE id = ?", [categoryId, id]),
    editCard: (id, text) => run("UPDATE brainstorm_cards SET text = ? WHERE id = ?", [text, id]),
    deleteCard: (id) => run("DELETE FROM brainstorm_cards WHERE id = ?", [id]),
    addCategory: (r) =>
      run(
        `INSERT INTO brainstorm_categories (id, item_id, name, created_by, created_at)
         VALUES (?, ?, ?, ?, ?)`,
        [r.id, r.itemId, r.name, r.createdBy, r.at],
      ),
    category: async (itemId, id) =>
      (await sql.get<Category>(
        `SELECT id, item_id AS "itemId", name FROM brainstorm_categories WHERE item_id = ? AND id = ?`,
        [itemId, id],
      )) ?? null,
    categoryOf: async (meetingId, id) =>
      (await sql.get<Category>(
        `SELECT c.id, c.item_id AS "itemId", c.name FROM brainstorm_categories c
         JOIN agenda_items i ON i.id = c.item_id WHERE i.meeting_id = ? AND c.id = ?`,
        [meetingId, id],
      )) ?? null,
    renameCategory: (id, name) => run("UPDATE brainstorm_categories SET name = ? WHERE id = ?", [name, id]),
    deleteCategory: (id) => run("DELETE FROM brainstorm_categories WHERE id = ?", [id]),
    categories: (itemId) =>
      sql.all<Category>(
        `SELECT id, item_id AS "itemId", name FROM brainstorm_categories WHERE item_id = ? ORDER BY created_at, id`,
        [itemId],
      ),
    recordMinutes: (r) =>
      run("INSERT INTO meeting_minutes (meeting_id, content, recorded_at, recorded_by) VALUES (?, ?, ?, ?)", [
        r.meetingId,
        JSON.stringify(r.minutes),
        r.at,
        r.recordedBy,
      ]),
    async minutes(meetingId) {
      const row = await sql.get<{ content: string }>(
        "SELECT content FROM meeting_minutes WHERE meeting_id = ?",
        [meetingId],
      );
      return row === undefined ? null : (JSON.parse(row.content) as Minutes);
    },
  };
}
