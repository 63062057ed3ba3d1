-- Votes of the forum and their ballots. A closed vote, its frozen result and its ballots never
-- change: the triggers below refuse it even to code that forgets to check.

CREATE TABLE votes (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('approve', 'prioritise', 'consent')),
  -- JSON [{id, label}] for prioritise votes, '[]' otherwise.
  options TEXT NOT NULL DEFAULT '[]',
  max_choices INTEGER CHECK (max_choices IS NULL OR max_choices >= 1),
  -- Commitments live in the plan's Yjs document and meetings may come later: no foreign keys.
  commitment_id TEXT,
  meeting_id TEXT,
  eligibility TEXT NOT NULL CHECK (eligibility IN ('commenter', 'drafter')),
  secrecy TEXT NOT NULL CHECK (secrecy IN ('open', 'secret')),
  tallies TEXT NOT NULL CHECK (tallies IN ('live', 'after_close')),
  quorum INTEGER CHECK (quorum IS NULL OR quorum >= 1),
  closes_at INTEGER,
  opened_by TEXT NOT NULL REFERENCES users(id),
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  -- NULL when the deadline closed it.
  closed_by TEXT REFERENCES users(id),
  -- The result (JSON), frozen at close together with the eligible count it holds.
  result TEXT,
  CHECK ((closed_at IS NULL) = (result IS NULL)),
  CHECK (secrecy = 'open' OR tallies = 'after_close')
);
CREATE INDEX votes_workspace ON votes(workspace_id, opened_at);

CREATE TABLE ballots (
  vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  -- The voter's sector when they last cast it: the result is broken down by it.
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  -- JSON array of choices (one for approve and consent; up to K option ids for prioritise).
  choices TEXT NOT NULL,
  reason TEXT,
  cast_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- One ballot per member and vote, whatever the application does.
  UNIQUE (vote_id, user_id)
);

CREATE TRIGGER ballots_insert_while_open BEFORE INSERT ON ballots
WHEN (SELECT closed_at FROM votes WHERE id = NEW.vote_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'vote_closed: ballots of a closed vote never change'); END;

CREATE TRIGGER ballots_update_while_open BEFORE UPDATE ON ballots
WHEN (SELECT closed_at FROM votes WHERE id = OLD.vote_id) IS NOT NULL
  OR (SELECT closed_at FROM votes WHERE id = NEW.vote_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'vote_closed: ballots of a closed vote never change'); END;

CREATE TRIGGER ballots_delete_while_open BEFORE DELETE ON ballots
WHEN (SELECT closed_at FROM votes WHERE id = OLD.vote_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'vote_closed: ballots of a closed vote never change'); END;

CREATE TRIGGER votes_closed_never_change BEFORE UPDATE ON votes
WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'vote_closed: a closed vote and its result never change'); END;

CREATE TRIGGER votes_closed_never_removed BEFORE DELETE ON votes
WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'vote_closed: a closed vote and its result never change'); END;
