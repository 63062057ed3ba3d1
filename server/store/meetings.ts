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
import type { Db } from "./db";
import { toIso, toIsoOrNull } from "./ids";

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
  insert(meeting: NewMeeting): void;
  byId(workspaceId: string, id: string): MeetingRecord | null;
  /** The workspace a meeting belongs to (the collab server knows only the meeting id). */
  workspaceOf(id: string): string | null;
  list(workspaceId: string): MeetingRecord[];
  update(
    id: string,
    fields: Partial<Pick<NewMeeting, "title" | "startsAt" | "place" | "link" | "plannedMinutes">>,
  ): void;
  /** Replaces the agenda: items are written in order; items missing from `items` are deleted. */
  replaceItems(meetingId: string, items: NewAgendaItem[]): void;
  items(meetingId: string): AgendaItem[];
  transitions(meetingId: string): RunTransition[];
  appendTransition(meetingId: string, action: RunAction, at: number, actorId: string): void;
  checkIn(row: {
    meetingId: string;
    userId: string;
    presence: Presence;
    sector: Sector;
    checkedInBy: string;
    at: number;
  }): void;
  attendance(meetingId: string): Attendance[];
  addDecision(row: {
    id: string;
    meetingId: string;
    kind: DecisionKind;
    what: string;
    who: string;
    dueDate: string | null;
    createdBy: string;
    at: number;
  }): void;
  decisions(meetingId: string): Decision[];
  /** Removes a decision of this meeting; false when there was none. */
  removeDecision(meetingId: string, id: string): boolean;
  addCard(card: CardRecord): void;
  card(meetingId: string, id: string): CardRecord | null;
  /** Every card of an item, oldest first. */
  cards(itemId: string): CardRecord[];
  /** Reveals every private card of the item and marks the item revealed; returns how many. */
  reveal(itemId: string, at: number): number;
  moveCard(id: string, categoryId: string | null): void;
  editCard(id: string, text: string): void;
  deleteCard(id: string): void;
  addCategory(row: { id: string; itemId: string; name: string; createdBy: string; at: number }): void;
  category(itemId: string, id: string): Category | null;
  /** A category of any board of the meeting. */
  categoryOf(meetingId: string, id: string): Category | null;
  renameCategory(id: string, name: string): void;
  /** Removes a category; its cards go back to unsorted (the foreign key sets them to null). */
  deleteCategory(id: string): void;
  categories(itemId: string): Category[];
  /** Records an ended meeting's minutes; the database refuses to change them afterwards. */
  recordMinutes(row: { meetingId: string; minutes: Minutes; at: number; recordedBy: string }): void;
  /** The recorded minutes, or null before the end. */
  minutes(meetingId: string): Minutes | null;
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

