-- Collaborative documents (Yjs): per document, a snapshot plus the log of updates since it.
-- A document's state is its snapshot with every later log row applied in seq order.

CREATE TABLE doc_snapshots (
  doc_name TEXT PRIMARY KEY,
  state BLOB NOT NULL,
  -- The last log seq folded into `state`; rows up to it were deleted in the same transaction.
  through_seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- AUTOINCREMENT: a seq is never reused after compaction deletes rows, so `seq > through_seq`
-- always means "not yet in the snapshot".
-- No foreign key on user_id: authorship outlives accounts, and one missing user must not fail
-- the group commit of everyone's updates.
CREATE TABLE doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_name TEXT NOT NULL,
  user_id TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX doc_updates_doc ON doc_updates(doc_name, seq);

-- Who wrote how much, kept when compaction folds log rows into the snapshot.
CREATE TABLE doc_contributions (
  doc_name TEXT NOT NULL,
  user_id TEXT NOT NULL,
  updates INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (doc_name, user_id)
) WITHOUT ROWID;
