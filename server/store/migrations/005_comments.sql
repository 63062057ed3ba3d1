-- Comment threads on the plan, their comments, edit history and reasoned responses.
-- Nothing here is ever deleted (the record is the co-creation evidence): triggers refuse DELETE
-- on every table, and the history tables refuse UPDATE too.

CREATE TABLE comment_threads (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  -- 'plan': the plan as a whole; 'commitment': one commitment; 'text': a passage of a rich field.
  target TEXT NOT NULL CHECK (target IN ('plan', 'commitment', 'text')),
  -- Commitments live in the plan's Yjs document: no foreign key.
  commitment_id TEXT,
  -- For 'text': the field path (e.g. 'commitments/<id>/problem'), the Yjs relative positions of the
  -- passage's start and end (base64, opaque to the server) and the passage as it was quoted.
  field TEXT,
  anchor_start TEXT,
  anchor_end TEXT,
  quote TEXT,
  created_at INTEGER NOT NULL,
  CHECK (target <> 'plan' OR (commitment_id IS NULL AND field IS NULL)),
  CHECK (target <> 'commitment' OR (commitment_id IS NOT NULL AND field IS NULL)),
  CHECK ((target = 'text') = (field IS NOT NULL AND anchor_start IS NOT NULL AND anchor_end IS NOT NULL AND quote IS NOT NULL))
);
CREATE INDEX comment_threads_workspace ON comment_threads(workspace_id, created_at);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  -- The author's sector when they wrote it: the evidence counts it that way even if it changes later.
  author_sector TEXT NOT NULL CHECK (author_sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  withdrawn_at INTEGER,
  hidden_at INTEGER,
  hidden_by TEXT REFERENCES users(id),
  hidden_reason TEXT,
  CHECK ((hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX comments_thread ON comments(thread_id, created_at);

-- Each edit keeps the text it replaced.
CREATE TABLE comment_edits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  comment_id TEXT NOT NULL REFERENCES comments(id),
  previous_body TEXT NOT NULL,
  edited_at INTEGER NOT NULL
);
CREATE INDEX comment_edits_comment ON comment_edits(comment_id, id);

-- Reasoned responses: a revision is a new row; the latest is the thread's status.
CREATE TABLE comment_responses (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id),
  status TEXT NOT NULL CHECK (status IN ('accepted', 'partly_accepted', 'not_accepted', 'answered')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  author_id TEXT NOT NULL REFERENCES users(id),
  author_sector TEXT NOT NULL CHECK (author_sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  created_at INTEGER NOT NULL
);
CREATE INDEX comment_responses_thread ON comment_responses(thread_id, created_at);

CREATE TRIGGER comment_threads_no_delete BEFORE DELETE ON comment_threads
BEGIN SELECT RAISE(ABORT, 'comments are never deleted'); END;
CREATE TRIGGER comment_threads_no_update BEFORE UPDATE ON comment_threads
BEGIN SELECT RAISE(ABORT, 'a thread''s target and anchor never change'); END;
CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
BEGIN SELECT RAISE(ABORT, 'comments are never deleted'); END;
-- Only the text (with its edit time), withdrawal and hiding may change, each once set stays set.
CREATE TRIGGER comments_keep_record BEFORE UPDATE ON comments
WHEN NEW.id IS NOT OLD.id OR NEW.thread_id IS NOT OLD.thread_id OR NEW.author_id IS NOT OLD.author_id
  OR NEW.author_sector IS NOT OLD.author_sector OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS NOT OLD.withdrawn_at)
  OR (OLD.hidden_at IS NOT NULL AND NEW.hidden_at IS NOT OLD.hidden_at)
BEGIN SELECT RAISE(ABORT, 'a comment''s record only grows'); END;
CREATE TRIGGER comment_edits_no_update BEFORE UPDATE ON comment_edits
BEGIN SELECT RAISE(ABORT, 'edit history is append-only'); END;
CREATE TRIGGER comment_edits_no_delete BEFORE DELETE ON comment_edits
BEGIN SELECT RAISE(ABORT, 'edit history is append-only'); END;
CREATE TRIGGER comment_responses_no_update BEFORE UPDATE ON comment_responses
BEGIN SELECT RAISE(ABORT, 'responses are append-only: a revision is a new response'); END;
CREATE TRIGGER comment_responses_no_delete BEFORE DELETE ON comment_responses
BEGIN SELECT RAISE(ABORT, 'responses are append-only: a revision is a new response'); END;