export function createMeetingStore(db: Db): MeetingStore {
  const insert = db.prepare(
    `INSERT INTO meetings (id, workspace_id, title, starts_at, place, link, planned_minutes, created_by, created_at)
     VALUES (@id, @workspaceId, @title, @startsAt, @place, @link, @plannedMinutes, @createdBy, @createdAt)`,
  );
  const byId = db.prepare<[string, string], MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings WHERE workspace_id = ? AND id = ?`,
  );
  const workspaceOf = db.prepare<[string], string>("SELECT workspace_id FROM meetings WHERE id = ?").pluck();
  const list = db.prepare<[string], MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings WHERE workspace_id = ? ORDER BY starts_at DESC, id`,
  );
  const update = db.prepare(
    `UPDATE meetings SET title = coalesce(@title, title), starts_at = coalesce(@startsAt, starts_at),
       place = coalesce(@place, place), link = coalesce(@link, link),
       planned_minutes = coalesce(@plannedMinutes, planned_minutes)
     WHERE id = @id`,
  );
  const itemIds = db.prepare<[string], string>("SELECT id FROM agenda_items WHERE meeting_id = ?").pluck();
  const deleteItem = db.prepare<[string]>("DELETE FROM agenda_items WHERE id = ?");
  // Positions are moved out of the way first, so reordering never trips the UNIQUE constraint.
  const parkPositions = db.prepare<[string]>(
    "UPDATE agenda_items SET position = -1 - position WHERE meeting_id = ?",
  );
  const upsertItem = db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, title, description, minutes, lead, kind)
     VALUES (@id, @meetingId, @position, @title, @description, @minutes, @lead, @kind)
     ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title,
       description = excluded.description, minutes = excluded.minutes, lead = excluded.lead, kind = excluded.kind`,
  );
  const items = db.prepare<
    [string],
    Omit<AgendaItem, "revealedAt" | "kind"> & { kind: AgendaItemKind; revealed_at: number | null }
  >(
    `SELECT id, title, description, minutes, lead, kind, revealed_at FROM agenda_items
     WHERE meeting_id = ? ORDER BY position`,
  );
  const transitions = db.prepare<[string], { action: string; at: number }>(
    "SELECT action, at FROM meeting_transitions WHERE meeting_id = ? ORDER BY seq",
  );
  const appendTransition = db.prepare(
    `INSERT INTO meeting_transitions (meeting_id, seq, action, at, actor_id)
     VALUES (@meetingId, (SELECT coalesce(max(seq), 0) + 1 FROM meeting_transitions WHERE meeting_id = @meetingId),
       @action, @at, @actorId)`,
  );
  const checkIn = db.prepare(
    `INSERT INTO meeting_attendance (meeting_id, user_id, presence, sector, checked_in_by, checked_in_at)
     VALUES (@meetingId, @userId, @presence, @sector, @checkedInBy, @at)
     ON CONFLICT (meeting_id, user_id) DO UPDATE SET presence = excluded.presence, sector = excluded.sector,
       checked_in_by = excluded.checked_in_by, checked_in_at = excluded.checked_in_at`,
  );
  const attendance = db.prepare<
    [string],
    { user_id: string; name: string; sector: Sector; presence: Presence; checked_in_by: string; at: number }
  >(
    `SELECT a.user_id, u.name, a.sector, a.presence, a.checked_in_by, a.checked_in_at AS at
     FROM meeting_attendance a JOIN users u ON u.id = a.user_id WHERE a.meeting_id = ? ORDER BY u.name, a.user_id`,
  );
  const addDecision = db.prepare(
    `INSERT INTO meeting_decisions (id, meeting_id, kind, what, who, due_date, created_by, created_at)
     VALUES (@id, @meetingId, @kind, @what, @who, @dueDate, @createdBy, @at)`,
  );
  const decisions = db.prepare<
    [string],
    { id: string; kind: DecisionKind; what: string; who: string; due_date: string | null; created_at: number }
  >(
    `SELECT id, kind, what, who, due_date, created_at FROM meeting_decisions WHERE meeting_id = ?
     ORDER BY created_at, id`,
  );
  const removeDecision = db.prepare<[string, string]>(
    "DELETE FROM meeting_decisions WHERE meeting_id = ? AND id = ?",
  );
  const addCard = db.prepare(
    `INSERT INTO brainstorm_cards (id, item_id, author_id, text, category_id, revealed_at, created_at)
     VALUES (@id, @itemId, @authorId, @text, @categoryId, @revealedAt, @createdAt)`,
  );
  const card = db.prepare<[string, string], CardRow>(
    `SELECT c.* FROM brainstorm_cards c JOIN agenda_items i ON i.id = c.item_id
     WHERE i.meeting_id = ? AND c.id = ?`,
  );
  const cards = db.prepare<[string], CardRow>(
    "SELECT * FROM brainstorm_cards WHERE item_id = ? ORDER BY created_at, id",
  );
  const revealCards = db.prepare<[number, string]>(
    "UPDATE brainstorm_cards SET revealed_at = ? WHERE item_id = ? AND revealed_at IS NULL",
  );
  const revealItem = db.prepare<[number, string]>(
    "UPDATE agenda_items SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL",
  );
  const moveCard = db.prepare<[string | null, string]>(
    "UPDATE brainstorm_cards SET category_id = ? WHERE id = ?",
  );
  const editCard = db.prepare<[string, string]>("UPDATE brainstorm_cards SET text = ? WHERE id = ?");
  const deleteCard = db.prepare<[string]>("DELETE FROM brainstorm_cards WHERE id = ?");
  const addCategory = db.prepare(
    `INSERT INTO brainstorm_categories (id, item_id, name, created_by, created_at)
     VALUES (@id, @itemId, @name, @createdBy, @at)`,
  );
  const category = db.prepare<[string, string], Category>(
    "SELECT id, item_id AS itemId, name FROM brainstorm_categories WHERE item_id = ? AND id = ?",
  );
  const categoryOf = db.prepare<[string, string], Category>(
    `SELECT c.id, c.item_id AS itemId, c.name FROM brainstorm_categories c
     JOIN agenda_items i ON i.id = c.item_id WHERE i.meeting_id = ? AND c.id = ?`,
  );
  const renameCategory = db.prepare<[string, string]>(
    "UPDATE brainstorm_categories SET name = ? WHERE id = ?",
  );
  const deleteCategory = db.prepare<[string]>("DELETE FROM brainstorm_categories WHERE id = ?");
  const categories = db.prepare<[string], Category>(
    "SELECT id, item_id AS itemId, name FROM brainstorm_categories WHERE item_id = ? ORDER BY created_at, id",
  );
  const recordMinutes = db.prepare<[string, string, number, string]>(
    "INSERT INTO meeting_minutes (meeting_id, content, recorded_at, recorded_by) VALUES (?, ?, ?, ?)",
  );
  const minutes = db
    .prepare<[string], string>("SELECT content FROM meeting_minutes WHERE meeting_id = ?")
    .pluck();

  return {
    insert: (meeting) => void insert.run(meeting),
    byId(workspaceId, id) {
      const row = byId.get(workspaceId, id);
      return row ? toMeeting(row) : null;
    },
    workspaceOf: (id) => workspaceOf.get(id) ?? null,
    list: (workspaceId) => list.all(workspaceId).map(toMeeting),
    update: (id, fields) =>
      void update.run({
        id,
        title: fields.title ?? null,
        startsAt: fields.startsAt ?? null,
        place: fields.place ?? null,
        link: fields.link ?? null,
        plannedMinutes: fields.plannedMinutes ?? null,
      }),
    replaceItems(meetingId, next) {
      const kept = new Set(next.map((item) => item.id));
      for (const id of itemIds.all(meetingId)) if (!kept.has(id)) deleteItem.run(id);
      parkPositions.run(meetingId);
      next.forEach((item, position) => {
        upsertItem.run({ ...item, meetingId, position });
      });
    },
    items: (meetingId) =>
      items
        .all(meetingId)
        .map(({ revealed_at, ...item }) => ({ ...item, revealedAt: toIsoOrNull(revealed_at) })),
    transitions: (meetingId) =>
      transitions.all(meetingId).map((row) => ({ action: JSON.parse(row.action) as RunAction, at: row.at })),
    appendTransition: (meetingId, action, at, actorId) =>
      void appendTransition.run({ meetingId, action: JSON.stringify(action), at, actorId }),
    checkIn: (row) => void checkIn.run(row),
    attendance: (meetingId) =>
      attendance.all(meetingId).map((row) => ({
        userId: row.user_id,
        name: row.name,
        sector: row.sector,
        presence: row.presence,
        checkedInBy: row.checked_in_by,
        checkedInAt: toIso(row.at),
      })),
    addDecision: (row) => void addDecision.run(row),
    decisions: (meetingId) =>
      decisions.all(meetingId).map((row) => ({
        id: row.id,
        kind: row.kind,
        what: row.what,
        who: row.who,
        dueDate: row.due_date,
        createdAt: toIso(row.created_at),
      })),
    removeDecision: (meetingId, id) => removeDecision.run(meetingId, id).changes === 1,
    addCard: (newCard) => void addCard.run(newCard),
    card(meetingId, id) {
      const row = card.get(meetingId, id);
      return row ? toCard(row) : null;
    },
    cards: (itemId) => cards.all(itemId).map(toCard),
    reveal(itemId, at) {
      revealItem.run(at, itemId);
      return revealCards.run(at, itemId).changes;
    },
    moveCard: (id, categoryId) => void moveCard.run(categoryId, id),
    editCard: (id, text) => void editCard.run(text, id),
    deleteCard: (id) => void deleteCard.run(id),
    addCategory: (row) => void addCategory.run(row),
    category: (itemId, id) => category.get(itemId, id) ?? null,
    categoryOf: (meetingId, id) => categoryOf.get(meetingId, id) ?? null,
    renameCategory: (id, name) => void renameCategory.run(name, id),
    deleteCategory: (id) => void deleteCategory.run(id),
    categories: (itemId) => categories.all(itemId),
    recordMinutes: (row) =>
      void recordMinutes.run(row.meetingId, JSON.stringify(row.minutes), row.at, row.recordedBy),
    minutes(meetingId) {
      const content = minutes.get(meetingId);
      return content === undefined ? null : (JSON.parse(content) as Minutes);
    },
  };
}
