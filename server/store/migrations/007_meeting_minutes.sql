-- The minutes of an ended meeting, kept in the workspace's records: written in the same
-- transaction as the end, from what the meeting recorded by then. Notes and cards edited later do
-- not rewrite them: the triggers refuse any change, even to direct SQL.

CREATE TABLE meeting_minutes (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
  -- JSON: the Minutes as served by the API (see shared/meetings.ts).
  content TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users(id)
);

CREATE TRIGGER meeting_minutes_no_update BEFORE UPDATE ON meeting_minutes
BEGIN SELECT RAISE(ABORT, 'minutes_immutable: recorded minutes never change'); END;

CREATE TRIGGER meeting_minutes_no_delete BEFORE DELETE ON meeting_minutes
BEGIN SELECT RAISE(ABORT, 'minutes_immutable: recorded minutes are never removed'); END;
