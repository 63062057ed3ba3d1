-- The update log in one B-tree. doc_updates kept its rows in a rowid table plus a (doc_name, seq)
-- index, so every commit wrote two pages to the WAL (and a third, sqlite_sequence, for
-- AUTOINCREMENT). doc_log is clustered on (doc_id, seq): appending to a document touches one leaf.
-- Names map to small integer ids so the key stays short. Seqs are per document from now on: the
-- next is one past the larger of the log's last seq and the snapshot's through_seq, so a seq is
-- still never reused after compaction. Existing rows keep their seqs, which increase per document.
-- Snapshots and contributions are written only at compaction and keep their doc_name keys.

CREATE TABLE doc_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE doc_log (
  doc_id INTEGER NOT NULL REFERENCES doc_names(id),
  seq INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

INSERT INTO doc_names (name) SELECT DISTINCT doc_name FROM doc_updates ORDER BY doc_name;

INSERT INTO doc_log (doc_id, seq, user_id, data, created_at)
  SELECT doc_names.id, doc_updates.seq, doc_updates.user_id, doc_updates.data, doc_updates.created_at
  FROM doc_updates JOIN doc_names ON doc_names.name = doc_updates.doc_name;

DROP TABLE doc_updates;
