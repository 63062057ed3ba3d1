-- Meetings: agenda items, the run as recorded transitions (the state is replayed from them),
-- attendance, decisions and next steps, and the brainstorm board (cards private to their author
-- until the facilitator reveals the item's board).

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  planned_minutes INTEGER NOT NULL CHECK (planned_minutes >= 1),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX meetings_workspace ON meetings(workspace_id, starts_at);

CREATE TABLE agenda_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  minutes INTEGER NOT NULL CHECK (minutes >= 1),
  lead TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('discussion', 'brainstorm')),
  revealed_at INTEGER,
  UNIQUE (meeting_id, position)
);

-- Append-only: what the facilitator did, by the server's clock. seq orders them.
CREATE TABLE meeting_transitions (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE meeting_attendance (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  presence TEXT NOT NULL CHECK (presence IN ('room', 'remote')),
  -- The member's sector when they checked in.
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  checked_in_by TEXT NOT NULL REFERENCES users(id),
  checked_in_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE meeting_decisions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'next_step')),
  what TEXT NOT NULL,
  who TEXT NOT NULL DEFAULT '',
  due_date TEXT,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id, created_at);

CREATE TABLE brainstorm_categories (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE brainstorm_cards (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  text TEXT NOT NULL,
  category_id TEXT REFERENCES brainstorm_categories(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  revealed_at INTEGER,
  -- A private card cannot sit in a category: only revealed cards are sorted.
  CHECK (category_id IS NULL OR revealed_at IS NOT NULL)
);
CREATE INDEX brainstorm_cards_item ON brainstorm_cards(item_id, created_at);
